"""Assembles the structured plan from the cleaned paragraphs."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from core.text import fold

from . import body, extras, parts
from .blocks import Block
from .errors import ParseError
from .header import PROPER_NAME, UNIT_PHRASE, Header, issuer_from_lines, level_of, read_header
from .lines import Para, join_paragraphs, raw_lines
from .outline import Marker, leaves, marker, numbered
from .references import find_references, number_key
from .tables import TaskRow
from .vocabulary import AGENCY_WORD

# a word of two letters or more: a file without one has no text to read
WORD = re.compile(r"[^\W\d_]{2,}")
# "Nơi nhận:" — the recipients list that opens the tail of the document
RECIPIENTS_START = re.compile(r"^Nơi nhận\b")


@dataclass
class _Head:
    """The head of the plan, and of the decision that issues it when there is one."""

    head: Header
    decision: Header | None
    lines: list[Para]  # the plan's lines (after the decision's, if any)


@dataclass
class _Body:
    paragraphs: list[str]  # the body's paragraphs, up to the signature
    tail: list[Para]  # "Nơi nhận", the signature block
    opening: list[str]
    sections: list[body.Section]
    closing: list[str]


@dataclass
class _Fields:
    """What the sections of the body hold."""

    objectives: dict[str, list[str]] = field(default_factory=lambda: {"purposes": [], "requirements": []})
    tasks: list[dict[str, Any]] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)
    assignments: list[dict[str, Any]] = field(default_factory=list)
    funding: list[str] = field(default_factory=list)
    reporting: list[dict[str, Any]] = field(default_factory=list)


def extract(blocks: Sequence[Block], fmt: str) -> dict[str, Any]:
    lines, footnotes, dropped_pages = raw_lines(blocks)
    if not any(WORD.search(p.text) for p in lines):
        raise ParseError("Tệp không có nội dung văn bản đọc được.")
    warnings: list[str] = []
    found = _head(lines)
    head, decision = found.head, found.decision
    plan_body = _body(found.lines, head, fmt)
    all_text = " ".join(p.text for p in found.lines) + " " + " ".join(footnotes)

    year = _plan_year(head.title, head.date, all_text)
    issuer = _issuer(
        head.issuer_lines,
        plan_body.opening + plan_body.closing + plan_body.paragraphs[:3],
        all_text,
        warnings,
    )
    if issuer["parent"] is None and issuer["level"] not in ("province", "national"):
        issuer["parent"] = _parent_from_text(all_text, issuer["locality"])

    fields = _sections(plan_body.sections, year, warnings)
    section_texts = [p for s in plan_body.sections for p in s.paragraphs]
    references = find_references(
        plan_body.opening + section_texts + footnotes, len(plan_body.opening), head.number
    )
    events = extras.events_in(
        " ".join(plan_body.opening + section_texts + plan_body.closing + footnotes), year
    )
    signer, recipients, had_recipients = extras.signer_and_recipients(plan_body.tail)

    if decision is not None:
        warnings.insert(0, _decision_warning(decision))
        _cite_decision(decision, issuer, references)
    warnings += _head_warnings(head, decision)
    warnings += _signature_warnings(signer, had_recipients)
    if dropped_pages:
        warnings.append(f"đã bỏ {dropped_pages} dòng số trang lẫn trong nội dung")
    untimed = [t["ref"] for t in fields.tasks if t["timeframe"] is None]
    if fields.tasks and untimed and len(untimed) < len(fields.tasks):
        warnings.append("mục " + ", ".join(untimed) + " không ghi thời gian thực hiện")

    return {
        "schema_version": "1.0",
        "document": {
            "kind": head.kind or "KH",
            "number": head.number,
            "issuer": issuer,
            "place": head.place,
            "date": head.date,
            "title": head.title,
            "year": year,
        },
        "references": references,
        "objectives": fields.objectives,
        "tasks": fields.tasks,
        "targets": fields.targets,
        "assignments": fields.assignments,
        "events": events,
        "funding": fields.funding,
        "reporting": fields.reporting,
        "signer": signer,
        "recipients": recipients,
        "source": {"format": fmt, "warnings": warnings},
    }


def _head(lines: list[Para]) -> _Head:
    """The plan's head; when a decision issues the plan, the plan is the document and the
    decision its basis, lending the plan its issuer and date if the plan leaves them out."""
    decision = None
    two_parts = parts.attached_plan(lines)
    if two_parts:
        decision_lines, lines = two_parts
        decision = read_header(decision_lines)
    head = read_header(lines)
    if decision is not None:
        head.issuer_lines = head.issuer_lines or decision.issuer_lines
        if head.date is None and decision.has_date_line:
            head.place, head.date, head.has_date_line = decision.place, decision.date, True
    if head.body_start > 0:
        lines[head.body_start - 1].heading = True
    return _Head(head, decision, lines)


def _body(lines: list[Para], head: Header, fmt: str) -> _Body:
    """The body's paragraphs and sections, and the tail from "Nơi nhận" (or, without it,
    from the signing authority among the last lines)."""
    body_lines = lines[head.body_start :]
    tail_start = next((i for i, p in enumerate(body_lines) if RECIPIENTS_START.match(p.text)), None)
    if tail_start is None:
        tail_start = next(
            (
                i
                for i in range(len(body_lines) - 1, max(len(body_lines) - 12, -1), -1)
                if extras.SIGN_AUTHORITY.match(body_lines[i].text)
            ),
            len(body_lines),
        )
    joined = join_paragraphs(body_lines[:tail_start], laid_out=fmt == "pdf")
    paragraphs = [p.text for p in joined]
    opening, sections, closing = body.split_sections(
        paragraphs, [p.row for p in joined], [p.depth for p in joined]
    )
    return _Body(paragraphs, body_lines[tail_start:], opening, sections, closing)


def _sections(sections: list[body.Section], year: int | None, warnings: list[str]) -> _Fields:
    """Each section read for what its kind holds; reporting duties found in tasks and
    assignments count only when the plan has no reporting section of its own."""
    fields = _Fields()
    reporting_section = any(s.kind == "reporting" for s in sections)
    reporting_elsewhere = fields.reporting if not reporting_section else None
    for section in sections:
        if section.kind == "objectives":
            _objectives(section, fields.objectives, fields.targets)
        elif section.kind == "tasks":
            before = len(fields.tasks)
            _tasks(section, year, fields.tasks, fields.targets, reporting_elsewhere)
            if len(fields.tasks) == before:
                warnings.append(f"mục {section.numeral} “{section.title}” không có nhiệm vụ nào được đánh số")
        elif section.kind == "funding":
            fields.funding.extend(body.clean_item(p) for p in section.paragraphs if body.clean_item(p))
        elif section.kind == "assignments":
            _assignments(section, year, fields.assignments, reporting_elsewhere)
        elif section.kind == "reporting":
            for p in section.paragraphs:
                fields.reporting.extend(extras.reporting_in(p, year) or [_plain_report(p)])
    if not sections:
        warnings.append("không nhận ra các mục I, II, III… của văn bản")
    return fields


def _decision_warning(decision: Header) -> str:
    return (
        f"văn bản là Quyết định số {decision.number or '(không số)'} ngày {decision.date or '(không rõ)'} "
        "ban hành kèm theo Kế hoạch: đã đọc Kế hoạch, Quyết định ghi ở văn bản dẫn chiếu"
    )


def _cite_decision(decision: Header, issuer: dict[str, Any], references: list[dict[str, Any]]) -> None:
    """The decision that issues the plan is its first basis, unless the plan cites it."""
    if decision.number and all(number_key(r["number"]) != number_key(decision.number) for r in references):
        references.insert(
            0,
            {
                "kind": decision.kind or "QĐ",
                "number": decision.number,
                "date": decision.date,
                "issuer": issuer["name"] or None,
                "title": decision.title or None,
                "role": "basis",
            },
        )


def _head_warnings(head: Header, decision: Header | None) -> list[str]:
    """What the head of the document leaves out: number, date line, kind line."""
    warnings: list[str] = []
    if head.number is None and decision is None:
        warnings.append("không có số, ký hiệu văn bản")
    elif head.number is not None and head.number.startswith("/"):
        warnings.append(f'số văn bản để trống ("Số: {head.number}")')
    if not head.has_date_line:
        warnings.append("không có dòng địa danh, ngày tháng ban hành")
    elif head.date is None:
        warnings.append("ngày ban hành để trống")
    elif len(head.date) < 10:
        warnings.append(f"ngày ban hành ghi không đầy đủ ({head.date})")
    if not head.has_kind_line:
        warnings.append("không tìm thấy dòng tên loại văn bản (KẾ HOẠCH, QUYẾT ĐỊNH…)")
    return warnings


def _signature_warnings(signer: dict[str, Any], had_recipients: bool) -> list[str]:
    """What the tail leaves out: recipients, the signer's name, the "TM." line."""
    warnings: list[str] = []
    if not had_recipients:
        warnings.append("không có phần “Nơi nhận”")
    if signer["name"] is None:
        warnings.append("không có tên người ký")
    authority = signer["authority"]
    if authority and not any(a.startswith("TM.") for a in authority) and authority[0].startswith("KT."):
        warnings.append("khối chữ ký không có dòng “TM. …”, chỉ có “" + authority[0] + "”")
    return warnings


