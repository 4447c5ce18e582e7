"""A plan from the officer to the leader in a real browser (Debian's chromium): the officer
sends the draft, the leader finds it first on her phone's home page, returns it with a
comment, the officer sends it again and the leader issues it, ticking "Ban hành dù vậy"
for the task that reaches nobody. The pages on the way pass the page checks at both widths."""

from __future__ import annotations

from typing import Any

import pytest

from tests import test_ui_browser as ui

browser = ui.browser
open_page = ui.open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _draft(demo: Any) -> Any:
    from apps.plans import content as plan_content
    from apps.plans import services

    content = plan_content.blank(demo.commune, 2026, "Kế hoạch gửi lãnh đạo năm 2026")
    timeframe = {"text": "Quý II/2026", "start": "2026-04", "end": "2026-06", "recurrence": "once"}
    content["tasks"] = [
        {
            "ref": "1",
            "title": "Tuyên truyền Luật Bình đẳng giới",
            "activities": [],
            "lead": ["Hội Liên hiệp Phụ nữ xã Hà Tây"],
            "partners": [],
            "timeframe": timeframe,
        },
        {
            "ref": "2",
            "title": "Việc chưa giao cho ai",
            "activities": [],
            "lead": [],
            "partners": [],
            "timeframe": timeframe,
        },
    ]
    return services.create_plan(demo.commune, actor=demo.user("owner"), content=content, note="t")


def test_send_return_send_again_and_issue_in_the_browser(
    demo: Any, demo_password: str, live_server: Any, open_page: Any
) -> None:
    from apps.plans.models import Plan

    plan = _draft(demo)
    base = live_server.url
    officer, officer_watch = open_page()
    ui.log_in(officer, base, "congchuc", demo_password)
    officer.goto(f"{base}/plans/{plan.pk}/")
    officer.get_by_test_id("send-plan").click()
    officer.get_by_test_id("confirm-ok").click()
    officer.get_by_test_id("plan-pending").wait_for()
    assert officer.get_by_test_id("edit-plan").count() == 0

    leader, leader_watch = open_page(viewport=ui.PHONE)
    ui.log_in(leader, base, "lanhdao", demo_password)
    waiting = leader.get_by_test_id("home-pending-plans")
    assert "Kế hoạch gửi lãnh đạo năm 2026" in waiting.inner_text()
    problems = ui.visit_all(
        leader,
        leader_watch,
        base,
        "plan-send-leader",
        [("home", "/", 200), ("plan", f"/plans/{plan.pk}/", 200)],
    )
    assert problems == [], "\n".join(problems)
    leader.goto(f"{base}/")
    leader.get_by_test_id("home-pending-plans").get_by_role(
        "link", name="Kế hoạch gửi lãnh đạo năm 2026"
    ).click()
    leader.wait_for_url(f"{base}/plans/{plan.pk}/")
    assert leader.get_by_test_id("unassigned-task").count() == 1
    leader.get_by_test_id("return-plan").locator("summary").click()
    leader.get_by_label("Cần sửa gì").fill("Giao nhiệm vụ 2 cho một cơ quan")
    leader.get_by_test_id("return-submit").click()
    leader.get_by_test_id("plan-status").wait_for()
    assert Plan.objects.get(pk=plan.pk).status == "draft"

    officer.goto(f"{base}/plans/{plan.pk}/")
    assert "Giao nhiệm vụ 2 cho một cơ quan" in officer.get_by_test_id("review-comment").inner_text()
    officer.get_by_test_id("send-plan").click()
    officer.get_by_test_id("confirm-ok").click()
    officer.get_by_test_id("plan-pending").wait_for()

    leader.goto(f"{base}/plans/{plan.pk}/")
    leader.get_by_test_id("confirm-unassigned").check()
    leader.get_by_test_id("issue-plan").click()
    leader.get_by_test_id("confirm-ok").click()
    leader.get_by_test_id("plan-number").wait_for()
    assert leader.get_by_test_id("plan-status").inner_text() == "Đã ban hành"
    assert leader.get_by_test_id("unassigned-task").count() == 1  # still shown until fixed
    assert officer_watch.take() == ([], [])
    assert leader_watch.take() == ([], [])
