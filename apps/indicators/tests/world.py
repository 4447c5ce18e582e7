"""Reports for tests, made through the services: Hà Tây's 2026S1 report opened (pre-filled
from an activity), and helpers to fill, submit and approve reports of other communes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from apps.activities.services import record_activity
from apps.activities.tests.world import counts
from apps.geo.models import AdministrativeUnit, Level
from apps.indicators import services
from apps.indicators.models import ReportForm, Submission
from apps.indicators.services import Entry

SIX_MONTH = "BD-6T"
ANNUAL = "BD-NAM"
# Hà Tây's 2026S1 figures as the export and report-page tests approve them: 42 people
# reached (30 women, 12 men) and 3 of 4 cases supported
HATAY_2026S1 = {
    ("BD-C02", ""): 42,
    ("BD-C02", "sex:female"): 30,
    ("BD-C02", "sex:male"): 12,
    ("BD-S02", ""): (3, 4),
}


def province_officer(demo: Any) -> Any:
    return demo.user("province")


class ReportWorld:
    def __init__(self, demo: Any) -> None:
        self.demo = demo
        self.form = ReportForm.objects.get(code=SIX_MONTH)
        self.annual = ReportForm.objects.get(code=ANNUAL)
        self.activity = record_activity(
            demo.commune,
            actor=demo.user("focal"),
            organiser=demo.agency,
            kind="communication",
            title="Truyền thông về bình đẳng giới tại Thôn 1",
            date=dt.date(2026, 3, 20),
            counts=counts(12, 30),
        )
        self.submission: Submission = services.open_submission(
            self.form, demo.commune, "2026S1", actor=demo.user("owner")
        )

    def communes(self, count: int) -> list[AdministrativeUnit]:
        """Other communes of Hải Phòng, in code order (Hà Tây excluded)."""
        rows = AdministrativeUnit.objects.filter(
            parent=self.demo.province, level=Level.COMMUNE, is_active=True
        )
        return list(rows.exclude(pk=self.demo.commune.pk).order_by("code")[:count])

    def filled(
        self,
        unit: AdministrativeUnit,
        figures: dict[tuple[str, str], Any],
        period: str = "2026S1",
        form: ReportForm | None = None,
    ) -> Submission:
        """A report of `unit` with these figures ((code, category) → count or (num, den)),
        saved by the system actor's rules (anything pre-filled is cleared first)."""
        from apps.accounts.demo import SYSTEM

        submission = services.open_submission(form or self.form, unit, period, actor=SYSTEM)
        submission.values.all().delete()
        entries = {}
        for key, value in figures.items():
            num, den = value if isinstance(value, tuple) else (value, None)
            entries[key] = Entry(Decimal(num), None if den is None else Decimal(den))
        return services.save_values(submission, entries, actor=SYSTEM)

    def approved(
        self, unit: AdministrativeUnit, figures: dict[tuple[str, str], Any], period: str = "2026S1"
    ) -> Submission:
        from apps.accounts.demo import SYSTEM

        submission = services.submit(self.filled(unit, figures, period), actor=SYSTEM)
        return services.approve(submission, actor=province_officer(self.demo))
