import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from apps.accounts.demo import DEMO_USERS, load_demo
from apps.accounts.models import Membership, User

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_demo_loader_is_refused_when_debug_is_off(settings: Any) -> None:
    settings.DEBUG = False
    with pytest.raises(ImproperlyConfigured):
        load_demo()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_demo_command_prints_logins_and_is_idempotent(settings: Any) -> None:
    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    call_command("load_demo", "--if-empty", stdout=out)
    assert User.objects.count() == len(DEMO_USERS)
    assert Membership.objects.count() == len(DEMO_USERS)
    assert "binhdang-demo" in out.getvalue()
    assert "congchuc" in out.getvalue()


def _run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **env},
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


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = _run_manage("check", env={"DEBUG": "0", "SECRET_KEY": "", "DATABASE_URL": "sqlite:///:memory:"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
