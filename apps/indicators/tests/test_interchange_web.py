"""The interchange pages: JSON/CSV download of a report, the XLSX template filled offline
with openpyxl and uploaded, and every kind of bad file answered with a message and
nothing saved."""

from __future__ import annotations

import io
import json
import zipfile
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from openpyxl import Workbook, load_workbook

from apps.access.events import Event
from apps.access.models import AuditLog
from apps.indicators import services
from apps.indicators.models import DataValue, Submission
from apps.indicators.services import Entry
from apps.indicators.tests.test_interchange import rich, scramble, snapshot
from apps.indicators.tests.world import ReportWorld

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def vi(msgid: str, **values: Any) -> str:
    """A message as the (Vietnamese) page shows it, escaped as the template escapes it."""
    with translation.override("vi"):
        text = gettext(msgid)
    return escape(text % values if values else text)


def upload(client: Any, submission: Submission, data: bytes, name: str = "mau.xlsx", **extra: Any) -> Any:
    file = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    return client.post(f"/indicators/data/{submission.pk}/upload/", {"file": file, **extra})


def template_of(client: Any, submission: Submission) -> Any:
    response = client.get(f"/indicators/data/{submission.pk}/template.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    return load_workbook(io.BytesIO(response.content))


def saved(book: Any) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def cell_of(sheet: Any, code: str, header: str, part: str = "") -> Any:
    """The cell of an indicator's row (its numerator or denominator row) under a header."""
    columns = {sheet.cell(row=5, column=c).value: c for c in range(1, sheet.max_column + 1)}
    columns.update({sheet.cell(row=4, column=c).value: c for c in range(1, sheet.max_column + 1)})
    for row in range(6, sheet.max_row + 1):
        if sheet.cell(row=row, column=1).value == code and (
            not part or sheet.cell(row=row, column=4).value == part
        ):
            return sheet.cell(row=row, column=columns[header])
    raise KeyError(code)


def value(submission: Submission, code: str, category: str = "") -> DataValue:
    return submission.values.get(indicator__code=code, category=category)


def test_the_template_has_indicators_as_rows_categories_as_columns_and_current_figures(demo: Any) -> None:
    world = ReportWorld(demo)
    rich(world)
    with translation.override("vi"):
        total, women, reason = gettext("Total"), str(gettext("women")), gettext("Reason for a change")
        numerator, denominator = gettext("numerator"), gettext("denominator")
    book = template_of(demo.client("owner"), world.submission)
    sheet = book.worksheets[0]
    assert sheet["A1"].value == world.form.name
    assert cell_of(sheet, "BD-C02", women).value == 30
    assert cell_of(sheet, "BD-C02", total).value == 50
    assert cell_of(sheet, "BD-C03", total).value == 7
    assert cell_of(sheet, "BD-M01", total, numerator).value == 3
    assert cell_of(sheet, "BD-M01", total, denominator).value == 4
    assert cell_of(sheet, "BD-C02", reason).value == "Thêm số liệu sổ theo dõi của thôn 3"
    # the header and the labels are locked, the figures to fill are not; a category the
    # indicator does not have is locked too
    assert sheet.protection.sheet
    assert sheet["A5"].protection.locked and sheet["B6"].protection.locked
    assert not cell_of(sheet, "BD-C02", women).protection.locked
    assert cell_of(sheet, "BD-C03", women).protection.locked
    assert sheet.freeze_panes == "E6"
    codes = book["_codes"]
    assert codes.sheet_state == "veryHidden"
    assert [codes["A1"].value, codes["B2"].value, codes["B3"].value, codes["B4"].value] == [
        "binhdang-datavalues-template",
        "BD-6T",
        demo.commune.code,
        "2026S1",
    ]


def test_a_filled_template_uploads_and_only_the_changed_cells_are_saved(demo: Any) -> None:
    world = ReportWorld(demo)
    client = demo.client("owner")
    book = template_of(client, world.submission)
    sheet = book.worksheets[0]
    with translation.override("vi"):
        total, women, men = gettext("Total"), str(gettext("women")), str(gettext("men"))
        reason, comment = gettext("Reason for a change"), gettext("Comment")
        numerator, denominator = gettext("numerator"), gettext("denominator")
    cell_of(sheet, "BD-C03", total).value = 9
    cell_of(sheet, "BD-C04", total).value = "1.234"  # typed as text: read the Vietnamese way
    cell_of(sheet, "BD-F01", total).value = "2.500.000,5"
    cell_of(sheet, "BD-T03", total).value = 12
    cell_of(sheet, "BD-T03", women).value = 8
    cell_of(sheet, "BD-T03", men).value = 4
    cell_of(sheet, "BD-M01", total, numerator).value = 2
    cell_of(sheet, "BD-M01", total, denominator).value = 5
    cell_of(sheet, "BD-M01", comment).value = "Hai trong năm chương trình"
    cell_of(sheet, "BD-C02", total).value = 44
    cell_of(sheet, "BD-C02", women).value = 32
    cell_of(sheet, "BD-C02", "16–30 tuổi").value = 23
    cell_of(sheet, "BD-C02", reason).value = "Thêm hai người chưa ghi"
    response = upload(client, world.submission, saved(book))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="import-status"' in html and "rejected-rows" not in html, html
    submission = Submission.objects.get(pk=world.submission.pk)
    assert value(submission, "BD-C03").numerator == 9
    assert value(submission, "BD-C04").numerator == 1234
    assert value(submission, "BD-F01").numerator == Decimal("2500000.5")
    assert [value(submission, "BD-T03", c).numerator for c in ("", "sex:female", "sex:male")] == [12, 8, 4]
    m01 = value(submission, "BD-M01")
    assert (m01.numerator, m01.denominator, m01.comment) == (2, 5, "Hai trong năm chương trình")
    c02 = value(submission, "BD-C02")
    assert (c02.numerator, c02.reason) == (44, "Thêm hai người chưa ghi")
    assert value(submission, "BD-C02", "sex:female").reason == "Thêm hai người chưa ghi"
    # a cell left as it was is not imported: its figure keeps its pre-fill note and no reason
    male = value(submission, "BD-C02", "sex:male")
    assert (male.numerator, male.reason) == (12, "")
    assert AuditLog.objects.filter(event=Event.DATAVALUES_IMPORTED, object_id=str(submission.pk)).count() == 1
    assert "BD-C03" in html and 'data-testid="imported-figures"' in html
    assert html.count(f'href="/indicators/reports/{submission.pk}/"') == 2  # breadcrumb and the way back


def test_cells_that_break_the_rules_are_listed_and_nothing_is_saved(demo: Any) -> None:
    world = ReportWorld(demo)
    client = demo.client("owner")
    book = template_of(client, world.submission)
    sheet = book.worksheets[0]
    with translation.override("vi"):
        total, women = gettext("Total"), str(gettext("women"))
    before = snapshot(world.submission)
    cell_of(sheet, "BD-C03", total).value = 9
    cell_of(sheet, "BD-C04", total).value = "mười"
    cell_of(sheet, "BD-T03", total).value = 3
    cell_of(sheet, "BD-T03", women).value = 4
    cell_of(sheet, "BD-C01", total).value = 5  # changed from the pre-fill, no reason
    response = upload(client, world.submission, saved(book))
    html = response.content.decode()
    assert 'data-testid="rejected-rows"' in html
    c04 = cell_of(sheet, "BD-C04", total).coordinate
    assert vi("cell %(cell)s", cell=c04) in html
    assert vi("“%(text)s” is not a number.", text="mười") in html
    with translation.override("vi"):
        women_label = str(gettext("women"))
    assert (
        vi(
            "%(name)s is larger than the total (%(part)s > %(total)s).",
            name=f"BD-T03 ({women_label})",
            part="4",
            total="3",
        )
        in html
    )
    assert vi("%(name)s: say why the figure differs from the one the system counted.", name="BD-C01") in html
    assert snapshot(world.submission) == before
    assert not AuditLog.objects.filter(event=Event.DATAVALUES_IMPORTED).exists()


def test_a_figure_changed_in_the_system_after_the_download_is_not_overwritten(demo: Any) -> None:
    world = ReportWorld(demo)
    client = demo.client("owner")
    book = template_of(client, world.submission)
    sheet = book.worksheets[0]
    with translation.override("vi"):
        total = gettext("Total")
    services.save_values(world.submission, {("BD-C03", ""): Entry(Decimal(5))}, actor=demo.user("focal"))
    # a cell the commune did not touch is not sent back: the colleague's 5 stays
    cell_of(sheet, "BD-C04", total).value = 2
    assert "rejected-rows" not in upload(client, world.submission, saved(book)).content.decode()
    assert value(world.submission, "BD-C03").numerator == 5
    assert value(world.submission, "BD-C04").numerator == 2
    # a cell both changed is refused, with the figure now in the system
    cell_of(sheet, "BD-C03", total).value = 9
    cell_of(sheet, "BD-C04", total).value = 3
    html = upload(client, world.submission, saved(book)).content.decode()
    assert 'data-testid="rejected-rows"' in html
    assert value(world.submission, "BD-C03").numerator == 5
    assert value(world.submission, "BD-C04").numerator == 2


def test_uploading_the_same_filled_template_twice_is_harmless(demo: Any) -> None:
    world = ReportWorld(demo)
    client = demo.client("owner")
    book = template_of(client, world.submission)
    with translation.override("vi"):
        total = gettext("Total")
    cell_of(book.worksheets[0], "BD-C03", total).value = 9
    data = saved(book)
    for _attempt in range(2):
        html = upload(client, world.submission, data).content.decode()
        assert "rejected-rows" not in html
    assert value(world.submission, "BD-C03").numerator == 9


def test_a_dry_run_on_the_page_saves_nothing(demo: Any) -> None:
    world = ReportWorld(demo)
    client = demo.client("owner")
    book = template_of(client, world.submission)
    with translation.override("vi"):
        total = gettext("Total")
    cell_of(book.worksheets[0], "BD-C03", total).value = 9
    response = upload(client, world.submission, saved(book), dry_run="on")
    assert 'data-testid="import-summary"' in response.content.decode()
    assert not world.submission.values.filter(indicator__code="BD-C03").exists()


def test_json_and_csv_download_and_upload_round_trip_on_the_web(demo: Any) -> None:
    world = ReportWorld(demo)
    submission = rich(world)
    before = snapshot(submission)
    client = demo.client("owner")
    for fmt in ("json", "csv"):
        response = client.get(f"/indicators/data/{submission.pk}/export.{fmt}")
        assert response.status_code == 200
        assert (
            response["Content-Disposition"]
            == f'attachment; filename="bd-6t-{demo.commune.code}-2026s1.{fmt}"'
        )
        scramble(submission)
        result = upload(client, submission, response.content, name=f"bd.{fmt}")
        assert "rejected-rows" not in result.content.decode()
        assert snapshot(submission) == before
    assert (
        json.loads(client.get(f"/indicators/data/{submission.pk}/export.json").content)["dataSet"] == "BD-6T"
    )
    assert client.get(f"/indicators/data/{submission.pk}/export.xml").status_code == 404


def test_the_province_downloads_a_communes_figures(demo: Any) -> None:
    world = ReportWorld(demo)
    response = demo.client("province").get(f"/indicators/data/{world.submission.pk}/export.csv")
    assert response.status_code == 200
    assert response.content.decode().startswith("dataelement,period,orgunit")


def test_the_provinces_download_leaves_out_small_violence_figures_the_communes_keeps_them(demo: Any) -> None:
    """BD-V04 by sex: 2 of 3 men is small, so the men's row goes, and the women's (6 of
    7) with it, since 10 - 7 would tell the men's 3; the total 8 of 10 stays."""
    world = ReportWorld(demo)
    submission = rich(world)

    def rows(persona: str) -> set[tuple[str, str, str]]:
        body = demo.client(persona).get(f"/indicators/data/{submission.pk}/export.json").content
        return {
            (v["dataElement"], v["categoryOptionCombo"], v["value"]) for v in json.loads(body)["dataValues"]
        }

    own, province = rows("owner"), rows("province")
    by_sex = {
        ("BD-V04.N", "sex:male", "2"),
        ("BD-V04.D", "sex:male", "3"),
        ("BD-V04.N", "sex:female", "6"),
        ("BD-V04.D", "sex:female", "7"),
    }
    assert by_sex <= own
    assert not by_sex & province
    assert {("BD-V04.N", "default", "8"), ("BD-V04.D", "default", "10")} <= province
    assert own - province == by_sex  # nothing else is held back
    csv_text = demo.client("province").get(f"/indicators/data/{submission.pk}/export.csv").content.decode()
    assert "BD-V04.N,2026S1" in csv_text
    assert "sex:male" not in {
        line.split(",")[3] for line in csv_text.splitlines() if line.startswith("BD-V04")
    }


def test_rows_of_another_report_in_an_upload_are_refused(demo: Any) -> None:
    world = ReportWorld(demo)
    client = demo.client("owner")
    data = (
        f"dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value\n"
        f"BD-C03,2026S1,{demo.commune.code},default,BD-6T,4\n"
        f"BD-C03,2026S1,{demo.other_commune.code},default,BD-6T,4\n"
        f"BD-C03,2025S2,{demo.commune.code},default,BD-6T,4\n"
    ).encode()
    html = upload(client, world.submission, data, name="x.csv").content.decode()
    assert vi("line %(n)s", n=3) in html and vi("line %(n)s", n=4) in html
    assert not world.submission.values.filter(indicator__code="BD-C03").exists()
    assert not Submission.objects.filter(unit=demo.other_commune).exists()
    assert not Submission.objects.filter(period="2025S2").exists()


def test_a_csv_without_unit_and_period_goes_into_the_page_s_report(demo: Any) -> None:
    world = ReportWorld(demo)
    data = b"dataelement,categoryoptioncombo,value,comment\nBD-C03,,6,ghi chu\n"
    html = upload(demo.client("owner"), world.submission, data, name="x.csv").content.decode()
    assert "rejected-rows" not in html
    assert (value(world.submission, "BD-C03").numerator, value(world.submission, "BD-C03").comment) == (
        6,
        "ghi chu",
    )


def test_a_template_of_another_report_is_refused(demo: Any) -> None:
    world = ReportWorld(demo)
    client = demo.client("owner")
    book = template_of(client, world.submission)
    other = services.open_submission(world.form, demo.commune, "2026S2", actor=demo.user("owner"))
    html = upload(client, other, saved(book)).content.decode()
    assert (
        vi(
            "This template is for another report (%(unit)s, %(form)s, %(period)s): download the template of this report.",
            unit=demo.commune.name,
            form=world.form.name,
            period="6 tháng đầu năm 2026",
        )
        in html
    )  # in words, not codes


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _plain_workbook() -> bytes:
    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


def _laughing(template: bytes) -> bytes:
    """The report's own template, its sheet expanding entities a billion times."""
    source = zipfile.ZipFile(io.BytesIO(template))
    entities = "".join(
        f'<!ENTITY l{i} "{("&l%s;" % (i - 1)) * 10}">' if i else '<!ENTITY l0 "lol">' for i in range(10)
    )
    sheet = (
        f'<?xml version="1.0"?><!DOCTYPE w [{entities}]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&l9;</t></is></c></row></sheetData></worksheet>'
    )
    members = {name: source.read(name) for name in source.namelist()}
    members["xl/worksheets/sheet1.xml"] = sheet.encode()
    return _zip(members)


BAD_FILES = {
    "corrupt": lambda template: template[: len(template) // 2],
    "zip-bomb": lambda template: _zip(
        {"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b"0" * (20 * 1024 * 1024)}
    ),
    "entity-bomb": _laughing,
    "pdf-renamed": lambda template: b"%PDF-1.7\n1 0 obj <<>> endobj\n",
    "docx-renamed": lambda template: _zip({"word/document.xml": b"<w:document/>"}),
    "png-renamed": lambda template: b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
    "some-zip": lambda template: _zip({"readme.txt": b"hello"}),
    "not-a-template": lambda template: _plain_workbook(),
}
MESSAGES = {
    "corrupt": "The file cannot be read as an Excel workbook: it may be damaged.",
    "zip-bomb": "The file is refused: its compressed content is abnormal.",
    "entity-bomb": "The file cannot be read as an Excel workbook: it may be damaged.",
    "pdf-renamed": "The file is neither an XLSX template nor a JSON or CSV data value file.",
    "docx-renamed": "The file is neither an XLSX template nor a JSON or CSV data value file.",
    "png-renamed": "The file is neither an XLSX template nor a JSON or CSV data value file.",
    "some-zip": "The file is neither an XLSX template nor a JSON or CSV data value file.",
    "not-a-template": "This workbook is not a binhdang template: download the template from the report's import page.",
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_files_get_a_message_and_nothing_is_saved(demo: Any, kind: str) -> None:
    world = ReportWorld(demo)
    client = demo.client("owner")
    template = client.get(f"/indicators/data/{world.submission.pk}/template.xlsx").content
    before, revision = snapshot(world.submission), world.submission.revision
    response = upload(client, world.submission, BAD_FILES[kind](template))
    assert response.status_code == 200
    assert vi(MESSAGES[kind]) in response.content.decode()
    assert snapshot(world.submission) == before
    assert Submission.objects.get(pk=world.submission.pk).revision == revision


def test_an_oversized_file_is_refused_before_it_is_read(demo: Any) -> None:
    world = ReportWorld(demo)
    response = upload(demo.client("owner"), world.submission, b"a," * (3 * 1024 * 1024), name="big.csv")
    assert vi("The file is too big: at most 5 MB.") in response.content.decode()


def test_a_locked_report_takes_no_upload(demo: Any) -> None:
    world = ReportWorld(demo)
    client = demo.client("owner")
    book = template_of(client, world.submission)
    with translation.override("vi"):
        total = gettext("Total")
    cell_of(book.worksheets[0], "BD-C03", total).value = 9
    data = saved(book)
    services.submit(world.submission, actor=demo.user("owner"))
    response = upload(client, world.submission, data)
    html = response.content.decode()
    assert 'data-testid="import-locked"' in html and 'data-testid="upload"' not in html
    assert not world.submission.values.filter(indicator__code="BD-C03").exists()
    # the figures can still be downloaded
    assert client.get(f"/indicators/data/{world.submission.pk}/export.json").status_code == 200


def test_the_upload_page_offers_the_template_and_the_downloads(demo: Any) -> None:
    world = ReportWorld(demo)
    html = demo.client("focal").get(f"/indicators/data/{world.submission.pk}/upload/").content.decode()
    for testid in ("template-download", "export-json", "export-csv", "upload"):
        assert f'data-testid="{testid}"' in html
    assert f"/indicators/reports/{world.submission.pk}/" in html  # back to the report


def test_export_of_an_unknown_report_is_404(demo: Any) -> None:
    ReportWorld(demo)
    assert demo.client("owner").get("/indicators/data/999999/export.json").status_code == 404


def test_uploading_the_reports_own_download_again_says_nothing_changed(demo: Any) -> None:
    world = ReportWorld(demo)
    client = demo.client("owner")
    exported = client.get(f"/indicators/data/{world.submission.pk}/export.json")
    assert exported.status_code == 200
    before = snapshot(world.submission)
    page = upload(client, world.submission, exported.content, name="bao-cao.json", follow=True)
    text = page.content.decode()
    count = len(json.loads(exported.content)["dataValues"])
    assert (
        vi("%(count)s figures read: the report already had them all, nothing changed.", count=count) in text
    )
    assert snapshot(world.submission) == before
