"""Plans authored in tests (not parsed from anything), shared by the test_export_* modules.

This module holds no tests itself."""

from __future__ import annotations

import copy
from typing import Any


def _frame(text: str, start: str | None, end: str | None, recurrence: str | None) -> dict[str, Any]:
    return {"text": text, "start": start, "end": end, "recurrence": recurrence}


COMMUNE_PLAN: dict[str, Any] = {
    "schema_version": "1.0",
    "document": {
        "kind": "KH",
        "number": "171/KH-UBND",
        "issuer": {
            "name": "Ủy ban nhân dân xã Hà Tây",
            "level": "commune",
            "locality": "Hà Tây",
            "parent": "thành phố Hải Phòng",
        },
        "place": "Hà Tây",
        "date": "2026-03-05",
        "title": "Thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ năm 2026",
        "year": 2026,
    },
    "references": [
        {
            "kind": "Luật",
            "number": "73/2006/QH11",
            "date": None,
            "issuer": None,
            "title": "Bình đẳng giới",
            "role": "basis",
        },
        {
            "kind": "KH",
            "number": "178/KH-UBND",
            "date": "2026-02-01",
            "issuer": "UBND thành phố Hải Phòng",
            "title": "về triển khai công tác bình đẳng giới năm 2026",
            "role": "basis",
        },
        {
            "kind": "NĐ",
            "number": "48/2009/NĐ-CP",
            "date": "2009-05-19",
            "issuer": "Chính phủ",
            "title": "quy định các biện pháp bảo đảm bình đẳng giới",
            "role": "cited",
        },
        {
            # named nowhere in the text: the export must cite it in a footnote
            "kind": "QĐ",
            "number": "1790/QĐ-TTg",
            "date": "2021-10-23",
            "issuer": "Thủ tướng Chính phủ",
            "title": "phê duyệt Chương trình Truyền thông về bình đẳng giới đến năm 2030",
            "role": "cited",
        },
    ],
    "objectives": {
        "purposes": [
            "Nâng cao nhận thức của cán bộ, công chức và Nhân dân về bình đẳng giới.",
            "Thu hẹp khoảng cách giới trong các lĩnh vực của đời sống xã hội tại địa phương.",
            "Trên 90% hộ gia đình được tiếp cận thông tin về bình đẳng giới.",
        ],
        "requirements": ["Các cơ quan, đơn vị chủ động triển khai, bảo đảm thiết thực, hiệu quả."],
    },
    "tasks": [
        {
            "ref": "II.1",
            "title": "Tuyên truyền, phổ biến pháp luật về bình đẳng giới",
            "activities": [
                "Tuyên truyền trên hệ thống truyền thanh xã theo Nghị định số 48/2009/NĐ-CP ngày 19/5/2009 của Chính phủ.",
                "Tổ chức hoạt động hưởng ứng Ngày Quốc tế Phụ nữ (8/3) và Ngày Phụ nữ Việt Nam (20/10).",
            ],
            "lead": ["Phòng Văn hóa - Xã hội"],
            "partners": ["Hội Liên hiệp Phụ nữ xã", "Đoàn Thanh niên xã"],
            "timeframe": _frame("Thường xuyên", None, None, "continuous"),
        },
        {
            "ref": "II.2",
            "title": "Phòng ngừa và ứng phó với bạo lực trên cơ sở giới",
            "activities": ["Duy trì mô hình Địa chỉ tin cậy tại các thôn."],
            "lead": ["Công an xã"],
            "partners": [],
            "timeframe": _frame("Quý II/2026", "2026-04", "2026-06", "once"),
        },
        {
            "ref": "II.3.1",
            "title": "Tập huấn cho cán bộ làm công tác bình đẳng giới",
            "activities": ["Mở lớp tập huấn kỹ năng lồng ghép giới."],
            "lead": ["Phòng Văn hóa - Xã hội"],
            "partners": [],
            "timeframe": _frame("Trước ngày 30/9/2026", None, "2026-09-30", "once"),
        },
        {
            "ref": "II.3.2",
            "title": "Kiện toàn Ban Vì sự tiến bộ của phụ nữ xã",
            "activities": [],
            # not "Văn phòng HĐND và UBND xã": the parser splits that name at "và"
            "lead": ["Văn phòng Ủy ban nhân dân xã"],
            "partners": [],
            "timeframe": _frame("Sau khi có hướng dẫn của Sở Nội vụ", None, None, "on_condition"),
        },
    ],
    "targets": [
        {
            # not written in any activity: the export adds it under its task
            "text": "Ít nhất 02 lớp tập huấn cho cán bộ, công chức xã.",
            "comparator": ">=",
            "value": 2,
            "unit": "lớp",
            "subject": "lớp tập huấn cho cán bộ, công chức xã",
            "task_ref": "II.3.1",
        },
        {
            "text": "Trên 90% hộ gia đình được tiếp cận thông tin về bình đẳng giới.",
            "comparator": ">",
            "value": 90,
            "unit": "%",
            "subject": "hộ gia đình được tiếp cận thông tin về bình đẳng giới",
            "task_ref": None,
        },
    ],
    "assignments": [
        {
            "agency": "Phòng Văn hóa - Xã hội",
            "standing": True,
            "duties": ["Theo dõi, đôn đốc các cơ quan, đơn vị thực hiện Kế hoạch."],
        },
        {
            "agency": "Công an xã",
            "standing": False,
            "duties": ["Tiếp nhận, xử lý kịp thời các vụ việc bạo lực trên cơ sở giới."],
        },
    ],
    "events": [
        {"name": "Ngày Quốc tế Phụ nữ", "start": "2026-03-08", "end": "2026-03-08"},
        {"name": "Ngày Phụ nữ Việt Nam", "start": "2026-10-20", "end": "2026-10-20"},
        {
            # in no activity: the export lists it in its own section
            "name": "Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới",
            "start": "2026-11-15",
            "end": "2026-12-15",
        },
    ],
    "funding": ["Ngân sách xã giao trong dự toán năm 2026.", "Các nguồn hợp pháp khác."],
    "reporting": [
        {
            "text": "Các cơ quan, đơn vị gửi báo cáo kết quả năm 2026 về Phòng Văn hóa - Xã hội trước ngày 25/11/2026.",
            "period": "annual",
            "due": "2026-11-25",
            "to": "Phòng Văn hóa - Xã hội",
        },
        {
            "text": "Báo cáo 6 tháng gửi về Phòng Văn hóa - Xã hội trước ngày 15/6/2026.",
            "period": "6-month",
            "due": "2026-06-15",
            "to": "Phòng Văn hóa - Xã hội",
        },
    ],
    "signer": {
        "authority": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"],
        "position": "PHÓ CHỦ TỊCH",
        "name": "Nguyễn Thị Lan",
    },
    "recipients": ["UBND thành phố Hải Phòng (báo cáo)", "Chủ tịch, các PCT UBND xã", "Lưu: VT, VHXH"],
    "source": {"format": "docx", "warnings": []},
}


