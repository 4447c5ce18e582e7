"""The calendar: a month grid with the month's agenda, a list of what is coming, the
person's secret iCalendar address, and the feed itself (read by calendar programs with
the token alone, no session)."""

from __future__ import annotations

import datetime as dt
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from apps.access.scope import active_membership
from apps.work import feeds
from apps.work.agenda import entries_for, month_weeks, spans_and_days
from apps.work.mine import unit_agencies
from apps.work.models import CalendarFeed

LIST_DAYS = 60
MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _month(value: str, today: dt.date) -> tuple[int, int]:
    match = MONTH.match(value or "")
    if match and 2000 <= int(match[1]) <= 2100 and 1 <= int(match[2]) <= 12:
        return int(match[1]), int(match[2])
    return today.year, today.month


def _shift(year: int, month: int, by: int) -> str:
    index = year * 12 + month - 1 + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@login_required
@require_GET
def calendar_view(request: HttpRequest) -> HttpResponse:
    membership = active_membership(request.user)
    today = timezone.localdate()
    agencies = unit_agencies(request.user, membership.unit if membership is not None else None)
    agency_id = next((a.pk for a in agencies if str(a.pk) == request.GET.get("agency")), None)
    as_list = request.GET.get("view") == "list"
    if as_list:
        start, end = today, today + dt.timedelta(days=LIST_DAYS)
        year, month = today.year, today.month
    else:
        year, month = _month(request.GET.get("month", ""), today)
        start = dt.date(year, month, 1)
        end = dt.date.fromisoformat(_shift(year, month, 1) + "-01") - dt.timedelta(days=1)
    entries = entries_for(request.user, start, end, agency_id=agency_id)
    spans, days = spans_and_days(entries)
    return render(
        request,
        "work/calendar.html",
        {
            "as_list": as_list,
            "entries": entries,
            "spans": spans,
            "days": days,
            "weeks": [] if as_list else month_weeks(year, month, entries),
            "month_start": dt.date(year, month, 1),
            "previous": _shift(year, month, -1),
            "next": _shift(year, month, 1),
            "today": today,
            "agencies": agencies,
            "agency_id": agency_id,
            "list_days": LIST_DAYS,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def calendar_feed(request: HttpRequest) -> HttpResponse:
    """The person's own calendar address: make a new one (shown once) or stop it."""
    membership = active_membership(request.user)
    if membership is None:
        raise Http404
    live = (
        CalendarFeed.objects.for_user(request.user)
        .filter(user_id=membership.user_id, membership=membership, revoked_at=None)
        .first()
    )
    token = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            if live is None:
                return redirect("work:calendar_feed")
            feeds.revoke_feed(live, actor=request.user)
            messages.success(request, _("The calendar address no longer works."))
            return redirect("work:calendar_feed")
        live, token = feeds.create_feed(request.user, actor=request.user)
    url = request.build_absolute_uri(reverse("work:ical", args=[token])) if token else None
    return render(request, "work/calendar_feed.html", {"live": live, "url": url})


@require_GET
def ical(request: HttpRequest, token: str) -> HttpResponse:
    feed = feeds.feed_for_token(token)
    if feed is None:
        raise Http404
    body = feeds.render_feed(feed, request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = 'inline; filename="binhdang.ics"'
    return response
