"""A commune plan made from the province plan speaks for the commune: its title names the
commune, the targets that counted the province's communes become the commune's own, and
the ones that do not apply to a commune are listed on the derive page to keep or drop."""

from __future__ import annotations

from typing import Any

import pytest

from apps.accounts.demo import SYSTEM
from apps.plans import services
from apps.plans.demo import province_content
from apps.plans.derive_text import Place, commune_target, commune_title
from apps.plans.models import Plan

PROVINCE_WIDE = (
    "100% sở, ban, ngành cấp thành phố lồng ghép vấn đề bình đẳng giới trong kế hoạch công tác năm 2026."
)


@pytest.fixture
def city_plan(demo: Any) -> Plan:
    city = services.create_plan(
        demo.province, actor=SYSTEM, content=province_content(demo.province), note="t"
    )
    return services.issue_plan(city, actor=SYSTEM, revision=city.revision, confirm_unassigned=True)


def test_the_derive_page_shows_the_communes_words_and_drops_province_targets_unless_kept(
    demo: Any, city_plan: Plan
) -> None:
    client = demo.client("owner")
    detail = client.get(f"/plans/{city_plan.pk}/").content.decode()
    assert f'href="/plans/{city_plan.pk}/derive/"' in detail
    page = client.get(f"/plans/{city_plan.pk}/derive/")
    assert page.status_code == 200
    html = page.content.decode()
    title = "Thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ xã Hà Tây năm 2026"
    assert title in html
    assert "Xã xây dựng kế hoạch thực hiện công tác bình đẳng giới năm 2026." in html
    # the province-wide target is offered with an unticked box
    index = next(i for i, t in enumerate(city_plan.content["targets"]) if t["text"] == PROVINCE_WIDE)
    assert PROVINCE_WIDE in html
    assert f'name="keep_target" value="{index}" id="keep-{index}">' in html

    assert client.post(f"/plans/{city_plan.pk}/derive/").status_code == 302
    plan = Plan.objects.get(unit=demo.commune, basis=city_plan)
    assert plan.title == title and plan.content["document"]["title"] == title
    texts = [t["text"] for t in plan.content["targets"]]
    assert "Xã xây dựng kế hoạch thực hiện công tác bình đẳng giới năm 2026." in texts
    assert not any("xã, phường, đặc khu" in t for t in texts)
    assert PROVINCE_WIDE not in texts  # dropped: not ticked
    # a target that already speaks of people, not communes, is copied as written
    assert "Trên 90% nạn nhân bạo lực gia đình được phát hiện được tư vấn, hỗ trợ." in texts


def test_a_ticked_province_target_is_kept_word_for_word(demo: Any, city_plan: Plan) -> None:
    index = next(i for i, t in enumerate(city_plan.content["targets"]) if t["text"] == PROVINCE_WIDE)
    response = demo.client("owner").post(f"/plans/{city_plan.pk}/derive/", {"keep_target": [str(index)]})
    assert response.status_code == 302
    plan = Plan.objects.get(unit=demo.commune, basis=city_plan)
    assert PROVINCE_WIDE in [t["text"] for t in plan.content["targets"]]


def test_a_ward_speaks_as_a_ward(demo: Any, city_plan: Plan) -> None:
    from apps.geo.models import AdministrativeUnit
    from apps.geo.services import ensure_default_agencies
    from apps.plans.derive import derive_plan

    ward = AdministrativeUnit.objects.get(name="Phường Hải Dương")
    ensure_default_agencies(ward, actor=SYSTEM)
    plan, _unresolved = derive_plan(city_plan, actor=SYSTEM, commune=ward)
    assert plan.title.endswith("phụ nữ phường Hải Dương năm 2026")
    assert "Phường xây dựng kế hoạch thực hiện công tác bình đẳng giới năm 2026." in [
        t["text"] for t in plan.content["targets"]
    ]


CITY = Place("thành phố", "Hải Phòng")
HA_TAY = Place("xã", "Hà Tây")


@pytest.mark.parametrize(
    ("text", "new_text", "to_review"),
    [
        (
            "100% xã, phường, đặc khu tổ chức ít nhất 01 hoạt động hưởng ứng Tháng hành động.",
            "Xã tổ chức ít nhất 01 hoạt động hưởng ứng Tháng hành động.",
            False,
        ),
        (
            "Phấn đấu 100% các xã, phường, đặc khu trên địa bàn thành phố Hải Phòng có mô hình "
            "phòng, chống bạo lực gia đình.",
            "Xã phấn đấu có mô hình phòng, chống bạo lực gia đình.",
            False,
        ),
        (
            "Ủy ban nhân dân các xã, phường bố trí kinh phí thực hiện công tác bình đẳng giới.",
            "Ủy ban nhân dân xã bố trí kinh phí thực hiện công tác bình đẳng giới.",
            False,
        ),
        ("80% xã, phường đạt chuẩn tiếp cận pháp luật.", None, True),
        ("100% cơ quan chuyên môn cấp tỉnh có cán bộ nữ lãnh đạo.", None, True),
        ("Trên 90% hộ gia đình được tiếp cận thông tin tuyên truyền về bình đẳng giới.", None, False),
    ],
)
def test_targets_in_the_communes_words(text: str, new_text: str | None, to_review: bool) -> None:
    change = commune_target(text, CITY, HA_TAY)
    assert (change.new_text, change.to_review) == (new_text, to_review)


@pytest.mark.parametrize(
    ("title", "above", "expected"),
    [
        (
            "Thực hiện công tác bình đẳng giới năm 2026",
            CITY,
            "Thực hiện công tác bình đẳng giới xã Hà Tây năm 2026",
        ),
        (
            "Bình đẳng giới huyện Trùng Khánh năm 2026",
            Place("huyện", "Trùng Khánh"),
            "Bình đẳng giới xã Hà Tây năm 2026",
        ),
        (
            "Công tác bình đẳng giới trên địa bàn thành phố giai đoạn 2026 - 2030",
            CITY,
            "Công tác bình đẳng giới trên địa bàn xã Hà Tây giai đoạn 2026 - 2030",
        ),
        ("Bình đẳng giới xã Hà Tây năm 2026", CITY, "Bình đẳng giới xã Hà Tây năm 2026"),
    ],
)
def test_the_derived_title_names_the_commune(title: str, above: Place, expected: str) -> None:
    assert commune_title(title, above, HA_TAY) == expected


def test_the_provinces_list_of_communes_plans_leaves_out_plans_kept_as_received(
    demo: Any, city_plan: Plan
) -> None:
    from apps.plans.received import received_fields

    content = province_content(demo.province)
    content["document"].update(number="35/KH-UBND", date="2026-03-20")
    content["document"]["issuer"] = {
        "name": "Ủy ban nhân dân huyện Trùng Khánh",
        "level": "district",
        "locality": "Trùng Khánh",
        "parent": None,
    }
    services.create_plan(
        demo.commune, actor=SYSTEM, content=content, note="t", source=received_fields(content)
    )
    page = demo.client("province").get(f"/plans/{city_plan.pk}/communes/", {"q": "ha tay"})
    row = next(r for r in page.context["rows"] if r["unit"] == demo.commune)
    assert row["plan"] is None  # Hà Tây has not started its own plan
