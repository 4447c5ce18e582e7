"""The unit's to-do list: a Task per task of an issued plan (made by `sync.sync_plan_tasks`)
or added by hand, each with a lead and partner agencies, a timeframe and a status. Overdue
is not a status anyone types: it is computed from the end date and today. Focal persons
post ProgressUpdates with Evidence files (kept outside the web root)."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.access.querysets import ScopedModel, UnitScopedQuerySet
from apps.geo.models import AdministrativeUnit, Agency
from apps.plans.models import Plan, PlanTask
from core.stored_files import StoredFile
from core.text import fold

DUE_SOON_DAYS = 14


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


# what a list shows: the stored status, or overdue when the end date has passed
OVERDUE = "overdue"
DISPLAY_STATUSES: dict[str, Any] = {
    TaskStatus.NOT_STARTED.value: _("Not started"),
    TaskStatus.IN_PROGRESS.value: _("In progress"),
    TaskStatus.DONE.value: _("Done"),
    OVERDUE: _("Overdue"),
    TaskStatus.CANCELLED.value: _("Cancelled"),
}
OPEN_STATUSES = (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS)


class Recurrence(models.TextChoices):
    CONTINUOUS = "continuous", _("Ongoing")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")
    ONCE = "once", _("Once")
    CAMPAIGN = "campaign", _("In a campaign period")
    ON_CONDITION = "on_condition", _("When a condition is met")


class TaskQuerySet(UnitScopedQuerySet["Task"]):
    def open(self) -> TaskQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: dt.date) -> TaskQuerySet:
        return self.open().filter(end__lt=today)

    def due_within(self, today: dt.date, days: int = DUE_SOON_DAYS) -> TaskQuerySet:
        return self.open().filter(end__gte=today, end__lte=today + dt.timedelta(days=days))

    def of_agency(self, agency: Any) -> TaskQuerySet:
        return self.filter(Q(lead=agency) | Q(partners=agency)).distinct()

    def with_display_status(self, status: str, today: dt.date) -> TaskQuerySet:
        if status == OVERDUE:
            return self.overdue(today)
        if status in OPEN_STATUSES:
            return self.filter(status=status).exclude(end__lt=today)
        return self.filter(status=status)

    def search(self, query: str) -> TaskQuerySet:
        key = fold(query)
        return self.filter(search_key__contains=key) if key else self


class Task(ScopedModel):
    unit = models.ForeignKey(
        AdministrativeUnit, on_delete=models.PROTECT, related_name="work_tasks", verbose_name=_("unit")
    )
    # a task of an issued plan keeps its plan and outline number; the materialised row is
    # rebuilt when the plan is corrected, so the link is re-made by (plan, ref)
    plan = models.ForeignKey(Plan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    plan_task = models.ForeignKey(
        PlanTask, on_delete=models.SET_NULL, null=True, blank=True, related_name="work_tasks"
    )
    ref = models.CharField(_("number"), max_length=32, blank=True)
    title = models.TextField(_("task"))
    lead = models.ForeignKey(
        Agency,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_work_tasks",
        verbose_name=_("lead agency"),
    )
    lead_text = models.CharField(max_length=500, blank=True)
    partners = models.ManyToManyField(
        Agency, blank=True, related_name="partner_work_tasks", verbose_name=_("partner agencies")
    )
    timeframe_text = models.CharField(_("timeframe"), max_length=255, blank=True)
    recurrence = models.CharField(
        _("recurrence"), max_length=16, choices=Recurrence.choices, default=Recurrence.ONCE
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    percent = models.PositiveSmallIntegerField(_("percent done"), default=0)
    last_update_at = models.DateTimeField(null=True, blank=True)
    search_key = models.CharField(max_length=600, editable=False, default="")
    # what the commune officer set on the task page (`services.assign_task`), by field
    # ("lead", "partners", "start", "end"), each with what the plan said when she first
    # set it: `sync.sync_plan_tasks` keeps her value while the plan still says that, and
    # takes the plan's again once a correction of the plan changes it
    assigned = models.JSONField(default=dict, blank=True, editable=False)
    created_by_name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TaskQuerySet.as_manager()
    audit_fields: ClassVar[tuple[str, ...]] = (
        "title",
        "status",
        "percent",
        "start",
        "end",
        "lead",
        "partners",
    )

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["unit", "end", "ref", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "ref"], condition=Q(plan__isnull=False), name="work_task_one_per_plan_ref"
            ),
            models.CheckConstraint(condition=Q(percent__lte=100), name="work_task_percent_max_100"),
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(start__lte=models.F("end")),
                name="work_task_start_before_end",
            ),
        ]
        indexes = [models.Index(fields=["unit", "status", "end"], name="work_task_unit_status_end")]

    def __str__(self) -> str:
        return f"{self.ref} {self.title[:80]}".strip()

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_key = fold(f"{self.ref} {self.title} {self.lead_text}")[:600]
        super().save(*args, **kwargs)

    def display_status(self, today: dt.date | None = None) -> str:
        today = today or timezone.localdate()
        if self.status in OPEN_STATUSES and self.end is not None and self.end < today:
            return OVERDUE
        return str(self.status)

    @property
    def current_status(self) -> str:
        return self.display_status()

    @property
    def current_status_label(self) -> Any:
        return DISPLAY_STATUSES[self.current_status]

    @property
    def is_overdue(self) -> bool:
        return self.current_status == OVERDUE

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def involves(self, agency_id: int | None) -> bool:
        if agency_id is None:
            return False
        return self.lead_id == agency_id or self.partners.filter(pk=agency_id).exists()


class ProgressUpdateQuerySet(UnitScopedQuerySet["ProgressUpdate"]):
    unit_path_field = "task__unit__path"


class ProgressUpdate(ScopedModel):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    author_name = models.CharField(_("by"), max_length=150)
    agency = models.ForeignKey(Agency, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=TaskStatus.choices)
    percent = models.PositiveSmallIntegerField(_("percent done"))
    note = models.TextField(_("what was done"), blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    objects = ProgressUpdateQuerySet.as_manager()
    audit_fields: ClassVar[tuple[str, ...]] = ("status", "percent")

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(percent__lte=100), name="work_update_percent_max_100")
        ]

    def __str__(self) -> str:
        return f"{self.task} · {self.get_status_display()} {self.percent}%"

    @property
    def audit_unit(self) -> AdministrativeUnit:
        return self.task.unit


class EvidenceQuerySet(UnitScopedQuerySet["Evidence"]):
    unit_path_field = "update__task__unit__path"


class Evidence(StoredFile, ScopedModel):
    """A file attached to a progress update: stored under settings.WORK_FILES_DIR with a
    random name, its type read from the content; photos re-encoded without metadata."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="evidence")

    objects = EvidenceQuerySet.as_manager()
    audit_fields: ClassVar[tuple[str, ...]] = ("file_name", "file_type", "size")

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["pk"]

    @property
    def audit_unit(self) -> AdministrativeUnit:
        return self.update.task.unit


