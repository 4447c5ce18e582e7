"""The calendar in a real browser at a desktop and a phone width: the Action Month (15/11 –
15/12) is one span above the month grid, whose days it shades, and one line in the
coming-up list, never repeated day after day; the page passes the usual page checks.
Screenshots go to test-results/ui/."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine

from tests import test_ui_browser as ui
from tests.test_ui_browser import SHOTS, WIDTHS, log_in, page_problems

browser = ui.browser
open_page = ui.open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ACTION_MONTH = "Tháng hành động vì bình đẳng giới"


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_the_action_month_is_one_span_in_the_month_and_the_list(
    demo: Any, live_server: Any, open_page: Any, demo_password: str, width: str
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page, watch = open_page(WIDTHS[width])
    with time_machine.travel(dt.datetime(2026, 11, 23, 9), tick=True):
        log_in(page, live_server.url, "congchuc", demo_password)
        for name, query in (("month", "?month=2026-11"), ("list", "?view=list")):
            response = page.goto(f"{live_server.url}/work/calendar/{query}")
            assert page.get_by_text(ACTION_MONTH).count() == 1, name
            span = page.get_by_test_id("spans")
            assert "15/11 – 15/12" in span.inner_text() and span.is_visible()
            if name == "month":
                assert page.get_by_test_id("in-span").count() == 16  # 15/11–30/11 shaded
            assert page_problems(page, watch, f"calendar-{name}-{width}", 200, response) == []
            page.screenshot(path=str(SHOTS / f"calendar-{name}-{width}.png"), full_page=True)
