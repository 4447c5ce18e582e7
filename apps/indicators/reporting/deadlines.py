"""Periodic reports as deadlines: the due date of each form's period for each commune that
has not sent it (missing, draft or returned), for the work app's reminders and calendar.
Both registered from `IndicatorsConfig.ready()`, so that the work app, below this one in the
layers, never imports it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from apps.access.guards import permitted
from apps.access.roles import Role
from apps.accounts.models import Membership
from apps.geo.models import AdministrativeUnit, Level
from apps.indicators.models import COMPLETE, ReportForm, Submission
from apps.indicators.reporting.inbox import MISSING, due_of, status_label
from apps.indicators.reporting.periods import Period, recent
from apps.indicators.services import DUE_REACH
from apps.work.agenda import Entry
from apps.work.reminders import MAX_DAYS, Deadline

# an unsent report is reminded as overdue only while its due date is this recent: the
# reminder goes out once, and a report two periods back is the province's to chase
OVERDUE_DAYS = 45
PERIODS_LOOKED_AT = 3  # the current period and the two before it


def title(form: ReportForm, period: Period) -> str:
    return _("%(form)s, %(period)s") % {"form": form.name, "period": period.label}


def subject(form: ReportForm, period: Period, unit: AdministrativeUnit) -> str:
    return f"report:{form.code}:{period.code}:{unit.code}"


def _due_periods(
    province: AdministrativeUnit, today: dt.date
) -> Iterator[tuple[ReportForm, Period, dt.date]]:
    """The forms' periods whose due date is in the reminders' reach."""
    earliest, latest = today - dt.timedelta(days=OVERDUE_DAYS), today + dt.timedelta(days=MAX_DAYS)
    for form in ReportForm.objects.for_province(province):
        for period in recent(form.period_type, today, PERIODS_LOOKED_AT):
            due = due_of(form, province, period).date
            if earliest <= due <= latest:
                yield form, period, due


def report_deadlines(today: dt.date) -> Iterator[Deadline]:
    """Each commune's unsent reports due soon or lately, to its commune officers (the
    people who send the report)."""
    officers: dict[int, list[Any]] = defaultdict(list)
    communes: dict[int, AdministrativeUnit] = {}
    memberships = Membership.objects.filter(
        role=Role.COMMUNE_OFFICER,
        is_active=True,
        user__is_active=True,
        unit__level=Level.COMMUNE,
        unit__is_active=True,
    ).select_related("user", "unit__parent")
    for membership in memberships.order_by("unit_id", "user_id"):
        officers[membership.unit_id].append(membership.user)
        communes[membership.unit_id] = membership.unit
    by_province: dict[int, list[AdministrativeUnit]] = defaultdict(list)
    provinces: dict[int, AdministrativeUnit] = {}
    for commune in communes.values():
        province = commune.province
        provinces[province.pk] = province
        by_province[province.pk].append(commune)
    url = reverse("indicators:reports")
    for province_id, units in by_province.items():
        for form, period, due in _due_periods(provinces[province_id], today):
            sent = set(
                Submission.objects.filter(
                    form=form, period=period.code, unit__in=units, status__in=COMPLETE
                ).values_list("unit_id", flat=True)
            )
            for unit in units:
                if unit.pk not in sent:
                    yield Deadline(
                        subject=subject(form, period, unit),
                        unit=unit,
                        due=due,
                        title=title(form, period),
                        url=url,
                        recipients=tuple(officers[unit.pk]),
                    )


def _periods_due_between(
    form: ReportForm, province: AdministrativeUnit, start: dt.date, end: dt.date
) -> Iterator[tuple[Period, dt.date]]:
    """The form's periods whose due date falls from start to end (a due date is set after
    its period's end, at most DUE_REACH later)."""
    period = Period.of(form.period_type, start - DUE_REACH)
    while period.start <= end:
        due = due_of(form, province, period).date
        if start <= due <= end:
            yield period, due
        period = period.next()


def calendar_entries(user: Any, unit: AdministrativeUnit, start: dt.date, end: dt.date) -> list[Entry]:
    """The due dates of the periodic reports on a commune's or province's calendar; a
    commune's say where its report stands and open it."""
    if unit.level not in (Level.COMMUNE, Level.PROVINCE) or not permitted(
        user, "view", Submission, unit=unit
    ):
        return []
    province = unit.province
    commune = unit.level == Level.COMMUNE
    mine = (
        {(s.form_id, s.period): s for s in Submission.objects.for_user(user).filter(unit=unit)}
        if commune
        else {}
    )
    entries = []
    for form in ReportForm.objects.for_province(province):
        for period, due in _periods_due_between(form, province, start, end):
            submission = mine.get((form.pk, period.code))
            if submission is not None:
                url, detail = (
                    reverse("indicators:submission", args=[submission.pk]),
                    str(status_label(submission.status)),
                )
            elif commune:
                url, detail = reverse("indicators:reports"), str(status_label(MISSING))
            else:
                url = (
                    reverse("indicators:reports")
                    + "?"
                    + urlencode({"form": form.code, "period": period.code})
                )
                detail = form.code
            entries.append(
                Entry(due, due, title(form, period), "report", subject(form, period, unit), url, detail)
            )
    return entries
