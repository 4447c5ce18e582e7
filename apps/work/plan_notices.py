"""The bell and the e-mail for a plan on its way to being issued: the unit's leaders when
the officer sends a plan to them, the officer who sent it (and the unit's officers) when
the leader returns it with a comment. Connected to the plans app's signals, which are
sent once the transaction commits (plans sits below work and does not import it)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.access.actors import Actor
from apps.access.roles import Role
from apps.accounts.models import Membership
from apps.geo.models import Level
from apps.plans.models import Plan
from apps.plans.signals import plan_returned, plan_sent
from apps.work.reminders import notify


def _members(plan: Plan, roles: tuple[str, ...]) -> dict[int, Any]:
    return {
        m.user_id: m.user
        for m in Membership.objects.filter(
            unit=plan.unit, role__in=roles, is_active=True, user__is_active=True
        ).select_related("user")
    }


def _officer_roles(plan: Plan) -> tuple[str, ...]:
    return (Role.PROVINCE_OFFICER,) if plan.unit.level == Level.PROVINCE else (Role.COMMUNE_OFFICER,)


def tell_leaders(sender: Any, *, plan: Plan, actor: Actor, **kwargs: Any) -> None:
    """The officer sent `plan` to the leader to be issued."""
    leaders = _members(plan, (Role.LEADER,))
    leaders.pop(getattr(actor, "pk", 0), None)  # not the person who sent it
    with transaction.atomic():
        notify(
            leaders.values(),
            subject=f"plan:{plan.pk}:sent:{plan.sent_at:%Y%m%d%H%M%S}"
            if plan.sent_at
            else f"plan:{plan.pk}:sent",
            url=reverse("plans:detail", args=[plan.pk]),
            message=_("A plan waits for you to issue it: %(title)s (sent by %(who)s).")
            % {"title": plan.title, "who": plan.sent_by_name},
        )


def tell_officers(sender: Any, *, plan: Plan, actor: Actor, comment: str = "", **kwargs: Any) -> None:
    """The leader returned `plan` to the officer with `comment`."""
    told = _members(plan, _officer_roles(plan))
    sender_user = get_user_model().objects.filter(username=plan.sent_by_name, is_active=True).first()
    if (
        sender_user is not None
        and Membership.objects.filter(user=sender_user, unit=plan.unit, is_active=True).exists()
    ):
        told[sender_user.pk] = sender_user
    told.pop(getattr(actor, "pk", 0), None)
    with transaction.atomic():
        notify(
            told.values(),
            subject=f"plan:{plan.pk}:returned:{plan.updated_at:%Y%m%d%H%M%S}",
            url=reverse("plans:detail", args=[plan.pk]),
            message=_("Returned by the leader: %(title)s. %(comment)s")
            % {"title": plan.title, "comment": comment},
        )


plan_sent.connect(tell_leaders, dispatch_uid="work.plan_notices.sent")
plan_returned.connect(tell_officers, dispatch_uid="work.plan_notices.returned")
