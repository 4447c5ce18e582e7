"""The consolidated report as a DOCX in the state format (Nghị định 30/2020/NĐ-CP), laid
out with the plans app's writer (page set-up, header, signature block, fonts), so that a
plan and a report of the same unit look alike: A4, Times New Roman, the two-column header
"ỦY BAN NHÂN DÂN / XÃ …" | "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc",
"Số: …/BC-UBND", the place-and-date line, "BÁO CÁO" and its subject, sections I–V, the
signature "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" with "Nơi nhận:", then the
annexes on landscape pages: Phụ lục I (the indicators) and, for a province, Phụ lục VI
(each commune's report)."""

from __future__ import annotations

import re
from typing import Any

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from apps.geo.models import AdministrativeUnit, Level
from apps.plans.export import writer
from apps.reports import drafting, figures, suppression
from apps.reports.content import ReportContent
from apps.reports.text import clean

ANNEX_SIZE = 11
LANDSCAPE_TEXT_MM = 297 - 30 - 17
ANNEX_I_HEADERS = (
    "STT",
    "Mã",
    "Tên chỉ tiêu",
    "Đơn vị tính",
    "Kế hoạch",
    "Thực hiện",
    "Tử số",
    "Mẫu số",
    "Cùng kỳ năm trước",
    "Đánh giá",
)
ANNEX_I_WIDTHS = (10, 18, 74, 22, 30, 20, 18, 18, 20, 20)
PROVINCE_ANNEX_I_WIDTHS = (10, 18, 58, 20, 28, 20, 18, 18, 20, 20, 20)
STATUS_WORDS = {
    "approved": "Đã duyệt",
    "submitted": "Đã gửi, chờ duyệt",
    "returned": "Bị trả lại",
    "draft": "Đang nhập",
    "missing": "Chưa gửi",
}
SIGNER = {"authority": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "position": "PHÓ CHỦ TỊCH"}

# "II.1. …", "7.3. …", "2. …", "a) …": a heading of the narrative; "- …" an item
HEADING_LINE = re.compile(r"^(?:[IVXLC]+\.)?\d+(?:\.\d+)*(?:\.[a-zđ])?\.?\s|^[a-zđ]\)\s")


def line_kind(line: str) -> str:
    if line.startswith(("- ", "+ ", "* ")):
        return "item"
    if HEADING_LINE.match(line):
        return "heading"
    return "body"


def document_header(unit: AdministrativeUnit) -> dict[str, Any]:
    name = drafting.issuer_words(unit)
    return {
        "name": name,
        "parent": None if unit.level == Level.PROVINCE else drafting.unit_words(unit.province),
    }


def _number(content: ReportContent) -> str:
    number = content.report.number.strip()
    return number or "/BC-UBND"


def _plan_like(content: ReportContent) -> dict[str, Any]:
    """The parts of a plan dict that the plans writer's header and signature read."""
    unit = content.unit
    recipients = [line.strip().lstrip("-").strip() for line in content.sections["recipients"].splitlines()]
    return {
        "document": {
            "kind": "BC",
            "number": _number(content),
            "issuer": document_header(unit),
            "place": unit.short_name,
            "date": content.generated_at.date().isoformat(),
            "title": drafting.subject(content.period),
        },
        "signer": {**SIGNER, "name": content.sections["signer"].strip() or None},
        "recipients": [r for r in recipients if r],
    }


def _text(
    document: Any, text: str, *, bold: bool = False, italic: bool = False, heading: bool = False
) -> Any:
    paragraph = writer._paragraph(
        document,
        text,
        writer.SIZES["body"],
        bold=bold,
        italic=italic,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        before=6,
        indent=True,
    )
    paragraph.paragraph_format.line_spacing = 1.15
    paragraph.paragraph_format.keep_with_next = heading
    return paragraph


def _lines(document: Any, text: str) -> None:
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        kind = line_kind(line)
        _text(document, line, bold=kind == "heading", heading=kind == "heading")


def _heading(document: Any, text: str) -> None:
    _text(document, text, bold=True, heading=True)


