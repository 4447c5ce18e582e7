"""Dashboards and consolidated reports in a real browser (Debian's chromium): every page of
the officer, the leader and the province officer at 1366 and 390 px (no sideways scroll,
no console error, axe clean), and the officer editing the narrative and exporting the
report to Word on a phone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests import test_ui_browser as ui

browser = ui.browser
open_page = ui.open_page
log_in, visit_all = ui.log_in, ui.visit_all

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def reports(demo_plans: Any, settings: Any, tmp_path: Path) -> Any:
    """Hà Tây and two other communes approved for 2026S1, one returned; Hà Tây's and the
    province's consolidated reports opened, Hà Tây's exported once."""
    from apps.accounts.demo import SYSTEM
    from apps.indicators import services as indicator_services
    from apps.indicators.tests.world import HATAY_2026S1, ReportWorld
    from apps.reports import services

    settings.WORK_FILES_DIR = tmp_path / "work"
    settings.REPORT_FILES_DIR = tmp_path / "reports"
    world = ReportWorld(demo_plans)
    demo = world.demo
    world.approved(
        demo.commune, {("BD-C02", ""): 20, ("BD-C02", "sex:female"): 15, ("BD-C02", "sex:male"): 5}, "2025S1"
    )
    world.approved(demo.commune, HATAY_2026S1)
    first, second, third = world.communes(3)
    world.approved(first, {("BD-C02", ""): 40, ("BD-S02", ""): (1, 4)})
    world.approved(second, {("BD-C02", ""): 12})
    back = indicator_services.submit(world.filled(third, {("BD-C02", ""): 9}), actor=SYSTEM)
    indicator_services.return_submission(back, "Thiếu số liệu", actor=demo.user("province"))
    world.hatay = services.open_report(demo.commune, world.form, "2026S1", actor=demo.user("owner"))
    services.export_report(world.hatay, "docx", actor=demo.user("owner"))
    world.city = services.open_report(demo.province, world.form, "2026S1", actor=demo.user("province"))
    return world


def _pages(world: Any, persona: str) -> list[tuple[str, str, int]]:
    own = world.city if persona == "province" else world.hatay
    pages = [
        ("dashboard", "/reports/", 200),
        ("dashboard-annual", "/reports/?form=BD-NAM&period=2025", 200),
        ("dashboard-bad-period", "/reports/?period=2026S9", 404),
        ("consolidated", "/reports/consolidated/", 200),
        ("report", f"/reports/consolidated/{own.pk}/", 200),
        ("report-edit", f"/reports/consolidated/{own.pk}/edit/", 200),
    ]
    if persona == "province":
        pages.append(("commune-report", f"/reports/consolidated/{world.hatay.pk}/", 200))
    return pages


@pytest.mark.parametrize("persona", ["owner", "leader", "province"])
def test_every_reports_page_at_both_widths(
    reports: Any, demo_password: str, live_server: Any, open_page: Any, persona: str
) -> None:
    page, watch = open_page()
    log_in(page, live_server.url, reports.demo.user(persona).username, demo_password)
    problems = visit_all(page, watch, live_server.url, f"consolidated-{persona}", _pages(reports, persona))
    assert not problems, "\n".join(problems)


def test_the_officer_edits_the_narrative_and_exports_word_on_a_phone(
    reports: Any, demo_password: str, live_server: Any, open_page: Any, tmp_path: Path
) -> None:
    import docx

    page, _watch = open_page(viewport=ui.PHONE)
    base = live_server.url
    log_in(page, base, "congchuc", demo_password)
    page.goto(f"{base}/reports/consolidated/{reports.hatay.pk}/edit/")
    page.fill("#id_number", "21/BC-UBND")
    page.fill("#id_signer", "Trần Thị Hoa")
    page.fill("#id_proposals", "- Đề nghị Sở Nội vụ hỗ trợ tài liệu truyền thông.")
    page.get_by_test_id("narrative-save").click()
    page.wait_for_url(f"{base}/reports/consolidated/{reports.hatay.pk}/")
    assert (
        "Đề nghị Sở Nội vụ hỗ trợ tài liệu truyền thông."
        in page.get_by_test_id("section-proposals").inner_text()
    )
    with page.expect_download() as download_info:
        page.get_by_test_id("export-docx").click()
    path = tmp_path / "report.docx"
    download_info.value.save_as(path)
    document = docx.Document(str(path))
    assert document.tables[0].rows[1].cells[0].text == "Số: 21/BC-UBND"
    assert any(p.text == "- Đề nghị Sở Nội vụ hỗ trợ tài liệu truyền thông." for p in document.paragraphs)
    page.goto(f"{base}/reports/consolidated/{reports.hatay.pk}/")
    assert page.get_by_test_id("file-list").locator("li").count() == 2  # the fixture's export and this one


CODE_LINES = """() => [...document.querySelectorAll(
  '[data-testid=target-table] tbody th[scope=row], [data-testid=indicator-table] tbody th[scope=row]'
)].map(th => { const r = document.createRange(); r.selectNodeContents(th); return [th.textContent.trim(), r.getClientRects().length]; })"""


@pytest.mark.parametrize("persona", ["owner", "province"])
def test_indicator_codes_stay_on_one_line_at_1366(
    reports: Any, demo_password: str, live_server: Any, open_page: Any, persona: str
) -> None:
    page, _watch = open_page()
    base = live_server.url
    log_in(page, base, reports.demo.user(persona).username, demo_password)
    own = reports.city if persona == "province" else reports.hatay
    for url in ("/reports/?form=BD-6T&period=2026S1", f"/reports/consolidated/{own.pk}/"):
        page.goto(base + url)
        lines = page.evaluate(CODE_LINES)
        assert lines, url
        assert [code for code, count in lines if count != 1] == [], url
