"""Periodic reporting in a real browser (Debian's chromium): the acceptance walk of the
indicators issue — a commune's 6-month report pre-filled from its activities, sent,
returned by the province with a comment, fixed with a reason, sent again and approved,
and the province's totals moved by it — then every reporting page at both widths for the
people who use it (no sideways scroll, no console error, axe clean)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tests import test_ui_browser as ui

browser = ui.browser
open_page = ui.open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def world(demo: Any, settings: Any, tmp_path: Any) -> Any:
    from apps.indicators.tests.world import ReportWorld

    settings.WORK_FILES_DIR = tmp_path / "work"
    return ReportWorld(demo)


def total(world: Any, code: str, category: str = "") -> tuple[Decimal, int] | None:
    from apps.indicators.models import AggregateValue

    row = AggregateValue.objects.filter(
        form=world.form,
        province=world.demo.province,
        period="2026S1",
        indicator__code=code,
        category=category,
    ).first()
    return None if row is None else (row.numerator, row.contributors)


def status_of(page: Any) -> str:
    return str(page.get_by_test_id("report-status").inner_text().strip())


def test_a_report_from_the_communes_activities_to_the_province_totals(
    world: Any, demo_password: str, live_server: Any, open_page: Any
) -> None:
    from apps.indicators.models import Status, Submission

    base = live_server.url
    # another commune of Hải Phòng is already approved: the province's totals start there
    other = world.communes(1)[0]
    world.approved(other, {("BD-C01", ""): 5, ("BD-V01", ""): 1})
    assert total(world, "BD-C01") == (5, 1)
    pk = world.submission.pk
    report_url = f"{base}/indicators/reports/{pk}/"

    # the commune officer opens the 6-month report from the reports page
    commune, commune_watch = open_page()
    ui.log_in(commune, base, "congchuc", demo_password)
    commune.goto(f"{base}/indicators/reports/")
    commune.locator("[data-testid='period-BD-6T-2026S1'] [data-testid=open-report]").click()
    commune.wait_for_url(report_url)
    # the figures came from the activity of 20/03/2026: 12 men and 30 women
    assert commune.input_value("#id_BD-C02__total__num") == "42"
    assert commune.input_value("#id_BD-C02__sex-female__num") == "30"
    assert commune.input_value("#id_BD-C02__sex-male__num") == "12"
    counted = commune.locator("[data-testid='cell-BD-C02-total'] [data-testid=prefilled-value]")
    assert counted.inner_text() == "42"
    assert "1" in commune.locator("[data-testid='cell-BD-C02-total'] [data-testid=prefilled]").inner_text()
    # the figures nobody counted are typed in, and the report is sent
    commune.fill("#id_BD-V01__total__num", "2")
    commune.fill("#id_BD-S05__total__num", "1")
    commune.get_by_test_id("submit-report").click()
    commune.wait_for_url(report_url)
    world.submission.refresh_from_db()
    assert world.submission.status == Status.SUBMITTED
    assert commune.locator("#id_BD-V01__total__num").count() == 0  # sent: read-only now
    sent_label = status_of(commune)

    # the province officer finds it first in the inbox and returns it with a comment
    province, province_watch = open_page()
    ui.log_in(province, base, "sonoivu", demo_password)
    province.goto(f"{base}/indicators/reports/?form=BD-6T&period=2026S1")
    first = province.get_by_test_id("inbox-row").first
    assert "Xã Hà Tây" in first.inner_text()
    first.get_by_test_id("view-report").click()
    province.wait_for_url(report_url)
    # a violence count below the threshold could point at a household: the province reads "<5"
    assert province.locator("[data-testid='cell-BD-V01-total'] [data-testid=figure]").inner_text() == "<5"
    province.fill("#id_comment", "Số buổi truyền thông chưa đủ: còn buổi tại Thôn 3.")
    province.get_by_test_id("return").click()
    province.wait_for_url(report_url)
    world.submission.refresh_from_db()
    assert world.submission.status == Status.RETURNED

    # the commune officer reads the comment, fixes the sessions with a reason, sends again
    commune.goto(report_url)
    assert "còn buổi tại Thôn 3" in commune.get_by_test_id("return-comment").inner_text()
    assert status_of(commune) != sent_label
    reason = commune.locator("#id_BD-C01__total__reason")
    assert not reason.is_visible()
    commune.fill("#id_BD-C01__total__num", "2")
    reason.wait_for(state="visible")  # shown as soon as the figure differs from the counted 1
    reason.fill("Buổi tại Thôn 3 chưa ghi trong hoạt động")
    commune.get_by_test_id("submit-report").click()
    commune.wait_for_url(report_url)
    assert status_of(commune) == sent_label
    assert total(world, "BD-C01") == (5, 1)  # not approved yet: the totals wait

    # the province approves, confirming in the dialog
    province.goto(report_url)
    province.get_by_test_id("approve").click()
    province.get_by_test_id("confirm-ok").click()
    province.get_by_test_id("toast").first.wait_for(state="visible")
    submission = Submission.objects.get(pk=pk)
    assert submission.status == Status.APPROVED
    history = province.get_by_test_id("history").inner_text()
    assert "còn buổi tại Thôn 3" in history

    # the province's totals moved by Hà Tây's approved figures, and nothing else
    assert total(world, "BD-C01") == (7, 2)
    assert total(world, "BD-V01") == (3, 2)
    assert total(world, "BD-C02") == (42, 1)
    assert total(world, "BD-C02", "sex:female") == (30, 1)
    from apps.indicators.reporting import aggregation

    assert aggregation.differences() == []
    assert commune_watch.take() == ([], [])
    assert province_watch.take() == ([], [])


def pages_for(persona: str, world: Any) -> list[tuple[str, str, int]]:
    report = f"/indicators/reports/{world.submission.pk}/"
    catalogue = [
        ("catalogue", "/indicators/catalogue/", 200),
        ("catalogue-search", "/indicators/catalogue/?q=hoa&group=V", 200),
        ("indicator", "/indicators/catalogue/BD-V04/", 200),
    ]
    if persona == "owner":
        return [("reports", "/indicators/reports/", 200), ("report-draft", report, 200), *catalogue]
    if persona == "focal":
        return [("reports", "/indicators/reports/", 200), ("report-draft", report, 200)]
    if persona == "leader":
        return [("reports", "/indicators/reports/", 200), ("report-submitted", report, 200)]
    if persona == "caseworker":
        return [("reports", "/indicators/reports/", 403), ("report", report, 404)]
    if persona == "outsider":
        return [("reports", "/indicators/reports/", 200), ("report-other-commune", report, 404)]
    return [
        ("inbox", "/indicators/reports/?form=BD-6T&period=2026S1", 200),
        ("inbox-filtered", "/indicators/reports/?form=BD-6T&period=2026S1&status=missing&q=an&page=2", 200),
        ("inbox-annual", "/indicators/reports/?form=BD-NAM&period=2025", 200),
        ("report-submitted", report, 200),
        *catalogue,
        ("indicator-new", "/indicators/catalogue/new/", 200),
        ("indicator-own", "/indicators/catalogue/HP-01/", 200),
        ("indicator-edit", "/indicators/catalogue/HP-01/edit/", 200),
    ]


@pytest.mark.parametrize("persona", ["owner", "focal", "leader", "caseworker", "outsider", "province"])
def test_every_reporting_page_at_both_widths(
    persona: str, world: Any, demo_password: str, live_server: Any, open_page: Any
) -> None:
    from apps.accounts.demo import SYSTEM
    from apps.indicators import services
    from apps.indicators.models import Indicator

    demo = world.demo
    Indicator.objects.create(
        code="HP-01", name_vi="Số câu lạc bộ gia đình hạnh phúc", kind="count", province=demo.province
    )
    # a warning and an error on the commune's draft, so that both show
    services.save_values(
        world.submission,
        {
            ("BD-C01", ""): services.Entry(Decimal(3)),  # changed without a reason: an error
            ("BD-V04", ""): services.Entry(Decimal(4), Decimal(5)),
        },
        actor=SYSTEM,
    )
    if persona in {"leader", "province"}:
        services.save_values(
            world.submission, {("BD-C01", ""): services.Entry(Decimal(3), reason="Thêm 2 buổi")}, actor=SYSTEM
        )
        world.submission = services.submit(world.submission, actor=SYSTEM)
    page, watch = open_page()
    ui.log_in(page, live_server.url, demo.user(persona).username, demo_password)
    problems = ui.visit_all(page, watch, live_server.url, f"reports-{persona}", pages_for(persona, world))
    assert problems == [], "\n".join(problems)


def test_a_failed_save_keeps_its_error_summary_and_a_percentage_has_one_decimal(
    world: Any, demo_password: str, live_server: Any, open_page: Any
) -> None:
    """What the review found on the report page: after a failed save the summary stays at
    the top (focused, read first) when the toast has faded, each line a link to its input;
    "abc" gets one error, not also "give a reason"; a percentage typed reads 77,8%."""
    base = live_server.url
    report_url = f"{base}/indicators/reports/{world.submission.pk}/"
    for name, viewport in ui.WIDTHS.items():
        page, watch = open_page(viewport)
        ui.log_in(page, base, "congchuc", demo_password)
        page.goto(report_url)
        page.fill("#id_BD-V04__total__num", "7")
        page.fill("#id_BD-V04__total__den", "9")
        assert page.locator("[data-testid='cell-BD-V04-total'] [data-bd-percent]").inner_text() == "77,8%"
        page.fill("#id_BD-C02__total__num", "abc")  # counted 42
        with page.expect_navigation() as saved:
            page.get_by_test_id("save-figures").click()
        page.wait_for_load_state("load")
        summary = page.get_by_test_id("error-summary")
        assert summary.is_visible()
        assert page.evaluate("document.activeElement.dataset.testid") == "error-summary"
        row = page.get_by_test_id("cell-BD-C02-total")
        assert row.get_by_test_id("input-error").count() == 1
        assert row.get_by_test_id("reason-error").count() == 0
        problems = ui.page_problems(page, watch, f"failed save @{name}", 200, saved.value)
        assert problems == [], "\n".join(problems)
        # the toast closed, the summary stays; its link leads to the input
        page.locator("[data-testid=toast] .btn-close").first.click()
        page.get_by_test_id("toast").first.wait_for(state="hidden")
        assert summary.is_visible()
        summary.locator("a[href='#id_BD-C02__total__num']").click()
        assert page.evaluate("location.hash") == "#id_BD-C02__total__num"
        assert page.locator("#id_BD-C02__total__num").is_visible()
