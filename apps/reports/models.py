"""A consolidated report: a unit's (commune's or province's) report for one reporting form
and period, with its narrative sections pre-drafted from the system's data and edited
before export, and every DOCX and XLSX exported from it archived as a ReportFile (stored
outside the web root, served only to the report's readers)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.access.querysets import ScopedModel, UnitScopedQuerySet
from apps.geo.models import AdministrativeUnit
from apps.indicators.models import ReportForm
from apps.indicators.reporting.periods import Period


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    EXPORTED = "exported", _("Exported")


class FileKind(models.TextChoices):
    DOCX = "docx", _("Word document (DOCX)")
    XLSX = "xlsx", _("Workbook (XLSX)")


class ConsolidatedReportQuerySet(UnitScopedQuerySet["ConsolidatedReport"]):
    pass


class ConsolidatedReport(ScopedModel):
    unit = models.ForeignKey(
        AdministrativeUnit,
        on_delete=models.PROTECT,
        related_name="consolidated_reports",
        verbose_name=_("unit"),
    )
    form = models.ForeignKey(ReportForm, on_delete=models.PROTECT, related_name="+", verbose_name=_("form"))
    period = models.CharField(_("period"), max_length=8)
    # "15/BC-UBND" once the clerk gives it one; blank leaves "…/BC-UBND" to fill in on paper
    number = models.CharField(_("number"), max_length=64, blank=True)
    # the narrative: section key (see drafting.SECTIONS) -> text, one paragraph a line
    sections = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    revision = models.PositiveIntegerField(default=1)  # optimistic lock: a save names the one it edited
    updated_by_name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ConsolidatedReportQuerySet.as_manager()
    audit_fields: ClassVar[tuple[str, ...]] = ("period", "number", "status", "revision")

    class Meta:
        verbose_name = _("consolidated report")
        verbose_name_plural = _("consolidated reports")
        ordering = ["-period", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "form", "period"], name="reports_one_per_unit_form_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.form.name} — {self.period_label} — {self.unit.name}"

    @property
    def period_obj(self) -> Period:
        return Period.parse(self.period)

    @property
    def period_label(self) -> str:
        return self.period_obj.label


class ReportFileQuerySet(UnitScopedQuerySet["ReportFile"]):
    unit_path_field = "report__unit__path"


class ReportFile(ScopedModel):
    """One export of a consolidated report, kept as it was sent."""

    report = models.ForeignKey(ConsolidatedReport, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("kind"), max_length=8, choices=FileKind.choices)
    file_name = models.CharField(_("file"), max_length=255)
    file_path = models.CharField(max_length=255)  # under reports.storage.files_dir()
    size = models.PositiveIntegerField()
    revision = models.PositiveIntegerField(default=1)  # the report's revision it was made from
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    created_by_name = models.CharField(_("by"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    objects = ReportFileQuerySet.as_manager()
    audit_fields: ClassVar[tuple[str, ...]] = ("kind", "file_name", "size")

    class Meta:
        verbose_name = _("exported report file")
        verbose_name_plural = _("exported report files")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def audit_unit(self) -> Any:
        return self.report.unit
