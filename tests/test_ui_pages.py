"""The interface without a browser: what each persona's pages show, the rules every
template keeps (no inline script or style under the CSP, icons that exist, stacked-table
labels), filters kept by sorting and pagination, and the first-load budget."""

from __future__ import annotations

import ast
import gzip
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles import finders

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_DIRS = [ROOT / "binhdang" / "templates", *sorted((ROOT / "apps").glob("*/templates"))]
VENDOR = ROOT / "binhdang" / "static" / "vendor"
FIRST_LOAD_BUDGET = 400 * 1024  # bytes, HTML + CSS + JS, compressed (issue 8)


def all_templates() -> list[Path]:
    return sorted(p for d in TEMPLATE_DIRS for p in d.rglob("*.html"))


class Page(HTMLParser):
    """The parts of a page these tests read."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []
        self.inline_scripts = 0
        self.links: list[str] = []
        self.cells: list[dict[str, str | None]] = []
        self.testids: dict[str, list[str]] = {}
        self._open_testids: list[tuple[str, int]] = []
        self._depth = 0
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "stylesheet":
            self.stylesheets.append(a["href"] or "")
        if tag == "script":
            if a.get("src"):
                self.scripts.append(a["src"])
            self._in_script = True
        if tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")
        if tag == "td":
            self.cells.append(a)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts += 1


def text_of(response: Any) -> str:
    """The visible text of a page, whitespace collapsed."""
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# ---------------------------------------------------------------- rules for every template


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
STYLE_ATTRIBUTE = re.compile(r"""\sstyle\s*=\s*["']""", re.I)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.I)
EVENT_HANDLER = re.compile(r"""\son[a-z]+\s*=\s*["']""", re.I)
JS_URL = re.compile(r"""href\s*=\s*["']\s*javascript:""", re.I)


