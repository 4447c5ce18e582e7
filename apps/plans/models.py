"""A plan is a document (the parsed or authored content, conforming to
shared/spec/plan.schema.json) with a unit, a year and a life: draft → issued. Every save
is a PlanVersion (a full snapshot); issuing gives it a number and materialises its tasks,
targets, events and reporting deadlines as rows the work and indicators apps use."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.access.querysets import ScopedModel, UnitScopedQuerySet
from apps.geo.models import AdministrativeUnit, Agency
from core.text import fold


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    # the officer sent the draft to the leader, who issues it or returns it with a comment
    PENDING = "pending", _("Waiting to be issued")
    ISSUED = "issued", _("Issued")
    # a plan issued by another body (the district, the province) and kept as received
    # (văn bản đến): its own number, date and issuer, read-only, never issued here
    RECEIVED = "received", _("Received")


class PlanQuerySet(UnitScopedQuerySet["Plan"]):
    def visible_to(self, user: Any) -> PlanQuerySet:
        """The user's own plans (their unit and below) and the issued plans of the units
        above them: a commune reads its province's plan to derive its own from it."""
        from apps.access.scope import Scope

        scope = Scope.of(user)
        if scope is None or not scope.allows(self.model, "view"):
            return self.none()
        ancestors = _ancestor_paths(scope.unit_path)
        return self.filter(
            Q(unit__path__startswith=scope.unit_path) | Q(unit__path__in=ancestors, status=PlanStatus.ISSUED)
        )

    def search(self, query: str) -> PlanQuerySet:
        """Every word typed, in any order, without accents ("tien bo phu nu 2026")."""
        result = self
        for word in fold(query).split()[:10]:
            result = result.filter(search_key__contains=word)
        return result


def _ancestor_paths(path: str) -> list[str]:
    """ "31/10846/" -> ["31/"]: the paths of the units above."""
    parts = [p for p in path.split("/") if p]
    return ["/".join(parts[:i]) + "/" for i in range(1, len(parts))]


class Plan(ScopedModel):
    unit = models.ForeignKey(
        AdministrativeUnit, on_delete=models.PROTECT, related_name="plans", verbose_name=_("unit")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(max_length=8, default="KH")
    title = models.CharField(_("title"), max_length=500)
    status = models.CharField(
        _("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    number = models.CharField(_("number"), max_length=64, blank=True)
    number_seq = models.PositiveIntegerField(null=True, blank=True, editable=False)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    issued_by_name = models.CharField(max_length=150, blank=True)
    # a received plan: the body that issued it, as its heading writes it
    issuer_name = models.CharField(_("issued by"), max_length=255, blank=True)
    # the officer's request to the leader, and the leader's comment when returning it
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by_name = models.CharField(max_length=150, blank=True)
    review_comment = models.TextField(_("leader's comment"), blank=True)
    # where each task's lead and timeframe came from, by task ref:
    # {"II.1": {"lead": "task" | "duty" | "", "timeframe": "task" | "duty" | "year", "duty": "<agency>"}}
    task_sources = models.JSONField(default=dict, blank=True)
    # the schema-valid document: header, references, objectives, tasks, targets, ...
    content = models.JSONField(default=dict)
    # agency names as written in the document -> the unit's Agency id (matched on review)
    agency_map = models.JSONField(default=dict, blank=True)
    basis = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="derived",
        verbose_name=_("derived from"),
    )
    source_name = models.CharField(max_length=255, blank=True)
    source_path = models.CharField(max_length=255, blank=True)  # under settings.PLAN_FILES_DIR
    source_type = models.CharField(max_length=16, blank=True)
    revision = models.PositiveIntegerField(default=1)  # optimistic lock: a save names the one it edited
    search_key = models.CharField(max_length=600, editable=False, default="")
    created_by_name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanQuerySet.as_manager()
    audit_fields: ClassVar[tuple[str, ...]] = ("title", "year", "status", "number", "issued_on", "revision")

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-year", "-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind", "year", "number_seq"],
                condition=Q(number_seq__isnull=False),
                name="plans_number_unique",
            ),
            models.UniqueConstraint(
                fields=["unit", "basis"], condition=Q(basis__isnull=False), name="plans_one_derived_per_unit"
            ),
        ]
        indexes = [models.Index(fields=["unit", "year", "status"], name="plans_unit_year")]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_key = fold(
            f"{self.title} {self.number} {self.year} {self.unit.name if self.unit_id else ''}"
        )[:600]
        super().save(*args, **kwargs)

    @property
    def is_issued(self) -> bool:
        return self.status == PlanStatus.ISSUED

    @property
    def is_received(self) -> bool:
        return self.status == PlanStatus.RECEIVED

    @property
    def is_pending(self) -> bool:
        return self.status == PlanStatus.PENDING

    @property
    def tasks(self) -> list[dict[str, Any]]:
        return list(self.content.get("tasks") or [])


