"""Fill Vietnamese translations into locale/vi/LC_MESSAGES/django.po from a
msgid -> msgstr table (clears the fuzzy mark of the entries it fills).

Usage: python scripts/po_fill.py TABLE.json"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

PO = Path(__file__).resolve().parent.parent / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def fill(table: dict[str, str]) -> int:
    blocks = PO.read_text(encoding="utf-8").split("\n\n")
    filled = 0
    for i, block in enumerate(blocks):
        match = re.search(r"^msgid ((?:\".*\"\n?)+)msgstr ((?:\".*\"\n?)+)", block, re.M)
        if not match or "msgid_plural" in block:
            continue
        msgid = (
            "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', match.group(1)))
            .encode()
            .decode("unicode_escape")
            .encode("latin-1")
            .decode("utf-8")
        )
        if msgid not in table:
            continue
        head = block[: match.start()]
        head = "\n".join(line for line in head.split("\n") if not line.startswith("#|"))
        head = head.replace("#, fuzzy, python-format", "#, python-format").replace("#, fuzzy\n", "")
        head = re.sub(r"^#, fuzzy$", "", head, flags=re.M)
        blocks[i] = f"{head}msgid {match.group(1).rstrip()}\nmsgstr {_quote(table[msgid])}"
        filled += 1
    PO.write_text("\n\n".join(blocks), encoding="utf-8")
    return filled


if __name__ == "__main__":
    print(fill(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))))
