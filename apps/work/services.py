"""Every change to the unit's work: add a task by hand, post progress with evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.access import audit
from apps.access.actors import Actor
from apps.access.events import Event
from apps.access.guards import require
from apps.access.roles import Role
from apps.access.scope import Scope
from apps.accounts.models import Membership, User
from apps.geo.models import AdministrativeUnit, Agency
from apps.plans.models import PlanTask
from apps.work import evidence as files
from apps.work import reminders
from apps.work.models import Evidence, ProgressUpdate, Recurrence, Task, TaskStatus
from apps.work.sync import plan_values, task_values, write_to_plan_row

MAX_FILES = 10


def _actor_name(actor: Actor) -> str:
    name = getattr(actor, "full_name", "") or actor.get_username()
    return str(name)[:150]


def _check_agencies(unit: AdministrativeUnit, agencies: Iterable[Agency | None]) -> None:
    for agency in agencies:
        if agency is not None and agency.unit_id != unit.pk:
            raise ValidationError(_("Choose agencies of this commune."))


def create_task(
    unit: AdministrativeUnit,
    *,
    actor: Actor,
    title: str,
    end: dt.date | None,
    lead: Agency | None = None,
    partners: Iterable[Agency] = (),
    start: dt.date | None = None,
    recurrence: str = Recurrence.ONCE,
    timeframe_text: str = "",
) -> Task:
    """An ad-hoc task, outside any plan."""
    require(actor, "add", Task, unit=unit, own_unit=True)
    partners = list(partners)
    _check_agencies(unit, [lead, *partners])
    if not title.strip():
        raise ValidationError(_("Write what is to be done."))
    if start and end and start > end:
        raise ValidationError(_("The start comes after the deadline."))
    with transaction.atomic():
        task = Task.objects.create(
            unit=unit,
            title=title.strip(),
            lead=lead,
            lead_text=lead.name if lead else "",
            start=start,
            end=end,
            recurrence=recurrence,
            timeframe_text=timeframe_text,
            created_by_name=_actor_name(actor),
        )
        task.partners.set([p for p in partners if p != lead])
        audit.record(
            actor,
            Event.TASK_CREATED,
            task,
            changes={"title": task.title, "end": str(end or ""), "lead": str(lead or "")},
        )
    return task


def may_report(actor: Actor, task: Task) -> bool:
    """The role may report on the unit's tasks, and a focal person only on their agency's."""
    from apps.access.guards import permitted

    if not permitted(actor, "report", task, own_unit=True):
        return False
    scope = Scope.of(actor)
    if scope is not None and scope.role == Role.FOCAL_PERSON:
        return task.involves(scope.agency_id)
    return True


def require_report(actor: Actor, task: Task) -> None:
    """Refuse (and log) anyone who may not report on this task."""
    require(actor, "report", task, own_unit=True)
    if not may_report(actor, task):
        audit.record(actor, Event.ACCESS_DENIED, task, meta={"action": "report", "object": "work.task"})
        raise PermissionDenied("report")


def post_progress(
    task: Task,
    *,
    actor: Actor,
    status: str,
    percent: int | None,
    note: str = "",
    uploads: Iterable[tuple[str, IO[bytes]]] = (),
) -> ProgressUpdate:
    """Status or percent, a short narrative and evidence files, in one go: every file is
    checked before anything is written, and nothing is kept if one is refused."""
    require_report(actor, task)
    if status == TaskStatus.CANCELLED:
        require(actor, "change", task, own_unit=True)  # only the unit's officer and leader cancel
    if status not in TaskStatus.values:
        raise ValidationError(_("Choose a status."))
    if percent is None:
        percent = {TaskStatus.DONE: 100, TaskStatus.NOT_STARTED: 0}.get(TaskStatus(status), task.percent)
    if not 0 <= percent <= 100:
        raise ValidationError(_("The percentage is between 0 and 100."))
    if status == TaskStatus.DONE:
        percent = 100
    elif status == TaskStatus.NOT_STARTED and percent > 0:
        status = TaskStatus.IN_PROGRESS
    checked: list[tuple[str, str, bytes]] = []
    uploads = list(uploads)
    if len(uploads) > MAX_FILES:
        raise ValidationError(_("At most %(n)s files at a time.") % {"n": MAX_FILES})
    for name, upload in uploads:
        try:
            file_type, data = files.check(files.read_upload(upload))
        except ValidationError as exc:
            raise ValidationError(f"{name}: {' '.join(exc.messages)}", code=exc.code) from exc
        checked.append((name, file_type, data))
    stored = [(name, files.store(data, file_type)) for name, file_type, data in checked]
    scope = Scope.of(actor)
    try:
        with transaction.atomic():
            locked = Task.objects.select_for_update(of=("self",)).get(pk=task.pk)
            before = {"status": locked.status, "percent": locked.percent}
            update = ProgressUpdate.objects.create(
                task=locked,
                author=actor if isinstance(actor, User) and actor.is_authenticated else None,
                author_name=_actor_name(actor),
                agency_id=scope.agency_id if scope is not None else None,
                status=status,
                percent=percent,
                note=note.strip(),
            )
            Evidence.objects.bulk_create(
                Evidence(
                    update=update, file_name=name[:255], file_path=f.path, file_type=f.file_type, size=f.size
                )
                for name, f in stored
            )
            locked.status, locked.percent, locked.last_update_at = status, percent, timezone.now()
            locked.save(update_fields=["status", "percent", "last_update_at", "updated_at"])
            audit.record(
                actor,
                Event.TASK_PROGRESS,
                locked,
                changes=audit.diff(before, {"status": status, "percent": percent}),
                meta={"files": len(stored)},
            )
    except BaseException:
        for _name, f in stored:
            files.path_of(f.path).unlink(missing_ok=True)
        raise
    task.refresh_from_db()
    return update


ASSIGNED_FIELDS = ("lead", "partners", "start", "end")


def _shown(values: dict[str, Any], agencies: dict[int, Agency]) -> dict[str, str]:
    """The fields as the task's history shows them: agency names, dates dd/mm/yyyy."""

    def name(pk: int | None) -> str:
        return agencies[pk].name if pk in agencies else ""

    def day(value: str | None) -> str:
        return dt.date.fromisoformat(value).strftime("%d/%m/%Y") if value else ""

    return {
        "lead": name(values["lead"]),
        "partners": "; ".join(sorted(name(pk) for pk in values["partners"])),
        "start": day(values["start"]),
        "end": day(values["end"]),
    }