# "Kế hoạch ... năm 2026": the year that ends a title, else the first year it names
TITLE_LAST_YEAR = re.compile(r"năm\s+(\d{4})\s*$", re.IGNORECASE)
TITLE_YEAR = re.compile(r"năm\s+(\d{4})", re.IGNORECASE)
# "năm 2025" anywhere in the text: the most named year is the plan's when nothing else says
TEXT_YEAR = re.compile(r"năm\s+(20\d{2})")


def _plan_year(title: str, date: str | None, text: str) -> int | None:
    m = TITLE_LAST_YEAR.search(title) or TITLE_YEAR.search(title)
    if m:
        return int(m[1])
    if date:
        return int(date[:4])
    years = Counter(int(y) for y in TEXT_YEAR.findall(text))
    return years.most_common(1)[0][0] if years else None


def _issuer(
    header_lines: list[str], candidates: list[str], all_text: str, warnings: list[str]
) -> dict[str, Any]:
    found = issuer_from_lines(header_lines)
    if found:
        name, level, locality, parent = found
        return {"name": name, "level": level, "locality": locality, "parent": parent}
    warnings.append("phần đầu văn bản không có tên cơ quan ban hành; cơ quan ban hành suy ra từ nội dung")
    for text in candidates:
        for m in UNIT_PHRASE.finditer(text):
            # "Ủy ban nhân dân xã ban hành Kế hoạch": the body that enacts the plan is its
            # issuer even when the sentence leaves out the name of the place
            enacts = bool(ENACTING_VERB.match(text[m.end() : m.end() + 40]))
            if not (enacts or not m["name"]):
                continue
            level_word = m["level"]
            locality = m["name"] or _most_common_locality(all_text, level_word)
            if locality or enacts:
                return {
                    "name": f"Ủy ban nhân dân {level_word} {locality}"
                    if locality
                    else f"Ủy ban nhân dân {level_word}",
                    "level": level_of(level_word, locality),
                    "locality": locality,
                    "parent": None,
                }
    return {"name": "", "level": None, "locality": None, "parent": None}


