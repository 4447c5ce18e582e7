"""Dashboards and consolidated reports: the dashboard of the active unit (a commune's or a
province's) for a form and period; the list of consolidated reports; a report with its
narrative, its indicator table and its archived exports; the narrative editor (409 when
someone else saved meanwhile, nothing of theirs lost); export to DOCX or XLSX; the
archived files, served only to the report's readers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.access.guards import get_for_user_or_404, permitted, require
from apps.access.scope import active_membership
from apps.geo.models import AdministrativeUnit, Level
from apps.indicators.models import ReportForm
from apps.indicators.reporting.periods import Period
from apps.reports import dashboard as boards
from apps.reports import figures, services, storage
from apps.reports.drafting import SECTIONS, completeness_sentence
from apps.reports.forms import NarrativeForm, OpenReportForm
from apps.reports.models import ConsolidatedReport, FileKind, ReportFile
from core.storage import stored_file

PAGE_SIZE = 20
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _unit(request: HttpRequest) -> AdministrativeUnit:
    membership = active_membership(request.user)
    if membership is None or membership.unit.level == Level.VILLAGE:
        raise Http404
    return membership.unit


def _form_and_period(
    request: HttpRequest, unit: AdministrativeUnit
) -> tuple[ReportForm, Period, list[ReportForm]]:
    """The form and period the address asks for (the first form and its last ended period
    by default); an unknown form or a period that is not one of the form's answers 404."""
    forms = boards.forms_for(unit)
    if not forms:
        raise Http404
    code = request.GET.get("form") or forms[0].code
    form = next((f for f in forms if f.code == code), None)
    if form is None:
        raise Http404
    today = timezone.localdate()
    raw = request.GET.get("period")
    if not raw:
        return form, Period.last_ended(form.period_type, today), forms
    try:
        period = services.parse_period(form, raw, today)
    except ValidationError:
        raise Http404 from None
    return form, period, forms


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    unit = _unit(request)
    require(request.user, "view", ConsolidatedReport, unit=unit)
    form, period, forms = _form_and_period(request, unit)
    today = timezone.localdate()
    context: dict[str, Any] = {
        "unit": unit,
        "form": form,
        "forms": forms,
        "period": period,
        "periods": boards.period_choices(form, today),
        "is_province": unit.level == Level.PROVINCE,
        "statuses": boards.STATUSES,
    }
    if unit.level == Level.PROVINCE:
        context |= boards.province(unit, form, period, today)
    else:
        context |= boards.commune(unit, form, period)
    return render(request, "reports/dashboard.html", context)


def _open_choices(unit: AdministrativeUnit) -> list[tuple[ReportForm, list[Period]]]:
    """Each form with the periods a report may be opened for (started, not older than
    services.OLDEST_YEARS years before this one)."""
    today = timezone.localdate()
    oldest = today.year - services.OLDEST_YEARS
    return [
        (form, [p for p in boards.period_choices(form, today) if p.year >= oldest])
        for form in boards.forms_for(unit)
    ]


@login_required
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    unit = _unit(request)
    require(request.user, "view", ConsolidatedReport, unit=unit)
    reports = (
        ConsolidatedReport.objects.for_user(request.user)
        .select_related("unit", "form")
        .order_by("-period", "unit__name_key", "form__code")
    )
    can_open = permitted(request.user, "change", ConsolidatedReport, unit=unit, own_unit=True)
    return render(
        request,
        "reports/report_list.html",
        {
            "unit": unit,
            "page": Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page")),
            "can_open": can_open,
            "choices": _open_choices(unit) if can_open else [],
            "default_periods": {
                form.code: Period.last_ended(form.period_type, timezone.localdate()).code
                for form in boards.forms_for(unit)
            },
        },
    )


