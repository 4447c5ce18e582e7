from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.access.guards import get_for_user_or_404, permitted, refuse_404, require
from apps.access.scope import Scope, active_membership
from apps.geo import services
from apps.geo.forms import AgencyForm, SearchForm, VillageForm
from apps.geo.models import AdministrativeUnit, Agency, Level
from core.tables import sort_by

PAGE_SIZE = 25


def _commune_of(request: HttpRequest) -> AdministrativeUnit:
    membership = active_membership(request.user)
    if membership is None or membership.unit.level != Level.COMMUNE:
        raise Http404
    return membership.unit


def _apply_errors(form: AgencyForm | VillageForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _query(request: HttpRequest) -> tuple[SearchForm, str]:
    form = SearchForm(request.GET)
    return form, (form.cleaned_data["q"] if form.is_valid() else "")


@login_required
@require_GET
def unit_search(request: HttpRequest) -> HttpResponse:
    """The unit picker: every province and commune of the country, and the villages of
    the user's own scope, searched without accents."""
    form, query = _query(request)
    units = (
        AdministrativeUnit.objects.visible_to(request.user).search(query).select_related("parent")
        if query
        else None
    )
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("page")) if units is not None else None
    return render(request, "geo/unit_search.html", {"form": form, "query": query, "page": page})


@login_required
@require_GET
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    unit = (
        AdministrativeUnit.objects.visible_to(request.user).select_related("parent").filter(code=code).first()
    )
    if unit is None:
        refuse_404(request.user, AdministrativeUnit, code=code)
    scope = Scope.of(request.user)
    in_scope = scope is not None and scope.covers(unit.path)
    form, query = _query(request)
    children = unit.children.filter(is_active=True)
    if unit.level == Level.COMMUNE and not in_scope:
        children = children.none()  # a commune's villages are its own
    if query:
        children = children.search(query)
    page = Paginator(children, PAGE_SIZE).get_page(request.GET.get("page"))
    agencies = (
        unit.agencies.filter(is_active=True)
        if unit.level == Level.COMMUNE and in_scope
        else Agency.objects.none()
    )
    return render(
        request,
        "geo/unit_detail.html",
        {
            "unit": unit,
            "page": page,
            "form": form,
            "agencies": agencies,
            "in_scope": in_scope,
            "can_manage": permitted(request.user, "add_village", unit),
        },
    )


@login_required
@require_GET
def agency_list(request: HttpRequest) -> HttpResponse:
    unit = _commune_of(request)
    form, query = _query(request)
    agencies, sort = sort_by(
        request,
        Agency.objects.for_user(request.user).search(query),
        {"name": ["name_key"], "kind": ["kind", "name_key"], "status": ["-is_active", "name_key"]},
        "name",
    )
    page = Paginator(agencies, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "geo/agency_list.html",
        {
            "unit": unit,
            "page": page,
            "form": form,
            "query": query,
            "sort": sort,
            "can_manage": permitted(request.user, "add", Agency, unit=unit),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def agency_create(request: HttpRequest) -> HttpResponse:
    unit = _commune_of(request)
    require(request.user, "add", Agency, unit=unit)
    form = AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agency = services.create_agency(unit, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Added agency “%(name)s”.") % {"name": agency.name})
            return redirect("geo:agency_list")
    return render(request, "geo/agency_form.html", {"form": form, "unit": unit, "agency": None})


def _agency(request: HttpRequest, pk: int) -> Agency:
    """The agency if it is in the user's scope (else 404) and the user may change it (else 403)."""
    agency: Agency = get_for_user_or_404(Agency.objects.select_related("unit"), request.user, pk=pk)
    require(request.user, "change", agency)
    return agency


@login_required
@require_http_methods(["GET", "POST"])
def agency_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agency = _agency(request, pk)
    form = AgencyForm(request.POST or None, initial={"name": agency.name, "kind": agency.kind})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_agency(agency, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("geo:agency_list")
    return render(request, "geo/agency_form.html", {"form": form, "unit": agency.unit, "agency": agency})


@login_required
@require_http_methods(["GET", "POST"])
def agency_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST deactivates, with an undo button in the message."""
    agency = _agency(request, pk)
    if request.method == "POST":
        services.set_agency_active(agency, actor=request.user, active=False)
        messages.success(
            request,
            _("Agency “%(name)s” is no longer in use.") % {"name": agency.name},
            extra_tags=f"undo:{agency.pk}",
        )
        return redirect("geo:agency_list")
    return render(request, "geo/agency_confirm_deactivate.html", {"agency": agency})


@login_required
@require_POST
def agency_restore(request: HttpRequest, pk: int) -> HttpResponse:
    agency = _agency(request, pk)
    services.set_agency_active(agency, actor=request.user, active=True)
    messages.success(request, _("Agency “%(name)s” is in use again.") % {"name": agency.name})
    return redirect("geo:agency_list")


@login_required
@require_http_methods(["GET", "POST"])
def village_create(request: HttpRequest) -> HttpResponse:
    unit = _commune_of(request)
    require(request.user, "add_village", unit)
    form = VillageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            village = services.add_village(unit, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Added %(name)s.") % {"name": village.name})
            return redirect("geo:unit_detail", code=unit.code)
    return render(request, "geo/village_form.html", {"form": form, "unit": unit})
