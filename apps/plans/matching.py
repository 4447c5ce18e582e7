"""Agency names as plans write them -> the unit's own agencies.

Plans abbreviate ("Hội LHPN xã", "UBMTTQ", "Đoàn TN"), add or drop the locality ("Công an
xã" vs "Công an xã Hà Tây") and spell tones two ways; the match is made on a key that
expands the usual abbreviations, folds accents and drops the locality words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from core.text import fold

# abbreviation (folded) -> its words (folded); the longest first
ABBREVIATIONS = {
    "ubmttqvn": "uy ban mat tran to quoc viet nam",
    "ubmttq": "uy ban mat tran to quoc",
    "mttqvn": "mat tran to quoc viet nam",
    "mttq": "mat tran to quoc",
    "lhpn": "lien hiep phu nu",
    "hlhpn": "hoi lien hiep phu nu",
    "hoi phu nu": "hoi lien hiep phu nu",
    "hdnd": "hoi dong nhan dan",
    "ubnd": "uy ban nhan dan",
    "dtncs": "doan thanh nien cong san",
    "tncs": "thanh nien cong san",
    "dtn": "doan thanh nien",
    "tn": "thanh nien",
    "hcm": "ho chi minh",
    "ccb": "cuu chien binh",
    "hnd": "hoi nong dan",
    "vhxh": "van hoa xa hoi",
    "vh xh": "van hoa xa hoi",
    "bchqs": "ban chi huy quan su",
    "qs": "quan su",
    "htx": "hop tac xa",
    "dn": "doanh nghiep",
    "tyt": "tram y te",
}
_ABBREVIATION = re.compile(
    r"\b(" + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True)) + r")\b"
)
# words that say where, not who
_LOCALITY_WORDS = re.compile(r"\b(xa|phuong|dac khu|thi tran|tinh|thanh pho|huyen|quan|thi xa)\b")
_FILLER = re.compile(r"\b(cac|va|cua|tren dia ban)\b")


def agency_key(name: str, locality: str = "") -> str:
    key = fold(name.replace("&", " và "))
    key = _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.group(1)], key)
    if locality:
        key = re.sub(r"\b" + re.escape(fold(locality)) + r"\b", " ", key)
    key = _LOCALITY_WORDS.sub(" ", key)
    key = _FILLER.sub(" ", key)
    return re.sub(r"\s+", " ", key).strip()


@dataclass(frozen=True)
class Candidate:
    pk: int
    name: str
    # a village's agency ("Thôn 1") is only meant when written exactly, never by "các thôn"
    exact_only: bool = False


def best_match(written: str, agencies: Iterable[Candidate], locality: str = "") -> Candidate | None:
    """The agency whose key equals the written name's key; else the one whose key
    contains it (or is contained in it) with the most words in common; else None."""
    wanted = agency_key(written, locality)
    if not wanted:
        return None
    keyed = [(agency_key(a.name, locality), a) for a in agencies]
    for key, agency in keyed:
        if key == wanted:
            return agency
    folded = fold(written)
    if folded.startswith("cac ") or "," in written or " va " in f" {folded} ":
        # "các cơ quan", "UBMTTQ, Hội LHPN và các tổ chức …": a group or several bodies,
        # never guessed as one agency; the person reviewing chooses
        return None
    wanted_words = set(wanted.split())
    scored = []
    for key, agency in keyed:
        if agency.exact_only:
            continue
        if key and (f" {wanted} " in f" {key} " or f" {key} " in f" {wanted} "):
            common = len(wanted_words & set(key.split()))
            scored.append((common, -abs(len(key) - len(wanted)), agency))
    if not scored:
        return None
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return scored[0][2]


def written_agencies(content: dict[str, object]) -> list[str]:
    """Every agency name the plan's tasks and assignments name, in order, once each."""
    seen: dict[str, None] = {}
    for task in content.get("tasks") or []:  # type: ignore[attr-defined]
        for name in [*(task.get("lead") or []), *(task.get("partners") or [])]:
            seen.setdefault(name, None)
    for assignment in content.get("assignments") or []:  # type: ignore[attr-defined]
        if assignment.get("agency"):
            seen.setdefault(assignment["agency"], None)
    return list(seen)


def filled_map(
    content: dict[str, object],
    agencies: Iterable[Candidate],
    agency_map: dict[str, int | None],
    locality: str = "",
) -> dict[str, int | None]:
    """The plan's agency map with every name it writes that the map does not yet hold
    matched to the unit's agency (`best_match`, as the import review does). A name already
    in the map keeps what the person chose, an agency or None ("keep as written")."""
    candidates = list(agencies)
    filled = dict(agency_map)
    for written in written_agencies(content):
        if written in filled:
            continue
        match = best_match(written, candidates, locality)
        if match is not None:
            filled[written] = match.pk
    return filled
