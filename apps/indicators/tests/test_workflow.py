"""A commune's report from opening to approval, and the province's totals that follow."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.access.models import AuditLog
from apps.indicators import services
from apps.indicators.models import AggregateValue, Indicator, Status
from apps.indicators.reporting import aggregation
from apps.indicators.services import Entry
from apps.indicators.tests.world import ReportWorld


@pytest.fixture
def world(demo: Any) -> ReportWorld:
    return ReportWorld(demo)


def total(world: ReportWorld, code: str, category: str = "") -> AggregateValue | None:
    return AggregateValue.objects.filter(
        form=world.form,
        province=world.demo.province,
        period="2026S1",
        indicator__code=code,
        category=category,
    ).first()


def test_a_new_report_is_prefilled_from_the_communes_activities(world: ReportWorld) -> None:
    values = {(v.indicator.code, v.category): v for v in world.submission.values.select_related("indicator")}
    assert values[("BD-C01", "")].numerator == 1
    assert values[("BD-C02", "")].numerator == 42
    assert values[("BD-C02", "sex:female")].numerator == 30
    assert values[("BD-C02", "sex:male")].numerator == 12
    assert "1" in values[("BD-C02", "")].prefill_note
    assert world.submission.status == Status.DRAFT


def test_changing_a_prefilled_figure_needs_a_reason_before_submitting(world: ReportWorld) -> None:
    owner = world.demo.user("owner")
    services.save_values(world.submission, {("BD-C01", ""): Entry(Decimal(3))}, actor=owner)
    with pytest.raises(services.ReportInvalid) as caught:
        services.submit(world.submission, actor=owner)
    assert any(f.code == "BD-C01" and f.blocking for f in caught.value.findings)
    services.save_values(
        world.submission, {("BD-C01", ""): Entry(Decimal(3), reason="2 buổi chưa ghi")}, actor=owner
    )
    assert services.submit(world.submission, actor=owner).status == Status.SUBMITTED


def test_submit_return_fix_resubmit_approve_moves_the_province_totals(world: ReportWorld) -> None:
    owner, province = world.demo.user("owner"), world.demo.user("province")
    submission = services.submit(world.submission, actor=owner)
    assert submission.completed_at is not None
    assert total(world, "BD-C02") is None  # not approved yet: not in the totals

    submission = services.return_submission(submission, "Thiếu số liệu tập huấn", actor=province)
    assert submission.status == Status.RETURNED and submission.completed_at is None
    assert submission.history.first().comment == "Thiếu số liệu tập huấn"

    services.save_values(submission, {("BD-T01", ""): Entry(Decimal(2), reason="Lớp chưa ghi")}, actor=owner)
    submission = services.submit(submission, actor=owner)
    submission = services.approve(submission, actor=province)
    assert submission.status == Status.APPROVED
    row = total(world, "BD-C02", "sex:female")
    assert row is not None and row.numerator == 30 and row.contributors == 1
    assert total(world, "BD-T01").numerator == 2

    with pytest.raises(ValidationError):
        services.save_values(submission, {("BD-T01", ""): Entry(Decimal(5), reason="Sửa")}, actor=owner)

    submission = services.reopen(submission, "Sửa số lớp tập huấn", actor=province)
    assert total(world, "BD-T01").contributors == 0
    services.save_values(submission, {("BD-T01", ""): Entry(Decimal(5), reason="Sửa")}, actor=owner)
    services.approve(services.submit(submission, actor=owner), actor=province)
    assert total(world, "BD-T01").numerator == 5
    assert aggregation.differences() == []
    actions = list(submission.history.order_by("at", "pk").values_list("action", flat=True))
    assert actions == [
        "opened",
        "submitted",
        "returned",
        "saved",
        "submitted",
        "approved",
        "reopened",
        "saved",
        "submitted",
        "approved",
    ]
    assert AuditLog.objects.filter(event="report.approved").count() == 2


def test_percentages_aggregate_as_sums_of_numerators_over_sums_of_denominators(world: ReportWorld) -> None:
    a, b, c = world.communes(3)
    # hand computed: (30 + 5 + 90) / (100 + 10 + 300) = 125 / 410 = 30.49 %;
    # the average of the three percentages (30 %, 50 %, 30 %) would be 36.67 %
    world.approved(a, {("BD-S02", ""): (30, 100)})
    world.approved(b, {("BD-S02", ""): (5, 10)})
    world.approved(c, {("BD-S02", ""): (90, 300)})
    row = total(world, "BD-S02")
    assert (row.numerator, row.denominator, row.contributors) == (125, 410, 3)
    assert row.value() == Decimal("30.49")


def test_counts_aggregate_as_sums_with_the_number_of_communes(world: ReportWorld) -> None:
    a, b = world.communes(2)
    world.approved(a, {("BD-C02", ""): 100, ("BD-C02", "sex:male"): 40, ("BD-C02", "sex:female"): 60})
    world.approved(b, {("BD-C02", ""): 50})
    assert (total(world, "BD-C02").numerator, total(world, "BD-C02").contributors) == (150, 2)
    assert (
        total(world, "BD-C02", "sex:female").numerator,
        total(world, "BD-C02", "sex:female").contributors,
    ) == (60, 1)


@pytest.mark.parametrize(
    ("figures", "message"),
    [
        ({("BD-S02", ""): (12, 10)}, "lớn hơn mẫu số"),
        ({("BD-S02", ""): (3, 0)}, "mẫu số"),
        ({("BD-C02", ""): 10, ("BD-C02", "sex:female"): 12}, "lớn hơn số tổng"),
        ({("BD-C02", ""): 10, ("BD-C02", "sex:female"): 4, ("BD-C02", "sex:male"): 5}, "cộng lại được 9"),
        ({("BD-C01", ""): 5000}, "mức hợp lý"),
        ({("BD-C02", "sex:female"): 4}, "nhập cả số tổng"),
    ],
)
def test_validation_errors_block_submitting(world: ReportWorld, figures: dict, message: str) -> None:
    unit = world.communes(1)[0]
    submission = world.filled(unit, figures)
    with pytest.raises(services.ReportInvalid) as caught:
        services.submit(submission, actor=services_system())
    assert any(message in f.message for f in caught.value.findings), [
        f.message for f in caught.value.findings
    ]
    submission.refresh_from_db()
    assert submission.status == Status.DRAFT


def services_system() -> Any:
    from apps.accounts.demo import SYSTEM

    return SYSTEM


def test_a_large_change_against_the_last_period_needs_a_comment(world: ReportWorld) -> None:
    unit = world.communes(1)[0]
    world.approved(unit, {("BD-C02", ""): 100}, period="2025S2")
    submission = world.filled(unit, {("BD-C02", ""): 400})
    with pytest.raises(services.ReportInvalid) as caught:
        services.submit(submission, actor=services_system())
    assert [f.level for f in caught.value.findings] == ["warning"]
    services.save_values(
        submission, {("BD-C02", ""): Entry(Decimal(400), comment="Thêm 3 thôn")}, actor=services_system()
    )
    assert services.submit(submission, actor=services_system()).status == Status.SUBMITTED


def test_only_the_level_above_reviews_and_only_the_commune_enters(world: ReportWorld) -> None:
    demo = world.demo
    submission = services.submit(world.submission, actor=demo.user("owner"))
    for persona in ("owner", "leader", "focal", "outsider"):
        with pytest.raises(PermissionDenied):
            services.approve(submission, actor=demo.user(persona))
    with pytest.raises(PermissionDenied):
        services.open_submission(world.form, demo.commune, "2026S2", actor=demo.user("outsider"))
    with pytest.raises(PermissionDenied):
        services.open_submission(world.form, demo.commune, "2026S2", actor=demo.user("province"))
    with pytest.raises(PermissionDenied):
        services.submit(world.submission, actor=demo.user("focal"))


def test_a_stale_page_cannot_overwrite_newer_figures(world: ReportWorld) -> None:
    owner = world.demo.user("owner")
    revision = world.submission.revision
    services.save_values(
        world.submission, {("BD-T01", ""): Entry(Decimal(1))}, actor=owner, revision=revision
    )
    with pytest.raises(services.StaleReport):
        services.save_values(
            world.submission, {("BD-T01", ""): Entry(Decimal(2))}, actor=owner, revision=revision
        )


def test_an_unknown_figure_saves_nothing(world: ReportWorld) -> None:
    owner = world.demo.user("owner")
    with pytest.raises(ValidationError):
        services.save_values(
            world.submission,
            {("BD-T01", ""): Entry(Decimal(1)), ("BD-ZZ", ""): Entry(Decimal(1))},
            actor=owner,
        )
    assert world.submission.values.get(indicator__code="BD-T01", category="").numerator == 0  # as pre-filled


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.234", 1234),
        ("1 234", 1234),
        ("12,5", Decimal("12.5")),
        ("7", 7),
        ("", None),
        ("1.234.567", 1234567),
        ("1.234,5", Decimal("1234.5")),
        ("12.5", Decimal("12.5")),
    ],
)
def test_numbers_are_read_the_vietnamese_way(text: str, value: Any) -> None:
    assert services.parse_number(text) == value


@pytest.mark.parametrize(
    "text",
    [
        *("abc", "-3", "1e400", "NaN", "Infinity", "1e1000000", "9" * 41, "sNaN"),
        # digits of other scripts, Python's underscores, dots that group nothing
        *("３", "٣", "𝟓", "1_000", "1.2.3", "12.34.567", "1,2,3", "1.23,4"),
    ],
)
def test_bad_numbers_are_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        services.parse_number(text)


def test_the_catalogue_carries_the_strategy_targets(db: Any) -> None:
    c06 = Indicator.objects.get(code="BD-C06")
    assert (c06.strategy_target, c06.target_2025, c06.target_2030) == ("6.1", 60, 80)
    assert Indicator.objects.filter(province__isnull=True).count() == 49


def test_a_period_that_has_not_started_or_does_not_exist_cannot_be_opened(world: ReportWorld) -> None:
    owner = world.demo.user("owner")
    for code in ("2099S1", "2026S3", "abc", "2026Q5", "2000S1", "2023S2"):
        with pytest.raises(ValidationError):
            services.open_submission(world.form, world.demo.commune, code, actor=owner)
    with pytest.raises(ValidationError):
        services.open_submission(
            world.form, world.demo.commune, "2026", actor=owner
        )  # an annual period on a 6-month form


def test_a_percentage_part_with_nobody_in_the_group_is_valid(world: ReportWorld) -> None:
    unit = world.communes(1)[0]
    submission = world.filled(
        unit,
        {("BD-S02", ""): (3, 4)},
        period="2026",
        form=world.annual,
    )
    # BD-L01 women in the party committee: nobody under 16 sits on it
    services.save_values(
        submission,
        {
            ("BD-L01", ""): Entry(Decimal(4), Decimal(15)),
            ("BD-L01", "age_group:lt16"): Entry(Decimal(0), Decimal(0)),
        },
        actor=services_system(),
    )
    assert not [f for f in services.findings(submission) if f.code == "BD-L01"]
    services.save_values(submission, {("BD-L01", ""): Entry(Decimal(0), Decimal(0))}, actor=services_system())
    assert [f for f in services.findings(submission) if f.code == "BD-L01" and f.blocking]


def test_a_period_nobody_opened_has_its_due_date_and_every_commune_is_late_after_it(demo: Any) -> None:
    import datetime as dt

    from apps.indicators.models import ReportForm
    from apps.indicators.reporting import completeness

    form = ReportForm.objects.get(code="BD-6T")
    assert completeness.rates(form, demo.province, "2026S1").due == dt.date(2026, 7, 10)
    rows = completeness.by_unit(form, demo.province, "2026S1", dt.date(2026, 11, 23))
    assert rows and all(r.late for r in rows)
    assert not any(r.late for r in completeness.by_unit(form, demo.province, "2026S1", dt.date(2026, 7, 10)))


def test_people_and_sessions_are_counted_whole(world: ReportWorld) -> None:
    unit = world.communes(1)[0]
    submission = world.filled(unit, {("BD-C02", ""): 10, ("BD-C02", "age_group:lt16"): Decimal("2.5")})
    with pytest.raises(services.ReportInvalid) as caught:
        services.submit(submission, actor=services_system())
    assert any("số nguyên" in f.message or "thập phân" in f.message for f in caught.value.findings)


def test_the_history_names_the_figures_that_changed(world: ReportWorld) -> None:
    owner = world.demo.user("owner")
    services.save_values(
        world.submission, {("BD-C02", "sex:female"): Entry(Decimal(31), reason="Thêm 1 người")}, actor=owner
    )
    assert world.submission.history.first().comment == "BD-C02 (nữ)"


def test_messages_write_figures_the_vietnamese_way(world: ReportWorld) -> None:
    unit = world.communes(1)[0]
    submission = world.filled(unit, {("BD-C02", ""): 1234, ("BD-C02", "sex:female"): 2000})
    messages = " ".join(f.message for f in services.findings(submission))
    assert "(2.000 > 1.234)" in messages


def test_communes_are_listed_in_vietnamese_order(demo: Any) -> None:
    import datetime as dt

    from apps.indicators.models import ReportForm
    from apps.indicators.reporting import completeness
    from core.text import fold

    rows = completeness.by_unit(
        ReportForm.objects.get(code="BD-6T"), demo.province, "2026S1", dt.date(2026, 7, 1)
    )
    keys = [fold(r.unit.name) for r in rows]
    assert keys == sorted(keys)
