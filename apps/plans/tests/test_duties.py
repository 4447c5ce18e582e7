"""Duties of "Tổ chức thực hiện" linked to the tasks they name: proposed by shared words,
applied only when accepted, each task's lead and timeframe with where it came from."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from apps.plans import parsing
from apps.plans.duties import Link, apply_links, duty_says, duty_timeframe, link_duties

FIXTURE = Path(__file__).parent / "fixtures" / "ha-tay-2026-duties.md"


def plan(
    tasks: list[dict[str, Any]], assignments: list[tuple[str, list[str]]], year: int = 2026
) -> dict[str, Any]:
    return {
        "document": {"title": "Kế hoạch", "year": year},
        "tasks": [
            {
                "ref": f"II.{i}",
                "title": t["title"],
                "activities": t.get("activities", []),
                "lead": t.get("lead", []),
                "partners": t.get("partners", []),
                "timeframe": t.get("timeframe"),
            }
            for i, t in enumerate(tasks, start=1)
        ],
        "assignments": [{"agency": a, "standing": False, "duties": d} for a, d in assignments],
    }


LOANS = {
    "title": "Hỗ trợ phụ nữ phát triển kinh tế",
    "activities": ["Hỗ trợ phụ nữ tiếp cận nguồn vốn vay ưu đãi."],
}
SAFE_ADDRESS = {
    "title": "Phòng ngừa bạo lực gia đình",
    "activities": ["Duy trì mô hình Địa chỉ tin cậy trong cộng đồng.", "Hỗ trợ nạn nhân bạo lực gia đình."],
}
STATISTICS = {
    "title": "Thống kê, báo cáo",
    "activities": ["Thu thập, tổng hợp số liệu thống kê giới của xã."],
}


def by_task(links: list[Link]) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for link in links:
        found.setdefault(link.task_ref, []).append((link.agency, link.role))
    return found


def test_a_duty_is_linked_by_the_words_it_shares_with_the_task_accents_and_case_aside() -> None:
    content = plan(
        [LOANS, STATISTICS],
        [
            (
                "Hội Liên hiệp Phụ nữ xã",
                ["Chủ trì HỖ TRỢ PHỤ NỮ TIẾP CẬN NGUỒN VỐN VAY ƯU ĐÃI, phát triển kinh tế hộ."],
            ),
            # the other tone style ("hoà" for "hòa") and no accents at all still match
            (
                "Phòng Văn hóa - Xã hội",
                ["chu tri thu thap, tong hop so lieu thong ke gioi, bao cao ket qua."],
            ),
        ],
    )
    links = link_duties(content)
    assert by_task(links) == {
        "II.1": [("Hội Liên hiệp Phụ nữ xã", "lead")],
        "II.2": [("Phòng Văn hóa - Xã hội", "lead")],
    }
    # the reason: the words both say, as the duty writes them
    assert "tiếp cận nguồn vốn vay ưu đãi" in links[0].shared
    assert "phát triển kinh tế" in links[0].shared
    assert "tong hop so lieu thong ke gioi" in links[1].shared
    assert all(link.proposed for link in links)


def test_weak_overlaps_are_not_proposed() -> None:
    content = plan(
        [LOANS, SAFE_ADDRESS, STATISTICS],
        [
            # words every plan says ("triển khai thực hiện", "bình đẳng giới") link nothing
            (
                "Ủy ban Mặt trận Tổ quốc xã",
                ["Triển khai thực hiện công tác bình đẳng giới theo chức năng, nhiệm vụ."],
            ),
            # one pair of words in common is not enough
            ("Trạm Y tế xã", ["Chăm sóc sức khỏe sinh sản cho các hộ gia đình."]),
        ],
    )
    assert link_duties(content) == []


def test_a_proposal_with_few_shared_words_is_shown_but_not_ticked() -> None:
    content = plan(
        [LOANS, SAFE_ADDRESS, STATISTICS],
        [("Trạm Y tế xã", ["Phối hợp hỗ trợ, chăm sóc sức khỏe cho nạn nhân bạo lực gia đình."])],
    )
    (link,) = link_duties(content)
    assert (link.task_ref, link.role, link.says) == ("II.2", "partner", "phoi_hop")
    assert link.proposed  # "nạn nhân bạo lực gia đình" and "hỗ trợ": strong enough
    weak = plan(
        [LOANS, SAFE_ADDRESS, STATISTICS],
        [("Trạm Y tế xã", ["Phối hợp hỗ trợ chăm sóc cho các gia đình khó khăn."])],
    )
    assert [(link.task_ref, link.proposed) for link in link_duties(weak)] == [("II.2", False)]


def test_chu_tri_leads_and_phoi_hop_takes_part() -> None:
    content = plan(
        [SAFE_ADDRESS, LOANS],
        [
            ("Công an xã", ["Phối hợp hỗ trợ nạn nhân bạo lực gia đình, bảo vệ nạn nhân."]),
            ("Hội Liên hiệp Phụ nữ xã", ["Chủ trì duy trì mô hình Địa chỉ tin cậy trong cộng đồng."]),
        ],
    )
    assert sorted(by_task(link_duties(content))["II.1"]) == [
        ("Công an xã", "partner"),
        ("Hội Liên hiệp Phụ nữ xã", "lead"),
    ]
    applied, sources = apply_links(content, [link for link in link_duties(content) if link.proposed])
    task = applied["tasks"][0]
    assert (task["lead"], task["partners"]) == (["Hội Liên hiệp Phụ nữ xã"], ["Công an xã"])
    assert sources["II.1"]["lead"] == "duty"
    assert sources["II.1"]["duty"] == "Hội Liên hiệp Phụ nữ xã"


def test_what_the_duty_says() -> None:
    assert duty_says("Chủ trì, phối hợp với các ngành tổ chức tuyên truyền") == "chu_tri"
    assert duty_says("Căn cứ chức năng, nhiệm vụ, phối hợp với các đơn vị tuyên truyền") == "phoi_hop"
    assert duty_says("Tham gia hỗ trợ, tham vấn phụ nữ") == "phoi_hop"
    assert duty_says("Tổ chức tọa đàm tại trường học") == "does"
    # a clause after "chủ trì A;" in the same duty is led by the same agency
    content = plan(
        [LOANS, SAFE_ADDRESS],
        [
            (
                "Hội Liên hiệp Phụ nữ xã",
                ["chủ trì duy trì mô hình Địa chỉ tin cậy; hỗ trợ phụ nữ tiếp cận nguồn vốn vay ưu đãi"],
            )
        ],
    )
    assert {(link.task_ref, link.says) for link in link_duties(content)} == {
        ("II.1", "chu_tri"),
        ("II.2", "chu_tri"),
    }


def test_a_task_that_names_its_lead_keeps_it() -> None:
    content = plan(
        [{**LOANS, "lead": ["Ngân hàng Chính sách xã hội"]}],
        [
            (
                "Hội Liên hiệp Phụ nữ xã",
                ["Chủ trì hỗ trợ phụ nữ tiếp cận nguồn vốn vay ưu đãi, phát triển kinh tế."],
            )
        ],
    )
    assert link_duties(content) == []
    applied, sources = apply_links(content, [])
    assert applied["tasks"][0]["lead"] == ["Ngân hàng Chính sách xã hội"]
    assert sources["II.1"]["lead"] == "task"


def test_the_timeframe_a_duty_sentence_gives() -> None:
    assert duty_timeframe("báo cáo kết quả trước ngày 30/11", 2026) == {
        "text": "trước ngày 30/11",
        "start": None,
        "end": "2026-11-30",
        "recurrence": "once",
    }
    assert duty_timeframe("hỗ trợ vay vốn trong Quý III", 2026) == {
        "text": "trong Quý III",
        "start": "2026-07",
        "end": "2026-09",
        "recurrence": "once",
    }
    span = duty_timeframe("mít tinh từ ngày 15/11 đến ngày 15/12/2026", 2026)
    assert span is not None and (span["start"], span["end"]) == ("2026-11-15", "2026-12-15")
    month = duty_timeframe("tọa đàm trong tháng 11/2026", 2026)
    assert month is not None and (month["start"], month["end"]) == ("2026-11", "2026-11")
    # "6 tháng" (a 6-month report) and days in brackets (28/6 is the day celebrated) are no deadline
    assert duty_timeframe("báo cáo 6 tháng và năm", 2026) is None
    assert duty_timeframe("hưởng ứng Ngày Gia đình Việt Nam (28/6)", 2026) is None


def test_timeframe_from_the_task_else_the_duty_else_the_plans_year() -> None:
    content = plan(
        [
            {
                **LOANS,
                "timeframe": {
                    "text": "Tháng 9/2026",
                    "start": "2026-09",
                    "end": "2026-09",
                    "recurrence": "once",
                },
            },
            STATISTICS,
            SAFE_ADDRESS,
            {
                "title": "Tuyên truyền",
                "timeframe": {"text": "Thường xuyên", "start": None, "end": None, "recurrence": "continuous"},
            },
        ],
        [
            (
                "Hội Liên hiệp Phụ nữ xã",
                ["Chủ trì hỗ trợ phụ nữ tiếp cận nguồn vốn vay ưu đãi trong Quý III."],
            ),
            (
                "Phòng Văn hóa - Xã hội",
                ["Chủ trì thu thập, tổng hợp số liệu thống kê giới trước ngày 30/11."],
            ),
            ("Hội Liên hiệp Phụ nữ xã", ["Chủ trì duy trì mô hình Địa chỉ tin cậy trong cộng đồng."]),
        ],
    )
    links = link_duties(content)
    applied, sources = apply_links(content, [link for link in links if link.proposed])
    frames = [t["timeframe"] for t in applied["tasks"]]
    assert frames[0]["start"] == "2026-09"  # the task's own
    assert sources["II.1"]["timeframe"] == "task"
    assert (frames[1]["text"], frames[1]["end"]) == ("trước ngày 30/11", "2026-11-30")
    assert sources["II.2"] == {
        "lead": "duty",
        "duty": "Phòng Văn hóa - Xã hội",
        "timeframe": "duty",
        "timeframe_duty": "Phòng Văn hóa - Xã hội",
    }
    assert (frames[2]["start"], frames[2]["end"]) == ("2026-01-01", "2026-12-31")
    assert sources["II.3"]["timeframe"] == "year"
    # "Thường xuyên" keeps its words and takes the year's dates
    assert frames[3] == {
        "text": "Thường xuyên",
        "start": "2026-01-01",
        "end": "2026-12-31",
        "recurrence": "continuous",
    }
    assert sources["II.4"] == {"lead": "", "timeframe": "year"}


def test_a_proposal_not_accepted_is_not_applied() -> None:
    content = plan(
        [STATISTICS],
        [("Phòng Văn hóa - Xã hội", ["Chủ trì thu thập, tổng hợp số liệu thống kê giới trước ngày 30/11."])],
    )
    assert len(link_duties(content)) == 1
    applied, sources = apply_links(content, [])
    task = applied["tasks"][0]
    assert task["lead"] == [] and task["timeframe"]["end"] == "2026-12-31"
    assert sources["II.1"] == {"lead": "", "timeframe": "year"}
    assert content["tasks"][0]["timeframe"] is None  # the document given is not changed


def test_the_commune_plan_with_duties_per_agency_gets_the_right_lead_for_every_task() -> None:
    content = parsing.parse_text(FIXTURE.read_text(encoding="utf-8"), "md")
    assert all(not task["lead"] for task in content["tasks"])  # the task lines name nobody
    links = link_duties(content)
    ticked = [link for link in links if link.proposed]
    applied, sources = apply_links(content, ticked)
    leads = {t["ref"]: t["lead"] for t in applied["tasks"]}
    assert leads == {
        "II.1": ["Văn phòng HĐND và UBND xã"],
        "II.2": ["Phòng Văn hóa - Xã hội"],
        "II.3": ["Trung tâm Dịch vụ sự nghiệp công xã"],
        "II.4": ["Hội Liên hiệp Phụ nữ xã"],
        "II.5": ["Hội Liên hiệp Phụ nữ xã"],
        "II.6": ["Đoàn Thanh niên Cộng sản Hồ Chí Minh xã"],
        "II.7": ["Phòng Văn hóa - Xã hội"],
    }
    partners = {t["ref"]: t["partners"] for t in applied["tasks"]}
    assert partners["II.3"] == ["Hội Liên hiệp Phụ nữ xã"]
    assert sorted(partners["II.4"]) == ["Công an xã", "Trạm Y tế xã"]
    assert partners["II.6"] == ["Các trường học trên địa bàn xã"]
    assert partners["II.7"] == ["Trạm Y tế xã"]
    # no weak proposal is ticked: each one ticked is a lead or partner named above
    assert {(link.task_ref, link.agency) for link in ticked} == {
        (ref, agency) for ref in leads for agency in leads[ref] + partners[ref]
    }
    timeframes = {ref: (source["timeframe"], source.get("timeframe_duty")) for ref, source in sources.items()}
    assert timeframes == {
        "II.1": ("task", None),
        "II.2": ("duty", "Phòng Văn hóa - Xã hội"),
        "II.3": ("year", None),
        "II.4": ("year", None),
        "II.5": ("duty", "Hội Liên hiệp Phụ nữ xã"),
        "II.6": ("duty", "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã"),
        "II.7": ("duty", "Phòng Văn hóa - Xã hội"),
    }
    ends = {t["ref"]: t["timeframe"]["end"] for t in applied["tasks"]}
    assert ends == {
        "II.1": "2026",
        "II.2": "2026-06-30",
        "II.3": "2026-12-31",
        "II.4": "2026-12-31",
        "II.5": "2026-09",
        "II.6": "2026-12-15",
        "II.7": "2026-11-30",
    }
