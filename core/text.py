"""Vietnamese text normalisation shared by search, indexing and the plan parser.

Pure Python on purpose: the parser must not import Django.

Two spellings of the same word are common in real documents: the tone mark on the
first or the second vowel of "oa", "oe", "uy" at the end of a syllable ("hoà"/"hòa",
"thuỷ"/"thủy"). Everything is brought to the first-vowel style, the one the state
format and most official documents use, before it is compared or indexed.
"""

from __future__ import annotations

import re
import unicodedata

# tone marks as combining characters (NFD)
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_VOWEL_PAIRS = {"o": "ae", "O": "AE", "u": "yY", "U": "yY"}
# a tone on the second vowel of oa/oe/uy at the end of a syllable (no letter follows)
_SECOND_VOWEL_TONE = re.compile(
    r"(?<![qQ])([oOuU])([aeyAEY])([" + _TONES + r"])(?![^\W\d_])",
)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def normalize_tone(text: str) -> str:
    """NFC text with the tone of final oa/oe/uy moved to the first vowel ("hoà" -> "hòa")."""
    decomposed = unicodedata.normalize("NFD", text)

    def move(match: re.Match[str]) -> str:
        first, second, tone = match.groups()
        if second not in _VOWEL_PAIRS[first]:
            return match.group(0)
        return first + tone + second

    return unicodedata.normalize("NFC", _SECOND_VOWEL_TONE.sub(move, decomposed))


def normalize(text: str) -> str:
    """Canonical display text: NFC, one tone style, single spaces, trimmed."""
    return re.sub(r"\s+", " ", normalize_tone(text)).strip()


def fold(text: str) -> str:
    """Search key: no diacritics, đ -> d, lower case, punctuation to spaces.

    "Xã Hà Tây", "xa ha tay" and "HA TAY" fold to keys where one contains the other.
    """
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D").casefold()
    stripped = re.sub(r"[^\w]+", " ", stripped)
    return re.sub(r"\s+", " ", stripped).strip()


# Invisible characters that make two equal-looking names differ, or a name look empty:
# dropped quietly (they come in with text pasted from Word or the web).
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
# Letters that draw nothing (Hangul fillers, the Mongolian vowel separator): refused.
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u180e")
# Bidirectional overrides and isolates can make a name display as something else.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_ALLOWED_WHITESPACE = frozenset("\t\n\r")


class TextError(ValueError):
    """Why a piece of text was refused; `code` is one of nul, control, bidi, empty, too_long."""

    def __init__(self, code: str, limit: int = 0) -> None:
        super().__init__(code)
        self.code = code
        self.limit = limit


def strip_controls(text: str) -> str:
    """Drop NUL, control and format characters (for header values that get stored)."""
    return "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")


def clean_text(value: str, max_length: int, *, needs_letters: bool = True) -> str:
    """A user-typed name or title, ready to store: refused if it holds NUL, control
    characters or bidi overrides, is empty once invisible characters are removed, or is
    longer than `max_length` after normalisation (its search key included, since
    "ß" or "ﬃ" grow when folded)."""
    for ch in value:
        if ch == "\x00":
            raise TextError("nul")
        if ch in BIDI_CONTROLS:
            raise TextError("bidi")
        if ch in ZERO_WIDTH:
            continue
        category = unicodedata.category(ch)
        if (category == "Cc" and ch not in _ALLOWED_WHITESPACE) or category in {"Cf", "Co", "Cs", "Cn"}:
            raise TextError("control")
        if ch in BLANK_LETTERS:
            raise TextError("control")
    text = normalize("".join(ch for ch in value if ch not in ZERO_WIDTH))
    if not text or (needs_letters and not fold(text)):  # a name needs a letter or digit; "%" is a unit
        raise TextError("empty")
    # every stored form of the name must fit: as shown, folded for search, lower-cased
    # with accents (casefolding turns "ǰ" or "İ" into two characters, "ΐ" into three)
    if max(len(text), len(fold(text)), len(text.casefold())) > max_length:
        raise TextError("too_long", max_length)
    return text