# what the issuing body does in the sentence that names it: "... xã Hà Tây ban hành Kế hoạch"
ENACTING_VERB = re.compile(r"^\s*(?:xây dựng|ban hành|triển khai|thực hiện|đề nghị|yêu cầu)\b")


@cache
def _place_after(level_word: str) -> re.Pattern[str]:
    """ "xã Hà Tây" for the level word "xã": the name of a place after its level."""
    return re.compile(rf"\b{level_word}\s+({PROPER_NAME})")


# "tỉnh Bắc Giang", "thành phố Hải Phòng": a place that may be the issuer's province
PROVINCE_PLACE = re.compile(rf"\b(tỉnh|thành phố)\s+({PROPER_NAME})")


def _most_common_locality(text: str, level_word: str) -> str | None:
    names = Counter(m[1] for m in _place_after(level_word).finditer(text))
    # place names are almost always two syllables or more; a lone capitalised word is
    # usually the start of the next sentence ("... trên địa bàn xã Triển khai ...")
    ranked = sorted(names.items(), key=lambda item: (len(item[0].split()) >= 2, item[1]), reverse=True)
    return ranked[0][0] if ranked else None


def _parent_from_text(text: str, locality: str | None) -> str | None:
    for m in PROVINCE_PLACE.finditer(text):
        if locality and fold(m[2]) == fold(locality):
            continue
        if m[1] == "tỉnh" or level_of("thành phố", m[2]) == "province":
            return f"{m[1]} {m[2]}"
    return None


