"""User and membership changes: permission-checked, validated, audited. Each takes the
actor and the values it needs (the session, never the request), so the page, the API and
the command line call the same service."""

from __future__ import annotations

from django.contrib.auth import HASH_SESSION_KEY
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from apps.access import audit
from apps.access.actors import Actor
from apps.access.events import Event
from apps.access.guards import require
from apps.access.scope import SESSION_KEY, active_membership, choose_membership, memberships_of
from apps.accounts.grants import may_grant, validate_membership
from apps.accounts.models import Membership, User
from apps.geo.models import AdministrativeUnit, Agency, Level
from apps.geo.services import ensure_default_agencies


def add_membership(
    user: User,
    unit: AdministrativeUnit,
    role: str,
    *,
    actor: Actor,
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


def switch_membership(membership_id: int, *, actor: Actor, session: SessionBase) -> Membership:
    """Make another of the actor's own memberships the active one for this session."""
    membership = next((m for m in memberships_of(actor) if m.pk == membership_id), None)
    if membership is None:
        audit.record(
            actor, Event.ACCESS_DENIED, None, meta={"action": "switch", "object": "accounts.membership"}
        )
        raise PermissionDenied("switch")
    session[SESSION_KEY] = membership.pk
    choose_membership(actor, membership.pk)
    audit.record(actor, Event.MEMBERSHIP_SWITCHED, membership, changes={"role": membership.role})
    return membership


def _require_self(actor: Actor, user: User, action: str) -> None:
    """Only the person themself acts on their own password and session."""
    if actor is None or getattr(actor, "pk", None) != user.pk:
        audit.record(actor, Event.ACCESS_DENIED, user, meta={"action": action, "object": "accounts.user"})
        raise PermissionDenied(action)


def record_wrong_current_password(user: User, *, actor: Actor) -> None:
    """A wrong current password counts as a failed log-in (and toward the address lock)."""
    _require_self(actor, user, "change_password")
    membership = active_membership(user)
    audit.record(
        None,
        Event.LOGIN_FAILED,
        user,
        unit=membership.unit if membership else None,
        object_repr=user.get_username(),
        meta={"where": "password_change"},
    )


def lock_out_session(user: User, *, actor: Actor) -> None:
    """Someone holding the session guesses the password: recorded as a lock-out; the
    caller then ends the session (the page signs the browser out)."""
    _require_self(actor, user, "change_password")
    membership = active_membership(user)
    audit.record(
        None,
        Event.LOCKED_OUT,
        user,
        unit=membership.unit if membership else None,
        object_repr=user.get_username(),
    )


def lock_out_address(ip: str | None, *, actor: Actor) -> None:
    """An address over its failures for the hour tries again: recorded, before anyone is
    signed in (the log-in page refuses it)."""
    audit.record(actor, Event.LOCKED_OUT, None, object_repr=_("address %(ip)s") % {"ip": ip})


def change_password(
    user: User, *, actor: Actor, new_password: str, session: SessionBase | None = None
) -> None:
    """Users change only their own password; the session given stays signed in."""
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
    if session is not None:  # as update_session_auth_hash: a new key, the new password's hash
        session.cycle_key()
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
