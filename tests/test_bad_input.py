"""Bad input gets a clear Vietnamese message or the right status, never a 500, and
nothing half-written. Runs on SQLite and on PostgreSQL, which refuses NUL bytes and
over-long values that SQLite would quietly store."""

from __future__ import annotations

from typing import Any

import pytest
from axes.models import AccessAttempt
from django.test import Client

from apps.access.events import Event
from apps.access.models import AuditLog
from apps.geo.models import AdministrativeUnit, Agency


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("한" * 200, "Quá dài"),  # 200 characters, 600 once decomposed for the search key
        ("ﬃ" * 70, "Quá dài"),  # the ligature folds to "ffi"
        ("ß" * 101, "Quá dài"),  # folds to "ss"
        ("a" * 201, "Quá dài"),
        ("\u200b\u200b\u2060", "không được để trống"),
        ("  \u200d ", "không được để trống"),
        ("Hội \u202eLHPN", "ký tự ẩn đổi chiều"),
        ("Hội\x07LHPN", "ký tự điều khiển"),
    ],
)
def test_bad_agency_names_are_refused_in_vietnamese(demo: Any, name: str, message: str) -> None:
    before = Agency.objects.count()
    response = demo.client("owner").post("/agencies/new/", {"name": name, "kind": "committee"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Agency.objects.count() == before


def test_a_village_name_of_invisible_characters_is_refused(demo: Any) -> None:
    before = AdministrativeUnit.objects.count()
    response = demo.client("owner").post("/villages/new/", {"name": "\ufeff\u200b", "division_type": "thôn"})
    assert response.status_code == 200
    assert AdministrativeUnit.objects.count() == before


def test_names_are_stored_normalised(demo: Any) -> None:
    demo.client("owner").post("/agencies/new/", {"name": "  Tổ   hoà\u200b giải  ", "kind": "committee"})
    assert Agency.objects.filter(unit=demo.commune, name="Tổ hòa giải").exists()


@pytest.mark.parametrize("url", ["/units/%00/", "/units/?q=%00", "/agencies/?q=a%00b"])
def test_nul_in_the_address_is_a_400(demo: Any, url: str) -> None:
    response = demo.client("owner").get(url)
    assert response.status_code == 400


def test_nul_in_a_form_is_a_400_and_nothing_is_saved(demo: Any) -> None:
    before = Agency.objects.count()
    response = demo.client("owner").post("/agencies/new/", {"name": "Tổ\x00mới", "kind": "committee"})
    assert response.status_code == 400
    assert Agency.objects.count() == before


def test_nul_and_huge_user_agent_are_cleaned_before_storing(demo: Any, demo_password: str) -> None:
    agent = "Mozilla\x00/5.0 " + "x" * 5000
    client = Client(HTTP_USER_AGENT=agent)
    assert client.post("/login/", {"username": "congchuc", "password": "sai"}).status_code == 200
    assert client.post("/login/", {"username": "congchuc", "password": demo_password}).status_code == 302
    for record in AuditLog.objects.filter(event__in=[Event.LOGIN, Event.LOGIN_FAILED]):
        assert "\x00" not in record.user_agent
        assert len(record.user_agent) <= 255
        assert record.user_agent.startswith("Mozilla/5.0")


def test_a_300_character_username_is_a_form_error_that_reaches_no_table(db: Any) -> None:
    username = "u" * 300
    response = Client().post("/login/", {"username": username, "password": "x"})
    assert response.status_code == 200
    assert "Quá dài" in response.content.decode()
    assert not AccessAttempt.objects.filter(username=username).exists()
    assert not AuditLog.objects.filter(object_repr__startswith="uuuu").exists()


def test_another_units_id_is_404_and_changes_nothing(demo: Any) -> None:
    other = Agency.objects.create(unit=demo.other_commune, name="Tổ của Tiên Lãng", kind="committee")
    client = demo.client("owner")
    assert client.get(f"/agencies/{other.pk}/edit/").status_code == 404
    assert client.post(f"/agencies/{other.pk}/deactivate/").status_code == 404
    other.refresh_from_db()
    assert other.is_active
    assert client.get("/agencies/999999999/edit/").status_code == 404
    assert client.get("/agencies/abc/edit/").status_code == 404


def test_wrong_page_numbers_do_not_fail(demo: Any) -> None:
    client = demo.client("owner")
    for page in ("abc", "-1", "99999", "1e9"):
        assert client.get("/agencies/", {"page": page}).status_code == 200


@pytest.mark.parametrize("name", ["ǰ" * 150, "İ" * 150, "ΐ" * 70])
def test_names_that_grow_when_lower_cased_are_refused(demo: Any, name: str) -> None:
    before = AdministrativeUnit.objects.count()
    response = demo.client("owner").post("/villages/new/", {"name": name, "division_type": "thôn"})
    assert response.status_code == 200
    assert "Quá dài" in response.content.decode()
    assert AdministrativeUnit.objects.count() == before


@pytest.mark.parametrize(
    "name", ["\u180e", "\u3164\u3164", "\u115f\u1160", "\uffa0\uffa0", "\U000e0041x", "Tổ\u2066x"]
)
def test_names_of_characters_that_draw_nothing_are_refused(demo: Any, name: str) -> None:
    before = Agency.objects.count()
    response = demo.client("owner").post("/agencies/new/", {"name": name, "kind": "committee"})
    assert response.status_code == 200
    assert Agency.objects.count() == before


def test_the_400_page_carries_the_security_headers(db: Any) -> None:
    response = Client().get("/units/%00/")
    assert response.status_code == 400
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.parametrize(
    "dates",
    [{"date_to": "9999-12-31"}, {"date_from": "0001-01-01"}, {"date_to": "31/12/9999", "format": "csv"}],
)
def test_audit_dates_out_of_range_are_a_form_error(demo: Any, dates: dict[str, str]) -> None:
    response = demo.client("leader").get("/audit/", dates)
    assert response.status_code == 200
    if dates.get("format") != "csv":
        assert "Chọn ngày trong khoảng 2000 đến 2100" in response.content.decode()
        assert response.context["page"].paginator.count == 0  # a wrong filter does not show the whole log