def _objectives(
    section: body.Section, objectives: dict[str, list[str]], targets: list[dict[str, Any]]
) -> None:
    bucket = "purposes"
    for text in section.paragraphs:
        m = numbered(text)
        if m:
            head, _, inline = m.rest.partition(":")
            key = fold(head)
            if "yeu cau" in key and len(head) < 40:
                bucket = "requirements"
            elif ("muc dich" in key or "muc tieu" in key) and len(head) < 40:
                bucket = "purposes"
            elif "chi tieu" in key and len(head) < 40:
                bucket = "targets"  # "3. Chỉ tiêu": its items are targets, not objectives
            else:
                # a numbered objective or target ("a) 100% cán bộ ...")
                targets.extend(extras.targets_in(m.rest, None))
                if bucket != "targets":
                    objectives[bucket].append(m.rest.strip())
                continue
            if inline.strip() and bucket != "targets":
                objectives[bucket].append(inline.strip())
            continue
        item = body.clean_item(text)
        if item:
            targets.extend(extras.targets_in(item, None))
            if bucket != "targets":
                objectives[bucket].append(item)


# a time written in brackets in a task's heading: "(từ ngày 15/11 đến 15/12/2025)", "(tháng 6/2025)"
HEADING_TIME = re.compile(r"\(\s*((?:từ|trước|trong|tháng|quý|ngày|đến)\b[^)]*\d[^)]*)\)", re.IGNORECASE)


# two sentences of an implementer line: "... chủ trì. Hội Phụ nữ phối hợp ..."
SENTENCE_BREAK = re.compile(r"(?<=\.)\s+(?=[A-ZĐ])")
# "Thời gian: Quý II/2025", "Thời gian thực hiện: tháng 6"
TIME_LINE = re.compile(r"^Thời gian(?: thực hiện)?\s*:\s*(.+)$")
# "... phối hợp với Đoàn Thanh niên xã tổ chức ...": partners named in an activity
PARTNERS_PHRASE = re.compile(r"(?:^|\s)[Pp]hối hợp với\s+(.+)")
# where the partners named in an activity end: the verb of the sentence or its end
PARTNERS_END = re.compile(r"\s(?:hỗ trợ|để|trong|thực hiện|triển khai|tổ chức|tiến hành|nhằm)\b|[.;]")


@dataclass
class _TaskLines:
    """What the lines under a task's heading say: activities, lead, partners, time."""

    activities: list[str]
    lead: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    frame: dict[str, Any] | None = None
    implementer_open: bool = False  # "Cơ quan thực hiện:" with the agencies on "+" lines below

    def add_agencies(self, lead: list[str], partners: list[str]) -> None:
        self.lead += [a for a in lead if a not in self.lead]
        self.partners += [a for a in partners if a not in self.partners]


