"""One data value as a file gives it (`Row`), and what reading and writing one needs in
every format: the element and combo identifiers, figures checked on their size and read the
way the form reads them, comments with their reason. The dataValueSets (JSON, CSV) and the
XLSX template both build on it; neither imports the other's reading."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from decimal import Context, Decimal, DecimalException, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.indicators import services
from apps.indicators.models import Indicator
from core.text import BIDI_CONTROLS, nfc

DEFAULT_COMBO = "default"  # DHIS2's name of the category option combo of a total
NUMERATOR, DENOMINATOR = "N", "D"
REASON_PREFIX = "Lý do thay đổi: "

MAX_TEXT = 2000  # characters of a comment or a reason
# "12.5" in a machine file is twelve and a half, as DHIS2 writes it ("1.234" too is a
# decimal there); anything else is read the Vietnamese way, as the form reads it
MACHINE_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)?\s*$")
# A figure is checked on its size before any arithmetic: "1e100000000" is eleven
# characters that `format`, `normalize` or `quantize` would blow up to a hundred million
# digits (or an Overflow). Figures stay below 10**15 (as `services.parse_number` keeps
# them); a figure is written in at most 40 characters; digits past the 20th decimal are
# rounded off before the form's own reading rounds to hundredths.
MAX_NUMBER_TEXT = 40
MAX_ADJUSTED = 15
MIN_EXPONENT = -20
_WIDE = Context(prec=60)


class FileRefused(Exception):
    """The file cannot be read at all (not JSON/CSV/XLSX, corrupt, too big ...)."""


class _Keep:
    """A row that says nothing about this part of a figure."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()


@dataclass
class Row:
    """One data value as the file gives it, with where it stands in the file."""

    ref: str
    element: str = ""
    category: str = ""
    period: str = ""
    unit: str = ""
    form: str = ""
    value: Any = KEEP  # str (as written), Decimal, None (empty) or KEEP
    comment: str | None = None  # None: the file says nothing about the comment
    reason: str | None = None
    machine: bool = True  # read "1.234" as DHIS2 does, not as 1234
    original: Any = KEEP  # the figure when the template was made (XLSX only)
    stamp: datetime | None = None  # lastUpdated of a JSON or CSV row: the figure it was exported with
    error: str = ""  # why the reader could not make sense of it


def number_text(value: Decimal | None) -> str:
    """ "30", "12.5": no exponent, no trailing zeros, "." as the decimal point."""
    if value is None:
        return ""
    return format(value.normalize(), "f")


def element_id(indicator: Indicator, part: str = "") -> str:
    return f"{indicator.code}.{part}" if indicator.is_ratio and part else indicator.code


def combo_id(category: str) -> str:
    return category or DEFAULT_COMBO


def encode_comment(comment: str, reason: str) -> str:
    lines = [comment.strip()] if comment.strip() else []
    if reason.strip():
        lines.append(REASON_PREFIX + reason.strip())
    return "\n".join(lines)


def decode_comment(text: str) -> tuple[str, str]:
    """(comment, reason) from a DHIS2 comment: the reason starts at the first line that
    begins with "Lý do thay đổi:" (any case), and runs to the end."""
    marker = REASON_PREFIX.strip().casefold()
    lines = text.split("\n")
    for index, line in enumerate(lines):
        stripped = line.lstrip()
        if stripped.casefold().startswith(marker):
            reason = "\n".join([stripped[len(marker) :], *lines[index + 1 :]])
            return "\n".join(lines[:index]).strip(), reason.strip()
    return text.strip(), ""


def clean_comment(text: str) -> str:
    """Comments and reasons: NFC, without NUL, control or direction-changing characters
    (PostgreSQL refuses NUL; the others hide what a text says)."""
    for ch in text:
        category = unicodedata.category(ch)
        if ch in BIDI_CONTROLS or category == "Cs" or (category == "Cc" and ch not in "\t\n\r"):
            raise ValueError(_("The comment holds control characters."))
    text = nfc(text).strip()
    if len(text) > MAX_TEXT:
        raise ValueError(_("The comment is longer than %(max)s characters.") % {"max": MAX_TEXT})
    return text


def _not_a_number(text: Any) -> ValidationError:
    return ValidationError(_("“%(text)s” is not a number.") % {"text": str(text)[:30]})


def bounded(value: Decimal, written: Any = None) -> Decimal:
    """The number if it is finite and below 10**16, with at most 20 decimals (rounded);
    checked on its exponent only, so that no arithmetic ever meets a huge one."""
    if not value.is_finite() or value.adjusted() > MAX_ADJUSTED:
        raise _not_a_number(value if written is None else written)
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < MIN_EXPONENT:
        value = value.quantize(Decimal(1).scaleb(MIN_EXPONENT), context=_WIDE)
    return value


def read_number(raw: Any, machine: bool) -> Decimal | None:
    """A figure from a file, through the form's own reading (`services.parse_number`),
    after checking its size: never a 500 or a huge number in memory, whatever the file."""
    if raw is None:
        return None
    try:
        if isinstance(raw, Decimal):
            text = format(bounded(raw), "f").replace(".", ",")
        else:
            written = str(raw).strip()
            if len(written) > MAX_NUMBER_TEXT:
                raise _not_a_number(written)
            if "e" in written or "E" in written:
                # only a machine number has an exponent ("1e5", "2.5E+3")
                try:
                    number = Decimal(written.replace("\u202f", "").replace(" ", ""))
                except InvalidOperation:
                    raise _not_a_number(written) from None
                text = format(bounded(number, written), "f").replace(".", ",")
            elif machine and MACHINE_NUMBER.match(written):
                text = written.replace(".", ",")
            else:
                text = written
        return services.parse_number(text)
    except DecimalException:
        raise _not_a_number(raw) from None
