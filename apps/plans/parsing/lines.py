"""From the cleaned blocks to clean logical paragraphs. A task table's rows become the
numbered lines of the outline, each carrying its row (`Para.row`) so that the row's
cells reach the task as cells; any other table is read column by column.

Handles Markdown markup, footnote marks and footnote text, stray page numbers,
two-column PDF lines, and hard line wraps (PDF text) joined back into paragraphs.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from core.text import normalize

from .blocks import Block, OutlineItem, Table, text_of
from .outline import marker
from .tables import TaskRow, render, task_rows

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FOOTNOTE_LINE = re.compile(rf"^\s*[{SUPERSCRIPTS}]+\s*(\S.*)$")
_FOOTNOTE_MARK = re.compile(rf"[{SUPERSCRIPTS}]+|\[\^\d+\]")
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?(?:Trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?\s*$", re.IGNORECASE)
# a new paragraph starts with a bullet, an outline number, or a fixed document part
STRUCTURAL_START = re.compile(
    r"^(?:[-–+•*]\s|"
    r"(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)/]\s|\d+(?:\.\d+)+\s|"
    r"Nơi nhận|TM\.|KT\.|TL\.|TUQ\.|Q\.|Số:|CỘNG HÒA|CỘNG HOÀ|Độc lập)",
)
# a line that cannot end a paragraph: a comma, or a word that needs what follows
# ("... trước ngày" / "10/6/2025", "Kế hoạch số" / "12/KH-UBND", "Chỉ thị số 21-" / "CT/TW")
UNFINISHED = re.compile(r"(?:,|\b(?:ngày|số|tháng|năm|và|của|với|trước|đến|từ|tại|theo)|[\dA-ZĐ]-)$")
# a rule under the issuer or the motto: "——-", "______", "-----o0o-----"
SEPARATOR = re.compile(r"[-_=*.…~—–‐o0O\s]+")
_TERMINAL = (".", ":", ";", "!", "?", "./.")


@dataclass
class Para:
    text: str
    heading: bool = False  # Markdown heading or a wholly bold line: never joined to the next
    row: TaskRow | None = None  # the task table row this line opens
    from_table: bool = False  # a line of a task table: never joined to a line outside it
    depth: int | None = None  # its level in Word's list when Word numbers it (0 outermost)


# "## II. NHIỆM VỤ": a Markdown heading mark
MD_HEADING = re.compile(r"^#{1,6}\s+")
# "**KẾ HOẠCH**": a line wholly in bold
MD_BOLD_LINE = re.compile(r"(\*\*|__)(.+?)\1[ \t]*")
# "**Số: 12/KH-UBND**" -> "Số: 12/KH-UBND"
MD_BOLD = re.compile(r"(\*\*|__)(.+?)\1")
# "*Hà Tây, ngày 5 tháng 3*" -> the words without the stars
MD_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)")
# "- + item": nested bullets flattened by a converter
MD_NESTED_BULLET = re.compile(r"^[-*]\s+([-+])\s+")
# "* item": a Markdown bullet
MD_STAR_BULLET = re.compile(r"^\*\s+")
# "**KT. CHỦ TỊCH  \nPHÓ CHỦ TỊCH**": a Markdown hard break inside a bold block
MD_BOLD_BREAK = re.compile(r"\*\*([^*\n]+)\s{2,}\n([^*\n]+)\*\*")


def strip_markdown(line: str) -> tuple[str, bool]:
    """Remove Markdown markup; report whether the line was a heading or wholly bold."""
    stripped = line.strip()
    heading = bool(MD_HEADING.match(stripped))
    stripped = MD_HEADING.sub("", stripped)
    bold = bool(MD_BOLD_LINE.fullmatch(stripped))
    stripped = MD_BOLD.sub(r"\2", stripped)
    stripped = MD_ITALIC.sub(r"\1", stripped)
    stripped = stripped.replace("**", "").replace("\\", "")
    # "- + item" (nested bullets flattened by a converter) -> "+ item"
    stripped = MD_NESTED_BULLET.sub(r"\1 ", stripped)
    stripped = MD_STAR_BULLET.sub("- ", stripped)
    return stripped, heading or bold


# Two columns of the header or the signature block run together on one line, as text
# copied from a PDF or a portal gives them:
# "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "XÃ X Độc lập - Tự do - Hạnh phúc"
JOINED_MOTTO = re.compile(r"^(?P<left>\S.*?)\s+(?P<right>CỘNG H[OÒ]A XÃ HỘI.*|Độc lập\s*[-–]\s*Tự do.*)$")
# "Số: 12/KH-UBND Đăk Cấm, ngày 05 tháng 3 năm 2025"
JOINED_NUMBER_DATE = re.compile(
    r"^(?P<left>Số\s*:?\s*[^\s,;]*/[^\s,;]+)\s+(?P<right>[^,\d]{2,60},\s*ngày\b.*)$"
)
# "- UBND tỉnh; PHÓ CHỦ TỊCH", "Nơi nhận: KT. CHỦ TỊCH"
JOINED_SIGNATURE = re.compile(
    r"^(?P<left>(?:[-+•].*?[;.]|Nơi nhận\s*:))\s+(?P<right>(?:TM|KT|TL|TUQ|Q)\.\s*\S.*|[A-ZĐ][^,;:.\d\s]*(?:\s[^,;:.\d\s]+)+)$"
)


# "- Lưu: VT.        PHÓ CHỦ TỊCH": the wide gap between two columns on one line
COLUMN_GAP = re.compile(r"\s{6,}|\t{2,}")
# "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH": the signature column's side of such a line
SIGNATURE_COLUMN = re.compile(r"^(TM\.|KT\.|TL\.|[A-ZĐ ]{6,}$)")


def split_columns(line: str) -> list[str]:
    """A line holding two columns ("- Lưu: VT.        PHÓ CHỦ TỊCH") becomes two."""
    parts = COLUMN_GAP.split(line.strip())
    if len(parts) > 1 and any(SIGNATURE_COLUMN.match(p.strip()) for p in parts[1:]):
        return [p for p in parts if p.strip()]
    stripped = line.strip()
    for pattern in (JOINED_MOTTO, JOINED_NUMBER_DATE, JOINED_SIGNATURE):
        m = pattern.match(stripped)
        if m and (pattern is not JOINED_SIGNATURE or m["right"] == m["right"].upper()):
            return [m["left"], m["right"]]
    return [line]


@dataclass(frozen=True)
class _Source:
    """A line of the document before clean-up, with what its block says about it."""

    text: str
    row: TaskRow | None = None  # the task table row it opens
    from_table: bool = False  # a line of a task table
    depth: int | None = None  # Word's list level of the numbered item it opens


def _source_lines(blocks: Sequence[Block]) -> list[_Source]:
    """The text view of the blocks line by line, except that a task table gives its rows,
    not their text, and a numbered item of Word keeps its list level."""
    out: list[_Source] = []
    plain: list[Block] = []

    def flush() -> None:
        text = _plain_chars(text_of(plain, render))
        # Markdown hard breaks inside a bold block ("**KT. CHỦ TỊCH  \nPHÓ CHỦ TỊCH**")
        text = MD_BOLD_BREAK.sub(r"**\1**\n**\2**", text)
        out.extend(_Source(line) for line in text.split("\n"))
        plain.clear()

    for block in blocks:
        if isinstance(block, OutlineItem):
            flush()
            first, *rest = _plain_chars(f"{block.number} {block.text}").split("\n")
            out.append(_Source(first, depth=block.depth))
            out.extend(_Source(line) for line in rest)
            continue
        rows = task_rows(block) if isinstance(block, Table) else None
        if rows is None:
            plain.append(block)
            continue
        flush()
        for item in rows:
            if isinstance(item, str):
                out.append(_Source(_plain_chars(item), from_table=True))
            else:
                out.append(_Source(_plain_chars(item.heading), item, True))
                out.extend(_Source(_plain_chars(d), from_table=True) for d in item.details)
    flush()
    return out


def _clean_cells(row: TaskRow | None) -> TaskRow | None:
    """The row with its cells cleaned like any line (markup, footnote marks, spacing),
    each line of a cell kept on its own line."""
    if row is None:
        return None

    def clean(cell: str) -> str:
        lines = (strip_markdown(line)[0] for line in _plain_chars(cell).split("\n"))
        return "\n".join(normalize(_FOOTNOTE_MARK.sub("", line)) for line in lines if line.strip())

    return replace(
        row,
        lead=clean(row.lead),
        partners=clean(row.partners),
        time=clean(row.time),
        result=clean(row.result),
        funding=clean(row.funding),
    )


def _plain_chars(text: str) -> str:
    """One kind of line break and of space; form feeds (page ends) as line breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u200b", "")
    return text.replace("\f", "\n")


