"""Vietnamese date wording to ISO dates (full, year-month or year)."""

from __future__ import annotations

import datetime as dt
import re

DATE_LINE = re.compile(
    r"^(?P<place>[^,\d]{2,60}?),\s*ngày\s*(?P<d>[\d.…_ ]*?)\s*tháng\s*(?P<m>[\d.…_ ]*?)\s*năm\s*(?P<y>[\d.…_ ]*)\s*\.?$",
    re.IGNORECASE,
)
WORDY_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
NUMERIC_DATE = re.compile(r"(?<![\d/])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?![\d/])")
# "15/6" with no year: a deadline or a day of the plan's year ("trước ngày 15/6")
DAY_MONTH = re.compile(r"(?<![\d/.-])(\d{1,2})\s*/\s*(\d{1,2})(?!\s*[/.-]?\s*\d)(?![\d/])")


def dates_in(text: str, year: int | None) -> list[str]:
    """Full dates ("15/12/2025") and days without a year ("15/11"), in order; a day without
    a year takes the year of the next full date in the text, else `year`."""
    found: list[tuple[int, str | None]] = [
        (m.start(), iso(int(m[3]), int(m[2]), int(m[1]))) for m in NUMERIC_DATE.finditer(text)
    ]
    full = sorted(found)
    for m in DAY_MONTH.finditer(text):
        if any(start <= m.start() < start + 10 for start, _ in full):
            continue
        later = [value for start, value in full if start > m.start() and value]
        day_year = int(later[0][:4]) if later else year
        found.append((m.start(), iso(day_year, int(m[2]), int(m[1]))))
    return [value for _, value in sorted(found) if value]


def iso(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    if year is None or not 1900 <= year <= 2100:
        return None
    if month is None or not 1 <= month <= 12:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return f"{year:04d}-{month:02d}"


# "05." -> "05": what is not a digit
NOT_A_DIGIT = re.compile(r"\D")


def _int(text: str) -> int | None:
    digits = NOT_A_DIGIT.sub("", text)
    return int(digits) if digits else None


def parse_date_line(line: str) -> tuple[str | None, str | None] | None:
    """'Hà Tây, ngày 29 tháng 5 năm 2026' -> ('Hà Tây', '2026-05-29'); blanks give partial dates."""
    match = DATE_LINE.match(line.strip())
    if not match:
        return None
    year, month, day = _int(match["y"]), _int(match["m"]), _int(match["d"])
    date = iso(year, month, day) if month else iso(year)
    place = match["place"].strip(" .")
    return (place or None), date


def first_date(text: str) -> str | None:
    """The first full date written in words or digits."""
    candidates: list[tuple[int, str | None]] = []
    m = WORDY_DATE.search(text)
    if m:
        candidates.append((m.start(), iso(int(m[3]), int(m[2]), int(m[1]))))
    m = NUMERIC_DATE.search(text)
    if m:
        candidates.append((m.start(), iso(int(m[3]), int(m[2]), int(m[1]))))
    return min(candidates)[1] if candidates else None


def all_dates(text: str) -> list[str]:
    found: list[tuple[int, str]] = []
    for m in WORDY_DATE.finditer(text):
        value = iso(int(m[3]), int(m[2]), int(m[1]))
        if value:
            found.append((m.start(), value))
    for m in NUMERIC_DATE.finditer(text):
        value = iso(int(m[3]), int(m[2]), int(m[1]))
        if value:
            found.append((m.start(), value))
    return [v for _, v in sorted(found)]
