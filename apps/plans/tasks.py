"""Background jobs of the plans app (django-tasks, database backend: `manage.py db_worker`):
reading an uploaded plan file. The upload service (imports.start_import) queues it."""

from __future__ import annotations

import logging

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from apps.plans import uploads
from apps.plans.models import ImportStatus, PlanImport

log = logging.getLogger(__name__)


@task()
def parse_upload(import_id: int) -> None:
    """Takes an id, not an object; safe to run twice (only one run claims the import)."""
    run_import(import_id)


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
        result = parsing.parse_reading(reading)
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
