"""Lay a plan out as a DOCX in the state format (Nghị định 30/2020/NĐ-CP, Phụ lục I).

Page: A4 portrait, margins top/bottom 20 mm, left 30 mm, right 17 mm. Font: Times New
Roman throughout. Sizes follow shared/domain/document-format.md (see SIZES). The
header and the signature are borderless two-column tables, the way the state
templates draw them; page numbers are a PAGE field in the header, shown from page 2
on (different first page).
"""

from __future__ import annotations

import io
from typing import Any

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from .content import (
    Block,
    TaskRow,
    compose,
    date_line,
    issuer_lines,
    join_agencies,
    kind_title,
    recipient_lines,
)

FONT = "Times New Roman"
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(17)}
TEXT_WIDTH_MM = 210 - 30 - 17
# point sizes of each element (document-format.md gives a range; these sit inside it)
SIZES = {
    "issuer": 13,
    "number": 13,
    "national": 12,  # CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    "motto": 13,  # Độc lập - Tự do - Hạnh phúc
    "date": 14,
    "kind": 14,
    "title": 14,
    "body": 14,
    "table": 13,
    "signature": 14,
    "recipients_label": 12,
    "recipients": 11,
    "page_number": 14,
    "footnote": 12,
}
HEADER_COLUMNS_MM = (62, TEXT_WIDTH_MM - 62)
SIGNATURE_COLUMNS_MM = (80, TEXT_WIDTH_MM - 80)
TASK_COLUMNS_MM = (12, 68, 30, 30, TEXT_WIDTH_MM - 140)
TASK_HEADERS = ("TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện")
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


# --- low-level helpers ---------------------------------------------------------------


def _font(run: Any, size: int, *, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _paragraph(
    container: Any,
    text: str,
    size: int,
    *,
    bold: bool = False,
    italic: bool = False,
    align: Any = WD_ALIGN_PARAGRAPH.CENTER,
    before: float = 0,
    after: float = 0,
    indent: bool = False,
) -> Any:
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing = 1.0
    if indent:
        fmt.first_line_indent = Mm(12.7)
    if text:
        _font(paragraph.add_run(text), size, bold=bold, italic=italic)
    return paragraph


def _rule(container: Any, length_mm: float, width_mm: float) -> None:
    """A short centred line: an empty paragraph with a top border, narrowed by indents."""
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    side = max((width_mm - length_mm) / 2, 0)
    fmt.left_indent = fmt.right_indent = Mm(side)
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    fmt.line_spacing = Pt(4)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    paragraph._p.get_or_add_pPr().append(borders)


def _borderless(table: Any, widths_mm: tuple[float, ...]) -> None:
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)
    _widths(table, widths_mm)


def _widths(table: Any, widths_mm: tuple[float, ...]) -> None:
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)


def _clear(cell: Any) -> Any:
    """A new cell holds one empty paragraph; drop it so the cell reads as we write it."""
    for paragraph in list(cell.paragraphs):
        paragraph._p.getparent().remove(paragraph._p)
    return cell


def _page_field(paragraph: Any) -> None:
    """Append a PAGE field (begin / instruction / separate / result / end)."""
    run = paragraph.add_run()
    _font(run, SIZES["page_number"])
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == " PAGE ":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


# --- footnotes ------------------------------------------------------------------