def raw_lines(blocks: Sequence[Block]) -> tuple[list[Para], list[str], int]:
    """Cleaned non-empty lines, the footnote texts pulled out of them, and how many
    page-number lines were dropped."""
    out: list[Para] = []
    footnotes: list[str] = []
    dropped_pages = 0
    for source in _source_lines(blocks):
        for line in split_columns(source.text) if source.row is None else [source.text]:
            if not line.strip():
                continue
            if _PAGE_NUMBER.match(line):
                dropped_pages += 1
                continue
            note = _FOOTNOTE_LINE.match(line)
            if note:
                footnotes.append(normalize(note.group(1)))
                continue
            cleaned, heading = strip_markdown(line)
            cleaned = _FOOTNOTE_MARK.sub("", cleaned)
            cleaned = normalize(cleaned.replace("\t", " "))
            if cleaned and not SEPARATOR.fullmatch(cleaned):
                out.append(Para(cleaned, heading, _clean_cells(source.row), source.from_table, source.depth))
    return out, footnotes, dropped_pages


def is_hard_wrapped(lines: list[Para]) -> bool:
    """PDF text keeps the page's line breaks: most lines are of similar, moderate length
    and many of them continue in lower case on the next line."""
    if len(lines) < 15:
        return False
    continued = sum(
        1 for prev, cur in pairwise(lines) if cur.text[:1].islower() and not prev.text.endswith(_TERMINAL)
    )
    return continued / len(lines) > 0.12