class CalendarFeedQuerySet(UnitScopedQuerySet["CalendarFeed"]):
    unit_path_field = "membership__unit__path"


class CalendarFeed(ScopedModel):
    """A secret address at which a calendar program reads one person's calendar (as the
    membership they had when they made it). Only a hash of the token is kept: the address
    is shown once; a new one replaces it; a revoked or lost one answers 404."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    membership = models.ForeignKey(
        settings.ACCESS_MEMBERSHIP_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_read_at = models.DateTimeField(_("last read"), null=True, blank=True)

    objects = CalendarFeedQuerySet.as_manager()
    audit_fields: ClassVar[tuple[str, ...]] = ("revoked_at",)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "membership"],
                condition=Q(revoked_at__isnull=True),
                name="work_one_live_feed_per_membership",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.created_at:%d/%m/%Y}"

    @property
    def audit_unit(self) -> Any:
        return self.membership.unit


DEFAULT_REMINDER_DAYS = (7, 1)


class ReminderSettings(ScopedModel):
    """How many days before a deadline a unit's people are reminded (7 and 1 by default)."""

    unit = models.OneToOneField(
        AdministrativeUnit, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    days_before = models.JSONField(_("days before the deadline"), default=list)

    audit_fields: ClassVar[tuple[str, ...]] = ("days_before",)

    class Meta:
        verbose_name = _("reminder settings")
        verbose_name_plural = _("reminder settings")

    def __str__(self) -> str:
        return f"{self.unit}: {self.days_before}"


class ReminderKind(models.TextChoices):
    BEFORE = "before", _("Deadline coming")
    OVERDUE = "overdue", _("Overdue")
    NOTICE = "notice", _("Notice")  # something happened (a report returned or approved)


class Notification(models.Model):
    """One reminder to one person. The unique key (person, task, kind, days, deadline) is
    what makes a reminder go out exactly once, however often and however many workers
    run the daily job: only the run that inserts the row sends the e-mail. A deadline
    that is not a task (a periodic report, from another app through
    `reminders.register`) has no task and is keyed by its `subject` instead, with the
    page it links to in `url`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="work_notifications"
    )
    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="notifications", null=True, blank=True
    )
    subject = models.CharField(max_length=100, blank=True, default="")
    url = models.CharField(max_length=200, blank=True, default="")
    kind = models.CharField(max_length=16, choices=ReminderKind.choices)
    days = models.PositiveSmallIntegerField(default=0)
    due = models.DateField()
    message = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "task", "kind", "days", "due"], name="work_reminder_once"
            ),
            models.UniqueConstraint(
                fields=["user", "subject", "kind", "days", "due"],
                condition=Q(task__isnull=True),
                name="work_reminder_once_by_subject",
            ),
            models.CheckConstraint(
                condition=Q(task__isnull=False) | ~Q(subject=""), name="work_reminder_of_something"
            ),
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="work_reminder_unread")]

    def __str__(self) -> str:
        return self.message

    @property
    def link(self) -> str:
        if self.task_id is not None:
            return reverse("work:task_detail", args=[self.task_id])
        return self.url
