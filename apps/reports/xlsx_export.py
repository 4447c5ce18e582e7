"""The consolidated report's figures as an XLSX workbook (openpyxl): one sheet per form,
named by its period in words ("6 tháng đầu năm 2026"); rows = indicators, one value column
per disaggregation (Tổng, Nam, Nữ, age groups …); a percentage or ratio has two more rows
under it, its numerator and its denominator, so that it keeps both parts and can be summed
again, while a count has its value only. A header block (unit, period and its dates,
status, generated at), frozen header rows and first columns, number formats, column
widths and a print set-up (A4 landscape, fitted to the page width, the header rows
repeated on every page). A province's workbook has the province totals (from the
aggregate table) with the number of communes that contributed, and for each form a sheet
listing every commune's approved figures (rows = communes) with its report's status and
timeliness; small violence figures there show "<5" (`suppression`).

Every text cell is written as a string, never as a formula: a name typed by a user
("=HYPERLINK(…)") stays text when the file is opened."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from apps.indicators.models import Indicator, Kind
from apps.reports import drafting, figures
from apps.reports.content import FormTable, ReportContent
from apps.reports.docx_export import STATUS_WORDS, suppression_words
from apps.reports.text import clean

COUNT_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.##"
PERCENT_FORMAT = "0.0%"
RATIO_FORMAT = "0.0"
DATE_FORMAT = "dd/mm/yyyy"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(name="Times New Roman", bold=True, size=11)
PLAIN = Font(name="Times New Roman", size=11)
ITALIC = Font(name="Times New Roman", italic=True, size=11)
TITLE = Font(name="Times New Roman", bold=True, size=13)
WRAP = Alignment(wrap_text=True, vertical="center", horizontal="center")
LEFT = Alignment(wrap_text=True, vertical="center", horizontal="left")
CENTRE = Alignment(vertical="center", horizontal="center")
HEADER_ROW = 6  # the two header rows: 6 and 7; figures from row 8
FIRST_DATA_ROW = 8
FIXED = ("STT", "Mã", "Tên chỉ tiêu", "Đơn vị tính")
FIXED_WIDTHS = (6, 10, 60, 12)
RESULT = "Kết quả thực hiện"
PARTS = (("numerator", "Tử số"), ("denominator", "Mẫu số"))
CONTRIBUTORS = "Số xã báo cáo"
NOT_APPLICABLE = "—"
INVALID_TITLE = str.maketrans(dict.fromkeys("[]:*?/\\", "-"))


def text_cell(cell: SheetCell, value: Any) -> SheetCell:
    """Put a value in a cell; text (cleaned of control characters) stays text."""
    if isinstance(value, str):
        cell.value = clean(value)
        cell.data_type = "s"  # openpyxl makes "=…" a formula; this is someone's words
    else:
        cell.value = value
    return cell


def _title(text: str, taken: set[str], form: Any = None) -> str:
    """A sheet name Excel accepts (31 characters, none of []:*?/\\), unique in the book:
    the form's code comes first when two forms share a period."""
    base = text.translate(INVALID_TITLE).strip()[:31]
    if base.lower() in taken and form is not None:
        base = f"{form.code} {text}".translate(INVALID_TITLE).strip()[:31]
    title, n = base, 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def _period_title(period: Any) -> str:
    words = drafting.period_words(period)
    return words[:1].upper() + words[1:]


def categories(rows: list[figures.Row]) -> list[str]:
    """The disaggregations any indicator of the sheet has, in the usual order."""
    used = {key for row in rows for key, _label in row.indicator.categories()}
    return [key for key in figures.CATEGORY_ORDER if key in used]


def _value_and_format(indicator: Indicator, cell: figures.Cell) -> tuple[Any, str]:
    """What the value column holds: a count; a percentage as a fraction shown with %; a
    ratio (e.g. boys per 100 girls) as a number; "<5" for a hidden violence figure."""
    if cell.suppressed:
        return figures.shown(indicator, cell), COUNT_FORMAT
    if cell.value is None:
        return None, COUNT_FORMAT
    if indicator.kind == Kind.PERCENT:
        if cell.numerator is not None and cell.denominator:
            share = cell.numerator * indicator.multiplier / cell.denominator / 100
            return float(share), PERCENT_FORMAT
        return float(cell.value / 100), PERCENT_FORMAT
    if indicator.kind == Kind.RATIO:
        return float(cell.value), RATIO_FORMAT
    return _number(cell.value), COUNT_FORMAT if cell.value == cell.value.to_integral() else DECIMAL_FORMAT


