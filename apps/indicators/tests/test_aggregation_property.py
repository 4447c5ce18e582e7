"""Random sequences of reporting over several communes and periods: open and fill (counts,
parts by sex, numerator/denominator pairs, large amounts of money), submit, return,
approve, reopen, fill again and approve again. After every step the city's stored
aggregates equal both the sums recomputed from the raw values (`aggregation.differences`
and `check_aggregates`) and the sums this test keeps itself from what it approved."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from apps.accounts.demo import SYSTEM
from apps.geo.models import AdministrativeUnit, Level
from apps.indicators import services
from apps.indicators.models import EDITABLE, AggregateValue, ReportForm, Status, Submission
from apps.indicators.reporting import aggregation
from apps.indicators.services import Entry

# (form, period) of the reports the sequences move; the second half of 2025 comes before
# the first of 2026, so a change against the last period is checked too
REPORTS = (("BD-6T", "2025S2"), ("BD-6T", "2026S1"), ("BD-NAM", "2025"))
COMMUNES = 4

Slot = tuple[int, int]  # commune, report
Key = tuple[str, str, str, str]  # form, period, indicator code, category
Figures = dict[tuple[str, str], tuple[Decimal, Decimal | None]]


@st.composite
def counts_by_sex(draw: Any, code: str, high: int = 5000) -> Figures:
    total = draw(st.integers(0, high))
    found: Figures = {(code, ""): (Decimal(total), None)}
    if draw(st.booleans()):
        women = draw(st.integers(0, total))
        found[(code, "sex:female")] = (Decimal(women), None)
        found[(code, "sex:male")] = (Decimal(total - women), None)
    return found


@st.composite
def shares_by_sex(draw: Any, code: str) -> Figures:
    """A percentage with its parts by sex: every numerator no larger than its denominator."""
    den = draw(st.integers(1, 500))
    num = draw(st.integers(0, den))
    found: Figures = {(code, ""): (Decimal(num), Decimal(den))}
    if draw(st.booleans()):
        den_women = draw(st.integers(1, den))
        den_men = den - den_women
        num_women = draw(st.integers(max(0, num - den_men), min(num, den_women)))
        found[(code, "sex:female")] = (Decimal(num_women), Decimal(den_women))
        if den_men:
            found[(code, "sex:male")] = (Decimal(num - num_women), Decimal(den_men))
    return found


@st.composite
def report_figures(draw: Any) -> Figures:
    """Figures a commune could send: some indicators left blank, each of the others valid."""
    found: Figures = {}
    found.update(draw(counts_by_sex("BD-C02")))
    if draw(st.booleans()):
        found[("BD-C01", "")] = (Decimal(draw(st.integers(0, 60))), None)
    if draw(st.booleans()):
        den = draw(st.integers(1, 40))
        found[("BD-M01", "")] = (Decimal(draw(st.integers(0, den))), Decimal(den))
    if draw(st.booleans()):
        found.update(draw(shares_by_sex("BD-V04")))
    if draw(st.booleans()):  # money: large sums, kept exactly
        # money in đồng, up to the largest figure a report takes (whole đồng)
        found[("BD-F01", "")] = (Decimal(draw(st.integers(0, 10**14))), None)
    return found


class Reporting(RuleBasedStateMachine):
    """One example: a sequence of steps in a transaction rolled back at its end."""

    communes: list[AdministrativeUnit] = []
    reviewer: Any = None

    def __init__(self) -> None:
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.forms = {f.code: f for f in ReportForm.objects.filter(code__in={code for code, _p in REPORTS})}
        # what this test approved: (commune, report) → figures
        self.approved: dict[Slot, Figures] = {}
        self.sent: dict[Slot, Figures] = {}
        self.status: dict[Slot, str] = {}

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    def _submission(self, slot: Slot) -> Submission:
        code, period = REPORTS[slot[1]]
        return Submission.objects.get(form__code=code, unit=self.communes[slot[0]], period=period)

    def _in(self, *states: str) -> list[Slot]:
        return sorted(slot for slot, status in self.status.items() if status in states)

    def _pick(self, data: Any, *states: str) -> tuple[Slot, Submission]:
        slot = data.draw(st.sampled_from(self._in(*states)))
        return slot, self._submission(slot)

    @rule(
        unit=st.integers(0, COMMUNES - 1), report=st.integers(0, len(REPORTS) - 1), figures=report_figures()
    )
    def open_and_fill(self, unit: int, report: int, figures: Figures) -> None:
        """Open a report (or take the commune's draft or returned one) and fill it."""
        if self.status.get((unit, report), Status.DRAFT) not in EDITABLE:
            return
        code, period = REPORTS[report]
        submission = services.open_submission(self.forms[code], self.communes[unit], period, actor=SYSTEM)
        self._fill((unit, report), submission, figures)

    @precondition(lambda self: bool(self._in(Status.RETURNED)))
    @rule(data=st.data(), figures=report_figures())
    def fill_again(self, data: Any, figures: Figures) -> None:
        slot, submission = self._pick(data, Status.RETURNED)
        self._fill(slot, submission, figures)

    def _fill(self, slot: Slot, submission: Submission, figures: Figures) -> None:
        submission.values.all().delete()  # only the figures drawn, none pre-filled
        entries = {
            key: Entry(num, den, comment="Giải thích thay đổi" if key[1] == "" else "")
            for key, (num, den) in figures.items()
        }
        services.save_values(submission, entries, actor=SYSTEM)
        self.sent[slot] = figures
        self.status[slot] = Submission.objects.get(pk=submission.pk).status

    @precondition(lambda self: bool(self._in(Status.DRAFT, Status.RETURNED)))
    @rule(data=st.data())
    def submit(self, data: Any) -> None:
        slot, submission = self._pick(data, Status.DRAFT, Status.RETURNED)
        assert services.submit(submission, actor=SYSTEM).status == Status.SUBMITTED
        self.status[slot] = Status.SUBMITTED

    @precondition(lambda self: bool(self._in(Status.SUBMITTED)))
    @rule(data=st.data())
    def return_report(self, data: Any) -> None:
        slot, submission = self._pick(data, Status.SUBMITTED)
        services.return_submission(submission, "Đề nghị rà soát lại", actor=self.reviewer)
        self.status[slot] = Status.RETURNED

    @precondition(lambda self: bool(self._in(Status.SUBMITTED)))
    @rule(data=st.data())
    def approve(self, data: Any) -> None:
        slot, submission = self._pick(data, Status.SUBMITTED)
        services.approve(submission, actor=self.reviewer)
        self.status[slot] = Status.APPROVED
        self.approved[slot] = self.sent[slot]

    @precondition(lambda self: bool(self._in(Status.APPROVED)))
    @rule(data=st.data())
    def reopen(self, data: Any) -> None:
        slot, submission = self._pick(data, Status.APPROVED)
        services.reopen(submission, "Sửa số liệu", actor=self.reviewer)
        self.status[slot] = Status.RETURNED
        del self.approved[slot]

    @invariant()
    def stored_aggregates_are_the_sums_of_the_approved_figures(self) -> None:
        assert aggregation.differences() == []
        out = StringIO()
        call_command("check_aggregates", stdout=out)  # raises (exit 1) on a difference
        expected: dict[Key, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0), Decimal(0)])
        for (_unit, report), figures in self.approved.items():
            code, period = REPORTS[report]
            for (indicator, category), (num, den) in figures.items():
                row = expected[(code, period, indicator, category)]
                row[0] += num
                row[1] += den or 0
                row[2] += 1
        stored = {
            (r.form.code, r.period, r.indicator.code, r.category): [
                r.numerator,
                r.denominator,
                r.contributors,
            ]
            for r in AggregateValue.objects.select_related("form", "indicator")
            if r.contributors or r.numerator or r.denominator
        }
        assert stored == expected


@pytest.mark.django_db
def test_random_sequences_of_approvals_and_corrections_keep_the_aggregates_exact(demo: Any) -> None:
    communes = AdministrativeUnit.objects.filter(parent=demo.province, level=Level.COMMUNE, is_active=True)
    Reporting.communes = list(communes.order_by("code")[:COMMUNES])
    Reporting.reviewer = demo.user("province")
    run_state_machine_as_test(
        Reporting,
        settings=settings(
            max_examples=30,
            stateful_step_count=15,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