@login_required
@require_POST
def report_open(request: HttpRequest) -> HttpResponse:
    unit = _unit(request)
    require(request.user, "change", ConsolidatedReport, unit=unit, own_unit=True)
    form = OpenReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a form and a period."))
        return redirect("reports:list")
    report_form = next((f for f in boards.forms_for(unit) if f.code == form.cleaned_data["form"]), None)
    if report_form is None:
        messages.error(request, _("Choose one of the forms listed."))
        return redirect("reports:list")
    try:
        report = services.open_report(unit, report_form, form.cleaned_data["period"], actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:list")
    return redirect("reports:detail", pk=report.pk)


def _visible_report(request: HttpRequest, pk: int) -> ConsolidatedReport:
    report: ConsolidatedReport = get_for_user_or_404(
        ConsolidatedReport.objects.select_related("unit", "unit__parent", "form"), request.user, "view", pk=pk
    )
    return report


def _section_blocks(report: ConsolidatedReport) -> list[dict[str, Any]]:
    """Each section as lines with their kind, for the page to show as the document will."""
    from apps.reports.docx_export import line_kind

    blocks = []
    for section in SECTIONS:
        text = str(report.sections.get(section.key) or "")
        lines = [(line_kind(line.strip()), line.strip()) for line in text.splitlines() if line.strip()]
        blocks.append({"key": section.key, "label": section.label, "lines": lines})
    return blocks


@login_required
@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _visible_report(request, pk)
    period = report.period_obj
    membership = active_membership(request.user)
    own = membership is not None and membership.unit_id == report.unit_id
    # a commune reads its own figures as they are; anyone else (the province) sees the
    # small violence figures hidden
    table = figures.table(report.unit, report.form, period, suppress=True if not own else None)
    is_province = report.unit.level == Level.PROVINCE
    context: dict[str, Any] = {
        "report": report,
        "table": table,
        "is_province": is_province,
        "blocks": _section_blocks(report),
        "files": report.files.select_related("created_by")[:50],
        "can_edit": permitted(request.user, "change", report, own_unit=True),
        "can_export": permitted(request.user, "export", report, own_unit=True),
        "kinds": FileKind.choices,
    }
    if is_province:
        context["completeness"] = completeness_sentence(report.form, report.unit, period)
        context["statuses"] = [
            (s, boards.STATUS_INFO[s.status])
            for s in figures.commune_statuses(report.form, report.unit, report.period, timezone.localdate())
        ]
    return render(request, "reports/report_detail.html", context)


def _conflicts(current: ConsolidatedReport, sections: dict[str, str]) -> list[dict[str, Any]]:
    """The sections whose saved text (someone else's) differs from what this person typed."""
    return [
        {"label": s.label, "saved": str(current.sections.get(s.key) or "")}
        for s in SECTIONS
        if s.key in sections
        and str(current.sections.get(s.key) or "").strip() != sections[s.key].replace("\r\n", "\n").strip()
    ]


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _visible_report(request, pk)
    require(request.user, "change", report, own_unit=True)
    form = NarrativeForm(request.POST or None, report=report)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_report(
                report,
                actor=request.user,
                sections=form.sections(),
                number=form.sent_number(),
                revision=form.cleaned_data["revision"],
            )
        except services.StaleReport as stale:
            current = stale.current
            data = request.POST.copy()
            data["revision"] = str(current.revision)  # saving again is a choice made knowingly
            for section in SECTIONS:  # what was not sent is shown as saved, never as blank
                data.setdefault(section.key, str(current.sections.get(section.key) or ""))
            data.setdefault("number", current.number)
            conflicts = _conflicts(current, form.sections())
            messages.error(
                request,
                _(
                    "%(name)s saved this report while you were editing it. Nothing was overwritten: "
                    "your text is kept below and their saved text is shown under each section that differs. "
                    "Saving again replaces theirs."
                )
                % {"name": current.updated_by_name or _("Someone else")},
            )
            return render(
                request,
                "reports/report_edit.html",
                {"report": current, "form": NarrativeForm(data, report=current), "conflicts": conflicts},
                status=409,
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The report was saved."))
            return redirect("reports:detail", pk=report.pk)
    return render(request, "reports/report_edit.html", {"report": report, "form": form, "conflicts": []})


@login_required
@require_POST
def report_export(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    report = _visible_report(request, pk)
    if kind not in FileKind.values:
        raise Http404
    try:
        row = services.export_report(report, kind, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:detail", pk=report.pk)
    messages.success(request, _("Exported and archived with the report: %(name)s") % {"name": row.file_name})
    return redirect("reports:file", pk=row.pk)


@login_required
@require_GET
def report_file(request: HttpRequest, pk: int) -> FileResponse:
    row: ReportFile = get_for_user_or_404(
        ReportFile.objects.select_related("report__unit"), request.user, "view", pk=pk
    )
    return stored_file(
        storage.files_dir(), row.file_path, filename=row.file_name, content_type=CONTENT_TYPES.get(row.kind)
    )