def _part(cell: figures.Cell, which: str) -> Any:
    value = cell.numerator if which == "numerator" else cell.denominator
    if value is None:
        return None
    return figures.part(cell, which) if cell.suppressed else _number(value)


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral() else float(value)


def _head_block(sheet: Worksheet, content: ReportContent, form_table: FormTable) -> None:
    unit = content.unit
    submission = form_table.table.submission
    if content.is_province:
        source = "Tổng hợp từ báo cáo đã được duyệt của các xã, phường"
    elif submission is None:
        source = "Chưa có báo cáo số liệu của kỳ này"
    else:
        source = f"Báo cáo số liệu: {STATUS_WORDS.get(submission.status, submission.status).lower()}"
    period = form_table.period
    lines = [
        (f"{form_table.form.name} — {drafting.period_words(period)}", TITLE),
        (f"Đơn vị: {unit.name}", PLAIN),
        (
            f"Kỳ báo cáo: {drafting.period_words(period)} "
            f"({period.start:%d/%m/%Y} - {period.end:%d/%m/%Y}); {source}",
            PLAIN,
        ),
        (f"Lập lúc: {content.generated_at:%d/%m/%Y %H:%M}", PLAIN),
    ]
    if form_table.table.explains_suppression:
        words = suppression_words()
        lines.append((f"Ghi chú: {words}", ITALIC))
    for row, (text, font) in enumerate(lines, start=1):
        text_cell(sheet.cell(row=row, column=1), text).font = font


def _header(sheet: Worksheet, labels: list[tuple[str, list[str]]]) -> None:
    """Two header rows: a group label over its parts (merged), single columns merged down."""
    column = 1
    for label, parts in labels:
        text_cell(sheet.cell(row=HEADER_ROW, column=column), label)
        if parts:
            for offset, part in enumerate(parts):
                text_cell(sheet.cell(row=HEADER_ROW + 1, column=column + offset), part)
            if len(parts) > 1:
                sheet.merge_cells(
                    start_row=HEADER_ROW,
                    start_column=column,
                    end_row=HEADER_ROW,
                    end_column=column + len(parts) - 1,
                )
            column += len(parts)
        else:
            sheet.merge_cells(
                start_row=HEADER_ROW, start_column=column, end_row=HEADER_ROW + 1, end_column=column
            )
            column += 1
    for row in (HEADER_ROW, HEADER_ROW + 1):
        for col in range(1, column):
            cell = sheet.cell(row=row, column=col)
            cell.font, cell.alignment, cell.fill, cell.border = BOLD, WRAP, HEADER_FILL, BOX


def _put(
    sheet: Worksheet,
    row: int,
    column: int,
    value: Any,
    number_format: str = COUNT_FORMAT,
    *,
    font: Font = PLAIN,
) -> None:
    cell = text_cell(sheet.cell(row=row, column=column), value)
    cell.font, cell.border = font, BOX
    if isinstance(value, (int, float)):
        cell.number_format = number_format
    elif isinstance(value, dt.date):
        cell.number_format, cell.alignment = DATE_FORMAT, CENTRE
    else:
        cell.alignment = LEFT if column == 3 else CENTRE


