"""Recording an activity with its participants."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.access import audit
from apps.access.events import Event
from apps.access.guards import require
from apps.access.roles import Role
from apps.access.scope import Scope
from apps.activities.calendar_data import period_of
from apps.activities.models import AGE_FIELDS, SEX_FIELDS, Activity, ActivityKind, ActivityPhoto
from apps.geo.models import AdministrativeUnit, Agency, Level
from apps.work import evidence as files
from apps.work.models import Task

MAX_PHOTOS = 10

COUNT_FIELDS = (*SEX_FIELDS, *AGE_FIELDS, "ethnic_minority", "kinh", "with_disability")


def check_counts(counts: dict[str, int | None]) -> dict[str, int | None]:
    """The counts, complete and consistent, or a ValidationError saying which group is off."""
    clean = {name: counts.get(name) for name in COUNT_FIELDS}
    for name in (*SEX_FIELDS, *AGE_FIELDS):
        clean[name] = clean[name] or 0
    if any(value is not None and value < 0 for value in clean.values()):
        raise ValidationError(_("Counts cannot be negative."))
    total = sum(clean[name] or 0 for name in SEX_FIELDS)
    if total == 0:
        raise ValidationError(_("Count the participants: men, women or other."))
    errors = []
    by_age = sum(clean[name] or 0 for name in AGE_FIELDS)
    if by_age != total:
        errors.append(
            _("The age groups add up to %(ages)s but the participants by sex to %(total)s.")
            % {"ages": by_age, "total": total}
        )
    if clean["ethnic_minority"] is not None or clean["kinh"] is not None:
        minority, kinh = clean["ethnic_minority"] or 0, clean["kinh"] or 0
        clean["ethnic_minority"], clean["kinh"] = minority, kinh
        if minority + kinh != total:
            errors.append(
                _("Ethnic minority and Kinh add up to %(n)s but the participants to %(total)s.")
                % {"n": minority + kinh, "total": total}
            )
    disability = clean["with_disability"]
    if disability is not None and disability > total:
        errors.append(_("More people with a disability than participants."))
    if errors:
        raise ValidationError(errors)
    return clean


def record_activity(
    unit: AdministrativeUnit,
    *,
    actor: Any,
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
    scope = Scope.of(actor)
    if scope is not None and scope.role == Role.FOCAL_PERSON and organiser.pk != scope.agency_id:
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
    unit: AdministrativeUnit, actor: Any, stored: list[tuple[str, Any]], clean: dict[str, Any], **fields: Any
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
