"""Plan pages: list, new, detail, edit (draft), send to the leader, return, issue,
correct (issued), versions."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.access.guards import permitted, refuse_404, require
from apps.access.scope import Scope, active_membership
from apps.geo.models import Agency, Level
from apps.plans import received, services
from apps.plans.agency_choices import agency_suggestions
from apps.plans.derive import derivable, derived_from
from apps.plans.editor import PlanEditor
from apps.plans.forms import (
    AgencyChoicesForm,
    CorrectionForm,
    IssueForm,
    NewPlanForm,
    PlanFilterForm,
    ReturnForm,
    RevisionForm,
)
from apps.plans.matching import written_agencies
from apps.plans.materialise import unassigned_of
from apps.plans.models import Plan
from apps.plans.numbers import number_taken
from apps.plans.versions import compare
from core.text import fold

PAGE_SIZE = 20


def visible_plan(request: HttpRequest, pk: int) -> Plan:
    plan = (
        Plan.objects.visible_to(request.user)
        .select_related("unit", "unit__parent", "basis")
        .filter(pk=pk)
        .first()
    )
    if plan is None:
        refuse_404(request.user, Plan, pk=pk)
    return plan


def agency_names(user: Any, plan: Plan) -> dict[str, str | None]:
    """Agency names as the plan writes them -> the unit's agency they were matched to."""
    agencies = {a.pk: a.name for a in Agency.objects.for_user(user).filter(unit=plan.unit)}
    return {written: agencies.get(pk) for written, pk in plan.agency_map.items()}


def _errors(form: Any, exc: ValidationError) -> None:
    for message in exc.messages:
        form.add_error(None, message)


@login_required
@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    form = PlanFilterForm(request.GET or None)
    plans = Plan.objects.visible_to(request.user).select_related("unit")
    if form.is_valid():
        data = form.cleaned_data
        plans = plans.search(data["q"])
        if data["year"]:
            plans = plans.filter(year=data["year"])
        if data["status"]:
            plans = plans.filter(status=data["status"])
        if data["unit"]:
            plans = plans.filter(unit__name_key__contains=fold(data["unit"]))
    scope = Scope.of(request.user)
    membership = active_membership(request.user)
    filters = request.GET.copy()
    filters.pop("page", None)
    return render(
        request,
        "plans/plan_list.html",
        {
            "form": form,
            "page": Paginator(plans.order_by("-year", "unit__name_key", "-updated_at"), PAGE_SIZE).get_page(
                request.GET.get("page")
            ),
            "filters": filters.urlencode(),
            "can_add": membership is not None
            and permitted(request.user, "add", Plan, unit=membership.unit, own_unit=True),
            "is_province": scope is not None and scope.unit_level == Level.PROVINCE,
            "filters_active": any(request.GET.get(k) for k in ("year", "status", "unit")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_new(request: HttpRequest) -> HttpResponse:
    membership = active_membership(request.user)
    unit = membership.unit if membership else None
    require(request.user, "add", Plan, unit=unit, own_unit=True)
    assert unit is not None
    own_plans = Plan.objects.for_user(request.user).filter(unit=unit)
    earlier = own_plans.order_by("-year")[:10]
    form = NewPlanForm(request.POST or None, plans=earlier)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["copy_from"]:
                source = own_plans.filter(pk=data["copy_from"]).first()
                if source is None:
                    raise ValidationError(_("Choose one of the plans listed."))
                plan = services.copy_plan(source, actor=request.user, unit=unit, year=data["year"])
            else:
                title = data["title"].replace("%(year)s", str(data["year"]))
                plan = services.new_blank_plan(unit, actor=request.user, year=data["year"], title=title)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("The draft plan is created. Fill in its parts, then save."))
            return redirect("plans:edit", pk=plan.pk)
    return render(request, "plans/plan_new.html", {"form": form, "unit": unit})


@login_required
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = visible_plan(request, pk)
    membership = active_membership(request.user)
    own_commune = membership is not None and membership.unit.level == Level.COMMUNE
    derived = None
    if membership is not None and own_commune and plan.unit.level == Level.PROVINCE:
        derived = derived_from(plan, membership.unit)
    draft = not plan.is_issued and not plan.is_received
    may_change = draft and permitted(request.user, "change", plan, own_unit=True)
    may_issue = draft and permitted(request.user, "issue", plan, own_unit=True)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "content": plan.content,
            "agency_names": agency_names(request.user, plan),
            "can_edit": may_change and not plan.is_pending,
            "can_issue": may_issue,
            # the officer sends; a leader (who issues herself) has no one to send it to
            "can_send": may_change and not may_issue and not plan.is_pending,
            "can_return": may_issue and plan.is_pending,
            "unassigned": unassigned_of(plan),
            "return_form": ReturnForm(initial={"revision": plan.revision}, prefix="return"),
            "can_correct": plan.is_issued and permitted(request.user, "issue", plan, own_unit=True),
            # a province plan; a received plan offers it in its own panel
            "can_derive": membership is not None
            and not plan.is_received
            and derivable(plan, membership.unit)
            and derived is None
            and permitted(request.user, "add", Plan, unit=membership.unit, own_unit=True),
            "derived": derived,
            "received": received.panel(request.user, plan),
            "can_see_communes": plan.unit.level == Level.PROVINCE
            and permitted(request.user, "view", plan, own_unit=True),
            "number_taken": number_taken(plan),
            "issue_form": IssueForm(initial={"revision": plan.revision}),
            "versions": plan.versions.all()[:5],
        },
    )


