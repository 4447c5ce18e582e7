"""Rules of administrative documents, each tested on a small text written here
from the structure of such documents (Nghị định 30/2020/NĐ-CP), not from a corpus file."""

from __future__ import annotations

from apps.plans.parsing import parse_text
from apps.plans.parsing.body import split_agencies
from apps.plans.parsing.extras import reporting_in
from apps.plans.parsing.vocabulary import AGENCY_WORDS

HEAD = """ỦY BAN NHÂN DÂN
XÃ AN PHÚ
Số: 07/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
An Phú, ngày 10 tháng 2 năm 2025
KẾ HOẠCH
Công tác bình đẳng giới năm 2025
"""
TAIL = """Nơi nhận:
- UBND tỉnh;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trần Văn Bình
"""


def plan(body: str, head: str = HEAD, tail: str = TAIL) -> str:
    return head + body + tail


# --- reporting clauses (issue 13: identity comparison) ----------------------------


def test_reporting_clauses_split_at_semicolons_keep_the_last_as_written() -> None:
    found = reporting_in(
        "Báo cáo 6 tháng gửi về UBND xã trước ngày 15/6/2025; báo cáo năm gửi về UBND xã trước ngày 15/12/2025"
    )
    assert [r["text"] for r in found] == [
        "Báo cáo 6 tháng gửi về UBND xã trước ngày 15/6/2025.",
        "báo cáo năm gửi về UBND xã trước ngày 15/12/2025",
    ]
    assert [r["due"] for r in found] == ["2025-06-15", "2025-12-15"]
    assert found[0]["to"] == "UBND xã"


# --- issuer from the enacting sentence (issue 13: a condition that reduced to one term) --


def test_enacting_sentence_gives_the_issuer_even_without_a_place_name() -> None:
    text = """KẾ HOẠCH
Công tác bình đẳng giới năm 2025
Căn cứ tình hình thực tế, Ủy ban nhân dân xã ban hành Kế hoạch như sau:
I. MỤC ĐÍCH
- Nâng cao nhận thức.
"""
    issuer = parse_text(text)["document"]["issuer"]
    assert (issuer["name"], issuer["level"], issuer["locality"]) == ("Ủy ban nhân dân xã", "commune", None)


def test_a_unit_merely_mentioned_is_not_the_issuer() -> None:
    text = """KẾ HOẠCH
Công tác bình đẳng giới năm 2025
Căn cứ ý kiến của Ủy ban nhân dân tỉnh Nghệ An tại cuộc họp tháng 1,
I. MỤC ĐÍCH
- Nâng cao nhận thức.
"""
    assert parse_text(text)["document"]["issuer"]["name"] == ""


# --- references (issue 13: kind computed once) ---------------------------------------


def test_a_law_cited_by_name_is_a_law_with_its_name_as_title() -> None:
    result = parse_text(
        plan("Căn cứ Luật Bình đẳng giới số 73/2006/QH11;\nI. MỤC ĐÍCH\n- Nâng cao nhận thức.\n")
    )
    (law,) = result["references"]
    assert (law["kind"], law["number"], law["title"], law["role"]) == (
        "Luật",
        "73/2006/QH11",
        "Bình đẳng giới",
        "basis",
    )


def test_the_plans_own_number_is_never_a_reference() -> None:
    body = "Căn cứ Kế hoạch số 07/KH-UBND, Kế hoạch số 3/KH-UBND ngày 05/01/2025 của UBND tỉnh;\nI. MỤC ĐÍCH\n- A.\n"
    assert [r["number"] for r in parse_text(plan(body))["references"]] == ["3/KH-UBND"]


# --- agency names (issue 13: one list, not four) -------------------------------------


def test_every_agency_word_starts_a_new_agency_in_a_list() -> None:
    for word in AGENCY_WORDS:
        assert split_agencies(f"Hội Nông dân xã, {word} An Phú") == ["Hội Nông dân xã", f"{word} An Phú"], (
            word
        )


def test_an_agency_opening_an_activity_leads_the_task() -> None:
    body = """I. NỘI DUNG
1. Tuyên truyền trong công nhân
- Liên đoàn Lao động xã chủ trì tổ chức 02 buổi nói chuyện chuyên đề.
"""
    (task,) = parse_text(plan(body))["tasks"]
    assert task["lead"] == ["Liên đoàn Lao động xã"]


def test_reports_go_to_any_named_agency() -> None:
    (found,) = reporting_in("Định kỳ báo cáo kết quả gửi về Trung tâm Văn hóa xã trước ngày 10/12/2025.")
    assert found["to"] == "Trung tâm Văn hóa xã"


# --- what the corpus test used to check by value, now as rules ------------------------


