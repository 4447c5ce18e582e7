"""Where exported reports are kept: settings.REPORT_FILES_DIR when the deployment sets
it, else a `reports` folder beside the work files (outside the web root either way)."""

from __future__ import annotations

import contextlib
import secrets
from pathlib import Path

from django.conf import settings

from core.storage import stored_path


def files_dir() -> Path:
    return Path(settings.REPORT_FILES_DIR)


def write(data: bytes, extension: str) -> str:
    """Store the bytes under a random name of ours; returns that name."""
    folder = files_dir()
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_hex(16)}.{extension}"
    path = stored_path(folder, name)
    path.write_bytes(data)
    return name


def remove(name: str) -> None:
    with contextlib.suppress(ValueError):
        stored_path(files_dir(), name).unlink(missing_ok=True)
