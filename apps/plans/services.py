"""Plan changes: create, copy, import, edit, restore, send to the leader, return, issue,
correct. Each checks
permission first (in the actor's own unit), validates the document against the schema,
writes the plan and its version in one transaction and audits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.access import audit
from apps.access.actors import Actor
from apps.access.events import Event
from apps.access.guards import require
from apps.accounts.models import User
from apps.geo.models import AdministrativeUnit, Agency, Level
from apps.plans import content as plan_content
from apps.plans import heading
from apps.plans.agency_choices import resolve_agencies
from apps.plans.content import check_content
from apps.plans.materialise import Unassigned, matched_map, materialise, unassigned_tasks
from apps.plans.models import Plan, PlanStatus, PlanVersion
from apps.plans.numbers import issuer_code, next_number, paper_number, record_number
from apps.plans.signals import plan_returned, plan_sent


class PlanConflict(ValidationError):
    """Someone else saved the plan since this form was opened."""


class UnassignedTasks(ValidationError):
    """Issuing would leave tasks that reach nobody, and the leader has not confirmed."""

    def __init__(self, tasks: list[Unassigned]) -> None:
        super().__init__(
            _(
                "%(n)s tasks have no lead agency of the unit or no timeframe: once issued they reach "
                "nobody. Give them one, or confirm that the plan is issued as it is."
            )
            % {"n": len(tasks)},
            code="unassigned",
        )
        self.tasks = tasks


def _username(actor: Actor | None) -> str:
    return str(actor.get_username())[:150] if actor is not None else ""


def _snapshot(plan: Plan, actor: Actor, note: str) -> PlanVersion:
    return PlanVersion.objects.create(
        plan=plan,
        revision=plan.revision,
        content=plan.content,
        agency_map=plan.agency_map,
        title=plan.title,
        status=plan.status,
        note=note[:255],
        author=actor if isinstance(actor, User) else None,
        author_name=_username(actor),
    )


def _year_of(content: dict[str, Any], default: int) -> int:
    year = content["document"].get("year")
    return int(year) if isinstance(year, int) and 2000 <= year <= 2100 else default


def create_plan(
    unit: AdministrativeUnit,
    *,
    actor: Actor,
    content: dict[str, Any],
    agency_map: Mapping[str, int | None] | None = None,
    note: str,
    event: Event = Event.PLAN_CREATED,
    basis: Plan | None = None,
    source: dict[str, Any] | None = None,
    task_sources: dict[str, Any] | None = None,
) -> Plan:
    require(actor, "add", Plan, unit=unit, own_unit=True)
    content = check_content(content)
    _check_agency_map(unit, agency_map or {})
    try:
        with transaction.atomic():
            plan = Plan.objects.create(
                unit=unit,
                year=_year_of(content, timezone.localdate().year),
                title=content["document"]["title"].strip(),
                content=content,
                agency_map=matched_map(unit, content, dict(agency_map or {})),
                basis=basis,
                created_by_name=_username(actor),
                task_sources=task_sources or {},
                **(source or {}),
            )
            _snapshot(plan, actor, note)
            audit.record(actor, event, plan, changes={"title": [None, plan.title], "year": [None, plan.year]})
    except IntegrityError as exc:  # two derivations of the same province plan at once
        raise ValidationError(_("This commune already has a plan made from that province plan.")) from exc
    return plan


def new_blank_plan(unit: AdministrativeUnit, *, actor: Actor, year: int, title: str) -> Plan:
    return create_plan(
        unit,
        actor=actor,
        content=plan_content.blank(unit, year, title),
        note=_("New plan from the blank template"),
    )


def copy_plan(source: Plan, *, actor: Actor, unit: AdministrativeUnit, year: int) -> Plan:
    """This year's draft from last year's plan: dates move by the years between them."""
    require(actor, "view", source)
    content = plan_content.moved_to_year(source.content, year)
    # a copy is the unit's own draft, even of a plan another body issued
    content["document"].update(issuer=heading.unit_issuer(unit), place=unit.short_name)
    return create_plan(
        unit,
        actor=actor,
        content=content,
        agency_map=dict(source.agency_map) if source.unit_id == unit.pk else {},
        note=_("Copied from the plan of %(year)s") % {"year": source.year},
    )


def _check_agency_map(unit: AdministrativeUnit, agency_map: Mapping[str, Any]) -> None:
    ids = {v for v in agency_map.values() if v is not None}
    if not all(isinstance(v, int) for v in ids):
        raise ValidationError(_("Choose agencies from the list."))
    if ids and Agency.objects.filter(pk__in=ids, unit=unit).count() != len(ids):
        raise ValidationError(_("An agency chosen belongs to another unit."))


def update_plan(
    plan: Plan,
    *,
    actor: Actor,
    revision: int,
    content: dict[str, Any],
    agency_map: Mapping[str, int | None] | None = None,
    agency_choices: Mapping[str, str] | None = None,
    note: str,
    event: Event = Event.PLAN_UPDATED,
) -> Plan:
    """Save an edit made on revision `revision`; if someone saved since, refuse with a
    conflict instead of overwriting their work. `agency_choices` are the matching table's
    choices (an agency id, "new", or "" to keep the name as written): the agencies chosen
    as new are made in the same transaction, after the checks, so a conflict or a refusal
    leaves none behind."""
    require(actor, "change", plan, own_unit=True)
    content = check_content(content)
    if agency_map is not None:
        _check_agency_map(plan.unit, agency_map)
    with transaction.atomic():
        locked = Plan.objects.select_for_update(of=("self",)).select_related("unit").get(pk=plan.pk)
        if locked.revision != revision:
            raise PlanConflict(
                _(
                    "Someone else saved this plan while you were editing it (version %(theirs)s). "
                    "Your changes were not saved: open the plan again to see theirs, then redo yours."
                )
                % {"theirs": locked.revision}
            )
        if locked.is_issued:
            raise ValidationError(
                _("This plan has been issued and can no longer be edited. Use a correction.")
            )
        _refuse_received(locked)
        if locked.is_pending:
            raise ValidationError(
                _(
                    "This plan is waiting for the leader to issue it and cannot be edited now. "
                    "The leader issues it, or returns it to you with a comment."
                )
            )
        if agency_choices is not None:
            agency_map = resolve_agencies(locked.unit, agency_choices, actor=actor)
        before = {"title": locked.title, "year": locked.year}
        locked.content = content
        locked.agency_map = matched_map(
            locked.unit, content, dict(agency_map) if agency_map is not None else locked.agency_map
        )
        locked.title = content["document"]["title"].strip()
        locked.year = _year_of(content, locked.year)
        locked.revision += 1
        locked.save()
        _snapshot(locked, actor, note)
        audit.record(
            actor,
            event,
            locked,
            changes={
                **audit.diff(before, {"title": locked.title, "year": locked.year}),
                "revision": [revision, locked.revision],
            },
        )
    plan.refresh_from_db()
    return plan


def restore_version(plan: Plan, version: PlanVersion, *, actor: Actor, revision: int) -> Plan:
    """An earlier version saved again as the latest (update_plan's checks and locks)."""
    require(actor, "change", plan, own_unit=True)
    if version.plan_id != plan.pk:
        raise ValidationError(_("That version belongs to another plan."))
    return update_plan(
        plan,
        actor=actor,
        revision=revision,
        content=version.content,
        agency_map=version.agency_map,
        note=_("Restored version %(n)s") % {"n": version.revision},
        event=Event.PLAN_RESTORED,
    )


def _refuse_received(plan: Plan) -> None:
    """A received plan is another body's document: never edited, issued or corrected here."""
    if plan.is_received:
        raise ValidationError(
            _(
                "This plan was issued by %(issuer)s and is kept as received: it cannot be edited, "
                "issued or corrected here. Make the unit's own plan from it instead."
            )
            % {"issuer": plan.issuer_name or _("another body")}
        )


def issue_plan(
    plan: Plan,
    *,
    actor: Actor,
    revision: int,
    issued_on: dt.date | None = None,
    confirm_unassigned: bool = False,
) -> Plan:
    """The leader approves: the plan gets its number and date, becomes read-only, and its
    tasks, targets, events and reporting deadlines become rows for the work apps. A draft
    or a plan sent to the leader is issued; tasks that would reach nobody (no lead agency
    of the unit after matching, no timeframe) refuse it unless `confirm_unassigned`."""
    require(actor, "issue", plan, own_unit=True)
    issued_on = issued_on or timezone.localdate()
    with transaction.atomic():
        locked = Plan.objects.select_for_update(of=("self",)).select_related("unit").get(pk=plan.pk)
        if locked.revision != revision:
            raise PlanConflict(
                _("The plan changed since you opened it. Check the latest version, then issue it.")
            )
        if locked.is_issued:
            raise ValidationError(
                _("This plan has already been issued as number %(number)s.") % {"number": locked.number}
            )
        _refuse_received(locked)
        if not locked.content.get("tasks"):
            raise ValidationError(_("A plan without tasks cannot be issued: add its tasks first."))
        locked.agency_map = matched_map(locked.unit, locked.content, locked.agency_map)
        unassigned = unassigned_tasks(locked.content, locked.agency_map)
        if unassigned and not confirm_unassigned:
            raise UnassignedTasks(unassigned)
        status_before = locked.status
        on_paper = paper_number(locked)
        if on_paper is not None:
            if Plan.objects.filter(
                unit=locked.unit, kind=locked.kind, year=locked.year, number_seq=on_paper
            ).exists():
                raise ValidationError(
                    _("Another plan of this unit and year already has number %(n)s.") % {"n": on_paper}
                )
            sequence = on_paper
            record_number(locked.unit, locked.year, locked.kind, sequence)
            number = locked.content["document"]["number"]
            issued_on = plan_content.parse_date(locked.content["document"].get("date")) or issued_on
        else:
            sequence = next_number(locked.unit, locked.year, locked.kind)
            number = f"{sequence}/{locked.kind}-{issuer_code(locked.unit)}"
        # the unit's own heading and place, the number and date given now
        locked.content = heading.with_unit_heading(
            locked.content, locked.unit, number=number, issued_on=issued_on
        )
        locked.number, locked.number_seq = number, sequence
        locked.status = PlanStatus.ISSUED
        locked.issued_on, locked.issued_at, locked.issued_by_name = (
            issued_on,
            timezone.now(),
            _username(actor),
        )
        locked.revision += 1
        locked.save()
        _snapshot(locked, actor, _("Issued as number %(number)s") % {"number": number})
        materialise(locked)
        audit.record(
            actor,
            Event.PLAN_ISSUED,
            locked,
            changes={"status": [status_before, PlanStatus.ISSUED], "number": [None, number]},
            # issued knowing that these tasks reach nobody
            meta={"unassigned": [t.ref for t in unassigned]} if unassigned else None,
        )
    plan.refresh_from_db()
    return plan


def correct_plan(
    plan: Plan,
    *,
    actor: Actor,
    revision: int,
    content: dict[str, Any],
    reason: str,
    agency_map: Mapping[str, int | None] | None = None,
    agency_choices: Mapping[str, str] | None = None,
) -> Plan:
    """A correction of an issued plan: a new version with its reason, number kept; the
    agencies chosen on the correction page (`agency_map`, or the matching table's
    `agency_choices`, new agencies made after the checks) are kept with it."""
    require(actor, "issue", plan, own_unit=True)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say what the correction is.")})
    content = check_content(content)
    if agency_map is not None:
        _check_agency_map(plan.unit, agency_map)
    with transaction.atomic():
        locked = Plan.objects.select_for_update(of=("self",)).select_related("unit").get(pk=plan.pk)
        if locked.revision != revision:
            raise PlanConflict(_("The plan changed since you opened it. Open it again."))
        _refuse_received(locked)
        if not locked.is_issued:
            raise ValidationError(_("Only an issued plan is corrected; edit a draft directly."))
        if agency_choices is not None:
            agency_map = resolve_agencies(locked.unit, agency_choices, actor=actor)
        content["document"] = dict(
            content["document"], number=locked.number, date=locked.content["document"].get("date")
        )
        locked.content = content
        locked.agency_map = matched_map(
            locked.unit, content, dict(agency_map) if agency_map is not None else locked.agency_map
        )
        locked.title = content["document"]["title"].strip()
        locked.revision += 1
        locked.save()
        _snapshot(locked, actor, _("Correction: %(reason)s") % {"reason": reason})
        materialise(locked)
        audit.record(actor, Event.PLAN_CORRECTED, locked, changes={"revision": [revision, locked.revision]})
    plan.refresh_from_db()
    return plan


def send_plan(plan: Plan, *, actor: Actor, revision: int) -> Plan:
    """The officer sends the draft to the leader to be issued: it waits (read-only) until
    the leader issues it or returns it with a comment; the leaders are told."""
    require(actor, "change", plan, own_unit=True)
    with transaction.atomic():
        locked = Plan.objects.select_for_update(of=("self",)).select_related("unit").get(pk=plan.pk)
        if locked.revision != revision:
            raise PlanConflict(
                _("The plan changed since you opened it. Check the latest version, then send it.")
            )
        if locked.status != PlanStatus.DRAFT:
            raise ValidationError(_("Only a draft is sent to the leader."))
        if not locked.content.get("tasks"):
            raise ValidationError(_("A plan without tasks cannot be issued: add its tasks first."))
        locked.status = PlanStatus.PENDING
        locked.sent_at, locked.sent_by_name = timezone.now(), _username(actor)
        locked.save(update_fields=["status", "sent_at", "sent_by_name", "updated_at", "search_key"])
        audit.record(
            actor, Event.PLAN_SENT, locked, changes={"status": [PlanStatus.DRAFT, PlanStatus.PENDING]}
        )
        transaction.on_commit(lambda: plan_sent.send(sender=Plan, plan=locked, actor=actor))
    plan.refresh_from_db()
    return plan


def return_plan(plan: Plan, *, actor: Actor, revision: int, comment: str) -> Plan:
    """The leader returns a plan sent to her to the officer, saying what to change: it is
    a draft again, with the comment shown on its page; the officers are told."""
    require(actor, "issue", plan, own_unit=True)
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": _("Say what should be changed before the plan is issued.")})
    with transaction.atomic():
        locked = Plan.objects.select_for_update(of=("self",)).select_related("unit").get(pk=plan.pk)
        if locked.revision != revision:
            raise PlanConflict(_("The plan changed since you opened it. Open it again."))
        if not locked.is_pending:
            raise ValidationError(_("Only a plan sent to the leader is returned."))
        locked.status, locked.review_comment = PlanStatus.DRAFT, comment
        locked.save(update_fields=["status", "review_comment", "updated_at", "search_key"])
        audit.record(
            actor,
            Event.PLAN_RETURNED,
            locked,
            changes={"status": [PlanStatus.PENDING, PlanStatus.DRAFT], "comment": [None, comment]},
        )
        transaction.on_commit(
            lambda: plan_returned.send(sender=Plan, plan=locked, actor=actor, comment=comment)
        )
    plan.refresh_from_db()
    return plan


def plans_for_derivation(unit: AdministrativeUnit) -> Any:
    """Issued plans of the province above a commune."""
    if unit.level == Level.PROVINCE or unit.parent is None:
        return Plan.objects.none()
    return Plan.objects.filter(unit=unit.province, status=PlanStatus.ISSUED)
