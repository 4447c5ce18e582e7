"""What an exported plan says, in order: the words of each block, before any layout.

The plan dict (plan.schema.json) keeps tasks, targets, references, events and
reporting duties as data; a document has to say them in sentences. This module
decides those sentences (the "Căn cứ ..." opening, the numbered sections, the
"Cơ quan thực hiện" and "Thời gian thực hiện" lines of each task) so that the
layout module only places and formats them. Everything here is plain text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

KIND_TITLES = {
    "KH": "KẾ HOẠCH",
    "QĐ": "QUYẾT ĐỊNH",
    "CV": "CÔNG VĂN",
    "BC": "BÁO CÁO",
    "TB": "THÔNG BÁO",
    "HD": "HƯỚNG DẪN",
    "CTr": "CHƯƠNG TRÌNH",
    "ĐA": "ĐỀ ÁN",
    "TTr": "TỜ TRÌNH",
    "NQ": "NGHỊ QUYẾT",
    "CT": "CHỈ THỊ",
    "KHLT": "KẾ HOẠCH LIÊN TỊCH",
}
# how a cited document is named in running text ("Nghị quyết số 28/NQ-CP ...")
REFERENCE_WORDS = {
    "Luật": "Luật",
    "NQ": "Nghị quyết",
    "NĐ": "Nghị định",
    "QĐ": "Quyết định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "KH": "Kế hoạch",
    "CV": "Công văn",
    "HD": "Hướng dẫn",
    "CT": "Chỉ thị",
    "CTr": "Chương trình",
    "TB": "Thông báo",
    "BC": "Báo cáo",
    "ĐA": "Đề án",
    "CĐ": "Công điện",
    "KL": "Kết luận",
    "TTr": "Tờ trình",
}
# legal norms are the ground of a plan ("Căn cứ"); plans and letters of the level
# above are carried out ("Thực hiện")
_NORM_KINDS = {"Luật", "NQ", "NĐ", "QĐ", "TT", "TTLT", "CT"}
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
# a task ref as the parser writes it: section numeral, decimal outline, optional letter
_TASK_REF = re.compile(
    r"^(?P<numeral>[IVXLC]+)\.(?P<outline>\d{1,2}(?:\.\d{1,2}){0,3})(?:\.(?P<letter>[a-zđ]))?$"
)

GROUP_TITLE = "Các nhiệm vụ cụ thể"

BlockKind = Literal["section", "heading", "subheading", "body", "bullet", "tasks_table"]


@dataclass
class TaskRow:
    number: str  # "1", "7.1", "a"
    title: str
    activities: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    timeframe: str = ""
    group: bool = False  # a parent heading over lettered tasks, not a task itself


@dataclass
class Block:
    kind: BlockKind
    text: str = ""
    footnotes: list[str] = field(default_factory=list)
    rows: list[TaskRow] = field(default_factory=list)


# --- dates -------------------------------------------------------------------------


def _day(value: int) -> str:
    return f"{value:02d}" if value < 10 else str(value)


def _month(value: int) -> str:
    # Nghị định 30/2020: months 1 and 2 take a leading zero, the others do not
    return f"{value:02d}" if value < 3 else str(value)


def _parts(date: str | None) -> tuple[int | None, int | None, int | None]:
    if not date:
        return None, None, None
    pieces = [int(p) for p in date.split("-")]
    pieces += [None] * (3 - len(pieces))  # type: ignore[list-item]
    return pieces[0], pieces[1], pieces[2]


def date_line(place: str | None, date: str | None) -> str:
    """'Hà Tây, ngày 05 tháng 3 năm 2026'; blanks stay dotted for the clerk to fill in."""
    year, month, day = _parts(date)
    blank = "....."
    return (
        f"{place or '......'}, ngày {_day(day) if day else blank} "
        f"tháng {_month(month) if month else blank} năm {year if year else blank}"
    )


def short_date(date: str | None) -> str:
    """'2021-03-03' -> '03/3/2021'; partial dates as 'tháng 5/2026' or 'năm 2026'."""
    year, month, day = _parts(date)
    if year and month and day:
        return f"{_day(day)}/{_month(month)}/{year}"
    if year and month:
        return f"tháng {month}/{year}"
    return f"năm {year}" if year else ""


# --- text helpers --------------------------------------------------------------


# any run of white space: "Kế  hoạch\tsố" squashes to "kếhoạchsố"
WHITE_SPACE = re.compile(r"\s+")
# a council or committee named with its place: "Ủy ban nhân dân xã Hà Tây" -> body, place
COUNCIL_NAME = re.compile(r"^(Ủy ban nhân dân|Uỷ ban nhân dân|Hội đồng nhân dân)\s+(.+)$", re.IGNORECASE)


def squash(text: str) -> str:
    """Comparable form: NFC, case-folded, no spaces (for 'is this already in the text')."""
    return WHITE_SPACE.sub("", unicodedata.normalize("NFC", text)).casefold()


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", ":", ";", "!", "?", "./.")) else text + "."


def _bare(text: str) -> str:
    """A heading keeps no final full stop or semicolon."""
    return text.strip().rstrip(".;").strip()


def join_agencies(names: list[str]) -> str:
    names = [n.strip() for n in names if n.strip()]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " và " + names[-1]


def issuer_lines(issuer: dict[str, Any]) -> list[tuple[str, bool]]:
    """Left header block as (text, bold) lines: 'ỦY BAN NHÂN DÂN' / 'XÃ HÀ TÂY'."""
    name = (issuer.get("name") or "").strip()
    if not name:
        return []
    m = COUNCIL_NAME.match(name)
    if m:
        return [(m[1].upper(), True), (m[2].upper(), True)]
    lines: list[tuple[str, bool]] = []
    parent = (issuer.get("parent") or "").strip()
    if parent:
        lines.append((f"ỦY BAN NHÂN DÂN {parent.upper()}", False))
    lines.append((name.upper(), True))
    return lines


def kind_title(kind: str) -> str:
    return KIND_TITLES.get(kind, kind.upper() or "KẾ HOẠCH")


def reference_text(ref: dict[str, Any]) -> str:
    """'Nghị quyết số 28/NQ-CP ngày 03/3/2021 của Chính phủ ban hành ...'."""
    word = REFERENCE_WORDS.get(ref["kind"], "Văn bản")
    title = (ref.get("title") or "").strip()
    if ref["kind"] == "Luật":
        text = f"Luật {title} số {ref['number']}" if title else f"Luật số {ref['number']}"
        title = ""
    else:
        text = f"{word} số {ref['number']}"
    when = short_date(ref.get("date"))
    if when:
        text += f" ngày {when}" if when[0].isdigit() else f" {when}"
    if ref.get("issuer"):
        text += f" của {ref['issuer']}"
    if title:
        text += f" {title}"
    return text


def basis_sentence(ref: dict[str, Any]) -> str:
    lead_word = "Căn cứ" if ref["kind"] in _NORM_KINDS else "Thực hiện"
    return f"{lead_word} {reference_text(ref)};"


def timeframe_text(frame: dict[str, Any] | None) -> str:
    if not frame:
        return ""
    text = (frame.get("text") or "").strip().rstrip(".;")
    if text:
        return text
    if frame.get("recurrence") == "continuous":
        return "Thường xuyên"
    start, end = frame.get("start"), frame.get("end")
    if start and end and start != end:
        return f"Từ {short_date(start)} đến {short_date(end)}"
    if end or start:
        return f"Trước {short_date(end or start)}" if end else short_date(start)
    return ""


def implementer_line(lead: list[str], partners: list[str]) -> str:
    """'Cơ quan thực hiện: X chủ trì, phối hợp với Y, Z.' (empty when there is no lead)."""
    lead_text = join_agencies(lead)
    if not lead_text:
        return ""
    partner_text = join_agencies(partners)
    if partner_text:
        return f"Cơ quan thực hiện: {lead_text} chủ trì, phối hợp với {partner_text}."
    return f"Cơ quan chủ trì: {lead_text}."


# --- the plan as blocks -----------------------------------------------------------


def _task_numbers(tasks: list[dict[str, Any]]) -> list[tuple[str, str | None]]:
    """(outline, letter) for each task of one section: the printed ref when every ref is
    well formed, unique and no task is the parent of another; otherwise 1, 2, 3 ..."""
    parsed = [_TASK_REF.match(t["ref"]) for t in tasks]
    numbers = [(m["outline"], m["letter"]) if m else None for m in parsed]
    keys = [f"{n[0]}.{n[1]}" if n and n[1] else n[0] if n else None for n in numbers]
    ok = all(keys) and len(set(keys)) == len(keys)
    if ok:
        for key in keys:
            if any(other != key and other.startswith(f"{key}.") for other in keys if other and key):
                ok = False
    if not ok:
        return [(str(i), None) for i in range(1, len(tasks) + 1)]
    return [n for n in numbers if n]


def _section_groups(tasks: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    groups: list[list[dict[str, Any]]] = []
    last: str | None = None
    for task in tasks:
        m = _TASK_REF.match(task["ref"])
        numeral = m["numeral"] if m else ""
        if not groups or numeral != last:
            groups.append([])
            last = numeral
        groups[-1].append(task)
    return groups


def _task_rows(tasks: list[dict[str, Any]], extra: dict[int, list[str]]) -> list[TaskRow]:
    rows: list[TaskRow] = []
    numbers = _task_numbers(tasks)
    opened: set[str] = set()
    for index, (task, (outline, letter)) in enumerate(zip(tasks, numbers, strict=True)):
        # the parents of "7.1" or "2.a" are not tasks in the plan (the schema keeps only
        # the finest level), but the outline needs them: "7." and "2." get a plain heading
        parents = (
            [outline]
            if letter
            else [".".join(outline.split(".")[:n]) for n in range(1, outline.count(".") + 1)]
        )
        for parent in parents:
            if parent not in opened:
                rows.append(TaskRow(parent, GROUP_TITLE, group=True))
                opened.add(parent)
        opened.add(outline)
        rows.append(
            TaskRow(
                letter or outline,
                task["title"].strip(),
                [a for a in task["activities"] if a.strip()] + extra.get(index, []),
                list(task["lead"]),
                list(task["partners"]),
                timeframe_text(task["timeframe"]),
            )
        )
    return rows


def _mentioned(needle: str, haystack: list[str]) -> bool:
    key = squash(needle)
    return bool(key) and any(key in squash(text) for text in haystack)


def _body_texts(plan: dict[str, Any]) -> list[str]:
    texts: list[str] = []
    texts += plan["objectives"]["purposes"] + plan["objectives"]["requirements"]
    for task in plan["tasks"]:
        texts += [task["title"], *task["activities"], *task["lead"], *task["partners"]]
        if task["timeframe"]:
            texts.append(task["timeframe"].get("text") or "")
    for entry in plan["assignments"]:
        texts += [entry["agency"], *entry["duties"]]
    texts += plan["funding"]
    return texts


# the year a title already names: "Kế hoạch ... năm 2026" -> 2026 (the opening does not repeat it)
TITLE_YEAR = re.compile(r"năm\s+(\d+)")


def _year_in(title: str, year: int) -> bool:
    return any(found.startswith(str(year)) for found in TITLE_YEAR.findall(title))


# a duty that already says the agency is the standing one: "Là cơ quan thường trực ..."
STANDING_DUTY = re.compile(r"thường trực|tham mưu|đầu mối", re.IGNORECASE)
STANDING_SENTENCE = "Là cơ quan thường trực, tham mưu tổ chức thực hiện Kế hoạch."


@dataclass
class _Placement:
    """Where each fact of the plan is said: the parts of the plan that no block of
    its own mentions go to the purposes, a task's activities, a section or a footnote."""

    purposes: list[str]
    extra_activities: dict[int, list[str]]
    reporting_section: bool
    unmentioned_events: list[dict[str, Any]]
    cited_in_notes: list[dict[str, Any]]


