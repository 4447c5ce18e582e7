"""A district plan imported into a commune, in a real browser: the review says whose plan
it is, it is kept as a received plan the leader cannot issue, and the commune's plan made
from it cites it. Its pages (the received plan, the derive page) pass the page checks at
both widths."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests import test_ui_browser as ui

browser = ui.browser
open_page = ui.open_page
log_in, visit_all = ui.log_in, ui.visit_all

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
DISTRICT_PLAN = (
    Path(__file__).resolve().parent.parent / "apps" / "plans" / "tests" / "fixtures" / "trung-khanh-2026.txt"
)


@pytest.fixture
def jobs_run_at_once(settings: Any, tmp_path: Path) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PLAN_FILES_DIR = tmp_path / "files"


def test_a_district_plan_is_received_not_issued_and_the_communes_plan_cites_it(
    demo: Any, demo_password: str, live_server: Any, open_page: Any, jobs_run_at_once: None
) -> None:
    from apps.plans.models import Plan, PlanStatus

    page, watch = open_page()
    base = live_server.url
    log_in(page, base, "congchuc", demo_password)
    page.goto(f"{base}/plans/import/")
    page.set_input_files("input[type=file]", str(DISTRICT_PLAN))
    page.get_by_test_id("upload-submit").click()
    page.get_by_test_id("review-form").wait_for()
    assert "Ủy ban nhân dân huyện Trùng Khánh" in page.get_by_test_id("received-notice").inner_text()
    page.get_by_test_id("save-plan").click()
    page.wait_for_url(f"{base}/plans/*/")
    received = Plan.objects.get()
    assert (received.status, received.number) == (PlanStatus.RECEIVED, "35/KH-UBND")
    assert page.get_by_test_id("plan-status").inner_text() == "Văn bản đến"
    assert page.get_by_test_id("edit-plan").count() == 0

    # the leader has nothing to issue
    page.context.clear_cookies()
    log_in(page, base, "lanhdao", demo_password)
    page.goto(f"{base}/plans/{received.pk}/")
    page.get_by_test_id("received-plan").wait_for()
    assert page.get_by_test_id("issue-plan").count() == 0

    # the officer makes the commune's plan from it
    page.context.clear_cookies()
    log_in(page, base, "congchuc", demo_password)
    problems = visit_all(
        page,
        watch,
        base,
        "received",
        [("received-plan", f"/plans/{received.pk}/", 200), ("derive", f"/plans/{received.pk}/derive/", 200)],
    )
    assert problems == [], "\n".join(problems)
    page.goto(f"{base}/plans/{received.pk}/")
    page.get_by_test_id("derive-received").click()
    assert "xã Hà Tây" in page.get_by_test_id("derived-title").inner_text()
    page.get_by_test_id("derive-submit").click()
    page.wait_for_url(f"{base}/plans/*/edit/")
    own = Plan.objects.get(basis=received)
    assert own.status == PlanStatus.DRAFT
    assert own.content["references"][0]["number"] == "35/KH-UBND"
    assert own.content["references"][0]["issuer"] == "Ủy ban nhân dân huyện Trùng Khánh"
    assert watch.take() == ([], [])
