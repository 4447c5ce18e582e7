"""Tasks ← the section "Tổ chức thực hiện": who leads a task and when it is done.

Many plans name who does what only in the paragraphs per agency at the end ("Hội Liên
hiệp Phụ nữ xã: chủ trì duy trì mô hình Địa chỉ tin cậy ...; phối hợp tổ chức ..."),
not on the task lines. `link_duties` proposes, for each task that names no lead, the
agencies whose duties speak of the same things (the words they share, accents folded and
common words left out), each with the shared words as its reason, so the officer can
review them; `apply_links` writes the accepted ones into the tasks and says, per task,
where its lead and timeframe came from. Nothing is applied that was not accepted.

Pure Python (no Django): the review page and the tests call it on the parser's document.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from apps.plans.parsing.dates import iso
from core.text import fold

# A proposal needs at least this weight of shared words (a shared pair of words weighs
# 1 when every task has it, up to ~2.5 when only one task of the plan has it) ...
MIN_SCORE = 3.0
MIN_SHARED = 2
# ... and is ticked in advance from this weight on (the officer unticks what is wrong).
STRONG_SCORE = 6.0
# a duty that says "chủ trì" weighs half again when the lead is chosen
LEAD_BONUS = 1.5

# Syllables that carry no subject (function words), folded.
_FUNCTION_WORDS = """
    va cac cua ve trong cho voi tren tai theo de la duoc nhung mot nay do khi tu den
    nham hoac cung nhu da se ra vao len sau truoc hon nhat moi"""
STOP_SYLLABLES = frozenset(_FUNCTION_WORDS.split())
# Pairs of syllables found in nearly every gender-equality plan, task and duty alike
# ("bình đẳng giới", "triển khai thực hiện", "phòng ngừa, ứng phó với bạo lực trên cơ sở
# giới", "chương trình"), folded.
_COMMON_PAIRS = """
    binh dang|dang gioi|thuc hien|trien khai|to chuc|co quan|don vi|dia ban|quy dinh
    ke hoach|nhiem vu|hoat dong|tang cuong|chu tri|phoi hop|tham gia|chu dong|tiep tuc
    cong tac|can cu|chuc nang|lien quan|dia phuong|uy ban|nhan dan|ubnd xa|hieu qua
    nang cao|day manh|tien bo|phu nu|vi su|su tien|ban nganh|doan the|nganh doan
    thanh pho|cap tren|theo doi|huong dan|kip thoi|thuong xuyen|co so|so gioi|bao dam
    chuong trinh|xa hoi|chinh tri|viet nam|mat tran|to quoc|noi dung|quan tam|dac biet
    trach nhiem|tinh hinh|phong ngua|ung pho"""
STOP_PAIRS = frozenset(p.strip() for p in re.split(r"[|\n]", _COMMON_PAIRS) if p.strip())

# "phối hợp ...", "tham gia ...", "Căn cứ chức năng, nhiệm vụ, phối hợp ...": takes part
PARTNER_WORDS = re.compile(r"\b(phoi hop|tham gia|cung voi)\b")
LEAD_WORDS = re.compile(r"\b(chu tri|chiu trach nhiem chinh)\b")
# a duty says it takes part when "phối hợp" comes within its first words
PARTNER_WITHIN = 6

# The time a duty sentence gives. Examples: "trước ngày 30/11", "chậm nhất ngày 15/6/2026",
# "từ ngày 15/11 đến ngày 15/12/2026", "trong Quý III", "quý 3/2026", "trong tháng 11/2026".
_DAY = r"(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?"
DEADLINE = re.compile(r"(?:trước|chậm nhất|hạn chót|hoàn thành trước)\s+(?:ngày\s+)?" + _DAY, re.IGNORECASE)
SPAN = re.compile(r"(?:từ\s+)?(?:ngày\s+)?" + _DAY + r"\s*(?:đến|-|–)\s*(?:ngày\s+)?" + _DAY, re.IGNORECASE)
QUARTER = re.compile(r"(?:trong\s+)?quý\s+(IV|I{1,3}|[1-4])\b(?:\s*(?:/|năm)\s*(\d{4}))?", re.IGNORECASE)
MONTH = re.compile(r"(?:trong\s+)?tháng\s+(\d{1,2})(?!\d)(?:\s*(?:/|năm)\s*(\d{4}))?", re.IGNORECASE)
_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# clauses of a duty: "...; ..." or sentences
_CLAUSE = re.compile(r";|\.\s+(?=[A-ZĐÀ-Ỹ])")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Link:
    """One agency proposed for one task, with why."""

    key: str  # stable within one document: "<task index>-<assignment index>"
    task_ref: str
    agency: str
    role: str  # "lead" | "partner"
    says: str  # what the duty says: "chu_tri" (chủ trì), "does" (does it), "phoi_hop" (phối hợp)
    duty: str  # the clause of the duty, as written
    shared: tuple[str, ...]  # the words task and duty share, as the duty writes them
    score: float
    timeframe: dict[str, Any] | None = None  # a date or period the duty gives
    proposed: bool = field(default=False)  # ticked in advance on the review page

    @property
    def strong(self) -> bool:
        return self.score >= STRONG_SCORE


def _parts(text: str) -> list[list[tuple[str, str]]]:
    """The text cut at punctuation, each piece as (folded, as written) words."""
    return [
        [(fold(m.group(0)), m.group(0)) for m in _WORD.finditer(part)]
        for part in re.split(r"[,;:.()“”\"!?\n]", text)
    ]


def _pairs(words: list[tuple[str, str]]) -> list[str | None]:
    """For each word and the next, their pair (folded) when it says what the text is
    about; None when either is a common word or part of a common pair ("tăng cường công
    tác quản lý" gives "quan ly" only: "cuong cong" and "tac quan" straddle common pairs)."""
    folded = [w for w, _ in words]
    common = [w in STOP_SYLLABLES or w.isdigit() for w in folded]
    for i in range(len(folded) - 1):
        if f"{folded[i]} {folded[i + 1]}" in STOP_PAIRS:
            common[i] = common[i + 1] = True
    return [
        None if common[i] or common[i + 1] else f"{folded[i]} {folded[i + 1]}" for i in range(len(folded) - 1)
    ]


def _terms(text: str) -> set[str]:
    return {pair for words in _parts(text) for pair in _pairs(words) if pair}


def _phrases(text: str, shared: set[str]) -> list[str]:
    """The runs of shared pairs as the text writes them: "quản lý nhà nước", "bạo lực gia đình"."""
    phrases: list[str] = []
    for words in _parts(text):
        run: list[str] = []
        for i, pair in enumerate([*_pairs(words), None]):
            if pair in shared:
                run = run or [words[i][1]]
                run.append(words[i + 1][1])
            elif run:
                phrases.append(" ".join(run).lower())
                run = []
    unique = list(dict.fromkeys(phrases))
    # "bạo lực" says nothing more once "bạo lực gia đình" is there
    return [p for p in unique if not any(p != q and f" {p} " in f" {q} " for q in unique)]


def _clauses(duty: str) -> list[str]:
    return [c.strip(" .,-+") for c in _CLAUSE.split(duty) if len(c.strip(" .,-+")) > 3]


def duty_says(clause: str) -> str:
    """ "chu_tri" when the clause says it leads, "phoi_hop" when it says it takes part,
    else "does" (it names work the agency does)."""
    folded = fold(clause)
    lead, partner = LEAD_WORDS.search(folded), PARTNER_WORDS.search(folded)
    if lead and (partner is None or lead.start() < partner.start()):
        return "chu_tri"
    if partner and len(folded[: partner.start()].split()) <= PARTNER_WITHIN:
        return "phoi_hop"
    return "does"


def _year_of(day_year: str | None, plan_year: int | None) -> int | None:
    return int(day_year) if day_year else plan_year


def duty_timeframe(clause: str, plan_year: int | None) -> dict[str, Any] | None:
    """The date or period a duty sentence gives, as a schema timeframe, or None."""
    if m := SPAN.search(clause):
        end_year = _year_of(m[6], plan_year)
        start_year = _year_of(m[3], end_year)
        start, end = iso(start_year, int(m[2]), int(m[1])), iso(end_year, int(m[5]), int(m[4]))
        if start and end and len(start) == len(end) == 10 and start <= end:
            return {"text": m.group(0).strip(), "start": start, "end": end, "recurrence": "once"}
    if m := DEADLINE.search(clause):
        end = iso(_year_of(m[3], plan_year), int(m[2]), int(m[1]))
        if end and len(end) == 10:
            return {"text": m.group(0).strip(), "start": None, "end": end, "recurrence": "once"}
    if (m := QUARTER.search(clause)) and (year := _year_of(m[2], plan_year)):
        quarter = _QUARTERS[m[1].upper()]
        return {
            "text": m.group(0).strip(),
            "start": iso(year, 3 * quarter - 2),
            "end": iso(year, 3 * quarter),
            "recurrence": "once",
        }
    if (m := MONTH.search(clause)) and (year := _year_of(m[2], plan_year)) and 1 <= int(m[1]) <= 12:
        month = iso(year, int(m[1]))
        return {"text": m.group(0).strip(), "start": month, "end": month, "recurrence": "once"}
    return None


def _task_text(task: dict[str, Any]) -> str:
    return "\n".join([task.get("title") or "", *(task.get("activities") or [])])


def _plan_year(content: dict[str, Any]) -> int | None:
    year = (content.get("document") or {}).get("year")
    return year if isinstance(year, int) and 1900 <= year <= 2100 else None


def _duty_clauses(assignments: list[dict[str, Any]]) -> list[tuple[int, str, str]]:
    """(assignment index, clause, what it says) for every clause of every duty. A clause
    that says neither continues the one before: "chủ trì A; B; phối hợp C" leads B too."""
    found = []
    for index, assignment in enumerate(assignments):
        if not assignment.get("agency"):
            continue
        for duty in assignment.get("duties") or []:
            previous = "does"
            for clause in _clauses(duty):
                says = duty_says(clause)
                if says == "does" and previous == "chu_tri":
                    says = "chu_tri"
                found.append((index, clause, says))
                previous = says
    return found


def link_duties(content: dict[str, Any]) -> list[Link]:
    """For each task without a lead: the agencies whose duties share enough words with it.

    Per task, the agency whose duty says "chủ trì" with the most shared words is the lead
    (else the one that leads or does the work with the most, a "chủ trì" counting half
    again); agencies that take part ("phối hợp")
    or do a part of it are partners; another agency that says "chủ trì" is shown as a
    lead but not ticked. Weak overlaps (below MIN_SCORE, or a single shared pair) are not
    proposed."""
    tasks = content.get("tasks") or []
    assignments = content.get("assignments") or []
    year = _plan_year(content)
    task_terms = [_terms(_task_text(t)) for t in tasks]
    # how many tasks speak of a pair: what every task says tells nothing about one of them
    frequency: dict[str, int] = {}
    for terms in task_terms:
        for term in terms:
            frequency[term] = frequency.get(term, 0) + 1
    total = max(len(tasks), 1)

    def weight(term: str) -> float:
        return 1.0 + math.log(total / frequency[term])

    clauses = [(index, clause, says, _terms(clause)) for index, clause, says in _duty_clauses(assignments)]
    links: list[Link] = []
    for t_index, task in enumerate(tasks):
        if task.get("lead"):
            continue
        # per agency, its clause that shares the most with the task
        best: dict[int, tuple[float, str, str, set[str]]] = {}
        for a_index, clause, says, terms in clauses:
            shared = terms & task_terms[t_index]
            score = sum(weight(term) for term in shared)
            if len(shared) >= MIN_SHARED and score >= MIN_SCORE and score > best.get(a_index, (0.0,))[0]:
                best[a_index] = (score, clause, says, shared)
        # an agency that says "chủ trì" with enough shared words leads; else the best of
        # those that lead or do the work
        leading = [
            (score, a_index)
            for a_index, (score, _clause, says, _shared) in best.items()
            if says == "chu_tri" and score >= STRONG_SCORE
        ] or [
            (score * (LEAD_BONUS if says == "chu_tri" else 1.0), a_index)
            for a_index, (score, _clause, says, _shared) in best.items()
            if says != "phoi_hop"
        ]
        lead = max(leading)[1] if leading else None
        for a_index, (score, clause, says, shared) in sorted(best.items(), key=lambda item: -item[1][0]):
            role = "lead" if a_index == lead or says == "chu_tri" else "partner"
            links.append(
                Link(
                    key=f"{t_index}-{a_index}",
                    task_ref=str(task.get("ref") or t_index + 1),
                    agency=assignments[a_index]["agency"],
                    role=role,
                    says=says,
                    duty=clause,
                    shared=tuple(_phrases(clause, shared)),
                    score=round(score, 2),
                    timeframe=duty_timeframe(clause, year),
                    proposed=score >= STRONG_SCORE and (a_index == lead or role == "partner"),
                )
            )
    return links


def _has_dates(timeframe: Any) -> bool:
    return isinstance(timeframe, dict) and bool(timeframe.get("start") or timeframe.get("end"))


def apply_links(
    content: dict[str, Any], accepted: Iterable[Link]
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The document with the accepted links written into its tasks, and per task ref where
    its lead and timeframe came from: {"lead": "task" | "duty" | "", "timeframe": "task" |
    "duty" | "year" | "", "duty": <agency of the lead>, "timeframe_duty": <agency>}.

    A task that names its own lead keeps it (links for it are ignored); a timeframe with
    dates comes from the task, else from the accepted lead's duty (then a partner's),
    else the plan's year (1/1–31/12); a timeframe written without dates ("Thường xuyên")
    keeps its words and takes the dates."""
    result = copy.deepcopy(content)
    by_ref: dict[str, list[Link]] = {}
    for link in accepted:
        by_ref.setdefault(link.task_ref, []).append(link)
    year = _plan_year(result)
    sources: dict[str, dict[str, Any]] = {}
    for index, task in enumerate(result.get("tasks") or []):
        ref = str(task.get("ref") or index + 1)
        source: dict[str, Any] = {"lead": "task" if task.get("lead") else "", "timeframe": ""}
        links = [] if task.get("lead") else by_ref.get(ref, [])
        leads = [link for link in links if link.role == "lead"]
        leads.sort(key=lambda link: (link.says != "chu_tri", -link.score))
        partners = [link for link in links if link.role == "partner"]
        if leads:
            task["lead"] = list(dict.fromkeys(link.agency for link in leads))
            source.update(lead="duty", duty=leads[0].agency)
        if partners:
            known = set(task.get("lead") or []) | set(task.get("partners") or [])
            task["partners"] = list(task.get("partners") or []) + list(
                dict.fromkeys(link.agency for link in partners if link.agency not in known)
            )
        timeframe = task.get("timeframe")
        if _has_dates(timeframe):
            source["timeframe"] = "task"
        else:
            dated = next((link for link in [*leads, *partners] if _has_dates(link.timeframe)), None)
            if dated is not None and dated.timeframe is not None:
                frame = dict(dated.timeframe)
                source.update(timeframe="duty", timeframe_duty=dated.agency)
            elif year is not None:
                frame = {"text": "", "start": f"{year}-01-01", "end": f"{year}-12-31", "recurrence": None}
                source["timeframe"] = "year"
            else:
                frame = None
            if frame is not None:
                if isinstance(timeframe, dict) and timeframe.get("text"):
                    # the task's own words ("Thường xuyên") stay; only the dates are added
                    frame["text"] = timeframe["text"]
                    frame["recurrence"] = timeframe.get("recurrence") or frame["recurrence"]
                task["timeframe"] = frame
        sources[ref] = source
    return result, sources
