"""Every page, for every persona that may see it, at a desktop and a phone width, in a real
browser (Debian's chromium driven by Playwright): it answers 200, never scrolls sideways,
logs no console error (a Content-Security-Policy violation is one), asks no other host for
anything, and axe-core finds no serious or critical accessibility violation. Screenshots
of each go to test-results/ui/. Then: a keyboard-only walk through the agency list, a
phone user finding and editing an agency through the off-canvas menu, and the component
gallery that docs/ui.md shows."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from core.text import fold

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
WIDTHS = {"desktop": DESKTOP, "phone": PHONE}
SHOTS = Path(__file__).resolve().parent.parent / "test-results" / "ui"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


# ---------------------------------------------------------------- the browser, once per module


@pytest.fixture(scope="module")
def browser(django_db_setup: None) -> Iterator[Any]:
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls of the
    # fixtures happen between its calls, never during one.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        # Inside Playwright's context Django sees fresh connection objects; hand them the
        # serialized unit table, so that each test's flush is followed by a restore.
        serialized = {
            alias: connections[alias]._test_serialized_contents
            for alias in connections
            if hasattr(connections[alias], "_test_serialized_contents")
        }
        with sync_playwright() as p:
            for alias, contents in serialized.items():
                connections[alias]._test_serialized_contents = contents
            chromium = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            try:
                yield chromium
            finally:
                chromium.close()


@dataclass
class Watch:
    """What a page did that it should not: console errors, requests to other hosts."""

    host: str
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def attach(self, page: Any) -> None:
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda exc: self.console_errors.append(f"uncaught: {exc}"))
        page.on("request", self._request)

    def _request(self, request: Any) -> None:
        url = urlsplit(request.url)
        if url.scheme in {"http", "https", "ws", "wss"} and url.netloc != self.host:
            self.foreign_requests.append(request.url)

    def take(self) -> tuple[list[str], list[str]]:
        found = (self.console_errors[:], self.foreign_requests[:])
        self.console_errors.clear()
        self.foreign_requests.clear()
        return found


@pytest.fixture
def open_page(browser: Any, live_server: Any) -> Iterator[Callable[..., tuple[Any, Watch]]]:
    contexts: list[Any] = []

    def _open(viewport: dict[str, int] = DESKTOP, locale: str = "vi-VN") -> tuple[Any, Watch]:
        context = browser.new_context(viewport=viewport, locale=locale)
        contexts.append(context)
        page = context.new_page()
        watch = Watch(urlsplit(live_server.url).netloc)
        watch.attach(page)
        return page, watch

    yield _open
    for context in contexts:
        context.close()


def log_in(page: Any, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{base}/")


# ---------------------------------------------------------------- the checks of one page


def page_problems(page: Any, watch: Watch, name: str, expected_status: int, response: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    problems = []
    # toasts fade in: judge their contrast once they are fully shown, not mid-transition
    # (polled from here: wait_for_function's in-page polling needs eval, which the CSP refuses)
    settled = (
        "[...document.querySelectorAll('.toast.show, .toast.showing')]"
        ".every(t => !t.classList.contains('showing') && getComputedStyle(t).opacity === '1')"
    )
    for _ in range(50):
        if page.evaluate(settled):
            break
        page.wait_for_timeout(100)
    if response is None or response.status != expected_status:
        problems.append(f"{name}: status {response.status if response else None}, expected {expected_status}")
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if scroll > inner:
        problems.append(f"{name}: scrolls sideways ({scroll} px wide in a {inner} px window)")
    results = Axe().run(page)
    for violation in results.response["violations"]:
        if violation["impact"] in {"serious", "critical"}:
            targets = [node["target"] for node in violation["nodes"]][:3]
            problems.append(
                f"{name}: axe {violation['impact']} {violation['id']} ({violation['help']}) at {targets}"
            )
    errors, foreign = watch.take()
    if expected_status != 200:  # the browser reports the page's own error status; nothing else may fail
        errors = [e for e in errors if f"status of {expected_status}" not in e]
    problems += [f"{name}: console error: {e}" for e in errors]
    problems += [f"{name}: request to another host: {u}" for u in foreign]
    return problems


def visit_all(
    page: Any, watch: Watch, base: str, persona: str, pages: list[tuple[str, str, int]]
) -> list[str]:
    """Each page at both widths; returns every problem found (all pages are visited)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for width_name, viewport in WIDTHS.items():
        page.set_viewport_size(viewport)
        for name, path, status in pages:
            response = page.goto(f"{base}{path}")
            page.wait_for_load_state("load")
            problems += page_problems(page, watch, f"{persona} {name} @{width_name}", status, response)
            page.screenshot(path=str(SHOTS / f"{persona}-{name}-{width_name}.png"), full_page=True)
    return problems