def compose(plan: dict[str, Any], tasks_as: str = "text") -> list[Block]:
    """The body of the document, from the opening paragraphs to the closing sentence."""
    placement = _placement(plan)
    numerals = iter(_ROMAN + [f"{n}" for n in range(13, 100)])
    blocks = _opening(plan)
    blocks += _objectives_section(placement.purposes, plan["objectives"]["requirements"], numerals)
    task_sections = _task_sections(plan["tasks"], placement.extra_activities, tasks_as, numerals)
    blocks += task_sections
    blocks += _events_section(placement.unmentioned_events, numerals)
    blocks += _funding_section(plan["funding"], numerals)
    blocks += _assignments_section(plan["assignments"], numerals)
    if placement.reporting_section:
        blocks += _reporting_section(plan["reporting"], numerals)
    if placement.cited_in_notes:
        first_task_section = task_sections[0] if task_sections else None
        anchor = first_task_section or next((b for b in blocks if b.kind == "section"), blocks[-1])
        anchor.footnotes += [_sentence(reference_text(r)) for r in placement.cited_in_notes]
    blocks.append(_closing(plan))
    return blocks


def _issuer_name(plan: dict[str, Any]) -> str:
    return (plan["document"]["issuer"].get("name") or "").strip()


def _opening(plan: dict[str, Any]) -> list[Block]:
    """ "Căn cứ ..." for each basis, then the sentence that introduces the plan."""
    doc = plan["document"]
    basis = [r for r in plan["references"] if r["role"] == "basis"]
    blocks = [Block("body", basis_sentence(ref)) for ref in basis]
    year = doc.get("year")
    year_words = f" năm {year}" if year and not _year_in(doc["title"], year) else ""
    kind_word = kind_title(doc["kind"]).capitalize()
    intro = f"{_issuer_name(plan) or 'Cơ quan'} ban hành {kind_word}{year_words} với những nội dung sau:"
    blocks.append(Block("body", intro if basis else f"Để tổ chức thực hiện, {intro}"))
    return blocks


