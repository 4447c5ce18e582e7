"""Evidence files and activity photos chosen in a form that came back with an error: checked
as they are checked when saved, held for the session (core.held_uploads), listed as
"Chosen: name" with a remove button, sent again as tokens and attached when the form saves.

    held = HeldSelection(request, field="evidence", purpose=f"work.progress:{task.pk}")
    if form.is_valid(): service(..., uploads=held.uploads(new_files)) and held.release_all()
    else: held.keep(new_files)
"""

from __future__ import annotations

from typing import IO, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from apps.work import evidence as files
from core import held_uploads
from core.held_uploads import HeldFile, digest_of

PHOTO_TYPES = ("jpg", "png")


class HeldSelection:
    """The files this form holds: the tokens posted back (minus the ones the person removed),
    only those of this session, user and form."""

    def __init__(self, request: HttpRequest, *, field: str, purpose: str, photos_only: bool = False) -> None:
        self.request, self.field, self.purpose, self.photos_only = request, field, purpose, photos_only
        self.files: list[HeldFile] = []
        self.lost = 0
        if request.method != "POST":
            return
        claimed, self.lost = held_uploads.claim(
            request, request.POST.getlist(self.token_name), purpose=purpose
        )
        removed = set(request.POST.getlist(self.remove_name))
        held_uploads.release(request, [f.token for f in claimed if f.token in removed])
        self.files = [f for f in claimed if f.token not in removed]

    @property
    def token_name(self) -> str:
        return f"{self.field}_held"

    @property
    def remove_name(self) -> str:
        return f"{self.field}_remove"

    def error(self) -> str | None:
        """What to tell the person when some tokens were not theirs to claim (another
        session's, forged, or cleaned up after a day): nothing of them is attached."""
        if not self.lost:
            return None
        return _("Files chosen earlier are no longer kept (%(n)s): choose them again, then save.") % {
            "n": self.lost
        }

    def uploads(self, new: list[Any]) -> list[tuple[str, IO[bytes]]]:
        """The held files, then the newly chosen ones that are not one of them again."""
        seen = {f.digest for f in self.files}
        out: list[tuple[str, IO[bytes]]] = [
            (f.name, held_uploads.open_held(self.request, f)) for f in self.files
        ]
        for upload in new:
            upload.seek(0)
            digest = digest_of(upload.read())
            upload.seek(0)
            if digest not in seen:
                seen.add(digest)
                out.append((upload.name, upload))
        return out

    def keep(self, new: list[Any]) -> list[str]:
        """Check and hold the newly chosen files; the refusals, each naming its file."""
        refusals: list[str] = []
        tokens = {f.token for f in self.files}
        for upload in new:
            if upload.size > files.MAX_BYTES:
                continue  # the form already says it is too big
            upload.seek(0)
            try:
                raw = files.read_upload(upload)
                file_type, data = files.check(raw)
                if self.photos_only and file_type not in PHOTO_TYPES:
                    refusals.append(
                        _("%(name)s: a photo must be a JPG or PNG picture.") % {"name": upload.name}
                    )
                    continue
                item = held_uploads.hold(
                    self.request,
                    name=upload.name,
                    file_type=file_type,
                    data=data,
                    digest=digest_of(raw),
                    purpose=self.purpose,
                )
            except ValidationError as exc:
                refusals.append(f"{upload.name}: {' '.join(exc.messages)}")
                continue
            if item.token not in tokens:
                tokens.add(item.token)
                self.files.append(item)
        return refusals

    def release_all(self) -> None:
        held_uploads.release(self.request, [f.token for f in self.files])
