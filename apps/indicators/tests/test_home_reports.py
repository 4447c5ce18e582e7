"""The home page's periodic reports: a commune sees what it has to do now (a report being
written, one returned, one overdue and not opened) and nothing once it is sent; a
province sees how many communes sent each form's latest period and how many wait for
its review; a case worker, who does not read reports, sees no such section."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from apps.accounts.demo import SYSTEM
from apps.indicators import services
from apps.indicators.reporting import inbox
from apps.indicators.reporting.home import needs_commune
from apps.indicators.tests.world import ReportWorld

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
# after the first half of 2026 has ended: its report is the one being written
JULY = dt.datetime(2026, 7, 10, 9, 0, tzinfo=HCM)
FIGURES = {("BD-C02", ""): 40, ("BD-C02", "sex:female"): 25}


@pytest.fixture
def world(demo: Any) -> ReportWorld:
    return ReportWorld(demo)


def home(world: ReportWorld, persona: str) -> str:
    response = world.demo.client(persona).get(reverse("home"))
    assert response.status_code == 200
    return str(response.content.decode())


def test_a_commune_sees_the_report_it_is_writing_and_the_overdue_one_it_has_not_opened(
    world: ReportWorld,
) -> None:
    with time_machine.travel(JULY, tick=False):
        page = home(world, "owner")
    draft = page.split('data-testid="home-report-BD-6T-2026S1"')[1].split("</li>")[0]
    assert "Dự thảo" in draft
    assert reverse("indicators:submission", args=[world.submission.pk]) in draft
    # the 2025 annual report was due early in 2026 and nobody opened it
    annual = page.split('data-testid="home-report-BD-NAM-2025"')[1].split("</li>")[0]
    assert 'data-testid="overdue"' in annual
    assert reverse("indicators:open") in annual and 'value="2025"' in annual
    # the second half of 2026 is far from due: not on the home page yet
    assert "home-report-BD-6T-2026S2" not in page
    # older periods never opened stay on the reports page (most predate binhdang), counted
    assert "home-report-BD-NAM-2024" not in page and "home-report-BD-6T-2025S2" not in page
    older = page.split('data-testid="older-unopened"')[1].split("</div>")[0]
    assert reverse("indicators:reports") in older and ">3 " in older  # 2024, 2025S1, 2025S2


def test_a_sent_report_leaves_the_home_page_and_comes_back_when_returned(world: ReportWorld) -> None:
    with time_machine.travel(JULY, tick=False):
        services.submit(world.submission, actor=world.demo.user("owner"))
        assert "home-report-BD-6T-2026S1" not in home(world, "owner")
        services.return_submission(
            world.submission, "Số người tham dự chưa khớp danh sách.", actor=world.demo.user("province")
        )
        page = home(world, "owner")
    returned = page.split('data-testid="home-report-BD-6T-2026S1"')[1].split("</li>")[0]
    assert "Bị trả lại" in returned


def test_once_everything_due_is_sent_the_commune_reads_that_nothing_is_left(world: ReportWorld) -> None:
    commune = world.demo.commune
    with time_machine.travel(JULY, tick=False):
        today = dt.date(2026, 7, 10)
        due = [
            row
            for _form, rows in inbox.commune_reports(world.demo.user("owner"), commune, today)
            for row in rows
            if needs_commune(row, today)
        ]
        assert len(due) >= 2
        for row in due:
            services.submit(
                world.filled(commune, FIGURES, period=row.period.code, form=row.form), actor=SYSTEM
            )
        page = home(world, "owner")
    assert "home-report-" not in page
    assert "Không có báo cáo nào cần làm" in page


def test_the_province_sees_how_many_sent_and_how_many_wait_for_review(world: ReportWorld) -> None:
    others = world.communes(3)
    with time_machine.travel(JULY, tick=False):
        services.submit(world.filled(others[0], FIGURES), actor=SYSTEM)
        world.approved(others[1], FIGURES)
        world.filled(others[2], FIGURES)  # a draft: neither sent nor waiting
        page = home(world, "province")
    row = page.split('data-testid="home-progress-BD-6T"')[1].split("</tr>")[0]
    sent = row.split('data-testid="sent"')[1].split("</td>")[0]
    assert sent.startswith(">2/")
    waiting = row.split('data-testid="waiting"')[1].split("</td>")[0]
    assert ">1</a>" in waiting
    assert "status=submitted" in waiting and "period=2026S1" in waiting


def test_a_case_worker_sees_no_reports_section(world: ReportWorld) -> None:
    with time_machine.travel(JULY, tick=False):
        page = home(world, "caseworker")
    assert 'data-testid="home-reports"' not in page


def test_the_province_sees_a_report_sent_before_its_period_ended(world: ReportWorld) -> None:
    """Hà Tây sends its second half of 2026 in November: the province's home shows that
    period too, with the report waiting for review."""
    with time_machine.travel(dt.datetime(2026, 11, 24, 9, 0, tzinfo=HCM), tick=False):
        early = services.open_submission(
            world.form, world.demo.commune, "2026S2", actor=world.demo.user("owner")
        )
        services.submit(early, actor=world.demo.user("owner"))
        page = home(world, "province")
    periods = page.split('data-testid="home-progress-BD-6T"')
    assert len(periods) == 3  # 2026S2 (waiting) and 2026S1 (the last ended)
    assert "6 tháng cuối năm 2026" in periods[1] and ">1</a>" in periods[1]
    assert page.index('data-testid="home-reports"') < page.index('data-testid="communes"')
