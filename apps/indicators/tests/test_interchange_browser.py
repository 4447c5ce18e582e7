"""The import page in a real browser (Debian's chromium): a commune officer on a phone
downloads the template, fills it offline, uploads it and reads what was saved; a wrong
file lists its refused cells; and the page, with and without a result, passes the checks
every page passes at 1366 and 390 px (no sideways scroll, no console error, axe clean)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests import test_ui_browser as ui

browser = ui.browser
open_page = ui.open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _fill(path: Path, figures: dict[str, Any]) -> None:
    """Type figures into the total column of the template, by indicator code."""
    from apps.indicators.interchange.xlsx import FIRST_CATEGORY_COLUMN

    book = load_workbook(path)
    sheet = book.worksheets[0]
    for row in range(6, sheet.max_row + 1):
        code = sheet.cell(row=row, column=1).value
        if code in figures:
            sheet.cell(row=row, column=FIRST_CATEGORY_COLUMN).value = figures[code]
    book.save(path)


def test_a_commune_officer_fills_the_template_offline_and_uploads_it_on_a_phone(
    demo: Any, demo_password: str, live_server: Any, open_page: Any, tmp_path: Path
) -> None:
    from apps.indicators.tests.world import ReportWorld

    world = ReportWorld(demo)
    base, pk = live_server.url, world.submission.pk
    page, watch = open_page(viewport=ui.PHONE)
    ui.log_in(page, base, "congchuc", demo_password)
    page.goto(f"{base}/indicators/data/{pk}/upload/")
    with page.expect_download() as download:
        page.get_by_test_id("template-download").click()
    path = tmp_path / "mau.xlsx"
    download.value.save_as(path)
    assert download.value.suggested_filename == f"bd-6t-{demo.commune.code}-2026s1.xlsx"

    # a wrong figure first: the page lists the cell and saves nothing
    _fill(path, {"BD-C03": 9, "BD-C04": "mười hai"})
    page.set_input_files("#id_file", str(path))
    with page.expect_navigation() as sent:
        page.get_by_test_id("upload-submit").click()
    page.wait_for_load_state("load")
    assert page.get_by_test_id("rejected-rows").is_visible()
    assert "mười hai" in page.get_by_test_id("rejected-rows").inner_text()
    problems = ui.page_problems(page, watch, "refused upload @phone", 200, sent.value)
    ui.SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ui.SHOTS / "owner-datavalues-refused-phone.png"), full_page=True)
    assert not world.submission.values.filter(indicator__code="BD-C03").exists()

    _fill(path, {"BD-C04": 12})
    page.goto(f"{base}/indicators/data/{pk}/upload/")
    page.set_input_files("#id_file", str(path))
    with page.expect_navigation() as sent:
        page.get_by_test_id("upload-submit").click()
    page.wait_for_load_state("load")
    figures = page.get_by_test_id("imported-figures").inner_text()
    assert "BD-C03" in figures and "BD-C04" in figures
    # the success toast fades in: let it settle first (ui.page_problems' own wait polls
    # with a string predicate, which this page's Content-Security-Policy refuses to eval)
    toast = page.locator(".toast").first
    expect(toast).to_have_class(re.compile(r"\bshow\b"))
    expect(toast).to_have_css("opacity", "1")
    problems += ui.page_problems(page, watch, "saved upload @phone", 200, sent.value)
    page.screenshot(path=str(ui.SHOTS / "owner-datavalues-saved-phone.png"), full_page=True)
    values = {v.indicator.code: v.numerator for v in world.submission.values.select_related("indicator")}
    assert (values["BD-C03"], values["BD-C04"]) == (9, 12)
    assert problems == [], "\n".join(problems)


def test_the_import_page_passes_the_page_checks_for_those_who_use_it(
    demo: Any, demo_password: str, live_server: Any, open_page: Any
) -> None:
    from apps.accounts.demo import SYSTEM
    from apps.indicators import services
    from apps.indicators.tests.world import ReportWorld

    world = ReportWorld(demo)
    # a submitted report: its page offers the downloads only
    locked = services.submit(
        services.open_submission(world.form, demo.commune, "2026S2", actor=SYSTEM), actor=SYSTEM
    )
    problems: list[str] = []
    for persona in ("owner", "focal", "leader"):
        page, watch = open_page()
        ui.log_in(page, live_server.url, demo.user(persona).username, demo_password)
        pages = [
            ("datavalues-upload", f"/indicators/data/{world.submission.pk}/upload/", 200),
            ("datavalues-upload-locked", f"/indicators/data/{locked.pk}/upload/", 200),
        ]
        problems += ui.visit_all(page, watch, live_server.url, persona, pages)
    assert problems == [], "\n".join(problems)


def test_a_wrong_csv_shows_its_lines_and_reasons(
    demo: Any, demo_password: str, live_server: Any, open_page: Any, tmp_path: Path
) -> None:
    from apps.indicators.tests.world import ReportWorld

    world = ReportWorld(demo)
    path = tmp_path / "so-lieu.csv"
    path.write_text(
        "dataelement,categoryoptioncombo,value\nBD-C03,default,-4\nBD-ZZZ,default,1\n", encoding="utf-8"
    )
    page, _watch = open_page(viewport=ui.DESKTOP)
    ui.log_in(page, live_server.url, "daumoi", demo_password)
    page.goto(f"{live_server.url}/indicators/data/{world.submission.pk}/upload/")
    page.set_input_files("#id_file", str(path))
    page.get_by_test_id("upload-submit").click()
    page.wait_for_load_state("load")
    rows = page.get_by_test_id("rejected-rows").locator("tbody tr")
    assert rows.count() == 2
    assert "BD-ZZZ" in rows.nth(1).inner_text()
    assert not world.submission.values.filter(indicator__code="BD-C03").exists()