def ward_plan() -> dict[str, Any]:
    """A ward's draft: blank number and day, lettered sub-tasks, chairman signing."""
    plan = copy.deepcopy(COMMUNE_PLAN)
    plan["document"].update(
        {
            "number": "/KH-UBND",
            "issuer": {
                "name": "Ủy ban nhân dân phường Đông Hải",
                "level": "ward",
                "locality": "Đông Hải",
                "parent": None,
            },
            "place": "Đông Hải",
            "date": "2027-02",
            "title": "Công tác bình đẳng giới năm 2027",
            "year": 2027,
        }
    )
    plan["references"] = [
        {
            "kind": "NQ",
            "number": "28/NQ-CP",
            "date": "2021-03-03",
            "issuer": "Chính phủ",
            "title": "ban hành Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2030",
            "role": "basis",
        }
    ]
    plan["objectives"] = {"purposes": ["Thúc đẩy bình đẳng giới trên địa bàn phường."], "requirements": []}
    plan["tasks"] = [
        {
            "ref": "II.1.a",
            "title": "Rà soát đội ngũ cán bộ nữ",
            "activities": ["Rà soát, lập danh sách cán bộ nữ trong diện quy hoạch."],
            "lead": ["Văn phòng Ủy ban nhân dân phường"],
            "partners": [],
            "timeframe": _frame("Tháng 3/2027", "2027-03", "2027-03", "once"),
        },
        {
            "ref": "II.1.b",
            "title": "Bồi dưỡng cán bộ nữ",
            "activities": ["Cử cán bộ nữ tham gia các lớp bồi dưỡng."],
            "lead": ["Văn phòng Ủy ban nhân dân phường"],
            "partners": ["Hội Liên hiệp Phụ nữ phường"],
            "timeframe": _frame("Hằng quý", None, None, "periodic"),
        },
        {
            "ref": "II.2",
            "title": "Hỗ trợ phụ nữ phát triển kinh tế",
            "activities": ["Giới thiệu phụ nữ vay vốn ưu đãi."],
            "lead": [],
            "partners": [],
            "timeframe": None,
        },
    ]
    plan["targets"] = []
    plan["events"] = []
    plan["reporting"] = []
    plan["signer"] = {"authority": ["TM. ỦY BAN NHÂN DÂN"], "position": "CHỦ TỊCH", "name": "Trần Văn Bình"}
    plan["recipients"] = ["Sở Nội vụ", "Lưu: VT"]
    return plan
