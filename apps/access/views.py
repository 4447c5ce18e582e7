import csv
from datetime import datetime, time, timedelta

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from apps.access.forms import AuditFilterForm
from apps.access.guards import require
from apps.access.models import AuditLog
from apps.access.scope import active_membership
from core.text import fold, normalize

PAGE_SIZE = 50


def _filtered(entries: QuerySet[AuditLog], form: AuditFilterForm) -> QuerySet[AuditLog]:
    if not form.is_bound:
        return entries
    if not form.is_valid():
        return entries.none()  # a wrong filter shows its error, not the whole log
    data = form.cleaned_data
    if data["person"]:
        entries = entries.filter(actor_name__icontains=data["person"])
    if data["event"]:
        entries = entries.filter(event=data["event"])
    if data["object"]:
        term = normalize(data["object"])
        entries = entries.filter(Q(search_key__contains=fold(term)) | Q(object_id=term))
    tz = timezone.get_current_timezone()
    if data["date_from"]:
        entries = entries.filter(created_at__gte=datetime.combine(data["date_from"], time.min, tz))
    if data["date_to"]:
        entries = entries.filter(
            created_at__lt=datetime.combine(data["date_to"] + timedelta(days=1), time.min, tz)
        )
    return entries


@login_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    """The unit's audit log, for its leaders: filter, page, export."""
    membership = active_membership(request.user)
    require(request.user, "view", "access.auditlog", unit=membership.unit if membership else None)
    assert membership is not None  # require() refuses a user without one
    form = AuditFilterForm(request.GET or None)
    entries = _filtered(AuditLog.objects.for_user(request.user), form)
    if request.GET.get("format") == "csv":
        return _csv(entries, membership.unit.code)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    filters = request.GET.copy()
    filters.pop("page", None)
    return render(
        request,
        "access/audit_log.html",
        {"page": page, "unit": membership.unit, "form": form, "filters": filters.urlencode()},
    )


def _csv(entries: QuerySet[AuditLog], unit_code: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="nhat-ky-{unit_code}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
    writer = csv.writer(response)
    writer.writerow([_("Time"), _("Person"), _("Event"), _("Object"), _("Unit"), _("Changes"), _("Address")])
    for e in entries.iterator():
        changes = "; ".join(f"{field}: {before} → {after}" for field, before, after in e.change_rows())
        writer.writerow(
            [
                localtime(e.created_at).strftime("%d/%m/%Y %H:%M:%S"),
                _safe(e.actor_name),
                e.get_event_display(),
                _safe(e.object_repr),
                _safe(e.unit_name),
                _safe(changes),
                e.ip_address or "",
            ]
        )
    return response


def _safe(value: str) -> str:
    """No spreadsheet formula injection from a name someone typed."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
