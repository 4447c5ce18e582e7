"""Word's automatic numbering: the labels ("I.", "1.", "1.2.", "a)", "-") that Word
shows but that exist only in word/numbering.xml, rendered for each paragraph."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out


def letters(number: int) -> str:
    # Word's letter numbering: a..z, then aa, bb ...
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def format_number(number: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return roman(number)
    if fmt == "lowerRoman":
        return roman(number).lower()
    if fmt == "lowerLetter":
        return letters(number)
    if fmt == "upperLetter":
        return letters(number).upper()
    if fmt == "decimalZero":
        return f"{number:02d}"
    return str(number)


@dataclass
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class Numbering:
    """Levels of each list (numId) and the running counters while the body is read."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)
    style_numbering: dict[str, tuple[str, int]] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)

    def label(self, paragraph: Any) -> str:
        return self.item(paragraph)[0]

    def item(self, paragraph: Any) -> tuple[str, int]:
        """(the label Word shows before the paragraph, its list level); ("", 0) if none."""
        label, level = self._label(paragraph)
        return label, level if label else 0

    def _label(self, paragraph: Any) -> tuple[str, int]:
        num_id, level = self._numbering_of(paragraph)
        if num_id is None or num_id not in self.levels:
            return "", 0
        levels = self.levels[num_id]
        spec = levels.get(level)
        if spec is None:
            return "", 0
        counts = self.counters.setdefault(num_id, [0] * 9)
        for deeper in range(level + 1, 9):
            counts[deeper] = 0
        counts[level] = (counts[level] or levels[level].start - 1) + 1
        if spec.fmt == "bullet":
            return "-", level
        if spec.fmt == "none":
            return "", level
        text = spec.text
        for depth in range(level + 1):
            shown = counts[depth] or (levels[depth].start if depth in levels else 1)
            fmt = levels[depth].fmt if depth in levels else "decimal"
            text = text.replace(f"%{depth + 1}", format_number(shown, fmt))
        return text.strip(), level

    def _numbering_of(self, paragraph: Any) -> tuple[str | None, int]:
        ppr = paragraph.find(W + "pPr")
        if ppr is None:
            return None, 0
        num_pr = ppr.find(W + "numPr")
        if num_pr is not None:
            num_id = num_pr.find(W + "numId")
            ilvl = num_pr.find(W + "ilvl")
            level = int(ilvl.get(W + "val", "0")) if ilvl is not None else 0
            if num_id is not None:
                value = num_id.get(W + "val")
                return (None if value == "0" else value), level
        style = ppr.find(W + "pStyle")
        if style is not None and style.get(W + "val") in self.style_numbering:
            num_id, level = self.style_numbering[style.get(W + "val")]
            return num_id, level
        return None, 0


def load(numbering_xml: Any | None, styles_xml: Any | None) -> Numbering:
    """From the parsed numbering.xml and styles.xml roots (either may be missing)."""
    result = Numbering()
    if numbering_xml is None:
        return result
    abstract: dict[str, dict[int, Level]] = {}
    for node in numbering_xml.iter(W + "abstractNum"):
        abstract[node.get(W + "abstractNumId")] = {
            int(lvl.get(W + "ilvl", "0")): _level(lvl) for lvl in node.iter(W + "lvl")
        }
    for num in numbering_xml.iter(W + "num"):
        ref = num.find(W + "abstractNumId")
        if ref is None or ref.get(W + "val") not in abstract:
            continue
        levels = {k: Level(v.fmt, v.text, v.start) for k, v in abstract[ref.get(W + "val")].items()}
        for override in num.iter(W + "lvlOverride"):
            ilvl = int(override.get(W + "ilvl", "0"))
            start = override.find(W + "startOverride")
            if start is not None and ilvl in levels:
                levels[ilvl].start = int(start.get(W + "val", "1"))
            lvl = override.find(W + "lvl")
            if lvl is not None:
                levels[ilvl] = _level(lvl)
        result.levels[num.get(W + "numId")] = levels
    if styles_xml is not None:
        for style in styles_xml.iter(W + "style"):
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is None or num_pr.find(W + "numId") is None:
                continue
            ilvl = num_pr.find(W + "ilvl")
            result.style_numbering[style.get(W + "styleId")] = (
                num_pr.find(W + "numId").get(W + "val"),
                int(ilvl.get(W + "val", "0")) if ilvl is not None else 0,
            )
    return result


def _level(lvl: Any) -> Level:
    def val(tag: str, default: str) -> str:
        node = lvl.find(W + tag)
        return node.get(W + "val", default) if node is not None else default

    return Level(val("numFmt", "decimal"), val("lvlText", "%1."), int(val("start", "1") or 1))
