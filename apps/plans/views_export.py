"""A plan out: DOCX in the state format, PDF through LibreOffice (where it is installed), a
print page, the original file."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from apps.access.guards import require
from apps.access.scope import active_membership
from apps.plans import heading
from apps.plans.export import ExportError, PdfUnavailable, pdf, render_docx, to_pdf
from apps.plans.models import Plan
from apps.plans.views import agency_names, visible_plan
from core.storage import stored_file
from core.text import fold

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _file_name(plan: Plan, extension: str) -> str:
    stem = slugify(fold(f"ke hoach {plan.number or 'du thao'} {plan.unit.short_name} {plan.year}"))[:80]
    return f"{stem}.{extension}"


def exportable_plan(request: HttpRequest, pk: int) -> Plan:
    """The plan, if the reader may read it (their unit's and those below, or an issued plan
    of a unit above: a commune reads — and prints, and downloads — its province's plan) and
    their role may download plans in their unit."""
    plan = visible_plan(request, pk)
    membership = active_membership(request.user)
    require(request.user, "export", Plan, unit=membership.unit if membership else None)
    return plan


def _docx(plan: Plan, request: HttpRequest) -> bytes:
    tasks_as = "table" if request.GET.get("tasks") == "table" else "text"
    return render_docx(heading.as_shown(plan), tasks_as=tasks_as)


@login_required
@require_GET
def export_docx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = exportable_plan(request, pk)
    try:
        data = _docx(plan, request)
    except ExportError as exc:
        messages.error(request, str(exc))
        return redirect("plans:detail", pk=plan.pk)
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{_file_name(plan, "docx")}"'
    return response


@login_required
@require_GET
def export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    plan = exportable_plan(request, pk)
    if pdf.converter() is None:
        # no button leads here where LibreOffice is missing (the operator guide says how to
        # install it); an old bookmark meets the not-found page, never a success message
        raise Http404("PDF export is not enabled on this server")
    with tempfile.TemporaryDirectory(prefix="binhdang-pdf-") as folder:
        docx = Path(folder) / "plan.docx"
        try:
            docx.write_bytes(_docx(plan, request))
            made = to_pdf(docx, folder)
        except PdfUnavailable as exc:  # removed between the check and the conversion
            raise Http404("PDF export is not enabled on this server") from exc
        except ExportError as exc:
            messages.error(request, str(exc))
            return redirect("plans:detail", pk=plan.pk)
        data = made.read_bytes()
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(plan, "pdf")}"'
    return response


@login_required
@require_GET
def print_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = visible_plan(request, pk)
    return render(
        request,
        "plans/plan_print.html",
        {"plan": plan, "content": heading.as_shown(plan), "agency_names": agency_names(request.user, plan)},
    )


@login_required
@require_GET
def source_file(request: HttpRequest, pk: int) -> FileResponse:
    """The original uploaded file, for those who may read the plan."""
    plan = visible_plan(request, pk)
    return stored_file(settings.PLAN_FILES_DIR, plan.source_path, filename=plan.source_name)
