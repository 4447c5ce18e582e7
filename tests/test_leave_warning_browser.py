"""Nothing typed is lost by leaving, in a real browser (Debian's chromium): after a change in
the plan editor (about 9,500 px long), following a link makes the browser ask before the
page is left, and staying keeps the change; saving the form does not ask. The progress form
that came back with an error asks before leaving too, and keeps the chosen evidence file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests import test_ui_browser as ui

# the browser fixtures of the interface tests, shared (one chromium per module)
browser = ui.browser
open_page = ui.open_page
log_in = ui.log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _dialogs(page: Any) -> list[str]:
    """The type of every dialog the page opens; each is dismissed (the person stays)."""
    seen: list[str] = []

    def on_dialog(dialog: Any) -> None:
        seen.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return seen


def test_the_plan_editor_asks_before_leaving_with_changes_and_not_on_saving(
    demo_plans: Any, demo_password: str, live_server: Any, open_page: Any
) -> None:
    from apps.plans.models import Plan, PlanStatus

    plan = Plan.objects.filter(unit=demo_plans.commune, status=PlanStatus.DRAFT).order_by("pk").first()
    assert plan is not None
    page, _watch = open_page()
    base = live_server.url
    log_in(page, base, "congchuc", demo_password)
    dialogs = _dialogs(page)
    edit_url = f"{base}/plans/{plan.pk}/edit/"

    # untouched, the editor lets the person go without a question
    page.goto(edit_url)
    page.get_by_test_id("edit-form").get_by_role("link", name="Hủy").click()
    page.wait_for_url(f"{base}/plans/{plan.pk}/")
    assert dialogs == []

    # a change, then a link: the browser asks; staying keeps what was typed
    page.goto(edit_url)
    title = page.locator("#id_h-title")
    title.click()
    page.keyboard.press("End")
    page.keyboard.type(" (bản sửa)")
    with page.expect_event("dialog"):
        page.get_by_test_id("breadcrumbs").get_by_role("link", name="Kế hoạch").click()
    assert dialogs == ["beforeunload"]
    assert page.url == edit_url
    assert title.input_value().endswith(" (bản sửa)")

    # saving the form is leaving on purpose: no question, and the change is kept
    page.get_by_test_id("save-plan").click()
    page.wait_for_url(f"{base}/plans/{plan.pk}/**")
    assert dialogs == ["beforeunload"]
    plan.refresh_from_db()
    assert plan.title.endswith(" (bản sửa)")


def test_a_progress_form_sent_back_keeps_its_file_and_asks_before_leaving(
    demo: Any, demo_password: str, live_server: Any, open_page: Any, settings: Any, tmp_path: Path
) -> None:
    from apps.work.demo import demo_photo
    from apps.work.models import Evidence
    from apps.work.tests.world import WorkWorld

    settings.WORK_FILES_DIR = tmp_path / "work"
    task = WorkWorld(demo).task
    photo = tmp_path / "bien-ban-thon-3.jpg"
    photo.write_bytes(demo_photo("Thôn 3"))
    page, _watch = open_page(ui.PHONE)
    base = live_server.url
    log_in(page, base, "daumoi", demo_password)
    dialogs = _dialogs(page)

    page.goto(f"{base}/work/{task.pk}/progress/")
    page.locator("#id_percent").fill("180")
    page.set_input_files("#id_evidence", str(photo))
    page.get_by_test_id("progress-submit").click()
    held = page.get_by_test_id("held-file")
    held.wait_for()
    assert "Đã chọn: bien-ban-thon-3.jpg" in held.inner_text()
    assert dialogs == []  # sending the form did not ask

    # what came back is not saved yet: leaving asks
    with page.expect_event("dialog"):
        page.get_by_test_id("progress-form").get_by_role("link", name="Hủy").click()
    assert dialogs == ["beforeunload"]

    page.locator("#id_percent").fill("80")
    page.get_by_test_id("progress-submit").click()
    page.wait_for_url(f"{base}/work/{task.pk}/")
    assert dialogs == ["beforeunload"]
    assert Evidence.objects.filter(update__task=task, file_name="bien-ban-thon-3.jpg").exists()
