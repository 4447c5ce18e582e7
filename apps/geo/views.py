from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.accounts.permissions import MANAGE_UNIT, get_membership, has_perm
from apps.geo import services
from apps.geo.forms import AgencyForm, SearchForm, VillageForm
from apps.geo.models import AdministrativeUnit, Agency, Level

PAGE_SIZE = 25


def _commune_of(request: HttpRequest) -> AdministrativeUnit:
    membership = get_membership(request.user)
    if membership is None or membership.unit.level != Level.COMMUNE:
        raise Http404
    return membership.unit


def _apply_errors(form: AgencyForm | VillageForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
def unit_search(request: HttpRequest) -> HttpResponse:
    """The unit picker: every unit of the country, searched without accents."""
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    units = AdministrativeUnit.objects.search(query).select_related("parent") if query else None
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("page")) if units is not None else None
    return render(request, "geo/unit_search.html", {"form": form, "query": query, "page": page})


@login_required
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_object_or_404(
        AdministrativeUnit.objects.for_user(request.user).select_related("parent"), code=code
    )
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    children = unit.children.filter(is_active=True)
    if query:
        children = children.search(query)
    page = Paginator(children, PAGE_SIZE).get_page(request.GET.get("page"))
    agencies = unit.agencies.filter(is_active=True) if unit.level == Level.COMMUNE else Agency.objects.none()
    return render(
        request,
        "geo/unit_detail.html",
        {
            "unit": unit,
            "page": page,
            "form": form,
            "agencies": agencies,
            "can_manage": has_perm(request.user, MANAGE_UNIT, unit),
        },
    )


@login_required
def agency_list(request: HttpRequest) -> HttpResponse:
    unit = _commune_of(request)
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    agencies = Agency.objects.for_user(request.user).filter(unit=unit).search(query)
    page = Paginator(agencies, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "geo/agency_list.html",
        {
            "unit": unit,
            "page": page,
            "form": form,
            "query": query,
            "can_manage": has_perm(request.user, MANAGE_UNIT, unit),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def agency_create(request: HttpRequest) -> HttpResponse:
    unit = _commune_of(request)
    if not has_perm(request.user, MANAGE_UNIT, unit):
        raise PermissionDenied
    form = AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agency = services.create_agency(request.user, unit, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Added agency “%(name)s”.") % {"name": agency.name})
            return redirect("geo:agency_list")
    return render(request, "geo/agency_form.html", {"form": form, "unit": unit, "agency": None})


@login_required
@require_http_methods(["GET", "POST"])
def agency_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agency = get_object_or_404(Agency.objects.for_user(request.user).select_related("unit"), pk=pk)
    if not has_perm(request.user, MANAGE_UNIT, agency.unit):
        raise PermissionDenied
    form = AgencyForm(request.POST or None, initial={"name": agency.name, "kind": agency.kind})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_agency(request.user, agency, **form.cleaned_data)
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
    agency = get_object_or_404(Agency.objects.for_user(request.user).select_related("unit"), pk=pk)
    if not has_perm(request.user, MANAGE_UNIT, agency.unit):
        raise PermissionDenied
    if request.method == "POST":
        services.set_agency_active(request.user, agency, False)
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
    agency = get_object_or_404(Agency.objects.for_user(request.user).select_related("unit"), pk=pk)
    if not has_perm(request.user, MANAGE_UNIT, agency.unit):
        raise PermissionDenied
    services.set_agency_active(request.user, agency, True)
    messages.success(request, _("Agency “%(name)s” is in use again.") % {"name": agency.name})
    return redirect("geo:agency_list")


@login_required
@require_http_methods(["GET", "POST"])
def village_create(request: HttpRequest) -> HttpResponse:
    unit = _commune_of(request)
    if not has_perm(request.user, MANAGE_UNIT, unit):
        raise PermissionDenied
    form = VillageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            village = services.add_village(request.user, unit, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Added %(name)s.") % {"name": village.name})
            return redirect("geo:unit_detail", code=unit.code)
    return render(request, "geo/village_form.html", {"form": form, "unit": unit})
