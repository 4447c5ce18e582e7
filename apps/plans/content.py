"""The plan document (shared/spec/plan.schema.json) as plain data: a blank template in
the state format, a copy moved to another year, the check every save runs, and small
helpers."""

from __future__ import annotations

import copy
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.geo.models import AdministrativeUnit, Level
from apps.plans.export import plan_errors

_YEAR = re.compile(r"\b(20\d{2})\b")
_DATE = re.compile(r"^(\d{4})(-\d{2}(?:-\d{2})?)?$")
TITLE_LENGTH = 500


def division_word(unit: AdministrativeUnit) -> str:
    """How documents name the level: "thành phố trung ương" is written "thành phố"."""
    return "thành phố" if unit.division_type.startswith("thành phố") else unit.division_type


def issuer_name(unit: AdministrativeUnit) -> str:
    return f"Ủy ban nhân dân {division_word(unit)} {unit.short_name}"


def issuer_level(unit: AdministrativeUnit) -> str:
    if unit.level == Level.PROVINCE:
        return "province"
    return {"phường": "ward", "đặc khu": "special_zone"}.get(unit.division_type, "commune")


def blank(unit: AdministrativeUnit, year: int, title: str) -> dict[str, Any]:
    """An empty plan with the sections every plan has, ready to be filled in."""
    province = unit.province
    return {
        "schema_version": "1.0",
        "document": {
            "kind": "KH",
            "number": None,
            "issuer": {
                "name": issuer_name(unit),
                "level": issuer_level(unit),
                "locality": unit.short_name,
                "parent": None
                if unit.level == Level.PROVINCE
                else f"{division_word(province)} {province.short_name}",
            },
            "place": unit.short_name,
            "date": None,
            "title": title,
            "year": year,
        },
        "references": [],
        "objectives": {"purposes": [], "requirements": []},
        "tasks": [],
        "targets": [],
        "assignments": [],
        "events": [],
        "funding": [],
        "reporting": [],
        "signer": {"authority": ["TM. ỦY BAN NHÂN DÂN"], "position": "CHỦ TỊCH", "name": None},
        "recipients": [],
        # an authored plan lives as data and goes out as DOCX
        "source": {"format": "docx", "warnings": []},
    }


def _shift_date(value: Any, years: int) -> Any:
    """ "2026-06-28" -> "2027-06-28"; a 29 February becomes the 28th in a common year."""
    import calendar

    if not isinstance(value, str):
        return value
    match = _DATE.match(value)
    if not match:
        return value
    year = int(match.group(1)) + years
    rest = match.group(2) or ""
    if rest == "-02-29" and not calendar.isleap(year):
        rest = "-02-28"
    return f"{year}{rest}"


def _shift_text(text: Any, years: int, old_year: int) -> Any:
    if not isinstance(text, str):
        return text
    return _YEAR.sub(
        lambda m: str(int(m.group(1)) + years) if int(m.group(1)) >= old_year else m.group(1), text
    )


def moved_to_year(content: dict[str, Any], year: int) -> dict[str, Any]:
    """Last year's plan as this year's draft: dates and the plan's own years move, the
    number and signature date are cleared, earlier years (of laws cited) stay."""
    result = copy.deepcopy(content)
    document = result.setdefault("document", {})
    old_year = int(document.get("year") or year - 1)
    years = year - old_year
    document.update({"year": year, "number": None, "date": None})
    document["title"] = _shift_text(document.get("title"), years, old_year)
    for task in result.get("tasks") or []:
        task["title"] = _shift_text(task.get("title"), years, old_year)
        task["activities"] = [_shift_text(a, years, old_year) for a in task.get("activities") or []]
        timeframe = task.get("timeframe")
        if isinstance(timeframe, dict):
            timeframe["text"] = _shift_text(timeframe.get("text"), years, old_year)
            timeframe["start"] = _shift_date(timeframe.get("start"), years)
            timeframe["end"] = _shift_date(timeframe.get("end"), years)
    for event in result.get("events") or []:
        event["start"] = _shift_date(event.get("start"), years)
        event["end"] = _shift_date(event.get("end"), years)
    for report in result.get("reporting") or []:
        report["due"] = _shift_date(report.get("due"), years)
        report["text"] = _shift_text(report.get("text"), years, old_year)
    for target in result.get("targets") or []:
        target["text"] = _shift_text(target.get("text"), years, old_year)
    result["source"] = {"format": "docx", "warnings": []}
    return result


def parse_date(value: Any) -> Any:
    """A full YYYY-MM-DD of the document as a date, else None."""
    import datetime as dt

    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def check_content(content: Any) -> dict[str, Any]:
    """The document, or a ValidationError listing (in Vietnamese) what breaks the schema."""
    problems = plan_errors(content)
    if problems:
        raise ValidationError(
            [_("The plan is not complete: %(problem)s") % {"problem": p} for p in problems[:10]]
        )
    title = (content["document"].get("title") or "").strip()
    if not title:
        raise ValidationError(_("The plan needs a title."))
    if len(title) > TITLE_LENGTH:
        raise ValidationError(_("The title is too long: at most 500 characters."))
    return dict(content)
