"""Text as it can go into a DOCX or an XLSX: both refuse most control characters, which
text pasted from other programs sometimes brings."""

from __future__ import annotations

import re

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean(text: str) -> str:
    """Windows and old Mac line ends as one newline; control characters removed."""
    return CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
