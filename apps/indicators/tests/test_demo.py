"""The reporting demo, loaded with the whole demo as `make run` loads it: Hà Tây's last
closed six-month report approved and its current one in draft, both pre-filled from its
activities; other Hải Phòng communes in every state, some late; the city's aggregates
equal to the sums of the approved reports."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from apps.accounts.demo import load_demo
from apps.accounts.models import User
from apps.activities import figures
from apps.geo.models import AdministrativeUnit
from apps.indicators import services
from apps.indicators.demo import OTHER_COMMUNES, load_indicator_demo
from apps.indicators.models import AggregateValue, DataValue, ReportForm, Status, Submission
from apps.indicators.reporting import aggregation, completeness
from apps.indicators.reporting.periods import Period
from apps.indicators.reporting.prefill import COMMUNICATION

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = dt.datetime(2026, 11, 23, 9, 30, tzinfo=HANOI)


def _load(settings: Any, when: dt.datetime) -> None:
    settings.DEMO_MODE = True
    with time_machine.travel(when, tick=False):
        load_demo()
    settings.DEMO_MODE = False


@pytest.fixture(scope="class")
def demo_today(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """The whole demo loaded once for the tests of a class, rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEMO_MODE=True), time_machine.travel(TODAY, tick=False):
            load_demo()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo_today: Any, db: Any) -> None:
    return None


def _home() -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(name="Xã Hà Tây", parent__name="Thành phố Hải Phòng")


def _values(submission: Submission) -> dict[tuple[str, str], DataValue]:
    return {(v.indicator.code, v.category): v for v in submission.values.select_related("indicator")}


