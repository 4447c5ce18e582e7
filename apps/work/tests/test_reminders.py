"""Reminders: 7 and 1 days before a deadline (per unit) and when overdue, to the lead
agency's focal persons and the commune officer, in the app and by e-mail, exactly once
however often the job runs and however many workers run it at once."""

from __future__ import annotations

import datetime as dt
import threading
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from apps.work.models import Notification, TaskStatus
from apps.work.reminders import reminder_due, send_reminders, set_reminder_days
from apps.work.services import post_progress
from apps.work.tests.world import WorkWorld

DEADLINE = dt.date(2026, 12, 15)  # the world's task of the women's union


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2026, 12, 1), None),  # 14 days left
        (dt.date(2026, 12, 8), ("before", 7)),
        (dt.date(2026, 12, 10), ("before", 7)),  # a missed day is caught up
        (dt.date(2026, 12, 14), ("before", 1)),
        (dt.date(2026, 12, 15), ("before", 1)),
        (dt.date(2026, 12, 16), ("overdue", 0)),
    ],
)
def test_which_reminder_a_day_calls_for(today: dt.date, expected: Any) -> None:
    assert reminder_due(DEADLINE, today, [7, 1]) == expected


def _with_emails(demo: Any) -> None:
    for persona in ("owner", "focal", "leader"):
        user = demo.user(persona)
        user.email = f"{user.username}@example.vn"
        user.save()


def _mine(demo: Any, persona: str) -> list[tuple[str, int]]:
    return list(
        Notification.objects.filter(user=demo.user(persona)).order_by("pk").values_list("kind", "days")
    )


@pytest.mark.django_db
def test_reminders_go_out_once_each_to_the_focal_person_and_the_officer(work_world: Any, demo: Any) -> None:
    _with_emails(demo)
    for day in (dt.date(2026, 12, 8), dt.date(2026, 12, 8), dt.date(2026, 12, 10)):
        with time_machine.travel(dt.datetime.combine(day, dt.time(6)), tick=False):
            send_reminders()
    mine = [n for n in Notification.objects.all() if n.task_id == work_world.task.pk]
    assert sorted(n.user.username for n in mine) == ["congchuc", "daumoi"]
    assert len([m for m in mail.outbox if "Tuyên truyền phòng" in m.body]) == 2
    for day in (dt.date(2026, 12, 14), dt.date(2026, 12, 15), dt.date(2026, 12, 16), dt.date(2026, 12, 20)):
        send_reminders(day)
        send_reminders(day)
    task_reminders = Notification.objects.filter(task=work_world.task, user=demo.user("focal"))
    assert list(task_reminders.order_by("pk").values_list("kind", "days")) == [
        ("before", 7),
        ("before", 1),
        ("overdue", 0),
    ]
    # the leader and the police's focal persons are not reminded of the women's union's task
    assert not Notification.objects.filter(task=work_world.task, user=demo.user("leader")).exists()
    assert len([m for m in mail.outbox if "Tuyên truyền phòng" in m.body]) == 6
    assert all(n.emailed_at is not None for n in Notification.objects.filter(task=work_world.task))


@pytest.mark.django_db
def test_done_tasks_are_not_reminded_and_units_choose_their_days(work_world: Any, demo: Any) -> None:
    post_progress(work_world.task, actor=demo.user("focal"), status=TaskStatus.DONE, percent=None)
    send_reminders(dt.date(2026, 12, 16))
    assert not Notification.objects.filter(task=work_world.task).exists()
    set_reminder_days(demo.commune, actor=demo.user("owner"), days=[3])
    assert not send_reminders(dt.date(2026, 11, 26))  # the police's task is due 1/12: 5 days
    made = send_reminders(dt.date(2026, 11, 28))
    assert {(n.task_id, n.kind, n.days) for n in made} == {(work_world.other_task.pk, "before", 3)}


@pytest.mark.django_db
def test_the_bell_counts_unread_reminders_and_marks_them_read(work_world: Any, demo: Any) -> None:
    send_reminders(dt.date(2026, 12, 8))
    client = demo.client("focal")
    page = client.get(reverse("work:my_work")).content.decode()
    assert "Nhắc việc (1)" in page
    listed = client.get(reverse("work:reminders")).content.decode()
    assert "Tuyên truyền phòng, chống bạo lực gia đình" in listed
    assert client.post(reverse("work:reminders")).status_code == 302
    assert "Nhắc việc (1)" not in client.get(reverse("work:my_work")).content.decode()
    # someone else's reminders stay unread
    assert (
        Notification.objects.filter(user=demo.user("owner"), read_at=None).count() == 2
    )  # + the overdue police task


@pytest.mark.django_db
def test_the_command_for_cron(work_world: Any, demo: Any) -> None:
    out = StringIO()
    call_command("send_reminders", "--date", "2026-12-08", stdout=out)
    call_command("send_reminders", "--date", "2026-12-08", stdout=out)
    assert out.getvalue().splitlines() == ["3 reminder(s) sent", "0 reminder(s) sent"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_the_same_moment_send_each_reminder_once(
    demo: Any, settings: Any, tmp_path: Any
) -> None:
    settings.WORK_FILES_DIR = tmp_path
    world = WorkWorld(demo)
    _with_emails(demo)
    workers = 4
    barrier = threading.Barrier(workers)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait()
            send_reminders(dt.date(2026, 12, 8))
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Notification.objects.filter(task=world.task).count() == 2
    assert len([m for m in mail.outbox if "Tuyên truyền phòng" in m.body]) == 2


@pytest.mark.django_db
def test_a_reminder_email_links_to_the_task_when_the_site_address_is_set(
    work_world: Any, demo: Any, settings: Any
) -> None:
    _with_emails(demo)
    settings.SITE_URL = "https://binhdang.haiphong.example.vn"
    send_reminders(dt.date(2026, 12, 8))
    sent = [m.body for m in mail.outbox if "Tuyên truyền phòng" in m.body]
    task_page = reverse("work:task_detail", args=[work_world.task.pk])
    assert sent and all(f"https://binhdang.haiphong.example.vn{task_page}" in body for body in sent)
