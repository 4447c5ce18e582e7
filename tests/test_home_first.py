"""Each person's home page starts with what waits for them, above the unit's counters: the
focal person's overdue tasks and those due in 14 days, the leader's plans to issue and
reports, the province officer's reports to review."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from apps.accounts.demo import SYSTEM
from apps.geo.models import Agency
from apps.plans.models import Plan, PlanStatus
from apps.work import services

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2026, 12, 5, 9)


def _blocks(html: str) -> list[str]:
    """The home page's sections and counters, top to bottom, by their test ids."""
    body = html.split('data-testid="unit-name"', 1)[1]
    return re.findall(r'data-testid="(home-(?:work|reports|pending-plans)|stat-[a-z-]+|communes)"', body)


def _home(demo: Any, persona: str) -> str:
    with time_machine.travel(TODAY, tick=False):
        return demo.client(persona).get("/").content.decode()


def test_the_focal_person_starts_with_her_agency_overdue_task(demo: Any) -> None:
    police = Agency.objects.get(unit=demo.commune, kind="police")
    with time_machine.travel(TODAY, tick=False):
        services.create_task(
            demo.commune,
            actor=SYSTEM,
            title="Tổng kết mô hình CLB",
            lead=demo.agency,
            end=dt.date(2026, 11, 30),
        )
        services.create_task(
            demo.commune,
            actor=SYSTEM,
            title="Nói chuyện chuyên đề",
            lead=demo.agency,
            end=dt.date(2026, 12, 12),
        )
        services.create_task(
            demo.commune, actor=SYSTEM, title="Rà soát hương ước", lead=police, end=dt.date(2026, 11, 1)
        )
    html = _home(demo, "focal")
    blocks = _blocks(html)
    assert blocks[0] == "home-work"
    assert blocks.index("home-work") < blocks.index("stat-agencies")  # counters below
    work = html.split('data-testid="home-work"')[1].split("</section>")[0]
    overdue = work.split('data-testid="home-overdue"')[1].split("</ul>")[0]
    due_soon = work.split('data-testid="home-due-soon"')[1].split("</ul>")[0]
    assert "Tổng kết mô hình CLB" in overdue
    assert "Nói chuyện chuyên đề" in due_soon
    assert "Rà soát hương ước" not in work  # the police's, not hers


def test_the_focal_person_without_tasks_is_told_what_to_do(demo: Any) -> None:
    html = _home(demo, "focal")
    assert _blocks(html)[0] == "home-work"
    work = html.split('data-testid="home-work"')[1].split("</section>")[0]
    assert "Chưa có việc" in work and "công chức văn hóa - xã hội" in work


def test_the_leader_starts_with_plans_waiting_then_reports(demo_plans: Any) -> None:
    demo = demo_plans
    blocks = _blocks(_home(demo, "leader"))
    assert blocks[0] == "home-reports"  # nothing to issue: the reports come first
    assert blocks.index("home-reports") < blocks.index("stat-agencies")
    plan = Plan.objects.get(unit=demo.commune, status=PlanStatus.DRAFT)
    plan.status, plan.sent_at, plan.sent_by_name = PlanStatus.PENDING, timezone.now(), "congchuc"
    plan.save()
    html = _home(demo, "leader")
    blocks = _blocks(html)
    assert blocks[:2] == ["home-pending-plans", "home-reports"]
    assert blocks.index("home-reports") < blocks.index("stat-agencies") < blocks.index("home-work")
    first = html.split('data-testid="home-pending-plans"')[1].split("</section>")[0]
    assert plan.title in first


def test_the_province_officer_starts_with_reports_waiting_for_review(demo: Any) -> None:
    blocks = _blocks(_home(demo, "province"))
    assert blocks[0] == "home-reports"
    assert blocks.index("home-reports") < blocks.index("stat-communes") < blocks.index("communes")


def test_the_commune_officer_keeps_the_counters_first(demo: Any) -> None:
    blocks = _blocks(_home(demo, "owner"))
    assert blocks[0] == "stat-agencies"
    assert "home-work" in blocks
