"""Reporting periods coded as DHIS2 codes them: `2026` (year), `2026S1` (six months),
`2026Q3` (quarter), `202611` (month). A code is parsed once into its type, dates and a
Vietnamese label; anything else is refused with a ValueError."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

PERIOD_RE = re.compile(r"^(?P<year>\d{4})(?:(?P<kind>[SQ])(?P<index>\d)|(?P<month>\d{2}))?$")


class PeriodType(models.TextChoices):
    YEARLY = "Y", _("Annual")
    SIX_MONTHLY = "S", _("Six-monthly")
    QUARTERLY = "Q", _("Quarterly")
    MONTHLY = "M", _("Monthly")


MONTHS_IN = {"Y": 12, "S": 6, "Q": 3, "M": 1}
COUNT_IN_YEAR = {"Y": 1, "S": 2, "Q": 4, "M": 12}


@dataclass(frozen=True, order=True)
class Period:
    year: int
    type: str
    index: int  # 1-based position in the year (always 1 for a year)

    @classmethod
    def parse(cls, code: str) -> Period:
        found = PERIOD_RE.match(str(code).strip())
        if not found or not 2000 <= int(found["year"]) <= 2100:
            raise ValueError(
                gettext("“%(code)s” is not a reporting period (e.g. 2026, 2026S1, 2026Q3, 202611).")
                % {"code": code}
            )
        year = int(found["year"])
        if found["month"]:
            kind, index = "M", int(found["month"])
        elif found["kind"]:
            kind, index = found["kind"], int(found["index"])
        else:
            kind, index = "Y", 1
        if not 1 <= index <= COUNT_IN_YEAR[kind]:
            raise ValueError(
                gettext("“%(code)s” is not a reporting period (e.g. 2026, 2026S1, 2026Q3, 202611).")
                % {"code": code}
            )
        return cls(year, kind, index)

    @classmethod
    def of(cls, kind: str, day: dt.date) -> Period:
        """The period of this type that contains the day."""
        return cls(day.year, kind, (day.month - 1) // MONTHS_IN[kind] + 1)

    @classmethod
    def last_ended(cls, kind: str, day: dt.date) -> Period:
        """The latest period of this type that has ended: the one being reported now."""
        return cls.of(kind, day).previous()

    @property
    def code(self) -> str:
        if self.type == "Y":
            return str(self.year)
        if self.type == "M":
            return f"{self.year}{self.index:02d}"
        return f"{self.year}{self.type}{self.index}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, (self.index - 1) * MONTHS_IN[self.type] + 1, 1)

    @property
    def end(self) -> dt.date:
        month = self.index * MONTHS_IN[self.type]
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def previous(self) -> Period:
        if self.index > 1:
            return Period(self.year, self.type, self.index - 1)
        return Period(self.year - 1, self.type, COUNT_IN_YEAR[self.type])

    def next(self) -> Period:
        if self.index < COUNT_IN_YEAR[self.type]:
            return Period(self.year, self.type, self.index + 1)
        return Period(self.year + 1, self.type, 1)

    def same_period_last_year(self) -> Period:
        return Period(self.year - 1, self.type, self.index)

    @property
    def label(self) -> str:
        if self.type == "Y":
            return gettext("Year %(year)s") % {"year": self.year}
        if self.type == "S":
            text = (
                gettext("First half of %(year)s") if self.index == 1 else gettext("Second half of %(year)s")
            )
            return text % {"year": self.year}
        if self.type == "Q":
            return gettext("Quarter %(q)s/%(year)s") % {"q": self.index, "year": self.year}
        return gettext("Month %(m)s/%(year)s") % {"m": self.index, "year": self.year}

    def __str__(self) -> str:
        return self.code


def recent(kind: str, today: dt.date, count: int = 6) -> list[Period]:
    """The period that contains today and the ones before it, newest first."""
    current = Period.of(kind, today)
    found = [current]
    while len(found) < count:
        found.append(found[-1].previous())
    return found
