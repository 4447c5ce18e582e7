"""The offline template: an XLSX workbook of one report a commune fills without a
connection and uploads again.

The visible sheet has the form's indicators as rows (a percentage or ratio as two rows,
numerator and denominator), the categories as columns, the current figures filled in,
a reason and a comment column, and every cell locked but the ones to fill. A very
hidden sheet (`_codes`, which Excel's menus cannot unhide) names the report and, for
each fillable cell, the data element, the category and the figure it held when the
template was made: an upload maps cells back by it, imports only the cells that were
changed, and refuses a cell whose figure someone changed in the system meanwhile.

Every text written into a cell (names, labels, comments, reasons, codes) is stored as a
string, never as a formula: a comment "=HYPERLINK(...)" stays the text typed. An upload
reads only the cells its hidden sheet lists, and only if they lie in the table a template
of that many cells has: a listed address far outside it ("XFD10000") refuses the file
before any row is read, so a small file cannot make the reader fill a huge grid."""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.indicators.catalogue.categories import DIMENSION_LABELS, dimension_of
from apps.indicators.interchange.values import (
    DENOMINATOR,
    KEEP,
    NUMERATOR,
    FileRefused,
    Row,
    bounded,
    clean_comment,
    element_id,
    number_text,
    read_number,
)
from apps.indicators.models import Submission

MARK = "binhdang-datavalues-template"
VERSION = "1"
CODES = "_codes"
FIRST_ENTRY_ROW = 9
MAX_ENTRIES = 5000
# an honest template is a few dozen kilobytes (its sheets under 100 kB unpacked, even
# of the annual form); refuse what unpacks to much more. Each part but pictures is capped too:
# openpyxl parses a sheet row by row, and one row of a million cells would be parsed
# whole into memory whatever columns are asked for.
MAX_UNZIPPED_BYTES = 20 * 1024 * 1024
MAX_PART_BYTES = 2 * 1024 * 1024
MAX_ZIP_RATIO = 200
MAX_ZIP_MEMBERS = 500
COORDINATE = re.compile(r"^([A-Z]{1,3})([1-9]\d{0,4})$")
DIMENSION_ORDER = ("", "sex", "age_group", "ethnicity", "disability")
HEADER_ROWS = (4, 5)
FIRST_ROW = 6
FIRST_CATEGORY_COLUMN = 5  # A code, B indicator, C unit, D part
# the table of figures an upload may read: the category columns (a dozen or so), the
# reason and the comment, and one row at most per listed cell
MAX_COLUMNS = 40
MAX_GRID_CELLS = 100_000


def _columns(submission: Submission) -> list[tuple[str, str]]:
    """Every category of the form's indicators, the total first, then by dimension."""
    found: dict[str, str] = {}
    for indicator in submission.form.ordered_indicators():
        for key, label in indicator.categories():
            found.setdefault(key, label)
    return sorted(found.items(), key=lambda item: DIMENSION_ORDER.index(dimension_of(item[0])))


def _cell_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral() else float(value)


