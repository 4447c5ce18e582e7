"""The indicator catalogue: the national indicators and the province's own, searchable
without accents and filtered by group, kind and source; one indicator's full definition;
a province officer adds and edits the province's own indicators."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from apps.access.guards import get_for_user_or_404, permitted, require
from apps.access.scope import active_membership
from apps.geo.models import Level
from apps.indicators import services
from apps.indicators.catalogue.categories import DIMENSION_LABELS, dimensions_of, options
from apps.indicators.catalogue.forms import LEVELS, IndicatorForm
from apps.indicators.models import GROUPS, Indicator, IndicatorQuerySet, Kind, Prefill, ReportForm
from apps.indicators.reporting.periods import PeriodType
from core.text import fold

PAGE_SIZE = 25


def _visible(request: HttpRequest) -> IndicatorQuerySet:
    return Indicator.objects.for_user(request.user).active().select_related("province")


def _may_add(request: HttpRequest) -> bool:
    membership = active_membership(request.user)
    return (
        membership is not None
        and membership.unit.level == Level.PROVINCE
        and permitted(request.user, "add", Indicator, unit=membership.unit, own_unit=True)
    )


@login_required
@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    rows = _visible(request)
    for word in fold(request.GET.get("q", ""))[:200].split():
        rows = rows.filter(search_key__contains=word)
    group, kind, source = (request.GET.get(k, "") for k in ("group", "kind", "source"))
    if group in GROUPS:
        rows = rows.filter(group=group)
    if kind in Kind.values:
        rows = rows.filter(kind=kind)
    if source in Prefill.values:
        rows = rows.filter(prefill=source)
    page = Paginator(rows.order_by("province_id", "order", "code"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for row in page.object_list:
        _describe(row)
    return render(
        request,
        "indicators/catalogue.html",
        {
            "page": page,
            "groups": [(k, v) for k, v in GROUPS.items()],
            "kinds": Kind.choices,
            "sources": Prefill.choices,
            "filters_active": bool(group or kind or source),
            "can_add": _may_add(request),
        },
    )


def _describe(indicator: Indicator) -> Indicator:
    """Labels of the indicator's lists, for the templates."""
    periods = dict(PeriodType.choices)
    levels = dict(LEVELS)
    indicator.dimension_labels = [str(DIMENSION_LABELS[d]) for d in dimensions_of(indicator)]  # type: ignore[attr-defined]
    indicator.period_labels = [str(periods.get(p, p)) for p in indicator.periods or []]  # type: ignore[attr-defined]
    indicator.level_labels = [str(levels.get(p, p)) for p in indicator.levels or []]  # type: ignore[attr-defined]
    return indicator


def _indicator(request: HttpRequest, code: str) -> Indicator:
    found: Indicator = get_for_user_or_404(
        Indicator.objects.select_related("province"), request.user, "view", code=code
    )
    return found


@login_required
@require_GET
def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    indicator = _describe(_indicator(request, code))
    return render(
        request,
        "indicators/indicator_detail.html",
        {
            "indicator": indicator,
            "dimensions": [
                (DIMENSION_LABELS[d], [str(label) for _key, label in options(indicator, d)])
                for d in dimensions_of(indicator)
            ],
            "report_forms": ReportForm.objects.for_user(request.user)
            .filter(rows__indicator=indicator)
            .distinct(),
            "can_edit": indicator.province_id is not None
            and permitted(request.user, "change", indicator, own_unit=True),
        },
    )


def _save(request: HttpRequest, form: IndicatorForm, indicator: Indicator | None) -> Indicator | None:
    membership = active_membership(request.user)
    assert membership is not None  # the views required "add" or "change" first
    try:
        with transaction.atomic():
            if indicator is None:
                return services.create_indicator(
                    membership.unit,
                    actor=request.user,
                    code=form.cleaned_data["code"],
                    **form.values(),
                )
            return services.update_indicator(indicator, actor=request.user, **form.values())
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for name, errors in exc.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            form.add_error(None, exc.messages)
    except IntegrityError:
        form.add_error("code", _("An indicator with this code already exists."))
    return None


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request: HttpRequest) -> HttpResponse:
    membership = active_membership(request.user)
    require(request.user, "add", Indicator, unit=membership.unit if membership else None, own_unit=True)
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, None)
        if saved is not None:
            messages.success(request, _("Indicator %(code)s added.") % {"code": saved.code})
            return redirect("indicators:indicator_detail", code=saved.code)
    return render(request, "indicators/indicator_form.html", {"form": form, "indicator": None})


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, code: str) -> HttpResponse:
    indicator = _indicator(request, code)
    # national indicators are read-only for everyone; a province edits only its own
    require(request.user, "change", indicator, own_unit=True)
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, indicator)
        if saved is not None:
            messages.success(request, _("Indicator %(code)s saved.") % {"code": saved.code})
            return redirect("indicators:indicator_detail", code=saved.code)
    context: dict[str, Any] = {"form": form, "indicator": indicator}
    return render(request, "indicators/indicator_form.html", context)
