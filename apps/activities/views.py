"""Activity pages: the unit's activities, quick entry (phone-first), one activity."""

from __future__ import annotations

from typing import IO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from apps.access.guards import get_for_user_or_404, permitted, require
from apps.access.scope import active_membership
from apps.activities import services
from apps.activities.calendar_data import PERIOD_CHOICES
from apps.activities.forms import ActivityForm
from apps.activities.models import Activity, ActivityKind, ActivityPhoto
from apps.activities.rules import entry_choices
from apps.geo.models import AdministrativeUnit, Level
from apps.work.held import HeldSelection

PAGE_SIZE = 25


@login_required
@require_GET
def activity_list(request: HttpRequest) -> HttpResponse:
    membership = active_membership(request.user)
    activities = Activity.objects.for_user(request.user).select_related("unit", "organiser", "village")
    kind = request.GET.get("kind", "")
    campaign = request.GET.get("campaign", "")
    if kind in ActivityKind.values:
        activities = activities.filter(kind=kind)
    if campaign in dict(PERIOD_CHOICES):
        activities = activities.filter(campaign=campaign)
    filters = request.GET.copy()
    filters.pop("page", None)
    filters.pop("saved", None)
    return render(
        request,
        "activities/activity_list.html",
        {
            "page": Paginator(activities, PAGE_SIZE).get_page(request.GET.get("page")),
            "filters": filters.urlencode(),
            "kinds": ActivityKind.choices,
            "campaigns": PERIOD_CHOICES,
            "filters_active": bool(kind or campaign),
            "show_unit": membership is not None and membership.unit.level == Level.PROVINCE,
            "can_add": membership is not None
            and permitted(request.user, "add", Activity, unit=membership.unit, own_unit=True),
            "saved": request.GET.get("saved", "").isdigit(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_new(request: HttpRequest) -> HttpResponse:
    membership = active_membership(request.user)
    unit = membership.unit if membership else None
    require(request.user, "add", Activity, unit=unit, own_unit=True)
    assert membership is not None and unit is not None
    form = ActivityForm(request.POST or None, request.FILES or None, **entry_choices(request.user, unit))
    # photos chosen before a failed save stay chosen (held for this session)
    held = HeldSelection(request, field="photos", purpose=f"activities.new:{unit.pk}", photos_only=True)
    if request.method == "POST":
        chosen = request.FILES.getlist("photos")
        lost = held.error()
        if lost:
            form.add_error(None, lost)
        elif form.is_valid():
            activity = _record(request, unit, form, held.uploads(chosen))
            if activity is not None:
                held.release_all()
                messages.success(request, _("Activity recorded: %(n)s participants.") % {"n": activity.total})
                return redirect(f"{reverse('activities:list')}?saved={activity.pk}")
        for refusal in held.keep(chosen):
            if refusal not in form.non_field_errors():
                form.add_error(None, refusal)
    return render(request, "activities/activity_new.html", {"form": form, "unit": unit, "held": held})


def _record(
    request: HttpRequest, unit: AdministrativeUnit, form: ActivityForm, photos: list[tuple[str, IO[bytes]]]
) -> Activity | None:
    """The recorded activity, or None with the service's refusal added to the form."""
    data = form.cleaned_data
    counts = {name: data.get(name) for name in (*form.SEX, *form.AGES, *form.OPTIONAL)}
    try:
        return services.record_activity(
            unit,
            actor=request.user,
            organiser=data["organiser"],
            kind=data["kind"],
            title=data["title"],
            date=data["date"],
            counts=counts,
            village=data["village"],
            place=data["place"] or "",
            task=data["task"],
            officials=data["officials"],
            note=data["note"],
            photos=photos,
        )
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return None


@login_required
@require_GET
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity: Activity = get_for_user_or_404(
        Activity.objects.select_related("unit", "organiser", "village", "task"), request.user, pk=pk
    )
    return render(
        request, "activities/activity_detail.html", {"activity": activity, "photos": activity.photos.all()}
    )


@login_required
@require_GET
def activity_photo(request: HttpRequest, pk: int) -> FileResponse:
    photo: ActivityPhoto = get_for_user_or_404(
        ActivityPhoto.objects.select_related("activity__unit"), request.user, pk=pk
    )
    return photo.serve()