def join_paragraphs(lines: list[Para], laid_out: bool = False) -> list[Para]:
    """`laid_out`: the lines are the lines of a printed page (PDF, OCR), wrapped by width."""
    if not lines:
        return []
    wrapped = laid_out or is_hard_wrapped(lines)
    width = statistics.quantiles([len(p.text) for p in lines], n=10)[-1] if len(lines) >= 10 else 80
    first = lines[0]
    out: list[Para] = [Para(first.text, first.heading, first.row, first.from_table, first.depth)]
    for prev, cur in pairwise(lines):
        if _continues(prev, cur, wrapped, width):
            out[-1].text = _glue(out[-1].text, cur.text)
        else:
            out.append(Para(cur.text, cur.heading, cur.row, cur.from_table, cur.depth))
    return out


def _continues(prev: Para, cur: Para, wrapped: bool, width: float) -> bool:
    if prev.heading or cur.heading or STRUCTURAL_START.match(cur.text) or marker(cur.text):
        return False
    if cur.row is not None or prev.from_table != cur.from_table:
        return False  # a task row opens its own task; a table's lines stay apart from the text
    starts_lower = cur.text[:1].islower() or cur.text[:1] in "(“\"'"
    if UNFINISHED.search(prev.text):
        return True
    if not wrapped:
        # paragraphs are whole lines; only a paragraph cut by a page or footnote goes on
        return starts_lower and not prev.text.endswith(_TERMINAL)
    if prev.text.endswith(("./.", ":")) and not starts_lower:
        return False
    if len(prev.text) < 0.7 * width and not starts_lower:
        return False
    return not (prev.text.endswith((".", ";", "!", "?")) and not starts_lower)


# "SNV-", "1/": a line cut at a hyphen or a slash
CUT_AT_END = re.compile(r"[-/]$")
# "SNV-" + "CCHC": a document symbol cut at its hyphen
SYMBOL_CUT = re.compile(r"[A-ZĐ\d]-$")
# "12/" + "KH-UBND": a number cut at its slash
SLASH_CUT = re.compile(r"\w/$")


def _glue(left: str, right: str) -> str:
    if CUT_AT_END.search(left) and not left.endswith(" -"):
        # "SNV-" + "CCHC" (a symbol cut at its hyphen) or a hyphenated word
        if (SYMBOL_CUT.search(left) and right[:1].isupper()) or SLASH_CUT.search(left):
            return left + right
        if left.endswith("-") and right[:1].islower():
            return left[:-1] + right
    return f"{left} {right}"