def assign_task(
    task: Task,
    *,
    actor: Actor,
    lead: Agency | None,
    partners: Iterable[Agency] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Task:
    """The commune officer (or the leader) sets who leads a task, who helps and when, on
    the task page, without correcting the plan. The plan's row says the same afterwards,
    and `sync.sync_plan_tasks` keeps her choice until a correction of the plan changes
    that field. The new lead's focal persons are told."""
    require(actor, "change", task, own_unit=True)
    partners = [p for p in partners if lead is None or p.pk != lead.pk]
    for agency in [lead, *partners]:
        if agency is not None and (agency.unit_id != task.unit_id or not agency.is_active):
            raise ValidationError(_("Choose agencies of this commune that are still active."))
    if lead is None:
        raise ValidationError(_("Choose the lead agency."))
    if start and end and start > end:
        raise ValidationError(_("The start comes after the deadline."))
    after: dict[str, Any] = {
        "lead": lead.pk,
        "partners": sorted({p.pk for p in partners}),
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
    }
    with transaction.atomic():
        locked = Task.objects.select_for_update(of=("self",)).get(pk=task.pk)
        before = task_values(locked)
        changed = [key for key in ASSIGNED_FIELDS if before[key] != after[key]]
        if not changed:
            return locked
        row = None
        if locked.plan_task_id is not None:
            row = (
                PlanTask.objects.select_for_update(of=("self",))
                .prefetch_related("partners")
                .filter(pk=locked.plan_task_id)
                .first()
            )
        if row is not None:
            said = plan_values(row)
            assigned = dict(locked.assigned or {})
            for key in changed:
                assigned.setdefault(key, said[key])
            locked.assigned = assigned
        locked.lead, locked.start, locked.end = lead, start, end
        locked.save()
        locked.partners.set(after["partners"])
        if row is not None:
            write_to_plan_row(row, {key: after[key] for key in changed})
        named = {before["lead"], lead.pk, *before["partners"], *after["partners"]} - {None}
        agencies = Agency.objects.in_bulk(list(named))
        old, new = _shown(before, agencies), _shown(after, agencies)
        record = audit.record(
            actor,
            Event.TASK_ASSIGNED,
            locked,
            changes={key: [old[key], new[key]] for key in changed},
        )
        if before["lead"] != lead.pk:
            focal_persons = Membership.objects.filter(
                unit_id=locked.unit_id,
                role=Role.FOCAL_PERSON,
                agency=lead,
                is_active=True,
                user__is_active=True,
            ).select_related("user")
            reminders.notify(
                [m.user for m in focal_persons],
                subject=f"task-assigned-{record.pk}",
                url=reverse("work:task_detail", args=[locked.pk]),
                message=_("Your agency leads a task: %(task)s") % {"task": locked.title},
            )
    task.refresh_from_db()
    return task