def _editor_page(request: HttpRequest, plan: Plan, *, correction: bool) -> HttpResponse:
    require(request.user, "issue" if correction else "change", plan, own_unit=True)
    if plan.is_received:  # another body's document: read-only here
        return redirect("plans:detail", pk=plan.pk)
    if plan.is_issued != correction:
        if plan.is_issued:
            messages.info(request, _("This plan has been issued: the leader corrects it with “Correct”."))
        return redirect("plans:detail", pk=plan.pk)
    if plan.is_pending:
        messages.info(
            request,
            _("This plan waits for the leader: it is issued as it is, or returned to you for changes."),
        )
        return redirect("plans:detail", pk=plan.pk)
    data = request.POST if request.method == "POST" else None
    editor = PlanEditor(plan.content, data, issued=correction)
    revision_form = RevisionForm(data, initial={"revision": plan.revision})
    correction_form = CorrectionForm(data) if correction else None
    suggestions = agency_suggestions(plan.unit, plan.content, plan.agency_map)
    for row in suggestions:  # a name the person chose to keep as written stays so
        if row["written"] in plan.agency_map and plan.agency_map[row["written"]] is None:
            row["agency_id"] = None
    agencies = Agency.objects.for_user(request.user).filter(unit=plan.unit, is_active=True)
    choices_form = AgencyChoicesForm(data, prefix="a", suggestions=suggestions, agencies=agencies)
    if data is not None:
        valid = all(
            [
                editor.is_valid(),
                revision_form.is_valid(),
                choices_form.is_valid(),
                correction_form is None or correction_form.is_valid(),
            ]
        )
        if valid:
            try:
                content = editor.to_content()
                revision = revision_form.cleaned_data["revision"]
                # new agencies are made by the service, after its checks
                agency_choices = choices_form.choices() if suggestions else None
                if correction:
                    assert correction_form is not None
                    services.correct_plan(
                        plan,
                        actor=request.user,
                        revision=revision,
                        content=content,
                        reason=correction_form.cleaned_data["reason"],
                        agency_choices=agency_choices,
                    )
                else:
                    services.update_plan(
                        plan,
                        actor=request.user,
                        revision=revision,
                        content=content,
                        agency_choices=agency_choices,
                        note=_("Edited"),
                    )
            except services.PlanConflict as exc:
                messages.error(request, exc.messages[0])
                return render(
                    request,
                    "plans/plan_edit.html",
                    _editor_context(
                        plan, editor, revision_form, choices_form, correction_form, conflict=True
                    ),
                    status=409,
                )
            except ValidationError as exc:
                for message in exc.messages:
                    editor.header.add_error(None, message)
            else:
                messages.success(request, _("Saved as version %(n)s.") % {"n": plan.revision})
                shown = {written for written, _name, _unmatched in choices_form.rows}
                if not correction and _new_unmatched(plan, shown):
                    # names typed in this edit that match none of the unit's agencies: the
                    # matching table shows them now, not only on the next edit
                    messages.warning(
                        request,
                        _(
                            "Some agencies the plan names are not agencies of the unit: choose one "
                            "for each in “Agencies named in the plan”, add it, or keep it as written."
                        ),
                    )
                    return redirect(f"{reverse('plans:edit', args=[plan.pk])}#agency-matching")
                return redirect("plans:detail", pk=plan.pk)
    return render(
        request,
        "plans/plan_edit.html",
        _editor_context(plan, editor, revision_form, choices_form, correction_form),
    )


