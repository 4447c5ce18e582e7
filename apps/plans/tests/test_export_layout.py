"""The DOCX follows Nghị định 30/2020 (shared/domain/document-format.md): read back with
python-docx and checked rule by rule."""

from __future__ import annotations

import copy
import io
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from apps.plans.export import ExportError, PlanInvalid, render_docx

from .test_export_plans import COMMUNE_PLAN, ward_plan


def _open(plan: dict[str, Any], tasks_as: str = "text") -> Any:
    return docx.Document(io.BytesIO(render_docx(plan, tasks_as=tasks_as)))


@pytest.fixture(scope="module")
def document() -> Any:
    return _open(COMMUNE_PLAN)


def _runs_of(paragraph: Any) -> list[Any]:
    return [r for r in paragraph.runs if r.text.strip()]


def _size(run: Any) -> float:
    return float(run.font.size.pt)


def _font_name(run: Any) -> str | None:
    fonts = run._element.rPr.rFonts if run._element.rPr is not None else None
    return fonts.get(qn("w:ascii")) if fonts is not None else None


def _all_paragraphs(document: Any) -> list[Any]:
    out = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                out.extend(cell.paragraphs)
    return out


def _paragraph(document: Any, text: str) -> Any:
    return next(p for p in _all_paragraphs(document) if p.text == text)


def test_page_is_a4_portrait_with_state_margins(document: Any) -> None:
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.5)
    assert abs(section.page_height - Mm(297)) < Mm(0.5)
    assert Mm(20) <= section.top_margin <= Mm(25)
    assert Mm(20) <= section.bottom_margin <= Mm(25)
    assert Mm(30) <= section.left_margin <= Mm(35)
    assert Mm(15) <= section.right_margin <= Mm(20)


def test_every_run_is_times_new_roman_between_11_and_14_pt(document: Any) -> None:
    runs = [r for p in _all_paragraphs(document) for r in _runs_of(p)]
    assert len(runs) > 40
    assert {_font_name(r) for r in runs} == {"Times New Roman"}
    assert all(11 <= _size(r) <= 14 for r in runs)
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_header_table_left_issuer_and_number_right_motto_and_date(document: Any) -> None:
    header = document.tables[0]
    left = [p for p in header.cell(0, 0).paragraphs if p.text]
    right = [p for p in header.cell(0, 1).paragraphs if p.text]
    assert [p.text for p in left] == ["ỦY BAN NHÂN DÂN", "XÃ HÀ TÂY"]
    assert all(r.bold and 12 <= _size(r) <= 13 for p in left for r in _runs_of(p))
    assert [p.text for p in right] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    national, motto = (_runs_of(p)[0] for p in right)
    assert national.bold and 12 <= _size(national) <= 13
    assert motto.bold and 13 <= _size(motto) <= 14
    assert header.cell(1, 0).paragraphs[0].text == "Số: 171/KH-UBND"
    assert _size(_runs_of(header.cell(1, 0).paragraphs[0])[0]) == 13
    date = header.cell(1, 1).paragraphs[0]
    assert date.text == "Hà Tây, ngày 05 tháng 3 năm 2026"
    assert all(r.italic and 13 <= _size(r) <= 14 for r in _runs_of(date))


def test_short_rules_under_issuer_motto_and_title(document: Any) -> None:
    header = document.tables[0]

    def ruled(cell_or_doc: Any) -> list[Any]:
        return [p for p in cell_or_doc.paragraphs if p._p.find(f".//{qn('w:pBdr')}") is not None]

    assert len(ruled(header.cell(0, 0))) == 1
    assert len(ruled(header.cell(0, 1))) == 1
    rule = ruled(header.cell(0, 0))[0]
    # a short line: indented from both sides of the column
    assert rule.paragraph_format.left_indent > Mm(10)
    assert rule.paragraph_format.left_indent == rule.paragraph_format.right_indent
    assert len(ruled(document)) == 1  # under the title


def test_kind_and_title_bold_centred(document: Any) -> None:
    kind = _paragraph(document, "KẾ HOẠCH")
    title = _paragraph(document, COMMUNE_PLAN["document"]["title"])
    for paragraph in (kind, title):
        assert paragraph.alignment == 1  # centre
        assert all(r.bold and 13 <= _size(r) <= 14 for r in _runs_of(paragraph))


