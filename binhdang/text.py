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
