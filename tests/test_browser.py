"""A real browser (Debian's chromium driven by Playwright) logs in as congchuc."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"

pytestmark = pytest.mark.browser


@pytest.fixture
def output_dir(request: Any) -> Path:
    path = Path(__file__).resolve().parent.parent / "test-results" / request.node.name
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_congchuc_logs_in_and_sees_the_home_page(
    transactional_db: Any, live_server: Any, settings: Any, output_dir: Path, monkeypatch: Any
) -> None:
    from playwright.sync_api import sync_playwright

    from apps.accounts.demo import DEMO_PASSWORD, load_demo

    # Playwright's sync API runs an event loop in this thread; the ORM calls here happen
    # before it starts, so Django's async-safety guard can be relaxed for this test.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.DEBUG = True
    load_demo()
    settings.DEBUG = False

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
            page = browser.new_page(locale="vi-VN")
            page.goto(f"{live_server.url}/")
            assert page.locator("h1").inner_text() == "Đăng nhập"
            page.fill("#id_username", "congchuc")
            page.fill("#id_password", DEMO_PASSWORD)
            page.click("button[type=submit] >> text=Đăng nhập")
            page.wait_for_selector("[data-testid=unit-name]")
            assert page.locator("[data-testid=unit-name]").inner_text() == "Xã Hà Tây"
            assert page.locator("[data-testid=role]").inner_text() == "Công chức Văn hóa - Xã hội"
            assert "Thành phố Hải Phòng" in page.content()
            page.screenshot(path=str(output_dir / "home-congchuc.png"), full_page=True)
        finally:
            browser.close()
    assert (output_dir / "home-congchuc.png").stat().st_size > 0