def _body(document: Any, content: ReportContent) -> None:
    s = content.sections
    if s["addressee"].strip():
        writer._paragraph(
            document, f"Kính gửi: {s['addressee'].strip()}", writer.SIZES["body"], before=6, after=6
        )
    _lines(document, s["opening"])
    _heading(document, "I. TÌNH HÌNH CHUNG, CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH")
    _lines(document, s["general"])
    _heading(document, "II. KẾT QUẢ THỰC HIỆN")
    _heading(document, "1. Kết quả thực hiện các nhiệm vụ")
    _lines(document, s["tasks"])
    _heading(document, "2. Kết quả thực hiện các chỉ tiêu")
    _lines(document, s["indicators"])
    _heading(document, "III. ĐÁNH GIÁ CHUNG")
    _heading(document, "1. Ưu điểm")
    _lines(document, s["strengths"])
    _heading(document, "2. Tồn tại, hạn chế")
    _lines(document, s["limitations"])
    _heading(document, "3. Nguyên nhân")
    _lines(document, s["causes"])
    _heading(document, f"IV. PHƯƠNG HƯỚNG, NHIỆM VỤ {drafting.next_period_words(content.period).upper()}")
    _lines(document, s["next"])
    _heading(document, "V. ĐỀ XUẤT, KIẾN NGHỊ")
    _lines(document, s["proposals"])
    _text(
        document,
        f"Trên đây là báo cáo kết quả thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ "
        f"{drafting.period_words(content.period)} của {drafting.issuer_words(content.unit)}./.",
    )


def _landscape(document: Any) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = writer.PAGE_HEIGHT, writer.PAGE_WIDTH
    section.different_first_page_header_footer = False


def _annex_title(document: Any, content: ReportContent, numeral: str, title: str) -> None:
    size = writer.SIZES["title"]
    writer._paragraph(document, f"Phụ lục {numeral}", size, bold=True)
    writer._paragraph(document, title, size, bold=True)
    number = _number(content)
    number = number if not number.startswith("/") else "    " + number
    writer._paragraph(
        document,
        f"(Kèm theo Báo cáo số {number} ngày {drafting.date_vi(content.generated_at.date())} "
        f"của {drafting.issuer_words(content.unit)})",
        writer.SIZES["body"] - 1,
        italic=True,
        after=6,
    )


def _grid(document: Any, headers: tuple[str, ...], widths: tuple[float, ...]) -> Any:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    head = table.rows[0]
    head._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeated on each page
    for cell, text in zip(head.cells, headers, strict=True):
        writer._paragraph(writer._clear(cell), text, ANNEX_SIZE, bold=True)
    return table


def _row(
    table: Any, texts: list[str], *, bold: bool = False, italic: bool = False, left: tuple[int, ...] = ()
) -> None:
    cells = table.add_row().cells
    for index, (cell, text) in enumerate(zip(cells, texts, strict=True)):
        align = WD_ALIGN_PARAGRAPH.LEFT if index in left else WD_ALIGN_PARAGRAPH.CENTER
        writer._paragraph(writer._clear(cell), clean(text), ANNEX_SIZE, bold=bold, italic=italic, align=align)


def _finish(table: Any, widths: tuple[float, ...]) -> None:
    writer._widths(table, widths)


def _annex_indicators(document: Any, content: ReportContent) -> None:
    _annex_title(document, content, "I", "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU")
    province = content.is_province
    headers = ANNEX_I_HEADERS + (("Số xã báo cáo",) if province else ())
    widths = PROVINCE_ANNEX_I_WIDTHS if province else ANNEX_I_WIDTHS
    table = _grid(document, headers, widths)
    for row in content.table.rows:
        indicator = row.indicator
        total = row.total
        ratio = row.is_ratio
        texts = [
            str(row.number),
            indicator.code,
            indicator.name_vi,
            indicator.unit_label,
            row.target_text,
            figures.shown(indicator, total),
            figures.part(total, "numerator") if ratio else "",
            figures.part(total, "denominator") if ratio else "",
            figures.shown(indicator, row.last_year.get("", figures.EMPTY)),
            row.assessment,
        ]
        if province:
            texts.append(str(total.contributors) if total.contributors is not None else "")
        _row(table, texts, left=(2,))
        for category, cell, before in row.parts():
            texts = [
                "",
                "",
                f"- {figures.category_word(category)}",
                indicator.unit_label,
                "",
                figures.shown(indicator, cell),
                figures.part(cell, "numerator") if ratio else "",
                figures.part(cell, "denominator") if ratio else "",
                figures.shown(indicator, before),
                "",
            ]
            if province:
                texts.append(str(cell.contributors) if cell.contributors is not None else "")
            _row(table, texts, italic=True, left=(2,))
    _finish(table, widths)
    note = (
        "Ghi chú: số liệu tổng hợp từ báo cáo đã được duyệt của các xã, phường; tỷ lệ tính bằng tổng tử số "
        "chia tổng mẫu số; (CL): mục tiêu Chiến lược quốc gia về bình đẳng giới; các chỉ tiêu số lượng "
        "không đánh giá đạt, chưa đạt ở cấp tỉnh vì mục tiêu đặt cho từng đơn vị, từng nhóm đối tượng; "
        f"{suppression_words()}"
        if province
        else _commune_note(content)
    )
    writer._paragraph(document, note, ANNEX_SIZE, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, before=6)


