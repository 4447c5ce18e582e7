"""What a reader hands to the rest of the parser: the document as typed blocks, in order.

A DOCX, an HTML page or a PDF with ruled tables has structure that plain text would
lose: a table's cells, a paragraph's automatic number and its depth in Word's list. The
readers keep it as blocks; plain text, Markdown and OCR give only paragraphs (one per
line). `text_of` is the text view of the blocks (the review page shows it beside the
result); the parser itself reads the blocks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Paragraph:
    """A line of text as the file gives it (a DOCX paragraph may hold line breaks)."""

    text: str


@dataclass(frozen=True)
class OutlineItem:
    """A paragraph that Word numbers itself: `number` is the label Word shows ("1.",
    "a)", "-" for a bullet), `depth` its list level (0 for the outermost)."""

    number: str
    depth: int
    text: str


@dataclass(frozen=True)
class Table:
    """Cell texts row by row; a merged cell is repeated in every grid cell it covers."""

    rows: Sequence[Sequence[str]]


@dataclass(frozen=True)
class PageBreak:
    """The end of a printed page (PDF): the next page's first line follows."""


Block = Paragraph | OutlineItem | Table | PageBreak


def paragraphs(text: str) -> list[Block]:
    """Plain text as blocks: one paragraph per line."""
    return [Paragraph(line) for line in text.split("\n")]


def lines_of(block: Block, render_table: Callable[[Table], list[str]]) -> list[str]:
    """The lines of text a block stands for; a table as `render_table` writes it."""
    if isinstance(block, Table):
        return render_table(block)
    if isinstance(block, OutlineItem):
        return [f"{block.number} {block.text}"]
    if isinstance(block, PageBreak):
        return []
    return [block.text]


def text_of(blocks: Iterable[Block], render_table: Callable[[Table], list[str]]) -> str:
    """The text view of the blocks: one line per paragraph, a page break as a form feed
    before the next page's first line."""
    out: list[str] = []
    page_break = False
    for block in blocks:
        if isinstance(block, PageBreak):
            page_break = True
            continue
        lines = lines_of(block, render_table)
        if page_break and lines:
            lines[0] = "\f" + lines[0]
            page_break = False
        out.extend(lines)
    return "\n".join(out)


# a line of the text view and the block it comes from: None for a paragraph's line,
# which stands alone; a table or a numbered item is kept whole only while all its lines are
Line = tuple[str, Block | None]


def flatten(blocks: Iterable[Block], render_table: Callable[[Table], list[str]]) -> list[Line]:
    """The lines of the text view, each with the table or numbered item it belongs to,
    for the stages that work line by line (portal clean-up, rows of text tables)."""
    out: list[Line] = []
    page_break = False
    for block in blocks:
        if isinstance(block, PageBreak):
            page_break = True
            continue
        source = None if isinstance(block, Paragraph) else block
        lines = [line for text in lines_of(block, render_table) for line in text.split("\n")]
        if page_break and lines:
            lines[0] = "\f" + lines[0]
            page_break = False
        out.extend((line, source) for line in lines)
    return out


def regroup(lines: Sequence[Line], render_table: Callable[[Table], list[str]]) -> list[Block]:
    """Blocks again from lines that a stage kept: a table or numbered item whose lines
    all came through unchanged and together is itself again, any other line a paragraph."""
    out: list[Block] = []
    index = 0
    while index < len(lines):
        text, source = lines[index]
        if text.startswith("\f"):
            out.append(PageBreak())
            text = text[1:]
        if source is not None:
            whole = [line for part in lines_of(source, render_table) for line in part.split("\n")]
            run = [text] + [t for t, _ in lines[index + 1 : index + len(whole)]]
            same_source = all(s is source for _, s in lines[index : index + len(whole)])
            if run == whole and same_source and len(lines) - index >= len(whole):
                out.append(source)
                index += len(whole)
                continue
        out.append(Paragraph(text))
        index += 1
    return out
