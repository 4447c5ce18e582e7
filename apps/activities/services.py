"""Recording an activity with its participants."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.access import audit
from apps.access.actors import Actor
from apps.access.events import Event
from apps.access.guards import require
from apps.activities.calendar_data import period_of
from apps.activities.counts import check_counts
from apps.activities.models import Activity, ActivityKind, ActivityPhoto
from apps.activities.rules import may_organise
from apps.geo.models import AdministrativeUnit, Agency, Level
from apps.work import evidence as files
from apps.work.models import Task

MAX_PHOTOS = 10


def record_activity(
    unit: AdministrativeUnit,
    *,
    actor: Actor,
    organiser: Agency,
    kind: str,
    title: str,
    date: dt.date,
    counts: dict[str, int | None],
    village: AdministrativeUnit | None = None,
    place: str = "",
    task: Task | None = None,
    officials: bool = False,
    note: str = "",
    photos: Iterable[tuple[str, IO[bytes]]] = (),
) -> Activity:
    require(actor, "add", Activity, unit=unit, own_unit=True)
    if not may_organise(actor, organiser):
        audit.record(
            actor,
            Event.ACCESS_DENIED,
            organiser,
            unit=unit,
            meta={"action": "add", "object": "activities.activity"},
        )
        raise PermissionDenied("add")
    if organiser.unit_id != unit.pk:
        raise ValidationError(_("Choose an agency of this commune."))
    if village is not None and (village.parent_id != unit.pk or village.level != Level.VILLAGE):
        raise ValidationError(_("Choose a village of this commune."))
    if task is not None and task.unit_id != unit.pk:
        raise ValidationError(_("Choose a task of this commune."))
    if kind not in ActivityKind.values:
        raise ValidationError(_("Choose the kind of activity."))
    if not title.strip():
        raise ValidationError(_("Name the activity."))
    clean = check_counts(counts)
    checked = []
    photos = list(photos)
    if len(photos) > MAX_PHOTOS:
        raise ValidationError(_("At most %(n)s photos at a time.") % {"n": MAX_PHOTOS})
    for name, upload in photos:  # every photo is checked before anything is written
        try:
            file_type, data = files.check(files.read_upload(upload))
        except ValidationError as exc:
            raise ValidationError(f"{name}: {' '.join(exc.messages)}", code=exc.code) from exc
        if file_type not in ("jpg", "png"):
            raise ValidationError(_("%(name)s: a photo must be a JPG or PNG picture.") % {"name": name})
        checked.append((name, file_type, data))
    stored = [(name, files.store(data, file_type)) for name, file_type, data in checked]
    period = period_of(date)
    try:
        return _save(
            unit,
            actor,
            stored,
            clean,
            kind=kind,
            title=title,
            date=date,
            village=village,
            place=place,
            organiser=organiser,
            task=task,
            campaign=period.code if period else "",
            officials=officials,
            note=note,
        )
    except BaseException:
        for _name, f in stored:
            files.path_of(f.path).unlink(missing_ok=True)
        raise


def _save(
    unit: AdministrativeUnit,
    actor: Actor,
    stored: list[tuple[str, Any]],
    clean: dict[str, Any],
    **fields: Any,
) -> Activity:
    date, title, place, note = fields["date"], fields["title"], fields["place"], fields["note"]
    with transaction.atomic():
        activity = Activity.objects.create(
            unit=unit,
            province=unit.province,
            kind=fields["kind"],
            title=title.strip(),
            date=date,
            village=fields["village"],
            place=place.strip(),
            organiser=fields["organiser"],
            task=fields["task"],
            campaign=fields["campaign"],
            officials=fields["officials"],
            note=note.strip(),
            recorded_by_name=str(getattr(actor, "full_name", "") or actor.get_username())[:150],
            **clean,
        )
        audit.record(
            actor,
            Event.ACTIVITY_RECORDED,
            activity,
            changes={
                "title": activity.title,
                "date": str(date),
                "male": clean["male"],
                "female": clean["female"],
            },
            meta={"photos": len(stored)},
        )
        ActivityPhoto.objects.bulk_create(
            ActivityPhoto(
                activity=activity, file_name=name[:255], file_path=f.path, file_type=f.file_type, size=f.size
            )
            for name, f in stored
        )
    return activity
