"""Plan files on their way in: upload (type checked by content, stored outside the web
root), parse in a background job with progress, review, save all or nothing."""

from __future__ import annotations

import datetime as dt
import logging
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.access import audit
from apps.access.events import Event
from apps.access.guards import require
from apps.geo.models import AdministrativeUnit, Agency, Level
from apps.geo.services import create_agency
from apps.plans import uploads
from apps.plans.matching import Candidate, best_match, written_agencies
from apps.plans.models import ImportStatus, Plan, PlanImport
from apps.plans.received import is_received, received_fields
from apps.plans.services import create_plan

log = logging.getLogger(__name__)
# a job that has not reported for this long was killed (a worker restart, a crash)
STALE_AFTER = dt.timedelta(minutes=10)
NEW_AGENCY = "new"


def start_import(
    unit: AdministrativeUnit, *, actor: Any, upload: IO[bytes], name: str, size: int, background: bool = True
) -> PlanImport:
    """Store the file and queue its reading (`background=False`: the caller reads it now)."""
    require(actor, "add", PlanImport, unit=unit, own_unit=True)
    stored = uploads.store(upload, size=size)
    if stored.file_type in {"png", "jpg"}:
        from apps.plans.parsing import ocr

        if not ocr.available():
            uploads.path_of(stored.path).unlink(missing_ok=True)
            raise ValidationError(
                _(
                    "Photos and scans need OCR (Tesseract with Vietnamese), which is not installed on this server."
                ),
                code="no_ocr",
            )
    with transaction.atomic():
        plan_import = PlanImport.objects.create(
            unit=unit,
            created_by=actor if getattr(actor, "pk", None) else None,
            file_name=name[:255],
            file_path=stored.path,
            file_type=stored.file_type,
            file_size=stored.size,
        )
        audit.record(
            actor, Event.PLAN_FILE_UPLOADED, plan_import, changes={"file_name": [None, plan_import.file_name]}
        )
        if background:
            transaction.on_commit(lambda: enqueue(plan_import.pk))
    return plan_import


def enqueue(import_id: int) -> None:
    from apps.plans.tasks import parse_upload

    parse_upload.enqueue(import_id)


def is_stale(plan_import: PlanImport) -> bool:
    return plan_import.status in {ImportStatus.QUEUED, ImportStatus.RUNNING} and (
        timezone.now() - plan_import.heartbeat_at > STALE_AFTER
    )


def retry_import(plan_import: PlanImport, *, actor: Any) -> PlanImport:
    """Start the reading again after a failure or an interrupted job."""
    require(actor, "change", plan_import, own_unit=True)
    if plan_import.status == ImportStatus.SAVED:
        raise ValidationError(_("This file has already been saved as a plan."))
    PlanImport.objects.filter(pk=plan_import.pk).update(
        status=ImportStatus.QUEUED, error="", pages_done=0, pages_total=0, heartbeat_at=timezone.now()
    )
    transaction.on_commit(lambda: enqueue(plan_import.pk))
    plan_import.refresh_from_db()
    return plan_import


def run_import(import_id: int) -> None:
    """The job: read and parse the file, reporting progress per page. Safe to run twice:
    only the run that moves the import from queued to running does the work."""
    from apps.plans import parsing
    from apps.plans.parsing.readers import read_any

    claimed = PlanImport.objects.filter(pk=import_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING, heartbeat_at=timezone.now()
    )
    if not claimed:
        return
    plan_import = PlanImport.objects.get(pk=import_id)

    def progress(done: int, total: int) -> None:
        PlanImport.objects.filter(pk=import_id).update(
            pages_done=done, pages_total=total, heartbeat_at=timezone.now()
        )

    try:
        reading = read_any(uploads.path_of(plan_import.file_path), progress)
        result = parsing.parse_text(reading.text, reading.format)
        result["source"]["warnings"] = reading.warnings + result["source"]["warnings"]
    except parsing.ParseError as exc:
        message = str(exc).replace(plan_import.file_path, plan_import.file_name)
        PlanImport.objects.filter(pk=import_id).update(status=ImportStatus.FAILED, error=message[:500])
        return
    except Exception:
        log.exception("plan import %s failed", import_id)
        PlanImport.objects.filter(pk=import_id).update(
            status=ImportStatus.FAILED,
            error=_("The file could not be read. Check that it opens on your computer, then try again."),
        )
        return
    if (
        not result.get("tasks")
        and not result.get("targets")
        and not (result.get("objectives") or {}).get("purposes")
    ):
        PlanImport.objects.filter(pk=import_id).update(
            status=ImportStatus.FAILED,
            error=_("This does not look like a plan: no purposes, tasks or targets were found in it."),
            text=reading.text[:500_000],
        )
        return
    PlanImport.objects.filter(pk=import_id).update(
        status=ImportStatus.READY, result=result, text=reading.text[:500_000], heartbeat_at=timezone.now()
    )


