"""A real browser (Debian's chromium driven by Playwright): congchuc logs in, sees her
commune's dashboard and moves around with the sidebar. The screenshot stays as an
artefact in test-results/; the assertions are about what the person sees and can do."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def output_dir(request: Any) -> Path:
    path = Path(__file__).resolve().parent.parent / "test-results" / request.node.name
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_congchuc_logs_in_sees_the_home_page_and_navigates(
    live_server: Any, settings: Any, output_dir: Path, monkeypatch: Any
) -> None:
    from playwright.sync_api import expect, sync_playwright

    from apps.accounts.demo import DEMO_PASSWORD, load_demo

    # Playwright's sync API runs an event loop in this thread; the ORM calls here happen
    # before it starts, so Django's async-safety guard can be relaxed for this test.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.DEMO_MODE = True
    load_demo()
    settings.DEMO_MODE = False

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        try:
            page = browser.new_page(locale="vi-VN", viewport={"width": 1366, "height": 768})
            # an anonymous visitor is sent to the log-in page, in Vietnamese
            page.goto(f"{live_server.url}/")
            assert page.url.startswith(f"{live_server.url}/login/")
            assert page.locator("html").get_attribute("lang") == "vi"
            assert page.locator("h1").inner_text() == "Đăng nhập"
            page.fill("#id_username", "congchuc")
            page.fill("#id_password", DEMO_PASSWORD)
            page.get_by_role("button", name="Đăng nhập").click()

            # the commune's dashboard: who and where she is, what the commune has
            page.wait_for_url(f"{live_server.url}/")
            assert page.title() == "Trang chủ · binhdang"
            assert page.locator("[data-testid=unit-name]").inner_text() == "Xã Hà Tây"
            assert page.locator("[data-testid=topbar-unit]").inner_text() == "Xã Hà Tây"
            assert page.locator("[data-testid=role]").inner_text() == "Công chức Văn hóa - Xã hội"
            assert (
                page.locator("main").get_by_text("Công chức Văn hóa - Xã hội").count() == 1
            )  # the role once
            assert page.locator("[data-testid=province]").inner_text() == "Thành phố Hải Phòng"
            agencies_stat = page.locator("[data-testid=stat-agencies]")
            agency_count = int(agencies_stat.locator(".bd-stat-value").inner_text())
            assert agency_count > 0
            # the sidebar offers what her role may use, and marks where she is
            sidebar = page.locator("[data-testid=sidebar]")
            items = sidebar.locator(".nav-link").all_inner_texts()
            assert items[0] == "Trang chủ"
            assert {"Cơ quan, đơn vị", "Đơn vị hành chính"} <= set(items)
            assert "Nhật ký thao tác" not in items  # the audit log is the leader's
            assert sidebar.locator("[aria-current=page]").inner_text() == "Trang chủ"
            page.screenshot(path=str(output_dir / "home-congchuc.png"), full_page=True)

            # the stat card leads to the list it counts
            agencies_stat.get_by_role("link").click()
            page.wait_for_url(f"{live_server.url}/agencies/")
            assert page.locator("[data-testid=page-title]").inner_text() == "Cơ quan, đơn vị"
            assert page.locator("[data-testid=agency-row]").count() == agency_count
            assert sidebar.locator("[aria-current=page]").inner_text() == "Cơ quan, đơn vị"
            assert page.locator("[data-testid=breadcrumbs] li").all_inner_texts() == [
                "Trang chủ",
                "Cơ quan, đơn vị",
            ]

            # the sidebar and the breadcrumbs lead on and back
            sidebar.get_by_role("link", name="Đơn vị hành chính").click()
            page.wait_for_url(f"{live_server.url}/units/")
            page.fill("#bd-q", "ha tay")
            page.keyboard.press("Enter")
            result = page.locator("[data-testid=unit-result]", has_text="Xã Hà Tây")
            result.click()
            expect(page.locator("[data-testid=page-title]")).to_have_text("Xã Hà Tây")
            assert page.locator("[data-testid=villages] li").count() == 4
            page.locator("[data-testid=breadcrumbs]").get_by_role("link", name="Trang chủ").click()
            page.wait_for_url(f"{live_server.url}/")
            assert page.locator("[data-testid=unit-name]").inner_text() == "Xã Hà Tây"

            # log out from the user menu
            page.locator("[data-testid=user-menu-button]").click()
            page.locator("[data-testid=logout]").click()
            page.wait_for_url(f"{live_server.url}/login/")
            page.goto(f"{live_server.url}/agencies/")
            assert page.url.startswith(f"{live_server.url}/login/")
        finally:
            browser.close()