def _print_setup(sheet: Worksheet) -> None:
    """A4 landscape, as wide as the page, the header rows on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW + 1}"
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5


def _figures_sheet(
    workbook: Workbook, content: ReportContent, form_table: FormTable, taken: set[str]
) -> Worksheet:
    sheet = workbook.create_sheet(_title(_period_title(form_table.period), taken, form_table.form))
    _head_block(sheet, content, form_table)
    rows = form_table.table.rows
    keys = categories(rows)
    labels: list[tuple[str, list[str]]] = [(name, []) for name in FIXED]
    labels.append((RESULT, [figures.category_word(key) for key in keys]))
    if content.is_province:
        labels.append((CONTRIBUTORS, []))
    _header(sheet, labels)
    line = FIRST_DATA_ROW
    for row in rows:
        indicator = row.indicator
        own = {key for key, _label in indicator.categories()}
        for column, value in enumerate(
            (row.number, indicator.code, indicator.name_vi, indicator.unit_label), 1
        ):
            _put(sheet, line, column, value)
        for column, key in enumerate(keys, len(FIXED) + 1):
            if key in own:
                value, number_format = _value_and_format(indicator, row.cells.get(key, figures.EMPTY))
                _put(sheet, line, column, value, number_format)
            else:
                _put(sheet, line, column, NOT_APPLICABLE)
        if content.is_province:
            contributors = row.total.contributors if row.total.contributors is not None else 0
            _put(sheet, line, len(FIXED) + len(keys) + 1, contributors)
        line += 1
        if not indicator.is_ratio:
            continue
        for which, word in PARTS:  # a percentage keeps both of its parts
            for column in range(1, len(FIXED) + 1):
                _put(sheet, line, column, word if column == 3 else None, font=ITALIC)
            for column, key in enumerate(keys, len(FIXED) + 1):
                value = _part(row.cells.get(key, figures.EMPTY), which) if key in own else NOT_APPLICABLE
                _put(sheet, line, column, value, font=ITALIC)
            if content.is_province:
                _put(sheet, line, len(FIXED) + len(keys) + 1, None, font=ITALIC)
            line += 1
    for column, width in enumerate(FIXED_WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    for column in range(len(FIXED) + 1, len(FIXED) + len(keys) + 2):
        sheet.column_dimensions[get_column_letter(column)].width = 12
    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=len(FIXED) + 1)
    sheet.sheet_view.zoomScale = 90
    _print_setup(sheet)
    return sheet


def _communes_sheet(
    workbook: Workbook, content: ReportContent, form_table: FormTable, taken: set[str]
) -> Worksheet:
    """Rows = communes, columns = the form's indicators (the total), approved values only."""
    title = f"Theo xã {drafting.period_words(form_table.period)}"
    sheet = workbook.create_sheet(_title(title, taken, form_table.form))
    _head_block(sheet, content, form_table)
    indicators = [row.indicator for row in form_table.table.rows]
    fixed = ("STT", "Xã, phường", "Trạng thái", "Ngày gửi", "Đúng hạn")
    labels: list[tuple[str, list[str]]] = [(name, []) for name in fixed]
    labels += [(i.code, [i.unit_label or " "]) for i in indicators]
    _header(sheet, labels)
    for offset, status in enumerate(form_table.statuses):
        line = FIRST_DATA_ROW + offset
        submission = status.submission
        # a real date, so that the column sorts and filters as dates do
        sent = timezone.localdate(submission.completed_at) if submission and submission.completed_at else ""
        on_time = "Đúng hạn" if status.on_time else ("Trễ hạn" if status.late else "")
        for column, value in enumerate(
            (offset + 1, status.unit.name, STATUS_WORDS.get(status.status, status.status), sent, on_time), 1
        ):
            _put(sheet, line, column, value)
        cells = form_table.commune_cells.get(status.unit.pk, {})
        for column, indicator in enumerate(indicators, len(fixed) + 1):
            value, number_format = _value_and_format(indicator, cells.get((indicator.pk, ""), figures.EMPTY))
            _put(sheet, line, column, value, number_format)
    for column, width in enumerate((6, 32, 18, 12, 11), 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    for column in range(len(fixed) + 1, len(fixed) + len(indicators) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 10
    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=3)
    _print_setup(sheet)
    return sheet


def build(content: ReportContent) -> Workbook:
    workbook = Workbook()
    default = workbook.active
    taken: set[str] = set()
    for form_table in content.sheets:
        _figures_sheet(workbook, content, form_table, taken)
    if content.is_province:
        for form_table in content.sheets:
            _communes_sheet(workbook, content, form_table, taken)
    if default is not None:
        workbook.remove(default)
    workbook.properties.title = drafting.subject(content.period)[:250]
    workbook.properties.creator = drafting.issuer_words(content.unit)[:250]
    return workbook


def render(content: ReportContent) -> bytes:
    buffer = io.BytesIO()
    build(content).save(buffer)
    return buffer.getvalue()
