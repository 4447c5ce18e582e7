"""Log-in, log-out, failed log-ins, lock-outs and admin-site edits go to the audit log."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from apps.access import audit
from apps.access.client import clean_header
from apps.access.events import Event
from apps.access.scope import active_membership, memberships_of


def _unit_of(user: Any) -> Any:
    membership = active_membership(user)
    return membership.unit if membership is not None else None


def _named_user(username: str) -> Any:
    return get_user_model()._default_manager.filter(username=username).first() if username else None


@receiver(user_logged_in)
def audit_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit.record(user, Event.LOGIN, user, unit=_unit_of(user))


@receiver(user_logged_out)
def audit_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit.record(user, Event.LOGOUT, user, unit=_unit_of(user))


@receiver(user_login_failed)
def audit_login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    _failure(Event.LOGIN_FAILED, str(credentials.get("username") or ""))


@receiver(user_locked_out)
def audit_locked_out(sender: Any, request: Any, username: str | None, ip_address: str, **kwargs: Any) -> None:
    _failure(Event.LOCKED_OUT, username or "")


def _failure(event: Event, username: str) -> None:
    """Recorded against the account that was tried, in its unit's log, when it exists."""
    username = clean_header(username)[:150]
    user = _named_user(username)
    memberships = memberships_of(user) if user is not None else []
    audit.record(
        None,
        event,
        user,
        unit=memberships[0].unit if memberships else None,
        object_repr=username,
    )


_ADMIN_ACTIONS = {ADDITION: "add", CHANGE: "change", DELETION: "delete"}


@receiver(post_save, sender=LogEntry)
def audit_admin_change(sender: Any, instance: LogEntry, created: bool, **kwargs: Any) -> None:
    if not created:
        return
    model = instance.content_type.model_class() if instance.content_type is not None else None
    sensitive = bool(getattr(model, "audit_sensitive", False))
    edited = None
    if instance.action_flag != DELETION:
        try:
            edited = instance.get_edited_object()
        except Exception:  # the object may be gone already; the entry still names it
            edited = None
    label = model._meta.label_lower if model is not None else ""
    audit.record(
        instance.user,
        Event.ADMIN_CHANGED,
        None,
        unit=getattr(edited, "audit_unit", None),
        object_repr=f"{label} #{instance.object_id}" if sensitive else f"{label}: {instance.object_repr}",
        changes={
            "action": _ADMIN_ACTIONS.get(instance.action_flag, str(instance.action_flag)),
            "message": "" if sensitive else instance.get_change_message(),
        },
    )
