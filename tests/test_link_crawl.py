"""No page shows a link or a button its reader cannot use.

For every demo persona (and congchuc's second membership, as case worker), a test client
starts at the home page and walks the site breadth-first, as a reader clicking everything
would:

* every same-site ``<a href>`` (and ``hx-get``) is fetched with GET, and so is every GET
  form, filled with what it holds before anyone types (hidden fields, selected options,
  checked boxes). A redirect is followed as if it were a link of the same page.
* every POST form (and ``hx-post``) is *probed*: the form's own default fields (what a
  click on its button sends before anything is typed) are posted to its action inside a
  database transaction that is rolled back afterwards, and the client's cookies are put
  back as they were. That is honest — the view runs its real permission check, on the real
  object, for this reader — and changes nothing: every row it writes (the audit record of
  a refusal included) is undone, ``on_commit`` side effects never run inside a test's
  transaction, and no file is uploaded because no file field has a default. A refusal is
  a 403 (or a 404 for another unit's object), whatever the form's validation would say.
* downloads (anything that is not an HTML page: ``.ics`` feeds, DOCX, XLSX, PDF, photos)
  are only checked for their status; ``/static/``, log-out and other sites are skipped.

A reader must never meet 403, 404, 405 or a server error, nor be sent to the log-in page.
The walk is bounded by a page budget and by a few distinct addresses per URL pattern
(calendar months and pages of a list go on forever), so it takes seconds, not minutes.

The failure lists one line per bad link: persona, the page that shows it, the link, its
words, what it answered. The walk data is the whole demo (`make run`'s): the demo users
of the ``demo`` fixture and every app's demo loader (plans, work, activities, reports).
"""

from __future__ import annotations

import collections
import copy
import dataclasses
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urldefrag, urlencode, urljoin, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve

from apps.access.scope import SESSION_KEY

PERSONAS = ("congchuc", "congchuc:case_worker", "daumoi", "lanhdao", "sonoivu", "hotro", "ngoai")
PAGE_BUDGET = 400  # GET requests per persona
PER_PATTERN = 5  # distinct addresses fetched per URL pattern (one task page shows what the others do)
PROBE_BUDGET = 150  # POST probes per persona
SKIP_PREFIXES = ("/static/", "/media/", "/logout/", "/admin/logout/")
BAD_STATUSES = {403: "403 refused", 404: "404 not found", 405: "405 method not allowed"}
BASE = "http://testserver"


@dataclasses.dataclass(frozen=True)
class Link:
    method: str  # GET or POST
    url: str  # path?query, same site
    text: str  # the words a reader sees on it
    data: tuple[tuple[str, str], ...] = ()  # a form's default fields


