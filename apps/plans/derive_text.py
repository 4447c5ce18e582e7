"""The words of a plan made from the plan of a body above (the province, the district):
its title names the commune, and its targets speak for the commune.

Targets of a province plan count communes ("100% xã, phường, đặc khu xây dựng kế
hoạch ..."); in the commune's own plan the same target is the commune's ("Xã xây dựng
kế hoạch ..."). Targets that measure the province's own bodies ("các sở, ban, ngành",
"cấp tỉnh") or a share of the communes ("80% xã, phường ...") do not apply to one
commune as written: they are listed for the officer to keep or drop. Pure text, no
models."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from core.text import fold

# the commune-level divisions a province or district plan lists together
_DIVISION = r"(?:xã|phường|thị\s+trấn|đặc\s+khu)"
_DIVISION_LIST = rf"{_DIVISION}(?:\s*(?:,|và|/)\s*{_DIVISION})*"
# a percentage or "tất cả" before the list: "100% xã, phường", "100% các xã", "tất cả các xã"
_SHARE = r"(?P<share>\d{1,3}(?:[.,]\d+)?\s*%|tất\s+cả)\s+(?:(?:số|các)\s+)*"
# "các xã, phường, đặc khu" without a figure: every commune
_EVERY = r"(?P<every>các)\s+"
# "Ủy ban nhân dân các xã, phường": the communes' people's committees
_COMMITTEE = r"(?P<committee>(?:ủy|uỷ)\s+ban\s+nhân\s+dân|ubnd)\s+"
# words that may open a target before the communes: the commune becomes their subject
_AIMS = {"phan dau", "dam bao", "bao dam"}
# province-wide wording (folded): what the target measures is not the commune's
PROVINCE_WORDS = {
    "so ban nganh": _("the province's departments and agencies"),
    "cap tinh": _("the province level"),
    "cap thanh pho": _("the province level"),
    "cap huyen": _("the district level"),
    "cac huyen": _("the districts"),
    "toan tinh": _("the whole province"),
    "toan thanh pho": _("the whole province"),
    "tren dia ban tinh": _("the whole province"),
    "tren dia ban thanh pho": _("the whole province"),
    "ubnd tinh": _("the province's people's committee"),
    "uy ban nhan dan tinh": _("the province's people's committee"),
    "ubnd thanh pho": _("the province's people's committee"),
    "uy ban nhan dan thanh pho": _("the province's people's committee"),
}
SHARE_OF_COMMUNES = _("a share of the communes")


@dataclass(frozen=True)
class Place:
    """How the text names a unit: its level word ("xã", "tỉnh") and its name ("Hà Tây")."""

    word: str
    name: str

    @property
    def words(self) -> str:
        return f"{self.word} {self.name}"


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def commune_title(title: str, source: Place | None, commune: Place) -> str:
    """The derived plan's title names the commune: the body above's place is replaced
    ("... huyện Trùng Khánh năm 2026" -> "... xã Hà Tây năm 2026"), else the commune is
    named before the year ("... phụ nữ năm 2026" -> "... phụ nữ xã Hà Tây năm 2026")."""
    title = _nfc(title).strip()
    if fold(commune.name) in fold(title):
        return title
    if source is not None and source.name:
        named = re.compile(rf"\b{re.escape(source.word)}\s+{re.escape(source.name)}\b", re.IGNORECASE)
        if named.search(title):
            return named.sub(commune.words, title, count=1)
    area = re.compile(r"\btrên\s+địa\s+bàn\s+(?:tỉnh|thành\s+phố|huyện)\b", re.IGNORECASE)
    if area.search(title):
        return area.sub(f"trên địa bàn {commune.words}", title, count=1)
    year = list(re.finditer(r"\s+(?:năm|giai\s+đoạn)\s+20\d{2}", title))
    if year:
        at = year[-1].start()
        return f"{title[:at]} {commune.words}{title[at:]}"
    return f"{title} {commune.words}"


@dataclass
class TargetChange:
    """What becomes of one target in the derived plan."""

    index: int
    text: str
    new_text: str | None = None  # reworded for the commune
    # why it does not apply to a commune as written (a translatable phrase; listed to keep or drop)
    reason: Any = ""

    @property
    def to_review(self) -> bool:
        return bool(self.reason)


def _plural(source: Place | None) -> re.Pattern[str]:
    where = r"(?P<where>\s+(?:trên\s+địa\s+bàn|thuộc|của)\s+(?:tỉnh|thành\s+phố|huyện)"
    where += rf"(?:\s+{re.escape(source.name)})?)?" if source is not None and source.name else ")?"
    return re.compile(
        rf"(?:{_SHARE}|{_COMMITTEE}(?:các\s+)?|{_EVERY})(?P<list>{_DIVISION_LIST}){where}",
        re.IGNORECASE,
    )


def _reason(text: str) -> Any:
    key = f" {fold(text)} "
    return next((why for words, why in PROVINCE_WORDS.items() if f" {words} " in key), "")


def commune_target(text: str, source: Place | None, commune: Place) -> TargetChange:
    """One target as the commune's ("100% xã, phường, đặc khu tổ chức ..." -> "Xã tổ
    chức ..."), or the reason it does not apply to one commune."""
    text = _nfc(text).strip()
    change = TargetChange(index=-1, text=text)
    match = _plural(source).search(text)
    if match is not None:
        share = match["share"] or ""
        digits = re.sub(r"[^\d.,]", "", share).replace(",", ".")
        if digits and float(digits) < 100:
            change.reason = SHARE_OF_COMMUNES
            return change
        subject = f"Ủy ban nhân dân {commune.word}" if match["committee"] else commune.word
        head = text[: match.start()].strip()
        if fold(head) in _AIMS:  # "Phấn đấu 100% xã ..." -> "Xã phấn đấu ..."
            rewritten = f"{subject} {head.lower()}{text[match.end() :]}"
        else:
            rewritten = text[: match.start()] + subject + text[match.end() :]
        change.new_text = _capital(re.sub(r"\s+", " ", rewritten).strip())
    remaining = change.new_text or text
    change.reason = _reason(remaining)
    if change.reason:
        change.new_text = None  # listed as written, for the officer to keep or drop
    return change


def commune_targets(
    targets: list[dict[str, Any]], source: Place | None, commune: Place
) -> list[TargetChange]:
    changes = []
    for index, target in enumerate(targets):
        change = commune_target(target.get("text") or "", source, commune)
        change.index = index
        changes.append(change)
    return changes


def apply_targets(
    targets: list[dict[str, Any]], changes: list[TargetChange], keep: set[int]
) -> list[dict[str, Any]]:
    """The derived plan's targets: reworded ones in their new words, the ones listed for
    review only when the officer kept them (`keep`: their indexes)."""
    result = []
    for target, change in zip(targets, changes, strict=True):
        if change.to_review and change.index not in keep:
            continue
        if change.new_text:
            subject = change.new_text.rstrip(" .;")
            target = dict(target, text=change.new_text, subject=subject[:1].lower() + subject[1:])
        result.append(target)
    return result