def test_body_is_justified_indented_and_spaced(document: Any) -> None:
    body = [p for p in document.paragraphs if p.text.startswith("- ")]
    assert len(body) > 10
    for paragraph in body:
        fmt = paragraph.paragraph_format
        assert paragraph.alignment == 3  # justify
        assert Mm(10) <= fmt.first_line_indent <= Mm(12.7)
        assert fmt.space_before.pt >= 6
        assert 1.0 <= fmt.line_spacing <= 1.5
        assert all(_size(r) in (13, 14) for r in _runs_of(paragraph))


def test_numbered_sections_and_headings(document: Any) -> None:
    texts = [p.text for p in document.paragraphs]
    sections = [t for t in texts if t.split(".")[0] in {"I", "II", "III", "IV", "V", "VI"}]
    assert sections == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NHIỆM VỤ, GIẢI PHÁP",
        "III. CÁC NGÀY, SỰ KIỆN HƯỞNG ỨNG",
        "IV. KINH PHÍ THỰC HIỆN",
        "V. TỔ CHỨC THỰC HIỆN",
        "VI. CHẾ ĐỘ BÁO CÁO",
    ]
    for text in [
        *sections,
        "1. Mục đích",
        "3. Các nhiệm vụ cụ thể",
        "3.1. Tập huấn cho cán bộ làm công tác bình đẳng giới",
    ]:
        assert all(r.bold for r in _runs_of(_paragraph(document, text))), text
    assert texts.index("3. Các nhiệm vụ cụ thể") < texts.index(
        "3.1. Tập huấn cho cán bộ làm công tác bình đẳng giới"
    )


def test_opening_cites_basis_and_tasks_say_who_and_when(document: Any) -> None:
    texts = [p.text for p in document.paragraphs]
    assert "Căn cứ Luật Bình đẳng giới số 73/2006/QH11;" in texts
    assert (
        "Thực hiện Kế hoạch số 178/KH-UBND ngày 01/02/2026 của UBND thành phố Hải Phòng "
        "về triển khai công tác bình đẳng giới năm 2026;"
    ) in texts
    assert (
        "- Cơ quan thực hiện: Phòng Văn hóa - Xã hội chủ trì, phối hợp với Hội Liên hiệp Phụ nữ xã "
        "và Đoàn Thanh niên xã."
    ) in texts
    assert "- Cơ quan chủ trì: Công an xã." in texts
    assert "- Thời gian thực hiện: Quý II/2026." in texts
    # a target that no activity states is written under its task
    tasks = texts.index("3.1. Tập huấn cho cán bộ làm công tác bình đẳng giới")
    assert "- Ít nhất 02 lớp tập huấn cho cán bộ, công chức xã." in texts[tasks : tasks + 4]
    assert texts[-1].endswith("./.")


def test_untied_target_missing_from_text_goes_under_purposes() -> None:
    plan = copy.deepcopy(COMMUNE_PLAN)
    plan["objectives"]["purposes"] = plan["objectives"]["purposes"][:2]
    texts = [p.text for p in _open(plan).paragraphs]
    start, end = texts.index("1. Mục đích"), texts.index("2. Yêu cầu")
    assert "- Trên 90% hộ gia đình được tiếp cận thông tin về bình đẳng giới." in texts[start:end]


def test_reference_named_nowhere_becomes_a_footnote(document: Any) -> None:
    part = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/footnotes"))
    notes = part.blob.decode("utf-8")
    assert "Quyết định số 1790/QĐ-TTg ngày 23/10/2021 của Thủ tướng Chính phủ" in notes
    assert "48/2009/NĐ-CP" not in notes  # already in an activity
    heading = _paragraph(document, "II. NHIỆM VỤ, GIẢI PHÁP")
    assert heading._p.find(f".//{qn('w:footnoteReference')}") is not None


def test_page_number_field_in_header_from_page_two(document: Any) -> None:
    section = document.sections[0]
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert "PAGE" in "".join(t.text or "" for t in section.header._element.iter(qn("w:instrText")))
    assert 'w:fldCharType="begin"' in header_xml and 'w:fldCharType="end"' in header_xml
    number = section.header.paragraphs[0]
    assert number.alignment == 1
    assert all(13 <= _size(r) <= 14 for r in number.runs if r.font.size)
    assert not list(section.first_page_header._element.iter(qn("w:instrText")))


