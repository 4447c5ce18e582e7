"""The outline grammar: markers of every style, depth from the document's own use."""

from __future__ import annotations

from pathlib import Path

import pytest

from apps.plans.parsing import parse, parse_text
from apps.plans.parsing.outline import leaves, marker, tree
from apps.plans.parsing.tables import Table, header, render

from . import shapes


@pytest.mark.parametrize(
    ("text", "kind", "label", "rest"),
    [
        ("I. MỤC ĐÍCH", "roman", "I", "MỤC ĐÍCH"),
        ("II - NỘI DUNG", "roman", "II", "NỘI DUNG"),
        ("III: KINH PHÍ", "roman", "III", "KINH PHÍ"),
        ("IV – TỔ CHỨC THỰC HIỆN", "roman", "IV", "TỔ CHỨC THỰC HIỆN"),
        ("Phần I. QUY ĐỊNH CHUNG", "roman", "I", "QUY ĐỊNH CHUNG"),
        ("1. Tuyên truyền", "arabic", "1", "Tuyên truyền"),
        ("1) Tuyên truyền", "arabic", "1", "Tuyên truyền"),
        ("1/ Tuyên truyền", "arabic", "1", "Tuyên truyền"),
        ("1- Tuyên truyền", "arabic", "1", "Tuyên truyền"),
        ("1 - Tuyên truyền", "arabic", "1", "Tuyên truyền"),
        ("1: Tuyên truyền", "arabic", "1", "Tuyên truyền"),
        ("(1) Tuyên truyền", "paren", "1", "Tuyên truyền"),
        ("1.2. Tuyên truyền", "dotted", "1.2", "Tuyên truyền"),
        ("a) Tuyên truyền", "letter", "a", "Tuyên truyền"),
        ("a. Tuyên truyền", "letter", "a", "Tuyên truyền"),
        ("đ/ Tuyên truyền", "letter", "đ", "Tuyên truyền"),
        ("• Tuyên truyền", "bullet", "", "Tuyên truyền"),
        ("– Tuyên truyền", "bullet", "", "Tuyên truyền"),
    ],
)
def test_marker_styles(text: str, kind: str, label: str, rest: str) -> None:
    found = marker(text)
    assert found is not None
    assert (found.kind, found.label, found.rest) == (kind, label, rest)


@pytest.mark.parametrize(
    "text", ["20 hộ gia đình được hỗ trợ", "15/11/2025 khai mạc", "Ví dụ: 2025-2030", "I am"]
)
def test_sentences_are_not_markers(text: str) -> None:
    found = marker(text)
    assert found is None or found.kind == "bullet"


def test_depth_comes_from_the_documents_own_use() -> None:
    # letters first, numbers inside them: the letters are the top-level parts
    nodes = tree(["a) Tuyên truyền", "1) Phát tin bài", "2) Treo băng rôn", "b) Tập huấn", "- Mở lớp."], "II")
    assert [n.ref for n in leaves(nodes)] == ["II.a.1", "II.a.2", "II.b"]


def test_a_numbered_list_inside_a_task_is_its_items() -> None:
    nodes = tree(["1. Tuyên truyền", "1) Phát tin bài;", "2) Treo băng rôn.", "2. Tập huấn"], "II")
    assert [(n.ref, n.items) for n in leaves(nodes)] == [
        ("II.1", ["1) Phát tin bài;", "2) Treo băng rôn."]),
        ("II.2", []),
    ]


def test_numbered_targets_are_read() -> None:
    result = parse_text(shapes.styled_text(shapes.NUMBERING_STYLES["roman-colon-hyphen"]))
    assert {(t["comparator"], t["value"]) for t in result["targets"] if t["task_ref"] is None} == {
        ("=", 100),
        (">", 85),
    }
    assert shapes.TARGETS[0] not in result["objectives"]["purposes"] + result["objectives"]["requirements"]


def test_tasks_numbered_with_letters_are_tasks() -> None:
    result = parse_text(shapes.styled_text(shapes.NUMBERING_STYLES["letters-top"]))
    assert [t["ref"] for t in result["tasks"]] == ["II.a", "II.b", "II.c", "II.d"]
    assert result["tasks"][0]["lead"] == ["Hội Liên hiệp Phụ nữ xã"]


def test_word_automatic_numbering_is_rendered(tmp_path: Path) -> None:
    result = parse(shapes.write_numbered_docx(tmp_path / "auto.docx"))
    assert [(t["ref"], t["title"]) for t in result["tasks"]] == [
        (f"II.{n}", task.title) for n, task in enumerate(shapes.TASKS, start=1)
    ]
    assert result["funding"] == [shapes.FUNDING]
    assert not result["source"]["warnings"]


def test_a_task_section_without_numbered_tasks_is_reported() -> None:
    text = shapes.plan_text()
    for n in range(1, 5):
        text = text.replace(f"\n{n}. {shapes.TASKS[n - 1].title}\n", f"\n{shapes.TASKS[n - 1].title}\n")
    warnings = parse_text(text)["source"]["warnings"]
    assert any("NHIỆM VỤ VÀ GIẢI PHÁP" in w and "không có nhiệm vụ" in w for w in warnings)


