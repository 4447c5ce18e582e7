from pathlib import Path
from typing import Any

import pytest
import yaml

from apps.access.models import AuditLog
from apps.geo.agency_defaults import COMMUNE_AGENCIES
from apps.geo.models import AdministrativeUnit, Agency, Level

SHARED_AGENCIES = Path(__file__).resolve().parents[3].parent / "shared" / "domain" / "agencies.yaml"


def test_defaults_follow_the_shared_agency_list() -> None:
    shared = yaml.safe_load(SHARED_AGENCIES.read_text(encoding="utf-8"))["commune"]
    # villages get one agency each when they are added, so they are not a default
    # with_locality names are written "Công an xã" there and get the locality appended here
    expected = {(a["name"], a["kind"]) for a in shared if a["kind"] != "village"}
    expected = {(n.removesuffix(" xã") if k == "police" else n, k) for n, k in expected}
    assert {(d.base_name, d.kind) for d in COMMUNE_AGENCIES} == expected


def test_a_commune_gets_its_default_agencies_on_first_use(demo: Any) -> None:
    names = set(
        Agency.objects.filter(unit=demo.commune, kind__in=[d.kind for d in COMMUNE_AGENCIES]).values_list(
            "name", flat=True
        )
    )
    assert "Công an xã Hà Tây" in names
    assert "Hội Liên hiệp Phụ nữ xã Hà Tây" in names
    assert "Phòng Văn hóa - Xã hội" in names
    assert len(names) == len(COMMUNE_AGENCIES)
    # a commune nobody uses yet has none
    assert not Agency.objects.filter(unit__name="Xã An Hưng").exists()


def test_ward_gets_ward_names(db: Any) -> None:
    from apps.accounts.demo import SYSTEM
    from apps.geo.services import ensure_default_agencies

    ward = AdministrativeUnit.objects.get(name="Phường Hồng Bàng")
    names = {a.name for a in ensure_default_agencies(ward, actor=SYSTEM)}
    assert "Công an phường Hồng Bàng" in names
    assert "Phòng Kinh tế, Hạ tầng và Đô thị" in names
    assert ensure_default_agencies(ward, actor=SYSTEM) == []


def test_officer_adds_edits_and_deactivates_an_agency_with_undo(demo: Any) -> None:
    client = demo.client("owner")
    response = client.post("/agencies/new/", {"name": "Chi hội Người cao tuổi", "kind": "mass_org"})
    assert response.status_code == 302
    agency = Agency.objects.get(unit=demo.commune, name="Chi hội Người cao tuổi")

    client.post(f"/agencies/{agency.pk}/edit/", {"name": "Hội Người cao tuổi xã", "kind": "mass_org"})
    agency.refresh_from_db()
    assert agency.name == "Hội Người cao tuổi xã"

    confirm = client.get(f"/agencies/{agency.pk}/deactivate/")
    assert "Không có dữ liệu nào bị xóa" in confirm.content.decode()
    followed = client.post(f"/agencies/{agency.pk}/deactivate/", follow=True)
    agency.refresh_from_db()
    assert not agency.is_active
    assert "Hoàn tác" in followed.content.decode()
    client.post(f"/agencies/{agency.pk}/restore/")
    agency.refresh_from_db()
    assert agency.is_active

    events = list(
        AuditLog.objects.filter(object_id=str(agency.pk), object_type="geo.agency").values_list(
            "event", flat=True
        )
    )
    assert sorted(events) == sorted(
        ["agency.created", "agency.updated", "agency.deactivated", "agency.restored"]
    )
    update = AuditLog.objects.get(object_id=str(agency.pk), event="agency.updated")
    assert update.actor == demo.users["congchuc"]
    assert update.changes == {"name": ["Chi hội Người cao tuổi", "Hội Người cao tuổi xã"]}
    assert update.ip_address == "127.0.0.1"


def test_duplicate_name_is_refused_in_vietnamese_and_nothing_written(demo: Any) -> None:
    before = Agency.objects.count()
    response = demo.client("owner").post(
        "/agencies/new/", {"name": "hội liên hiệp phụ nữ xã ha tay", "kind": "mass_org"}
    )
    assert response.status_code == 200
    assert "Đơn vị đã có cơ quan, đơn vị trùng tên này." in response.content.decode()
    assert 'value="hội liên hiệp phụ nữ xã ha tay"' in response.content.decode()
    assert Agency.objects.count() == before


