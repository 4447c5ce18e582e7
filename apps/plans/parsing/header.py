"""The document's head: issuer, number, place and date, kind and title."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.text import fold

from .dates import parse_date_line
from .lines import Para
from .outline import marker

KIND_WORDS = {
    "KẾ HOẠCH": "KH",
    "QUYẾT ĐỊNH": "QĐ",
    "CÔNG VĂN": "CV",
    "BÁO CÁO": "BC",
    "THÔNG BÁO": "TB",
    "HƯỚNG DẪN": "HD",
    "CHƯƠNG TRÌNH": "CTr",
    "ĐỀ ÁN": "ĐA",
    "TỜ TRÌNH": "TTr",
    "NGHỊ QUYẾT": "NQ",
    "CHỈ THỊ": "CT",
    "KẾ HOẠCH LIÊN TỊCH": "KHLT",
}
_FOLDED_KINDS = {fold(word): code for word, code in KIND_WORDS.items()}
NUMBER_LINE = re.compile(r"^Số\s*:?\s*(?P<num>[\d.…_ ]*/[^\s,;]+(?:\s?&\s?[^\s,;]+)?)", re.IGNORECASE)
MOTTO = re.compile(r"^(CỘNG H(?:ÒA|OÀ) XÃ HỘI|Độc lập\s*-\s*Tự do|ĐỘC LẬP)", re.IGNORECASE)
BODY_START = re.compile(
    r"^(Căn cứ|Thực hiện\b.*\bsố\b|Để\s|Nhằm\s|Trên cơ sở|Theo\s|Thi hành|Nhân dịp)", re.IGNORECASE
)

# "Số: ..../KH-UBND" -> "/KH-UBND": the dots or blanks left for a number filled in by hand
NUMBER_BLANK = re.compile(r"^[.…_\s]+")
# "... Kế hoạch số 12/KH-UBND": a line that cites a number is not part of the title
CITED_NUMBER = re.compile(r"\bsố\s+\d")
WHITE_SPACE = re.compile(r"\s+")
# "KẾ HOẠCH": at least two capitals in a row (a line in upper case, not a lone initial)
TWO_CAPITALS = re.compile(r"[A-ZĐ]{2}")
# "UBND TỈNH BẮC GIANG" before the issuer: its province
PROVINCE_LINE = re.compile(r"(TỈNH|THÀNH PHỐ)\s+([A-ZĐÀ-Ỹ '-]+)$")
# "ỦY BAN NHÂN DÂN XÃ HÀ TÂY": the issuer's body, level and place in the header lines
ISSUER_LINE = re.compile(
    r"(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN)\s+"
    r"(ĐẶC KHU|THỊ TRẤN|XÃ|PHƯỜNG|HUYỆN|QUẬN|THỊ XÃ|TỈNH|THÀNH PHỐ)\s+([A-ZĐÀ-Ỹ0-9 '-]+)$"
)


# the verb that opens the first paragraph after a title: "Thực hiện nhiệm vụ ... theo quy"
OPENING_VERB = re.compile(r"^(?:Thực hiện|Căn cứ|Thi hành|Triển khai)\b")


@dataclass
class Header:
    kind: str | None = None
    number: str | None = None
    place: str | None = None
    date: str | None = None
    title: str = ""
    issuer_lines: list[str] = field(default_factory=list)
    body_start: int = 0  # index of the first body line
    has_kind_line: bool = False
    has_date_line: bool = False


def read_header(lines: list[Para]) -> Header:
    head = Header()
    kind_index = None
    for i, para in enumerate(lines[:60]):
        text = para.text.strip()
        upper = text.upper()
        if text == upper and fold(text) in _FOLDED_KINDS:
            kind_index, head.kind, head.has_kind_line = i, _FOLDED_KINDS[fold(text)], True
            break
        number = NUMBER_LINE.match(text)
        if number and head.number is None:
            head.number = NUMBER_BLANK.sub("", number["num"]).replace(" ", "") or None
            continue
        date_line = parse_date_line(text)
        if date_line and not head.has_date_line:
            head.place, head.date = date_line
            head.has_date_line = True
            continue
        if MOTTO.match(text):
            continue
        if text == upper and len(text) < 80 and not BODY_START.match(text):
            head.issuer_lines.append(text)
    if head.number and "/" in head.number:
        symbol = head.number.split("/", 1)[1]
        head.number = head.number if head.number.split("/")[0] else "/" + symbol
        if head.kind is None:
            head.kind = symbol.split("-")[0] or None
    if kind_index is None:
        head.body_start = (
            len(head.issuer_lines) + (1 if head.number else 0) + (1 if head.has_date_line else 0)
        )
        return head
    title_lines: list[str] = []
    i = kind_index + 1
    while i < len(lines):
        text = lines[i].text
        if not title_lines or (
            not BODY_START.match(text)
            and not OPENING_VERB.match(text)
            and not CITED_NUMBER.search(text)
            and (text[:1].islower() or (len(text) < 100 and not title_lines[-1].endswith((".", ":", ";"))))
            and sum(len(t) for t in title_lines) < 250
            and not _opens_a_part(text)
            and not ATTACHED_TO.match(text)
            and not _enacting_line(text, title_lines)
        ):
            title_lines.append(text)
        else:
            break
        if lines[i].heading and i + 1 < len(lines) and not lines[i + 1].heading:
            i += 1
            break
        i += 1
    # the number line sometimes follows the kind line in short documents
    head.title = WHITE_SPACE.sub(" ", " ".join(title_lines)).strip(" .")
    head.body_start = i
    return head


# "(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày ... của ...)" under an attached plan's title
ATTACHED_TO = re.compile(r"^\(?\s*(?:Ban hành\s+)?kèm theo\b", re.IGNORECASE)


def _enacting_line(text: str, title_lines: list[str]) -> bool:
    """'CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ ...' (or 'QUYẾT ĐỊNH:') after a decision's title in
    ordinary case is the enacting line, not more title."""
    if not title_lines or title_lines[-1] == title_lines[-1].upper():
        return False
    return text == text.upper() and bool(TWO_CAPITALS.search(text))


def _opens_a_part(text: str) -> bool:
    found = marker(text)
    return found is not None and found.kind != "bullet"


# upper-case letters of Vietnamese, for proper names ("Hà Tây", "Đăk Cấm"); a range
# like À-Ỹ would also take lower-case letters such as "đ" and "ặ".
UPPER = "A-Z" + "".join(ch for ch in map(chr, range(0xC0, 0x1EFA)) if ch.isupper() and ch.isalpha())
PROPER_NAME = rf"[{UPPER}][\w']*(?:[ -](?:[{UPPER}][\w']*|\d+))*"

LEVEL_WORDS = [
    ("đặc khu", "special_zone"),
    ("thị trấn", "commune"),
    ("xã", "commune"),
    ("phường", "ward"),
    ("huyện", "district"),
    ("quận", "district"),
    ("thị xã", "district"),
    ("tỉnh", "province"),
    ("thành phố", "city"),
]
CENTRAL_CITIES = {"ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue"}
_PROPER = rf"(?:{PROPER_NAME})"
UNIT_PHRASE = re.compile(
    r"(?P<body>Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Hội đồng nhân dân|HĐND)\s+(?P<level>đặc khu|thị trấn|xã|phường|huyện|quận|thị xã|tỉnh|thành phố)(?:\s+(?P<name>"
    + _PROPER
    + "))?"
)


def level_of(level_word: str, locality: str | None) -> str:
    level = dict(LEVEL_WORDS)[level_word.lower()]
    if level == "city":
        return "province" if locality and fold(locality) in CENTRAL_CITIES else "district"
    return level


def issuer_from_lines(lines: list[str]) -> tuple[str, str | None, str | None, str | None] | None:
    """['ỦY BAN NHÂN DÂN', 'XÃ HÀ TÂY'] -> ('Ủy ban nhân dân xã Hà Tây', 'commune', 'Hà Tây', parent line)."""
    joined = " ".join(lines)
    m = ISSUER_LINE.search(joined)
    if not m:
        return None
    body = "Hội đồng nhân dân" if m[1].startswith("HỘI") else "Ủy ban nhân dân"
    level_word = m[2].lower()
    locality = m[3].strip().title()
    parent = None
    before = joined[: m.start()].strip()
    pm = PROVINCE_LINE.search(before)
    if pm:
        parent = f"{pm[1].lower()} {pm[2].strip().title()}"
    return f"{body} {level_word} {locality}", level_of(level_word, locality), locality, parent
