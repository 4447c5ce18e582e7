"""Rules, not the corpus: variants written here of the same structures."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from apps.plans.parsing import parse, parse_text

from .conftest import CORPUS

PLAN = """ỦY BAN NHÂN DÂN
PHƯỜNG ĐÔNG HẢI
Số: 45/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Đông Hải, ngày 04 tháng 4 năm 2023
KẾ HOẠCH
Thực hiện công tác bình đẳng giới
và vì sự tiến bộ của phụ nữ năm 2023
Căn cứ Luật Bình đẳng giới số 73/2006/QH11; Kế hoạch số 12/KH-UBND ngày 15/03/2023 của UBND tỉnh Thanh Hóa về công tác bình đẳng giới năm 2023;
UBND phường Đông Hải ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích: Nâng cao nhận thức về bình đẳng giới cho cán bộ và Nhân dân.
2. Yêu cầu: Các đơn vị chủ động triển khai, bảo đảm hiệu quả.
II. NỘI DUNG HOẠT ĐỘNG
1. Công tác tuyên truyền
1.1. Tuyên truyền trên hệ thống loa truyền thanh
+ Phát tin bài hưởng ứng Ngày Quốc tế Phụ nữ 8/3;
+ Ít nhất 02 lớp tập huấn cho cán bộ tổ dân phố.
- Cơ quan thực hiện: Trung tâm Dịch vụ sự nghiệp công phối hợp với Hội Liên hiệp Phụ nữ phường.
- Thời gian thực hiện: Quý II/2023.
1.2. Tổ chức Tháng hành động vì bình đẳng giới (15/11 - 15/12)
a) Treo băng rôn, khẩu hiệu;
b) Trên 80% hộ gia đình được tuyên truyền về phòng, chống bạo lực gia đình.
Thời gian thực hiện: Trước ngày 30/11/2023.
2. Hỗ trợ nạn nhân bạo lực gia đình
- Thời gian thực hiện: hằng năm.
III. KINH PHÍ
- Ngân sách phường theo phân cấp.
IV. TỔ CHỨC THỰC HIỆN
1. Phòng Văn hóa - Xã hội
- Là cơ quan thường trực, tham mưu UBND phường triển khai Kế hoạch.
- Báo cáo kết quả 6 tháng gửi về UBND phường trước ngày 15/6/2023.
2. Đề nghị Hội Liên hiệp Phụ nữ phường: phối hợp tuyên truyền.
Trên đây là Kế hoạch của UBND phường./.
Nơi nhận:
- UBND tỉnh Thanh Hóa;
- Lưu: VT, VHXH.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lê Văn Tám
"""


def _check(result: dict[str, Any]) -> None:
    doc = result["document"]
    assert doc["number"] == "45/KH-UBND"
    assert doc["date"] == "2023-04-04"
    assert doc["place"] == "Đông Hải"
    assert doc["title"] == "Thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ năm 2023"
    assert doc["year"] == 2023
    assert doc["issuer"]["name"] == "Ủy ban nhân dân phường Đông Hải"
    assert doc["issuer"]["level"] == "ward"
    assert doc["issuer"]["parent"] == "tỉnh Thanh Hóa"
    assert [r["number"] for r in result["references"]] == ["73/2006/QH11", "12/KH-UBND"]
    assert result["references"][1]["date"] == "2023-03-15"
    assert all(r["role"] == "basis" for r in result["references"])
    assert result["objectives"]["purposes"] and result["objectives"]["requirements"]
    refs = [t["ref"] for t in result["tasks"]]
    assert refs == ["II.1.1", "II.1.2", "II.2"]
    first = result["tasks"][0]
    assert first["lead"] == ["Trung tâm Dịch vụ sự nghiệp công"]
    assert first["partners"] == ["Hội Liên hiệp Phụ nữ phường"]
    assert (first["timeframe"]["start"], first["timeframe"]["end"]) == ("2023-04", "2023-06")
    second = result["tasks"][1]
    assert second["timeframe"]["end"] == "2023-11-30"
    assert second["activities"][0] == "Treo băng rôn, khẩu hiệu;"
    assert result["tasks"][2]["timeframe"]["recurrence"] == "periodic"
    assert {(t["comparator"], t["value"], t["unit"]) for t in result["targets"]} == {
        (">=", 2, "lớp"),
        (">", 80, "%"),
    }
    assert {e["start"] for e in result["events"]} == {"2023-03-08", "2023-11-15"}
    assert result["assignments"][0]["standing"] is True
    assert result["assignments"][1]["agency"] == "Hội Liên hiệp Phụ nữ phường"
    assert any(r["due"] == "2023-06-15" and r["period"] == "6-month" for r in result["reporting"])
    assert result["signer"] == {
        "authority": ["TM. ỦY BAN NHÂN DÂN"],
        "position": "CHỦ TỊCH",
        "name": "Lê Văn Tám",
    }
    assert result["recipients"] == ["UBND tỉnh Thanh Hóa", "Lưu: VT, VHXH"]


def test_plain_text_plan() -> None:
    _check(parse_text(PLAN))


def test_pdf_style_hard_wraps_and_page_numbers() -> None:
    wrapped: list[str] = []
    for number, line in enumerate(PLAN.splitlines()):
        wrapped.extend(textwrap.wrap(line, 60) or [""])
        wrapped.append("")
        if number == 20:
            wrapped += ["2", ""]
    _check(parse_text("\n".join(wrapped)))


def test_respaced_and_decomposed_text() -> None:
    import unicodedata

    respaced = "\n".join("  " + line.replace(" ", "   ") + "  " for line in PLAN.splitlines())
    _check(parse_text(unicodedata.normalize("NFD", respaced)))


def test_markdown_with_markup_and_footnotes() -> None:
    md = PLAN.replace("KẾ HOẠCH", "**KẾ HOẠCH**").replace(
        "II. NỘI DUNG HOẠT ĐỘNG", "## **II. NỘI DUNG HOẠT ĐỘNG**"
    )
    md = md.replace("Ngân sách phường theo phân cấp.", "Ngân sách phường theo phân cấp[^1].")
    result = parse_text(md, "md")
    _check(result)
    assert result["funding"] == ["Ngân sách phường theo phân cấp."]


def test_missing_parts_are_null_with_warnings() -> None:
    stripped = "\n".join(
        line
        for line in PLAN.splitlines()
        if not line.startswith(("Số:", "Đông Hải, ngày", "Lê Văn Tám", "ỦY BAN", "PHƯỜNG"))
    )
    result = parse_text(stripped)
    doc = result["document"]
    assert doc["number"] is None and doc["date"] is None and doc["place"] is None
    assert doc["issuer"]["name"] == "Ủy ban nhân dân phường Đông Hải"
    assert result["signer"]["name"] is None
    warnings = " ".join(result["source"]["warnings"])
    assert "không có số" in warnings and "tên người ký" in warnings and "ngày tháng" in warnings


def test_blank_day_gives_year_month() -> None:
    result = parse_text(PLAN.replace("ngày 04 tháng 4 năm 2023", "ngày    tháng 4 năm 2023"))
    assert result["document"]["date"] == "2023-04"
    assert any("không đầy đủ" in w for w in result["source"]["warnings"])


def test_docx_with_header_table(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nPHƯỜNG ĐÔNG HẢI\nSố: 45/KH-UBND"
    table.cell(
        0, 1
    ).text = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nĐông Hải, ngày 04 tháng 4 năm 2023"
    )
    body = PLAN.split("KẾ HOẠCH\n", 1)[1]
    document.add_paragraph("KẾ HOẠCH")
    for line in body.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "ke-hoach.docx"
    document.save(str(path))
    result = parse(path)
    assert result["source"]["format"] == "docx"
    _check(result)


def test_html_portal_page(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{line}</p>" for line in PLAN.splitlines())
    page = f"<html><head><script>var x=1;</script></head><body><nav>Trang chủ</nav><article>{paragraphs}</article><footer>Cổng TTĐT</footer></body></html>"
    path = tmp_path / "ke-hoach.html"
    path.write_text(page, encoding="utf-8")
    result = parse(path)
    assert result["source"]["format"] == "html"
    _check(result)


def test_text_pdf(tmp_path: Path) -> None:
    from .pdfmaker import make_pdf

    path = tmp_path / "plan.pdf"
    path.write_bytes(
        make_pdf(
            [
                "KE HOACH",
                "Thuc hien cong tac binh dang gioi nam 2025",
                "I. MUC DICH, YEU CAU",
                "- Nang cao nhan thuc.",
            ]
        )
    )
    result = parse(path)
    assert result["source"]["format"] == "pdf"
    assert result["document"]["title"] == "Thuc hien cong tac binh dang gioi nam 2025"


def test_cp1258_text_is_decoded(tmp_path: Path) -> None:
    source = (CORPUS / "ha-tay-2026.md").read_text(encoding="utf-8")
    import unicodedata

    path = tmp_path / "legacy.txt"
    tones = "\u0300\u0301\u0303\u0309\u0323"

    def cp1258_form(ch: str) -> str:
        # Windows-1258 keeps â, ơ, ư ... precomposed and writes the tone as a combining mark
        parts = unicodedata.normalize("NFD", ch)
        return unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones)) + "".join(
            c for c in parts if c in tones
        )

    path.write_bytes("".join(map(cp1258_form, source)).encode("cp1258"))
    result = parse(path)
    assert result["document"]["number"] == "171/KH-UBND"
    assert result["document"]["place"] == "Hà Tây"
