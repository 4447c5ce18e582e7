"""Due dates of periodic reports on the calendar, and their reminders: a commune officer is reminded before the due date and
once overdue of a report not sent (missing, draft or returned), through the work app's
daily job, exactly once; a sent report, other people and old periods are left alone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from apps.indicators import services
from apps.indicators.models import ReportForm
from apps.indicators.reporting.inbox import due_of, status_label
from apps.indicators.reporting.periods import Period
from apps.indicators.tests.world import ReportWorld, province_officer
from apps.work.agenda import entries_for
from apps.work.models import Notification
from apps.work.reminders import send_reminders


def due(demo: Any, period: str, form: str = "BD-6T") -> dt.date:
    return due_of(ReportForm.objects.get(code=form), demo.province, Period.parse(period)).date


def about(demo: Any, period: str, form: str = "BD-6T") -> Any:
    return Notification.objects.filter(subject=f"report:{form}:{period}:{demo.commune.code}")


@pytest.mark.django_db
def test_the_commune_officer_is_reminded_of_an_unsent_report_once_each_step(demo: Any) -> None:
    deadline = due(demo, "2026S2")
    for day in (deadline - dt.timedelta(days=8), deadline - dt.timedelta(days=7)):
        send_reminders(day)
        send_reminders(day)
    reminded = about(demo, "2026S2")
    assert [(n.user.username, n.kind, n.days) for n in reminded] == [("congchuc", "before", 7)]
    message = reminded.get().message
    assert "Second half of 2026" in message or "6 tháng cuối năm 2026" in message
    assert f"{deadline:%d/%m/%Y}" in message
    # the bell's list links to the reports page, where the officer opens the period
    client = demo.client("owner")
    page = client.get(reverse("work:reminders")).content.decode()
    assert f'href="{reverse("indicators:reports")}"' in page
    assert client.get(reverse("indicators:reports")).status_code == 200
    send_reminders(deadline)
    send_reminders(deadline + dt.timedelta(days=1))
    send_reminders(deadline + dt.timedelta(days=2))
    assert list(about(demo, "2026S2").order_by("pk").values_list("kind", "days")) == [
        ("before", 7),
        ("before", 1),
        ("overdue", 0),
    ]
    # focal persons, the leader and the province are not the ones who send the report
    for persona in ("focal", "leader", "province"):
        assert not Notification.objects.filter(
            user=demo.user(persona), subject__startswith="report:"
        ).exists()


@pytest.mark.django_db
def test_a_sent_report_is_not_reminded_a_returned_one_is(demo: Any) -> None:
    world = ReportWorld(demo)
    deadline = due(demo, "2026S1")
    services.submit(world.submission, actor=demo.user("owner"))
    send_reminders(deadline - dt.timedelta(days=7))
    assert not about(demo, "2026S1").exists()
    services.return_submission(world.submission, "Thiếu số liệu thôn 3.", actor=province_officer(demo))
    send_reminders(deadline - dt.timedelta(days=1))
    assert list(about(demo, "2026S1").values_list("kind", "days")) == [("before", 1)]


@pytest.mark.django_db
def test_a_report_long_overdue_is_left_to_the_province(demo: Any) -> None:
    deadline = due(demo, "2026S1")
    send_reminders(deadline + dt.timedelta(days=60))
    assert not about(demo, "2026S1").exists()
    send_reminders(deadline + dt.timedelta(days=30))
    assert list(about(demo, "2026S1").values_list("kind", flat=True)) == ["overdue"]


@pytest.mark.django_db
def test_the_calendar_shows_each_reports_due_date_and_where_it_stands(demo: Any) -> None:
    world = ReportWorld(demo)
    deadline = due(demo, "2026S1")
    day = dt.date(deadline.year, deadline.month, 1)
    month = (day, (day + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1))
    mine = [e for e in entries_for(demo.user("owner"), *month) if e.uid.startswith("report:")]
    assert [(e.start, e.uid, e.url) for e in mine] == [
        (
            deadline,
            f"report:BD-6T:2026S1:{demo.commune.code}",
            reverse("indicators:submission", args=[world.submission.pk]),
        )
    ]
    assert mine[0].detail == str(status_label(world.submission.status))
    # the province's calendar has the same date, opening its inbox of that period
    province = [e for e in entries_for(demo.user("province"), *month) if e.uid.startswith("report:")]
    assert [e.start for e in province] == [deadline]
    assert province[0].url == reverse("indicators:reports") + "?form=BD-6T&period=2026S1"
    # the annual report of 2026 is due in January 2027, on the list of that month only
    annual = due(demo, "2026", "BD-NAM")
    january = entries_for(demo.user("owner"), annual.replace(day=1), annual.replace(day=28))
    assert [e.uid for e in january if e.uid.startswith("report:BD-NAM")] == [
        f"report:BD-NAM:2026:{demo.commune.code}"
    ]
    assert not [e for e in entries_for(demo.user("owner"), *month) if "BD-NAM" in e.uid]


@pytest.mark.django_db
def test_people_who_do_not_read_the_communes_reports_see_none_of_its_report_dates(demo: Any) -> None:
    deadline = due(demo, "2026S1")
    # the case worker has no access to reports; another commune's officer sees their own
    assert not [e for e in entries_for(demo.user("caseworker"), deadline, deadline) if e.kind == "report"]
    theirs = [
        e for e in entries_for(demo.user("outsider"), deadline, deadline) if e.uid.startswith("report:")
    ]
    assert theirs and not [e for e in theirs if demo.commune.code in e.uid]
    listed = (
        demo.client("owner").get(reverse("work:calendar"), {"month": f"{deadline:%Y-%m}"}).content.decode()
    )
    assert 'data-testid="entry-report"' in listed and f'href="{reverse("indicators:reports")}"' in listed


@pytest.mark.django_db
def test_the_reminder_email_links_to_the_reports_page_when_the_site_address_is_set(
    demo: Any, settings: Any
) -> None:
    from django.core import mail

    officer = demo.user("owner")
    officer.email = "congchuc@hatay.example.vn"
    officer.save()
    deadline = due(demo, "2026S2")
    settings.SITE_URL = "https://binhdang.haiphong.example.vn"
    send_reminders(deadline - dt.timedelta(days=7))
    settings.SITE_URL = ""
    send_reminders(deadline)
    first, second = (
        next(m.body for m in mail.outbox if m.to == [officer.email] and m.body.startswith(n.message))
        for n in about(demo, "2026S2").order_by("pk")
    )
    assert f"https://binhdang.haiphong.example.vn{reverse('indicators:reports')}" in first
    # without the site's address the e-mail still says what is due, with no broken link
    assert f"{deadline:%d/%m/%Y}" in second and "http" not in second
