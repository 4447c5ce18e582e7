import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from apps.accounts.demo import DEMO_USERS, EXTRA_MEMBERSHIPS, load_demo
from apps.accounts.models import Membership, User

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_demo_loader_is_refused_outside_demo_mode(settings: Any) -> None:
    settings.DEMO_MODE = False
    settings.DEBUG = True  # debug pages do not make published passwords safe
    with pytest.raises(ImproperlyConfigured):
        load_demo()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_demo_command_prints_logins_and_is_idempotent(settings: Any) -> None:
    settings.DEMO_MODE = True
    out = StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    call_command("load_demo", "--if-empty", stdout=out)
    assert User.objects.count() == len(DEMO_USERS)
    assert Membership.objects.count() == len(DEMO_USERS) + len(EXTRA_MEMBERSHIPS)
    assert "binhdang-demo" in out.getvalue()
    assert "congchuc" in out.getvalue()


def _run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "binhdang.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_deploy_check_is_clean_with_production_settings() -> None:
    env = {
        "DEBUG": "0",
        "SECRET_KEY": "k3y-" + "x7Qp9#Lm2@Zr5!Vb8$Nc4%Wd6^Hf1&Jt" * 2,
        "ALLOWED_HOSTS": "binhdang.example.vn",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    result = _run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_a_secret_key_one_is_generated_once_and_kept_private(tmp_path: Path) -> None:
    env = {"SECRET_KEY": "", "BINHDANG_VAR_DIR": str(tmp_path), "DATABASE_URL": "sqlite:///:memory:"}
    show = ("shell", "--no-imports", "-c", "from django.conf import settings; print(settings.SECRET_KEY)")
    first, second = _run_manage(*show, env=env), _run_manage(*show, env=env)
    assert first.returncode == 0, first.stderr
    key_file = tmp_path / "secret_key"
    assert first.stdout.strip() == second.stdout.strip() == key_file.read_text().strip()
    assert len(first.stdout.strip()) >= 50
    assert key_file.stat().st_mode & 0o777 == 0o600
