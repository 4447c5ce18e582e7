"""Province plan → commune plans: derive in one step, the province's view of who has
derived, drafted and issued, and the province's agency mapping table."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from apps.access.guards import permitted, require
from apps.access.scope import active_membership
from apps.geo.models import AdministrativeUnit, Level
from apps.plans.derive import (
    derivable,
    derive_plan,
    derive_preview,
    derived_from,
    issued_besides,
    mappings_of,
    update_mapping,
)
from apps.plans.models import Plan, PlanStatus, ProvinceAgencyMapping
from apps.plans.views import visible_plan
from core.text import fold


def _keep_targets(request: HttpRequest) -> set[int]:
    """The indexes of the targets the officer ticked to keep (anything else is ignored)."""
    return {int(v) for v in request.POST.getlist("keep_target") if v.isdigit() and len(v) < 6}


@login_required
@require_http_methods(["GET", "POST"])
def derive(request: HttpRequest, pk: int) -> HttpResponse:
    """The commune's plan from the province's plan or from a plan it keeps as received:
    the page shows the new title and the targets in the commune's words, and lists those
    that do not apply to a commune for the officer to keep (dropped unless ticked)."""
    source = visible_plan(request, pk)
    membership = active_membership(request.user)
    commune = membership.unit if membership else None
    require(request.user, "add", Plan, unit=commune, own_unit=True)
    assert commune is not None
    if request.method == "GET":
        if not derivable(source, commune):
            messages.info(request, _("Only a commune makes its plan from this plan."))
            return redirect("plans:detail", pk=source.pk)
        existing = derived_from(source, commune)
        if existing is not None:
            messages.info(request, _("The commune already has a plan made from this one."))
            return redirect("plans:detail", pk=existing.pk)
        return render(
            request,
            "plans/plan_derive.html",
            {"source": source, "commune": commune, "preview": derive_preview(source, commune)},
        )
    try:
        plan, unresolved = derive_plan(
            source, actor=request.user, commune=commune, keep_targets=_keep_targets(request)
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("plans:detail", pk=source.pk)
    if issued_besides(plan):
        messages.warning(
            request,
            _(
                "Note: the commune already has an issued plan for %(year)s. This new one is a draft until it is issued."
            )
            % {"year": source.year},
        )
    if unresolved:
        messages.warning(
            request,
            _(
                "The commune's plan is made. These bodies have no agency of the commune yet; choose one for each: %(names)s"
            )
            % {"names": "; ".join(unresolved)},
        )
    else:
        messages.success(
            request, _("The commune's plan is made; every body is mapped to an agency of the commune.")
        )
    return redirect("plans:edit", pk=plan.pk)


@login_required
@require_GET
def communes(request: HttpRequest, pk: int) -> HttpResponse:
    """For a province plan: each commune of the province, whether it has derived, drafted
    or issued its plan for the year, and when."""
    plan = visible_plan(request, pk)
    # the province's own officers: a commune does not read its neighbours' drafts
    require(request.user, "view", plan, own_unit=True)
    if plan.unit.level != Level.PROVINCE:
        return redirect("plans:detail", pk=plan.pk)
    query = fold(request.GET.get("q", ""))[:100]
    communes = AdministrativeUnit.objects.for_user(request.user).filter(parent=plan.unit, is_active=True)
    units = communes.prefetch_related(
        Prefetch(
            "plans",
            # a commune's own plans: not the ones it keeps as received from the district
            queryset=Plan.objects.for_user(request.user)
            .filter(year=plan.year)
            .exclude(status=PlanStatus.RECEIVED)
            .order_by("-updated_at"),
            to_attr="year_plans",
        )
    )
    if query:
        units = units.filter(name_key__contains=query)
    state = request.GET.get("state", "")
    page = Paginator(units.order_by("name_key"), 30).get_page(request.GET.get("page"))
    rows = []
    for unit in page.object_list:
        year_plans = unit.year_plans  # type: ignore[attr-defined]
        derived = next((p for p in year_plans if p.basis_id == plan.pk), None)
        current = derived or (year_plans[0] if year_plans else None)
        rows.append({"unit": unit, "plan": current, "derived": derived is not None})
    totals = Plan.objects.for_user(request.user).filter(unit__parent=plan.unit, year=plan.year)
    return render(
        request,
        "plans/plan_communes.html",
        {
            "plan": plan,
            "rows": rows,
            "page": page,
            "query": request.GET.get("q", ""),
            "state": state,
            "derived_count": totals.filter(basis=plan).values("unit").distinct().count(),
            "issued_count": totals.filter(status="issued").values("unit").distinct().count(),
            "commune_count": communes.count(),
        },
    )


class MappingRowForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput)
    commune_lead = forms.CharField(
        label=gettext_lazy("Commune agency (lead)"),
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    commune_partners = forms.CharField(
        label=gettext_lazy("Partners (separated by ;)"),
        max_length=600,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


MappingFormSet = forms.formset_factory(MappingRowForm, extra=0, max_num=200, absolute_max=200)


@login_required
@require_http_methods(["GET", "POST"])
def mapping(request: HttpRequest) -> HttpResponse:
    membership = active_membership(request.user)
    province = membership.unit.province if membership else None
    if province is None:
        return redirect("home")
    rows = mappings_of(province)
    can_edit = permitted(request.user, "change", ProvinceAgencyMapping, unit=province, own_unit=True)
    initial = [
        {"id": m.pk, "commune_lead": m.commune_lead, "commune_partners": "; ".join(m.commune_partners)}
        for m in rows
    ]
    formset = MappingFormSet(request.POST if request.method == "POST" else None, initial=initial, prefix="m")
    if request.method == "POST":
        require(request.user, "change", ProvinceAgencyMapping, unit=province, own_unit=True)
        if len(formset.forms) != len(rows):  # a form from another page or a stale one
            messages.error(request, _("The table changed since you opened it; it is shown again."))
            return redirect("plans:mapping")
        if formset.is_valid():
            try:
                update_mapping(
                    province,
                    actor=request.user,
                    rows=[
                        {
                            "id": f.cleaned_data["id"],
                            "commune_lead": f.cleaned_data["commune_lead"],
                            "commune_partners": f.cleaned_data["commune_partners"].split(";"),
                        }
                        for f in formset.forms
                    ],
                )
            except ValidationError as exc:
                messages.error(request, exc.messages[0])
            else:
                messages.success(request, _("The mapping is saved; plans derived from now on use it."))
                return redirect("plans:mapping")
    return render(
        request,
        "plans/mapping.html",
        {
            "province": province,
            "pairs": list(zip(rows, formset.forms, strict=True)),
            "formset": formset,
            "can_edit": can_edit,
        },
    )
