"""Every URL pattern × persona × method → expected status. A pattern without an entry,
named or not, fails the suite, so a new page cannot ship without deciding who may use
it; POSTs carry a valid CSRF token, so a refusal is the view's own decision."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.middleware.csrf import _get_new_csrf_string  # type: ignore[attr-defined]
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

PERSONAS = ("anonymous", "owner", "focal", "leader", "caseworker", "outsider", "province")
LOGIN = 302


def S(
    anonymous: int, owner: int, focal: int, leader: int, caseworker: int, outsider: int, province: int
) -> dict[str, int]:
    return dict(zip(PERSONAS, (anonymous, owner, focal, leader, caseworker, outsider, province), strict=True))


def ALL(anonymous: int, others: int) -> dict[str, int]:
    return S(anonymous, others, others, others, others, others, others)


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


# key (URL name, or route when unnamed) -> (kwargs, GET statuses, POST data, POST statuses)
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
    "geo:agency_restore": (
        hatay_agency,
        ALL(LOGIN, 405),
        empty,
        S(LOGIN, 302, 403, 302, 403, 404, 403),
    ),
    "geo:village_create": (
        none,
        S(LOGIN, 200, 403, 200, 403, 200, 404),
        village_data,
        S(LOGIN, 302, 403, 302, 403, 302, 404),
    ),
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


def test_every_url_pattern_has_an_access_entry() -> None:
    assert _patterns(get_resolver()) == {key.split("#")[0] for key in MATRIX}


def _client(demo: Any, persona: str) -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True)
    if persona != "anonymous":
        client.force_login(demo.user(persona))
    token = _get_new_csrf_string()
    client.cookies["csrftoken"] = token
    return client, token


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("key", sorted(MATRIX))
def test_get(demo: Any, key: str, persona: str) -> None:
    kwargs_for, expected, _data, _post = MATRIX[key]
    client, _token = _client(demo, persona)
    response = client.get(reverse(key.split("#")[0], kwargs=kwargs_for(demo)))
    assert response.status_code == expected[persona], f"GET {key} as {persona}"
    if persona == "anonymous" and expected[persona] == LOGIN and key not in {"set_language"}:
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("key", sorted(MATRIX))
def test_post(demo: Any, key: str, persona: str) -> None:
    kwargs_for, _get, data_for, expected = MATRIX[key]
    client, token = _client(demo, persona)
    data = {**data_for(demo), "csrfmiddlewaretoken": token}
    response = client.post(reverse(key.split("#")[0], kwargs=kwargs_for(demo)), data)
    assert response.status_code == expected[persona], f"POST {key} as {persona}"


def test_admin_is_staff_only(demo: Any) -> None:
    response = demo.client("leader").get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