# ---------------------------------------------------------------- which pages each persona sees


def pages_for(persona: str, demo: Any) -> list[tuple[str, str, int]]:
    user = demo.user(persona)
    unit = user.memberships.filter(is_active=True).order_by("created_at", "pk").first().unit
    common = [
        ("home", "/", 200),
        ("units", "/units/", 200),
        ("unit-search", "/units/?q=h%C3%B2a", 200),
        ("own-unit", f"/units/{unit.code}/", 200),
        ("password", "/account/password/", 200),
        ("not-found", "/units/no-such-unit/", 404),
    ]
    if persona == "province":
        return [
            *common,
            ("communes-search", "/?q=tien&sort=-agencies", 200),
            ("communes-page-2", "/?sort=name&page=2", 200),
        ]
    commune = [("agencies", "/agencies/", 200), ("agency-search", "/agencies/?q=h%E1%BB%99i", 200)]
    agency = demo.agency if persona != "outsider" else unit.agencies.first()
    manage = [
        ("agency-new", "/agencies/new/", 200),
        ("agency-edit", f"/agencies/{agency.pk}/edit/", 200),
        ("agency-stop", f"/agencies/{agency.pk}/deactivate/", 200),
        ("village-new", "/villages/new/", 200),
    ]
    pages = common + commune
    if persona in {"owner", "leader", "outsider"}:
        pages += manage
    if persona == "leader":
        pages += [("audit", "/audit/", 200)]
    return pages


@pytest.mark.parametrize("persona", ["owner", "focal", "leader", "caseworker", "outsider", "province"])
def test_every_page_of_each_persona_at_both_widths(
    persona: str, demo: Any, demo_password: str, live_server: Any, open_page: Any
) -> None:
    page, watch = open_page()
    log_in(page, live_server.url, demo.user(persona).username, demo_password)
    problems = visit_all(page, watch, live_server.url, persona, pages_for(persona, demo))
    assert problems == [], "\n".join(problems)


def test_pages_before_logging_in(demo: Any, live_server: Any, open_page: Any) -> None:
    page, watch = open_page()
    pages = [("login", "/login/", 200), ("not-found", "/no-such-page/", 404)]
    problems = visit_all(page, watch, live_server.url, "anonymous", pages)
    assert problems == []
    # the English interface too (the second locale)
    page.goto(f"{live_server.url}/login/")
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Log in"
    assert (
        page_problems(page, watch, "anonymous login @en", 200, page.goto(f"{live_server.url}/login/")) == []
    )


# ---------------------------------------------------------------- keyboard only


def press_until_focused(page: Any, selector: str, limit: int = 60) -> None:
    """Tab forward until the element matching `selector` has the focus (as a person would)."""
    target = page.locator(selector)
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} never received the focus by Tab")


def focus_is_visible(page: Any) -> bool:
    """The focused element draws an outline or a focus shadow."""
    return bool(
        page.evaluate(
            """() => { const s = getComputedStyle(document.activeElement);
                return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; }"""
        )
    )


def test_keyboard_only_log_in_open_the_menu_and_stop_using_an_agency(
    demo: Any, demo_password: str, live_server: Any, open_page: Any
) -> None:
    page, watch = open_page(viewport=PHONE)
    page.goto(f"{live_server.url}/login/")
    # the username field has the focus on arrival (once the page has settled); type, Tab, type, Enter
    page.wait_for_function("document.activeElement && document.activeElement.id === 'id_username'")
    page.keyboard.type("congchuc")
    page.keyboard.press("Tab")
    page.keyboard.type(demo_password)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")

    # the first Tab reaches "skip to content", then the menu button of the top bar
    press_until_focused(page, "[data-testid=menu-button]")
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    sidebar = page.locator("#bd-sidebar")
    sidebar.locator("[data-testid=nav-agencies]").wait_for(state="visible")
    press_until_focused(page, "[data-testid=nav-agencies]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/agencies/")

    # reach the "Stop using…" action of the Women's Union row and confirm it in the dialog
    row = page.locator("[data-testid=agency-row]", has_text="Hội Liên hiệp Phụ nữ xã Hà Tây")
    action = row.locator("[data-testid=deactivate]")
    action.evaluate("el => el.setAttribute('data-target', '')")
    press_until_focused(page, "[data-testid=agency-row] [data-target]")
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    dialog = page.locator("#bd-confirm")
    dialog.wait_for(state="visible")
    assert "Hội Liên hiệp Phụ nữ xã Hà Tây" in dialog.inner_text()
    expect(dialog.locator("[data-testid=confirm-ok]")).to_be_focused()
    page.keyboard.press("Enter")

    toast = page.locator("[data-testid=toast]", has_text="Hội Liên hiệp Phụ nữ xã Hà Tây")
    toast.wait_for(state="visible")
    status = (
        page.locator("[data-testid=agency-row]", has_text="Hội Liên hiệp Phụ nữ xã Hà Tây")
        .locator("td")
        .nth(2)
    )
    assert status.inner_text().strip() == "Không còn sử dụng"
    assert page.url == f"{live_server.url}/agencies/"
    demo.agency.refresh_from_db()
    assert demo.agency.is_active is False

    # Undo, by keyboard as well: the toast's button
    press_until_focused(page, "[data-testid=undo]", limit=200)
    page.keyboard.press("Enter")
    page.locator("[data-testid=toast]", has_text="Đã dùng lại").wait_for(state="visible")
    demo.agency.refresh_from_db()
    assert demo.agency.is_active is True
    errors, foreign = watch.take()
    assert (errors, foreign) == ([], [])
    page.screenshot(path=str(SHOTS / "keyboard-after-undo-phone.png"), full_page=True)


