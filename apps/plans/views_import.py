"""Import: upload a file, watch it being read, review everything, save all or nothing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.access.guards import get_for_user_or_404, require
from apps.access.scope import active_membership
from apps.geo.models import Agency
from apps.plans import duties, imports, received
from apps.plans.agency_choices import agency_suggestions
from apps.plans.editor import PlanEditor
from apps.plans.forms import AgencyChoicesForm, UploadForm
from apps.plans.models import ImportStatus, Plan, PlanImport


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    membership = active_membership(request.user)
    unit = membership.unit if membership else None
    require(request.user, "add", PlanImport, unit=unit, own_unit=True)
    assert unit is not None
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            plan_import = imports.start_import(
                unit, actor=request.user, upload=file, name=file.name, size=file.size
            )
        except ValidationError as exc:
            form.add_error("file", exc.messages)
        else:
            return redirect("plans:import_review", pk=plan_import.pk)
    recent = (
        PlanImport.objects.for_user(request.user).filter(unit=unit).exclude(status=ImportStatus.SAVED)[:5]
    )
    return render(request, "plans/import_upload.html", {"form": form, "unit": unit, "recent": recent})


def _import(request: HttpRequest, pk: int) -> PlanImport:
    plan_import: PlanImport = get_for_user_or_404(
        PlanImport.objects.select_related("unit", "plan"), request.user, pk=pk
    )
    return plan_import


def _progress_context(plan_import: PlanImport) -> dict[str, object]:
    total = plan_import.pages_total or 0
    return {
        "imp": plan_import,
        "stale": imports.is_stale(plan_import),
        "percent": int(100 * plan_import.pages_done / total) if total else 0,
    }


@login_required
@require_GET
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The part of the page that htmx polls while the file is being read."""
    plan_import = _import(request, pk)
    response = render(request, "plans/_import_progress.html", _progress_context(plan_import))
    if plan_import.status not in {ImportStatus.QUEUED, ImportStatus.RUNNING}:
        response["HX-Refresh"] = "true"  # reading is over: show the review (or the error)
    return response


DUTY_LINK = "duty_link"  # the name of the review's checkboxes: the keys of the ticked links


def _duty_rows(content: dict[str, Any], links: list[duties.Link], ticked: set[str]) -> list[dict[str, Any]]:
    """Per task: its proposals (ticked or not) and, with the ticked ones kept, its lead,
    partners and timeframe and where each came from."""
    preview, sources = duties.apply_links(content, [link for link in links if link.key in ticked])
    rows = []
    for index, task in enumerate(preview.get("tasks") or []):
        ref = str(task.get("ref") or index + 1)
        source = sources.get(ref, {})
        rows.append(
            {
                "ref": ref,
                "title": task.get("title") or "",
                "lead": task.get("lead") or [],
                "partners": task.get("partners") or [],
                "timeframe": task.get("timeframe") or {},
                "source": source,
                "links": [(link, link.key in ticked) for link in links if link.task_ref == ref],
            }
        )
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    plan_import = _import(request, pk)
    if plan_import.status == ImportStatus.SAVED and plan_import.plan_id:
        return redirect("plans:detail", pk=plan_import.plan_id)
    if plan_import.status != ImportStatus.READY:
        return render(request, "plans/import_progress.html", _progress_context(plan_import))
    require(request.user, "add", Plan, unit=plan_import.unit, own_unit=True)
    content = plan_import.result or {}
    data = request.POST if request.method == "POST" else None
    editor = PlanEditor(content, data)
    suggestions = agency_suggestions(plan_import.unit, content, {})
    agencies = Agency.objects.for_user(request.user).filter(unit=plan_import.unit, is_active=True)
    choices_form = AgencyChoicesForm(data, prefix="a", suggestions=suggestions, agencies=agencies)
    notice = received.issuer_notice(content, plan_import.unit)
    # another body's plan is kept as it is written: its duties are not turned into leads
    links = [] if notice else duties.link_duties(content)
    ticked = (
        {link.key for link in links if link.proposed}
        if data is None
        else set(data.getlist(DUTY_LINK)) & {link.key for link in links}
    )
    if data is not None and editor.is_valid() and choices_form.is_valid():
        edited, task_sources = editor.to_content(), None
        if not received.is_received(edited, plan_import.unit):
            edited, task_sources = duties.apply_links(edited, [link for link in links if link.key in ticked])
        try:
            plan = imports.save_import(
                plan_import,
                actor=request.user,
                content=edited,
                choices=choices_form.choices(),
                task_sources=task_sources,
            )
        except ValidationError as exc:
            for message in exc.messages:
                editor.header.add_error(None, message)
        else:
            if plan.is_received:
                messages.success(
                    request,
                    _("Kept as a plan received from %(issuer)s, with its own number and date.")
                    % {"issuer": plan.issuer_name},
                )
            else:
                messages.success(
                    request, _("The plan is saved as a draft. Check it, then ask the leader to issue it.")
                )
            return redirect("plans:detail", pk=plan.pk)
    return render(
        request,
        "plans/import_review.html",
        {
            "imp": plan_import,
            "editor": editor,
            "choices_form": choices_form,
            "warnings": (content.get("source") or {}).get("warnings") or [],
            "received_notice": notice,
            "duty_rows": [] if notice else _duty_rows(content, links, ticked),
            "duty_link_name": DUTY_LINK,
        },
    )


@login_required
@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    plan_import = _import(request, pk)
    try:
        imports.retry_import(plan_import, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("plans:import_review", pk=plan_import.pk)
