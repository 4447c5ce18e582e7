"""Completeness and timeliness as DHIS2 counts them, around the due date in Vietnam's
time (a report sent at 23:59 on the due date is on time, one sent at 00:00 the next day
is late, although both fall on the due date in UTC); the last submission decides; a
returned report is not complete; only active communes are expected; the due date comes
from the province's issued plan when it gives one for the period."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError

from apps.accounts.demo import SYSTEM
from apps.geo.models import AdministrativeUnit, Level
from apps.indicators import services
from apps.indicators.models import DueSource, ReportingPeriod, Status, Submission
from apps.indicators.reporting import completeness
from apps.indicators.tests.world import ReportWorld
from apps.plans import content as plan_content
from apps.plans.models import ReportingDeadline
from apps.plans.services import create_plan

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
FIGURES = {("BD-C02", ""): 40, ("BD-C02", "sex:female"): 25}


@pytest.fixture
def world(demo: Any) -> ReportWorld:
    return ReportWorld(demo)


def due_of(world: ReportWorld) -> dt.date:
    return ReportingPeriod.objects.get(form=world.form, province=world.demo.province, period="2026S1").due


def at(day: dt.date, hour: int, minute: int, second: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=HCM)


def submitted_at(world: ReportWorld, when: dt.datetime, unit: AdministrativeUnit | None = None) -> Submission:
    with time_machine.travel(when, tick=False):
        if unit is None:
            return services.submit(world.submission, actor=world.demo.user("owner"))
        return services.submit(world.filled(unit, FIGURES), actor=SYSTEM)


def status_of(world: ReportWorld, unit: AdministrativeUnit, today: dt.date) -> completeness.UnitStatus:
    rows = completeness.by_unit(world.form, world.demo.province, "2026S1", today)
    return next(row for row in rows if row.unit == unit)


def expected_communes(world: ReportWorld) -> int:
    """Counted from the data the demo made: the province's active communes."""
    return AdministrativeUnit.objects.filter(
        parent=world.demo.province, level=Level.COMMUNE, is_active=True
    ).count()


def test_the_time_zone_is_vietnams() -> None:
    assert django_settings.TIME_ZONE == "Asia/Ho_Chi_Minh" and django_settings.USE_TZ


def test_sent_at_2359_on_the_due_date_is_on_time(world: ReportWorld) -> None:
    due = due_of(world)
    submission = submitted_at(world, at(due, 23, 59, 59))
    assert submission.on_time
    rates = completeness.rates(world.form, world.demo.province, "2026S1")
    assert (rates.completed, rates.on_time) == (1, 1)
    row = status_of(world, world.demo.commune, due + dt.timedelta(days=30))
    assert row.on_time and not row.late


def test_sent_at_midnight_after_the_due_date_is_late(world: ReportWorld) -> None:
    due = due_of(world)
    when = at(due + dt.timedelta(days=1), 0, 0)
    assert when.astimezone(dt.UTC).date() == due  # still the due date in UTC
    submission = submitted_at(world, when)
    assert not submission.on_time
    rates = completeness.rates(world.form, world.demo.province, "2026S1")
    assert (rates.completed, rates.on_time) == (1, 0)
    # one of the province's communes complete, none on time
    assert (rates.completeness, rates.timeliness) == (round(100 / expected_communes(world), 1), 0)
    row = status_of(world, world.demo.commune, due + dt.timedelta(days=1))
    assert row.late and not row.on_time


