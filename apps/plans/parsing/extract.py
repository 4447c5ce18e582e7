"""Assembles the structured plan from the cleaned paragraphs."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from core.text import fold

from . import body, extras, parts
from .blocks import Block
from .errors import ParseError
from .header import PROPER_NAME, UNIT_PHRASE, issuer_from_lines, level_of, read_header
from .lines import join_paragraphs, raw_lines
from .outline import leaves, numbered
from .references import find_references, number_key
from .vocabulary import AGENCY_WORD


def extract(blocks: Sequence[Block], fmt: str) -> dict[str, Any]:
    lines, footnotes, dropped_pages = raw_lines(blocks)
    if not any(re.search(r"[^\W\d_]{2,}", p.text) for p in lines):
        raise ParseError("Tệp không có nội dung văn bản đọc được.")
    warnings: list[str] = []
    decision = None
    two_parts = parts.attached_plan(lines)
    if two_parts:
        # a decision that issues a plan: the plan is the document, the decision its basis
        decision_lines, lines = two_parts
        decision = read_header(decision_lines)
    head = read_header(lines)
    if decision is not None:
        head.issuer_lines = head.issuer_lines or decision.issuer_lines
        if head.date is None and decision.has_date_line:
            head.place, head.date, head.has_date_line = decision.place, decision.date, True
    if head.body_start > 0:
        lines[head.body_start - 1].heading = True
    body_lines = lines[head.body_start :]
    tail_start = next((i for i, p in enumerate(body_lines) if re.match(r"^Nơi nhận\b", p.text)), None)
    if tail_start is None:
        tail_start = next(
            (
                i
                for i in range(len(body_lines) - 1, max(len(body_lines) - 12, -1), -1)
                if extras.SIGN_AUTHORITY.match(body_lines[i].text)
            ),
            len(body_lines),
        )
    paragraphs = [p.text for p in join_paragraphs(body_lines[:tail_start], laid_out=fmt == "pdf")]
    tail = body_lines[tail_start:]
    opening, sections, closing = body.split_sections(paragraphs)
    all_text = " ".join(p.text for p in lines) + " " + " ".join(footnotes)

    year = _plan_year(head.title, head.date, all_text)
    issuer = _issuer(head.issuer_lines, opening + closing + paragraphs[:3], all_text, warnings)
    if issuer["parent"] is None and issuer["level"] not in ("province", "national"):
        issuer["parent"] = _parent_from_text(all_text, issuer["locality"])

    objectives: dict[str, list[str]] = {"purposes": [], "requirements": []}
    tasks: list[dict[str, Any]] = []
    targets: list[dict[str, Any]] = []
    assignments: list[dict[str, Any]] = []
    funding: list[str] = []
    reporting: list[dict[str, Any]] = []
    reporting_section = any(s.kind == "reporting" for s in sections)
    for section in sections:
        if section.kind == "objectives":
            _objectives(section, objectives, targets)
        elif section.kind == "tasks":
            before = len(tasks)
            _tasks(section, year, tasks, targets, reporting if not reporting_section else None)
            if len(tasks) == before:
                warnings.append(f"mục {section.numeral} “{section.title}” không có nhiệm vụ nào được đánh số")
        elif section.kind == "funding":
            funding.extend(body.clean_item(p) for p in section.paragraphs if body.clean_item(p))
        elif section.kind == "assignments":
            _assignments(section, year, assignments, reporting if not reporting_section else None)
        elif section.kind == "reporting":
            for p in section.paragraphs:
                reporting.extend(extras.reporting_in(p, year) or [_plain_report(p)])
    if not sections:
        warnings.append("không nhận ra các mục I, II, III… của văn bản")

    body_paragraph_texts = opening + [p for s in sections for p in s.paragraphs] + closing + footnotes
    basis_count = len(opening)
    references = find_references(
        opening + [p for s in sections for p in s.paragraphs] + footnotes, basis_count, head.number
    )
    events = extras.events_in(" ".join(body_paragraph_texts), year)
    signer, recipients, had_recipients = extras.signer_and_recipients(tail)

    if decision is not None:
        warnings.insert(
            0,
            f"văn bản là Quyết định số {decision.number or '(không số)'} ngày {decision.date or '(không rõ)'} "
            "ban hành kèm theo Kế hoạch: đã đọc Kế hoạch, Quyết định ghi ở văn bản dẫn chiếu",
        )
        if decision.number and all(
            number_key(r["number"]) != number_key(decision.number) for r in references
        ):
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
    if not had_recipients:
        warnings.append("không có phần “Nơi nhận”")
    if signer["name"] is None:
        warnings.append("không có tên người ký")
    if (
        signer["authority"]
        and not any(a.startswith("TM.") for a in signer["authority"])
        and signer["authority"][0].startswith("KT.")
    ):
        warnings.append("khối chữ ký không có dòng “TM. …”, chỉ có “" + signer["authority"][0] + "”")
    if dropped_pages:
        warnings.append(f"đã bỏ {dropped_pages} dòng số trang lẫn trong nội dung")
    untimed = [t["ref"] for t in tasks if t["timeframe"] is None]
    if tasks and untimed and len(untimed) < len(tasks):
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
        "objectives": objectives,
        "tasks": tasks,
        "targets": targets,
        "assignments": assignments,
        "events": events,
        "funding": funding,
        "reporting": reporting,
        "signer": signer,
        "recipients": recipients,
        "source": {"format": fmt, "warnings": warnings},
    }


def _plan_year(title: str, date: str | None, text: str) -> int | None:
    m = re.search(r"năm\s+(\d{4})\s*$", title, re.IGNORECASE) or re.search(
        r"năm\s+(\d{4})", title, re.IGNORECASE
    )
    if m:
        return int(m[1])
    if date:
        return int(date[:4])
    years = Counter(int(y) for y in re.findall(r"năm\s+(20\d{2})", text))
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


def _most_common_locality(text: str, level_word: str) -> str | None:
    names = Counter(m[1] for m in re.finditer(rf"\b{level_word}\s+({PROPER_NAME})", text))
    # place names are almost always two syllables or more; a lone capitalised word is
    # usually the start of the next sentence ("... trên địa bàn xã Triển khai ...")
    ranked = sorted(names.items(), key=lambda item: (len(item[0].split()) >= 2, item[1]), reverse=True)
    return ranked[0][0] if ranked else None


def _parent_from_text(text: str, locality: str | None) -> str | None:
    for m in re.finditer(rf"\b(tỉnh|thành phố)\s+({PROPER_NAME})", text):
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


def _tasks(
    section: body.Section,
    year: int | None,
    tasks: list[dict[str, Any]],
    targets: list[dict[str, Any]],
    reporting: list[dict[str, Any]] | None,
) -> None:
    for node in leaves(body.outline(section)):
        title, inline = body.split_title(node.title)
        activities: list[str] = [inline] if inline else []
        lead: list[str] = []
        partners: list[str] = []
        frame = None
        implementer_open = False
        for text in node.items:
            item = body.clean_item(text)
            if not item:
                continue
            if body.TIMEFRAME.match(item):
                frame = body.timeframe(body.TIMEFRAME.sub("", item), year)
                implementer_open = False
                continue
            if body.PARTNER_LINE.match(item):
                found = body.split_agencies(body.PARTNER_LINE.sub("", item))
                partners += [a for a in found if a not in partners]
                implementer_open = False
                continue
            if body.IMPLEMENTER.match(item):
                rest = body.IMPLEMENTER.sub("", item)
                implementer_open = not rest
                for sentence in re.split(r"(?<=\.)\s+(?=[A-ZĐ])", rest):
                    found_lead, p = body.agencies_in_sentence(sentence)
                    lead += [a for a in found_lead if a not in lead]
                    partners += [a for a in p if a not in partners]
                continue
            if implementer_open and text.startswith("+"):
                found_lead, p = body.agencies_in_sentence(item)
                lead += [a for a in found_lead if a not in lead]
                partners += [a for a in p if a not in partners]
                continue
            implementer_open = False
            m = re.match(r"^Thời gian(?: thực hiện)?\s*:\s*(.+)$", item)
            if m:
                frame = body.timeframe(m[1], year)
                continue
            activities.append(item)
        if frame is None:
            # "Tổ chức Tháng hành động (từ ngày 15/11 đến 15/12/2025)": the time is in the heading
            when = HEADING_TIME.search(title)
            if when:
                frame = body.timeframe(when[1], year)
        if not lead:
            lead = _lead_from_activities(activities)
        for item in activities:
            m = re.search(r"(?:^|\s)[Pp]hối hợp với\s+(.+)", item)
            if m and not partners:
                stop = re.search(
                    r"\s(?:hỗ trợ|để|trong|thực hiện|triển khai|tổ chức|tiến hành|nhằm)\b|[.;]", m[1]
                )
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
                "activities": activities,
                "lead": lead,
                "partners": partners,
                "timeframe": frame,
            }
        )


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


def _assignments(
    section: body.Section,
    year: int | None,
    assignments: list[dict[str, Any]],
    reporting: list[dict[str, Any]] | None,
) -> None:
    current: dict[str, Any] | None = None
    for text in section.paragraphs:
        m = numbered(text)
        bullet_agency = re.match(r"^[-+]\s*(.{3,80}?):\s*$", text)
        if m or (bullet_agency and body.AGENCY_HEAD.match(bullet_agency[1])):
            head = m.rest if m else bullet_agency[1]  # type: ignore[index]
            agency, _, inline = head.partition(":")
            agency = re.sub(r"^Đề nghị\s+", "", agency.strip()).strip()
            current = {"agency": agency, "standing": False, "duties": []}
            if re.search(r"thường trực|tham mưu|đầu mối", fold(agency)) and "(" in agency:
                current["standing"] = True
            assignments.append(current)
            if inline.strip():
                current["duties"].append(inline.strip())
            continue
        item = body.clean_item(text)
        if current is None:
            agency_par = re.match(r"^(.{3,80}?):\s+(\S.*)$", item)
            if agency_par and body.AGENCY_HEAD.match(agency_par[1]):
                assignments.append({"agency": agency_par[1], "standing": False, "duties": [agency_par[2]]})
            continue
        if item:
            current["duties"].append(item)
    for entry in assignments:
        first = fold(entry["duties"][0]) if entry["duties"] else ""
        if re.match(
            r"^(la|giu vai tro|lam)\s+(co quan|dau moi)\s+(thuong truc|tham muu|chu tri|dau moi)", first
        ):
            entry["standing"] = True
        if reporting is not None:
            for duty in entry["duties"]:
                reporting.extend(extras.reporting_in(duty, year))


def _plain_report(text: str) -> dict[str, Any]:
    return {"text": body.clean_item(text), "period": None, "due": None, "to": None}
