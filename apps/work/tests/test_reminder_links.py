"""The reminders page links only where its reader may go: the reminder days to those who
may change them, and a reminder to its page only in a role that opens it."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from apps.access.roles import Role
from apps.access.scope import SESSION_KEY
from apps.work import reminders

SETTINGS = reverse("work:reminder_settings")


@pytest.mark.parametrize("persona", ["focal", "province", "caseworker"])
def test_reminder_days_link_is_not_shown_to_who_may_not_change_them(demo: Any, persona: str) -> None:
    client = demo.client(persona)
    assert SETTINGS not in client.get(reverse("work:reminders")).content.decode()
    assert client.get(SETTINGS).status_code == 403  # the page it would have led to


@pytest.mark.parametrize("persona", ["owner", "leader", "outsider"])
def test_reminder_days_link_is_shown_to_the_unit_managers(demo: Any, persona: str) -> None:
    client = demo.client(persona)
    assert SETTINGS in client.get(reverse("work:reminders")).content.decode()
    assert client.get(SETTINGS).status_code == 200


def test_a_report_reminder_links_only_in_the_role_that_opens_the_report(demo: Any) -> None:
    officer = demo.user("owner")  # congchuc, also her commune's case worker
    reports = reverse("indicators:reports")
    reminders.notify([officer], subject="t:report", url=reports, message="Báo cáo 6 tháng đến hạn")
    client = demo.client("owner")
    page = client.get(reverse("work:reminders")).content.decode()
    assert f'href="{reports}"' in page and client.get(reports).status_code == 200

    session = client.session
    session[SESSION_KEY] = officer.memberships.get(role=Role.CASE_WORKER).pk
    session.save()
    assert client.get(reports).status_code == 403  # the case worker's role reads no reports
    page = client.get(reverse("work:reminders")).content.decode()
    assert f'href="{reports}"' not in page
    assert "Báo cáo 6 tháng đến hạn" in page  # the reminder itself is still there