def test_cancelling_the_confirmation_changes_nothing(
    demo: Any, demo_password: str, live_server: Any, open_page: Any
) -> None:
    page, _watch = open_page()
    log_in(page, live_server.url, "congchuc", demo_password)
    page.goto(f"{live_server.url}/agencies/")
    row = page.locator("[data-testid=agency-row]", has_text="Hội Liên hiệp Phụ nữ xã Hà Tây")
    row.locator("[data-testid=deactivate]").click()
    expect(page.locator("[data-testid=confirm-ok]")).to_be_focused()
    page.keyboard.press("Escape")
    page.locator("#bd-confirm").wait_for(state="hidden")
    demo.agency.refresh_from_db()
    assert demo.agency.is_active is True


# ---------------------------------------------------------------- a phone user


def test_on_a_phone_open_the_menu_in_one_tap_find_an_agency_and_edit_it(
    demo: Any, demo_password: str, live_server: Any, open_page: Any
) -> None:
    page, watch = open_page(viewport=PHONE)
    log_in(page, live_server.url, "congchuc", demo_password)
    topbar = page.locator("[data-testid=topbar]").bounding_box()
    assert topbar is not None and topbar["height"] <= 64  # one row
    assert not page.locator("[data-testid=nav-agencies]").is_visible()  # the sidebar is off-canvas
    page.locator("[data-testid=menu-button]").click()
    page.locator("#bd-sidebar.show:not(.showing)").wait_for()  # slid in
    page.screenshot(path=str(SHOTS / "phone-menu-open.png"))
    page.locator("[data-testid=nav-agencies]").click()
    page.wait_for_url(f"{live_server.url}/agencies/")
    page.fill("#bd-q", "phu nu")
    page.locator("[data-testid=filter-bar] button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/agencies/\?q=phu\+nu"))
    rows = page.locator("[data-testid=agency-row]")
    assert rows.count() == 1
    rows.first.locator("[data-testid=edit]").click()
    page.fill("#id_name", "Hội Liên hiệp Phụ nữ xã Hà Tây (mới)")
    page.locator("[data-testid=save]").click()
    page.wait_for_url(f"{live_server.url}/agencies/")
    page.locator("[data-testid=toast]").first.wait_for(state="visible")
    assert page.locator("[data-testid=agency-row]", has_text="(mới)").count() == 1
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner
    assert watch.take() == ([], [])
    page.screenshot(path=str(SHOTS / "phone-agency-edited.png"), full_page=True)


def test_switching_the_active_membership_from_the_user_menu(
    demo: Any, demo_password: str, live_server: Any, open_page: Any
) -> None:
    page, watch = open_page()
    log_in(page, live_server.url, "congchuc", demo_password)
    assert page.locator("[data-testid=role]").inner_text() == "Công chức Văn hóa - Xã hội"
    page.locator("[data-testid=user-menu-button]").click()
    page.locator("[data-testid=switch-membership]").click()
    page.wait_for_load_state("load")
    assert page.locator("[data-testid=role]").inner_text() == "Người hỗ trợ vụ việc"
    assert page.locator("[data-testid=toast]").first.is_visible()
    assert watch.take() == ([], [])


