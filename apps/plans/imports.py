"""Plan files on their way in: upload (type checked by content, stored outside the web
root), parse in a background job with progress, review, save all or nothing."""

from __future__ import annotations

import datetime as dt
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.access import audit
from apps.access.actors import Actor
from apps.access.events import Event
from apps.access.guards import require
from apps.accounts.models import User
from apps.geo.models import AdministrativeUnit
from apps.plans import uploads
from apps.plans.agency_choices import resolve_agencies
from apps.plans.models import ImportStatus, Plan, PlanImport
from apps.plans.received import is_received, received_fields
from apps.plans.services import create_plan
from apps.plans.tasks import parse_upload

# a job that has not reported for this long was killed (a worker restart, a crash)
STALE_AFTER = dt.timedelta(minutes=10)


def start_import(
    unit: AdministrativeUnit,
    *,
    actor: Actor,
    upload: IO[bytes],
    name: str,
    size: int,
    background: bool = True,
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
            created_by=actor if isinstance(actor, User) else None,
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
    parse_upload.enqueue(import_id)


def is_stale(plan_import: PlanImport) -> bool:
    return plan_import.status in {ImportStatus.QUEUED, ImportStatus.RUNNING} and (
        timezone.now() - plan_import.heartbeat_at > STALE_AFTER
    )


def retry_import(plan_import: PlanImport, *, actor: Actor) -> PlanImport:
    """Start the reading again after a failure or an interrupted job."""
    require(actor, "change", plan_import, own_unit=True)
    with transaction.atomic():
        # the import's row, locked: a save of the same import waits, then sees it queued
        locked = PlanImport.objects.select_for_update(of=("self",)).get(pk=plan_import.pk)
        if locked.status == ImportStatus.SAVED:
            raise ValidationError(_("This file has already been saved as a plan."))
        PlanImport.objects.filter(pk=plan_import.pk).update(
            status=ImportStatus.QUEUED, error="", pages_done=0, pages_total=0, heartbeat_at=timezone.now()
        )
        transaction.on_commit(lambda: enqueue(plan_import.pk))
    plan_import.refresh_from_db()
    return plan_import


def save_import(
    plan_import: PlanImport,
    *,
    actor: Actor,
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
        locked = PlanImport.objects.select_for_update(of=("self",)).get(pk=plan_import.pk)
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
