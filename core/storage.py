"""Files kept outside the web root (plan uploads, evidence, photos): stored under a
random name of ours and served only through a view that has checked who may read them."""

from __future__ import annotations

from pathlib import Path

from django.http import FileResponse, Http404

# A photo opened in a tab of its own is shown by the browser's image viewer, which styles
# its page inline; the app's policy forbids inline styles, so such a response carries a
# policy of its own: nothing runs there (sandbox, no script), only the image and its styles.
IMAGE_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


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
    response = FileResponse(
        path.open("rb"),
        as_attachment=as_attachment,
        filename=filename or path.name,
        content_type=content_type,
    )
    if not as_attachment and str(response.get("Content-Type", "")).startswith("image/"):
        response["Content-Security-Policy"] = IMAGE_POLICY
    return response
