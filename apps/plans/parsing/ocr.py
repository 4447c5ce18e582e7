"""OCR of scanned pages and photos through Tesseract with its Vietnamese data
(Debian: tesseract-ocr, tesseract-ocr-vie; `scripts/ensure-tesseract.sh`)."""

from __future__ import annotations

import functools
import re
from typing import Any

from .errors import ParseError

LANGUAGE = "vie"
# pixels per inch a page is rendered at before OCR: 300 is Tesseract's sweet spot
RENDER_DPI = 300
NOT_INSTALLED = (
    "Tệp “{name}” là bản quét hoặc ảnh chụp, cần nhận dạng chữ (OCR), nhưng máy chủ chưa cài "
    "Tesseract OCR với dữ liệu tiếng Việt (gói tesseract-ocr, tesseract-ocr-vie). "
    "Hãy cài đặt (scripts/ensure-tesseract.sh) hoặc tải lên bản có lớp chữ (DOCX, PDF xuất từ Word)."
)
WARNING = "văn bản được nhận dạng bằng OCR từ {what}: hãy kiểm tra lại số, ngày và tên riêng"


@functools.cache
def available() -> bool:
    """Tesseract runs and has the Vietnamese data."""
    try:
        import pytesseract  # type: ignore[import-untyped]

        return LANGUAGE in pytesseract.get_languages(config="")
    except Exception:
        return False


def require(name: str) -> None:
    if not available():
        raise ParseError(NOT_INSTALLED.format(name=name))


# a gap of this many spaces in a line of OCR text separates two columns
COLUMN_GAP = re.compile(r"(?<=\S) {4,}(?=\S)")


def image_text(image: Any) -> str:
    """The text of a page image; the two columns of the header and of the signature
    block (kept apart by the spaces Tesseract preserves) are separated by a tab, which
    the table stage reads column by column."""
    import pytesseract

    text = pytesseract.image_to_string(
        image.convert("L"), lang=LANGUAGE, config="--psm 6 -c preserve_interword_spaces=1"
    )
    return "\n".join(COLUMN_GAP.sub("\t", fix_numerals(line)) for line in str(text).splitlines())


# Tesseract reads the strokes of a roman numeral as "1", "l" or "|": "Quý I1/2025", "I1. NHIỆM VỤ"
_QUARTER_NUMERAL = re.compile(r"(?<=Quý )([IVl1|]{1,3})(?=\s*(?:/|năm|$))")
_SECTION_NUMERAL = re.compile(r"^([IVXl1|]{2,4})(?=[.:]\s+[A-ZĐ])")


# "l", "1", "|": the strokes Tesseract gives for the "I" of a roman numeral
MISREAD_I = re.compile(r"[l1|]")
# a roman numeral's letter at the start of a line: "II. NHIỆM VỤ"
ROMAN_LETTER = re.compile(r"[IVX]")


def fix_numerals(line: str) -> str:
    def roman(match: re.Match[str]) -> str:
        return MISREAD_I.sub("I", match.group(1))

    line = _QUARTER_NUMERAL.sub(roman, line)
    if ROMAN_LETTER.search(line[:4]):
        line = _SECTION_NUMERAL.sub(roman, line)
    return line


def pdf_page_text(page: Any) -> str:
    bitmap = page.render(scale=RENDER_DPI / 72, grayscale=True)
    return image_text(bitmap.to_pil())
