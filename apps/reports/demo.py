"""Demo consolidated reports for Hải Phòng, after the indicators' demo: Hà Tây's report for
the last closed six months, drafted from its plan, tasks and figures, signed by its
leader and exported once to Word; and the city's report for the same period, drafted from
the communes' reports."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from apps.geo.models import AdministrativeUnit, Level
from apps.indicators.models import ReportForm
from apps.indicators.reporting.periods import Period
from apps.reports import services

PROVINCE = "Thành phố Hải Phòng"
HOME_COMMUNE = "Xã Hà Tây"


def load_reports_demo(sender: Any = None, *, actor: Any = None, users: dict[str, Any], **kwargs: Any) -> None:
    province = AdministrativeUnit.objects.filter(name=PROVINCE, level=Level.PROVINCE).first()
    commune = AdministrativeUnit.objects.filter(name=HOME_COMMUNE, parent=province).first()
    form = ReportForm.objects.filter(code="BD-6T").first()
    officer, leader, city = users.get("congchuc"), users.get("lanhdao"), users.get("sonoivu")
    if (
        province is None
        or commune is None
        or form is None
        or officer is None
        or leader is None
        or city is None
    ):
        return
    period = Period.of(form.period_type, timezone.localdate()).previous().code
    report = services.open_report(commune, form, period, actor=officer)
    report = services.save_report(
        report,
        actor=officer,
        sections={"signer": leader.full_name},
        number="",
        revision=report.revision,
    )
    services.export_report(report, "docx", actor=officer)
    services.open_report(province, form, period, actor=city)
