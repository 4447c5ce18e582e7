"""The joint of plans and work, walked by the people who live it: the commune officer
imports a plan whose tasks name no agency (who does what is written per agency in
"Tổ chức thực hiện"), reviews the lead proposed for each task and where it came from,
saves and sends it to the leader; the leader finds it on her home page and issues it;
then the focal person of every agency the plan names opens "Việc của tôi" on her phone
and finds exactly the tasks her agency leads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests import test_ui_browser as ui

browser = ui.browser
open_page = ui.open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PLAN_FILE = (
    Path(__file__).resolve().parent.parent / "apps" / "plans" / "tests" / "fixtures" / "ha-tay-2026-duties.md"
)


@pytest.fixture
def jobs_run_at_once(settings: Any, tmp_path: Path) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PLAN_FILES_DIR = tmp_path / "files"


def focal_person_of(agency: Any, password: str) -> str:
    """A focal person for the agency, brought in the way the unit brings people in."""
    from apps.accounts.demo import SYSTEM
    from apps.accounts.models import Membership, Role, User
    from apps.accounts.services import add_membership

    existing = Membership.objects.filter(agency=agency, role=Role.FOCAL_PERSON).select_related("user").first()
    if existing is not None:
        return str(existing.user.username)
    username = f"daumoi{agency.pk}"
    user = User.objects.create_user(username, password=password, full_name=f"Đầu mối {agency.name}")
    add_membership(user, agency.unit, Role.FOCAL_PERSON, actor=SYSTEM, agency=agency, title="Đầu mối")
    return username


def test_an_imported_plan_reaches_the_focal_person_of_every_agency_it_names(
    demo: Any, demo_password: str, live_server: Any, open_page: Any, jobs_run_at_once: None
) -> None:
    from apps.plans.models import Plan, PlanTask

    base = live_server.url
    officer, watch = open_page()
    ui.log_in(officer, base, "congchuc", demo_password)
    officer.goto(f"{base}/plans/import/")
    officer.set_input_files("input[type=file]", str(PLAN_FILE))
    officer.get_by_test_id("upload-submit").click()
    officer.get_by_test_id("duty-links").wait_for()
    # every task shows the lead proposed from "Tổ chức thực hiện" and where it came from
    tasks = officer.get_by_test_id("duty-task")
    assert tasks.count() == 7
    for index in range(tasks.count()):
        source = tasks.nth(index).get_by_test_id("task-source").inner_text()
        assert "Chủ trì: từ phần Tổ chức thực hiện:" in source, source
    officer.get_by_test_id("save-plan").click()
    officer.wait_for_url(f"{base}/plans/*/")
    plan = Plan.objects.get(unit=demo.commune)
    # nothing reaches nobody: the plan page lists no unassigned task
    assert officer.get_by_test_id("unassigned-task").count() == 0
    officer.get_by_test_id("send-plan").click()
    officer.get_by_test_id("confirm-ok").click()
    officer.get_by_test_id("plan-pending").wait_for()

    leader, leader_watch = open_page()
    ui.log_in(leader, base, "lanhdao", demo_password)
    waiting = leader.get_by_test_id("home-pending-plans")
    assert plan.title in waiting.inner_text()
    waiting.get_by_role("link", name=plan.title).click()
    leader.wait_for_url(f"{base}/plans/{plan.pk}/")
    leader.get_by_test_id("issue-plan").click()
    leader.get_by_test_id("confirm-ok").click()
    leader.get_by_test_id("plan-number").wait_for()
    assert leader.get_by_test_id("plan-status").inner_text() == "Đã ban hành"

    rows = list(
        PlanTask.objects.filter(plan=plan)
        .select_related("lead")
        .prefetch_related("partners")
        .order_by("order")
    )
    assert len(rows) == 7 and all(row.lead is not None and row.end is not None for row in rows)
    by_agency: dict[Any, list[str]] = {}
    for row in rows:
        by_agency.setdefault(row.lead, []).append(row.title)
    assert len(by_agency) >= 3  # the duties name several agencies, not one for all
    for agency, titles in by_agency.items():
        username = focal_person_of(agency, demo_password)
        phone, phone_watch = open_page(viewport=ui.PHONE)
        ui.log_in(phone, base, username, demo_password)
        response = phone.goto(f"{base}/work/mine/")
        assert ui.page_problems(phone, phone_watch, f"my-work-{agency.pk}@phone", 200, response) == []
        mine = phone.locator("main").inner_text()
        for title in titles:  # the cards shorten long titles
            assert title[:100] in mine, f"{agency.name} does not see “{title}”"
        # a task the agency neither leads nor helps with is not hers
        others = [row.title for row in rows if row.lead != agency and agency not in row.partners.all()]
        assert not [title for title in others if title[:100] in mine], f"{agency.name} sees another's task"
        phone.context.close()
    assert watch.take() == ([], [])
    assert leader_watch.take() == ([], [])