class TestTheDemoLoadedOnTheTwentyThirdOfNovember:
    def test_the_city_aggregates_are_the_sums_of_the_approved_reports(self, loaded: None) -> None:
        assert aggregation.differences() == []
        out = StringIO()
        call_command("check_aggregates", stdout=out)
        assert "khớp" in out.getvalue()
        # and they are not empty: the approved reports of both periods are in them
        province = AdministrativeUnit.objects.get(name="Thành phố Hải Phòng")
        for code, period in (("BD-6T", "2026S1"), ("BD-NAM", "2025")):
            form = ReportForm.objects.get(code=code)
            approved = Submission.objects.filter(form=form, period=period, status=Status.APPROVED).count()
            row = AggregateValue.objects.get(
                form=form, province=province, period=period, indicator__code="BD-C01", category=""
            )
            assert approved >= 8 and row.contributors == approved

    def test_ha_tay_last_half_year_is_approved_and_prefilled_from_its_activities(self, loaded: None) -> None:
        home = _home()
        report = Submission.objects.get(unit=home, form__code="BD-6T", period="2026S1")
        assert report.status == Status.APPROVED
        assert report.approved_by_name == User.objects.get(username="sonoivu").full_name
        assert report.on_time
        history = list(report.history.order_by("at", "pk").values_list("action", "actor_name"))
        officer = User.objects.get(username="congchuc").full_name
        assert history[0] == ("opened", officer)
        assert ("submitted", officer) in history and history[-1][0] == "approved"
        assert [a for a, _name in history].count("returned") == 1

        counted = figures.participants_breakdown(
            home, dt.date(2026, 1, 1), dt.date(2026, 6, 30), kinds=COMMUNICATION
        )
        assert counted["total"] > 0
        values = _values(report)
        people = values[("BD-C02", "")]
        assert people.numerator == people.prefilled_numerator == counted["total"]
        assert values[("BD-C02", "sex:female")].numerator == counted["female"]
        assert values[("BD-C02", "sex:male")].numerator == counted["male"]
        # one figure corrected with its reason; the figures nobody counted were typed in
        sessions = values[("BD-C01", "")]
        assert sessions.numerator == counted["sessions"] + 2 and sessions.reason
        assert values[("BD-F01", "")].numerator and values[("BD-F01", "")].prefilled_numerator is None
        assert all(v.reason for v in values.values() if v.changed_from_prefill and v.numerator is not None)

    def test_ha_tay_current_half_year_is_a_prefilled_draft(self, loaded: None) -> None:
        home = _home()
        draft = Submission.objects.get(unit=home, form__code="BD-6T", period="2026S2")
        assert draft.status == Status.DRAFT and draft.completed_at is None
        counted = figures.participants_breakdown(
            home, dt.date(2026, 7, 1), dt.date(2026, 12, 31), kinds=COMMUNICATION
        )
        values = _values(draft)
        assert counted["total"] > 0
        assert (
            values[("BD-C02", "")].numerator == values[("BD-C02", "")].prefilled_numerator == counted["total"]
        )
        assert values[("BD-C01", "")].prefill_note
        assert ("BD-E01", "") in values  # a figure typed by the Women's Union
        assert not [f for f in services.findings(draft) if f.blocking]

    def test_the_other_communes_show_every_state_and_some_are_late(self, loaded: None) -> None:
        province = AdministrativeUnit.objects.get(name="Thành phố Hải Phòng")
        today = dt.date(2026, 11, 23)
        for code, period in (("BD-6T", "2026S1"), ("BD-NAM", "2025")):
            form = ReportForm.objects.get(code=code)
            rows = completeness.by_unit(form, province, period, today)
            statuses = {row.status for row in rows}
            assert {"approved", "submitted", "returned", "draft", "missing"} <= statuses
            reported = [row for row in rows if row.submission is not None]
            assert len(reported) >= 12
            completed = [row for row in reported if row.status in ("approved", "submitted")]
            assert any(row.late for row in completed) and any(row.on_time for row in completed)
            # a report that is not complete after its due date is late; one in time is not
            assert all(row.late for row in rows if row.status in ("missing", "draft", "returned"))
            assert all(not row.late for row in rows if row.on_time)
            rates = completeness.rates(form, province, period)
            assert 0 < rates.on_time < rates.completed < rates.expected
            assert rates.returned == 1 and rates.draft == 1
        returned = Submission.objects.get(form__code="BD-6T", period="2026S1", status=Status.RETURNED)
        assert returned.history.filter(action="returned").exclude(comment="").exists()
        assert len(OTHER_COMMUNES) >= 12

    def test_dates_of_the_history_are_in_the_past_and_in_order(self, loaded: None) -> None:
        now = TODAY
        for submission in Submission.objects.prefetch_related("history"):
            times = [e.at for e in sorted(submission.history.all(), key=lambda e: e.pk)]
            assert times == sorted(times) and times[-1] < now
            assert submission.created_at <= times[0]
            if submission.completed_at is not None:
                assert submission.completed_at in times
            if submission.approved_at is not None:
                assert (
                    submission.completed_at is not None and submission.approved_at > submission.completed_at
                )
            assert "load_demo" not in {e.actor_name for e in submission.history.all()}

    def test_every_report_passes_the_checks_a_commune_meets_on_submitting(self, loaded: None) -> None:
        for submission in Submission.objects.select_related("form"):
            assert not [f for f in services.findings(submission) if f.blocking], submission
            for value in submission.values.select_related("indicator"):
                if value.indicator.kind == "percent" and value.numerator is not None:
                    assert value.denominator and value.numerator <= value.denominator

    def test_loading_again_adds_nothing(self, loaded: None) -> None:
        before = Submission.objects.count(), DataValue.objects.count()
        from apps.accounts.demo import SYSTEM

        users = {u.username: u for u in User.objects.all()}
        with time_machine.travel(TODAY, tick=False):
            load_indicator_demo(actor=SYSTEM, users=users)
        assert (Submission.objects.count(), DataValue.objects.count()) == before


@pytest.mark.django_db
def test_loaded_just_after_a_half_year_closes_nothing_is_dated_in_the_future(settings: Any) -> None:
    # 3 January: the second half of 2026 is closed but not yet due; late steps are
    # planned after today and are moved to just before it
    when = dt.datetime(2027, 1, 3, 8, 0, tzinfo=HANOI)
    _load(settings, when)
    assert aggregation.differences() == []
    home = _home()
    closed = Period.of("S", when.date()).previous().code
    assert Submission.objects.get(unit=home, form__code="BD-6T", period=closed).status == Status.APPROVED
    assert Submission.objects.get(unit=home, form__code="BD-6T", period="2027S1").status == Status.DRAFT
    assert all(s.updated_at < when for s in Submission.objects.all())
    completed = [s.completed_at for s in Submission.objects.exclude(completed_at=None)]
    assert completed and all(at < when for at in completed)
