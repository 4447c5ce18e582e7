"""Turn a file of any supported kind into typed blocks (paragraphs, tables, numbered
items), defensively.

Every failure a person can cause (empty, wrong type, encrypted, too big, a zip bomb,
a scan without text) becomes a ParseError with a Vietnamese message.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import numbering as numbering_xml
from . import ocr, pdf, tables
from .blocks import Block, OutlineItem, Paragraph, Table, paragraphs, text_of
from .errors import ParseError
from .pdf import Progress

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_ZIP_RATIO = 100

FORMATS = {
    ".docx": "docx",
    ".pdf": "pdf",
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
}
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def detect_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ParseError(
            f"Không hỗ trợ định dạng tệp “{path.suffix or path.name}” (chỉ nhận DOCX, PDF, TXT, MD, HTML, ảnh PNG/JPG)."
        )
    return fmt


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ParseError(f"Không đọc được tệp “{path.name}”: {exc.strerror or exc}.") from exc
    if size == 0:
        raise ParseError(f"Tệp “{path.name}” rỗng.")
    if size > MAX_FILE_BYTES:
        raise ParseError(
            f"Tệp “{path.name}” quá lớn ({size // (1024 * 1024)} MB; tối đa {MAX_FILE_BYTES // (1024 * 1024)} MB)."
        )
    return path.read_bytes()


def decode_text(data: bytes, name: str) -> str:
    if b"\x00" in data[:4096]:
        raise ParseError(f"Tệp “{name}” không phải là văn bản (có vẻ là tệp nhị phân).")
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Legacy Vietnamese files: Windows-1258 (combining tones) or Windows-1252 mojibake.
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=["cp1258", "cp1252", "utf_16", "latin_1"]).best()
    except Exception:
        best = None
    if best is not None and best.encoding:
        return str(best)
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise ParseError(f"Không nhận ra bảng mã của tệp “{name}”; hãy lưu lại dưới dạng UTF-8.") from exc


def _check_zip(path: Path) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ParseError(
            f"Tệp “{path.name}” không phải tệp DOCX hợp lệ (tệp hỏng hoặc sai định dạng)."
        ) from exc
    total = sum(info.file_size for info in archive.infolist())
    packed = sum(info.compress_size for info in archive.infolist()) or 1
    if total > MAX_UNZIPPED_BYTES or total / packed > MAX_ZIP_RATIO:
        archive.close()
        raise ParseError(f"Tệp “{path.name}” bị từ chối: nội dung nén bất thường (nghi ngờ “zip bomb”).")
    if "word/document.xml" not in archive.namelist():
        archive.close()
        raise ParseError(f"Tệp “{path.name}” không phải tệp DOCX hợp lệ (thiếu word/document.xml).")
    return archive


def read_docx(path: Path) -> list[Block]:
    read_bytes(path)  # size and emptiness checks
    _check_zip(path).close()
    try:
        import docx
        from docx.oxml.ns import qn
    except ImportError as exc:  # pragma: no cover - dependency is pinned
        raise ParseError("Thiếu thư viện python-docx.") from exc
    try:
        document = docx.Document(str(path))
    except Exception as exc:
        raise ParseError(f"Tệp “{path.name}” không mở được như DOCX: tệp hỏng hoặc sai định dạng.") from exc

    footnotes: dict[str, str] = {}
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes"):
            from lxml import etree

            root = etree.fromstring(rel.target_part.blob)
            for note in root.iter(qn("w:footnote")):
                note_id = note.get(qn("w:id"))
                text = "".join(t.text or "" for t in note.iter(qn("w:t"))).strip()
                if note_id and text and int(note_id) > 0:
                    footnotes[note_id] = text

    numbering = _numbering(document)
    blocks: list[Block] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            label, depth = numbering.item(child)
            text = _paragraph_text(child, qn)
            blocks.append(OutlineItem(label, depth, text) if label and text.strip() else Paragraph(text))
        elif child.tag == qn("w:tbl"):
            blocks.append(_docx_table(child, qn, numbering))
    blocks.extend(Paragraph(f"{_superscript(k)} {v}") for k, v in footnotes.items())
    return blocks


def _numbering(document: Any) -> numbering_xml.Numbering:
    from lxml import etree

    numbering_root = styles_root = None
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/numbering"):
            numbering_root = etree.fromstring(rel.target_part.blob)
        elif rel.reltype.endswith("/styles"):
            styles_root = etree.fromstring(rel.target_part.blob)
    return numbering_xml.load(numbering_root, styles_root)


def _superscript(number: str) -> str:
    return "".join(_SUPERSCRIPTS[int(d)] for d in number if d.isdigit())


def _paragraph_text(paragraph: object, qn: object) -> str:
    parts: list[str] = []
    for node in paragraph.iter():  # type: ignore[attr-defined]
        tag = node.tag
        if tag == qn("w:t"):  # type: ignore[operator]
            parts.append(node.text or "")
        elif tag == qn("w:tab"):  # type: ignore[operator]
            parts.append("\t")
        elif tag in (qn("w:br"), qn("w:cr")):  # type: ignore[operator]
            parts.append("\n")
        elif tag == qn("w:footnoteReference"):  # type: ignore[operator]
            parts.append(_superscript(node.get(qn("w:id")) or ""))  # type: ignore[operator]
    return "".join(parts)


def _docx_table(table: Any, qn: Any, numbering: numbering_xml.Numbering) -> Table:
    """The grid of a Word table: a cell merged across columns (gridSpan) or down rows
    (vMerge) is repeated in each grid cell it covers."""
    rows: list[list[str]] = []
    for row in table.iterchildren(qn("w:tr")):
        cells: list[str] = []
        for cell in row.iterchildren(qn("w:tc")):
            props = cell.find(qn("w:tcPr"))
            span, merged = 1, False
            if props is not None:
                grid_span = props.find(qn("w:gridSpan"))
                if grid_span is not None:
                    span = int(grid_span.get(qn("w:val")) or 1)
                v_merge = props.find(qn("w:vMerge"))
                merged = v_merge is not None and v_merge.get(qn("w:val")) in (None, "continue")
            paragraphs = []
            for p in cell.iter(qn("w:p")):
                label = numbering.label(p)
                text = _paragraph_text(p, qn)
                paragraphs.append(f"{label} {text}" if label and text.strip() else text)
            text = "\n".join(paragraphs).strip()
            if merged and rows and len(rows[-1]) > len(cells):
                text = rows[-1][len(cells)]
            cells.extend([text] * span)
        rows.append(cells)
    return Table(rows)


# white space: what is left without it is the text a reader found
SPACE = re.compile(r"\s")


def read_pdf(path: Path, progress: Progress | None = None) -> Reading:
    read_bytes(path)  # size and emptiness checks
    try:
        found = pdf.read(path, progress, ocr=ocr.pdf_page_text if ocr.available() else None)
    except ParseError:
        raise
    except Exception as exc:
        raise ParseError(f"Tệp PDF “{path.name}” bị hỏng, không đọc được.") from exc
    warnings: list[str] = []
    if found.ocr_pages:
        what = (
            "bản quét PDF"
            if len(found.ocr_pages) == found.pages
            else f"trang {_pages(found.ocr_pages)} (ảnh quét)"
        )
        warnings.append(ocr.WARNING.format(what=what))
    if found.scanned_pages:
        if len(found.scanned_pages) == found.pages or len(SPACE.sub("", found.text)) < 200:
            ocr.require(path.name)
        # a text PDF with a few image pages (a scanned annex): read what has text
        warnings.append(f"trang {_pages(found.scanned_pages)} là ảnh quét, chưa nhận dạng chữ (chưa cài OCR)")
    if len(SPACE.sub("", found.text)) < 20:
        raise ParseError(f"Tệp PDF “{path.name}” không có chữ đọc được, kể cả khi nhận dạng chữ (OCR).")
    return Reading("pdf", found.blocks, warnings)


def _pages(indexes: list[int]) -> str:
    return ", ".join(str(n + 1) for n in indexes)


def read_image(path: Path, progress: Progress | None = None) -> Reading:
    read_bytes(path)
    ocr.require(path.name)
    try:
        from PIL import Image, ImageOps

        with Image.open(path) as image:
            image.load()
            upright = ImageOps.exif_transpose(image) or image
            text = ocr.image_text(upright)
    except ParseError:
        raise
    except Exception as exc:
        raise ParseError(f"Tệp ảnh “{path.name}” bị hỏng hoặc không phải ảnh, không đọc được.") from exc
    if progress:
        progress(1, 1)
    if len(SPACE.sub("", text)) < 20:
        raise ParseError(f"Không nhận dạng được chữ trong ảnh “{path.name}”; hãy chụp rõ, thẳng và đủ sáng.")
    # the schema knows no image format: a photo of a plan is read as a one-page scan
    return Reading("pdf", paragraphs(text), [ocr.WARNING.format(what=f"ảnh chụp ({path.suffix.lower()})")])


def read_html(path: Path) -> list[Block]:
    raw = decode_text(read_bytes(path), path.name)
    try:
        from lxml import html as lxml_html
    except ImportError as exc:  # pragma: no cover
        raise ParseError("Thiếu thư viện lxml.") from exc
    try:
        tree = lxml_html.fromstring(raw)
    except Exception as exc:
        raise ParseError(f"Tệp HTML “{path.name}” không đọc được.") from exc
    for bad in tree.xpath(
        "//script|//style|//nav|//header|//footer|//aside|//form|//noscript|//*[" + _CHROME_CLASSES + "]"
    ):
        bad.drop_tree()
    candidates = tree.xpath("//article|//main|//*[contains(@class,'content') or contains(@id,'content')]")
    root = max(candidates, key=lambda el: len(el.text_content())) if candidates else tree
    blocks: list[Block] = []
    _html_blocks(root, blocks)
    return blocks


# class or id words of a portal's frame around the document
_CHROME_WORDS = (
    "menu",
    "breadcrumb",
    "footer",
    "sidebar",
    "related",
    "lien-quan",
    "lienquan",
    "share",
    "banner",
)
_CHROME_CLASSES = " or ".join(f"contains(@class,'{w}') or contains(@id,'{w}')" for w in _CHROME_WORDS)
_HTML_BLOCKS = {
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "tr",
    "td",
    "th",
    "section",
    "article",
}


def _html_blocks(element: Any, blocks: list[Block]) -> None:
    """Block elements in document order, a <table> as a table."""
    if element.tag == "table":
        rows: list[list[str]] = []
        for row in element.iter("tr"):
            cells: list[str] = []
            for cell in row:
                if cell.tag in ("td", "th"):
                    text = "\n".join(t.strip() for t in cell.itertext() if t.strip())
                    cells.extend([text] * int(cell.get("colspan", "1") or 1))
            rows.append(cells)
        blocks.append(Table(rows))
        return
    children = [c for c in element if isinstance(c.tag, str)]
    if element.tag in _HTML_BLOCKS and not any(c.tag in _HTML_BLOCKS or c.tag == "table" for c in children):
        text = element.text_content()
        blocks.append(Paragraph("- " + text if element.tag == "li" else text))
        return
    if element.text and element.text.strip():
        blocks.append(Paragraph(element.text))
    for child in children:
        _html_blocks(child, blocks)
        if child.tail and child.tail.strip():
            blocks.append(Paragraph(child.tail))


@dataclass
class Reading:
    format: str  # as the schema names it
    blocks: list[Block]
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The text of the file as read (the review page shows it beside the result)."""
        return text_of(self.blocks, tables.render)


def read_any(path: Path, progress: Progress | None = None) -> Reading:
    fmt = detect_format(path)
    if fmt == "pdf":
        return read_pdf(path, progress)
    if fmt == "image":
        return read_image(path, progress)
    if fmt == "docx":
        reading = Reading(fmt, read_docx(path))
    elif fmt == "html":
        reading = Reading(fmt, read_html(path))
    else:
        reading = Reading(fmt, paragraphs(decode_text(read_bytes(path), path.name)))
    if progress:
        progress(1, 1)
    return reading
