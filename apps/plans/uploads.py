"""Uploaded plan files: the type is read from the content, never from the name, and the
file is stored outside the web root under a random name."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.filetypes import ZIP_SIGNATURE, binary_type
from core.storage import stored_path

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
_SNIFF = 8192


@dataclass(frozen=True)
class Stored:
    path: str  # relative to settings.PLAN_FILES_DIR
    file_type: str
    size: int
    sha256: str


def sniff(head: bytes, whole: Path | None = None) -> str | None:
    """ "pdf", "docx", "png", "jpg", "html", "md", "txt" from the first bytes, else None."""
    if head.startswith(ZIP_SIGNATURE):
        return "docx" if binary_type(head, whole) == "docx" else None  # a spreadsheet is no plan
    binary = binary_type(head)
    if binary is not None:
        return binary
    if b"\x00" in head:
        return None
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # a character cut at the end of the sample is fine; anything else may be cp1258
        if exc.start < len(head) - 4:
            try:
                text = head.decode("cp1258")
            except UnicodeDecodeError:
                return None
        else:
            text = head[: exc.start].decode("utf-8")
    lowered = text.lstrip("\ufeff").lstrip().lower()
    if lowered.startswith(("<!doctype html", "<html")) or "<body" in lowered[:2000]:
        return "html"
    if any(line.startswith("#") for line in text.splitlines()[:60]):
        return "md"
    return "txt"


def store(upload: IO[bytes], *, size: int) -> Stored:
    """Copy an upload to the plan files folder; refuse what is too big or of another type."""
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is too big: at most 20 MB."), code="too_big")
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    folder = Path(settings.PLAN_FILES_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    temp = folder / f".upload-{secrets.token_hex(8)}"
    digest = hashlib.sha256()
    written = 0
    try:
        with temp.open("wb") as out:
            for chunk in iter(lambda: upload.read(64 * 1024), b""):
                written += len(chunk)
                if written > MAX_UPLOAD_BYTES:
                    raise ValidationError(_("The file is too big: at most 20 MB."), code="too_big")
                digest.update(chunk)
                out.write(chunk)
        with temp.open("rb") as handle:
            file_type = sniff(handle.read(_SNIFF), temp)
        if file_type is None:
            raise ValidationError(
                _("This file is not a plan in DOCX, PDF, TXT, Markdown or HTML (or a photo of one)."),
                code="wrong_type",
            )
        name = f"{secrets.token_hex(16)}.{file_type}"
        temp.rename(folder / name)
    finally:
        temp.unlink(missing_ok=True)
    return Stored(path=name, file_type=file_type, size=written, sha256=digest.hexdigest())


def path_of(relative: str) -> Path:
    """The stored file; the name is ours (hex + type), never a path someone typed."""
    return stored_path(settings.PLAN_FILES_DIR, relative)
