"""Consolidated-report actions: open (the first draft from the system's data), save the
narrative (optimistic lock on `revision`: a save names the revision it edited, so one
person's edit is never silently overwritten by another's), export to DOCX or XLSX (the
file archived with the report). Each checks permission in the actor's own unit, writes in
one transaction and audits (CONSOLIDATED_SAVED, CONSOLIDATED_EXPORTED)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.access import audit
from apps.access.actors import Actor
from apps.access.events import Event
from apps.access.guards import require
from apps.accounts.models import User
from apps.geo.models import AdministrativeUnit, Level
from apps.indicators.models import ReportForm
from apps.indicators.reporting.periods import Period
from apps.reports import content, docx_export, drafting, storage, xlsx_export
from apps.reports.models import ConsolidatedReport, FileKind, ReportFile, ReportStatus
from apps.reports.text import clean
from core.text import BIDI_CONTROLS, fold
from core.validators import MESSAGES

NUMBER_LENGTH = 64
# a report may be prepared for this year and the two before it (as a commune's figures
# may be entered: indicators.services.OLDEST_YEARS)
OLDEST_YEARS = 2
RENDERERS = {FileKind.DOCX: docx_export.render, FileKind.XLSX: xlsx_export.render}


class StaleReport(Exception):
    """Someone else saved the report since this page was opened; `current` is their save."""

    def __init__(self, current: ConsolidatedReport) -> None:
        super().__init__("stale")
        self.current = current


def _name(actor: Actor) -> str:
    """How the pages name the person: the full name, else the login."""
    full_name = str(getattr(actor, "full_name", "") or "").strip()
    return (full_name or str(getattr(actor, "get_username", lambda: actor)()))[:150]


def parse_period(form: ReportForm, code: str, today: dt.date) -> Period:
    """The period of the form that `code` names, or a ValidationError saying why not."""
    try:
        period = Period.parse(code)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    if period.type != form.period_type:
        raise ValidationError(
            _("The form “%(form)s” is reported for %(type)s periods.")
            % {"form": form.name, "type": form.get_period_type_display().lower()}
        )
    if period.start > today:
        raise ValidationError(_("%(period)s has not started yet.") % {"period": period.label})
    return period


def open_report(
    unit: AdministrativeUnit,
    form: ReportForm,
    period_code: str,
    *,
    actor: Actor,
    today: dt.date | None = None,
) -> ConsolidatedReport:
    """The unit's report for the form and period, drafted from the system's data the first
    time it is opened."""
    require(actor, "change", ConsolidatedReport, unit=unit, own_unit=True)
    today = today or timezone.localdate()
    if unit.level not in (Level.COMMUNE, Level.PROVINCE):
        raise ValidationError(_("Consolidated reports are made by communes, wards and provinces."))
    province = unit if unit.level == Level.PROVINCE else unit.province
    if not form.active or form.province_id not in (None, province.pk):
        raise ValidationError(_("Choose one of the forms listed."))
    period = parse_period(form, period_code, today)
    existing = ConsolidatedReport.objects.filter(unit=unit, form=form, period=period.code).first()
    if existing is not None:
        return existing
    if period.year < today.year - OLDEST_YEARS:
        raise ValidationError(
            _("Reports of periods more than %(n)s years back are not prepared any more.")
            % {"n": OLDEST_YEARS}
        )
    try:
        with transaction.atomic():
            report = ConsolidatedReport.objects.create(
                unit=unit,
                form=form,
                period=period.code,
                sections=drafting.draft(unit, form, period, today),
                updated_by_name=_name(actor),
            )
            audit.record(actor, Event.CONSOLIDATED_SAVED, report, meta={"drafted": True})
    except IntegrityError:
        return ConsolidatedReport.objects.get(unit=unit, form=form, period=period.code)
    return report


def save_report(
    report: ConsolidatedReport,
    *,
    actor: Actor,
    sections: Mapping[str, str],
    number: str | None = None,
    revision: int,
) -> ConsolidatedReport:
    """Store the edited narrative: the sections given (the others keep their text) and the
    number (None keeps it). Nothing is saved when a section is unknown or too long, or when
    someone else saved since `revision` (StaleReport, with their save)."""
    require(actor, "change", report, own_unit=True)
    unknown = set(sections) - set(drafting.SECTION_KEYS)
    if unknown:
        raise ValidationError(_("Unknown section: %(key)s.") % {"key": ", ".join(sorted(unknown))[:60]})
    if any(ch in BIDI_CONTROLS for text in (*sections.values(), number or "") for ch in text):
        # they make text read differently on screen and in the exported files
        raise ValidationError(MESSAGES["bidi"], code="bidi")
    for key, text in sections.items():
        if len(text) > drafting.MAX_SECTION_LENGTH:
            label = next(s.label for s in drafting.SECTIONS if s.key == key)
            raise ValidationError(
                _("“%(section)s” is too long: at most %(n)s characters.")
                % {"section": label, "n": drafting.MAX_SECTION_LENGTH}
            )
    number = None if number is None else clean(number).strip()
    if number is not None and len(number) > NUMBER_LENGTH:
        raise ValidationError(_("The number is too long: at most %(n)s characters.") % {"n": NUMBER_LENGTH})
    with transaction.atomic():
        locked = ConsolidatedReport.objects.select_for_update().get(pk=report.pk)
        if locked.revision != revision:
            raise StaleReport(locked)
        if number is None:
            number = locked.number
        new_sections = {
            **locked.sections,
            **{k: clean(v).strip() for k, v in sections.items()},
        }
        changed = sorted(
            k for k in drafting.SECTION_KEYS if new_sections.get(k, "") != locked.sections.get(k, "")
        )
        if not changed and number == locked.number:
            return locked
        before = {"number": locked.number, "revision": locked.revision, "status": locked.status}
        locked.sections, locked.number = new_sections, number
        locked.revision += 1
        locked.status = ReportStatus.DRAFT  # edited since the last export
        locked.updated_by_name = _name(actor)
        locked.save(
            update_fields=["sections", "number", "revision", "status", "updated_by_name", "updated_at"]
        )
        audit.record(
            actor,
            Event.CONSOLIDATED_SAVED,
            locked,
            changes=audit.diff(
                before, {"number": number, "revision": locked.revision, "status": locked.status}
            ),
            meta={"sections": changed},
        )
    return locked


def file_name(report: ConsolidatedReport, kind: str, at: dt.datetime) -> str:
    stem = slugify(fold(f"bao cao {report.form.code} {report.period} {report.unit.short_name}"))[:80]
    return f"{stem}-{timezone.localtime(at):%Y%m%d-%H%M%S}.{kind}"


def export_report(report: ConsolidatedReport, kind: str, *, actor: Actor) -> ReportFile:
    """Make the DOCX or XLSX from the report as saved and the figures as they are now, and
    keep it with the report."""
    require(actor, "export", report, own_unit=True)
    if kind not in RENDERERS:
        raise ValidationError(_("Choose DOCX or XLSX."))
    data = RENDERERS[FileKind(kind)](content.gather(report))
    stored = storage.write(data, kind)
    try:
        with transaction.atomic():
            locked = ConsolidatedReport.objects.select_for_update().get(pk=report.pk)
            now = timezone.now()
            row = ReportFile.objects.create(
                report=locked,
                kind=kind,
                file_name=file_name(locked, kind, now),
                file_path=stored,
                size=len(data),
                revision=locked.revision,
                created_by=actor if isinstance(actor, User) else None,
                created_by_name=_name(actor),
            )
            if locked.status != ReportStatus.EXPORTED:
                locked.status = ReportStatus.EXPORTED
                locked.save(update_fields=["status", "updated_at"])
            audit.record(
                actor,
                Event.CONSOLIDATED_EXPORTED,
                locked,
                meta={"kind": kind, "file": row.file_name, "size": row.size, "revision": locked.revision},
            )
    except BaseException:
        storage.remove(stored)
        raise
    return row
