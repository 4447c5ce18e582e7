"""Recompute every province aggregate from the approved communes' raw values and print
each difference from the stored table; exit 1 when there is one (for cron and CI)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from apps.geo.models import AdministrativeUnit
from apps.indicators.models import Indicator, ReportForm
from apps.indicators.reporting import aggregation


class Command(BaseCommand):
    help = "Kiểm tra số liệu tổng hợp của tỉnh với số liệu gốc đã duyệt của các xã"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--province", metavar="CODE", help="chỉ một tỉnh (mã đơn vị)")
        parser.add_argument("--repair", action="store_true", help="ghi lại bảng tổng hợp từ số liệu gốc")

    def handle(self, *args: Any, **options: Any) -> None:
        province_id = None
        if options["province"]:
            province = AdministrativeUnit.objects.filter(
                code=options["province"], parent__isnull=True
            ).first()
            if province is None:
                raise CommandError(f"Không có tỉnh mã {options['province']}.")
            province_id = province.pk
        found = aggregation.differences(province_id)
        if not found:
            self.stdout.write("Số liệu tổng hợp khớp với số liệu gốc.")
            return
        forms = dict(ReportForm.objects.values_list("pk", "code"))
        codes = dict(Indicator.objects.values_list("pk", "code"))
        names = dict(AdministrativeUnit.objects.filter(parent__isnull=True).values_list("pk", "name"))
        for diff in found:
            form_id, province_id, period, indicator_id, category = diff.key
            self.stdout.write(
                f"{names.get(province_id, province_id)} {forms.get(form_id, form_id)} {period} {codes.get(indicator_id, indicator_id)}"
                f" {category or 'tổng'}: đúng {_show(diff.expected)}, đang lưu {_show(diff.found)}"
            )
        if options["repair"]:
            count = aggregation.rebuild(province_id)
            self.stdout.write(f"Đã ghi lại {count} dòng tổng hợp.")
            return
        raise CommandError(f"{len(found)} chỗ khác nhau.", returncode=1)


def _show(sums: tuple[Any, ...] | None) -> str:
    if sums is None:
        return "(không có)"
    text = f"tử {_number(sums[0])}, mẫu {_number(sums[1])}, {sums[2]} xã"
    if any(sums[3:5]):
        text += f" (ẩn {sums[3]} số <5, {sums[4]} số x, cộng {_number(sums[5])})"
    return text


def _number(value: Any) -> str:
    # the same figure reads the same whether summed by the database or stored (4 and 4.00)
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
