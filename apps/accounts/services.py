"""User and membership changes: permission-checked, validated, audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.access import audit
from apps.access.actors import SystemActor
from apps.access.events import Event
from apps.access.guards import require
from apps.access.models import AuditLog
from apps.access.scope import SESSION_KEY, Scope, active_membership, choose_membership, memberships_of
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


def may_grant(actor: Any, role: str) -> bool:
    if isinstance(actor, SystemActor):
        return True
    scope = Scope.of(actor)
    return scope is not None and role in GRANTABLE.get(scope.role, set())


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
    require(actor, "add", Membership, unit=unit, own_unit=True)
    if not may_grant(actor, role):
        audit.record(
            actor,
            Event.ACCESS_DENIED,
            None,
            unit=unit,
            meta={"action": f"grant:{role}", "object": "accounts.membership"},
        )
        raise PermissionDenied("grant")
    validate_membership(unit, role, agency)
    with transaction.atomic():
        if (
            unit.level in (Level.COMMUNE, Level.PROVINCE)
            and not Membership.objects.filter(unit=unit).exists()
        ):
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
            actor, Event.ACCESS_DENIED, None, meta={"action": "switch", "object": "accounts.membership"}
        )
        raise PermissionDenied("switch")
    request.session[SESSION_KEY] = membership.pk
    choose_membership(actor, membership.pk)
    audit.record(actor, Event.MEMBERSHIP_SWITCHED, membership, changes={"role": membership.role})
    return membership


def wrong_current_passwords(user: User) -> int:
    """Wrong current passwords typed on the password page in the last hour."""
    since = timezone.now() - dt.timedelta(hours=1)
    return AuditLog.objects.filter(
        event=Event.LOGIN_FAILED,
        object_type="accounts.user",
        object_id=str(user.pk),
        changes__where="password_change",
        created_at__gte=since,
    ).count()


def record_wrong_current_password(user: User) -> None:
    """A wrong current password counts as a failed log-in (and toward the address lock)."""
    membership = active_membership(user)
    audit.record(
        None,
        Event.LOGIN_FAILED,
        user,
        unit=membership.unit if membership else None,
        object_repr=user.get_username(),
        meta={"where": "password_change"},
    )


def lock_out_session(request: HttpRequest, user: User) -> None:
    from django.contrib.auth import logout

    membership = active_membership(user)
    audit.record(
        None,
        Event.LOCKED_OUT,
        user,
        unit=membership.unit if membership else None,
        object_repr=user.get_username(),
    )
    logout(request)


def change_password(request: HttpRequest, user: User, new_password: str, *, actor: Any) -> None:
    """Users change only their own password; the session stays signed in."""
    if actor is None or getattr(actor, "pk", None) != user.pk:
        audit.record(
            actor, Event.ACCESS_DENIED, user, meta={"action": "change_password", "object": "accounts.user"}
        )
        raise PermissionDenied("change_password")
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        membership = active_membership(actor)
        audit.record(actor, Event.PASSWORD_CHANGED, user, unit=membership.unit if membership else None)
    update_session_auth_hash(request, user)