def _placement(plan: dict[str, Any]) -> _Placement:
    texts = _body_texts(plan)
    tasks: list[dict[str, Any]] = plan["tasks"]
    task_index = {t["ref"]: i for i, t in enumerate(tasks)}
    purposes = list(plan["objectives"]["purposes"])
    extra_activities: dict[int, list[str]] = {}
    for target in plan["targets"]:
        if _mentioned(target["text"], texts):
            continue
        index = task_index.get(target["task_ref"] or "")
        if index is None:
            purposes.append(target["text"])
        else:
            extra_activities.setdefault(index, []).append(target["text"])
        texts.append(target["text"])

    reporting = plan["reporting"]
    duty_texts = [a for t in tasks for a in t["activities"]] + [
        d for a in plan["assignments"] for d in a["duties"]
    ]
    reporting_section = bool(reporting) and not all(_mentioned(r["text"], duty_texts) for r in reporting)
    if reporting_section:
        texts += [r["text"] for r in reporting]
    return _Placement(
        purposes=purposes,
        extra_activities=extra_activities,
        reporting_section=reporting_section,
        unmentioned_events=[e for e in plan["events"] if not _mentioned(e["name"], texts)],
        cited_in_notes=[
            r
            for r in plan["references"]
            if r["role"] == "cited" and not any(squash(r["number"]) in squash(t) for t in texts)
        ],
    )


