from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html

from apps.plans.editor import shown_date

register = template.Library()


@register.filter
def schema_date(value: Any) -> str:
    """ "2026-06-28" -> "28/06/2026" ("2026-06" -> "06/2026")."""
    return shown_date(value)


@register.filter
def schema_date_words(value: Any) -> str:
    """The date line of the state format: "ngày 05 tháng 3 năm 2026"."""
    if not isinstance(value, str) or len(value) != 10:
        return shown_date(value)
    year, month, day = value.split("-")
    # the state format writes months below 3 with a leading zero (Nghị định 30/2020)
    month_text = month if int(month) < 3 else str(int(month))
    return f"ngày {day} tháng {month_text} năm {year}"


@register.simple_tag
def agency_label(written: str, agency_names: dict[str, str | None]) -> str:
    """The name as written; when it was matched to one of the unit's agencies under
    another name, that name follows."""
    matched = agency_names.get(written) if isinstance(agency_names, dict) else None
    if matched and matched != written:
        return format_html('{} <span class="small text-success-emphasis">→ {}</span>', written, matched)
    return format_html("{}", written)


@register.filter
def task_source(task_sources: Any, task: Any) -> dict[str, Any] | None:
    """Where the task got its lead and timeframe (Plan.task_sources, by its ref), while it
    still says so: once its lead was changed by hand, the record no longer applies."""
    if not isinstance(task_sources, dict) or not isinstance(task, dict):
        return None
    source = task_sources.get(str(task.get("ref")))
    if not isinstance(source, dict):
        return None
    lead = task.get("lead") or []
    if source.get("lead") == "duty" and lead[:1] != [source.get("duty")]:
        return None
    if source.get("lead") == "" and lead:
        return None
    return source
