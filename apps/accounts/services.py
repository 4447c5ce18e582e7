"""User and membership changes: permission-checked, validated, audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts import audit
from apps.accounts.models import PROVINCE_ROLES, Membership, Role, User
from apps.geo.models import AdministrativeUnit, Agency, Level
from apps.geo.services import ensure_default_agencies


def validate_membership(unit: AdministrativeUnit, role: str, agency: Agency | None) -> None:
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    expected_level = Level.PROVINCE if role in PROVINCE_ROLES else Level.COMMUNE
    if unit.level != expected_level:
        raise ValidationError({"unit": _("This role belongs to a unit of another level.")})
    if role == Role.FOCAL_PERSON and agency is None:
        raise ValidationError({"agency": _("A focal person must belong to an agency.")})
    if agency is not None and agency.unit_id != unit.pk:
        raise ValidationError({"agency": _("The agency belongs to another unit.")})


@transaction.atomic
def add_membership(
    actor: Any,
    user: User,
    unit: AdministrativeUnit,
    role: str,
    *,
    agency: Agency | None = None,
    title: str = "",
) -> Membership:
    """Attach a user to a unit. Called by administrators (the actor) and by the demo loader;
    the first membership of a commune creates its default agencies."""
    if actor is not None and not getattr(actor, "is_superuser", False):
        from apps.accounts.permissions import MANAGE_UNIT, require

        require(actor, MANAGE_UNIT, unit)
    if role == Role.FOCAL_PERSON and agency is None:
        raise ValidationError({"agency": _("A focal person must belong to an agency.")})
    if unit.level == Level.COMMUNE and not Membership.objects.filter(unit=unit).exists():
        ensure_default_agencies(unit, actor)
    validate_membership(unit, role, agency)
    membership = Membership.objects.create(user=user, unit=unit, role=role, agency=agency, title=title)
    audit.record(
        actor, "membership.create", membership, unit=unit, changes={"user": user.username, "role": role}
    )
    return membership
