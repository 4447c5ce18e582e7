"""Files kept outside the web root (plan uploads, evidence, photos): stored under a
random name of ours and served only through a view that has checked who may read them."""

from __future__ import annotations

from pathlib import Path

from django.http import FileResponse, Http404


def stored_path(folder: str | Path, relative: str) -> Path:
    """The stored file in `folder`; refuses any name that would lead outside it."""
    base = Path(folder).resolve()
    path = (base / relative).resolve()
    if path.parent != base:
        raise ValueError("outside the files folder")
    return path


def stored_file(
    folder: str | Path,
    relative: str,
    *,
    filename: str,
    as_attachment: bool = True,
    content_type: str | None = None,
) -> FileResponse:
    """The file as a response, or 404 when the name is not ours or the file is gone."""
    try:
        path = stored_path(folder, relative)
    except ValueError as exc:
        raise Http404 from exc
    if not relative or not path.is_file():
        raise Http404
    return FileResponse(
        path.open("rb"),
        as_attachment=as_attachment,
        filename=filename or path.name,
        content_type=content_type,
    )