def test_returned_then_sent_again_after_the_due_date_is_late(world: ReportWorld) -> None:
    due = due_of(world)
    province = world.demo.user("province")
    first = submitted_at(world, at(due - dt.timedelta(days=3), 10, 0))
    assert first.on_time
    with time_machine.travel(at(due - dt.timedelta(days=1), 9, 0), tick=False):
        returned = services.return_submission(first, "Bổ sung số liệu", actor=province)
    # while it is back with the commune it is not complete
    rates = completeness.rates(world.form, world.demo.province, "2026S1")
    assert (rates.completed, rates.on_time, rates.returned) == (0, 0, 1)
    assert status_of(world, world.demo.commune, due).status == Status.RETURNED
    assert not status_of(world, world.demo.commune, due).late
    assert status_of(world, world.demo.commune, due + dt.timedelta(days=1)).late
    with time_machine.travel(at(due + dt.timedelta(days=2), 8, 0), tick=False):
        again = services.submit(returned, actor=world.demo.user("owner"))
    assert not again.on_time  # DHIS2 reads the last completion
    rates = completeness.rates(world.form, world.demo.province, "2026S1")
    assert (rates.completed, rates.on_time) == (1, 0)


def test_returned_and_sent_again_in_time_stays_on_time(world: ReportWorld) -> None:
    due = due_of(world)
    first = submitted_at(world, at(due - dt.timedelta(days=5), 10, 0))
    returned = services.return_submission(first, "Bổ sung", actor=world.demo.user("province"))
    with time_machine.travel(at(due, 16, 30), tick=False):
        again = services.submit(returned, actor=world.demo.user("owner"))
    assert again.on_time


def test_approved_counts_as_complete_and_its_approval_date_does_not_matter(world: ReportWorld) -> None:
    due = due_of(world)
    submission = submitted_at(world, at(due - dt.timedelta(days=1), 15, 0))
    with time_machine.travel(at(due + dt.timedelta(days=20), 9, 0), tick=False):
        approved = services.approve(submission, actor=world.demo.user("province"))
    assert approved.status == Status.APPROVED and approved.on_time
    rates = completeness.rates(world.form, world.demo.province, "2026S1")
    assert (rates.completed, rates.on_time, rates.approved) == (1, 1, 1)


def test_a_correction_after_the_due_date_makes_the_report_late(world: ReportWorld) -> None:
    # reopening clears the completion: the report counts as sent when it is sent again
    due = due_of(world)
    province = world.demo.user("province")
    approved = services.approve(submitted_at(world, at(due - dt.timedelta(days=4), 9, 0)), actor=province)
    with time_machine.travel(at(due + dt.timedelta(days=10), 9, 0), tick=False):
        reopened = services.reopen(approved, "Sửa số liệu", actor=province)
        assert completeness.rates(world.form, world.demo.province, "2026S1").completed == 0
        again = services.submit(reopened, actor=world.demo.user("owner"))
    assert not again.on_time


def test_expected_counts_only_the_active_communes(world: ReportWorld) -> None:
    province = world.demo.province
    active = AdministrativeUnit.objects.filter(parent=province, level=Level.COMMUNE, is_active=True)
    before = active.count()
    first, second = world.communes(2)
    due = due_of(world)
    submitted_at(world, at(due - dt.timedelta(days=2), 9, 0), first)
    submitted_at(world, at(due - dt.timedelta(days=2), 9, 0), second)
    assert completeness.rates(world.form, province, "2026S1").completed == 2
    AdministrativeUnit.objects.filter(pk=second.pk).update(is_active=False)  # merged away
    rates = completeness.rates(world.form, province, "2026S1")
    assert rates.expected == before - 1
    assert (rates.completed, rates.on_time) == (1, 1)
    assert second not in [row.unit for row in completeness.by_unit(world.form, province, "2026S1", due)]
    # the draft of Hà Tây and the missing reports of the others are not complete
    assert rates.draft == 1 and rates.not_started == before - 1 - 2
    assert rates.completeness == round(100 / (before - 1), 1)


def test_a_missing_report_is_late_only_once_the_due_date_has_passed(world: ReportWorld) -> None:
    due = due_of(world)
    unit = world.communes(1)[0]
    assert status_of(world, unit, due - dt.timedelta(days=1)).status == "missing"
    assert not status_of(world, unit, due - dt.timedelta(days=1)).late
    assert not status_of(world, unit, due).late
    assert status_of(world, unit, due + dt.timedelta(days=1)).late
    # a draft is as late as a missing report
    assert status_of(world, world.demo.commune, due + dt.timedelta(days=1)).late


