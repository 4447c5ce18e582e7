"""Reminders before a deadline (7 and 1 days by default, per unit) and when a task is
overdue, to the lead agency's focal persons and the unit's commune officers: in the app
and by e-mail. `send_reminders` is the daily job (django-tasks worker or the
`send_reminders` command for cron); each reminder goes out exactly once.

Other apps add deadlines of their own (the indicators app: periodic reports not yet
sent) by registering a source in their AppConfig.ready(): a function of the day giving
`Deadline`s. The work app does not import them, so it stays below them in DESIGN.md's
layers."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.access import audit
from apps.access.actors import Actor
from apps.access.events import Event
from apps.access.guards import require
from apps.access.roles import Role
from apps.accounts.models import Membership
from apps.geo.models import AdministrativeUnit
from apps.work.models import (
    DEFAULT_REMINDER_DAYS,
    Notification,
    ReminderKind,
    ReminderSettings,
    Task,
)

log = logging.getLogger(__name__)
MAX_DAYS = 60


@dataclass(frozen=True)
class Deadline:
    """Something other than a task that is due on a date, and who is reminded of it."""

    subject: str  # what is due, the same every day: "report:BD-6T:2026S2:10846"
    unit: AdministrativeUnit
    due: dt.date
    title: str
    url: str
    recipients: tuple[Any, ...]


Source = Callable[[dt.date], Iterable[Deadline]]
SOURCES: list[Source] = []


def register(source: Source) -> None:
    if source not in SOURCES:
        SOURCES.append(source)


def days_for(unit: AdministrativeUnit) -> list[int]:
    found = ReminderSettings.objects.filter(unit=unit).first()
    days = found.days_before if found is not None and found.days_before else list(DEFAULT_REMINDER_DAYS)
    return sorted({int(d) for d in days}, reverse=True)


def reminder_due(end: dt.date, today: dt.date, days: list[int]) -> tuple[str, int] | None:
    """Which reminder a deadline calls for today: "before" in the window (next lower
    day, this day], so a day the job did not run is caught up the next; "overdue" after."""
    left = (end - today).days
    if left < 0:
        return ReminderKind.OVERDUE.value, 0
    for index, day in enumerate(days):
        lower = days[index + 1] if index + 1 < len(days) else -1
        if lower < left <= day:
            return ReminderKind.BEFORE.value, day
    return None


def recipients(task: Task) -> list[Any]:
    """The lead agency's focal persons and the unit's commune officers, active."""
    who = Q(role=Role.COMMUNE_OFFICER)
    if task.lead_id is not None:
        who |= Q(role=Role.FOCAL_PERSON, agency_id=task.lead_id)
    memberships = (
        Membership.objects.filter(who, unit_id=task.unit_id, is_active=True, user__is_active=True)
        .select_related("user")
        .order_by("user_id")
    )
    return list({m.user_id: m.user for m in memberships}.values())


def _message(title: str, end: dt.date, kind: str, days: int) -> str:
    if kind == ReminderKind.OVERDUE:
        text = _("Overdue since %(date)s: %(task)s")
    elif days <= 1:
        text = _("Due tomorrow or today (%(date)s): %(task)s")
    else:
        text = _("Due within %(days)s days (%(date)s): %(task)s")
    return (text % {"date": f"{end:%d/%m/%Y}", "task": title, "days": days})[:500]


def _insert(made: list[Notification], **fields: Any) -> None:
    try:
        with transaction.atomic():
            made.append(Notification.objects.create(**fields))
    except IntegrityError:
        pass  # already sent, by an earlier run or another worker


def _deadline_reminders(today: dt.date, days_by_unit: dict[int, list[int]], made: list[Notification]) -> None:
    for source in SOURCES:
        for deadline in source(today):
            if deadline.unit.pk not in days_by_unit:
                days_by_unit[deadline.unit.pk] = days_for(deadline.unit)
            due = reminder_due(deadline.due, today, days_by_unit[deadline.unit.pk])
            if due is None:
                continue
            kind, days = due
            for user in deadline.recipients:
                _insert(
                    made,
                    user=user,
                    subject=deadline.subject[:100],
                    url=deadline.url[:200],
                    kind=kind,
                    days=days,
                    due=deadline.due,
                    message=_message(deadline.title, deadline.due, kind, days),
                )


def notify(users: Iterable[Any], *, subject: str, url: str, message: str) -> list[Notification]:
    """A notice of something another app did (a report returned or approved): in each
    person's bell and, once the transaction commits, by e-mail; once per person and
    `subject` (give each event its own)."""
    made: list[Notification] = []
    today = timezone.localdate()
    for user in users:
        _insert(
            made,
            user=user,
            subject=subject[:100],
            url=url[:200],
            kind=ReminderKind.NOTICE,
            days=0,
            due=today,
            message=message[:500],
        )
    for notification in made:
        transaction.on_commit(lambda n=notification: _email(n))  # type: ignore[misc]
    return made


def _email_body(notification: Notification) -> str:
    """The reminder's text and, when the site's address is configured, the page to open."""
    link = notification.link
    if not settings.SITE_URL or not link:
        return notification.message
    label = _("Open in binhdang")
    return f"{notification.message}\n\n{label}: {settings.SITE_URL}{link}"


def _email(notification: Notification) -> None:
    if not notification.user.email:
        return
    try:
        send_mail(
            _("binhdang reminder"),
            _email_body(notification),
            None,
            [notification.user.email],
        )
    except (OSError, smtplib.SMTPException):
        log.warning("reminder %s: e-mail not sent", notification.pk, exc_info=True)
        return
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())


def send_reminders(today: dt.date | None = None) -> list[Notification]:
    """Insert the reminders due today; e-mail those this run inserted. Safe to run twice
    or in two workers at once: the unique key lets one insert win."""
    today = today or timezone.localdate()
    days_by_unit: dict[int, list[int]] = {}
    made: list[Notification] = []
    tasks = Task.objects.open().filter(end__isnull=False, end__lte=today + dt.timedelta(days=MAX_DAYS))
    for task in tasks.select_related("unit").order_by("pk"):
        if task.unit_id not in days_by_unit:
            days_by_unit[task.unit_id] = days_for(task.unit)
        assert task.end is not None
        due = reminder_due(task.end, today, days_by_unit[task.unit_id])
        if due is None:
            continue
        kind, days = due
        for user in recipients(task):
            _insert(
                made,
                user=user,
                task=task,
                kind=kind,
                days=days,
                due=task.end,
                message=_message(task.title, task.end, kind, days),
            )
    _deadline_reminders(today, days_by_unit, made)
    for notification in made:
        _email(notification)
    return made


def set_reminder_days(unit: AdministrativeUnit, *, actor: Actor, days: Iterable[int]) -> ReminderSettings:
    require(actor, "change", ReminderSettings, unit=unit, own_unit=True)
    chosen = sorted({int(d) for d in days}, reverse=True)
    if not chosen or any(d < 1 or d > MAX_DAYS for d in chosen) or len(chosen) > 5:
        raise ValidationError(_("Give one to five numbers of days, each from 1 to %(n)s.") % {"n": MAX_DAYS})
    with transaction.atomic():
        found, _created = ReminderSettings.objects.select_for_update().get_or_create(unit=unit)
        before = list(found.days_before)
        found.days_before = chosen
        found.save(update_fields=["days_before"])
        audit.record(actor, Event.REMINDERS_CHANGED, found, changes={"days_before": [before, chosen]})
    return found


def mark_read(user: Any, *, actor: Actor) -> int:
    """Mark every reminder of the actor as read (only their own)."""
    if user is None or user != actor or not getattr(actor, "is_authenticated", False):
        require(actor, "view", "work.notification")  # no one holds it: refused and logged
    return Notification.objects.filter(user=user, read_at=None).update(read_at=timezone.now())


def unread_count(user: Any) -> int:
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at=None).count()
