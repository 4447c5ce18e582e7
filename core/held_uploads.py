"""Files chosen in a form that was sent back (a wrong number, a missing field): kept on the
server for the browser session that chose them, so that the person does not pick them
again, and attached when the form is finally saved.

The caller checks a file the way it checks it when saving (type from the content, photos
re-drawn without their metadata) and hands over the bytes to keep. They are written under
`settings.WORK_FILES_DIR / "held"`, in one folder per session (named by a keyed hash of the
session key, never the key itself) with a JSON manifest of what it holds. A file is claimed
by its token, and only by the session and the user that held it, for the same form
(`purpose`); any other token is unknown. At most `MAX_FILES` files and `MAX_BYTES` bytes per
session; a folder untouched for `KEEP_FOR` is removed the next time anyone holds a file.
No model, no migration: a held file is a draft, not a record."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import io
import json
import secrets
import shutil
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

MAX_FILES = 20
MAX_BYTES = 100 * 1024 * 1024
KEEP_FOR = timedelta(days=1)
MANIFEST = "manifest.json"
_TOKEN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")


@dataclass(frozen=True)
class HeldFile:
    token: str
    name: str  # as the person's device named it
    file_type: str  # "jpg", "pdf" ... as the caller's check found it
    size: int
    digest: str  # sha256 of the bytes the person chose, to know the same file chosen again
    purpose: str  # the form it was chosen in, e.g. "work.progress:12"
    user_id: int
    held_at: float

    @property
    def stored_name(self) -> str:
        return f"{self.token}.{self.file_type}"


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def root() -> Path:
    return Path(settings.WORK_FILES_DIR) / "held"


def _session_key(request: HttpRequest) -> str:
    session = request.session
    if not session.session_key:
        session.save()
    key = session.session_key
    assert key is not None
    return key


def _folder(request: HttpRequest) -> Path:
    name = salted_hmac("core.held_uploads", _session_key(request)).hexdigest()[:40]
    return root() / name


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[dict[str, dict[str, Any]]]:
    """The folder's manifest, read and written back under a lock (two tabs of one session)."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        manifest = _read(folder)
        before = json.dumps(manifest, sort_keys=True)
        yield manifest
        if json.dumps(manifest, sort_keys=True) != before:
            tmp = folder / f"{MANIFEST}.tmp"
            tmp.write_text(json.dumps(manifest), encoding="utf-8")
            tmp.replace(folder / MANIFEST)


def _read(folder: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _entry(raw: Any) -> HeldFile | None:
    try:
        return HeldFile(**raw)
    except TypeError:
        return None


def hold(
    request: HttpRequest, *, name: str, file_type: str, data: bytes, digest: str, purpose: str
) -> HeldFile:
    """Keep `data` (already checked by the caller) for this session; the same file chosen
    again for the same form gives back the file already held. ValidationError past the
    session's limits."""
    sweep()
    user_id = int(getattr(request.user, "pk", 0) or 0)
    folder = _folder(request)
    with _locked(folder) as manifest:
        for raw in manifest.values():
            item = _entry(raw)
            if item and (item.digest, item.purpose, item.user_id) == (digest, purpose, user_id):
                return item
        if len(manifest) >= MAX_FILES:
            raise ValidationError(_("Too many files are waiting to be saved: save the form or remove some."))
        if sum(int(raw.get("size", 0)) for raw in manifest.values()) + len(data) > MAX_BYTES:
            raise ValidationError(
                _("The files waiting to be saved are too big together: save the form first.")
            )
        item = HeldFile(
            token=secrets.token_urlsafe(18),
            name=name[:255],
            file_type=file_type,
            size=len(data),
            digest=digest,
            purpose=purpose,
            user_id=user_id,
            held_at=time.time(),
        )
        (folder / item.stored_name).write_bytes(data)
        manifest[item.token] = asdict(item)
    return item


def claim(request: HttpRequest, tokens: Iterable[str], *, purpose: str) -> tuple[list[HeldFile], int]:
    """The files of `tokens` that this session and user held for this form, in the order
    given and once each, and how many tokens were not theirs (forged, of another session,
    another form, or already cleaned up)."""
    wanted = list(dict.fromkeys(t for t in tokens if t))
    if not wanted:
        return [], 0
    folder = _folder(request)
    manifest = _read(folder)
    user_id = int(getattr(request.user, "pk", 0) or 0)
    found: list[HeldFile] = []
    for token in wanted:
        item = _entry(manifest.get(token)) if set(token) <= _TOKEN_CHARS else None
        if (
            item is not None
            and item.purpose == purpose
            and item.user_id == user_id
            and (folder / item.stored_name).is_file()
        ):
            found.append(item)
    return found, len(wanted) - len(found)


def open_held(request: HttpRequest, item: HeldFile) -> io.BytesIO:
    """The held bytes, to hand to the service that saves the form."""
    return io.BytesIO((_folder(request) / item.stored_name).read_bytes())


def release(request: HttpRequest, tokens: Iterable[str]) -> None:
    """Forget these files of this session (saved with the form, or removed by the person);
    tokens of anyone else are left alone."""
    tokens = [t for t in tokens if t]
    if not tokens:
        return
    folder = _folder(request)
    if not folder.is_dir():
        return
    with _locked(folder) as manifest:
        for token in tokens:
            item = _entry(manifest.pop(token, None))
            if item is not None:
                (folder / item.stored_name).unlink(missing_ok=True)


def sweep(now: float | None = None) -> int:
    """Remove the folders of sessions untouched for KEEP_FOR; how many were removed."""
    base = root()
    if not base.is_dir():
        return 0
    limit = (now if now is not None else time.time()) - KEEP_FOR.total_seconds()
    removed = 0
    for folder in base.iterdir():
        if not folder.is_dir():
            continue
        try:
            stamps = [p.stat().st_mtime for p in folder.iterdir()] or [folder.stat().st_mtime]
        except FileNotFoundError:  # being released or swept at the same moment
            continue
        if max(stamps) < limit:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed
