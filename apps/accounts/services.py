"""User and membership changes: permission-checked, validated, audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from apps.access import audit
from apps.access.events import Event
from apps.access.guards import require
from apps.access.scope import SESSION_KEY, active_membership, choose_membership, memberships_of
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


def add_membership(
    user: User,
    unit: AdministrativeUnit,
    role: str,
    *,
    actor: Any,
    agency: Agency | None = None,
    title: str = "",
) -> Membership:
    """Attach a user to a unit. The first membership of a commune creates its default agencies."""
    require(actor, "add", Membership, unit=unit)
    validate_membership(unit, role, agency)
    with transaction.atomic():
        if unit.level == Level.COMMUNE and not Membership.objects.filter(unit=unit).exists():
            ensure_default_agencies(unit, actor=actor)
        membership = Membership.objects.create(user=user, unit=unit, role=role, agency=agency, title=title)
        audit.record(
            actor,
            Event.MEMBERSHIP_CREATED,
            membership,
            changes={"user": [None, user.username], "role": [None, role]},
        )
    return membership


def switch_membership(request: HttpRequest, membership_id: int, *, actor: Any) -> Membership:
    """Make another of the actor's own memberships the active one for this session."""
    membership = next((m for m in memberships_of(actor) if m.pk == membership_id), None)
    if membership is None:
        audit.record(
            actor, Event.ACCESS_DENIED, None, changes={"action": "switch", "object": "accounts.membership"}
        )
        raise PermissionDenied("switch")
    request.session[SESSION_KEY] = membership.pk
    choose_membership(actor, membership.pk)
    audit.record(actor, Event.MEMBERSHIP_SWITCHED, membership, changes={"role": membership.role})
    return membership


def change_password(request: HttpRequest, user: User, new_password: str, *, actor: Any) -> None:
    """Users change only their own password; the session stays signed in."""
    if actor is None or getattr(actor, "pk", None) != user.pk:
        audit.record(actor, Event.ACCESS_DENIED, user, changes={"action": "change_password", "object": "accounts.user"})
        raise PermissionDenied("change_password")
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        membership = active_membership(actor)
        audit.record(actor, Event.PASSWORD_CHANGED, user, unit=membership.unit if membership else None)
    update_session_auth_hash(request, user)
