"""The yearly campaign days and periods that commune plans schedule work around, copied
from shared/domain/calendar.yaml (a test keeps them in step) so that a checkout without
shared/ still has them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class CampaignDay:
    month_day: str  # "MM-DD"
    name: str
    en: str

    def on(self, year: int) -> dt.date:
        return dt.date(year, int(self.month_day[:2]), int(self.month_day[3:]))


@dataclass(frozen=True)
class CampaignPeriod:
    code: str
    start: str  # "MM-DD"
    end: str
    name: str
    en: str

    def dates(self, year: int) -> tuple[dt.date, dt.date]:
        start = dt.date(year, int(self.start[:2]), int(self.start[3:]))
        end = dt.date(year, int(self.end[:2]), int(self.end[3:]))
        return start, end

    def contains(self, day: dt.date) -> bool:
        start, end = self.dates(day.year)
        return start <= day <= end


DAYS: tuple[CampaignDay, ...] = (
    CampaignDay("03-08", "Ngày Quốc tế Phụ nữ", "International Women's Day"),
    CampaignDay("06-28", "Ngày Gia đình Việt Nam", "Vietnamese Family Day"),
    CampaignDay("10-11", "Ngày Quốc tế Trẻ em gái", "International Day of the Girl Child"),
    CampaignDay("10-20", "Ngày Phụ nữ Việt Nam", "Vietnamese Women's Day"),
    CampaignDay(
        "11-25",
        "Ngày Quốc tế xóa bỏ bạo lực đối với phụ nữ",
        "International Day for the Elimination of Violence against Women",
    ),
)
PERIODS: tuple[CampaignPeriod, ...] = (
    CampaignPeriod(
        "family_month",
        "06-01",
        "06-30",
        "Tháng hành động quốc gia về phòng, chống bạo lực gia đình",
        "National action month on domestic-violence prevention",
    ),
    CampaignPeriod(
        "action_month",
        "11-15",
        "12-15",
        "Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới",
        "Action Month for gender equality and GBV prevention and response",
    ),
)
PERIOD_CHOICES = [(p.code, p.name) for p in PERIODS]


def period_of(day: dt.date) -> CampaignPeriod | None:
    """The campaign period a day falls in, if any."""
    return next((p for p in PERIODS if p.contains(day)), None)