def build_template(submission: Submission) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    form = submission.form
    values = {(v.indicator_id, v.category): v for v in submission.values.all()}
    columns = _columns(submission)
    reason_col = FIRST_CATEGORY_COLUMN + len(columns)
    comment_col = reason_col + 1
    book = Workbook()
    sheet = book.active
    sheet.title = _("Figures")[:31]
    codes = book.create_sheet(CODES)
    codes.sheet_state = "veryHidden"

    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDE7F0")
    locked_fill = PatternFill("solid", fgColor="E9ECEF")
    thin = Side(style="thin", color="ADB5BD")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    open_cell = Protection(locked=False)

    sheet["A1"] = form.name
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = f"{submission.unit.name} — {submission.period_label}"
    sheet["A2"].font = bold
    sheet["A3"] = _(
        "Type the figures in the white cells; grey cells cannot be changed. A figure that differs "
        "from the one the system counted needs a reason. Upload the file on the report's import page."
    )
    headers = [_("Code"), _("Indicator"), _("Unit of measure"), _("Part")]
    for index, text in enumerate(headers, start=1):
        sheet.merge_cells(start_row=4, end_row=5, start_column=index, end_column=index)
        sheet.cell(row=4, column=index, value=text)
    dimension_start: dict[str, int] = {}
    for offset, (key, label) in enumerate(columns):
        column = FIRST_CATEGORY_COLUMN + offset
        dimension = dimension_of(key)
        dimension_start.setdefault(dimension, column)
        if key == "":
            sheet.merge_cells(start_row=4, end_row=5, start_column=column, end_column=column)
            sheet.cell(row=4, column=column, value=_("Total"))
        else:
            sheet.cell(row=5, column=column, value=label)
    for dimension, start in dimension_start.items():
        if not dimension:
            continue
        width = sum(1 for key, _label in columns if dimension_of(key) == dimension)
        sheet.cell(row=4, column=start, value=str(DIMENSION_LABELS.get(dimension, dimension)))
        if width > 1:
            sheet.merge_cells(start_row=4, end_row=4, start_column=start, end_column=start + width - 1)
    for column, text in ((reason_col, _("Reason for a change")), (comment_col, _("Comment"))):
        sheet.merge_cells(start_row=4, end_row=5, start_column=column, end_column=column)
        sheet.cell(row=4, column=column, value=text)
    for row in HEADER_ROWS:
        for column in range(1, comment_col + 1):
            cell = sheet.cell(row=row, column=column)
            cell.font, cell.fill, cell.border = bold, header_fill, border
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")

    codes.append([MARK, VERSION])
    codes.append(["form", form.code])
    codes.append(["unit", submission.unit.code])
    codes.append(["period", submission.period])
    codes.append(["submission", str(submission.pk)])
    codes.append(["sheet", sheet.title])
    codes.append([])
    codes.append(["cell", "kind", "element", "category", "original"])

    check = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Not a figure"),
        error=_("Type a number of zero or more."),
    )
    sheet.add_data_validation(check)
    row_number = FIRST_ROW
    for indicator in form.ordered_indicators():
        own = {key for key, _label in indicator.categories()}
        parts = (
            [(NUMERATOR, _("numerator")), (DENOMINATOR, _("denominator"))]
            if indicator.is_ratio
            else [("", "")]
        )
        for part_index, (part, part_label) in enumerate(parts):
            sheet.cell(row=row_number, column=1, value=indicator.code)
            sheet.cell(row=row_number, column=2, value=indicator.name_vi)
            sheet.cell(row=row_number, column=3, value=indicator.unit_label)
            sheet.cell(row=row_number, column=4, value=part_label)
            for offset, (key, _label) in enumerate(columns):
                cell = sheet.cell(row=row_number, column=FIRST_CATEGORY_COLUMN + offset)
                cell.border = border
                if key not in own:
                    cell.fill = locked_fill
                    continue
                value = values.get((indicator.pk, key))
                amount = None
                if value is not None:
                    amount = value.denominator if part == DENOMINATOR else value.numerator
                cell.value = _cell_number(amount)
                cell.protection = open_cell
                cell.number_format = (
                    "#,##0.##" if amount is not None and amount != amount.to_integral() else "#,##0"
                )
                check.add(cell.coordinate)
                codes.append(
                    [cell.coordinate, "value", element_id(indicator, part), key, number_text(amount)]
                )
            total = values.get((indicator.pk, ""))
            for column, kind in ((reason_col, "reason"), (comment_col, "comment")):
                cell = sheet.cell(row=row_number, column=column)
                cell.border, cell.alignment = border, wrap
                if part_index:
                    cell.fill = locked_fill
                    continue
                if kind == "reason":
                    text = next(
                        (
                            v.reason
                            for key, _label in indicator.categories()
                            if (v := values.get((indicator.pk, key))) is not None and v.reason.strip()
                        ),
                        "",
                    )
                else:
                    text = total.comment if total is not None else ""
                cell.value = text or None
                cell.protection = open_cell
                codes.append([cell.coordinate, kind, element_id(indicator, part), "", text])
            for column in range(1, 5):
                cell = sheet.cell(row=row_number, column=column)
                cell.border, cell.alignment, cell.fill = border, wrap, locked_fill
            row_number += 1

    sheet.freeze_panes = sheet.cell(row=FIRST_ROW, column=FIRST_CATEGORY_COLUMN)
    widths = {1: 10, 2: 48, 3: 12, 4: 11}
    for column in range(1, comment_col + 1):
        width = widths.get(column, 30 if column >= reason_col else 11)
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    codes.protection.sheet = True
    for written in (sheet, codes):
        _texts_as_strings(written)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _texts_as_strings(sheet: Any) -> None:
    """Every text cell a string: openpyxl makes a formula of a text starting with "="
    (and an error value of "#N/A"), and a comment, a reason or a name can start so."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"


def _check_zip(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileRefused(_("The file cannot be read as an Excel workbook: it may be damaged.")) from None
    unpacked = sum(info.file_size for info in members)
    packed = sum(info.compress_size for info in members) or 1
    if (
        len(members) > MAX_ZIP_MEMBERS
        or unpacked > MAX_UNZIPPED_BYTES
        or unpacked / packed > MAX_ZIP_RATIO
        or any(
            info.file_size > MAX_PART_BYTES for info in members if not info.filename.startswith("xl/media/")
        )
    ):
        raise FileRefused(_("The file is refused: its compressed content is abnormal."))


def _load(data: bytes) -> Any:
    from openpyxl import load_workbook

    _check_zip(data)
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a damaged workbook fails in many ways inside openpyxl
        raise FileRefused(_("The file cannot be read as an Excel workbook: it may be damaged.")) from None


def _not_template() -> FileRefused:
    return FileRefused(
        _("This workbook is not a binhdang template: download the template from the report's import page.")
    )


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def read_template(data: bytes, only: Submission | None = None) -> list[Row]:
    """The changed cells of a filled template as rows of its report."""
    book = _load(data)
    try:
        return _read(book, only)
    except FileRefused:
        raise
    except Exception:  # a workbook that loads may still fail while its rows are read
        raise FileRefused(_("The file cannot be read as an Excel workbook: it may be damaged.")) from None
    finally:
        book.close()


def _report_words(meta: dict[str, str]) -> dict[str, str]:
    """The report a template names, in words (Xã Hà Tây, the form's name, "Năm 2026")
    where the codes are known, else the codes as the file gives them."""
    from apps.geo.models import AdministrativeUnit
    from apps.indicators.models import ReportForm
    from apps.indicators.reporting.periods import Period

    unit, form, period = (str(meta.get(key) or "?")[:40] for key in ("unit", "form", "period"))
    unit = AdministrativeUnit.objects.filter(code=unit).values_list("name", flat=True).first() or unit
    form = ReportForm.objects.filter(code=form).values_list("name", flat=True).first() or form
    with contextlib.suppress(ValueError):  # not a period: as the file gives it
        period = Period.parse(period).label
    return {"unit": unit, "form": form, "period": period}


def _read(book: Any, only: Submission | None) -> list[Row]:
    if CODES not in book.sheetnames:
        raise _not_template()
    lines = list(
        book[CODES].iter_rows(min_row=1, max_row=FIRST_ENTRY_ROW + MAX_ENTRIES, max_col=5, values_only=True)
    )
    if not lines or _text(lines[0][0]) != MARK:
        raise _not_template()
    meta = {_text(line[0]): _text(line[1]) for line in lines[1:7] if line and len(line) > 1}
    if only is not None and (meta.get("form"), meta.get("unit"), meta.get("period")) != (
        only.form.code,
        only.unit.code,
        only.period,
    ):
        raise FileRefused(
            _(
                "This template is for another report (%(unit)s, %(form)s, %(period)s): download the template of this report."
            )
            % _report_words(meta)
        )
    if meta.get("sheet") not in book.sheetnames:
        raise _not_template()
    from openpyxl.utils import column_index_from_string

    entries: list[_Entry] = []
    for line in lines[FIRST_ENTRY_ROW - 1 :]:
        padded = [*line, None, None, None, None, None][:5]
        coordinate, kind, element, category, original = (_text(v) for v in padded)
        if not coordinate:
            continue
        found = COORDINATE.match(coordinate)
        if found is None or kind not in ("value", "reason", "comment"):
            raise _not_template()
        entries.append(
            _Entry(
                int(found[2]),
                column_index_from_string(found[1]),
                coordinate,
                kind,
                element,
                category,
                original,
            )
        )
    if not entries:
        raise _not_template()
    cells = _listed_cells(book[meta["sheet"]], entries)

    period, unit, form = meta.get("period", ""), meta.get("unit", ""), meta.get("form", "")
    rows: list[Row] = []
    changed_codes: set[str] = set()
    reasons: list[tuple[str, str, str, str]] = []
    for row, column, coordinate, kind, element, category, original in entries:
        ref = _("cell %(cell)s") % {"cell": coordinate}
        raw = cells.get((row, column))
        if kind == "value":
            try:
                before = bounded(Decimal(original)) if original else None
            except (InvalidOperation, ValidationError):
                raise _not_template() from None
            value = _cell_value(raw)
            if not _changed(value, before):
                continue
            changed_codes.add(element.split(".")[0])
            rows.append(
                Row(
                    ref=ref,
                    element=element,
                    category=category,
                    value=value,
                    machine=False,
                    original=before,
                    period=period,
                    unit=unit,
                    form=form,
                )
            )
        elif kind == "comment":
            text = _text(raw)
            if text == original.strip():
                continue
            entry = Row(ref=ref, element=element, category="", period=period, unit=unit, form=form)
            try:
                entry.comment = clean_comment(text)
            except ValueError as exc:
                entry.error = str(exc)
            rows.append(entry)
        else:
            reasons.append((ref, element, _text(raw), original.strip()))
    for ref, element, text, original in reasons:
        code = element.split(".")[0]
        if text and (text != original or code in changed_codes):
            entry = Row(ref=ref, element=code, category="*", value=KEEP, period=period, unit=unit, form=form)
            try:
                entry.reason = clean_comment(text)
            except ValueError as exc:
                entry.error = str(exc)
            rows.append(entry)
    return rows


class _Entry(NamedTuple):
    """A fillable cell the hidden sheet lists."""

    row: int
    column: int
    coordinate: str
    kind: str
    element: str
    category: str
    original: str


def _outside() -> FileRefused:
    return FileRefused(
        _(
            "The template lists cells outside its table of figures: download the template again from the report's import page."
        )
    )


def _listed_cells(sheet: Any, entries: list[_Entry]) -> dict[tuple[int, int], Any]:
    """The values of the listed cells, once their addresses are found to lie in the
    table a template of these entries has: its rows start at FIRST_ROW, one at most per
    entry; its columns are the categories the entries name, the reason and the comment.
    The rows are read one at a time, each only across that table's columns."""
    categories = {entry.category for entry in entries if entry.kind == "value"}
    last_column = FIRST_CATEGORY_COLUMN + len(categories) + 1  # the comment column
    last_row = FIRST_ROW + len(entries) - 1
    if last_column > MAX_COLUMNS or any(
        not (FIRST_ROW <= entry.row <= last_row and FIRST_CATEGORY_COLUMN <= entry.column <= last_column)
        for entry in entries
    ):
        raise _outside()
    min_row, max_row = min(e.row for e in entries), max(e.row for e in entries)
    min_col, max_col = min(e.column for e in entries), max(e.column for e in entries)
    if (max_row - min_row + 1) * (max_col - min_col + 1) > MAX_GRID_CELLS:
        raise _outside()
    wanted = {(entry.row, entry.column) for entry in entries}
    found: dict[tuple[int, int], Any] = {}
    for row_number, line in enumerate(
        sheet.iter_rows(min_row=min_row, max_row=max_row, min_col=min_col, max_col=max_col, values_only=True),
        start=min_row,
    ):
        for column_number, raw in enumerate(line, start=min_col):
            if raw is not None and (row_number, column_number) in wanted:
                found[(row_number, column_number)] = raw
    return found


def _cell_value(raw: Any) -> Any:
    """What a cell holds, for `interchange.read_number`: None, a Decimal, or the text."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        return str(raw)
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw))
    return str(raw)


def _changed(value: Any, before: Decimal | None) -> bool:
    if value is None or before is None:
        return (value is None) != (before is None)
    try:
        now = read_number(value, machine=False)
    except ValidationError:  # not a number: the import says why
        return True
    return now is None or now.normalize() != before.normalize()
