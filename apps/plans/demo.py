"""Demo plans for Hải Phòng: the city's 2026 plan issued; Hà Tây's 2026 plan imported
from its real text (demo_data/ha-tay-2026.md, a copy of shared/corpus/ha-tay-2026.md so
that a checkout without shared/ still has it) and recorded as issued; a 2027 draft for
Hà Tây; and a few other communes that made their plan from the city's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from apps.geo.models import AdministrativeUnit, Agency
from apps.geo.services import ensure_default_agencies
from apps.plans import content as plan_content
from apps.plans import parsing
from apps.plans.agency_choices import agency_suggestions
from apps.plans.derive import derive_plan
from apps.plans.duties import apply_links, link_duties
from apps.plans.services import copy_plan, create_plan, issue_plan
from core.text import fold

HA_TAY_FILE = Path(__file__).resolve().parent / "demo_data" / "ha-tay-2026.md"
OTHER_COMMUNES = ("Xã Tiên Lãng", "Phường Hải Dương", "Xã Kim Thành")

PROVINCE_TASKS = [
    (
        "II.1",
        "Tăng cường quản lý nhà nước về bình đẳng giới",
        ["Sở Nội vụ"],
        ["Sở Tư pháp"],
        "Thường xuyên năm 2026",
        "continuous",
    ),
    (
        "II.2",
        "Truyền thông nâng cao nhận thức về bình đẳng giới trong Tháng hành động",
        ["Sở Văn hóa, Thể thao và Du lịch"],
        ["Hội Liên hiệp Phụ nữ thành phố", "Sở Nội vụ"],
        "Từ ngày 15/11 đến 15/12/2026",
        "once",
    ),
    (
        "II.3",
        "Phòng ngừa, ứng phó với bạo lực trên cơ sở giới",
        ["Công an thành phố"],
        ["Sở Y tế", "Hội Liên hiệp Phụ nữ thành phố"],
        "Thường xuyên năm 2026",
        "continuous",
    ),
    (
        "II.4",
        "Chăm sóc sức khỏe sinh sản, giảm mất cân bằng giới tính khi sinh",
        ["Sở Y tế"],
        ["Sở Nội vụ"],
        "Năm 2026",
        "continuous",
    ),
    (
        "II.5",
        "Lồng ghép giới trong giáo dục, xây dựng trường học an toàn",
        ["Sở Giáo dục và Đào tạo"],
        [],
        "Năm học 2026 - 2027",
        "continuous",
    ),
    (
        "II.6",
        "Hỗ trợ phụ nữ phát triển kinh tế, khởi nghiệp",
        ["Hội Liên hiệp Phụ nữ thành phố"],
        ["Sở Nông nghiệp và Môi trường"],
        "Năm 2026",
        "continuous",
    ),
]


def province_content(province: AdministrativeUnit) -> dict[str, Any]:
    content = plan_content.blank(
        province, 2026, "Thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ năm 2026"
    )
    content["references"] = [
        {
            "kind": "Luật",
            "number": "73/2006/QH11",
            "date": "2006-11-29",
            "issuer": "Quốc hội",
            "title": "Luật Bình đẳng giới",
            "role": "basis",
        },
        {
            "kind": "NQ",
            "number": "28/NQ-CP",
            "date": "2021-03-03",
            "issuer": "Chính phủ",
            "title": "Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030",
            "role": "basis",
        },
    ]
    content["objectives"] = {
        "purposes": [
            "Triển khai đồng bộ các mục tiêu của Chiến lược quốc gia về bình đẳng giới trên địa bàn thành phố."
        ],
        "requirements": [
            "Các cơ quan, đơn vị, Ủy ban nhân dân các xã, phường, đặc khu xây dựng kế hoạch cụ thể và báo cáo kết quả đúng hạn."
        ],
    }
    content["tasks"] = [
        {
            "ref": ref,
            "title": title,
            "activities": [],
            "lead": lead,
            "partners": partners,
            "timeframe": {"text": when, "start": "2026", "end": "2026", "recurrence": recurrence},
        }
        for ref, title, lead, partners, when, recurrence in PROVINCE_TASKS
    ]
    content["targets"] = [
        {
            "text": "100% xã, phường, đặc khu xây dựng kế hoạch thực hiện công tác bình đẳng giới năm 2026.",
            "comparator": "=",
            "value": 100,
            "unit": "%",
            "subject": "xã, phường, đặc khu xây dựng kế hoạch",
            "task_ref": "II.1",
        },
        {
            # the city's own bodies: a commune making its plan from this one drops it by default
            "text": "100% sở, ban, ngành cấp thành phố lồng ghép vấn đề bình đẳng giới trong kế hoạch công tác năm 2026.",
            "comparator": "=",
            "value": 100,
            "unit": "%",
            "subject": "sở, ban, ngành cấp thành phố lồng ghép vấn đề bình đẳng giới",
            "task_ref": "II.1",
        },
        {
            "text": "Trên 90% nạn nhân bạo lực gia đình được phát hiện được tư vấn, hỗ trợ.",
            "comparator": ">",
            "value": 90,
            "unit": "%",
            "subject": "nạn nhân bạo lực gia đình được tư vấn, hỗ trợ",
            "task_ref": "II.3",
        },
    ]
    content["events"] = [
        {"name": "Ngày Quốc tế Phụ nữ", "start": "2026-03-08", "end": "2026-03-08"},
        {"name": "Tháng hành động vì bình đẳng giới", "start": "2026-11-15", "end": "2026-12-15"},
    ]
    content["reporting"] = [
        {
            "text": "Báo cáo kết quả 6 tháng gửi Sở Nội vụ trước ngày 15/6/2026.",
            "period": "6-month",
            "due": "2026-06-15",
            "to": "Sở Nội vụ",
        },
        {
            "text": "Báo cáo kết quả năm gửi Sở Nội vụ trước ngày 15/12/2026.",
            "period": "annual",
            "due": "2026-12-15",
            "to": "Sở Nội vụ",
        },
    ]
    content["funding"] = ["Ngân sách nhà nước theo phân cấp hiện hành và các nguồn hợp pháp khác."]
    content["signer"] = {
        "authority": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"],
        "position": "PHÓ CHỦ TỊCH",
        "name": "Nguyễn Văn Tùng",
    }
    content["recipients"] = [
        "Bộ Nội vụ",
        "TT Thành ủy, TT HĐND thành phố",
        "UBND các xã, phường, đặc khu",
        "Lưu: VT",
    ]
    return content


def load_plan_demo(actor: Any, users: dict[str, Any], **kwargs: Any) -> None:
    province = AdministrativeUnit.objects.get(name="Thành phố Hải Phòng", level="province")
    ha_tay = AdministrativeUnit.objects.get(name="Xã Hà Tây", parent=province)
    content = province_content(province)
    # the number and date that Hà Tây's real plan (demo_data/ha-tay-2026.md) cites as its basis
    content["document"].update(number="178/KH-UBND", date="2026-05-15")
    city_plan = create_plan(province, actor=actor, content=content, note="Dữ liệu mẫu")
    city_plan = issue_plan(city_plan, actor=actor, revision=city_plan.revision)

    content = parsing.parse(HA_TAY_FILE)
    # its tasks name their agencies only in "Tổ chức thực hiện": the officer kept the
    # proposals the review ticked, except a group of bodies ("Các doanh nghiệp …") as a
    # lead; the tasks still without a lead are assigned on their task pages (work demo)
    accepted = [
        link
        for link in link_duties(content)
        if link.proposed and not (link.role == "lead" and fold(link.agency).startswith("cac "))
    ]
    content, task_sources = apply_links(content, accepted)
    suggestions = agency_suggestions(ha_tay, content, {})
    agency_map = {row["written"]: row["agency_id"] for row in suggestions if row["agency_id"]}
    ha_tay_plan = create_plan(
        ha_tay,
        actor=actor,
        content=content,
        agency_map=agency_map,
        note="Nhập từ tệp ha-tay-2026.md",
        task_sources=task_sources,
    )
    ha_tay_plan = issue_plan(ha_tay_plan, actor=actor, revision=ha_tay_plan.revision, confirm_unassigned=True)
    copy_plan(ha_tay_plan, actor=actor, unit=ha_tay, year=2027)

    for index, name in enumerate(OTHER_COMMUNES):
        commune = AdministrativeUnit.objects.get(name=name, parent=province)
        if not Agency.objects.filter(unit=commune).exists():
            ensure_default_agencies(commune, actor=actor)
        derived, _unresolved = derive_plan(city_plan, actor=actor, commune=commune)
        if index:  # the first stays a draft; the others are issued
            issue_plan(derived, actor=actor, revision=derived.revision)
