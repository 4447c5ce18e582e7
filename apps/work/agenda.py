"""What a unit's calendar shows between two dates: task deadlines, report deadlines of the
issued plans (the unit's own and those above it), campaign days and periods, activities,
and what apps above this one add through `register` (the indicators app: the due dates
of the periodic reports). Read through `for_user`/`visible_to`, so a calendar shows only
what its person may read."""

from __future__ import annotations

import calendar as stdlib_calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from apps.access.scope import active_membership
from apps.activities.calendar_data import DAYS, PERIODS
from apps.activities.models import Activity
from apps.plans.models import Plan, PlanStatus, ReportingDeadline
from apps.work.models import Task

KINDS = ("task", "report", "campaign_day", "campaign_period", "activity")


@dataclass(frozen=True)
class Entry:
    start: dt.date
    end: dt.date  # inclusive
    title: str
    kind: str
    uid: str
    url: str = ""
    detail: str = ""

    def on(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def is_span(self) -> bool:
        """Several days (the Action Month, 15/11–15/12): shown once as a span, not on
        each of its days."""
        return self.end > self.start

    @property
    def kind_label(self) -> str:
        return {
            "task": _("Task deadline"),
            "report": _("Report due"),
            "campaign_day": _("Campaign day"),
            "campaign_period": _("Campaign period"),
            "activity": _("Activity"),
        }[self.kind]


# a source of entries: (person, their unit, first day, last day) → entries in that range
Source = Callable[[Any, Any, dt.date, dt.date], Iterable[Entry]]
SOURCES: list[Source] = []


def register(source: Source) -> None:
    if source not in SOURCES:
        SOURCES.append(source)


def _campaigns(start: dt.date, end: dt.date) -> list[Entry]:
    entries = []
    for year in range(start.year, end.year + 1):
        for day in DAYS:
            date = day.on(year)
            if start <= date <= end:
                entries.append(Entry(date, date, day.name, "campaign_day", f"day-{year}-{day.month_day}"))
        for period in PERIODS:
            first, last = period.dates(year)
            if first <= end and last >= start:
                entries.append(
                    Entry(first, last, period.name, "campaign_period", f"period-{year}-{period.code}")
                )
    return entries


def entries_for(user: Any, start: dt.date, end: dt.date, *, agency_id: int | None = None) -> list[Entry]:
    """Everything on the user's calendar from start to end (inclusive), by date."""
    membership = active_membership(user)
    if membership is None:
        return []
    unit = membership.unit
    entries = _campaigns(start, end)
    tasks = Task.objects.for_user(user).filter(unit=unit, end__gte=start, end__lte=end).select_related("lead")
    if agency_id:
        tasks = tasks.of_agency(agency_id)
    for task in tasks:
        assert task.end is not None
        entries.append(
            Entry(
                task.end,
                task.end,
                task.title[:200],
                "task",
                f"task-{task.pk}",
                reverse("work:task_detail", args=[task.pk]),
                task.lead.name if task.lead else task.lead_text,
            )
        )
    # the unit's own issued plans and those of the units above it ("31/" for "31/10846/")
    parts = [p for p in unit.path.split("/") if p]
    paths = ["/".join(parts[:i]) + "/" for i in range(1, len(parts) + 1)]
    plans = Plan.objects.visible_to(user).filter(status=PlanStatus.ISSUED, unit__path__in=paths)
    for deadline in ReportingDeadline.objects.filter(
        plan__in=plans, due__gte=start, due__lte=end
    ).select_related("plan"):
        assert deadline.due is not None
        entries.append(
            Entry(
                deadline.due,
                deadline.due,
                deadline.text[:200],
                "report",
                f"report-{deadline.pk}",
                reverse("plans:detail", args=[deadline.plan_id]),
                deadline.recipient,
            )
        )
    activities = Activity.objects.for_user(user).filter(unit=unit, date__gte=start, date__lte=end)
    if agency_id:
        activities = activities.filter(organiser_id=agency_id)
    for activity in activities.select_related("organiser"):
        entries.append(
            Entry(
                activity.date,
                activity.date,
                activity.title,
                "activity",
                f"activity-{activity.pk}",
                reverse("activities:detail", args=[activity.pk]),
                activity.organiser.name,
            )
        )
    for source in SOURCES:
        entries.extend(source(user, unit, start, end))
    return sorted(entries, key=lambda e: (e.start, KINDS.index(e.kind), e.title))


def spans_and_days(entries: list[Entry]) -> tuple[list[Entry], list[Entry]]:
    """The entries of several days (shown once, as a span) and those of one day."""
    return [e for e in entries if e.is_span], [e for e in entries if not e.is_span]


def month_weeks(year: int, month: int, entries: list[Entry]) -> list[list[dict[str, Any]]]:
    """The month as weeks (Monday first) of {date, in_month, entries, spans}: a day's own
    entries, and the spans (campaign periods) it falls in, which the grid shades instead
    of listing them again on every day."""
    spans, singles = spans_and_days(entries)
    by_day: dict[dt.date, list[Entry]] = defaultdict(list)
    weeks = stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    for week in weeks:
        for day in week:
            by_day[day] = [e for e in singles if e.on(day)]
    return [
        [
            {
                "date": d,
                "in_month": d.month == month,
                "entries": by_day[d],
                "spans": [e for e in spans if e.on(d)],
            }
            for d in week
        ]
        for week in weeks
    ]
