"""PDF with its layout: words with their positions (pdfium, native code), the header and
the signature block split into their two columns, ruled tables read as tables, and
pages without a text layer handed to OCR.

pdfium's text rectangles are runs of characters on one line; a wide gap between two
runs on the same line separates two columns ("Số: 12/KH-UBND" ... "Đăk Cấm, ngày ...").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import tables
from .blocks import Block, PageBreak, Paragraph, Table, paragraphs, text_of
from .errors import ParseError

Progress = Callable[[int, int], None]
MAX_PDF_PAGES = 300
# a page with fewer letters than this has no text layer (a scan)
MIN_TEXT_CHARS = 20
# rules thinner than this (points) are lines, not filled boxes
RULE_THICKNESS = 2.5


WHITE_SPACE = re.compile(r"\s+")


@dataclass
class Run:
    x0: float
    x1: float
    top: float  # distance from the top of the page
    bottom: float
    text: str

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass
class Line:
    runs: list[Run] = field(default_factory=list)

    @property
    def top(self) -> float:
        return min(r.top for r in self.runs)

    @property
    def bottom(self) -> float:
        return max(r.bottom for r in self.runs)

    def text(self, runs: list[Run] | None = None) -> str:
        return WHITE_SPACE.sub(
            " ", " ".join(r.text for r in sorted(runs or self.runs, key=lambda r: r.x0))
        ).strip()


def _runs(textpage: Any, page_height: float) -> list[Run]:
    runs: list[Run] = []
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        text = textpage.get_text_bounded(left, bottom, right, top)
        if text.strip():
            # pdfium writes a hyphen that ends a line as \x02
            text = text.replace("\r\n", " ").replace("\x02", "-")
            runs.append(Run(left, right, page_height - top, page_height - bottom, text))
    return runs


def _lines(runs: list[Run]) -> list[Line]:
    """Runs sharing a baseline band form one line."""
    lines: list[Line] = []
    for run in sorted(runs, key=lambda r: (r.top, r.x0)):
        middle = (run.top + run.bottom) / 2
        for line in reversed(lines[-4:]):
            if line.top - 1 <= middle <= line.bottom + 1:
                line.runs.append(run)
                break
        else:
            lines.append(Line([run]))
    return lines


def _split(line: Line, width: float) -> tuple[list[Run], list[Run]] | None:
    """(left runs, right runs) when a wide gap near the middle of the page separates them."""
    runs = sorted(line.runs, key=lambda r: r.x0)
    size = max(r.height for r in runs)
    for i in range(1, len(runs)):
        gap = runs[i].x0 - max(r.x1 for r in runs[:i])
        if gap > 2.5 * size and runs[i].x0 > 0.35 * width and runs[i - 1].x1 < 0.75 * width:
            return runs[:i], runs[i:]
    return None


def _side(line: Line, width: float) -> str:
    if _split(line, width):
        return "split"
    if max(r.x1 for r in line.runs) < 0.55 * width:
        return "left"
    if min(r.x0 for r in line.runs) > 0.4 * width:
        return "right"
    return "full"


def page_text(lines: list[Line], width: float) -> list[str]:
    """Text lines in reading order: a two-column block (header, signature) is read left
    column first, then right."""
    sides = [_side(line, width) for line in lines]
    out: list[str] = []
    i = 0
    while i < len(lines):
        if sides[i] == "full":
            out.append(lines[i].text())
            i += 1
            continue
        j = i
        while j < len(lines) and sides[j] != "full":
            j += 1
        block = range(i, j)
        if not any(sides[k] == "split" for k in block):
            out.extend(lines[k].text() for k in block)
            i = j
            continue
        left: list[str] = []
        right: list[str] = []
        for k in block:
            parts = _split(lines[k], width)
            if parts:
                left.append(lines[k].text(parts[0]))
                right.append(lines[k].text(parts[1]))
            elif sides[k] == "left":
                left.append(lines[k].text())
            else:
                right.append(lines[k].text())
        out.extend(left + right)
        i = j
    return out


# --- ruled tables ----------------------------------------------------------------------


@dataclass
class Rule:
    x0: float
    y0: float  # from the top of the page
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return self.y1 - self.y0 <= RULE_THICKNESS < self.x1 - self.x0


def _rules(page: Any, page_height: float) -> list[Rule]:
    import pypdfium2.raw as raw  # type: ignore[import-untyped]

    rules: list[Rule] = []
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,), max_depth=1):
        left, bottom, right, top = obj.get_bounds()
        box = Rule(left, page_height - top, right, page_height - bottom)
        thin_h = box.y1 - box.y0 <= RULE_THICKNESS and box.x1 - box.x0 > 5
        thin_v = box.x1 - box.x0 <= RULE_THICKNESS and box.y1 - box.y0 > 5
        if thin_h or thin_v:
            rules.append(box)
        elif box.x1 - box.x0 > 5 and box.y1 - box.y0 > 5:
            # a cell drawn as a rectangle: its four edges
            rules += [
                Rule(box.x0, box.y0, box.x1, box.y0),
                Rule(box.x0, box.y1, box.x1, box.y1),
                Rule(box.x0, box.y0, box.x0, box.y1),
                Rule(box.x1, box.y0, box.x1, box.y1),
            ]
    return rules


def _cluster(values: list[float], tolerance: float = 2.0) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > tolerance:
            out.append(value)
    return out


@dataclass
class Grid:
    top: float
    bottom: float
    left: float
    right: float
    table: Table


def _grids(rules: list[Rule], runs: list[Run]) -> list[tuple[Grid, list[Run]]]:
    """Ruled tables of a page, each with the runs inside it."""
    horizontal = [r for r in rules if r.horizontal]
    vertical = [r for r in rules if not r.horizontal]
    if len(horizontal) < 2 or len(vertical) < 2:
        return []
    # tables are separated vertically: group horizontal rules linked by vertical rules
    ys = _cluster([(r.y0 + r.y1) / 2 for r in horizontal])
    out: list[tuple[Grid, list[Run]]] = []
    start = 0
    while start < len(ys) - 1:
        end = start
        while end + 1 < len(ys) and any(v.y0 <= ys[end] + 2 and v.y1 >= ys[end + 1] - 2 for v in vertical):
            end += 1
        if end > start:
            grid = _grid(ys[start : end + 1], horizontal, vertical, runs)
            if grid is not None:
                out.append(grid)
        start = end + 1
    return out


def _grid(
    ys: list[float], horizontal: list[Rule], vertical: list[Rule], runs: list[Run]
) -> tuple[Grid, list[Run]] | None:
    top, bottom = ys[0], ys[-1]
    inside_v = [v for v in vertical if v.y0 <= bottom + 2 and v.y1 >= top - 2]
    xs = _cluster([(v.x0 + v.x1) / 2 for v in inside_v])
    if len(xs) < 3:
        return None
    left, right = xs[0], xs[-1]
    rows: list[list[str]] = []
    inside = [
        r for r in runs if top - 1 <= (r.top + r.bottom) / 2 <= bottom + 1 and left - 1 <= r.x0 <= right + 1
    ]
    for row_top, row_bottom in itertools.pairwise(ys):
        middle = (row_top + row_bottom) / 2
        # column borders that cross this row; a missing border merges two grid cells
        borders = [
            x for x in xs if any(v.y0 <= middle <= v.y1 and abs((v.x0 + v.x1) / 2 - x) <= 2 for v in inside_v)
        ]
        if len(borders) < 2:
            borders = [left, right]
        cells: list[str] = []
        for col_left, col_right in itertools.pairwise(xs):
            cell_left = max((b for b in borders if b <= col_left + 1), default=left)
            cell_right = min((b for b in borders if b >= col_right - 1), default=right)
            cell_runs = [
                r
                for r in inside
                if row_top <= (r.top + r.bottom) / 2 <= row_bottom and cell_left <= (r.x0 + 1) <= cell_right
            ]
            cells.append(_unwrap([line.text() for line in _lines(cell_runs)]))
        rows.append(cells)
    # a cell whose top border is missing continues the cell above (merged down)
    for r in range(1, len(rows)):
        row_top = ys[r]
        for c, (col_left, col_right) in enumerate(itertools.pairwise(xs)):
            covered = any(
                abs((h.y0 + h.y1) / 2 - row_top) <= 2 and h.x0 <= col_left + 2 and h.x1 >= col_right - 2
                for h in horizontal
            )
            if not covered and not rows[r][c]:
                rows[r][c] = rows[r - 1][c]
    return Grid(top, bottom, left, right, Table(rows)), inside


def _unwrap(lines: list[str]) -> str:
    """Lines of a table cell joined back into its paragraphs: a new one starts with a
    bullet or a number."""
    out: list[str] = []
    for line in lines:
        if out and not CELL_ITEM_START.match(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out)


# a line of a cell that starts a paragraph of its own: "- ...", "+ ...", "1. ...", "a) ..."
CELL_ITEM_START = re.compile(r"^(?:[-+•*–]\s|\d{1,2}[.)]\s|[a-zđ]\)\s)")


# --- the reader ------------------------------------------------------------------------


@dataclass
class PdfText:
    blocks: list[Block]  # each page's lines and ruled tables, pages apart by a PageBreak
    pages: int
    scanned_pages: list[int]  # 0-based indexes of pages without a text layer, not read
    ocr_pages: list[int] = field(default_factory=list)  # pages read by OCR

    @property
    def text(self) -> str:
        return text_of(self.blocks, tables.render)


# what is not a letter or digit: a page with too few of them has no text layer
NOT_A_LETTER = re.compile(r"\W")


def _page_blocks(
    page: Any, runs: list[Run], width: float, height: float, last_header: Sequence[str] | None
) -> tuple[list[Block], Sequence[str] | None]:
    """A page with text: its lines and ruled tables in reading order, and the header row
    of its last task table (a table that goes on to the next page has none there)."""
    grids = _grids(_rules(page, height), runs)
    in_tables = {id(r) for _, inside in grids for r in inside}
    lines = _lines([r for r in runs if id(r) not in in_tables])
    blocks: list[tuple[float, Table]] = []
    for grid, _inside in grids:
        table = grid.table
        found = tables.header(table)
        if found is not None:
            last_header = table.rows[found[0]]
        elif last_header is not None and table.rows and len(table.rows[0]) == len(last_header):
            table = Table([last_header, *table.rows])  # continued from the page before
        blocks.append((grid.top, table))
    text_lines = [(line.top, line) for line in lines]
    merged: list[Block] = []
    pending: list[Line] = []
    for _top, item in sorted(
        [(t, ("line", i)) for i, (t, _) in enumerate(text_lines)]
        + [(t, ("table", i)) for i, (t, _) in enumerate(blocks)]
    ):
        kind, index = item
        if kind == "line":
            pending.append(text_lines[index][1])
            continue
        merged.extend(Paragraph(line) for line in page_text(pending, width))
        pending = []
        merged.append(blocks[index][1])
    merged.extend(Paragraph(line) for line in page_text(pending, width))
    if not text_of(merged, tables.render):
        merged = [Paragraph("")]  # a page with nothing on it still ends
    return merged, last_header


def read(path: Path, progress: Progress | None = None, ocr: Callable[[Any], str] | None = None) -> PdfText:
    """The text of a PDF in reading order. Pages without a text layer go to `ocr`
    (given the page) when it is given, else they are listed in `scanned_pages`."""
    import pypdfium2 as pdfium

    data = path.read_bytes()
    if not data.startswith(b"%PDF"):
        raise ParseError(f"Tệp “{path.name}” không phải tệp PDF hợp lệ.")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ParseError(
                f"Tệp PDF “{path.name}” được đặt mật khẩu; hãy gỡ mật khẩu rồi tải lên lại."
            ) from exc
        raise ParseError(f"Tệp PDF “{path.name}” bị hỏng, không đọc được.") from exc
    try:
        total = len(document)
        if total > MAX_PDF_PAGES:
            raise ParseError(f"Tệp PDF “{path.name}” quá dài ({total} trang; tối đa {MAX_PDF_PAGES}).")
        if total == 0:
            raise ParseError(f"Tệp PDF “{path.name}” không có trang nào.")
        out: list[Block] = []
        scanned: list[int] = []
        ocr_pages: list[int] = []
        last_header: Sequence[str] | None = None
        for number in range(total):
            page = document[number]
            width, height = page.get_size()
            textpage = page.get_textpage()
            runs = _runs(textpage, height)
            if sum(len(NOT_A_LETTER.sub("", r.text)) for r in runs) < MIN_TEXT_CHARS:
                if ocr is not None:
                    out.extend([PageBreak()] * bool(out) + paragraphs(ocr(page)))
                    ocr_pages.append(number)
                else:
                    scanned.append(number)
                if progress:
                    progress(number + 1, total)
                continue
            merged, last_header = _page_blocks(page, runs, width, height, last_header)
            out.extend([PageBreak()] * bool(out) + merged)
            if progress:
                progress(number + 1, total)
        return PdfText(out, total, scanned, ocr_pages)
    finally:
        document.close()