def test_footnotes_are_read_as_references() -> None:
    body = "Căn cứ các văn bản hướng dẫn¹;\nI. MỤC ĐÍCH\n- Nâng cao nhận thức.\n"
    result = parse_text(plan(body + "¹ Nghị định số 48/2009/NĐ-CP ngày 19/5/2009 của Chính phủ.\n"))
    (ref,) = result["references"]
    assert (ref["number"], ref["kind"], ref["date"]) == ("48/2009/NĐ-CP", "NĐ", "2009-05-19")


def test_blank_number_is_kept_with_a_warning() -> None:
    result = parse_text(plan("I. MỤC ĐÍCH\n- A.\n", head=HEAD.replace("07/KH-UBND", "   /KH-UBND")))
    assert result["document"]["number"] == "/KH-UBND"
    assert any("số văn bản để trống" in w for w in result["source"]["warnings"])


def test_deputy_signs_for_the_chairman() -> None:
    tail = TAIL.replace("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    signer = parse_text(plan("I. MỤC ĐÍCH\n- A.\n", tail=tail))["signer"]
    assert signer == {"authority": ["KT. CHỦ TỊCH"], "position": "PHÓ CHỦ TỊCH", "name": "Trần Văn Bình"}


# --- header and signature shapes (issue 9, smaller items) ------------------------------


def test_number_and_date_on_one_row_keep_place_and_date() -> None:
    for row in (
        "Số: 07/KH-UBND | An Phú, ngày 10 tháng 2 năm 2025 |",
        "Số: 07/KH-UBND\tAn Phú, ngày 10 tháng 2 năm 2025",
        "Số: 07/KH-UBND An Phú, ngày 10 tháng 2 năm 2025",
    ):
        head = HEAD.replace("Số: 07/KH-UBND\n", "").replace("An Phú, ngày 10 tháng 2 năm 2025", row)
        doc = parse_text(plan("I. MỤC ĐÍCH\n- A.\n", head=head))["document"]
        assert (doc["number"], doc["place"], doc["date"]) == ("07/KH-UBND", "An Phú", "2025-02-10"), row


def test_issuer_and_motto_on_one_line_are_two_columns() -> None:
    head = HEAD.replace(
        "ỦY BAN NHÂN DÂN\nXÃ AN PHÚ\nSố: 07/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n",
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ AN PHÚ Độc lập - Tự do - Hạnh phúc\nSố: 07/KH-UBND\n",
    )
    issuer = parse_text(plan("I. MỤC ĐÍCH\n- A.\n", head=head))["document"]["issuer"]
    assert (issuer["name"], issuer["level"]) == ("Ủy ban nhân dân xã An Phú", "commune")


def test_a_rule_under_the_issuer_is_not_part_of_its_name() -> None:
    head = HEAD.replace("XÃ AN PHÚ\n", "XÃ AN PHÚ\n——-\n").replace(
        "Hạnh phúc\n", "Hạnh phúc\n_______________\n"
    )
    assert parse_text(plan("I. MỤC ĐÍCH\n- A.\n", head=head))["document"]["issuer"]["locality"] == "An Phú"


def test_signer_run_together_with_a_recipient_stays_the_signer() -> None:
    tail = "Nơi nhận: KT. CHỦ TỊCH\n- UBND tỉnh; PHÓ CHỦ TỊCH\n- Lưu: VT.\nTrần Văn Bình\n"
    result = parse_text(plan("I. MỤC ĐÍCH\n- A.\n", tail=tail))
    assert result["signer"] == {
        "authority": ["KT. CHỦ TỊCH"],
        "position": "PHÓ CHỦ TỊCH",
        "name": "Trần Văn Bình",
    }
    assert result["recipients"] == ["UBND tỉnh", "Lưu: VT"]


def test_a_recipient_broken_over_two_lines_is_one_recipient() -> None:
    tail = "Nơi nhận:\n- Bộ Lao động\nTBXH;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nTrần Văn Bình\n"
    result = parse_text(plan("I. MỤC ĐÍCH\n- A.\n", tail=tail))
    assert result["recipients"] == ["Bộ Lao động TBXH", "Lưu: VT"]
    assert result["signer"]["position"] == "CHỦ TỊCH"


def test_a_document_number_broken_at_the_line_end_is_whole() -> None:
    body = "Thực hiện Chỉ thị số 21-\nCT/TW ngày 20/01/2018 của Ban Bí thư;\nI. MỤC ĐÍCH\n- A.\n"
    assert [r["number"] for r in parse_text(plan(body))["references"]] == ["21-CT/TW"]


# --- dates --------------------------------------------------------------------------


def test_deadlines_without_a_year_are_in_the_plans_year() -> None:
    body = """I. NỘI DUNG
1. Tập huấn cán bộ
- Thời gian thực hiện: trước ngày 15/6.
II. TỔ CHỨC THỰC HIỆN
1. Phòng Văn hóa - Xã hội
- Báo cáo kết quả 6 tháng trước ngày 15/6 và báo cáo năm trước ngày 15/12 gửi về UBND xã.
"""
    result = parse_text(plan(body))
    assert result["tasks"][0]["timeframe"]["end"] == "2025-06-15"
    assert [(r["period"], r["due"]) for r in result["reporting"]] == [
        ("6-month", "2025-06-15"),
        ("annual", "2025-12-15"),
    ]


def test_a_time_in_the_heading_is_the_tasks_time() -> None:
    body = "I. NỘI DUNG\n1. Tổ chức Tháng hành động (từ ngày 15/11 đến 15/12/2025)\n- Treo băng rôn.\n"
    timeframe = parse_text(plan(body))["tasks"][0]["timeframe"]
    assert (timeframe["start"], timeframe["end"]) == ("2025-11-15", "2025-12-15")


def test_the_year_of_an_all_caps_title_is_the_plans_year() -> None:
    head = "KẾ HOẠCH\nCÔNG TÁC BÌNH ĐẲNG GIỚI NĂM 2024\n"
    body = "Căn cứ Luật Bình đẳng giới; Kế hoạch số 3/KH-UBND ngày 05/01/2026;\nI. MỤC ĐÍCH\n- A.\n"
    assert parse_text(plan(body, head=head))["document"]["year"] == 2024


# --- documents in more than one part, portal pages ------------------------------------


def test_a_decisions_enacting_line_is_not_part_of_its_title() -> None:
    text = """ỦY BAN NHÂN DÂN
XÃ AN PHÚ
Số: 12/QĐ-UBND
An Phú, ngày 10 tháng 2 năm 2025
QUYẾT ĐỊNH
Về việc ban hành Kế hoạch công tác bình đẳng giới năm 2025
CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ AN PHÚ
Căn cứ Luật Bình đẳng giới số 73/2006/QH11;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch công tác bình đẳng giới năm 2025.
"""
    doc = parse_text(text)["document"]
    assert (doc["kind"], doc["title"]) == ("QĐ", "Về việc ban hành Kế hoạch công tác bình đẳng giới năm 2025")


def test_an_attached_plan_is_the_document_and_its_decision_a_reference() -> None:
    decision = """ỦY BAN NHÂN DÂN
XÃ AN PHÚ
Số: 12/QĐ-UBND
An Phú, ngày 10 tháng 2 năm 2025
QUYẾT ĐỊNH
Về việc ban hành Kế hoạch công tác bình đẳng giới năm 2025
CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ AN PHÚ
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch công tác bình đẳng giới năm 2025.
Điều 2. Quyết định có hiệu lực kể từ ngày ký./.
Nơi nhận:
- Như Điều 2;
CHỦ TỊCH
Trần Văn Bình
"""
    attached = "ỦY BAN NHÂN DÂN\nXÃ AN PHÚ\nKẾ HOẠCH\nCông tác bình đẳng giới năm 2025\n"
    result = parse_text(decision + plan("I. NỘI DUNG\n1. Tập huấn cán bộ\n- Mở 01 lớp.\n", head=attached))
    doc = result["document"]
    assert (doc["kind"], doc["number"], doc["date"], doc["title"]) == (
        "KH",
        None,
        "2025-02-10",
        "Công tác bình đẳng giới năm 2025",
    )
    assert [t["title"] for t in result["tasks"]] == ["Tập huấn cán bộ"]
    assert (result["references"][0]["number"], result["references"][0]["kind"]) == ("12/QĐ-UBND", "QĐ")
    assert any("Quyết định số 12/QĐ-UBND" in w for w in result["source"]["warnings"])


def test_a_portals_menu_is_not_the_issuer() -> None:
    text = """Trang chủ
Giới thiệu
UBND tỉnh Ninh Thuận
Trang chủ > Văn bản > Kế hoạch
KẾ HOẠCH
Công tác bình đẳng giới năm 2025
Căn cứ tình hình thực tế, Ủy ban nhân dân tỉnh Bạc Liêu ban hành Kế hoạch như sau:
I. MỤC ĐÍCH
- Nâng cao nhận thức.
Văn bản liên quan
Kế hoạch số 3/KH-UBND ngày 03/01/2025 của UBND tỉnh Ninh Thuận
"""
    result = parse_text(text)
    assert result["document"]["issuer"]["name"] == "Ủy ban nhân dân tỉnh Bạc Liêu"
    assert result["references"] == []


def test_a_wrapped_title_stops_at_the_opening_sentence() -> None:
    head = "KẾ HOẠCH\nCông tác bình đẳng giới và vì sự tiến bộ\ncủa phụ nữ năm 2025\nThực hiện nhiệm vụ quản lý nhà nước về bình đẳng giới theo quy\n"
    body = "định tại Luật Bình đẳng giới số 73/2006/QH11;\nI. MỤC ĐÍCH\n- A.\n"
    title = parse_text(plan(body, head=head))["document"]["title"]
    assert title == "Công tác bình đẳng giới và vì sự tiến bộ của phụ nữ năm 2025"