def unit_candidates(unit: AdministrativeUnit, *, active_only: bool = True) -> list[Candidate]:
    agencies = Agency.objects.filter(unit=unit)
    if active_only:
        agencies = agencies.filter(is_active=True)
    return [Candidate(a.pk, a.name, exact_only=a.village_id is not None) for a in agencies]


def agency_suggestions(
    unit: AdministrativeUnit, content: dict[str, Any], agency_map: dict[str, Any]
) -> list[dict[str, Any]]:
    """For each agency the plan names: the unit's agency it means (as saved before, or the
    best match), or None when none matches (the review screen highlights those)."""
    if unit.level != Level.COMMUNE:
        return []
    agencies = unit_candidates(unit)
    rows = []
    for written in written_agencies(content):
        chosen = agency_map.get(written)
        match = best_match(written, agencies, unit.short_name) if chosen is None else None
        rows.append(
            {"written": written, "agency_id": chosen if chosen is not None else (match.pk if match else None)}
        )
    return rows


def resolve_agencies(
    unit: AdministrativeUnit, choices: dict[str, str], *, actor: Any
) -> dict[str, int | None]:
    """The review's choices (an agency id, "new", or "" to leave the name as text) as the
    plan's agency map; "new" creates the agency (inside the caller's transaction). A name
    that matches an agency left as text is kept so (None): the matching done on every save
    does not undo that choice."""
    mapping: dict[str, int | None] = {}
    own = set(Agency.objects.filter(unit=unit).values_list("pk", flat=True))
    active = unit_candidates(unit)
    for written, choice in choices.items():
        if not choice:
            if best_match(written, active, unit.short_name) is not None:
                mapping[written] = None
        elif choice == NEW_AGENCY:
            existing = best_match(written, unit_candidates(unit, active_only=False), unit.short_name)
            agency = (
                Agency.objects.get(pk=existing.pk)
                if existing
                else create_agency(unit, actor=actor, name=written, kind="committee")
            )
            mapping[written] = agency.pk
        else:
            if not choice.isdigit() or int(choice) not in own:
                raise ValidationError(_("An agency chosen belongs to another unit."))
            mapping[written] = int(choice)
    return mapping


def save_import(
    plan_import: PlanImport,
    *,
    actor: Any,
    content: dict[str, Any],
    choices: dict[str, str],
    task_sources: dict[str, Any] | None = None,
) -> Plan:
    """The reviewed document becomes a plan, with its new agencies, or nothing does. A
    document another body issued (its heading names the district, the province, another
    commune) is kept as a received plan: its own number, date and issuer, read-only."""
    require(actor, "add", Plan, unit=plan_import.unit, own_unit=True)
    if plan_import.status != ImportStatus.READY:
        raise ValidationError(_("This file is not ready to be saved."))
    with transaction.atomic():
        locked = PlanImport.objects.select_for_update().get(pk=plan_import.pk)
        if locked.status != ImportStatus.READY:
            raise ValidationError(_("This file has already been saved as a plan."))
        agency_map = resolve_agencies(plan_import.unit, choices, actor=actor)
        source = {
            "source_name": plan_import.file_name,
            "source_path": plan_import.file_path,
            "source_type": plan_import.file_type,
        }
        received = is_received(content, plan_import.unit)
        if received:
            source.update(received_fields(content))
        plan = create_plan(
            plan_import.unit,
            actor=actor,
            content=content,
            agency_map=agency_map,
            note=(
                _("Kept as received from the file “%(name)s”")
                if received
                else _("Imported from the file “%(name)s”")
            )
            % {"name": plan_import.file_name},
            event=Event.PLAN_RECEIVED if received else Event.PLAN_IMPORTED,
            source=source,
            task_sources=task_sources,
        )
        locked.status, locked.plan = ImportStatus.SAVED, plan
        locked.save(update_fields=["status", "plan"])
    return plan