def _tasks(
    section: body.Section,
    year: int | None,
    tasks: list[dict[str, Any]],
    targets: list[dict[str, Any]],
    reporting: list[dict[str, Any]] | None,
) -> None:
    for node in leaves(body.outline(section)):
        title, inline = body.split_title(node.title)
        found = _TaskLines([inline] if inline else [])
        for text in node.items:
            item = body.clean_item(text)
            if item:
                _task_line(found, text, item, year)
        if node.row is not None:
            _task_cells(found, node.row, year)
        frame = found.frame
        if frame is None:
            # "Tổ chức Tháng hành động (từ ngày 15/11 đến 15/12/2025)": the time is in the heading
            when = HEADING_TIME.search(title)
            if when:
                frame = body.timeframe(when[1], year)
        lead = found.lead or _lead_from_activities(found.activities)
        partners = found.partners
        for item in found.activities:
            m = PARTNERS_PHRASE.search(item)
            if m and not partners:
                stop = PARTNERS_END.search(m[1])
                partners = body.split_agencies(m[1][: stop.start()] if stop else m[1])
            targets.extend(extras.targets_in(item, node.ref))
            if reporting is not None:
                reporting.extend(extras.reporting_in(item, year))
        if inline is None:
            targets.extend(extras.targets_in(title, node.ref))
        tasks.append(
            {
                "ref": node.ref,
                "title": title or node.title,
                "activities": found.activities,
                "lead": lead,
                "partners": partners,
                "timeframe": frame,
            }
        )


def _task_line(found: _TaskLines, text: str, item: str, year: int | None) -> None:
    """One line under a task's heading: its time, its implementers, or an activity."""
    if body.TIMEFRAME.match(item):
        found.frame = body.timeframe(body.TIMEFRAME.sub("", item), year)
        found.implementer_open = False
        return
    if body.PARTNER_LINE.match(item):
        found.add_agencies([], body.split_agencies(body.PARTNER_LINE.sub("", item)))
        found.implementer_open = False
        return
    if body.IMPLEMENTER.match(item):
        rest = body.IMPLEMENTER.sub("", item)
        found.implementer_open = not rest
        for sentence in SENTENCE_BREAK.split(rest):
            found.add_agencies(*body.agencies_in_sentence(sentence))
        return
    if found.implementer_open and text.startswith("+"):
        found.add_agencies(*body.agencies_in_sentence(item))
        return
    found.implementer_open = False
    m = TIME_LINE.match(item)
    if m:
        found.frame = body.timeframe(m[1], year)
        return
    found.activities.append(item)


def _task_cells(found: _TaskLines, row: TaskRow, year: int | None) -> None:
    """A task table row's cells: its lead, partners and time, each from its own cell; its
    result and funding as activities ("Sản phẩm: ...", "Kinh phí: ...")."""
    for agency_text in _cell_items(row.lead):
        for sentence in SENTENCE_BREAK.split(agency_text):
            found.add_agencies(*body.agencies_in_sentence(sentence))
    for agency_text in _cell_items(row.partners):
        found.add_agencies([], body.split_agencies(agency_text))
    time = "; ".join(_cell_items(row.time))
    if time:
        found.frame = body.timeframe(time, year)
    for label, value in (("Sản phẩm", row.result), ("Kinh phí", row.funding)):
        if value.strip():
            found.activities.append(f"{label}: {' '.join(value.split())}")


def _cell_items(cell: str) -> list[str]:
    """The entries of a cell: one per line when every line is numbered or bulleted
    ("1. Công an xã" / "2. Đoàn Thanh niên"), else the whole cell as one (a PDF cell
    wraps a long name over lines); an entry's own number or bullet is dropped."""
    lines = [line.strip() for line in cell.split("\n") if line.strip()]
    if len(lines) > 1 and all(_entry_marker(line) for line in lines):
        return [_entry_marker(line).rest.strip() for line in lines]  # type: ignore[union-attr]
    whole = " ".join(cell.split())
    found = _entry_marker(whole)
    return [found.rest.strip() if found else whole] if whole else []


