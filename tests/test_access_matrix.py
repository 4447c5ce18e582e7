"""Every URL × persona → expected status. A URL without an entry fails the suite, so a
new page cannot ship without deciding who may see it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

PERSONAS = ("anonymous", "owner", "colleague", "leader", "outsider", "province")
LOGIN = 302


def _statuses(
    anonymous: int, owner: int, colleague: int, leader: int, outsider: int, province: int
) -> dict[str, int]:
    return dict(zip(PERSONAS, (anonymous, owner, colleague, leader, outsider, province), strict=True))


def no_args(demo: Any) -> dict[str, Any]:
    return {}


def hatay_unit(demo: Any) -> dict[str, Any]:
    return {"code": demo.commune.code}


def hatay_agency(demo: Any) -> dict[str, Any]:
    return {"pk": demo.agency.pk}


# name -> (kwargs builder, expected GET status per persona)
MATRIX: dict[str, tuple[Callable[[Any], dict[str, Any]], dict[str, int]]] = {
    "home": (no_args, _statuses(LOGIN, 200, 200, 200, 200, 200)),
    # a logged-in user asking for the login page goes home
    "login": (no_args, _statuses(200, 302, 302, 302, 302, 302)),
    "logout": (no_args, _statuses(405, 405, 405, 405, 405, 405)),
    "set_language": (no_args, _statuses(302, 302, 302, 302, 302, 302)),
    "audit_log": (no_args, _statuses(LOGIN, 403, 403, 200, 403, 403)),
    "geo:unit_search": (no_args, _statuses(LOGIN, 200, 200, 200, 200, 200)),
    "geo:unit_detail": (hatay_unit, _statuses(LOGIN, 200, 200, 200, 404, 200)),
    # agency pages work on the user's own commune; a province officer has none
    "geo:agency_list": (no_args, _statuses(LOGIN, 200, 200, 200, 200, 404)),
    "geo:agency_create": (no_args, _statuses(LOGIN, 200, 403, 200, 200, 404)),
    "geo:agency_edit": (hatay_agency, _statuses(LOGIN, 200, 403, 200, 404, 403)),
    "geo:agency_deactivate": (hatay_agency, _statuses(LOGIN, 200, 403, 200, 404, 403)),
    "geo:agency_restore": (hatay_agency, _statuses(LOGIN, 405, 405, 405, 405, 405)),
    "geo:village_create": (no_args, _statuses(LOGIN, 200, 403, 200, 200, 404)),
}

# Django's admin has its own staff-only access control, tested in test_admin_is_staff_only.
EXCLUDED_NAMESPACES = {"admin"}


def _named_patterns(resolver: URLResolver, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            child_ns = pattern.namespace or ""
            if child_ns in EXCLUDED_NAMESPACES:
                continue
            prefix = f"{namespace}{child_ns}:" if child_ns else namespace
            names |= _named_patterns(pattern, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_has_an_access_entry() -> None:
    assert _named_patterns(get_resolver()) == set(MATRIX)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_access(demo: Any, name: str, persona: str) -> None:
    kwargs_for, expected = MATRIX[name]
    response = demo.client(persona).get(reverse(name, kwargs=kwargs_for(demo)))
    assert response.status_code == expected[persona], f"{name} as {persona}"
    if persona == "anonymous" and expected[persona] == LOGIN and name not in {"set_language"}:
        assert response["Location"].startswith(reverse("login"))


def test_admin_is_staff_only(demo: Any) -> None:
    response = demo.client("leader").get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
