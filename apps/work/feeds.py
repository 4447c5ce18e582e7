"""Calendar feeds: make (or replace) and revoke a person's secret iCalendar address, find
the feed of a token, and write the feed itself with the icalendar library."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

import icalendar
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from apps.access import audit
from apps.access.actors import Actor
from apps.access.events import Event
from apps.access.guards import require
from apps.access.scope import active_membership, choose_membership
from apps.work.agenda import entries_for
from apps.work.models import CalendarFeed

PAST_DAYS = 60
FUTURE_DAYS = 400


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_feed(user: Any, *, actor: Actor) -> tuple[CalendarFeed, str]:
    """A new secret address for the user's active membership (the old one stops working);
    returns the feed and the token, which is shown once and never stored."""
    membership = active_membership(actor)
    require(actor, "add", CalendarFeed, unit=membership.unit if membership else None)
    if user != actor or membership is None:
        audit.record(
            actor,
            Event.ACCESS_DENIED,
            None,
            unit=membership.unit if membership else None,
            meta={"action": "add", "object": "work.calendarfeed"},
        )
        raise PermissionDenied("add")
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        now = timezone.now()
        for old in CalendarFeed.objects.select_for_update().filter(
            user=user, membership=membership, revoked_at=None
        ):
            old.revoked_at = now
            old.save(update_fields=["revoked_at"])
        feed = CalendarFeed.objects.create(user=user, membership=membership, token_hash=_hash(token))
        audit.record(actor, Event.CALENDAR_FEED_CREATED, feed)
    return feed, token


def revoke_feed(feed: CalendarFeed, *, actor: Actor) -> CalendarFeed:
    require(actor, "change", feed)
    if feed.user_id != getattr(actor, "pk", None):
        audit.record(
            actor, Event.ACCESS_DENIED, feed, meta={"action": "change", "object": "work.calendarfeed"}
        )
        raise PermissionDenied("change")
    with transaction.atomic():
        locked = CalendarFeed.objects.select_for_update().get(pk=feed.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.save(update_fields=["revoked_at"])
            audit.record(
                actor, Event.CALENDAR_FEED_REVOKED, locked, changes={"revoked_at": str(locked.revoked_at)}
            )
    return locked


def feed_for_token(token: str) -> CalendarFeed | None:
    """The live feed of a token, whose person and membership are still active."""
    return (
        CalendarFeed.objects.select_related("user", "membership__unit")
        .filter(
            token_hash=_hash(token),
            revoked_at=None,
            user__is_active=True,
            membership__is_active=True,
            membership__unit__is_active=True,
        )
        .first()
    )


def render_feed(feed: CalendarFeed, base_url: str) -> bytes:
    """The feed's calendar as iCalendar text: from 60 days ago to a year ahead."""
    user = feed.user
    choose_membership(user, feed.membership_id)  # read as the membership the feed was made for
    today = timezone.localdate()
    entries = entries_for(user, today - dt.timedelta(days=PAST_DAYS), today + dt.timedelta(days=FUTURE_DAYS))
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//binhdang//work calendar//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"binhdang · {feed.membership.unit.name}")
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    stamp = timezone.now()
    host = base_url.split("://", 1)[-1].split("/", 1)[0] or "binhdang"
    for entry in entries:
        event = icalendar.Event()
        event.add("uid", f"{entry.uid}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.start)
        event.add("dtend", entry.end + dt.timedelta(days=1))  # all-day: the day after
        event.add("summary", f"{entry.kind_label}: {entry.title}")
        if entry.detail:
            event.add("description", entry.detail)
        if entry.url:
            event.add("url", base_url.rstrip("/") + entry.url)
        event.add("categories", [entry.kind])
        calendar.add_component(event)
    feed.last_read_at = stamp
    feed.save(update_fields=["last_read_at"])
    return calendar.to_ical()
