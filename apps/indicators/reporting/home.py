"""The periodic-reports section of the home page. A commune sees the reports that need it
now (returned, overdue, being written, or due soon), each with its button; a province sees,
for each form's latest period, how many communes have sent it and how many wait for its
review, linked to the inbox."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from apps.access.guards import permitted
from apps.access.roles import Role
from apps.accounts.dashboard import first_for
from apps.geo.models import AdministrativeUnit, Level
from apps.indicators.models import ReportForm, Status, Submission
from apps.indicators.reporting import completeness, inbox
from apps.indicators.reporting.periods import Period

# a report not yet due shows on the home page from this many days before its due date
SOON_DAYS = 30
SHOWN = 5


def needs_commune(row: inbox.PeriodRow, today: dt.date) -> bool:
    """A report the commune has started and not sent, or, not yet opened, the one being
    reported now or the current period's when it is due soon. Older reports never opened
    stay on the reports page: most predate the commune's use of binhdang."""
    if not row.openable or row.status in (Status.SUBMITTED, Status.APPROVED):
        return False
    if row.status in (Status.RETURNED, Status.DRAFT):
        return True
    if row.period < Period.last_ended(row.period.type, today):
        return False
    return row.period.end < today or (row.due - today).days <= SOON_DAYS


@dataclass
class FormProgress:
    form: ReportForm
    period: Period
    rates: completeness.Rates

    @property
    def waiting(self) -> int:
        """Sent and not yet approved or returned: what the province has to review."""
        return self.rates.completed - self.rates.approved

    def inbox_url(self, status: str = "") -> str:
        query = {"form": self.form.code, "period": self.period.code}
        if status:
            query["status"] = status
        return f"{reverse('indicators:reports')}?{urlencode(query)}"

    @property
    def waiting_url(self) -> str:
        return self.inbox_url(Status.SUBMITTED)


# the province officer's home starts with the reports waiting for her review; a leader's
# with the plans waiting for her (plans' section), then the reports the commune owes
@first_for({Role.PROVINCE_OFFICER: 0, Role.LEADER: 1})
def section(request: HttpRequest, unit: AdministrativeUnit) -> tuple[str, dict[str, Any]] | None:
    if unit.level == Level.VILLAGE or not permitted(request.user, "view", Submission, unit=unit):
        return None
    today = timezone.localdate()
    if unit.level == Level.PROVINCE:
        return "indicators/_home_province.html", {"progress": province_progress(unit, today)}
    every = [row for _form, rows in inbox.commune_reports(request.user, unit, today) for row in rows]
    rows = sorted((row for row in every if needs_commune(row, today)), key=lambda r: (r.due, r.form.code))
    return "indicators/_home_commune.html", {
        "rows": rows[:SHOWN],
        "hidden": len(rows) - SHOWN if len(rows) > SHOWN else 0,
        # earlier periods never opened, left to the reports page (see needs_commune)
        "older": sum(
            1 for row in every if row.openable and row.overdue and row.submission is None and row not in rows
        ),
        "can_open": permitted(request.user, "enter", Submission, unit=unit, own_unit=True),
    }


def province_progress(province: AdministrativeUnit, today: dt.date) -> list[FormProgress]:
    """Each form's last ended period, and any other period with reports waiting for the
    province's review (a commune may send before the period ends), newest first."""
    forms = list(ReportForm.objects.for_province(province))
    waiting = set(
        Submission.objects.filter(province=province, status=Status.SUBMITTED, form__in=forms).values_list(
            "form_id", "period"
        )
    )
    found = []
    for form in forms:
        periods = {Period.last_ended(form.period_type, today)}
        periods |= {Period.parse(code) for form_id, code in waiting if form_id == form.pk}
        for period in sorted(periods, reverse=True):
            found.append(FormProgress(form, period, completeness.rates(form, province, period.code)))
    return found