def _objectives_section(purposes: list[str], requirements: list[str], numerals: Iterator[str]) -> list[Block]:
    if not (purposes or requirements):
        return []
    blocks = [Block("section", f"{next(numerals)}. MỤC ĐÍCH, YÊU CẦU")]
    sub = 0
    for heading, items in (("Mục đích", purposes), ("Yêu cầu", requirements)):
        if items:
            sub += 1
            blocks.append(Block("heading", f"{sub}. {heading}"))
            blocks += [Block("bullet", f"- {_sentence(item)}") for item in items]
    return blocks


def _task_sections(
    tasks: list[dict[str, Any]],
    extra_activities: dict[int, list[str]],
    tasks_as: str,
    numerals: Iterator[str],
) -> list[Block]:
    """One "NHIỆM VỤ, GIẢI PHÁP" section per group of tasks, as a table or as text."""
    blocks: list[Block] = []
    for group in _section_groups(tasks):
        blocks.append(Block("section", f"{next(numerals)}. NHIỆM VỤ, GIẢI PHÁP"))
        offset = tasks.index(group[0])
        extra = {i - offset: v for i, v in extra_activities.items() if offset <= i < offset + len(group)}
        rows = _task_rows(group, extra)
        if tasks_as == "table":
            blocks.append(Block("tasks_table", rows=rows))
        else:
            for row in rows:
                blocks += _task_text(row)
    return blocks


