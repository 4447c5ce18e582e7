from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import render
from django.template.loader import render_to_string

from apps.accounts.models import AuditLog
from apps.accounts.permissions import VIEW_AUDIT, get_membership, has_perm
from apps.geo.models import AdministrativeUnit, Level


@login_required
def home(request: HttpRequest) -> HttpResponse:
    membership = get_membership(request.user)
    context: dict[str, object] = {"membership": membership}
    if membership is not None:
        unit = membership.unit
        context["unit"] = unit
        context["province"] = unit.province
        if unit.level == Level.PROVINCE:
            context["commune_count"] = AdministrativeUnit.objects.filter(parent=unit).count()
        else:
            context["village_count"] = unit.children.count()
            context["agency_count"] = unit.agencies.filter(is_active=True).count()
    return render(request, "accounts/home.html", context)


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    membership = get_membership(request.user)
    if membership is None or not has_perm(request.user, VIEW_AUDIT, membership.unit):
        raise PermissionDenied
    entries = AuditLog.objects.filter(unit__path__startswith=membership.unit.path).select_related("unit")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/audit_log.html", {"page": page, "unit": membership.unit})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return HttpResponseForbidden(render_to_string("403_csrf.html", request=request))