class PlanVersion(models.Model):
    """One save of a plan: a full snapshot, so any two can be compared and one restored."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    revision = models.PositiveIntegerField()
    content = models.JSONField()
    agency_map = models.JSONField(default=dict)
    title = models.CharField(max_length=500)
    status = models.CharField(max_length=16, choices=PlanStatus.choices)
    note = models.CharField(_("change"), max_length=255)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    author_name = models.CharField(_("by"), max_length=150)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["-revision"]
        constraints = [models.UniqueConstraint(fields=["plan", "revision"], name="plans_version_unique")]

    def __str__(self) -> str:
        return f"{self.plan_id} v{self.revision}"


class DocumentCounter(models.Model):
    """The last number given per unit, year and document kind: locked while a plan is
    issued, so numbers have no gaps and no duplicates."""

    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=8)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year", "kind"], name="plans_counter_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.year}/{self.kind}: {self.last}"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Reading the file")
    READY = "ready", _("Ready to review")
    FAILED = "failed", _("Could not be read")
    SAVED = "saved", _("Saved as a plan")


class PlanImportQuerySet(UnitScopedQuerySet["PlanImport"]):
    pass


class PlanImport(ScopedModel):
    """An uploaded file on its way to becoming a plan: parsed in the background, reviewed,
    then saved (all or nothing). The file stays outside the web root."""

    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    file_name = models.CharField(_("file"), max_length=255)
    file_path = models.CharField(max_length=255)
    file_type = models.CharField(max_length=16)
    file_size = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    pages_done = models.PositiveIntegerField(default=0)
    pages_total = models.PositiveIntegerField(default=0)
    result = models.JSONField(null=True, blank=True)
    text = models.TextField(blank=True)
    error = models.CharField(max_length=500, blank=True)
    plan = models.ForeignKey(Plan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    heartbeat_at = models.DateTimeField(auto_now=True)

    objects = PlanImportQuerySet.as_manager()
    audit_fields: ClassVar[tuple[str, ...]] = ("file_name", "status")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name


class ProvinceAgencyMapping(models.Model):
    """A province's own table: province body (as plans write it) -> commune agency name."""

    province = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="agency_mappings")
    province_body = models.CharField(_("province body"), max_length=200)
    aliases = models.JSONField(default=list, blank=True)
    commune_lead = models.CharField(_("commune agency (lead)"), max_length=200)
    commune_partners = models.JSONField(default=list, blank=True)
    body_key = models.CharField(max_length=200, editable=False)

    class Meta:
        ordering = ["province_body"]
        constraints = [models.UniqueConstraint(fields=["province", "body_key"], name="plans_mapping_unique")]

    def __str__(self) -> str:
        return f"{self.province_body} → {self.commune_lead}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.body_key = fold(self.province_body)
        super().save(*args, **kwargs)


# Materialised on issue: what the work and indicators apps build on.


class PlanTask(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="task_rows")
    ref = models.CharField(max_length=32)
    order = models.PositiveIntegerField()
    title = models.TextField()
    lead = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="led_plan_tasks"
    )
    partners = models.ManyToManyField(Agency, blank=True, related_name="partner_plan_tasks")
    lead_text = models.CharField(max_length=500, blank=True)
    timeframe_text = models.CharField(max_length=255, blank=True)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return f"{self.ref} {self.title[:60]}"


class PlanTarget(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="target_rows")
    task = models.ForeignKey(
        PlanTask, on_delete=models.SET_NULL, null=True, blank=True, related_name="targets"
    )
    text = models.TextField()
    comparator = models.CharField(max_length=4, blank=True)
    value = models.FloatField(null=True, blank=True)
    unit_label = models.CharField(max_length=64, blank=True)
    subject = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.text[:80]


class PlanEvent(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="event_rows")
    name = models.CharField(max_length=255)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class ReportingDeadline(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reporting_rows")
    text = models.TextField()
    period = models.CharField(max_length=32, blank=True)
    due = models.DateField(null=True, blank=True)
    recipient = models.CharField(max_length=255, blank=True)

    def __str__(self) -> str:
        return self.text[:80]
