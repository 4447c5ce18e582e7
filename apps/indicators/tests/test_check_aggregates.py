"""`check_aggregates` (and `binhdang check-aggregates`): silent agreement exits 0; a
stored aggregate that differs from the approved raw values (changed, missing or left
over) is printed and exits 1; `--repair` rewrites the table from the raw values;
`--province` limits the check to one province."""

from __future__ import annotations

import re
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F

from apps.accounts.demo import SYSTEM
from apps.geo.models import AdministrativeUnit, Level
from apps.indicators import services
from apps.indicators.models import AggregateValue, Indicator
from apps.indicators.reporting import aggregation
from apps.indicators.tests.world import ReportWorld
from binhdang import cli


@pytest.fixture
def world(demo: Any) -> ReportWorld:
    world = ReportWorld(demo)
    first, second = world.communes(2)
    world.approved(first, {("BD-C02", ""): 100, ("BD-C02", "sex:female"): 60, ("BD-M01", ""): (3, 4)})
    world.approved(second, {("BD-C02", ""): 50, ("BD-C02", "sex:female"): 20, ("BD-M01", ""): (1, 6)})
    return world


def row(world: ReportWorld, code: str, category: str = "") -> AggregateValue:
    return AggregateValue.objects.get(
        form=world.form,
        province=world.demo.province,
        period="2026S1",
        indicator__code=code,
        category=category,
    )


def check(*args: str) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("check_aggregates", *args, stdout=out)
    except CommandError as exc:
        return exc.returncode, out.getvalue() + str(exc)
    return 0, out.getvalue()


def test_agreeing_aggregates_exit_0(world: ReportWorld) -> None:
    assert row(world, "BD-C02").numerator == 150 and row(world, "BD-C02").contributors == 2
    assert row(world, "BD-M01").numerator == 4 and row(world, "BD-M01").denominator == 10
    code, out = check()
    assert code == 0 and "khớp" in out


def test_a_changed_aggregate_is_printed_and_exits_1(world: ReportWorld) -> None:
    AggregateValue.objects.filter(pk=row(world, "BD-M01").pk).update(denominator=F("denominator") + 5)
    code, out = check()
    assert code == 1
    line = next(text for text in out.splitlines() if "BD-M01" in text)
    assert "Thành phố Hải Phòng" in line and "BD-6T" in line and "2026S1" in line and "tổng" in line
    assert re.search(
        r"đúng tử 4(\.00)?, mẫu 10(\.00)?, 2 xã, đang lưu tử 4(\.00)?, mẫu 15(\.00)?, 2 xã", line
    )
    assert "1 chỗ khác nhau" in out


def test_a_missing_and_a_left_over_row_are_differences(world: ReportWorld) -> None:
    row(world, "BD-C02", "sex:female").delete()
    AggregateValue.objects.create(
        form=world.form,
        province=world.demo.province,
        period="2026S1",
        indicator=Indicator.objects.get(code="BD-T01"),
        category="",
        numerator=Decimal(7),
        contributors=1,
    )
    code, out = check()
    assert code == 1 and "2 chỗ khác nhau" in out
    assert any("BD-C02" in line and "đang lưu (không có)" in line for line in out.splitlines())
    assert any("BD-T01" in line and "đúng (không có)" in line for line in out.splitlines())


def test_a_row_every_commune_has_left_is_no_difference(world: ReportWorld) -> None:
    # reopening both reports leaves zero rows behind: the same as no row
    for submission in world.form.submissions.filter(status="approved"):
        services.reopen(submission, "Sửa", actor=world.demo.user("province"))
    assert AggregateValue.objects.filter(contributors=0).exists()
    assert check()[0] == 0


def test_repair_rewrites_the_table_from_the_raw_values(world: ReportWorld) -> None:
    AggregateValue.objects.filter(pk=row(world, "BD-C02").pk).update(numerator=999, contributors=7)
    code, out = check("--repair")
    assert code == 0
    assert re.search(r"đang lưu tử 999(\.00)?, mẫu 0(\.00)?, 7 xã", out) and "Đã ghi lại" in out
    assert (row(world, "BD-C02").numerator, row(world, "BD-C02").contributors) == (150, 2)
    assert aggregation.differences() == []
    assert check() == (0, "Số liệu tổng hợp khớp với số liệu gốc.\n")


def _another_province_with_a_difference() -> AdministrativeUnit:
    province = AdministrativeUnit.objects.get(name="Thành phố Hà Nội", level=Level.PROVINCE)
    commune = AdministrativeUnit.objects.filter(parent=province, level=Level.COMMUNE).order_by("code").first()
    assert commune is not None
    from apps.indicators.models import ReportForm

    submission = services.open_submission(
        ReportForm.objects.get(code="BD-6T"), commune, "2026S1", actor=SYSTEM
    )
    submission.values.all().delete()
    submission = services.save_values(submission, {("BD-C01", ""): services.Entry(Decimal(3))}, actor=SYSTEM)
    services.approve(services.submit(submission, actor=SYSTEM), actor=SYSTEM)
    AggregateValue.objects.filter(province=province).update(numerator=4)
    return province


def test_one_province_is_checked_alone(world: ReportWorld) -> None:
    other = _another_province_with_a_difference()
    assert check()[0] == 1
    assert check("--province", world.demo.province.code)[0] == 0
    code, out = check("--province", other.code)
    assert code == 1 and "Thành phố Hà Nội" in out and "Hải Phòng" not in out
    # a repair of one province leaves the others as they are
    AggregateValue.objects.filter(pk=row(world, "BD-C02").pk).update(numerator=1)
    check("--province", other.code, "--repair")
    assert check("--province", other.code)[0] == 0
    assert check("--province", world.demo.province.code)[0] == 1


def test_an_unknown_province_is_refused(world: ReportWorld) -> None:
    code, out = check("--province", "99999")
    assert code == 1 and "Không có tỉnh mã 99999" in out
    # a commune's code is not a province's
    assert "Không có tỉnh" in check("--province", world.demo.commune.code)[1]


def test_the_console_command(world: ReportWorld, capsys: Any) -> None:
    assert cli.main(["check-aggregates"]) == 0
    assert "khớp" in capsys.readouterr().out
    AggregateValue.objects.filter(pk=row(world, "BD-C02").pk).update(numerator=F("numerator") + 1)
    assert cli.main(["check-aggregates"]) == 1
    captured = capsys.readouterr()
    assert re.search(r"BD-C02 tổng: đúng tử 150(\.00)?, .* đang lưu tử 151(\.00)?", captured.out)
    assert "1 chỗ khác nhau" in captured.err
    assert cli.main(["check-aggregates", "--repair"]) == 0
    assert cli.main(["check-aggregates"]) == 0
