"""A task table's rows reach the plan's tasks cell by cell: the lead, partners and time
of a task are read from their own cells, not from lines of text written from them. The
level Word gives a numbered paragraph in its list places the task in the outline."""

from __future__ import annotations

from typing import Any

from apps.plans.parsing import parse_blocks
from apps.plans.parsing.blocks import Block, OutlineItem, Paragraph, Table

from . import shapes


def _plan_with_table(rows: list[list[str]]) -> dict[str, Any]:
    """The test plan with section II given as a Word table of these rows."""
    lines = [*shapes.head_lines(), *shapes.body_lines(tasks_block=["<TABLE>"]), *shapes.tail_lines()]
    blocks: list[Block] = [
        Table([shapes.TABLE_HEADER, *rows]) if line == "<TABLE>" else Paragraph(line) for line in lines
    ]
    return parse_blocks(blocks, "docx")


def test_a_lead_cell_listing_numbered_agencies_gives_each_agency() -> None:
    plan = _plan_with_table(
        [
            [
                "1",
                "Tuyên truyền về bình đẳng giới",
                "1. Công an xã\n2. Đoàn Thanh niên xã",
                "",
                "Quý II/2025",
            ],
        ]
    )
    (task,) = plan["tasks"]
    # read back from "- Cơ quan chủ trì: 1. Công an xã 2. ...", the number was taken for an agency
    assert task["lead"] == ["Công an xã", "Đoàn Thanh niên xã"]
    assert task["partners"] == []
    assert task["title"] == "Tuyên truyền về bình đẳng giới"


def test_a_lead_cell_starting_with_its_number_is_the_agency_alone() -> None:
    plan = _plan_with_table(
        [["1", "Tập huấn cho cán bộ", "1. Hội Liên hiệp Phụ nữ xã", "- Công an xã", "Tháng 6/2025"]]
    )
    (task,) = plan["tasks"]
    assert task["lead"] == ["Hội Liên hiệp Phụ nữ xã"]
    assert task["partners"] == ["Công an xã"]


def test_a_time_cell_of_several_dated_entries_is_read_as_those_entries() -> None:
    plan = _plan_with_table(
        [
            [
                "1",
                "Tổ chức đối thoại chính sách",
                "Ủy ban nhân dân xã",
                "Hội Nông dân xã\nĐoàn Thanh niên xã",
                "- Đợt 1: tháng 3/2025\n- Đợt 2: tháng 9/2025",
            ]
        ]
    )
    (task,) = plan["tasks"]
    assert task["timeframe"]["text"] == "Đợt 1: tháng 3/2025; Đợt 2: tháng 9/2025"
    assert task["timeframe"]["start"] == "2025-03"
    assert task["lead"] == ["Ủy ban nhân dân xã"]


def test_cells_of_a_row_do_not_become_activities_of_the_task() -> None:
    plan = _plan_with_table(
        [
            [
                "1",
                "Truyền thông\n- Phát tin bài\n- Treo băng rôn",
                "Công an xã",
                "Hội Phụ nữ xã",
                "Thường xuyên",
            ]
        ]
    )
    (task,) = plan["tasks"]
    assert task["activities"] == ["Phát tin bài", "Treo băng rôn"]
    assert task["lead"] == ["Công an xã"]
    assert task["partners"] == ["Hội Phụ nữ xã"]
    assert task["timeframe"]["recurrence"] == "continuous"


def test_word_list_levels_nest_tasks_whose_numbers_look_alike() -> None:
    # Word numbers both levels "1.", "2.": its list level, not the printed number, nests them
    lines = [*shapes.head_lines(), *shapes.body_lines(tasks_block=["<LIST>"]), *shapes.tail_lines()]
    items = [
        OutlineItem("1.", 1, "Công tác tuyên truyền"),
        OutlineItem("1.", 2, "Tổ chức hội nghị tuyên truyền về bình đẳng giới"),
        OutlineItem("2.", 2, "Phát hành tờ rơi về phòng, chống bạo lực gia đình"),
        OutlineItem("2.", 1, "Công tác tập huấn"),
    ]
    blocks: list[Block] = []
    for line in lines:
        blocks.extend(items if line == "<LIST>" else [Paragraph(line)])
    plan = parse_blocks(blocks, "docx")
    assert [(t["ref"], t["title"]) for t in plan["tasks"]] == [
        ("II.1.1", "Tổ chức hội nghị tuyên truyền về bình đẳng giới"),
        ("II.1.2", "Phát hành tờ rơi về phòng, chống bạo lực gia đình"),
        ("II.2", "Công tác tập huấn"),
    ]
