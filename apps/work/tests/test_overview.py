"""The unit overview: tasks by status and agency, overdue agencies, the Action Month
checklist and people reached by month; per commune and in total for a province."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from apps.accounts.demo import SYSTEM
from apps.activities.services import record_activity
from apps.activities.tests.world import ActivityWorld, counts
from apps.geo.models import Agency
from apps.geo.services import ensure_default_agencies
from apps.work.overview import commune_overview, province_overview
from apps.work.services import create_task

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 5)


@pytest.fixture
def world(work_world: Any, demo: Any) -> Any:
    ActivityWorld(demo)  # 12 men, 30 women on 20/11
    create_task(
        demo.commune, actor=SYSTEM, title="Mít tinh phát động Tháng hành động", end=dt.date(2026, 11, 16)
    )
    return work_world


def test_commune_figures(world: Any, demo: Any) -> None:
    data = commune_overview(demo.user("owner"), demo.commune, TODAY)
    statuses = {key: n for key, _label, n in data["statuses"]}
    # police task due 1/12 and the rally due 16/11: overdue; the union's task in progress
    assert statuses == {"not_started": 0, "in_progress": 1, "done": 0, "overdue": 2, "cancelled": 0}
    assert [r["name"] for r in data["overdue_agencies"]] == ["Công an xã Hà Tây", "—"]
    checklist = {t.title for t in data["checklist"]}
    assert checklist == {
        "Tuyên truyền phòng, chống bạo lực gia đình",
        "Mít tinh phát động Tháng hành động",
        "Rà soát hương ước, quy ước",
    }
    assert data["action_month_reached"] == {"male": 12, "female": 30, "other": 0, "total": 42}
    assert data["months"][10]["female"] == 30 and data["reached"]["total"] == 42


def test_province_figures_per_commune_and_in_total(world: Any, demo: Any) -> None:
    ensure_default_agencies(demo.other_commune, actor=SYSTEM)
    record_activity(
        demo.other_commune,
        actor=SYSTEM,
        organiser=Agency.objects.filter(unit=demo.other_commune).first(),  # type: ignore[arg-type]
        kind="meeting",
        title="Họp",
        date=dt.date(2026, 3, 3),
        counts=counts(4, 6),
    )
    data = province_overview(demo.user("province"), demo.province, TODAY)
    rows = {r["name"]: r for r in data["commune_rows"]}
    assert (rows["Xã Hà Tây"]["total"], rows["Xã Hà Tây"]["overdue"], rows["Xã Hà Tây"]["female"]) == (
        3,
        2,
        30,
    )
    assert (rows["Xã Tiên Lãng"]["total"], rows["Xã Tiên Lãng"]["female"]) == (0, 6)
    assert data["totals"]["female"] == 36 and data["reached"]["total"] == 52


def test_pages_carry_charts_with_their_tables(world: Any, demo: Any) -> None:
    with time_machine.travel(dt.datetime(2026, 12, 5, 9), tick=False):
        page = demo.client("owner").get(reverse("work:overview")).content.decode()
        province = demo.client("province").get(reverse("work:overview")).content.decode()
        outsider = demo.client("outsider").get(reverse("work:overview")).content.decode()
    for testid in ("status-table", "agency-table", "month-table", "overdue-agencies", "action-month"):
        assert f'data-testid="{testid}"' in page
    assert page.count("data-bd-chart=") == 3 and 'role="img"' in page
    chart = json.loads(page.split('data-bd-chart="')[1].split('"')[0].replace("&quot;", '"'))
    assert chart["type"] == "doughnut" and sum(chart["datasets"][0]["data"]) == 3
    assert 'data-testid="commune-table"' in province and "Xã Hà Tây" in province
    assert "Tuyên truyền phòng" not in outsider and "Xã Hà Tây" not in outsider
