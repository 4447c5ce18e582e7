"""Tiny PDF writer for tests: one page of ASCII text, optionally without a text layer
or with an /Encrypt dictionary whose password check cannot pass."""

from __future__ import annotations


def make_pdf(lines: list[str], *, text_layer: bool = True, encrypted: bool = False) -> bytes:
    content = (
        "BT /F1 11 Tf 50 800 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
        if text_layer
        else "0 0 m 100 100 l S"
    )
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if encrypted:
        objects.append(
            "<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <"
            + "11" * 32
            + "> /U <"
            + "22" * 32
            + "> >>"
        )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    trailer = f"<< /Size {len(objects) + 1} /Root 1 0 R"
    if encrypted:
        trailer += f" /Encrypt {len(objects)} 0 R /ID [<{'33' * 16}> <{'33' * 16}>]"
    out += f"trailer\n{trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


# --- laid-out PDFs with Vietnamese text, drawn with pdfium ------------------------------

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)
PAGE_WIDTH, PAGE_HEIGHT = 595.0, 842.0


def _font_file() -> bytes:
    from pathlib import Path

    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return Path(candidate).read_bytes()
    raise FileNotFoundError("DejaVu fonts (Debian fonts-dejavu-core) are needed to draw test PDFs")


class LayoutPdf:
    """Text at positions (points from the top-left corner), rules and page breaks: the
    way a word processor lays out a plan, with a real text layer."""

    def __init__(self) -> None:
        import ctypes

        import pypdfium2 as pdfium
        import pypdfium2.raw as raw

        self._raw, self._ctypes = raw, ctypes
        self.pdf = pdfium.PdfDocument.new()
        data = _font_file()
        self._font_buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
        self.font = raw.FPDFText_LoadFont(
            self.pdf, self._font_buffer, len(data), raw.FPDF_FONT_TRUETYPE, True
        )
        self.pages: list[object] = []
        self.new_page()

    def new_page(self) -> None:
        if self.pages:
            self._raw.FPDFPage_GenerateContent(self.pages[-1])
        self.pages.append(self.pdf.new_page(PAGE_WIDTH, PAGE_HEIGHT))

    def text(self, x: float, y: float, text: str, size: float = 12) -> None:
        raw, ctypes = self._raw, self._ctypes
        obj = raw.FPDFPageObj_CreateTextObj(self.pdf, self.font, size)
        wide = (text + "\0").encode("utf-16-le")
        raw.FPDFText_SetText(obj, ctypes.cast(ctypes.c_char_p(wide), ctypes.POINTER(ctypes.c_ushort)))
        raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, PAGE_HEIGHT - y)
        raw.FPDFPage_InsertObject(self.pages[-1], obj)

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        raw = self._raw
        path = raw.FPDFPageObj_CreateNewPath(x0, PAGE_HEIGHT - y0)
        raw.FPDFPath_LineTo(path, x1, PAGE_HEIGHT - y1)
        raw.FPDFPath_SetDrawMode(path, 0, True)
        raw.FPDFPage_InsertObject(self.pages[-1], path)

    def save(self, path: object) -> None:
        self._raw.FPDFPage_GenerateContent(self.pages[-1])
        self.pdf.save(str(path))


def text_width(text: str, size: float) -> float:
    return len(text) * size * 0.6


def wrap(text: str, width: float, size: float) -> list[str]:
    words, lines, current = text.split(), [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if text_width(candidate, size) > width and current:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current] if current else lines