def _entry_marker(text: str) -> Marker | None:
    found = marker(text)
    return found if found and found.kind != "roman" else None


# an activity whose subject is an agency: "Các ngành, đoàn thể theo chức năng ...", "Hội Nông dân chủ trì ..."
_ACTOR_START = re.compile(
    rf"^((?:[Cc]ác\s+(?:ngành|cơ quan|đơn vị|phòng|ban)|{AGENCY_WORD})\b.{{0,80}}?)"
    r"(?:,?\s+(?:các\s+)?căn cứ|\s+theo chức năng|\s+tích cực|\s+chủ trì|\s+chủ động|\s+bám sát|\s+có trách nhiệm)"
)


def _lead_from_activities(activities: list[str]) -> list[str]:
    """Agencies that open an activity as its subject ("Các ngành, đoàn thể theo chức năng ...")."""
    lead: list[str] = []
    for item in activities:
        m = _ACTOR_START.match(item)
        if m and m[1] not in lead:
            lead.append(m[1].strip(" ,"))
    return lead


# "- Ủy ban MTTQ xã:" — an agency as a bullet heading its duties
BULLET_AGENCY = re.compile(r"^[-+]\s*(.{3,80}?):\s*$")
# "Đề nghị Ủy ban MTTQ xã": the request before an agency that the plan cannot order
REQUEST_WORD = re.compile(r"^Đề nghị\s+")
# "Phòng Văn hóa - Xã hội (cơ quan thường trực)": the standing agency named as such
STANDING_IN_NAME = re.compile(r"thường trực|tham mưu|đầu mối")
# "Công an xã: tăng cường ...": an agency and its duty on one line
AGENCY_PARAGRAPH = re.compile(r"^(.{3,80}?):\s+(\S.*)$")
# "là cơ quan thường trực ...", folded: a first duty that makes the agency the standing one
STANDING_DUTY = re.compile(
    r"^(la|giu vai tro|lam)\s+(co quan|dau moi)\s+(thuong truc|tham muu|chu tri|dau moi)"
)


def _assignments(
    section: body.Section,
    year: int | None,
    assignments: list[dict[str, Any]],
    reporting: list[dict[str, Any]] | None,
) -> None:
    current: dict[str, Any] | None = None
    for text in section.paragraphs:
        m = numbered(text)
        bullet_agency = BULLET_AGENCY.match(text)
        if m or (bullet_agency and body.AGENCY_HEAD.match(bullet_agency[1])):
            head = m.rest if m else bullet_agency[1]  # type: ignore[index]
            agency, _, inline = head.partition(":")
            agency = REQUEST_WORD.sub("", agency.strip()).strip()
            current = {"agency": agency, "standing": False, "duties": []}
            if STANDING_IN_NAME.search(fold(agency)) and "(" in agency:
                current["standing"] = True
            assignments.append(current)
            if inline.strip():
                current["duties"].append(inline.strip())
            continue
        item = body.clean_item(text)
        if current is None:
            agency_par = AGENCY_PARAGRAPH.match(item)
            if agency_par and body.AGENCY_HEAD.match(agency_par[1]):
                assignments.append({"agency": agency_par[1], "standing": False, "duties": [agency_par[2]]})
            continue
        if item:
            current["duties"].append(item)
    for entry in assignments:
        first = fold(entry["duties"][0]) if entry["duties"] else ""
        if STANDING_DUTY.match(first):
            entry["standing"] = True
        if reporting is not None:
            for duty in entry["duties"]:
                reporting.extend(extras.reporting_in(duty, year))


def _plain_report(text: str) -> dict[str, Any]:
    return {"text": body.clean_item(text), "period": None, "due": None, "to": None}
