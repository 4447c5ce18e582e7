"""Plan parser: one DOCX, PDF (text or scanned), TXT, MD, HTML file or a photo of a plan
-> a dict valid against shared/spec/plan.schema.json. Pure Python, no Django import.

Stages (each reads only the one before): readers (file -> text, with layout and tables;
OCR for scans) -> lines (clean-up, paragraphs) -> outline -> fields -> result."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import cleanup
from .errors import ParseError
from .extract import extract
from .pdf import Progress
from .readers import read_any

__all__ = ["ParseError", "Progress", "parse", "parse_text"]


def parse(path: str | Path, progress: Progress | None = None) -> dict[str, Any]:
    """`progress(done_pages, total_pages)` is called after each page of a PDF (OCR is
    slow: a scanned page takes seconds) and once for other files."""
    path = Path(path)
    reading = read_any(path, progress)
    result = parse_text(reading.text, reading.format)
    result["source"]["warnings"] = reading.warnings + result["source"]["warnings"]
    return result


def parse_text(text: str, fmt: str = "txt") -> dict[str, Any]:
    try:
        cleaned = cleanup.portal(text)
        result = extract(cleaned.text, fmt)
        if cleaned.dropped:
            result["source"]["warnings"].append(
                f"đã bỏ {cleaned.dropped} dòng của trang web (menu, thông tin văn bản, văn bản liên quan…)"
            )
        return result
    except ParseError:
        raise
    except RecursionError as exc:
        raise ParseError("Văn bản có cấu trúc quá phức tạp, không phân tích được.") from exc
