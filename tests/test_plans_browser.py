"""Plans in a real browser (Debian's chromium): the whole import → review → save → issue →
export walk with a corpus file, and every plans page at both widths for the people who
use them (no sideways scroll, no console error, no foreign request, axe clean)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import pytest

from tests import test_ui_browser as ui

# the browser fixtures of the interface tests, shared (one chromium per module)
browser = ui.browser
open_page = ui.open_page
log_in, visit_all = ui.log_in, ui.visit_all

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


@pytest.fixture
def jobs_run_at_once(settings: Any, tmp_path: Path) -> None:
    # the web server thread runs the import job as it is queued (the worker process of
    # `make run` is tested in apps/plans/tests/test_plans_app.py)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PLAN_FILES_DIR = tmp_path / "files"


def log_out(page: Any) -> None:
    page.context.clear_cookies()


def test_import_review_save_issue_and_export_in_the_browser(
    demo: Any,
    demo_password: str,
    live_server: Any,
    open_page: Any,
    jobs_run_at_once: None,
    tmp_path: Path,
) -> None:
    from apps.plans.models import Plan

    page, watch = open_page()
    base = live_server.url
    log_in(page, base, "congchuc", demo_password)
    page.goto(f"{base}/plans/")
    page.get_by_test_id("import-plan").first.click()
    page.set_input_files("input[type=file]", str(CORPUS / "ha-tay-2026.md"))
    page.get_by_test_id("upload-submit").click()
    page.get_by_test_id("review-form").wait_for()
    assert (
        "Triển khai thực hiện công tác bình đẳng giới năm 2026"
        in page.get_by_test_id("document-text").inner_text()
    )
    # the plan's agencies are matched to the commune's own; the rest are highlighted
    assert page.get_by_test_id("matched-agency").count() >= 5
    page.get_by_test_id("save-plan").click()
    page.wait_for_url(f"{base}/plans/*/")
    assert page.get_by_test_id("plan-status").inner_text() == "Dự thảo"
    plan = Plan.objects.get()
    assert plan.status == "draft"

    log_out(page)
    log_in(page, base, "lanhdao", demo_password)
    page.goto(f"{base}/plans/{plan.pk}/")
    # the plan names its agencies only in "Tổ chức thực hiện": the leader is shown which
    # tasks would reach nobody and issues it knowingly
    assert page.get_by_test_id("unassigned-task").count() >= 1
    page.get_by_test_id("confirm-unassigned").check()
    page.get_by_test_id("issue-plan").click()
    page.get_by_test_id("confirm-ok").click()
    page.get_by_test_id("plan-number").wait_for()
    assert "171/KH-UBND" in page.get_by_test_id("plan-number").inner_text()
    assert page.get_by_test_id("plan-status").inner_text() == "Đã ban hành"

    page.get_by_test_id("export-menu").click()
    with page.expect_download() as download:
        page.get_by_test_id("export-docx").click()
    saved = tmp_path / "ke-hoach.docx"
    download.value.save_as(saved)
    document = docx.Document(io.BytesIO(saved.read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "KẾ HOẠCH" in text and "171/KH-UBND" in text
    assert "Tăng cường công tác quản lý nhà nước về bình đẳng giới" in text
    assert watch.take() == ([], [])


def plan_pages(world: Any, persona: str) -> list[tuple[str, str, int]]:
    pages = [
        ("plans", "/plans/", 200),
        ("plans-search", "/plans/?q=binh+dang&status=draft", 200),
        ("plan", f"/plans/{world.draft.pk}/", 200),
        ("plan-versions", f"/plans/{world.draft.pk}/versions/?a=1&b=2", 200),
        ("plan-print", f"/plans/{world.draft.pk}/print/", 200),
        ("province-plan", f"/plans/{world.city.pk}/", 200),
        ("mapping", "/plans/mapping/", 200),
    ]
    if persona == "owner":
        pages += [
            ("plan-edit", f"/plans/{world.draft.pk}/edit/", 200),
            ("plan-new", "/plans/new/", 200),
            ("plan-import", "/plans/import/", 200),
            ("plan-review", f"/plans/import/{world.upload.pk}/", 200),
            ("plan-derive", f"/plans/{world.city.pk}/derive/", 200),
        ]
    if persona == "province":
        pages += [("communes-plans", f"/plans/{world.city.pk}/communes/", 200)]
    return pages


@pytest.mark.parametrize("persona", ["owner", "focal", "province"])
def test_every_plans_page_at_both_widths(
    persona: str,
    demo: Any,
    plan_world: Any,
    demo_password: str,
    live_server: Any,
    open_page: Any,
) -> None:
    page, watch = open_page()
    log_in(page, live_server.url, demo.user(persona).username, demo_password)
    problems = visit_all(page, watch, live_server.url, f"plans-{persona}", plan_pages(plan_world, persona))
    assert problems == [], "\n".join(problems)
