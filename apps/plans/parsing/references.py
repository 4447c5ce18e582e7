"""Documents cited by number/symbol: '28/NQ-CP', '73/2006/QH11', '45-CT/TW', '2585/BNV-CTTN&BDG'."""

from __future__ import annotations

import re
from typing import Any

from core.text import fold

from .dates import NUMERIC_DATE, WORDY_DATE, iso

_SYMBOL = r"[A-ZĐ][A-ZĐa-zđ0-9]*(?:\s?[-&]\s?[A-ZĐ0-9][A-ZĐa-zđ0-9]*)*"
NUMBER = re.compile(
    rf"(?<![\w/])(?:(?P<a>\d{{1,5}}/(?:\d{{4}}/)?{_SYMBOL})|(?P<b>\d{{1,5}}-[A-ZĐ]{{1,4}}/[A-ZĐ]{{1,6}}))(?![\w/])"
)
KIND_WORDS = [
    ("luật", "Luật"),
    ("bộ luật", "Luật"),
    ("nghị quyết", "NQ"),
    ("nghị định", "NĐ"),
    ("quyết định", "QĐ"),
    ("thông tư liên tịch", "TTLT"),
    ("thông tư", "TT"),
    ("kế hoạch", "KH"),
    ("công văn", "CV"),
    ("văn bản", "CV"),
    ("hướng dẫn", "HD"),
    ("chỉ thị", "CT"),
    ("chương trình", "CTr"),
    ("thông báo", "TB"),
    ("báo cáo", "BC"),
    ("đề án", "ĐA"),
    ("công điện", "CĐ"),
    ("kết luận", "KL"),
    ("tờ trình", "TTr"),
]
SYMBOL_KINDS = {
    "NQ": "NQ",
    "NĐ": "NĐ",
    "QĐ": "QĐ",
    "TT": "TT",
    "KH": "KH",
    "HD": "HD",
    "CT": "CT",
    "CTr": "CTr",
    "TB": "TB",
    "BC": "BC",
    "ĐA": "ĐA",
    "TTLT": "TTLT",
    "KL": "KL",
    "CĐ": "CĐ",
    "TTr": "TTr",
}
_ISSUER_END = re.compile(
    r"\s(?:về|ban hành|phê duyệt|quy định|hướng dẫn|sửa đổi|triển khai|thực hiện|v/v|V/v)\b|[;,()]|$"
)


def number_key(number: str) -> str:
    return re.sub(r"\s+", "", number).casefold()


def _kind(before: str, number: str) -> str:
    tail = fold(before[-40:])
    best: tuple[int, str] | None = None
    for word, kind in KIND_WORDS:
        pos = tail.rfind(fold(word))
        if pos >= 0 and (best is None or pos > best[0]):
            best = (pos, kind)
    if best is not None and len(tail) - best[0] < 30:
        return best[1]
    if re.search(r"/QH\d+$", number):
        return "Luật"
    symbol = number.split("/")[-1] if "-" not in number.split("/")[0] else number.split("-")[1].split("/")[0]
    head = re.split(r"[-&]", symbol.split("/")[-1] if "/" in symbol else symbol)[0]
    return SYMBOL_KINDS.get(head, "CV")


def _after(text: str) -> tuple[str | None, str | None, str | None]:
    """Date, issuer and title that follow a number: ', ngày 03/3/2021 của Chính phủ ban hành ...'."""
    window = text[:400]
    date = None
    m = re.match(r"^[\s,]*(?:ngày\s*)?", window)
    rest = window[m.end() if m else 0 :]
    wm = WORDY_DATE.match("ngày " + rest) if not rest.startswith("ngày") else WORDY_DATE.match(rest)
    nm = NUMERIC_DATE.match(rest)
    if nm:
        date = iso(int(nm[3]), int(nm[2]), int(nm[1]))
        rest = rest[nm.end() :]
    elif wm and wm.start() == 0:
        date = iso(int(wm[3]), int(wm[2]), int(wm[1]))
        rest = rest[wm.end() - (0 if rest.startswith("ngày") else 5) :]
    issuer = None
    im = re.match(r"^\s*của\s+", rest)
    if im:
        rest = rest[im.end() :]
        end = _ISSUER_END.search(rest)
        issuer = rest[: end.start()].strip() if end else rest.strip()
        rest = rest[end.start() :] if end else ""
    title_match = re.match(
        r"^\s*(?:,\s*)?((?:về|ban hành|phê duyệt|quy định|hướng dẫn|sửa đổi|V/v|v/v)\b[^;]*)", rest
    )
    title = title_match.group(1).strip(" ,.") if title_match else None
    if title:
        title = re.split(
            r"(?<=\S)\s*[,;]\s+(?=(?:Kế hoạch|Quyết định|Nghị định|Thông tư|Công văn|Văn bản)\s+số)", title
        )[0]
    return date, issuer or None, title or None


def find_references(paragraphs: list[str], basis_count: int, own_number: str | None) -> list[dict[str, Any]]:
    """paragraphs in document order; the first `basis_count` are the opening basis paragraphs."""
    seen: set[str] = set()
    if own_number:
        seen.add(number_key(own_number))
    refs: list[dict[str, Any]] = []
    for index, text in enumerate(paragraphs):
        for match in NUMBER.finditer(text):
            number = match.group(0)
            key = number_key(number)
            if key in seen or re.match(r"^\d+/\d+/\d+", number):
                continue
            seen.add(key)
            date, issuer, title = _after(text[match.end() :])
            kind = _kind(text[: match.start()], number)
            if kind == "Luật" and title is None:
                law = re.search(r"Luật\s+((?:[^\s]+\s+){0,6}?)số\s*$", text[: match.start()])
                title = law.group(1).strip() if law else None
            refs.append(
                {
                    "kind": kind,
                    "number": re.sub(r"\s+", " ", number),
                    "date": date,
                    "issuer": issuer,
                    "title": title,
                    "role": "basis" if index < basis_count else "cited",
                }
            )
    return refs