def test_signature_block_and_recipients(document: Any) -> None:
    signature = document.tables[-1]
    left = [p for p in signature.cell(0, 0).paragraphs if p.text]
    right = [p for p in signature.cell(0, 1).paragraphs if p.text]
    assert [p.text for p in left] == [
        "Nơi nhận:",
        "- UBND thành phố Hải Phòng (báo cáo);",
        "- Chủ tịch, các PCT UBND xã;",
        "- Lưu: VT, VHXH.",
    ]
    label = _runs_of(left[0])[0]
    assert label.bold and label.italic and _size(label) == 12
    assert all(_size(r) == 11 for p in left[1:] for r in _runs_of(p))
    assert [p.text for p in right] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Thị Lan",
    ]
    assert all(r.bold and 13 <= _size(r) <= 14 for p in right for r in _runs_of(p))
    cells = signature.cell(0, 1).paragraphs
    names = next(i for i, p in enumerate(cells) if p.text == "Nguyễn Thị Lan")
    position = next(i for i, p in enumerate(cells) if p.text == "PHÓ CHỦ TỊCH")
    assert names - position >= 4  # room for signature and seal


def test_tasks_as_table() -> None:
    document = _open(COMMUNE_PLAN, "table")
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "TT")
    assert [c.text for c in table.rows[0].cells] == [
        "TT",
        "Nội dung",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian thực hiện",
    ]
    first = [c.text for c in table.rows[1].cells]
    assert first[0] == "1"
    assert first[1].startswith("Tuyên truyền, phổ biến pháp luật về bình đẳng giới\n- Tuyên truyền")
    assert first[2:] == [
        "Phòng Văn hóa - Xã hội",
        "Hội Liên hiệp Phụ nữ xã và Đoàn Thanh niên xã",
        "Thường xuyên",
    ]
    assert [r.cells[0].text for r in table.rows[1:]] == ["1", "2", "3", "3.1", "3.2"]
    assert table.rows[0]._tr.find(f".//{qn('w:tblHeader')}") is not None
    assert not any(p.text.startswith("- Cơ quan") for p in document.paragraphs)


def test_dates_with_leading_zero_and_blanks() -> None:
    plan = copy.deepcopy(COMMUNE_PLAN)
    plan["document"]["date"] = "2026-02-09"
    assert _open(plan).tables[0].cell(1, 1).paragraphs[0].text == "Hà Tây, ngày 09 tháng 02 năm 2026"
    plan["document"]["date"] = "2026-11-25"
    assert _open(plan).tables[0].cell(1, 1).paragraphs[0].text == "Hà Tây, ngày 25 tháng 11 năm 2026"
    draft = _open(ward_plan())
    assert draft.tables[0].cell(1, 0).paragraphs[0].text.replace(" ", "") == "Số:/KH-UBND"
    assert draft.tables[0].cell(1, 1).paragraphs[0].text == "Đông Hải, ngày ..... tháng 02 năm 2027"
    plan["document"].update({"number": None, "place": None, "date": None})
    header = _open(plan).tables[0]
    assert header.cell(1, 0).text == ""
    assert header.cell(1, 1).text == "......, ngày ..... tháng ..... năm ....."


def test_issuer_other_than_people_committee_gets_its_parent_above() -> None:
    plan = copy.deepcopy(COMMUNE_PLAN)
    plan["document"]["issuer"] = {
        "name": "Sở Nội vụ",
        "level": "province",
        "locality": None,
        "parent": "tỉnh Bắc Ninh",
    }
    left = [p for p in _open(plan).tables[0].cell(0, 0).paragraphs if p.text]
    assert [(p.text, bool(_runs_of(p)[0].bold)) for p in left] == [
        ("ỦY BAN NHÂN DÂN TỈNH BẮC NINH", False),
        ("SỞ NỘI VỤ", True),
    ]


def test_invalid_plan_and_bad_option_are_refused() -> None:
    plan = copy.deepcopy(COMMUNE_PLAN)
    del plan["signer"]
    with pytest.raises(PlanInvalid, match="thiếu trường bắt buộc “signer”"):
        render_docx(plan)
    with pytest.raises(ExportError, match="không hợp lệ"):
        render_docx(COMMUNE_PLAN, tasks_as="list")
