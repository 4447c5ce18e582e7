"""Plan parser: one DOCX, PDF, TXT, MD or HTML file -> a dict valid against
shared/spec/plan.schema.json. Pure Python, no Django import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import ParseError
from .extract import extract
from .readers import read_any

__all__ = ["ParseError", "parse", "parse_text"]


def parse(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    fmt, text = read_any(path)
    return parse_text(text, fmt)


def parse_text(text: str, fmt: str = "txt") -> dict[str, Any]:
    try:
        return extract(text, fmt)
    except ParseError:
        raise
    except RecursionError as exc:
        raise ParseError("Văn bản có cấu trúc quá phức tạp, không phân tích được.") from exc
