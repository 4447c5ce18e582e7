"""The duties review in a real browser, on a phone: the officer reads each task's proposed
lead with its duty and shared words, unticks one by keyboard, saves; the plan page says
where each task's lead and timeframe came from. No sideways scroll, axe clean."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests import test_ui_browser as ui

browser = ui.browser
open_page = ui.open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
FIXTURE = Path(__file__).parent / "fixtures" / "ha-tay-2026-duties.md"


@pytest.fixture
def jobs_run_at_once(settings: Any, tmp_path: Path) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PLAN_FILES_DIR = tmp_path / "files"


def test_the_officer_reviews_the_proposed_leads_on_a_phone_and_saves(
    demo: Any, demo_password: str, live_server: Any, open_page: Any, jobs_run_at_once: None
) -> None:
    from apps.plans.models import Plan

    page, watch = open_page(viewport=ui.PHONE)
    base = live_server.url
    ui.log_in(page, base, "congchuc", demo_password)
    page.goto(f"{base}/plans/import/")
    page.set_input_files("input[type=file]", str(FIXTURE))
    page.get_by_test_id("upload-submit").click()
    page.get_by_test_id("duty-links").wait_for()
    assert ui.page_problems(page, watch, "duty review @phone", 200, page.reload()) == []

    task = page.locator('[data-testid="duty-task"][data-ref="II.4"]')
    lead = task.locator('[data-testid="duty-link"][data-role="lead"]').first
    assert lead.get_attribute("data-agency") == "Hội Liên hiệp Phụ nữ xã"
    assert lead.locator("input[type=checkbox]").is_checked()
    assert "nhân rộng mô hình địa chỉ tin cậy" in lead.inner_text()
    assert (
        "Chủ trì: từ phần Tổ chức thực hiện: Hội Liên hiệp Phụ nữ xã"
        in task.get_by_test_id("task-source").inner_text()
    )
    # the officer unticks the lead proposed for II.3, by keyboard
    other = page.locator(
        '[data-testid="duty-task"][data-ref="II.3"] [data-testid="duty-link"][data-role="lead"]'
    )
    box = other.first.locator("input[type=checkbox]")
    box.focus()
    page.keyboard.press("Space")
    assert not box.is_checked()
    page.get_by_test_id("save-plan").click()
    page.wait_for_url(f"{base}/plans/*/")
    plan = Plan.objects.get()
    tasks = {t["ref"]: t for t in plan.content["tasks"]}
    assert tasks["II.4"]["lead"] == ["Hội Liên hiệp Phụ nữ xã"]
    assert tasks["II.3"]["lead"] == []
    sources = page.get_by_test_id("task-source")
    assert sources.count() == 7
    assert "Thời gian: từ phần Tổ chức thực hiện: Phòng Văn hóa - Xã hội" in sources.nth(1).inner_text()
    assert watch.take() == ([], [])
