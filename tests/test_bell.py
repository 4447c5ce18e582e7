"""The bell in the top bar: unread reminders, for the people who have tasks."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from apps.work.models import Notification


@pytest.fixture
def work_world(demo: Any, settings: Any, tmp_path: Any) -> Any:
    from apps.work.tests.world import WorkWorld

    settings.WORK_FILES_DIR = tmp_path
    return WorkWorld(demo)


def test_the_bell_counts_unread_reminders_and_links_to_them(demo: Any, work_world: Any) -> None:
    focal = demo.user("focal")
    page = demo.client("focal").get("/").content.decode()
    assert 'data-testid="bell"' in page and 'data-testid="bell-count"' not in page
    Notification.objects.create(
        user=focal,
        task=work_world.task,
        kind="before",
        days=7,
        due=dt.date(2026, 12, 15),
        message="Sắp đến hạn",
    )
    page = demo.client("focal").get("/").content.decode()
    count = page.split('data-testid="bell-count">', 1)[1].split("<", 1)[0]
    assert count == "1"
    assert "1 nhắc việc chưa đọc" in page
    # someone else's reminder is not counted
    assert 'data-testid="bell-count"' not in demo.client("leader").get("/").content.decode()


def test_no_bell_before_logging_in(db: Any) -> None:
    from django.test import Client

    assert 'data-testid="bell"' not in Client().get("/login/").content.decode()
