"""One table model for DOCX tables, ruled PDF tables and tab- or pipe-separated text.

A task table (TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian | Kinh phí)
is found by the words of its header row; each of its rows is read as a `TaskRow` whose
cells reach the task as cells (its numbered title opens the task in the outline), group
rows spanning the table ("I. Công tác tuyên truyền") become the parts above them.
`render` writes the same rows as text ("1. <nội dung>", "- Cơ quan chủ trì: ...") for
the review page only.
Any other table (the two-column header or signature block) is read column by column,
so that the left block stays apart from the right.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from core.text import fold

from .blocks import Block, Line, Table, flatten, regroup

# header words of each column role, folded (no tones); the first role that matches wins,
# so "Cơ quan phối hợp" is partners before it can be lead, "Thời gian thực hiện" a time.
COLUMN_ROLES: list[tuple[str, re.Pattern[str]]] = [
    ("number", re.compile(r"^(?:s?tt|so tt|so thu tu|muc)$")),
    ("partners", re.compile(r"phoi hop")),
    ("time", re.compile(r"thoi gian|thoi han|tien do|moc thoi gian")),
    ("funding", re.compile(r"kinh phi|du toan|nguon von")),
    ("result", re.compile(r"ket qua|san pham")),
    ("note", re.compile(r"ghi chu")),
    ("content", re.compile(r"noi dung|nhiem vu|hoat dong|giai phap|cong viec")),
    ("lead", re.compile(r"chu tri|thuc hien|phu trach|co quan|don vi")),
]
# "- Phát tin bài": a line of a cell that is already an item
ITEM_START = re.compile(r"^[-+•*–]")
# "(1)", "2" — the row of column numbers some tables put under their header
COLUMN_NUMBER = re.compile(r"\(?\d{1,2}\)?")
# "I. " / "A) " — the number written inside a group row's title
GROUP_PREFIX = re.compile(r"^(?:[IVX]{1,5}|[A-D])[.)]\s*")
# "I", "II.", "A", "B." — the number cell of a group row
GROUP_NUMBER = re.compile(r"^(?:[IVX]{1,5}|[A-D])\.?$")
# "1", "2.", "1.2" — a task's number as printed
TASK_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,3}\.?$")


__all__ = ["Table", "TaskRow", "header", "render", "task_rows", "text_tables"]


# white space of any kind, and spaces or tabs within a line ("Cơ quan\t chủ trì")
WHITE_SPACE = re.compile(r"\s+")
BLANKS = re.compile(r"[ \t]+")
# "1.\tTuyên truyền\tCông an xã": the tabs between the cells of a text row
TABS = re.compile(r"\t+")


def _role(cell: str) -> str | None:
    key = WHITE_SPACE.sub(" ", fold(cell)).strip(" .:")
    if not key or len(key) > 60:
        return None
    return next((role for role, pattern in COLUMN_ROLES if pattern.search(key)), None)


def header(table: Table) -> tuple[int, dict[int, str]] | None:
    """(row index, column -> role) of a task table's header row, or None."""
    for index, row in enumerate(table.rows[:3]):
        roles: dict[int, str] = {}
        for column, cell in enumerate(row):
            role = _role(cell)
            if role and role not in roles.values():
                roles[column] = role
        found = set(roles.values())
        if "content" in found and found & {"lead", "partners", "time"}:
            return index, roles
    return None


@dataclass(frozen=True)
class TaskRow:
    """A row of a task table, read cell by cell: the task's number and title, the other
    lines of its content cell, and the texts of its lead, partners, time, result and
    funding cells (empty when the table has no such column)."""

    number: str
    title: str
    details: tuple[str, ...] = ()
    lead: str = ""
    partners: str = ""
    time: str = ""
    result: str = ""
    funding: str = ""

    @property
    def heading(self) -> str:
        """ "1.2. <title>": the line that opens the task in the outline."""
        return f"{self.number}. {self.title}"


# the cells of a task row that `render` writes as labelled lines, in their order
CELL_LABELS = (
    ("lead", "Cơ quan chủ trì"),
    ("partners", "Cơ quan phối hợp"),
    ("time", "Thời gian thực hiện"),
    ("result", "Sản phẩm"),
    ("funding", "Kinh phí"),
)


def render(table: Table) -> list[str]:
    """Lines of text for the text view (the review page): a task row as its numbered
    title, the other lines of its content and one labelled line per filled cell."""
    rows = task_rows(table)
    if rows is None:
        return by_columns(table)
    lines: list[str] = []
    for item in rows:
        if isinstance(item, str):
            lines.append(item)
            continue
        lines.append(item.heading)
        lines.extend(item.details)
        for role, label in CELL_LABELS:
            value = " ".join(getattr(item, role).split())
            if value:
                lines.append(f"- {label}: {value}")
    return lines