class _Page(HTMLParser):
    """The links, GET forms and POST forms of one HTML page."""

    def __init__(self, page_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.links: list[Link] = []
        self._text_of: list[Any] = []  # open <a>/<button>: [kind, url, words]
        self._form: dict[str, Any] | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a":
            self._text_of.append(["a", a.get("href"), a.get("aria-label", "") + a.get("title", "")])
            if a.get("hx-get"):
                self.links.append(Link("GET", a["hx-get"], "hx-get"))
            if a.get("hx-post"):
                self.links.append(Link("POST", a["hx-post"], "hx-post"))
        elif tag == "form":
            method = (a.get("method") or "get").upper()
            self._form = {
                "method": method,
                "action": a.get("action") or self.page_url,
                "data": [],
                "text": "",
            }
            if a.get("hx-post"):
                self._form["method"], self._form["action"] = "POST", a["hx-post"]
        elif tag in {"input", "button", "select", "textarea", "option"}:
            self._field(tag, a)
        elif tag == "div" and a.get("hx-get"):
            self.links.append(Link("GET", a["hx-get"], "hx-get"))

    def _field(self, tag: str, a: dict[str, str]) -> None:
        form = self._form
        if tag == "button" or (tag == "input" and a.get("type") == "submit"):
            self._text_of.append(
                ["button", a.get("formaction"), a.get("aria-label", "") + a.get("value", "")]
            )
            if a.get("formaction") and form is not None:
                data = [*form["data"], *([(a["name"], a.get("value", ""))] if a.get("name") else [])]
                self.links.append(Link(form["method"], a["formaction"], "formaction", tuple(data)))
            return
        if form is None:
            return
        if tag == "select":
            self._select, self._select_first, self._select_chosen = a.get("name"), None, False
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in a and not self._select_chosen:
                form["data"].append((self._select, value))
                self._select_chosen = True
        elif tag == "textarea" and a.get("name"):
            form["data"].append((a["name"], ""))
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            if kind in {"file", "image", "reset"}:
                return
            form["data"].append((a["name"], a.get("value", "on" if kind in {"checkbox", "radio"} else "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._form is not None and self._select:
            if not self._select_chosen and self._select_first is not None:
                self._form["data"].append((self._select, self._select_first))
            self._select = None
        elif tag in {"a", "button"} and self._text_of:
            kind, url, words = self._text_of.pop()
            words = " ".join(words.split())[:60]
            if kind == "a" and url:
                self.links.append(Link("GET", url, words))
            elif kind == "button" and self._form is not None and not self._form["text"]:
                self._form["text"] = words
        elif tag == "form" and self._form is not None:
            form, self._form = self._form, None
            self.links.append(
                Link(form["method"], form["action"], form["text"] or "(form)", tuple(form["data"]))
            )

    def handle_data(self, data: str) -> None:
        for open_tag in self._text_of:
            open_tag[2] += " " + data


def _same_site(page_url: str, link: Link) -> Link | None:
    """The link as a same-site path?query, or None when it leaves the site or is skipped."""
    raw = link.url.strip()
    if not raw or raw.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    url, _ = urldefrag(urljoin(BASE + page_url, raw))
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != BASE or parts.path.startswith(SKIP_PREFIXES):
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if link.method == "GET" and link.data:
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
        query += [(k, v) for k, v in link.data if k != "csrfmiddlewaretoken" and v != ""]
        path = parts.path + (f"?{urlencode(query)}" if query else "")
        return Link("GET", path, link.text)
    return dataclasses.replace(link, url=path)


def _pattern(path: str) -> str:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return path
    return match.view_name or match.route


@dataclasses.dataclass
class Walk:
    persona: str
    client: Client
    failures: list[str] = dataclasses.field(default_factory=list)
    fetched: int = 0
    probed: int = 0

    def fail(self, page: str, link: Link, answer: str) -> None:
        self.failures.append(
            f"{self.persona:<22} on {page:<40} {link.method} {link.url}  [{link.text or '-'}] → {answer}"
        )

    def judge(self, page: str, link: Link, response: Any) -> bool:
        """Record a bad answer; True when the answer is fine."""
        status = response.status_code
        if status in BAD_STATUSES or status >= 500:
            answer = BAD_STATUSES.get(status, f"{status} server error")
            exc = getattr(response, "exc_info", None)
            if exc:
                answer += f" ({exc[0].__name__}: {exc[1]})"
            self.fail(page, link, answer)
            return False
        location = response.get("Location", "") if 300 <= status < 400 else ""
        if urlsplit(location).path.startswith("/login/"):
            self.fail(page, link, f"{status} sent to the log-in page")
            return False
        return True

    def probe(self, page: str, link: Link) -> None:
        """POST the form's defaults and undo everything it did (see the module docstring)."""
        cookies = copy.deepcopy(self.client.cookies)
        with transaction.atomic():
            response = self.client.post(link.url, _grouped(link.data))
            transaction.set_rollback(True)
        self.client.cookies = cookies
        self.probed += 1
        self.judge(page, link, response)


def _grouped(data: tuple[tuple[str, str], ...]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = collections.defaultdict(list)
    for key, value in data:
        grouped[key].append(value)
    return grouped


def crawl(persona: str, client: Client) -> Walk:
    walk = Walk(persona, client)
    queue: collections.deque[tuple[str, Link]] = collections.deque([("(start)", Link("GET", "/", "home"))])
    seen: set[tuple[str, str]] = set()
    per_pattern: collections.Counter[tuple[str, str]] = collections.Counter()
    while queue and walk.fetched < PAGE_BUDGET:
        page, link = queue.popleft()
        key = (link.method, link.url)
        if key in seen:
            continue
        seen.add(key)
        pattern = (link.method, _pattern(link.url))
        per_pattern[pattern] += 1
        if per_pattern[pattern] > PER_PATTERN:
            continue
        if link.method == "POST":
            if walk.probed < PROBE_BUDGET:
                walk.probe(page, link)
            continue
        response = client.get(link.url)
        walk.fetched += 1
        if not walk.judge(page, link, response):
            continue
        if 300 <= response.status_code < 400:
            target = _same_site(link.url, Link("GET", response["Location"], f"redirect of {link.url}"))
            if target:
                queue.append((page, target))
            continue
        if not response.get("Content-Type", "").startswith("text/html") or response.streaming:
            continue
        parser = _Page(link.url)
        parser.feed(response.content.decode())
        for found in parser.links:
            target = _same_site(link.url, found)
            if target and (target.method, target.url) not in seen:
                queue.append((link.url, target))
    return walk


@pytest.fixture
def full_demo(demo: Any) -> Any:
    """Every app's demo data, as `make run` loads it: the `demo` fixture's users, then the
    same signal `load_demo()` sends to the apps above accounts (plans, work, activities,
    indicators, reports)."""
    from apps.accounts.demo import SYSTEM, demo_loaded, load_demo

    demo_loaded.send(sender=load_demo, actor=SYSTEM, users=demo.users)
    return demo


def _client(demo: Any, persona: str) -> Client:
    username, _, role = persona.partition(":")
    client = Client(raise_request_exception=False)
    user = demo.users[username]
    client.force_login(user)
    if role:
        membership = user.memberships.get(role=role)
        session = client.session
        session[SESSION_KEY] = membership.pk
        session.save()
    return client


@pytest.mark.slow
@pytest.mark.django_db
def test_every_link_and_button_shown_to_a_persona_opens_for_them(full_demo: Any) -> None:
    walks = [crawl(persona, _client(full_demo, persona)) for persona in PERSONAS]
    failures = [line for walk in walks for line in walk.failures]
    summary = ", ".join(f"{w.persona}: {w.fetched} pages, {w.probed} forms" for w in walks)
    legend = "persona, the page showing it, the link or form (its words) → what it answered"
    assert not failures, "\n".join(
        [f"{len(failures)} links or buttons their reader cannot use ({summary}).", legend, *failures]
    )
    # the walk did reach the pages behind the home page, for everyone
    assert all(walk.fetched >= 20 for walk in walks), summary
