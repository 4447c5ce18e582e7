"""Loads the 34 province-level and 3,321 commune-level units from vietnam-provinces.

Used by a data migration (with the historical model) and by `manage.py load_units`,
which updates names in place when a newer package release renames a unit.
"""

from __future__ import annotations

from typing import Any

import vietnam_provinces as vp

from core.text import fold, normalize

_PREFIXES = ("Thành phố ", "Tỉnh ", "Xã ", "Phường ", "Đặc khu ")


def short_name(name: str) -> str:
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _fields(name: str, division_type: str, level: str) -> dict[str, Any]:
    name = normalize(name)
    short = short_name(name)
    return {
        "name": name,
        "short_name": short,
        "division_type": division_type,
        "level": level,
        "name_key": fold(name),
        "short_key": fold(short),
    }


def load_units(unit_model: Any) -> tuple[int, int]:
    """Create missing units and refresh names of existing ones; returns (created, updated)."""
    existing = {u.code: u for u in unit_model.objects.filter(level__in=["province", "commune"])}
    created = updated = 0
    provinces: dict[int, Any] = {}
    for province in sorted(vp.Province.iter_all(), key=lambda p: int(p.code)):
        code = f"{int(province.code):02d}"
        fields = _fields(province.name, province.division_type.value, "province")
        unit = existing.get(code)
        if unit is None:
            unit = unit_model.objects.create(code=code, path=f"{code}/", parent=None, **fields)
            created += 1
        elif any(getattr(unit, k) != v for k, v in fields.items()):
            unit_model.objects.filter(pk=unit.pk).update(**fields)
            updated += 1
        provinces[int(province.code)] = unit
    new_wards = []
    for ward in sorted(vp.Ward.iter_all(), key=lambda w: int(w.code)):
        code = f"{int(ward.code):05d}"
        parent = provinces[int(ward.province_code)]
        fields = _fields(ward.name, ward.division_type.value, "commune")
        unit = existing.get(code)
        if unit is None:
            new_wards.append(unit_model(code=code, path=f"{parent.path}{code}/", parent=parent, **fields))
        elif any(getattr(unit, k) != v for k, v in fields.items()):
            unit_model.objects.filter(pk=unit.pk).update(**fields)
            updated += 1
    unit_model.objects.bulk_create(new_wards, batch_size=500)
    return created + len(new_wards), updated