def suppression_words() -> str:
    """The note under a table whose small violence figures are hidden."""
    return (
        f'số liệu về bạo lực từ 1 đến {suppression.threshold() - 1} được ghi là "{suppression.mark()}" '
        f'để bảo vệ người bị bạo lực; "{suppression.COMPLEMENT_MARK}": số liệu được ẩn để không suy ra '
        "được số liệu nhỏ bằng phép trừ."
    )


def _commune_note(content: ReportContent) -> str:
    submission = content.table.submission
    if submission is None:
        return "Ghi chú: đơn vị chưa mở báo cáo số liệu của kỳ này."
    status = STATUS_WORDS.get(submission.status, submission.status)
    name = content.table.form.name
    return (
        f"Ghi chú: số liệu theo {name[:1].lower()}{name[1:]}, kỳ {drafting.period_words(content.period)} "
        f"({status.lower()}); (CL): mục tiêu Chiến lược quốc gia."
        + (
            f" {suppression_words()[:1].upper()}{suppression_words()[1:]}"
            if content.table.explains_suppression
            else ""
        )
    )


def _annex_communes(document: Any, content: ReportContent) -> None:
    _landscape(document)
    _annex_title(document, content, "VI", "TỔNG HỢP TÌNH HÌNH BÁO CÁO CỦA CÁC XÃ, PHƯỜNG")
    key = content.key_indicators
    headers = ("STT", "Xã, phường", "Trạng thái", "Ngày gửi", "Đúng hạn", *[i.code for i in key])
    rest = LANDSCAPE_TEXT_MM - (10 + 55 + 35 + 25 + 20)
    widths: tuple[float, ...] = (10, 55, 35, 25, 20, *([rest / max(len(key), 1)] * len(key)))
    table = _grid(document, headers, widths)
    for index, status in enumerate(content.statuses, start=1):
        submission = status.submission
        sent = (
            drafting.date_vi(submission.completed_at.date()) if submission and submission.completed_at else ""
        )
        on_time = "Đúng hạn" if status.on_time else ("Trễ hạn" if status.late else "")
        values = content.key_values.get(status.unit.pk, {})
        texts = [
            str(index),
            status.unit.name,
            STATUS_WORDS.get(status.status, status.status),
            sent,
            on_time,
            *[figures.shown(i, values.get(i.code, figures.EMPTY)) for i in key],
        ]
        _row(table, texts, left=(1,))
    _finish(table, widths)
    if content.rates is not None:
        writer._paragraph(
            document,
            drafting.completeness_sentence(content.report.form, content.unit, content.period),
            ANNEX_SIZE,
            italic=True,
            align=WD_ALIGN_PARAGRAPH.LEFT,
            before=6,
        )


def build(content: ReportContent) -> Any:
    document = docx.Document()
    body = document.element.body
    for child in list(body.iterchildren()):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    writer._setup(document)
    plan = _plan_like(content)
    writer._header(document, plan)
    _body(document, content)
    writer._signature(document, plan)
    _landscape(document)
    _annex_indicators(document, content)
    if content.is_province:
        _annex_communes(document, content)
    document.core_properties.title = plan["document"]["title"][:250]
    document.core_properties.author = plan["document"]["issuer"]["name"][:250]
    document.core_properties.language = "vi-VN"
    return document


def render(content: ReportContent) -> bytes:
    return writer.document_bytes(build(content))
