"""Evidence files: photos, PDF, DOCX and XLSX up to 20 MB each. The type is read from the
content, never from the name or the browser's content type; photos are re-encoded (at
most 1600 px, turned upright) from their pixels alone, so no EXIF or GPS survives; every
file is stored outside the web root under a random name."""

from __future__ import annotations

import io
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from core.filetypes import binary_type
from core.storage import stored_path

MAX_BYTES = 20 * 1024 * 1024
PHOTO_MAX_SIDE = 1600
# Pillow refuses images above this many pixels (a "decompression bomb")
Image.MAX_IMAGE_PIXELS = 60_000_000


@dataclass(frozen=True)
class SavedFile:
    """Bytes just written, before a model row names them."""

    path: str  # a name under settings.WORK_FILES_DIR
    file_type: str
    size: int


def folder() -> Path:
    path = Path(settings.WORK_FILES_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def sniff(data: bytes) -> str | None:
    """ "jpg", "png", "pdf", "docx" or "xlsx" from the bytes themselves, else None."""
    return binary_type(data, data)


def clean_photo(data: bytes, file_type: str) -> bytes:
    """The photo re-drawn from its pixels: upright, at most PHOTO_MAX_SIDE, no metadata."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image) or image
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as exc:
        raise ValidationError(_("This photo could not be read."), code="bad_photo") from exc
    upright.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
    mode = "RGB" if file_type == "jpg" else ("RGBA" if "A" in upright.getbands() else "RGB")
    pixels = upright.convert(mode)
    clean = Image.new(mode, pixels.size)
    clean.paste(pixels)
    out = io.BytesIO()
    if file_type == "jpg":
        clean.save(out, format="JPEG", quality=85, optimize=True)
    else:
        clean.save(out, format="PNG", optimize=True)
    return out.getvalue()


def read_upload(upload: IO[bytes]) -> bytes:
    data = b""
    for chunk in iter(lambda: upload.read(256 * 1024), b""):
        data += chunk
        if len(data) > MAX_BYTES:
            raise ValidationError(_("A file is too big: at most 20 MB each."), code="too_big")
    if not data:
        raise ValidationError(_("A file is empty."), code="empty")
    return data


def check(data: bytes) -> tuple[str, bytes]:
    """(type, bytes to keep) or a ValidationError in the person's words."""
    file_type = sniff(data)
    if file_type is None:
        raise ValidationError(
            _("Evidence must be a photo (JPG, PNG), PDF, Word (DOCX) or Excel (XLSX) file."),
            code="wrong_type",
        )
    if file_type in ("jpg", "png"):
        data = clean_photo(data, file_type)
    return file_type, data


def store(data: bytes, file_type: str) -> SavedFile:
    name = f"{secrets.token_hex(16)}.{file_type}"
    (folder() / name).write_bytes(data)
    return SavedFile(path=name, file_type=file_type, size=len(data))


def path_of(relative: str) -> Path:
    """The stored file; the name is ours (hex + type), never a path someone typed."""
    return stored_path(settings.WORK_FILES_DIR, relative)
