"""Disaggregations as one-dimensional breakdowns of the total (DHIS2's category option
combos, kept flat): each dimension's options add up to the total, except disability,
which is a part of it. A category key is "" for the total or "dimension:option"."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

TOTAL = ""

# the age bands activities record; violence figures use those of TT 07/2017/TT-BVHTTDL
GENERAL_AGES = (("lt16", _("under 16")), ("16-30", _("16–30")), ("31-60", _("31–60")), ("gt60", _("over 60")))
VIOLENCE_AGES = (("lt16", _("under 16")), ("16-59", _("16–59")), ("60plus", _("60 and over")))

SEX = (("male", _("men")), ("female", _("women")))
ETHNICITY = (("minority", _("ethnic minority")), ("kinh", _("Kinh")))
DISABILITY = (("yes", _("with a disability")),)

DIMENSION_LABELS = {
    "sex": _("sex"),
    "age_group": _("age group"),
    "ethnicity": _("ethnicity"),
    "disability": _("disability"),
}
# dimensions whose options add up to the total; the others are parts of it
PARTITIONS = ("sex", "age_group", "ethnicity")
SUPPORTED = ("sex", "age_group", "ethnicity", "disability")


def options(indicator: Any, dimension: str) -> tuple[tuple[str, Any], ...]:
    if dimension == "sex":
        return SEX
    if dimension == "age_group":
        return VIOLENCE_AGES if indicator.group == "V" else GENERAL_AGES
    if dimension == "ethnicity":
        return ETHNICITY
    if dimension == "disability":
        return DISABILITY
    return ()


def dimensions_of(indicator: Any) -> list[str]:
    # village breakdowns stay in the commune's own records (activities by village)
    return [d for d in SUPPORTED if d in (indicator.disaggregations or [])]


def categories_of(indicator: Any) -> list[tuple[str, str]]:
    """(key, label) for the total and every option of the indicator's dimensions."""
    found: list[tuple[str, str]] = [(TOTAL, str(_("total")))]
    for dimension in dimensions_of(indicator):
        for option, label in options(indicator, dimension):
            found.append((f"{dimension}:{option}", str(label)))
    return found


def dimension_of(category: str) -> str:
    return category.split(":", 1)[0] if category else ""
