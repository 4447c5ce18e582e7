"""Evidence chosen in a progress form that comes back with an error is not lost: it is held
for the session, shown as "Đã chọn: …" with a remove button, and attached when the form is
saved; a token of another session or user attaches nothing."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from apps.work.demo import demo_photo
from apps.work.models import Evidence, ProgressUpdate, TaskStatus
from core import held_uploads

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="evidence_held" value="([^"]+)"')


def _photo(name: str = "buoi-noi-chuyen.jpg", caption: str = "Thôn 2") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, demo_photo(caption), content_type="image/jpeg")


def _fail_with_file(client: Client, task: Any, upload: Any) -> tuple[str, str]:
    """A progress post whose percent is wrong, with one evidence file: (page, token)."""
    response = client.post(
        reverse("work:task_progress", args=[task.pk]),
        {"status": "in_progress", "percent": "180", "note": "Đã nói chuyện ở Thôn 2", "evidence": [upload]},
    )
    assert response.status_code == 200
    page = response.content.decode()
    tokens = TOKEN.findall(page)
    assert len(tokens) == 1
    return page, tokens[0]


def _held_files() -> list[Path]:
    base = Path(settings.WORK_FILES_DIR) / "held"
    return [p for p in base.rglob("*") if p.is_file() and p.suffix in (".jpg", ".png", ".pdf")]


def test_a_failed_progress_post_keeps_the_chosen_file_and_saving_attaches_it(
    work_world: Any, demo: Any
) -> None:
    task = work_world.task
    client = demo.client("focal")
    page, token = _fail_with_file(client, task, _photo())
    assert "Đã chọn: buoi-noi-chuyen.jpg" in page
    assert "Đã nói chuyện ở Thôn 2" in page  # what was typed stays too
    assert not Evidence.objects.filter(file_name="buoi-noi-chuyen.jpg").exists()
    assert len(_held_files()) == 1

    response = client.post(
        reverse("work:task_progress", args=[task.pk]),
        {
            "status": "in_progress",
            "percent": "80",
            "note": "Đã nói chuyện ở Thôn 2",
            "evidence_held": [token],
        },
    )
    assert response.status_code == 302
    update = ProgressUpdate.objects.filter(task=task).latest("pk")
    assert update.percent == 80
    item = update.evidence.get()
    assert item.file_name == "buoi-noi-chuyen.jpg" and item.file_type == "jpg"
    assert (Path(settings.WORK_FILES_DIR) / item.file_path).is_file()
    assert _held_files() == []  # the held copy is gone once saved


def test_the_same_file_chosen_again_is_attached_once(work_world: Any, demo: Any) -> None:
    task = work_world.task
    client = demo.client("focal")
    _page, token = _fail_with_file(client, task, _photo())
    response = client.post(
        reverse("work:task_progress", args=[task.pk]),
        {
            "status": "in_progress",
            "percent": "70",
            "evidence_held": [token],
            "evidence": [_photo(), _photo("bien-ban.jpg", "Biên bản")],
        },
    )
    assert response.status_code == 302
    names = sorted(
        ProgressUpdate.objects.filter(task=task).latest("pk").evidence.values_list("file_name", flat=True)
    )
    assert names == ["bien-ban.jpg", "buoi-noi-chuyen.jpg"]


def test_a_removed_file_is_not_attached(work_world: Any, demo: Any) -> None:
    task = work_world.task
    client = demo.client("focal")
    _page, token = _fail_with_file(client, task, _photo())
    response = client.post(
        reverse("work:task_progress", args=[task.pk]),
        {"status": "in_progress", "percent": "70", "evidence_held": [token], "evidence_remove": [token]},
    )
    assert response.status_code == 302
    assert not ProgressUpdate.objects.filter(task=task).latest("pk").evidence.exists()
    assert _held_files() == []


def test_a_token_of_another_user_or_session_attaches_nothing(work_world: Any, demo: Any) -> None:
    task = work_world.task
    _page, token = _fail_with_file(demo.client("focal"), task, _photo())
    before = (ProgressUpdate.objects.count(), Evidence.objects.count())
    for persona in ("owner", "focal"):  # the officer of the unit, and the same person in another browser
        response = demo.client(persona).post(
            reverse("work:task_progress", args=[task.pk]),
            {"status": "in_progress", "percent": "90", "evidence_held": [token]},
        )
        assert response.status_code == 200
        assert "không còn được giữ" in response.content.decode()
        assert TOKEN.findall(response.content.decode()) == []
    forged = demo.client("focal").post(
        reverse("work:task_progress", args=[task.pk]),
        {"status": "in_progress", "percent": "90", "evidence_held": ["../../etc/passwd"]},
    )
    assert forged.status_code == 200
    assert (ProgressUpdate.objects.count(), Evidence.objects.count()) == before
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS and task.percent == 50
    assert len(_held_files()) == 1  # the owner's file is still waiting for its owner


def test_a_token_held_for_another_task_is_not_attached_here(work_world: Any, demo: Any) -> None:
    client = demo.client("owner")  # the commune officer reports on every task of the commune
    _page, token = _fail_with_file(client, work_world.task, _photo())
    other = work_world.other_task
    response = client.post(
        reverse("work:task_progress", args=[other.pk]),
        {"status": "in_progress", "percent": "10", "evidence_held": [token]},
    )
    assert response.status_code == 200 and "không còn được giữ" in response.content.decode()
    assert not ProgressUpdate.objects.filter(task=other).exists()
    # and on its own task the same token still attaches the file
    response = client.post(
        reverse("work:task_progress", args=[work_world.task.pk]),
        {"status": "in_progress", "percent": "60", "evidence_held": [token]},
    )
    assert response.status_code == 302
    assert Evidence.objects.filter(update__task=work_world.task, file_name="buoi-noi-chuyen.jpg").exists()


def test_a_refused_file_is_named_and_the_good_one_is_held(work_world: Any, demo: Any) -> None:
    forged = SimpleUploadedFile(
        "anh.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg"
    )
    response = demo.client("focal").post(
        reverse("work:task_progress", args=[work_world.task.pk]),
        {"status": "done", "note": "Giữ lại", "evidence": [_photo("ok.jpg"), forged]},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("anh.jpg: ") == 1  # said once, not once per check
    assert "Đã chọn: ok.jpg" in page and "Đã chọn: anh.jpg" not in page


def test_held_files_are_cleaned_up_after_a_day(work_world: Any, demo: Any) -> None:
    _fail_with_file(demo.client("focal"), work_world.task, _photo())
    assert held_uploads.sweep() == 0
    assert held_uploads.sweep(now=time.time() + held_uploads.KEEP_FOR.total_seconds() + 60) == 1
    assert _held_files() == []


def test_a_session_holds_a_limited_number_of_files(work_world: Any, demo: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(held_uploads, "MAX_FILES", 1)
    client = demo.client("focal")
    response = client.post(
        reverse("work:task_progress", args=[work_world.task.pk]),
        {"status": "in_progress", "percent": "180", "evidence": [_photo("a.jpg", "a"), _photo("b.jpg", "b")]},
    )
    page = response.content.decode()
    assert "Đã chọn: a.jpg" in page and "Đã chọn: b.jpg" not in page
    assert "b.jpg: Có quá nhiều tệp đang chờ lưu" in page
