from typing import Any

import pytest

from apps.geo.models import AdministrativeUnit, Level


@pytest.mark.django_db
def test_all_units_of_the_country_are_loaded() -> None:
    assert AdministrativeUnit.objects.filter(level=Level.PROVINCE).count() == 34
    assert AdministrativeUnit.objects.filter(level=Level.COMMUNE).count() == 3321
    kinds = set(
        AdministrativeUnit.objects.filter(level=Level.COMMUNE).values_list("division_type", flat=True)
    )
    assert kinds == {"xã", "phường", "đặc khu"}


@pytest.mark.django_db
def test_everything_under_a_province_is_one_prefix_query(django_assert_num_queries: Any) -> None:
    hai_phong = AdministrativeUnit.objects.get(name="Thành phố Hải Phòng")
    with django_assert_num_queries(1):
        names = list(AdministrativeUnit.objects.under(hai_phong).values_list("name", flat=True))
    assert "Xã Hà Tây" in names
    assert "Xã Tiên Lãng" in names
    assert all(u.parent_id == hai_phong.pk for u in hai_phong.descendants())
    assert len(names) == 1 + hai_phong.children.count()


@pytest.mark.django_db
def test_reload_after_the_frozen_migration_changes_nothing() -> None:
    from apps.geo.loader import load_units

    assert load_units(AdministrativeUnit) == (0, 0)
    assert AdministrativeUnit.objects.count() == 3355


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["ha tay", "Hà Tây", "HA TAY", "Xã Hà Tây", "hà tây"])
def test_search_finds_ha_tay_first(query: str) -> None:
    results = list(AdministrativeUnit.objects.search(query)[:5])
    assert results[0].name == "Xã Hà Tây"


@pytest.mark.django_db
def test_search_ranks_exact_then_unaccented_exact_then_prefix_then_substring() -> None:
    # all four kinds exist for "cát tiên": Xã Cát Tiên (Lâm Đồng) is the name typed,
    # Xã Cát Tiến (Gia Lai) the same letters with other accents, Xã Cát Tiên 2 and 3
    # start with it, Xã Nam Cát Tiên (Đồng Nai) contains it
    names = [u.name for u in AdministrativeUnit.objects.search("cát tiên")]
    assert names == [
        "Xã Cát Tiên",
        "Xã Cát Tiến",
        "Xã Cát Tiên 2",
        "Xã Cát Tiên 3",
        "Xã Nam Cát Tiên",
    ]
    # typed without accents, both exact names come before the prefixes
    unaccented = [u.name for u in AdministrativeUnit.objects.search("cat tien")]
    assert set(unaccented[:2]) == {"Xã Cát Tiên", "Xã Cát Tiến"}
    assert unaccented[-1] == "Xã Nam Cát Tiên"


@pytest.mark.django_db
def test_search_prefers_the_accents_typed() -> None:
    # "hòa" starts "Xã Hòa ..." with these accents; "Hoàng Sa" only once accents are dropped
    units = list(AdministrativeUnit.objects.search("hòa"))
    hoang_sa = [u.name for u in units].index("Đặc khu Hoàng Sa")
    starting_hoa = [i for i, u in enumerate(units) if u.short_name.startswith("Hòa ")]
    assert len(starting_hoa) > 40
    assert max(starting_hoa) < hoang_sa


@pytest.mark.django_db
def test_search_ignores_tone_placement() -> None:
    old_style = {u.pk for u in AdministrativeUnit.objects.search("Hòa Bình")}
    new_style = {u.pk for u in AdministrativeUnit.objects.search("Hoà Bình")}
    assert old_style == new_style
    assert (
        AdministrativeUnit.objects.get(name="Phường Hòa Bình", parent__name="Thành phố Hải Phòng").pk
        in old_style
    )


@pytest.mark.django_db
def test_unit_names_are_stored_in_one_tone_style() -> None:
    # vietnam-provinces spells it "Phường Thuỷ Nguyên"
    assert AdministrativeUnit.objects.filter(name="Phường Thủy Nguyên").exists()


@pytest.mark.django_db
def test_empty_search_returns_nothing() -> None:
    assert not AdministrativeUnit.objects.search("  ").exists()


def test_unit_picker_page(demo: Any) -> None:
    response = demo.client("owner").get("/units/", {"q": "ha tay"})
    assert response.status_code == 200
    assert response.context["page"].object_list[0].name == "Xã Hà Tây"
    empty = demo.client("owner").get("/units/", {"q": "zzzz"})
    assert "Không có đơn vị nào khớp" in empty.content.decode()


def test_unit_page_paginates_communes_of_the_province(demo: Any) -> None:
    response = demo.client("province").get(f"/units/{demo.province.code}/", {"page": 2})
    assert response.status_code == 200
    page = response.context["page"]
    assert page.number == 2
    assert page.paginator.count == demo.province.children.count()
    bad_page = demo.client("province").get(f"/units/{demo.province.code}/", {"page": "abc"})
    assert bad_page.status_code == 200
