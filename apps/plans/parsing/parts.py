"""Documents in more than one part: a decision (Quyết định) that issues a plan, with the
plan attached after the decision's articles and signature."""

from __future__ import annotations

import re

from core.text import fold

from .dates import parse_date_line
from .header import KIND_WORDS, MOTTO, NUMBER_LINE
from .lines import SEPARATOR, Para

_PLAN_KIND = fold("KẾ HOẠCH")
_DECISION_KIND = fold("QUYẾT ĐỊNH")
# "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch ..."
ARTICLE = re.compile(r"^Điều\s+\d+\s*[.:]")
# a signature authority line ("TM. ỦY BAN NHÂN DÂN"): the decision's block ends above the plan
_AUTHORITY = re.compile(r"^(?:TM|KT|TL|TUQ|Q)\.\s")
_KINDS = {fold(word) for word in KIND_WORDS}


def _kind_line(text: str) -> str | None:
    text = text.strip().rstrip(":")
    return fold(text) if text == text.upper() and fold(text) in _KINDS else None


# "CHỦ TỊCH", "PHÓ CHỦ TỊCH": a position line of the decision's signature
SIGNER_POSITION = re.compile(r"(?:PHÓ\s+)?CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG BAN")


def attached_plan(lines: list[Para]) -> tuple[list[Para], list[Para]] | None:
    """(decision lines, plan lines) when a decision issues a plan attached to it."""
    kinds = [(i, _kind_line(p.text)) for i, p in enumerate(lines)]
    kinds = [(i, k) for i, k in kinds if k]
    if not kinds or kinds[0][1] != _DECISION_KIND:
        return None
    first_article = next((i for i, p in enumerate(lines) if ARTICLE.match(p.text)), None)
    if first_article is None:
        return None
    plan_kind = next((i for i, k in kinds if k == _PLAN_KIND and i > first_article), None)
    if plan_kind is None:
        return None
    start = plan_kind
    # the plan's own header (issuer, motto, number, place and date) above its kind line
    while start > first_article + 1 and plan_kind - start < 8:
        text = lines[start - 1].text.strip()
        header_like = (
            MOTTO.match(text)
            or NUMBER_LINE.match(text)
            or parse_date_line(text)
            or SEPARATOR.fullmatch(text)
            or (text == text.upper() and len(text) < 80 and not _AUTHORITY.match(text))
        )
        if not header_like:
            break
        start -= 1
    # a position line of the decision's signature ("CHỦ TỊCH") is not the plan's issuer
    while start < plan_kind and SIGNER_POSITION.fullmatch(lines[start].text.strip()):
        start += 1
    return lines[:start], lines[start:]
