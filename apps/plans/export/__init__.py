"""Plan export: a plan dict (shared/spec/plan.schema.json) -> DOCX in the state format
(Nghị định 30/2020/NĐ-CP), and DOCX -> PDF through LibreOffice when it is installed.

Pure Python, no Django import: the `binhdang export-plan` command and the web app
both call `render_docx` / `write_docx`.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from .errors import ExportError, PdfUnavailable, PlanInvalid
from .pdf import to_pdf
from .validation import plan_errors, validate_plan

__all__ = [
    "TASKS_AS",
    "ExportError",
    "PdfUnavailable",
    "PlanInvalid",
    "plan_errors",
    "render_docx",
    "to_pdf",
    "validate_plan",
    "write_docx",
]

TASKS_AS = ("text", "table")


def render_docx(plan: dict[str, Any], *, tasks_as: str = "text") -> bytes:
    """The DOCX file of `plan`. Raises PlanInvalid when the plan breaks the schema.

    tasks_as="text" writes each task as a numbered heading with its activities,
    "Cơ quan thực hiện" and "Thời gian thực hiện" lines; "table" writes the tasks
    of each section as one table (TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp
    | Thời gian thực hiện).
    """
    if tasks_as not in TASKS_AS:
        raise ExportError(f"Cách trình bày nhiệm vụ “{tasks_as}” không hợp lệ (chọn “text” hoặc “table”).")
    validate_plan(plan)
    from .writer import build_document, document_bytes

    return document_bytes(build_document(plan, tasks_as))


def write_docx(plan: dict[str, Any], path: str | os.PathLike[str], *, tasks_as: str = "text") -> Path:
    """Render `plan` and write it to `path` atomically: on any error no file is left."""
    target = Path(path)
    data = render_docx(plan, tasks_as=tasks_as)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return target