def test_the_due_date_comes_from_the_issued_province_plan(demo_plans: Any) -> None:
    # the city plan of 2026 says: 6-month report by 15/6/2026, annual by 15/12/2026
    world = ReportWorld(demo_plans)
    province = demo_plans.province
    first_half = services.reporting_period(world.form, province, "2026S1")
    assert (first_half.due, first_half.due_source) == (dt.date(2026, 6, 15), DueSource.PLAN)
    year = services.reporting_period(world.annual, province, "2026")
    assert (year.due, year.due_source) == (dt.date(2026, 12, 15), DueSource.PLAN)
    # the plan's date is before the second half: that half gets the default date
    second_half = services.reporting_period(world.form, province, "2026S2")
    assert second_half.due == dt.date(2026, 12, 31) + dt.timedelta(days=world.form.due_days)
    assert second_half.due_source == DueSource.DEFAULT
    # no plan for 2025
    assert services.reporting_period(world.form, province, "2025S2").due == dt.date(2026, 1, 10)


def test_a_draft_plans_deadline_is_not_used(demo_plans: Any) -> None:
    province = demo_plans.province
    form = ReportWorld(demo_plans).form
    draft = create_plan(
        province, actor=SYSTEM, content=plan_content.blank(province, 2027, "Kế hoạch năm 2027"), note="t"
    )
    ReportingDeadline.objects.create(
        plan=draft, text="Báo cáo 6 tháng", period="6-month", due=dt.date(2027, 6, 20)
    )
    period = services.reporting_period(form, province, "2027S1")
    assert (period.due, period.due_source) == (dt.date(2027, 7, 10), DueSource.DEFAULT)


def test_without_a_plan_the_due_date_is_days_after_the_period(world: ReportWorld) -> None:
    period = services.reporting_period(world.annual, world.demo.province, "2026")
    assert period.due == dt.date(2026, 12, 31) + dt.timedelta(days=world.annual.due_days)
    assert period.due_source == DueSource.DEFAULT
    assert due_of(world) == dt.date(2026, 7, 10)


def test_timeliness_is_a_share_of_the_expected_reports_not_of_the_completed_ones(world: ReportWorld) -> None:
    # of the province's communes, one sends in time, one late, the others send nothing:
    # on time 1 of all expected (DHIS2), not 1 of the 2 that came in
    due = due_of(world)
    early, late = world.communes(2)
    submitted_at(world, at(due - dt.timedelta(days=1), 9, 0), early)
    submitted_at(world, at(due + dt.timedelta(days=3), 9, 0), late)
    expected = expected_communes(world)
    assert expected >= 4  # so that 1 of the expected differs from 1 of the 2 completed
    rates = completeness.rates(world.form, world.demo.province, "2026S1")
    assert (rates.expected, rates.completed, rates.on_time) == (expected, 2, 1)
    assert rates.timeliness == round(100 * 1 / expected, 1)
    assert rates.completeness == round(100 * 2 / expected, 1)


def test_a_refused_due_date_leaves_no_new_period_behind(world: ReportWorld) -> None:
    # one service opens the period and sets its date, in one transaction
    province = world.demo.province
    assert not ReportingPeriod.objects.filter(form=world.form, province=province, period="2025S2").exists()
    with pytest.raises(ValidationError):
        services.set_due_date(
            world.form,
            actor=world.demo.user("province"),
            province=province,
            period="2025S2",
            due=dt.date(2025, 6, 30),  # before the period starts
        )
    assert not ReportingPeriod.objects.filter(form=world.form, province=province, period="2025S2").exists()
    row = services.set_due_date(
        world.form,
        actor=world.demo.user("province"),
        province=province,
        period="2025S2",
        due=dt.date(2026, 1, 20),
    )
    assert (row.due, row.due_source) == (dt.date(2026, 1, 20), DueSource.SET)