# --- the table model -----------------------------------------------------------------


def test_columns_are_found_by_the_words_of_the_header_row() -> None:
    table = Table(
        [
            ["KẾ HOẠCH CHI TIẾT", "", "", "", "", ""],
            ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn hoàn thành", "Kinh phí"],
        ]
    )
    assert header(table) == (
        1,
        {0: "number", 1: "content", 2: "lead", 3: "partners", 4: "time", 5: "funding"},
    )


def test_a_layout_table_is_read_column_by_column() -> None:
    table = Table(
        [
            ["ỦY BAN NHÂN DÂN\nXÃ AN PHÚ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
            ["Số: 7/KH-UBND", "An Phú, ngày 1 tháng 2 năm 2025"],
        ]
    )
    assert header(table) is None
    assert render(table) == [
        "ỦY BAN NHÂN DÂN",
        "XÃ AN PHÚ",
        "Số: 7/KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "An Phú, ngày 1 tháng 2 năm 2025",
    ]


def test_group_rows_and_merged_cells_carry_into_the_outline() -> None:
    table = Table(
        [
            ["TT", "Nội dung", "Chủ trì", "Thời gian"],
            ["I", "Công tác tuyên truyền", "Công tác tuyên truyền", "Công tác tuyên truyền"],
            ["1", "Phát tin bài", "Hội Phụ nữ xã", "Tháng 3/2025"],
            ["2", "Treo băng rôn", "Hội Phụ nữ xã", "Tháng 11/2025"],
            ["II", "Hỗ trợ", "", ""],
            ["1", "Vay vốn", "Hội Nông dân xã", "Thường xuyên"],
        ]
    )
    result = parse_text("KẾ HOẠCH\nCông tác năm 2025\nII. NHIỆM VỤ\n" + "\n".join(render(table)))
    assert [(t["ref"], t["title"], t["lead"]) for t in result["tasks"]] == [
        ("II.1.1", "Phát tin bài", ["Hội Phụ nữ xã"]),
        ("II.1.2", "Treo băng rôn", ["Hội Phụ nữ xã"]),
        ("II.2.1", "Vay vốn", ["Hội Nông dân xã"]),
    ]
    assert result["tasks"][1]["timeframe"]["start"] == "2025-11"


def test_merged_lead_cell_of_a_word_table_is_carried_down(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Công tác bình đẳng giới năm 2025")
    document.add_paragraph("I. NHIỆM VỤ")
    grid = document.add_table(rows=3, cols=3)
    for r, row in enumerate(
        [["TT", "Nội dung", "Cơ quan thực hiện"], ["1", "Phát tin bài", ""], ["2", "Treo băng rôn", ""]]
    ):
        for c, value in enumerate(row):
            grid.cell(r, c).text = value
    grid.cell(1, 2).merge(grid.cell(2, 2)).text = "Đoàn Thanh niên xã"
    path = tmp_path / "merged.docx"
    document.save(str(path))
    assert [t["lead"] for t in parse(path)["tasks"]] == [["Đoàn Thanh niên xã"], ["Đoàn Thanh niên xã"]]


def test_a_label_and_its_value_separated_by_a_tab_stay_one_line() -> None:
    body = "I. NỘI DUNG\n1. Tập huấn\n- Cơ quan thực hiện:\tHội Nông dân xã\n- Thời gian thực hiện:\tQuý II/2025\n"
    (task,) = parse_text("KẾ HOẠCH\nCông tác năm 2025\n" + body)["tasks"]
    assert task["lead"] == ["Hội Nông dân xã"]
    assert (task["timeframe"]["start"], task["timeframe"]["end"]) == ("2025-04", "2025-06")


def test_a_signature_laid_out_with_tabs_is_read_column_by_column() -> None:
    tail = "Nơi nhận:\tTM. ỦY BAN NHÂN DÂN\n- UBND tỉnh;\tCHỦ TỊCH\n- Lưu: VT.\n\tTrần Văn Bình\n"
    result = parse_text("KẾ HOẠCH\nCông tác năm 2025\nI. MỤC ĐÍCH\n- A.\n" + tail)
    assert result["signer"] == {
        "authority": ["TM. ỦY BAN NHÂN DÂN"],
        "position": "CHỦ TỊCH",
        "name": "Trần Văn Bình",
    }
    assert result["recipients"] == ["UBND tỉnh", "Lưu: VT"]


def test_a_line_that_starts_inside_a_wrapped_number_is_not_a_marker() -> None:
    # "... giám sát việc thực hiện Chỉ thị" / "45-CT/TW, ngày 14/4/2025 ..." in a PDF
    assert marker("45-CT/TW, ngày 14/4/2025 của Bộ Chính trị") is None
    assert marker("12/KH-UBND ngày 05/01/2025") is None
