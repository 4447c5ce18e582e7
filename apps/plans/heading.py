"""Whose document a plan is: the heading (issuer, place, number, date) a unit puts on the
plans it issues, and whether an imported plan's heading names the unit or another body
(the district, the province, another commune), in which case it is kept as received."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from apps.geo.models import AdministrativeUnit, Level
from apps.plans import content as plan_content
from core.text import fold

# "Ủy ban nhân dân", "UBND", "Hội đồng nhân dân" before the name of the place
_BODY_PREFIX = re.compile(r"^(?:uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd)\s+")
# the words documents use for a level, folded, from the most specific
_LEVEL_WORDS = ("thanh pho", "dac khu", "thi tran", "tinh", "huyen", "quan", "thi xa", "xa", "phuong", "tp")
# abbreviations headings use ("UBND TP Hải Phòng")
_ABBREVIATIONS = {"tp": "thanh pho"}


def unit_issuer(unit: AdministrativeUnit) -> dict[str, Any]:
    """The unit as the issuer of its own documents ("Ủy ban nhân dân xã Hà Tây")."""
    return dict(plan_content.blank(unit, 2000, "-")["document"]["issuer"])


def _names_of(unit: AdministrativeUnit) -> set[str]:
    """The unit's names, folded: "xa ha tay", "ha tay"."""
    return {
        fold(unit.name),
        fold(f"{plan_content.division_word(unit)} {unit.short_name}"),
        fold(f"{unit.division_type} {unit.short_name}"),
    }


def _split(place: str) -> tuple[str, str]:
    """ "huyen trung khanh" -> ("huyen", "trung khanh"); no level word -> ("", place)."""
    for word in _LEVEL_WORDS:
        if place.startswith(word + " "):
            return word, place[len(word) + 1 :]
    return "", place


def names_unit(issuer: dict[str, Any] | None, unit: AdministrativeUnit) -> bool:
    """Whether a document's issuer is the unit itself, compared without accents.

    An issuer the parser could not read (no name, no locality) counts as the unit's own:
    only a heading that names another body makes a plan a received one."""
    issuer = issuer or {}
    name = _BODY_PREFIX.sub("", fold(issuer.get("name") or ""))
    locality = fold(issuer.get("locality") or "")
    if not name and not locality:
        return True
    level_word, place = _split(name)
    level_word = _ABBREVIATIONS.get(level_word, level_word)
    if not place or place == fold(plan_content.division_word(unit)):
        # "Ủy ban nhân dân xã" with the place left out: the locality says which
        place = locality
    own_level_words = {fold(unit.division_type), fold(plan_content.division_word(unit))}
    if level_word and level_word not in own_level_words:
        return False  # "huyện Trùng Khánh" is not "xã Trùng Khánh"
    if place and place != fold(unit.short_name) and f"{level_word} {place}".strip() not in _names_of(unit):
        return False
    if locality and locality != fold(unit.short_name):
        return False
    parent = _split(fold(issuer.get("parent") or ""))[1]
    if parent and unit.level != Level.PROVINCE and parent != fold(unit.province.short_name):
        return False  # a commune of the same name in another province
    level = issuer.get("level")
    own_level = plan_content.issuer_level(unit)
    if level and level != own_level:
        # a commune and a ward or special zone are one tier; a district or province is not
        commune_tier = {"commune", "ward", "special_zone"}
        if not (level in commune_tier and own_level in commune_tier and unit.level == Level.COMMUNE):
            return False
    return True


_NAMED_BODY = re.compile(
    r"^(?:ủy ban nhân dân|uỷ ban nhân dân|ubnd|hội đồng nhân dân|hđnd)\s+(?P<rest>.+)$", re.IGNORECASE
)
_LEVEL_NAMES = ("thành phố", "đặc khu", "thị trấn", "thị xã", "tỉnh", "huyện", "quận", "xã", "phường")


def issuer_place(issuer: dict[str, Any] | None) -> tuple[str, str]:
    """Where a heading's body sits, as its words: ("huyện", "Trùng Khánh"); ("", "") when
    the heading does not say."""
    issuer = issuer or {}
    name = unicodedata.normalize("NFC", (issuer.get("name") or "").strip())
    match = _NAMED_BODY.match(name)
    rest = match["rest"] if match else name
    for word in _LEVEL_NAMES:
        if rest.lower().startswith(word + " "):
            place = rest[len(word) + 1 :].strip()
            place = (issuer.get("locality") or "").strip() or (place.title() if place.isupper() else place)
            return word, place
    return "", (issuer.get("locality") or "").strip()


def issuer_name_of(content: dict[str, Any]) -> str:
    """The issuer as the heading names it, for a received plan ("Ủy ban nhân dân huyện ...")."""
    issuer = content.get("document", {}).get("issuer") or {}
    name = (issuer.get("name") or "").strip()
    if name.isupper():
        name = name.capitalize()
    if not name:
        name = (issuer.get("locality") or "").strip()
    return name[:255]


def with_unit_heading(
    content: dict[str, Any], unit: AdministrativeUnit, *, number: str, issued_on: dt.date
) -> dict[str, Any]:
    """The document as the unit issues it: the unit's heading and place, the number and
    date given at the moment of issue (never the dotted blanks of a draft)."""
    document = dict(
        content["document"],
        issuer=unit_issuer(unit),
        place=unit.short_name,
        number=number,
        date=issued_on.isoformat(),
    )
    return {**content, "document": document}


def citation(plan: Any) -> dict[str, Any]:
    """A plan as a reference of another plan ("Kế hoạch số 35/KH-UBND ngày 20/3/2026 của
    Ủy ban nhân dân huyện Trùng Khánh ...")."""
    document = plan.content.get("document") or {}
    issuer = (
        plan.issuer_name or (document.get("issuer") or {}).get("name") or plan_content.issuer_name(plan.unit)
    )
    return {
        "kind": document.get("kind") or plan.kind or "KH",
        "number": plan.number or document.get("number") or "",
        "date": plan.issued_on.isoformat() if plan.issued_on else document.get("date"),
        "issuer": issuer,
        "title": document.get("title") or plan.title,
        "role": "basis",
    }


# a place left blank for the clerk: dots, ellipses, underscores
_BLANK_PLACE = re.compile(r"^[\s.…_-]*$")


def as_shown(plan: Any) -> dict[str, Any]:
    """The document as exported and printed. A received plan is shown as its issuer wrote
    it; the unit's own plan carries the unit's heading and place where the document leaves
    them blank (a parsed "……, ngày ..." or no heading at all)."""
    content: dict[str, Any] = plan.content
    if plan.is_received or "document" not in content:
        return content
    document = dict(content["document"])
    if _BLANK_PLACE.match(document.get("place") or ""):
        document["place"] = plan.unit.short_name
    if not ((document.get("issuer") or {}).get("name") or "").strip():
        document["issuer"] = unit_issuer(plan.unit)
    return {**content, "document": document}
