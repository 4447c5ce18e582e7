"""The calendar (month and list) and the iCalendar feed at a secret, revocable address."""

from __future__ import annotations

import datetime as dt
from typing import Any

import icalendar
import pytest
import time_machine
from django.urls import reverse

from apps.access.models import AuditLog
from apps.accounts.demo import SYSTEM
from apps.activities.tests.world import ActivityWorld
from apps.plans.models import ReportingDeadline
from apps.work import feeds
from apps.work.agenda import entries_for
from apps.work.models import CalendarFeed

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 23, 9)


@pytest.fixture
def world(demo_plans: Any, work_world: Any) -> Any:
    """Hà Tây's and the city's issued plans (report deadlines), two tasks, one activity."""
    work_world.activity = ActivityWorld(demo_plans).activity
    return work_world


def _summaries(calendar: Any) -> list[str]:
    return [str(event.get("summary")) for event in calendar.walk("VEVENT")]


def test_entries_of_a_month(world: Any, demo: Any) -> None:
    entries = entries_for(demo.user("owner"), dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    kinds = {(e.kind, e.title[:60]) for e in entries}
    assert ("task", "Tuyên truyền phòng, chống bạo lực gia đình") in kinds  # due 15/12
    assert ("task", "Rà soát hương ước, quy ước") in kinds  # due 1/12
    assert any(k == "campaign_period" and t.startswith("Tháng hành động vì bình đẳng") for k, t in kinds)
    # the city's annual report due 15/12 is on the commune's calendar
    assert ReportingDeadline.objects.filter(due=dt.date(2026, 12, 15)).exists()
    assert any(k == "report" for k, _t in kinds)
    # filtered by agency: the police's task goes, the women's union's stays
    by_agency = entries_for(
        demo.user("owner"), dt.date(2026, 12, 1), dt.date(2026, 12, 31), agency_id=demo.agency.pk
    )
    titles = {e.title for e in by_agency}
    assert (
        "Tuyên truyền phòng, chống bạo lực gia đình" in titles and "Rà soát hương ước, quy ước" not in titles
    )
    november = entries_for(demo.user("focal"), dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert {"activity", "campaign_day"} <= {e.kind for e in november}
    # another commune's officer sees none of Hà Tây's tasks or activities
    other = entries_for(demo.user("outsider"), dt.date(2026, 11, 1), dt.date(2026, 12, 31))
    assert not {e.kind for e in other} & {"task", "activity"}


def test_month_and_list_pages(world: Any, demo: Any) -> None:
    with time_machine.travel(NOW, tick=False):
        client = demo.client("owner")
        month = client.get(reverse("work:calendar"), {"month": "2026-12"}).content.decode()
        listed = client.get(reverse("work:calendar"), {"view": "list"}).content.decode()
    assert 'data-testid="month-grid"' in month and 'id="day-2026-12-15"' in month
    assert "Tuyên truyền phòng, chống bạo lực gia đình" in month
    assert "Rà soát hương ước, quy ước" in listed  # 1/12 is within 60 days of 23/11
    assert "Ngày Quốc tế xóa bỏ bạo lực đối với phụ nữ" in listed


def test_the_feed_parses_with_icalendar_and_holds_the_calendar(world: Any, demo: Any) -> None:
    with time_machine.travel(NOW, tick=False):
        client = demo.client("focal")
        page = client.post(reverse("work:calendar_feed"), {"action": "create"}).content.decode()
        url = page.split('data-testid="feed-url"')[0].rsplit('value="', 1)[1].split('"')[0]
        assert "/work/calendar/" in url and url.endswith(".ics")
        path = url.split("testserver", 1)[1]
        response = demo.client("anonymous").get(path)  # a calendar program has no session
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    summaries = _summaries(calendar)
    assert any("Tuyên truyền phòng, chống bạo lực gia đình" in s for s in summaries)
    assert any("Ngày Quốc tế xóa bỏ bạo lực đối với phụ nữ" in s for s in summaries)
    assert any("Truyền thông về bình đẳng giới tại Thôn 1" in s for s in summaries)
    action_month = next(
        e for e in calendar.walk("VEVENT") if "Tháng hành động vì bình đẳng giới" in str(e["summary"])
    )
    assert action_month.decoded("dtstart") == dt.date(2026, 11, 15)
    assert action_month.decoded("dtend") == dt.date(2026, 12, 16)  # all day, end exclusive
    uids = [str(e["uid"]) for e in calendar.walk("VEVENT")]
    assert len(uids) == len(set(uids))
    # the focal person's feed holds the commune's tasks but no other commune's
    assert CalendarFeed.objects.get(revoked_at=None).last_read_at is not None


def test_no_token_a_wrong_token_and_a_revoked_token_are_refused(world: Any, demo: Any) -> None:
    user = demo.user("focal")
    created = AuditLog.objects.filter(event="calendar.feed_created").count()
    _feed, token = feeds.create_feed(user, actor=user)
    anonymous = demo.client("anonymous")
    assert anonymous.get(reverse("work:ical", args=[token])).status_code == 200
    assert anonymous.get(reverse("work:ical", args=["not-the-token"])).status_code == 404
    assert anonymous.get("/work/calendar/.ics").status_code == 404
    # a new address stops the old one
    _feed2, token2 = feeds.create_feed(user, actor=user)
    assert anonymous.get(reverse("work:ical", args=[token])).status_code == 404
    assert anonymous.get(reverse("work:ical", args=[token2])).status_code == 200
    # revoked from the page: the address answers 404
    response = demo.client("focal").post(reverse("work:calendar_feed"), {"action": "revoke"})
    assert response.status_code == 302
    assert anonymous.get(reverse("work:ical", args=[token2])).status_code == 404
    assert AuditLog.objects.filter(event="calendar.feed_revoked").count() == 1
    assert AuditLog.objects.filter(event="calendar.feed_created").count() == created + 2
    # the token itself is never stored
    assert not CalendarFeed.objects.filter(token_hash__in=[token, token2]).exists()


def test_a_feed_stops_with_its_membership(world: Any, demo: Any) -> None:
    user = demo.user("focal")
    feed, token = feeds.create_feed(user, actor=user)
    feed.membership.is_active = False
    feed.membership.save()
    assert demo.client("anonymous").get(reverse("work:ical", args=[token])).status_code == 404


def test_nobody_makes_or_revokes_someone_else_feed(demo: Any) -> None:
    from django.core.exceptions import PermissionDenied

    owner = demo.user("owner")
    feed, _token = feeds.create_feed(owner, actor=owner)
    for persona in ("focal", "outsider", "province"):
        with pytest.raises(PermissionDenied):
            feeds.revoke_feed(feed, actor=demo.user(persona))
        with pytest.raises(PermissionDenied):
            feeds.create_feed(owner, actor=demo.user(persona))
    with pytest.raises(PermissionDenied):
        feeds.create_feed(owner, actor=SYSTEM)
    feed.refresh_from_db()
    assert feed.revoked_at is None


ACTION_MONTH = "Tháng hành động vì bình đẳng giới"


def test_the_action_month_is_shown_once_as_a_span_not_on_every_day(demo: Any) -> None:
    officer = demo.client("owner")
    with time_machine.travel(NOW, tick=False):  # 23/11, inside the Action Month
        month = officer.get(reverse("work:calendar"), {"month": "2026-11"}).content.decode()
        coming = officer.get(reverse("work:calendar"), {"view": "list"}).content.decode()
    for page in (month, coming):
        assert page.count(ACTION_MONTH) == 1
        spans = page.split('data-testid="spans"')[1].split("</ul>")[0]
        assert "15/11 – 15/12" in spans and ACTION_MONTH in spans
    # the month grid shades its days (15–30/11) instead of counting it on each of them;
    # below it, only 25/11 (a campaign day) is listed
    grid = month.split('data-testid="month-grid"')[1].split("</table>")[0]
    assert grid.count('data-testid="in-span"') == 16
    assert month.count('id="day-') == 1 and 'id="day-2026-11-25"' in month
