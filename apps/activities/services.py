"""Recording an activity with its participants."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.access import audit
from apps.access.events import Event
from apps.access.guards import require
from apps.access.roles import Role
from apps.access.scope import Scope
from apps.activities.calendar_data import period_of
from apps.activities.models import AGE_FIELDS, SEX_FIELDS, Activity, ActivityKind
from apps.geo.models import AdministrativeUnit, Agency, Level
from apps.work.models import Task

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
    period = period_of(date)
    with transaction.atomic():
        activity = Activity.objects.create(
            unit=unit,
            province=unit.province,
            kind=kind,
            title=title.strip(),
            date=date,
            village=village,
            place=place.strip(),
            organiser=organiser,
            task=task,
            campaign=period.code if period else "",
            officials=officials,
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
        )
    return activity