def test_forged_kind_is_a_form_error(demo: Any) -> None:
    response = demo.client("owner").post("/agencies/new/", {"name": "X", "kind": "<script>"})
    assert response.status_code == 200
    assert not Agency.objects.filter(name="X").exists()


@pytest.mark.parametrize(("persona", "status"), [("outsider", 404), ("colleague", 403), ("province", 403)])
def test_others_cannot_change_an_agency(demo: Any, persona: str, status: int) -> None:
    response = demo.client(persona).post(
        f"/agencies/{demo.agency.pk}/edit/", {"name": "Đã bị sửa", "kind": "office"}
    )
    assert response.status_code == status
    demo.agency.refresh_from_db()
    assert demo.agency.name == "Hội Liên hiệp Phụ nữ xã Hà Tây"
    response = demo.client(persona).post(f"/agencies/{demo.agency.pk}/deactivate/")
    assert response.status_code == status
    demo.agency.refresh_from_db()
    assert demo.agency.is_active


def test_agency_search_ignores_accents(demo: Any) -> None:
    response = demo.client("owner").get("/agencies/", {"q": "cong an"})
    names = [a.name for a in response.context["page"].object_list]
    assert names == ["Công an xã Hà Tây"]


def test_officer_adds_a_village(demo: Any) -> None:
    response = demo.client("owner").post("/villages/new/", {"name": "Thôn Đông Hà", "division_type": "thôn"})
    assert response.status_code == 302
    village = AdministrativeUnit.objects.get(parent=demo.commune, short_name="Đông Hà")
    assert village.level == Level.VILLAGE
    assert village.name == "Thôn Đông Hà"
    assert village.path.startswith(demo.commune.path)
    assert Agency.objects.get(village=village).unit == demo.commune
    again = demo.client("owner").post("/villages/new/", {"name": "đông hà", "division_type": "thôn"})
    assert "Xã đã có thôn, tổ dân phố trùng tên này." in again.content.decode()
    assert AdministrativeUnit.objects.filter(parent=demo.commune, short_name="Đông Hà").count() == 1


def test_the_agency_list_shows_only_the_users_commune(demo: Any) -> None:
    Agency.objects.create(unit=demo.other_commune, name="Tổ của Tiên Lãng", kind="committee")
    names = [
        a.name
        for a in demo.client("owner").get("/agencies/", {"page": 1}).context["page"].paginator.object_list
    ]
    assert "Tổ của Tiên Lãng" not in names
    assert "Hội Liên hiệp Phụ nữ xã Hà Tây" in names
    assert all(
        a.unit_id == demo.commune.pk
        for a in demo.client("owner").get("/agencies/").context["page"].paginator.object_list
    )


def test_a_province_gets_the_bodies_its_plan_assigns_work_to(db: Any) -> None:
    """A province plan's tasks are led by Sở … and the city's own police and Women's Union:
    without them as agencies no province task has a lead."""
    from apps.accounts.demo import SYSTEM
    from apps.geo.services import ensure_default_agencies
    from apps.plans.matching import Candidate, best_match

    city = AdministrativeUnit.objects.get(name="Thành phố Hải Phòng")
    province = AdministrativeUnit.objects.filter(level="province", division_type="tỉnh").first()
    names = {a.name for a in ensure_default_agencies(city, actor=SYSTEM)}
    assert {"Sở Nội vụ", "Công an thành phố", "Hội Liên hiệp Phụ nữ thành phố"} <= names
    assert "Hội Liên hiệp Phụ nữ tỉnh" in {a.name for a in ensure_default_agencies(province, actor=SYSTEM)}
    assert ensure_default_agencies(city, actor=SYSTEM) == []  # once only
    agencies = [Candidate(a.pk, a.name) for a in Agency.objects.filter(unit=city)]
    lead = best_match("Sở Văn hóa, Thể thao và Du lịch", agencies, city.short_name)
    assert lead is not None and lead.name == "Sở Văn hóa, Thể thao và Du lịch"
