"""The runtime copy of the campaign calendar matches shared/domain/calendar.yaml."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from apps.activities.calendar_data import DAYS, PERIODS, period_of

SHARED_CALENDAR = Path(__file__).resolve().parents[3].parent / "shared" / "domain" / "calendar.yaml"


def test_days_and_periods_match_the_shared_calendar() -> None:
    shared = yaml.safe_load(SHARED_CALENDAR.read_text(encoding="utf-8"))
    assert [(d["date"], d["name"], d["en"]) for d in shared["days"]] == [
        (d.month_day, d.name, d.en) for d in DAYS
    ]
    assert [(p["start"], p["end"], p["name"], p["en"]) for p in shared["periods"]] == [
        (p.start, p.end, p.name, p.en) for p in PERIODS
    ]


def test_a_day_falls_in_its_campaign_period() -> None:
    assert period_of(dt.date(2026, 11, 15)).code == "action_month"  # type: ignore[union-attr]
    assert period_of(dt.date(2026, 12, 15)).code == "action_month"  # type: ignore[union-attr]
    assert period_of(dt.date(2026, 6, 10)).code == "family_month"  # type: ignore[union-attr]
    assert period_of(dt.date(2026, 12, 16)) is None
