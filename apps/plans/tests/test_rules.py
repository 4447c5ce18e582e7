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
