"""What an uploaded file is, read from its bytes, never from its name: the one check
that plan uploads and work evidence share."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

_MAGIC = ((b"%PDF-", "pdf"), (b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"))
ZIP_SIGNATURE = b"PK\x03\x04"
# an Office file is a zip that holds its main part
_ZIP_PARTS = (("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx"))


def binary_type(head: bytes, whole: bytes | Path | None = None) -> str | None:
    """ "pdf", "png", "jpg", or for a zip "docx"/"xlsx" (which needs `whole`, the file's
    bytes or path); None for anything else."""
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if head.startswith(ZIP_SIGNATURE) and whole is not None:
        try:
            with zipfile.ZipFile(io.BytesIO(whole) if isinstance(whole, bytes) else whole) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        return next((kind for part, kind in _ZIP_PARTS if part in names), None)
    return None
