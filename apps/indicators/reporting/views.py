"""The reporting entry page: a commune's reports per form and recent period (open one
with a button), and a province officer's inbox of communes for a form and period, with
completeness, timeliness and the period's due date."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from apps.access.guards import permitted, require
from apps.access.scope import active_membership
from apps.geo.models import AdministrativeUnit, Level
from apps.indicators import services
from apps.indicators.models import ReportForm, ReportingPeriod, Submission
from apps.indicators.reporting import completeness, inbox
from apps.indicators.reporting.forms import DueForm, OpenForm
from apps.indicators.reporting.periods import Period, recent

PAGE_SIZE = 25
INBOX_PERIODS = 6


def _unit(request: HttpRequest) -> AdministrativeUnit:
    membership = active_membership(request.user)
    if membership is None or membership.unit.level == Level.VILLAGE:
        raise Http404
    return membership.unit


@login_required
@require_GET
def reports(request: HttpRequest) -> HttpResponse:
    unit = _unit(request)
    require(request.user, "view", Submission, unit=unit)
    if unit.level == Level.PROVINCE:
        return _province_inbox(request, unit)
    today = timezone.localdate()
    return render(
        request,
        "indicators/reports_commune.html",
        {
            "unit": unit,
            "forms": inbox.commune_reports(request.user, unit, today),
            "can_open": _may_open(request, unit),
            "today": today,
        },
    )


def _may_open(request: HttpRequest, unit: AdministrativeUnit) -> bool:
    return permitted(request.user, "enter", Submission, unit=unit, own_unit=True)


def _inbox_choice(
    request: HttpRequest, province: AdministrativeUnit
) -> tuple[ReportForm, Period, list[Period]]:
    forms = list(ReportForm.objects.for_user(request.user))
    if not forms:
        raise Http404
    form = next((f for f in forms if f.code == request.GET.get("form")), forms[0])
    today = timezone.localdate()
    offered = recent(form.period_type, today, INBOX_PERIODS)
    try:
        period = Period.parse(request.GET.get("period", ""))
    except ValueError:
        period = Period.last_ended(form.period_type, today)
    if period.type != form.period_type or period.start > today:
        period = Period.last_ended(form.period_type, today)
    if period not in offered:
        offered.append(period)
    return form, period, offered


def _province_inbox(request: HttpRequest, province: AdministrativeUnit) -> HttpResponse:
    form, period, offered = _inbox_choice(request, province)
    today = timezone.localdate()
    status = request.GET.get("status", "")
    q = request.GET.get("q", "")
    rows = inbox.inbox(form, province, period.code, today, status=status, q=q)
    due = inbox.due_of(form, province, period)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    inbox.with_last_sent(list(page.object_list))
    return render(
        request,
        "indicators/reports_province.html",
        {
            "unit": province,
            "forms": ReportForm.objects.for_user(request.user),
            "form": form,
            "period": period,
            "periods": offered,
            "statuses": inbox.STATUS_FILTERS,
            "status": status,
            "rates": completeness.rates(form, province, period.code),
            "page": page,
            "filters_active": bool(status),
            "due": due.date,
            "due_source": due.source,
            "due_form": DueForm(initial={"form": form.code, "period": period.code, "due": due.date}),
            "can_set_due": _may_set_due(request, province),
            "today": today,
        },
    )


def _may_set_due(request: HttpRequest, province: AdministrativeUnit) -> bool:
    return permitted(request.user, "change", ReportingPeriod, unit=province, own_unit=True)


@login_required
@require_POST
def open_report(request: HttpRequest) -> HttpResponse:
    """Open (the first time: create, pre-filled) the commune's report for a form and period."""
    unit = _unit(request)
    require(request.user, "enter", Submission, unit=unit, own_unit=True)
    data = OpenForm(request.POST)
    if not data.is_valid():
        messages.error(request, _("Choose a form and a period."))
        return redirect("indicators:reports")
    form = ReportForm.objects.for_user(request.user).filter(code=data.cleaned_data["form"]).first()
    try:
        period = Period.parse(data.cleaned_data["period"])
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("indicators:reports")
    if form is None:
        messages.error(request, _("There is no such reporting form."))
        return redirect("indicators:reports")
    if period.start > timezone.localdate():
        messages.error(request, _("This period has not started yet."))
        return redirect("indicators:reports")
    try:
        submission = services.open_submission(form, unit, period.code, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("indicators:reports")
    return redirect("indicators:submission", pk=submission.pk)


@login_required
@require_POST
def set_due(request: HttpRequest) -> HttpResponse:
    """The province officer moves a period's due date for every commune of the province."""
    unit = _unit(request)
    require(request.user, "change", ReportingPeriod, unit=unit, own_unit=True)
    data = DueForm(request.POST)
    back = reverse("indicators:reports")
    if not data.is_valid():
        messages.error(request, _("Give the due date as dd/mm/yyyy."))
        return redirect(back)
    form = ReportForm.objects.for_user(request.user).filter(code=data.cleaned_data["form"]).first()
    if form is None:
        messages.error(request, _("There is no such reporting form."))
        return redirect(back)
    back = f"{back}?{urlencode({'form': form.code, 'period': data.cleaned_data['period']})}"
    try:
        row = services.set_due_date(
            form,
            actor=request.user,
            province=unit,
            period=data.cleaned_data["period"],
            due=data.cleaned_data["due"],
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            _("Due date of %(period)s set to %(due)s.")
            % {"period": row.label, "due": data.cleaned_data["due"].strftime("%d/%m/%Y")},
        )
    return redirect(back)