@pytest.mark.parametrize("template", all_templates(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_inline_script_or_style_in_any_template(template: Path) -> None:
    source = template.read_text(encoding="utf-8")
    source = re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}", "", source, flags=re.S)
    for rule in (INLINE_SCRIPT, STYLE_ATTRIBUTE, STYLE_ELEMENT, EVENT_HANDLER, JS_URL):
        assert not rule.search(source), f"{rule.pattern} in {template.name}"


def sprite_icons() -> set[str]:
    return set(
        re.findall(r'<symbol[^>]*\bid="([^"]+)"', (VENDOR / "bootstrap-icons" / "icons.svg").read_text())
    )


def icons_in_navigation() -> set[str]:
    """The `icon` of every NavItem(...) written in binhdang/navigation.py."""
    from binhdang import navigation

    tree = ast.parse(Path(navigation.__file__).read_text())
    icons = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "NavItem":
            args = [*node.args[3:4], *(k.value for k in node.keywords if k.arg == "icon")]
            icons |= {a.value for a in args if isinstance(a, ast.Constant)}
    return icons


INCLUDE = re.compile(r"{%\s*include\s+\"components/([a-z_]+)\.html\"\s+with\s+(.*?)%}", re.S)
ICON_ARGUMENT = re.compile(r'\b(?:icon|action_icon|empty_icon)="([a-z0-9-]+)"')
ICON_NAME = re.compile(r'\bname="([a-z0-9-]+)"')


def test_every_icon_the_templates_and_the_sidebar_name_is_in_the_sprite() -> None:
    used = icons_in_navigation()
    for template in all_templates():
        for component, arguments in INCLUDE.findall(template.read_text(encoding="utf-8")):
            used |= set((ICON_NAME if component == "icon" else ICON_ARGUMENT).findall(arguments))
    assert {"house", "building", "pencil"} <= used, "the patterns above no longer find the icons"
    assert used <= sprite_icons(), f"missing from icons.txt (run make vendor): {used - sprite_icons()}"


def test_vendored_libraries_are_pinned_with_licences() -> None:
    script = (ROOT / "scripts" / "vendor.sh").read_text()
    readme = (VENDOR / "README.md").read_text()
    pins = re.findall(r'"([a-z.-]+)@(\d+\.\d+\.\d+) (sha512-\S+)"', script)
    assert {name for name, _v, _i in pins} == {"bootstrap", "bootstrap-icons", "htmx.org", "chart.js"}
    for name, version, integrity in pins:
        assert f"| {name} | {version} |" in readme
        assert integrity in readme
    for folder in ("bootstrap", "bootstrap-icons", "htmx", "chart.js"):
        assert list((VENDOR / folder).glob("LICENSE*")), folder
    # no source-map comment pointing at a file that is not shipped (the manifest storage would fail)
    for asset in VENDOR.rglob("*.min.*"):
        assert "sourceMappingURL" not in asset.read_text(encoding="utf-8"), asset


# ---------------------------------------------------------------- what each persona sees


def sidebar_keys(response: Any) -> list[str]:
    return re.findall(r'data-testid="nav-([a-z]+)"', response.content.decode())


@pytest.mark.parametrize(
    ("persona", "shown", "hidden"),
    [
        ("owner", {"home", "agencies", "units", "reports", "dashboards", "indicators"}, {"audit"}),
        ("focal", {"home", "agencies", "units", "reports", "dashboards", "indicators"}, {"audit"}),
        ("leader", {"home", "agencies", "units", "audit", "reports", "dashboards", "indicators"}, set()),
        # figures of the unit's reports are not the case worker's to read
        ("caseworker", {"home", "agencies", "units", "indicators"}, {"audit", "reports", "dashboards"}),
        ("province", {"home", "units", "reports", "dashboards", "indicators"}, {"agencies", "audit"}),
    ],
)
def test_the_sidebar_shows_only_what_the_role_may_use(
    demo: Any, persona: str, shown: set[str], hidden: set[str]
) -> None:
    response = demo.client(persona).get("/")
    assert response.status_code == 200
    keys = sidebar_keys(response)
    assert keys[0] == "home"
    assert shown <= set(keys)
    assert not hidden & set(keys)
    assert "soon" not in response.content.decode()  # no greyed placeholders


def test_the_commune_dashboard_counts_and_links_what_exists(demo: Any) -> None:
    response = demo.client("owner").get("/")
    html = response.content.decode()
    page = Page(html)
    agencies = demo.commune.agencies.filter(is_active=True).count()
    assert re.search(rf'data-testid="stat-agencies".*?bd-stat-value">{agencies}<', html, re.S)
    assert re.search(r'data-testid="stat-villages".*?bd-stat-value">4<', html, re.S)
    # four people, although congchuc holds two memberships there
    assert re.search(r'data-testid="stat-people".*?bd-stat-value">4<', html, re.S)
    assert "/agencies/" in page.links
    assert f"/units/{demo.commune.code}/" in page.links
    # set up already: no "first steps"; not a leader: no audit log
    assert 'data-testid="first-steps"' not in html
    assert 'data-testid="recent-changes"' not in html
    # the role once on the page (the position equals the role's name and is not repeated)
    assert text_of(response).count("Công chức Văn hóa - Xã hội") == 1 + 1  # the badge + the user menu


def test_the_leader_sees_the_recent_changes_of_the_commune(demo: Any) -> None:
    client = demo.client("owner")
    client.post(f"/agencies/{demo.agency.pk}/deactivate/")
    response = demo.client("leader").get("/")
    html = response.content.decode()
    assert 'data-testid="recent-changes"' in html
    section = html.split('data-testid="recent-changes"', 1)[1]
    assert "Hội Liên hiệp Phụ nữ xã Hà Tây" in section
    assert "Nguyễn Thị Lan" in section  # who did it


def test_a_commune_without_agencies_or_villages_is_told_what_to_do_first(demo: Any) -> None:
    demo.other_commune.agencies.update(is_active=False)
    demo.other_commune.children.update(is_active=False)
    response = demo.client("outsider").get("/")
    html = response.content.decode()
    assert 'data-testid="first-steps"' in html
    steps = html.split('data-testid="first-steps"', 1)[1]
    assert 'href="/agencies/new/"' in steps
    assert 'href="/villages/new/"' in steps


def test_the_province_home_lists_its_communes_with_their_status(demo: Any) -> None:
    response = demo.client("province").get("/")
    html = response.content.decode()
    rows = re.findall(r'<tr data-testid="commune-row">(.*?)</tr>', html, re.S)
    assert len(rows) == 25  # a page of them
    total = demo.province.children.filter(level="commune", is_active=True).count()
    assert re.search(rf'data-testid="stat-communes".*?bd-stat-value">{total}<', html, re.S)
    assert re.search(r'data-testid="stat-started".*?bd-stat-value">2<', html, re.S)  # Hà Tây, Tiên Lãng
    # Hà Tây: found by searching, with its people, agencies and villages
    found = demo.client("province").get("/?q=ha+tay").content.decode()
    row = re.search(r'<tr data-testid="commune-row">(.*?Xã Hà Tây.*?)</tr>', found, re.S)
    assert row is not None
    cells = [
        re.sub(r"<[^>]+>|\s+", " ", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)
    ]
    agencies = demo.commune.agencies.filter(is_active=True).count()
    assert cells == ["Xã Hà Tây", "Đang làm việc", "4", str(agencies), "4"]


def test_sorting_and_pagination_keep_every_filter(demo: Any) -> None:
    client = demo.client("province")
    html = client.get("/?q=an&sort=-people").content.decode()
    page = Page(html)
    next_links = [link for link in page.links if "page=2" in link]
    assert next_links, "the search for 'an' should fill more than one page"
    assert all("q=an" in link and "sort=-people" in link for link in next_links)
    # a column header sorts and keeps the search, dropping the page number
    sort_links = [link for link in page.links if "sort=agencies" in link]
    assert sort_links and all("q=an" in link and "page=" not in link for link in sort_links)
    # sorted by people, most first
    people = [int(n) for n in re.findall(r'data-label="(?:People|Người dùng)">(\d+)</td>', html)]
    assert len(people) == 25
    assert people == sorted(people, reverse=True)


def test_an_unknown_sort_key_falls_back_to_the_default_order(demo: Any) -> None:
    response = demo.client("province").get("/?sort=-password")
    assert response.status_code == 200
    names = re.findall(
        r'<tr data-testid="commune-row">\s*<td[^>]*><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )
    from core.text import fold

    assert [fold(n) for n in names] == sorted(fold(n) for n in names)


def test_table_cells_carry_labels_for_the_stacked_phone_layout(demo: Any) -> None:
    for persona, url in (("owner", "/agencies/"), ("province", "/"), ("owner", "/units/?q=hoa")):
        page = Page(demo.client(persona).get(url).content.decode())
        assert page.cells, url
        unlabelled = [
            c for c in page.cells if not c.get("data-label") and "bd-actions" not in (c.get("class") or "")
        ]
        assert unlabelled == [], url


def test_status_and_action_use_different_words(demo: Any) -> None:
    demo.client("owner").post(f"/agencies/{demo.agency.pk}/deactivate/")
    text = text_of(demo.client("owner").get("/agencies/"))
    assert "Không còn sử dụng" in text  # the status of the stopped agency
    assert "Ngừng sử dụng…" in text  # the action on the others
    assert " Ngừng sử dụng " not in text.replace("Ngừng sử dụng…", "")


def test_unit_levels_roles_and_labels_in_english(demo: Any) -> None:
    client = demo.client("owner")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/")
    text = text_of(response)
    assert '<html lang="en">' in response.content.decode()
    assert "Commune culture-social officer" in text
    assert "agencies in use" in text
    assert "Trang chủ" not in text and "Home" in text


def test_search_results_link_to_their_unit(demo: Any) -> None:
    page = Page(demo.client("owner").get("/units/?q=ha+tay").content.decode())
    assert f"/units/{demo.commune.code}/" in page.links


# ---------------------------------------------------------------- first load


def test_the_first_page_load_stays_under_400_kb_compressed(demo: Any) -> None:
    """HTML + CSS + JS of the home page, each gzip-compressed as WhiteNoise serves them."""
    response = demo.client("owner").get("/")
    page = Page(response.content.decode())
    assert page.inline_scripts == 0
    assets = page.stylesheets + page.scripts
    assert any("bootstrap.min.css" in a for a in assets) and any("htmx.min.js" in a for a in assets)
    assert not any("chart" in a for a in assets)  # Chart.js only on pages that draw charts
    total = len(gzip.compress(response.content, 9))
    for url in assets:
        path = finders.find(url.split("/static/", 1)[1])
        assert path, url
        total += len(gzip.compress(Path(path).read_bytes(), 9))
    assert total < FIRST_LOAD_BUDGET, f"{total / 1024:.0f} KB"


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/indicators/catalogue/", "indicators"),
        ("/indicators/catalogue/BD-C02/", "indicators"),
        ("/indicators/reports/", "reports"),
        ("/reports/", "dashboards"),
    ],
)
def test_the_sidebar_marks_the_area_of_a_reporting_page(demo: Any, path: str, current: str) -> None:
    html = demo.client("owner").get(path).content.decode()
    marked = re.findall(r'aria-current="page" data-testid="nav-([a-z]+)"', html)
    assert marked == [current]


def test_every_message_of_the_interface_has_its_vietnamese() -> None:
    """No empty or fuzzy entry in the catalogue: a fuzzy one is not compiled, so the
    page would show English to a Vietnamese officer."""
    po = (Path(__file__).resolve().parent.parent / "locale" / "vi" / "LC_MESSAGES" / "django.po").read_text(
        encoding="utf-8"
    )
    missing = []
    for block in po.split("\n\n")[1:]:
        ids = re.findall(r'^msgid "(.*)"', block, re.M)
        strings = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block, re.M)
        texts = ["".join(re.findall(r'"((?:[^"\\]|\\.)*)"', s)) for s in strings]
        if ids and ("#, fuzzy" in block or not all(texts)):
            missing.append(block.splitlines()[-1][:80])
    assert missing == []
