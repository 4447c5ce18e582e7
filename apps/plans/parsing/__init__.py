"""Plan parser: one DOCX, PDF (text or scanned), TXT, MD, HTML file or a photo of a plan
-> a dict valid against shared/spec/plan.schema.json. Pure Python, no Django import.

Stages (each reads only the one before): readers (file -> typed blocks: paragraphs,
tables, numbered items; OCR for scans) -> clean-up (portal chrome, rows of text tables)
-> lines (a task table's rows as the outline's numbered lines, each carrying its
cells; a Word item its list level) -> outline -> fields -> result."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import cleanup, tables
from .blocks import Block, paragraphs
from .errors import ParseError
from .extract import extract
from .pdf import Progress
from .readers import Reading, read_any

__all__ = ["ParseError", "Progress", "Reading", "parse", "parse_blocks", "parse_reading", "parse_text"]


def parse(path: str | Path, progress: Progress | None = None) -> dict[str, Any]:
    """`progress(done_pages, total_pages)` is called after each page of a PDF (OCR is
    slow: a scanned page takes seconds) and once for other files."""
    return parse_reading(read_any(Path(path), progress))


def parse_reading(reading: Reading) -> dict[str, Any]:
    """The plan in what a reader found; the reader's warnings come first."""
    result = parse_blocks(reading.blocks, reading.format)
    result["source"]["warnings"] = reading.warnings + result["source"]["warnings"]
    return result


def parse_text(text: str, fmt: str = "txt") -> dict[str, Any]:
    """The plan in plain text (each line a paragraph)."""
    return parse_blocks(paragraphs(text), fmt)


def parse_blocks(blocks: Sequence[Block], fmt: str) -> dict[str, Any]:
    try:
        cleaned = cleanup.portal(blocks)
        result = extract(tables.text_tables(cleaned.blocks), fmt)
        if cleaned.dropped:
            result["source"]["warnings"].append(
                f"đã bỏ {cleaned.dropped} dòng của trang web (menu, thông tin văn bản, văn bản liên quan…)"
            )
        return result
    except ParseError:
        raise
    except RecursionError as exc:
        raise ParseError("Văn bản có cấu trúc quá phức tạp, không phân tích được.") from exc
