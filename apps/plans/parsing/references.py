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


WHITE_SPACE = re.compile(r"\s+")
# "59/2024/QH15": the symbol of a law passed by the National Assembly
LAW_SYMBOL = re.compile(r"/QH\d+$")
# "NQ-CP", "HĐND&UBND": the joins inside a symbol (its first part names the kind)
SYMBOL_JOIN = re.compile(r"[-&]")
# ", ngày " before the date that follows a number
BEFORE_DATE = re.compile(r"^[\s,]*(?:ngày\s*)?")
# " của Chính phủ": the issuer after a number and its date
OF_ISSUER = re.compile(r"^\s*của\s+")
# ", về tăng cường ...", "ban hành Kế hoạch ...": the title of a cited document
CITED_TITLE = re.compile(
    r"^\s*(?:,\s*)?((?:về|ban hành|phê duyệt|quy định|hướng dẫn|sửa đổi|V/v|v/v)\b[^;]*)"
)
# "...; Kế hoạch số 5/KH-UBND": where the next citation starts inside a title
NEXT_CITATION = re.compile(
    r"(?<=\S)\s*[,;]\s+(?=(?:Kế hoạch|Quyết định|Nghị định|Thông tư|Công văn|Văn bản)\s+số)"
)
# "15/6/2025": a date, not a document number
DATE_NOT_NUMBER = re.compile(r"^\d+/\d+/\d+")
# "Luật Bình đẳng giới số": the name of a law before its number
LAW_NAME = re.compile(r"Luật\s+((?:[^\s]+\s+){0,6}?)số\s*$")


def number_key(number: str) -> str:
    return WHITE_SPACE.sub("", number).casefold()


def _kind(before: str, number: str) -> str:
    tail = fold(before[-40:])
    best: tuple[int, str] | None = None
    for word, kind in KIND_WORDS:
        pos = tail.rfind(fold(word))
        if pos >= 0 and (best is None or pos > best[0]):
            best = (pos, kind)
    if best is not None and len(tail) - best[0] < 30:
        return best[1]
    if LAW_SYMBOL.search(number):
        return "Luật"
    symbol = number.split("/")[-1] if "-" not in number.split("/")[0] else number.split("-")[1].split("/")[0]
    head = SYMBOL_JOIN.split(symbol.split("/")[-1] if "/" in symbol else symbol)[0]
    return SYMBOL_KINDS.get(head, "CV")


def _after(text: str) -> tuple[str | None, str | None, str | None]:
    """Date, issuer and title that follow a number: ', ngày 03/3/2021 của Chính phủ ban hành ...'."""
    window = text[:400]
    date = None
    m = BEFORE_DATE.match(window)
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
    im = OF_ISSUER.match(rest)
    if im:
        rest = rest[im.end() :]
        end = _ISSUER_END.search(rest)
        issuer = rest[: end.start()].strip() if end else rest.strip()
        rest = rest[end.start() :] if end else ""
    title_match = CITED_TITLE.match(rest)
    title = title_match.group(1).strip(" ,.") if title_match else None
    if title:
        title = NEXT_CITATION.split(title)[0]
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
            if key in seen or DATE_NOT_NUMBER.match(number):
                continue
            seen.add(key)
            date, issuer, title = _after(text[match.end() :])
            kind = _kind(text[: match.start()], number)
            if kind == "Luật" and title is None:
                law = LAW_NAME.search(text[: match.start()])
                title = law.group(1).strip() if law else None
            refs.append(
                {
                    "kind": kind,
                    "number": WHITE_SPACE.sub(" ", number),
                    "date": date,
                    "issuer": issuer,
                    "title": title,
                    "role": "basis" if index < basis_count else "cited",
                }
            )
    return refs