def test_sorting_and_pages_keep_the_search_of_the_province_communes(
    demo: Any, demo_password: str, live_server: Any, open_page: Any
) -> None:
    page, _watch = open_page()
    log_in(page, live_server.url, "sonoivu", demo_password)
    page.fill("#bd-q", "an")
    page.locator("[data-testid=filter-bar] button[type=submit]").click()
    page.wait_for_url(re.compile(r".*\?q=an"))
    page.locator("[data-testid=sort-name]").click()  # name is the default: now Z to A
    page.wait_for_url(re.compile(r".*q=an.*sort=-name"))
    names = [fold(n) for n in page.locator("[data-testid=commune-row] td:first-child").all_inner_texts()]
    assert len(names) > 1
    assert all("an" in n for n in names)
    assert names == sorted(names, reverse=True)
    assert page.locator("th[aria-sort=descending]").count() == 1
    page.locator("[data-testid=page-next]").click()
    page.wait_for_url(re.compile(r".*q=an.*sort=-name.*page=2"))
    assert page.locator("#bd-q").input_value() == "an"
    page_2 = [fold(n) for n in page.locator("[data-testid=commune-row] td:first-child").all_inner_texts()]
    assert page_2 and all("an" in n for n in page_2) and page_2[0] <= names[-1]


# ---------------------------------------------------------------- the component gallery


@dataclass
class SampleMessage:
    text: str
    level_tag: str
    extra_tags: str = ""

    def __str__(self) -> str:
        return self.text


def test_component_gallery_for_the_docs(demo: Any, live_server: Any, open_page: Any) -> None:
    """components/gallery.html shows each component with sample data; docs/ui.md uses
    these screenshots (test-results/ui/gallery-*.png, copied to docs/ui/)."""
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from apps.geo.forms import AgencyForm

    request = RequestFactory().get("/ui-gallery/?q=h%E1%BB%99i&sort=name")
    request.user = demo.user("owner")
    context = {
        "page": Paginator(demo.commune.agencies.order_by("name"), 4).get_page(1),
        "empty_page": Paginator(demo.commune.agencies.none(), 4).get_page(1),
        "form": AgencyForm(data={"name": "", "kind": "office"}),
        "messages": [
            SampleMessage("Đã lưu.", "success"),
            SampleMessage("Đã ngừng sử dụng “Trạm Y tế”.", "success", f"undo:{demo.agency.pk}"),
        ],
        "can_manage": True,
    }
    html = render_to_string("components/gallery.html", context, request=request)
    page, watch = open_page()
    page.route(
        f"{live_server.url}/ui-gallery/**", lambda route: route.fulfill(body=html, content_type="text/html")
    )
    problems = []
    for width_name, viewport in WIDTHS.items():
        page.set_viewport_size(viewport)
        response = page.goto(f"{live_server.url}/ui-gallery/?q=h%E1%BB%99i&sort=name")
        problems += page_problems(page, watch, f"gallery @{width_name}", 200, response)
        for section in page.locator("[data-gallery]").all():
            name = section.get_attribute("data-gallery")
            section.screenshot(path=str(SHOTS / f"gallery-{name}-{width_name}.png"))
    assert problems == []
    # the confirmation dialog and a toast, opened
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/ui-gallery/?q=h%E1%BB%99i&sort=name")
    page.locator("[data-testid=gallery-confirm]").click()
    page.locator("#bd-confirm").wait_for(state="visible")
    expect(page.locator("[data-testid=confirm-ok]")).to_be_focused()
    assert "Hà Tây" in page.locator("#bd-confirm [data-bd-confirm-question]").inner_text()
    page.screenshot(path=str(SHOTS / "gallery-confirm-desktop.png"))


def test_on_a_phone_the_top_bar_has_one_menu_icon_and_a_logo_that_does_not_look_like_one(
    demo: Any, demo_password: str, live_server: Any, open_page: Any
) -> None:
    """The brand mark was two white bars on the red bar, beside the menu's three: two "≡"
    side by side. It is a white tile now; the menu button stays the only bare "≡" and the
    account menu is a person."""
    import io

    from PIL import Image, ImageStat

    page, _ = open_page(viewport=PHONE)
    log_in(page, live_server.url, "congchuc", demo_password)
    page.screenshot(path=str(SHOTS / "phone-topbar.png"), clip={"x": 0, "y": 0, "width": 390, "height": 64})

    def brightness(selector: str) -> float:
        shot = page.locator(selector).screenshot()
        return float(ImageStat.Stat(Image.open(io.BytesIO(shot)).convert("L")).mean[0])

    menu, mark = brightness("[data-testid=menu-button] svg"), brightness("[data-testid=brand-mark]")
    assert menu < 128 < mark, (menu, mark)  # thin white lines on red, against a white tile
    user_menu = page.locator("[data-testid=user-menu-button]")
    assert user_menu.locator("use[href$='#person-circle']").count() == 1
    assert page.locator("[data-testid=topbar] use[href$='#list']").count() == 1  # one "≡"