def task_rows(table: Table) -> list[str | TaskRow] | None:
    """A task table in order: a group row as the numbered line of its part ("1. Công tác
    tuyên truyền"), a task row as a `TaskRow`, the rest of a content cell exported as a
    row of its own as its lines ("- ..."). None when the table is not a task table."""
    found = header(table)
    if found is None:
        return None
    head_index, roles = found
    column = {role: col for col, role in roles.items()}
    out: list[str | TaskRow] = []
    group = 0
    task = 0
    grouped = any(_is_group(row, column) for row in table.rows[head_index + 1 :])
    for row in table.rows[head_index + 1 :]:
        cells = [BLANKS.sub(" ", c).strip() for c in row]
        if not any(cells) or _is_column_numbers(cells):
            continue
        if _is_group(row, column):
            group += 1
            task = 0
            out.append(f"{group}. {_group_title(cells, column)}")
            continue

        def cell(role: str, cells: list[str] = cells) -> str:
            col = column.get(role)
            return cells[col].strip() if col is not None and col < len(cells) else ""

        content = cell("content")
        if not content:
            continue
        others = [cell(role) for role in ("number", "lead", "partners", "time")]
        if out and task and (ITEM_START.match(content) or ("number" in column and not any(others))):
            # the rest of the cell above, exported as a row of its own
            out.extend(f"- {part}" if not ITEM_START.match(part) else part for part in content.split("\n"))
            continue
        task += 1
        printed = cell("number").rstrip(".")
        number = printed if TASK_NUMBER.match(cell("number")) else str(task)
        if grouped and "." not in number:
            number = f"{group}.{number}" if group else number
        title, *details = [part.strip() for part in content.split("\n") if part.strip()]
        out.append(
            TaskRow(
                number,
                title,
                tuple(d if ITEM_START.match(d) else f"- {d}" for d in details),
                lead=cell("lead"),
                partners=cell("partners"),
                time=cell("time"),
                result=cell("result"),
                funding=cell("funding"),
            )
        )
    return out


def _is_column_numbers(cells: list[str]) -> bool:
    # "(1) (2) (3) ..." under the header
    return all(COLUMN_NUMBER.fullmatch(c) for c in cells if c)


def _is_group(row: Sequence[str], column: dict[str, int]) -> bool:
    cells = [c.strip() for c in row]
    filled = {c for c in cells if c}
    number = cells[column["number"]] if "number" in column and column["number"] < len(cells) else ""
    if GROUP_NUMBER.match(number):
        return True
    # one text merged across the whole row
    return len(filled) == 1 and len(cells) > 2 and sum(1 for c in cells if c) > 2


def _group_title(cells: list[str], column: dict[str, int]) -> str:
    number_col = column.get("number")
    texts = [c for i, c in enumerate(cells) if c and i != number_col]
    title = texts[0] if texts else cells[number_col or 0]
    return GROUP_PREFIX.sub("", title.replace("\n", " ")).strip()


def by_columns(table: Table) -> list[str]:
    width = max((len(r) for r in table.rows), default=0)
    out: list[str] = []
    for col in range(width):
        previous = None
        for row in table.rows:
            if col < len(row) and row[col].strip() and row[col] != previous:
                out.extend(row[col].split("\n"))
            previous = row[col] if col < len(row) else None
    return out


# a line of a text table: cells separated by a pipe or a tab
PIPE_ROW = re.compile(r"^\s*\|?(?:[^|\n]*\|){1,}[^|\n]*\|?\s*$")
PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


LONE_MARKER = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*[.):/-]|[a-zđ][.)/]|[IVX]{1,5}[./-]|Phần [IVX]{1,5}\.?)$|^[-+•*–]$"
)


NOI_NHAN = re.compile(r"^Nơi nhận\b")


def split_text_row(line: str) -> list[str] | None:
    if "|" in line and PIPE_ROW.match(line):
        stripped = line.strip()
        if stripped.startswith("|"):
            stripped = stripped[1:]
        if stripped.endswith("|"):
            stripped = stripped[:-1]
        return [c.strip() for c in stripped.split("|")]
    if "\t" in line.rstrip():
        cells = [c.strip() for c in TABS.split(line.rstrip())]
        # "1.<tab>Tuyên truyền": a marker followed by a tab is not a column
        while len(cells) > 1 and LONE_MARKER.match(cells[0]):
            cells[:2] = [f"{cells[0]} {cells[1]}"]
        if len(cells) == 2 and cells[0].endswith(":") and not NOI_NHAN.match(cells[0]):
            return None  # "- Thời gian thực hiện:<tab>Quý II/2025" is one line, label and value
        return cells
    return None


def text_tables(blocks: Sequence[Block]) -> list[Block]:
    """Tab- or pipe-separated rows among the paragraphs become tables (a task table is
    later read as outline lines, other rows split into their cells: a number and a date
    on one row become two lines)."""
    lines = flatten(blocks, render)
    out: list[Line | Table] = []
    run: list[list[str]] = []

    def flush() -> None:
        if run:
            out.append(Table(list(run)))
            run.clear()

    for index, (line, source) in enumerate(lines):
        if PIPE_RULE.match(line) and "-" in line and run:
            continue
        cells = split_text_row(line)
        if cells is not None and len(cells) >= 2:
            run.append([c.replace("<br>", "\n") for c in cells])
            continue
        if run and not line.strip() and index + 1 < len(lines) and split_text_row(lines[index + 1][0]):
            continue  # a blank line between two rows of the same table
        flush()
        out.append((line, source))
    flush()
    return _with_tables(out)


def _with_tables(found: list[Line | Table]) -> list[Block]:
    """The tables that `text_tables` found, back among the blocks the other lines make."""
    out: list[Block] = []
    kept: list[Line] = []
    for item in found:
        if isinstance(item, Table):
            out.extend(regroup(kept, render))
            kept.clear()
            out.append(item)
        else:
            kept.append(item)
    out.extend(regroup(kept, render))
    return out