def _task_text(row: TaskRow) -> list[Block]:
    """A task as a numbered heading with its activities, implementers and time."""
    if row.group or "." in row.number or row.number.isdigit():
        blocks = [Block("heading", f"{row.number}. {_bare(row.title)}")]
    else:
        blocks = [Block("subheading", f"{row.number}) {_bare(row.title)}")]
    if row.group:
        return blocks
    blocks += [Block("bullet", f"- {_sentence(a)}") for a in row.activities]
    who = implementer_line(row.lead, row.partners)
    if who:
        blocks.append(Block("bullet", f"- {who}"))
    if row.timeframe:
        blocks.append(Block("bullet", f"- Thời gian thực hiện: {row.timeframe}."))
    return blocks


def _events_section(events: list[dict[str, Any]], numerals: Iterator[str]) -> list[Block]:
    if not events:
        return []
    blocks = [Block("section", f"{next(numerals)}. CÁC NGÀY, SỰ KIỆN HƯỞNG ỨNG")]
    for event in events:
        when = short_date(event["start"])
        if event["end"] and event["end"] != event["start"]:
            when += f" - {short_date(event['end'])}"
        blocks.append(Block("bullet", f"- {event['name']}" + (f" ({when})." if when else ".")))
    return blocks


def _funding_section(funding: list[str], numerals: Iterator[str]) -> list[Block]:
    if not funding:
        return []
    return [
        Block("section", f"{next(numerals)}. KINH PHÍ THỰC HIỆN"),
        *(Block("bullet", f"- {_sentence(item)}") for item in funding),
    ]


def _assignments_section(assignments: list[dict[str, Any]], numerals: Iterator[str]) -> list[Block]:
    if not assignments:
        return []
    blocks = [Block("section", f"{next(numerals)}. TỔ CHỨC THỰC HIỆN")]
    for number, entry in enumerate(assignments, start=1):
        blocks.append(Block("heading", f"{number}. {_bare(entry['agency'])}"))
        duties = list(entry["duties"])
        said = any(STANDING_DUTY.search(d) for d in duties[:1])
        if entry["standing"] and not said:
            duties.insert(0, STANDING_SENTENCE)
        blocks += [Block("bullet", f"- {_sentence(d)}") for d in duties]
    return blocks


def _reporting_section(reporting: list[dict[str, Any]], numerals: Iterator[str]) -> list[Block]:
    return [
        Block("section", f"{next(numerals)}. CHẾ ĐỘ BÁO CÁO"),
        *(Block("bullet", f"- {_sentence(r['text'])}") for r in reporting),
    ]


def _closing(plan: dict[str, Any]) -> Block:
    issuer_name = _issuer_name(plan)
    kind_word = kind_title(plan["document"]["kind"]).capitalize()
    closing_issuer = f" của {issuer_name}" if issuer_name else ""
    return Block(
        "body",
        f"Trên đây là {kind_word}{closing_issuer}; đề nghị các cơ quan, đơn vị liên quan "
        "nghiêm túc triển khai thực hiện./.",
    )


def recipient_lines(recipients: list[str]) -> list[str]:
    """'- UBND thành phố;' ... '- Lưu: VT, VX.'"""
    cleaned = [r.strip().rstrip(" ;.,") for r in recipients if r.strip()]
    return [f"- {r}{'.' if i == len(cleaned) - 1 else ';'}" for i, r in enumerate(cleaned)]