_FOOTNOTES_XML = (
    f"<w:footnotes {nsdecls('w')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


class _Footnotes:
    """A footnotes part, which python-docx does not make: built once, written at the end."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.root = parse_xml(_FOOTNOTES_XML)
        self.count = 0

    def add(self, paragraph: Any, text: str) -> None:
        self.count += 1
        note_id = str(self.count)
        mark = paragraph.add_run()
        mark._r.get_or_add_rPr().append(parse_xml(f'<w:vertAlign {nsdecls("w")} w:val="superscript"/>'))
        reference = OxmlElement("w:footnoteReference")
        reference.set(qn("w:id"), note_id)
        mark._r.append(reference)
        note = parse_xml(
            f'<w:footnote {nsdecls("w")} w:id="{note_id}"><w:p><w:pPr><w:jc w:val="both"/></w:pPr>'
            f'<w:r><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>'
            f'<w:vertAlign w:val="superscript"/><w:sz w:val="{2 * SIZES["footnote"]}"/></w:rPr>'
            "<w:footnoteRef/></w:r>"
            f'<w:r><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>'
            f'<w:sz w:val="{2 * SIZES["footnote"]}"/></w:rPr><w:t xml:space="preserve"> </w:t></w:r>'
            "</w:p></w:footnote>"
        )
        note.findall(f".//{qn('w:t')}")[0].text = f" {text}"
        self.root.append(note)

    def attach(self) -> None:
        if not self.count:
            return
        from lxml import etree

        blob = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)
        part = Part(
            PackURI("/word/footnotes.xml"),
            CONTENT_TYPE.WML_FOOTNOTES,
            blob,
            self.document.part.package,
        )
        self.document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


# --- the document ---------------------------------------------------------------


def _setup(document: Any) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(SIZES["body"])
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)
    # page numbers: top centre, from page 2 on
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    number = header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(number)


def _header(document: Any, plan: dict[str, Any]) -> None:
    doc = plan["document"]
    table = document.add_table(rows=2, cols=2)
    _borderless(table, HEADER_COLUMNS_MM)
    left, right = _clear(table.cell(0, 0)), _clear(table.cell(0, 1))
    lines = issuer_lines(doc["issuer"])
    for text, bold in lines:
        _paragraph(left, text, SIZES["issuer"], bold=bold)
    if lines:
        _rule(left, 25, HEADER_COLUMNS_MM[0] - 4)
    _paragraph(right, NATIONAL_NAME, SIZES["national"], bold=True)
    _paragraph(right, MOTTO, SIZES["motto"], bold=True)
    _rule(right, 60, HEADER_COLUMNS_MM[1] - 4)
    number_cell, date_cell = _clear(table.cell(1, 0)), _clear(table.cell(1, 1))
    if doc["number"] is not None:
        number = doc["number"] if not doc["number"].startswith("/") else "      " + doc["number"]
        _paragraph(number_cell, f"Số: {number}", SIZES["number"], before=6)
    else:
        _paragraph(number_cell, "", SIZES["number"])
    _paragraph(date_cell, date_line(doc["place"], doc["date"]), SIZES["date"], italic=True, before=6)

    _paragraph(document, kind_title(doc["kind"]), SIZES["kind"], bold=True, before=18)
    _paragraph(document, doc["title"].strip(), SIZES["title"], bold=True)
    _rule(document, 40, TEXT_WIDTH_MM)


def _body(document: Any, blocks: list[Block], notes: _Footnotes) -> None:
    size = SIZES["body"]
    for block in blocks:
        if block.kind == "tasks_table":
            _tasks_table(document, block.rows)
            continue
        bold = block.kind in ("section", "heading", "subheading")
        paragraph = _paragraph(
            document,
            block.text,
            size,
            bold=bold,
            italic=block.kind == "subheading",
            align=WD_ALIGN_PARAGRAPH.JUSTIFY,
            before=6,
            indent=True,
        )
        paragraph.paragraph_format.line_spacing = 1.15
        paragraph.paragraph_format.keep_with_next = bold
        for note in block.footnotes:
            notes.add(paragraph, note)


def _tasks_table(document: Any, rows: list[TaskRow]) -> None:
    size = SIZES["table"]
    table = document.add_table(rows=1, cols=len(TASK_HEADERS))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    header = table.rows[0]
    tr_pr = header._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))  # repeat the header row on each page
    for cell, text in zip(header.cells, TASK_HEADERS, strict=True):
        _paragraph(_clear(cell), text, size, bold=True)
    for row in rows:
        cells = table.add_row().cells
        _paragraph(_clear(cells[0]), row.number, size, bold=row.group)
        content = _clear(cells[1])
        justify = WD_ALIGN_PARAGRAPH.JUSTIFY
        _paragraph(
            content, row.title, size, bold=True, italic=not row.group and row.number.isalpha(), align=justify
        )
        for activity in row.activities:
            _paragraph(content, f"- {activity}", size, align=justify, before=2)
        _paragraph(_clear(cells[2]), join_agencies(row.lead), size)
        _paragraph(_clear(cells[3]), join_agencies(row.partners), size)
        _paragraph(_clear(cells[4]), row.timeframe, size)
    _widths(table, TASK_COLUMNS_MM)
    _paragraph(document, "", SIZES["body"])


def _signature(document: Any, plan: dict[str, Any]) -> None:
    signer = plan["signer"]
    table = document.add_table(rows=1, cols=2)
    _borderless(table, SIGNATURE_COLUMNS_MM)
    left, right = _clear(table.cell(0, 0)), _clear(table.cell(0, 1))
    left_align = WD_ALIGN_PARAGRAPH.LEFT
    if plan["recipients"]:
        _paragraph(
            left, "Nơi nhận:", SIZES["recipients_label"], bold=True, italic=True, align=left_align, before=6
        )
        for line in recipient_lines(plan["recipients"]):
            _paragraph(left, line, SIZES["recipients"], align=left_align)
    else:
        _paragraph(left, "", SIZES["recipients"])
    first = True
    for line in signer["authority"]:
        _paragraph(right, line.strip().upper(), SIZES["signature"], bold=True, before=6 if first else 0)
        first = False
    if signer["position"]:
        _paragraph(
            right, signer["position"].strip().upper(), SIZES["signature"], bold=True, before=6 if first else 0
        )
    for _ in range(4):  # room for the signature and the seal
        _paragraph(right, "", SIZES["signature"])
    if signer["name"]:
        _paragraph(right, signer["name"].strip(), SIZES["signature"], bold=True)


def build_document(plan: dict[str, Any], tasks_as: str = "text") -> Any:
    """The python-docx Document of a (schema-valid) plan."""
    document = docx.Document()
    body = document.element.body
    for child in list(body.iterchildren()):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _setup(document)
    notes = _Footnotes(document)
    _header(document, plan)
    _body(document, compose(plan, tasks_as), notes)
    _signature(document, plan)
    notes.attach()
    document.core_properties.title = plan["document"]["title"][:250]
    document.core_properties.author = (plan["document"]["issuer"].get("name") or "")[:250]
    document.core_properties.language = "vi-VN"
    return document


def document_bytes(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