def _new_unmatched(plan: Plan, shown: set[str]) -> list[str]:
    """Agency names the saved plan writes that matched none of the unit's agencies and
    that the matching table did not show when the form was opened."""
    if plan.unit.level != Level.COMMUNE:
        return []
    return [
        name for name in written_agencies(plan.content) if name not in plan.agency_map and name not in shown
    ]


def _editor_context(
    plan: Plan,
    editor: PlanEditor,
    revision_form: Any,
    choices_form: Any,
    correction_form: Any,
    conflict: bool = False,
) -> dict[str, Any]:
    return {
        "plan": plan,
        "editor": editor,
        "revision_form": revision_form,
        "choices_form": choices_form,
        "correction_form": correction_form,
        "conflict": conflict,
        "warnings": (plan.content.get("source") or {}).get("warnings") or [],
    }


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _editor_page(request, visible_plan(request, pk), correction=False)


@login_required
@require_http_methods(["GET", "POST"])
def plan_correct(request: HttpRequest, pk: int) -> HttpResponse:
    return _editor_page(request, visible_plan(request, pk), correction=True)


@login_required
@require_POST
def plan_issue(request: HttpRequest, pk: int) -> HttpResponse:
    plan = visible_plan(request, pk)
    require(request.user, "issue", plan, own_unit=True)
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The issue date is not valid."))
        return redirect("plans:detail", pk=plan.pk)
    try:
        services.issue_plan(
            plan,
            actor=request.user,
            revision=form.cleaned_data["revision"],
            issued_on=form.cleaned_data["issued_on"],
            confirm_unassigned=form.cleaned_data["confirm_unassigned"],
        )
    except services.UnassignedTasks as exc:
        messages.error(request, exc.messages[0])
        return redirect(f"{reverse('plans:detail', args=[plan.pk])}#unassigned")
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            _("Issued as number %(number)s. Its tasks are now the unit's work.") % {"number": plan.number},
        )
    return redirect("plans:detail", pk=plan.pk)


@login_required
@require_POST
def plan_send(request: HttpRequest, pk: int) -> HttpResponse:
    plan = visible_plan(request, pk)
    require(request.user, "change", plan, own_unit=True)
    form = RevisionForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        services.send_plan(plan, actor=request.user, revision=form.cleaned_data["revision"])
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Sent to the leader to be issued."))
    return redirect("plans:detail", pk=plan.pk)


@login_required
@require_POST
def plan_return(request: HttpRequest, pk: int) -> HttpResponse:
    plan = visible_plan(request, pk)
    require(request.user, "issue", plan, own_unit=True)
    form = ReturnForm(request.POST, prefix="return")
    if not form.is_valid():
        for message in form.errors.get("comment") or [_("The form is not valid. Open the plan again.")]:
            messages.error(request, str(message))
        return redirect(f"{reverse('plans:detail', args=[plan.pk])}#return")
    try:
        services.return_plan(
            plan,
            actor=request.user,
            revision=form.cleaned_data["revision"],
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Returned to the officer with your comment."))
    return redirect("plans:detail", pk=plan.pk)


@login_required
@require_GET
def plan_versions(request: HttpRequest, pk: int) -> HttpResponse:
    plan = visible_plan(request, pk)
    versions = list(plan.versions.all())
    first, second = request.GET.get("a"), request.GET.get("b")
    comparison = None
    if first and second and first.isdigit() and second.isdigit():
        by_revision = {v.revision: v for v in versions}
        a, b = by_revision.get(int(first)), by_revision.get(int(second))
        if a is not None and b is not None:
            comparison = {"a": a, "b": b, "changes": compare(a.content, b.content)}
    return render(
        request,
        "plans/plan_versions.html",
        {
            "plan": plan,
            "versions": versions,
            "comparison": comparison,
            "can_restore": not plan.is_issued
            and not plan.is_received
            and not plan.is_pending
            and permitted(request.user, "change", plan, own_unit=True),
            "revision_form": RevisionForm(initial={"revision": plan.revision}),
        },
    )


@login_required
@require_POST
def plan_restore(request: HttpRequest, pk: int, revision: int) -> HttpResponse:
    plan = visible_plan(request, pk)
    require(request.user, "change", plan, own_unit=True)
    version = plan.versions.filter(revision=revision).first()
    form = RevisionForm(request.POST)
    if version is None or not form.is_valid():
        raise Http404
    try:
        services.restore_version(plan, version, actor=request.user, revision=form.cleaned_data["revision"])
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Version %(n)s restored as a new version.") % {"n": revision})
    return redirect("plans:versions", pk=plan.pk)


def as_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
