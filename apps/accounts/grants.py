"""Which roles a membership may have in which unit, and who may give them: rules the
membership services and forms check, without writing anything."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.access.actors import Actor, SystemActor
from apps.access.scope import Scope
from apps.accounts.models import PROVINCE_ROLES, Role
from apps.geo.models import AdministrativeUnit, Agency, Level


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


# who may give which role in their own unit: only a leader makes another leader
_COMMUNE_STAFF = {
    Role.COMMUNE_OFFICER.value,
    Role.FOCAL_PERSON.value,
    Role.CASE_WORKER.value,
    Role.VIEWER.value,
}
GRANTABLE: dict[str, set[str]] = {
    Role.COMMUNE_OFFICER.value: _COMMUNE_STAFF,
    Role.LEADER.value: _COMMUNE_STAFF | {Role.LEADER.value},
}


def may_grant(actor: Actor | None, role: str) -> bool:
    if isinstance(actor, SystemActor):
        return True
    scope = Scope.of(actor)
    return scope is not None and role in GRANTABLE.get(scope.role, set())
