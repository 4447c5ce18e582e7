"""Every service, called by someone who may not use it, refuses and writes nothing.
The list is checked against the services modules, so a new service must join it."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from apps.access.models import AuditLog
from apps.accounts import services as account_services
from apps.accounts.models import Membership, Role, User
from apps.geo import services as geo_services
from apps.geo.models import AdministrativeUnit, Agency


def _request(demo: Any, user: Any) -> Any:
    from django.contrib.sessions.backends.db import SessionStore

    request = RequestFactory().post("/")
    request.session = SessionStore()  # type: ignore[attr-defined]
    request.user = user
    return request


def _state(demo: Any) -> tuple[int, int, int, tuple[str, bool], str]:
    demo.agency.refresh_from_db()
    return (
        Agency.objects.count(),
        AdministrativeUnit.objects.count(),
        Membership.objects.count(),
        (demo.agency.name, demo.agency.is_active),
        User.objects.get(username="lanhdao").password,
    )


# service name -> call(demo, actor); each acts on Hà Tây, the commune of the owner
SERVICES: dict[str, Callable[[Any, Any], Any]] = {
    "geo.create_agency": lambda d, a: geo_services.create_agency(
        d.commune, actor=a, name="Tổ mới", kind="committee"
    ),
    "geo.update_agency": lambda d, a: geo_services.update_agency(
        d.agency, actor=a, name="Đổi tên", kind="office"
    ),
    "geo.set_agency_active": lambda d, a: geo_services.set_agency_active(d.agency, actor=a, active=False),
    "geo.ensure_default_agencies": lambda d, a: geo_services.ensure_default_agencies(
        AdministrativeUnit.objects.get(name="Xã Hà Đông"), actor=a
    ),
    "geo.add_village": lambda d, a: geo_services.add_village(
        d.commune, actor=a, name="Thôn Mới", division_type="thôn"
    ),
    "accounts.add_membership": lambda d, a: account_services.add_membership(
        User.objects.create_user("nguoi-moi"), d.commune, Role.VIEWER, actor=a
    ),
    # switching to, or changing the password of, someone else's account
    "accounts.switch_membership": lambda d, a: account_services.switch_membership(
        _request(d, a), d.user("leader").memberships.get().pk, actor=a
    ),
    "accounts.change_password": lambda d, a: account_services.change_password(
        _request(d, a), d.user("leader"), "Mat-Khau-Gia-Mao-2026", actor=a
    ),
}
# not state changes someone asks for: checks, queries, and the records a log-in guard
# writes about the signed-in user's own session
INTERNAL = {
    "geo.default_agency_name",
    "accounts.validate_membership",
    "accounts.may_grant",
    "accounts.wrong_current_passwords",
    "accounts.record_wrong_current_password",
    "accounts.lock_out_session",
}


def test_every_service_is_in_the_refusal_list() -> None:
    found = set()
    for prefix, module in (("geo", geo_services), ("accounts", account_services)):
        for name, value in vars(module).items():
            if inspect.isfunction(value) and value.__module__ == module.__name__ and not name.startswith("_"):
                found.add(f"{prefix}.{name}")
    assert found == set(SERVICES) | INTERNAL


@pytest.mark.parametrize("persona", ["outsider", "focal", "caseworker", "province", None])
@pytest.mark.parametrize("service", sorted(SERVICES))
def test_service_refuses(demo: Any, service: str, persona: str | None) -> None:
    actor = demo.user(persona) if persona else None
    before = _state(demo)
    with pytest.raises(PermissionDenied):
        SERVICES[service](demo, actor)
    assert _state(demo)[:4] == before[:4]
    assert _state(demo)[4] == before[4]
    assert AuditLog.objects.filter(event="access.denied").exists()


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_service_works_for_the_commune_officer(demo: Any, service: str) -> None:
    """The same calls succeed for the person they are meant for (so a refusal above is a
    real refusal, not a broken call)."""
    owner = demo.user("owner")
    if service == "geo.ensure_default_agencies":
        assert geo_services.ensure_default_agencies(demo.commune, actor=owner) == []  # already has them
    elif service == "accounts.switch_membership":
        account_services.switch_membership(
            _request(demo, owner), owner.memberships.get(role="case_worker").pk, actor=owner
        )
    elif service == "accounts.change_password":
        account_services.change_password(_request(demo, owner), owner, "Mat-Khau-Moi-2026", actor=owner)
        owner.refresh_from_db()
        assert owner.check_password("Mat-Khau-Moi-2026")
    else:
        SERVICES[service](demo, owner)
    assert not AuditLog.objects.filter(event="access.denied").exists()
