"""Lock-out per username + address and per address alone, the warning before the last
try, the client address behind trusted proxies only, switching membership, and the
page where people change their own password."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.test import Client
from django.utils import timezone

from apps.access.events import Event
from apps.access.models import AuditLog

WARNING = "Còn một lần thử"


def test_the_form_warns_when_one_attempt_is_left(demo: Any, settings: Any) -> None:
    client = Client()
    pages = [
        client.post("/login/", {"username": "congchuc", "password": "sai"}).content.decode()
        for _ in range(settings.AXES_FAILURE_LIMIT - 1)
    ]
    assert all(WARNING not in page for page in pages[:-1])
    assert WARNING in pages[-1]


def test_one_address_trying_many_usernames_is_locked(demo: Any, demo_password: str, settings: Any) -> None:
    settings.LOGIN_FAILURES_PER_ADDRESS = 6
    client = Client()
    for username in ("congchuc", "daumoi", "lanhdao", "sonoivu", "hotro", "ngoai"):
        assert client.post("/login/", {"username": username, "password": "sai"}).status_code == 200
    # no single username reached its own limit, yet the address is locked, right password or not
    locked = client.post("/login/", {"username": "congchuc", "password": demo_password})
    assert locked.status_code == 429
    assert "_auth_user_id" not in locked.wsgi_request.session
    assert AuditLog.objects.filter(event=Event.LOCKED_OUT).exists()
    # another address is not affected
    other = Client(REMOTE_ADDR="10.1.2.3")
    assert other.post("/login/", {"username": "congchuc", "password": demo_password}).status_code == 302


def test_the_address_lock_lasts_one_hour(demo: Any, demo_password: str, settings: Any) -> None:
    """Within the hour after the failures the address stays locked; after it, the
    address may try again (a lock of days or years would keep the commune out)."""
    settings.LOGIN_FAILURES_PER_ADDRESS = 3
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client = Client()
        for username in ("thu-mot", "thu-hai", "thu-ba"):
            client.post("/login/", {"username": username, "password": "sai"})
        traveller.move_to(start + dt.timedelta(minutes=59))
        assert client.post("/login/", {"username": "congchuc", "password": demo_password}).status_code == 429
        traveller.move_to(start + dt.timedelta(minutes=61))
        again = client.post("/login/", {"username": "congchuc", "password": demo_password})
        assert again.status_code == 302
        assert again.wsgi_request.session.get("_auth_user_id") == str(demo.user("owner").pk)


def test_forwarded_address_is_ignored_without_a_trusted_proxy(demo: Any) -> None:
    Client(HTTP_X_FORWARDED_FOR="203.0.113.9").post("/login/", {"username": "congchuc", "password": "sai"})
    assert AuditLog.objects.get(event=Event.LOGIN_FAILED).ip_address == "127.0.0.1"


def test_behind_a_trusted_proxy_each_client_has_its_own_address(demo: Any, settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    attacker = Client(HTTP_X_FORWARDED_FOR="203.0.113.9")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attacker.post("/login/", {"username": "congchuc", "password": "sai"})
    assert attacker.post("/login/", {"username": "congchuc", "password": "binhdang-demo"}).status_code == 429
    # the real user behind the same proxy is not locked out by the attacker
    user = Client(HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert user.post("/login/", {"username": "congchuc", "password": "binhdang-demo"}).status_code == 302
    addresses = set(AuditLog.objects.filter(event=Event.LOGIN_FAILED).values_list("ip_address", flat=True))
    assert addresses == {"203.0.113.9"}
    # a client cannot spoof its way past the proxy: the rightmost untrusted hop counts
    spoof = Client(HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9")
    assert spoof.post("/login/", {"username": "congchuc", "password": "binhdang-demo"}).status_code == 429


def test_switching_membership_changes_what_the_user_may_do(demo: Any) -> None:
    client = demo.client("owner")
    assert client.get("/agencies/new/").status_code == 200
    second = demo.user("owner").memberships.get(role="case_worker")
    response = client.post("/account/switch/", {"membership": second.pk, "next": "/agencies/"})
    assert response.status_code == 302 and response["Location"] == "/agencies/"
    assert "Người hỗ trợ vụ việc" in client.get("/").content.decode()
    assert client.get("/agencies/new/").status_code == 403  # a case worker does not manage agencies
    assert AuditLog.objects.filter(event=Event.MEMBERSHIP_SWITCHED, actor_name="congchuc").exists()
    # an outside address in `next` is not followed
    first = demo.user("owner").memberships.get(role="commune_officer")
    back = client.post("/account/switch/", {"membership": first.pk, "next": "https://evil.example/"})
    assert back["Location"] == "/"
    assert client.get("/agencies/new/").status_code == 200


def test_change_own_password_and_see_recent_log_ins(demo: Any, demo_password: str) -> None:
    client = Client()
    client.post("/login/", {"username": "lanhdao", "password": "sai"})
    client.post("/login/", {"username": "lanhdao", "password": demo_password})
    page = client.get("/account/password/")
    logins = [e.event for e in page.context["logins"]]
    assert logins == [Event.LOGIN, Event.LOGIN_FAILED]
    weak = client.post(
        "/account/password/",
        {"old_password": demo_password, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert "Mật khẩu này quá phổ biến" in weak.content.decode() or "hoàn toàn là số" in weak.content.decode()
    wrong_old = client.post(
        "/account/password/",
        {"old_password": "sai", "new_password1": "Hai-Phong-2026!", "new_password2": "Hai-Phong-2026!"},
    )
    assert wrong_old.status_code == 200
    done = client.post(
        "/account/password/",
        {
            "old_password": demo_password,
            "new_password1": "Hai-Phong-2026!",
            "new_password2": "Hai-Phong-2026!",
        },
    )
    assert done.status_code == 302
    assert client.get("/").status_code == 200  # still signed in
    again = Client().post("/login/", {"username": "lanhdao", "password": "Hai-Phong-2026!"})
    assert again.status_code == 302


def test_the_admin_log_in_is_under_the_same_locks(demo: Any, settings: Any) -> None:
    settings.LOGIN_FAILURES_PER_ADDRESS = 4
    client = Client()
    for i in range(4):
        client.post("/admin/login/", {"username": f"thu{i}", "password": "sai", "next": "/admin/"})
    from apps.accounts.models import User

    User.objects.create_superuser("quantri", password="Quan-Tri-2026!")
    locked = client.post(
        "/admin/login/", {"username": "quantri", "password": "Quan-Tri-2026!", "next": "/admin/"}
    )
    assert "_auth_user_id" not in locked.wsgi_request.session
    too_long = Client().post("/admin/login/", {"username": "a" * 300, "password": "x", "next": "/admin/"})
    assert too_long.status_code == 200
    assert "Quá dài" in too_long.content.decode()


def test_guessing_the_current_password_ends_the_session(demo: Any, settings: Any) -> None:
    client = demo.client("caseworker")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            "/account/password/",
            {
                "old_password": "doan-sai",
                "new_password1": "Mot-Mat-Khau-2026!",
                "new_password2": "Mot-Mat-Khau-2026!",
            },
        )
        assert response.status_code == 200
    locked = client.post(
        "/account/password/",
        {
            "old_password": "binhdang-demo",
            "new_password1": "Mot-Mat-Khau-2026!",
            "new_password2": "Mot-Mat-Khau-2026!",
        },
    )
    assert locked.status_code == 429
    assert client.get("/").status_code == 302  # signed out
    assert demo.user("caseworker").check_password("binhdang-demo")
    assert (
        AuditLog.objects.filter(event=Event.LOGIN_FAILED, object_id=str(demo.user("caseworker").pk)).count()
        == 5
    )


def test_forwarded_proto_is_ignored_from_an_untrusted_address(demo: Any, settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    # from anyone else, "X-Forwarded-Proto: https" does not make plain HTTP look secure
    assert Client(HTTP_X_FORWARDED_PROTO="https").get("/login/").status_code == 301
    assert Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_PROTO="https").get("/login/").status_code == 200


def test_only_the_person_records_against_their_own_password(demo: Any) -> None:
    """The page's services for a wrong current password and for a guessed session act
    only for the signed-in person themself; anyone else is refused and logged."""
    import pytest
    from django.core.exceptions import PermissionDenied

    from apps.accounts import services

    leader = demo.user("leader")
    for service in (services.record_wrong_current_password, services.lock_out_session):
        with pytest.raises(PermissionDenied):
            service(leader, actor=demo.user("owner"))
    assert not AuditLog.objects.filter(event__in=[Event.LOGIN_FAILED, Event.LOCKED_OUT]).exists()
    assert AuditLog.objects.filter(event=Event.ACCESS_DENIED, object_id=str(leader.pk)).count() == 2
