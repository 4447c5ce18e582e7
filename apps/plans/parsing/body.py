"""The body: sections I., II. ... and what each holds (objectives, tasks, funding,
assignments, reporting), plus targets, events, signer and recipients."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from core.text import fold

from .dates import dates_in, iso
from .outline import Node, section_marker, tree
from .tables import TaskRow
from .vocabulary import AGENCY_WORD

BULLET = re.compile(r"^(?:[-–—+•*·▪]|[a-zđ][.)]|\(?\d{1,2}[)/]|\([a-zđ]\))\s*")
IMPLEMENTER = re.compile(r"^(?:Cơ quan|Đơn vị)\s+(?:thực hiện|chủ trì|phụ trách)\s*:?\s*", re.IGNORECASE)
# "Cơ quan phối hợp: ...", "Đơn vị phối hợp: ..." (a task table's partner column)
PARTNER_LINE = re.compile(r"^(?:Cơ quan|Đơn vị)\s+phối hợp\s*:\s*", re.IGNORECASE)
TIMEFRAME = re.compile(r"^(?:Thời gian|Thời hạn)\s+(?:thực hiện|hoàn thành)?\s*:\s*", re.IGNORECASE)
CLOSING = re.compile(r"^(Trên đây là|Nơi nhận)|\./\.\s*$")
# "Phòng Văn hóa - Xã hội", "Các cơ quan, đơn vị": a line that starts by naming an agency
AGENCY_HEAD = re.compile(rf"^(?:{AGENCY_WORD}|Các)\b")
# ", Hội Nông dân" — the comma before the next agency of a list
_NEXT_AGENCY = re.compile(rf",\s+(?=(?:{AGENCY_WORD})\b)")


def section_kind(title: str) -> str:
    key = fold(title)
    if "muc dich" in key or "muc tieu" in key:
        return "objectives"
    if "kinh phi" in key:
        return "funding"
    if "to chuc thuc hien" in key or "phan cong" in key or "trach nhiem" in key:
        return "assignments"
    if "bao cao" in key:
        return "reporting"
    if any(w in key for w in ("noi dung", "nhiem vu", "giai phap", "hoat dong", "chi tieu")):
        return "tasks"
    return "other"


@dataclass
class Section:
    numeral: str
    title: str
    kind: str
    paragraphs: list[str] = field(default_factory=list)
    rows: dict[int, TaskRow] = field(default_factory=dict)  # paragraph index -> the task row it opens
    depths: dict[int, int] = field(default_factory=dict)  # paragraph index -> its level in Word's list


def split_sections(
    paragraphs: list[str], rows: Sequence[TaskRow | None] = (), depths: Sequence[int | None] = ()
) -> tuple[list[str], list[Section], list[str]]:
    """(opening paragraphs, sections, closing paragraphs up to Nơi nhận); `rows[i]` is the
    task table row that paragraph i opens, `depths[i]` its level in Word's list, if any,
    kept with it in its section."""
    opening: list[str] = []
    sections: list[Section] = []
    closing: list[str] = []
    for index, text in enumerate(paragraphs):
        if closing or (sections and CLOSING.match(text)):
            closing.append(text)
            continue
        m = section_marker(text)
        if m:
            title, _, inline = m.rest.partition(":") if ":" in m.rest else (m.rest, "", "")
            if title.upper() == title or not sections:
                section = Section(m.label, title.strip(), section_kind(title))
                if inline.strip():
                    section.paragraphs.append(inline.strip())
                sections.append(section)
                continue
        if sections:
            row = rows[index] if index < len(rows) else None
            if row is not None:
                sections[-1].rows[len(sections[-1].paragraphs)] = row
            depth = depths[index] if index < len(depths) else None
            if depth is not None:
                sections[-1].depths[len(sections[-1].paragraphs)] = depth
            sections[-1].paragraphs.append(text)
        else:
            opening.append(text)
    return opening, sections, closing


def outline(section: Section) -> list[Node]:
    """Numbered parts of a section as a tree, with their paragraphs."""
    return tree(section.paragraphs, section.numeral, section.rows, section.depths)


def clean_item(text: str) -> str:
    return BULLET.sub("", text).strip()


# "Tuyên truyền: tăng cường ...": a heading and the text it runs into
TITLE_AND_TEXT = re.compile(r"^(.+?):\s+(\S.*)$")
# "Thực hiện Đề án (Quyết định số 1/QĐ-TTg) Tổ chức ...": a heading that ends with its basis
TITLE_AFTER_CITATION = re.compile(
    r"^(.*\(\s*(?:Quyết định|Nghị quyết|Nghị định|Kế hoạch|Chỉ thị)[^)]*\))\s+([A-ZĐ].*)$"
)


def split_title(title: str) -> tuple[str, str | None]:
    """'X: tăng cường ...' -> ('X', 'tăng cường ...'); a trailing colon is dropped."""
    title = title.strip()
    if title.endswith(":"):
        return title[:-1].strip(), None
    m = TITLE_AND_TEXT.match(title)
    if m and m[2][:1].islower():
        return m[1].strip(), m[2].strip()
    m = TITLE_AFTER_CITATION.match(title)
    if m:
        return m[1].strip(), m[2].strip()
    return title, None


_AGENCY_STOP = re.compile(
    r"\s(?:chủ trì|phối hợp|thực hiện|triển khai|tham mưu|theo|căn cứ|xây dựng|tổ chức|hướng dẫn|chịu trách nhiệm|tích cực|có trách nhiệm)\b|[.;(]"
)


# " và Hội Phụ nữ", " và các cơ quan": the "and" before the next agency of a list
AND_NEXT_AGENCY = re.compile(r"\s+và\s+(?=[A-ZĐ]|các\s)")
# "Công an xã phối hợp với Đoàn Thanh niên": where the lead ends and the partners begin
WITH_PARTNERS = re.compile(r"\s(?:phối hợp với|phối hợp cùng|cùng với)\s")


def split_agencies(text: str) -> list[str]:
    """'Văn phòng HĐND&UBND xã, Phòng Văn hóa-xã hội và các cơ quan, đơn vị liên quan' -> three agencies."""
    text = text.strip(" .;:")
    if not text:
        return []
    parts = AND_NEXT_AGENCY.split(text)
    merged: list[str] = []
    for part in parts:
        if (
            merged
            and not (AGENCY_HEAD.match(part) and part[:1].isupper())
            and not AGENCY_HEAD.match(merged[-1].split(", ")[-1])
        ) or (merged and part.startswith("các") and not merged[-1].split(", ")[-1][:1].isupper()):
            merged[-1] = f"{merged[-1]} và {part}"
        else:
            merged.append(part)
    agencies: list[str] = []
    for part in merged:
        pieces = _NEXT_AGENCY.split(part)
        agencies.extend(p.strip(" ,.") for p in pieces if p.strip(" ,."))
    return agencies


def agencies_in_sentence(sentence: str) -> tuple[list[str], list[str]]:
    """Lead and partner agencies named in one implementer sentence."""
    sentence = sentence.strip()
    lead_part, partner_part = sentence, ""
    m = WITH_PARTNERS.search(sentence)
    if m:
        lead_part, partner_part = sentence[: m.start()], sentence[m.end() :]
    stop = _AGENCY_STOP.search(lead_part)
    lead_text = lead_part[: stop.start()] if stop else lead_part
    partners: list[str] = []
    if partner_part:
        stop = _AGENCY_STOP.search(partner_part)
        partners = split_agencies(partner_part[: stop.start()] if stop else partner_part)
    return split_agencies(lead_text), partners


TIME_CONTINUOUS = re.compile(r"thường xuyên|liên tục|cả năm|suốt", re.IGNORECASE)
TIME_PERIODIC = re.compile(
    r"hằng năm|hàng năm|định kỳ|hằng quý|hàng quý|hằng tháng|hàng tháng|mỗi quý|mỗi tháng", re.IGNORECASE
)
TIME_CONDITION = re.compile(r"^\s*(?:sau khi|khi có|ngay khi|theo hướng dẫn|khi được)", re.IGNORECASE)
QUARTER = re.compile(r"quý\s+(I{1,3}|IV|[1-4])\s*(?:/|năm)\s*(\d{4})", re.IGNORECASE)
MONTH = re.compile(r"tháng\s+(\d{1,2})\s*(?:/|năm)\s*(\d{4})", re.IGNORECASE)
YEAR = re.compile(r"(?<![\d/])(20\d{2}|19\d{2})(?![\d/])")
_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}


# "trước ngày 15/6", "chậm nhất 30/11", "hạn 10/12": one date is a deadline, not a start
DEADLINE_WORD = re.compile(r"trước|chậm nhất|hạn", re.IGNORECASE)


def timeframe(text: str, plan_year: int | None) -> dict[str, Any]:
    text = text.strip().rstrip(".;")
    start = end = None
    recurrence: str | None = "once"
    dates = dates_in(text, plan_year)
    quarter, month = QUARTER.search(text), MONTH.search(text)
    years = YEAR.findall(text)
    if TIME_CONDITION.match(text):
        recurrence = "on_condition"
    elif TIME_CONTINUOUS.search(text):
        recurrence = "continuous"
    elif TIME_PERIODIC.search(text):
        recurrence = "periodic"
    if dates:
        if DEADLINE_WORD.search(text) and len(dates) == 1:
            end = dates[0]
        else:
            start, end = dates[0], dates[-1]
    elif quarter:
        q, y = _QUARTERS[quarter[1].upper()], int(quarter[2])
        start, end = iso(y, 3 * q - 2), iso(y, 3 * q)
    elif month:
        start = end = iso(int(month[2]), int(month[1]))
    elif years:
        start, end = years[0], years[-1]
    if recurrence == "on_condition":
        start = end = None
    return {"text": text, "start": start, "end": end, "recurrence": recurrence}
