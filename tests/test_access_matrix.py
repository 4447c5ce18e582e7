"""Every URL pattern × persona × method → expected status. A pattern without an entry,
named or not, fails the suite, so a new page cannot ship without deciding who may use
it; POSTs carry a valid CSRF token, so a refusal is the view's own decision."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from django.middleware.csrf import _get_new_csrf_string  # type: ignore[attr-defined]
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests import matrix_indicators, matrix_interchange, matrix_reports
from tests.matrix_shapes import ALL, LOGIN, PERSONAS, S

Args = Callable[[Any], dict[str, Any]]


def none(demo: Any) -> dict[str, Any]:
    return {}


def hatay(demo: Any) -> dict[str, Any]:
    return {"code": demo.commune.code}


def hatay_village(demo: Any) -> dict[str, Any]:
    return {"code": demo.commune.children.order_by("code").first().code}


def hatay_agency(demo: Any) -> dict[str, Any]:
    return {"pk": demo.agency.pk}


def agency_data(demo: Any) -> dict[str, Any]:
    return {"name": "Tổ công tác ma trận", "kind": "committee"}


def village_data(demo: Any) -> dict[str, Any]:
    return {"name": "Thôn Ma Trận", "division_type": "thôn"}


def congchuc_second_membership(demo: Any) -> dict[str, Any]:
    # only congchuc may switch to her own second membership; anyone else is refused
    return {"membership": demo.user("owner").memberships.get(role="case_worker").pk, "next": "/"}


def empty(demo: Any) -> dict[str, Any]:
    return {}


def city_plan(world: Any) -> dict[str, Any]:
    return {"pk": world.city.pk}


def draft_plan(world: Any) -> dict[str, Any]:
    return {"pk": world.draft.pk}


def issued_plan(world: Any) -> dict[str, Any]:
    return {"pk": world.issued.pk}


def draft_version_1(world: Any) -> dict[str, Any]:
    return {"pk": world.draft.pk, "revision": 1}


def upload(world: Any) -> dict[str, Any]:
    return {"pk": world.upload.pk}


def new_plan_data(world: Any) -> dict[str, Any]:
    return {"title": "Kế hoạch ma trận", "year": 2030, "copy_from": ""}


def draft_revision(world: Any) -> dict[str, Any]:
    return {"revision": world.draft.revision}


def return_data(world: Any) -> dict[str, Any]:
    return {"return-revision": world.draft.revision, "return-comment": "Bổ sung thời hạn"}


def issued_revision(world: Any) -> dict[str, Any]:
    return {"revision": world.issued.revision}


def work_task(world: Any) -> dict[str, Any]:
    return {"pk": world.task.pk}


def other_agency_task(world: Any) -> dict[str, Any]:
    return {"pk": world.other_task.pk}


def work_evidence(world: Any) -> dict[str, Any]:
    return {"pk": world.evidence.pk}


def feed_token(world: Any) -> dict[str, Any]:
    return {"token": world.feed_token}


def reminder_days(world: Any) -> dict[str, Any]:
    return {"days": "7, 2"}


def new_task_data(world: Any) -> dict[str, Any]:
    return {"title": "Việc ma trận", "end": "2026-12-31", "recurrence": "once"}


def assign_data(world: Any) -> dict[str, Any]:
    return {"lead": world.demo.agency.pk, "end": "2026-12-20"}


def progress_data(world: Any) -> dict[str, Any]:
    return {"status": "in_progress", "percent": "60", "note": "ma trận"}


def activity(world: Any) -> dict[str, Any]:
    return {"pk": world.activity.pk}


def activity_photo(world: Any) -> dict[str, Any]:
    return {"pk": world.photo.pk}


def activity_data(world: Any) -> dict[str, Any]:
    return world.form_data()  # organised by the focal person's agency in Hà Tây


PDF = 404 if shutil.which("soffice") is None else 200  # without LibreOffice: no PDF, not found

# key (URL name, or route when unnamed; "#variant" for a second object) ->
#   (kwargs, GET statuses, POST data, POST statuses)
Entry = tuple[Args, dict[str, int], Args, dict[str, int]]
MATRIX: dict[str, Entry] = {
    "home": (none, ALL(LOGIN, 200), empty, ALL(LOGIN, 405)),
    # a signed-in user asking for the log-in page goes home
    "login": (none, ALL(200, 302), empty, ALL(200, 302)),
    "logout": (none, ALL(405, 405), empty, ALL(302, 302)),
    "password_change": (none, ALL(LOGIN, 200), empty, ALL(LOGIN, 200)),
    "switch_membership": (
        none,
        ALL(LOGIN, 405),
        congchuc_second_membership,
        S(LOGIN, 302, 403, 403, 403, 403, 403),
    ),
    "audit_log": (none, S(LOGIN, 403, 403, 200, 403, 403, 403), empty, ALL(LOGIN, 405)),
    "healthz": (none, ALL(200, 200), empty, ALL(405, 405)),
    "set_language": (none, ALL(302, 302), empty, ALL(302, 302)),
    "geo:unit_search": (none, ALL(LOGIN, 200), empty, ALL(LOGIN, 405)),
    # provinces and communes are public reference data for signed-in users ...
    "geo:unit_detail": (hatay, ALL(LOGIN, 200), empty, ALL(LOGIN, 405)),
    # ... a commune's villages are its own (and its province's)
    "geo:unit_detail#village": (
        hatay_village,
        S(LOGIN, 200, 200, 200, 200, 404, 200),
        empty,
        ALL(LOGIN, 405),
    ),
    # agency pages work on the user's own commune; a province officer has none
    "geo:agency_list": (none, S(LOGIN, 200, 200, 200, 200, 200, 404), empty, ALL(LOGIN, 405)),
    "geo:agency_create": (
        none,
        S(LOGIN, 200, 403, 200, 403, 200, 404),
        agency_data,
        S(LOGIN, 302, 403, 302, 403, 302, 404),
    ),
    "geo:agency_edit": (
        hatay_agency,
        S(LOGIN, 200, 403, 200, 403, 404, 403),
        agency_data,
        S(LOGIN, 302, 403, 302, 403, 404, 403),
    ),
    "geo:agency_deactivate": (
        hatay_agency,
        S(LOGIN, 200, 403, 200, 403, 404, 403),
        empty,
        S(LOGIN, 302, 403, 302, 403, 404, 403),
    ),
    "geo:agency_restore": (hatay_agency, ALL(LOGIN, 405), empty, S(LOGIN, 302, 403, 302, 403, 404, 403)),
    "geo:village_create": (
        none,
        S(LOGIN, 200, 403, 200, 403, 200, 404),
        village_data,
        S(LOGIN, 302, 403, 302, 403, 302, 404),
    ),
    # plans: everyone reads their unit's plans and the issued plans above them; the
    # unit's officer and leader write them (the province officer the province's), the
    # leader issues; a province officer reads the communes' plans but never edits them
    "plans:list": (none, ALL(LOGIN, 200), empty, ALL(LOGIN, 405)),
    "plans:new": (
        none,
        S(LOGIN, 200, 403, 200, 403, 200, 200),
        new_plan_data,
        S(LOGIN, 302, 403, 302, 403, 302, 302),
    ),
    "plans:import": (
        none,
        S(LOGIN, 200, 403, 200, 403, 200, 200),
        empty,
        S(LOGIN, 200, 403, 200, 403, 200, 200),
    ),
    "plans:import_review": (
        upload,
        S(LOGIN, 200, 404, 200, 404, 404, 403),
        empty,
        S(LOGIN, 200, 404, 200, 404, 404, 403),
    ),
    "plans:import_progress": (upload, S(LOGIN, 200, 404, 200, 404, 404, 200), empty, ALL(LOGIN, 405)),
    "plans:import_retry": (upload, ALL(LOGIN, 405), empty, S(LOGIN, 302, 404, 302, 404, 404, 403)),
    "plans:mapping": (none, ALL(LOGIN, 200), empty, S(LOGIN, 403, 403, 403, 403, 403, 302)),
    "plans:detail": (draft_plan, S(LOGIN, 200, 200, 200, 200, 404, 200), empty, ALL(LOGIN, 405)),
    "plans:detail#province": (city_plan, ALL(LOGIN, 200), empty, ALL(LOGIN, 405)),
    "plans:edit": (
        draft_plan,
        S(LOGIN, 200, 403, 200, 403, 404, 403),
        empty,
        S(LOGIN, 200, 403, 200, 403, 404, 403),
    ),
    "plans:correct": (
        issued_plan,
        S(LOGIN, 403, 403, 200, 403, 404, 403),
        empty,
        S(LOGIN, 403, 403, 200, 403, 404, 403),
    ),
    "plans:issue": (draft_plan, ALL(LOGIN, 405), draft_revision, S(LOGIN, 403, 403, 302, 403, 404, 403)),
    # the officer (or the leader) sends a draft to the leader; the leader returns it
    "plans:send": (draft_plan, ALL(LOGIN, 405), draft_revision, S(LOGIN, 302, 403, 302, 403, 404, 403)),
    "plans:return": (draft_plan, ALL(LOGIN, 405), return_data, S(LOGIN, 403, 403, 302, 403, 404, 403)),
    "plans:versions": (draft_plan, S(LOGIN, 200, 200, 200, 200, 404, 200), empty, ALL(LOGIN, 405)),
    "plans:restore": (
        draft_version_1,
        ALL(LOGIN, 405),
        draft_revision,
        S(LOGIN, 302, 403, 302, 403, 404, 403),
    ),
    # a commune makes its plan from the province's (a page, then the POST); the province
    # officer is told it cannot
    "plans:derive": (
        city_plan,
        S(LOGIN, 200, 403, 200, 403, 200, 302),
        empty,
        S(LOGIN, 302, 403, 302, 403, 302, 302),
    ),
    "plans:communes": (city_plan, S(LOGIN, 403, 403, 403, 403, 403, 200), empty, ALL(LOGIN, 405)),
    "plans:export_docx": (draft_plan, S(LOGIN, 200, 200, 200, 200, 404, 200), empty, ALL(LOGIN, 405)),
    "plans:export_pdf": (draft_plan, S(LOGIN, PDF, PDF, PDF, PDF, 404, PDF), empty, ALL(LOGIN, 405)),
    "plans:print": (draft_plan, S(LOGIN, 200, 200, 200, 200, 404, 200), empty, ALL(LOGIN, 405)),
    "plans:source": (issued_plan, S(LOGIN, 200, 200, 200, 200, 404, 200), empty, ALL(LOGIN, 405)),
    # work: everyone of the commune (and its province) reads its tasks and evidence; the
    # officer and leader add tasks; the focal persons of the task's agencies and the
    # commune officer report progress; the province reads but never reports
    "work:task_list": (none, ALL(LOGIN, 200), empty, ALL(LOGIN, 405)),
    "work:my_work": (none, ALL(LOGIN, 200), empty, ALL(LOGIN, 405)),
    "work:overview": (none, ALL(LOGIN, 200), empty, ALL(LOGIN, 405)),
    "work:task_new": (
        none,
        S(LOGIN, 200, 403, 200, 403, 200, 403),
        new_task_data,
        S(LOGIN, 302, 403, 302, 403, 302, 403),
    ),
    "work:task_detail": (work_task, S(LOGIN, 200, 200, 200, 200, 404, 200), empty, ALL(LOGIN, 405)),
    # the officer and leader set who does a task and by when (on the task page)
    "work:task_assign": (
        work_task,
        ALL(LOGIN, 405),
        assign_data,
        S(LOGIN, 302, 403, 302, 403, 404, 403),
    ),
    "work:task_progress": (
        work_task,
        S(LOGIN, 200, 200, 403, 403, 404, 403),
        progress_data,
        S(LOGIN, 302, 302, 403, 403, 404, 403),
    ),
    # a focal person reports only on the tasks of their own agency
    "work:task_progress#other_agency": (
        other_agency_task,
        S(LOGIN, 200, 403, 403, 403, 404, 403),
        progress_data,
        S(LOGIN, 302, 403, 403, 403, 404, 403),
    ),
    "work:evidence": (work_evidence, S(LOGIN, 200, 200, 200, 200, 404, 200), empty, ALL(LOGIN, 405)),
    # everyone has a calendar and makes (POST) their own secret address; the feed is read
    # by calendar programs with the token alone (wrong and revoked tokens: test_calendar)
    "work:calendar": (none, ALL(LOGIN, 200), empty, ALL(LOGIN, 405)),
    "work:calendar_feed": (none, ALL(LOGIN, 200), empty, ALL(LOGIN, 200)),
    "work:ical": (feed_token, ALL(200, 200), empty, ALL(405, 405)),
    # each person's own reminders (POST marks them read); the unit's officer and leader
    # choose the reminder days
    "work:reminders": (none, ALL(LOGIN, 200), empty, ALL(LOGIN, 302)),
    "work:reminder_settings": (
        none,
        S(LOGIN, 200, 403, 200, 403, 200, 403),
        reminder_days,
        S(LOGIN, 302, 403, 302, 403, 302, 403),
    ),
    # activities: read like tasks; recorded by the commune officer and the focal persons
    # (an officer of another commune is shown the form again: Hà Tây's agency is not hers)
    "activities:list": (none, ALL(LOGIN, 200), empty, ALL(LOGIN, 405)),
    "activities:new": (
        none,
        S(LOGIN, 200, 200, 403, 403, 200, 403),
        activity_data,
        S(LOGIN, 302, 302, 403, 403, 200, 403),
    ),
    "activities:detail": (activity, S(LOGIN, 200, 200, 200, 200, 404, 200), empty, ALL(LOGIN, 405)),
    "activities:photo": (activity_photo, S(LOGIN, 200, 200, 200, 200, 404, 200), empty, ALL(LOGIN, 405)),
}

# Django's admin has its own staff-only access control, tested in test_admin_is_staff_only.
EXCLUDED_NAMESPACES = {"admin"}


def _patterns(resolver: URLResolver, namespace: str = "", prefix: str = "") -> set[str]:
    keys: set[str] = set()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            child_ns = pattern.namespace or ""
            if child_ns in EXCLUDED_NAMESPACES:
                continue
            keys |= _patterns(pattern, f"{namespace}{child_ns}:" if child_ns else namespace, route)
        elif isinstance(pattern, URLPattern):
            keys.add(f"{namespace}{pattern.name}" if pattern.name else route)
    return keys


# the reporting apps keep their entries beside each other, one module each
for _entries in (matrix_indicators.ENTRIES, matrix_interchange.ENTRIES, matrix_reports.ENTRIES):
    assert not set(_entries) & set(MATRIX)
    MATRIX.update(_entries)


def test_every_url_pattern_has_an_access_entry() -> None:
    assert _patterns(get_resolver()) == {key.split("#")[0] for key in MATRIX}


def _client(demo: Any, persona: str) -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True)
    if persona != "anonymous":
        client.force_login(demo.user(persona))
    token = _get_new_csrf_string()
    client.cookies["csrftoken"] = token
    return client, token


def _world(request: Any, key: str) -> Any:
    """URL arguments come from the demo (geo, accounts), from a few plans (plans), from a
    few tasks (work) or from an activity (activities)."""
    if key.startswith("work:"):
        return request.getfixturevalue("work_world")
    if key.startswith("activities:"):
        return request.getfixturevalue("activity_world")
    if key.startswith(("indicators:", "datavalues:", "reports:")):
        return request.getfixturevalue("report_world")
    return request.getfixturevalue("plan_world" if key.startswith("plans:") else "demo")


@pytest.fixture
def work_world(demo: Any, settings: Any, tmp_path: Any) -> Any:
    from apps.work.tests.world import WorkWorld

    settings.WORK_FILES_DIR = tmp_path / "work"
    return WorkWorld(demo)


@pytest.fixture
def activity_world(demo: Any, settings: Any, tmp_path: Any) -> Any:
    from apps.activities.tests.world import ActivityWorld

    settings.WORK_FILES_DIR = tmp_path / "work"
    return ActivityWorld(demo)


@pytest.fixture
def report_world(demo: Any, settings: Any, tmp_path: Any) -> Any:
    from apps.indicators.tests.world import ReportWorld

    settings.WORK_FILES_DIR = tmp_path / "work"
    return ReportWorld(demo)


def _check(request: Any, demo: Any, key: str, method: str) -> None:
    kwargs_for, get_expected, data_for, post_expected = MATRIX[key]
    world = _world(request, key)
    url = reverse(key.split("#")[0], kwargs=kwargs_for(world))
    expected = get_expected if method == "GET" else post_expected
    wrong = {}
    for persona in PERSONAS:
        # each persona's request is undone afterwards, so the next one meets the same data
        with transaction.atomic():
            client, token = _client(demo, persona)
            if method == "GET":
                response = client.get(url)
            else:
                response = client.post(url, {**data_for(world), "csrfmiddlewaretoken": token})
            transaction.set_rollback(True)
        if response.status_code != expected[persona]:
            wrong[persona] = (response.status_code, expected[persona])
        elif (
            persona == "anonymous"
            and expected[persona] == LOGIN
            and key != "set_language"
            and method == "GET"
        ):
            assert response["Location"].startswith(reverse("login")), key
    assert not wrong, f"{method} {key}: persona -> (got, expected) {wrong}"


@pytest.mark.parametrize("key", sorted(MATRIX))
def test_get(request: Any, demo: Any, key: str) -> None:
    _check(request, demo, key, "GET")


@pytest.mark.parametrize("key", sorted(MATRIX))
def test_post(request: Any, demo: Any, key: str) -> None:
    _check(request, demo, key, "POST")


def test_admin_is_staff_only(demo: Any) -> None:
    response = demo.client("leader").get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
