"""The commune officer sets who does an issued plan's task and by when on the task page:
audited and shown in the task's history, kept by the plan sync, written to the plan's row
(so the plan stops counting it as reaching nobody), seen by the new lead's focal person."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.access.models import AuditLog
from apps.accounts.demo import SYSTEM
from apps.geo.models import Agency
from apps.geo.services import ensure_default_agencies
from apps.plans import services as plan_services
from apps.plans.models import PlanTask
from apps.work import reminders, services
from apps.work.models import Notification, Task
from apps.work.sync import sync_plan_tasks

pytestmark = pytest.mark.django_db


def _plan_task(plan_world: Any) -> Task:
    """The issued plan's task, its lead written in words the commune's agencies do not
    match ("Hội LHPN xã"): it reaches nobody."""
    issued = plan_world.issued
    issued.agency_map = {}
    issued.save(update_fields=["agency_map"])
    from apps.plans.materialise import materialise

    materialise(issued)
    sync_plan_tasks(issued.unit)
    task = Task.objects.get(plan=issued)
    assert task.lead is None
    return task


def _police(demo: Any) -> Agency:
    return Agency.objects.get(unit=demo.commune, kind="police")


def test_the_officer_gives_a_plan_task_a_lead_and_it_reaches_the_focal_person(
    plan_world: Any, demo: Any
) -> None:
    task = _plan_task(plan_world)
    officer = demo.client("owner")
    plan_page = reverse("plans:detail", args=[plan_world.issued.pk])
    assert 'data-testid="unassigned-tasks"' in officer.get(plan_page).content.decode()
    response = officer.post(
        reverse("work:task_assign", args=[task.pk]),
        {"lead": demo.agency.pk, "partners": [_police(demo).pk], "start": "2026-05-01", "end": "2026-12-20"},
    )
    assert response.status_code == 302
    sync_plan_tasks(demo.commune)  # what every page does before it reads
    task.refresh_from_db()
    assert task.lead == demo.agency
    assert list(task.partners.all()) == [_police(demo)]
    assert (task.start, task.end) == (dt.date(2026, 5, 1), dt.date(2026, 12, 20))
    # the plan's row says so too: the plan no longer counts it among tasks without a lead
    row = PlanTask.objects.get(plan=plan_world.issued)
    assert row.lead == demo.agency and row.end == dt.date(2026, 12, 20)
    assert list(row.partners.all()) == [_police(demo)]
    assert 'data-testid="unassigned-tasks"' not in officer.get(plan_page).content.decode()
    # audited, before → after, and shown in the task's history on its page
    record = AuditLog.objects.get(event="task.assigned", object_id=str(task.pk))
    assert record.changes["lead"] == ["", demo.agency.name]
    assert record.changes["end"] == ["30/06/2026", "20/12/2026"]
    page = demo.client("focal").get(reverse("work:task_detail", args=[task.pk])).content.decode()
    history = page.split('data-testid="task-history"')[1]
    assert "congchuc" in history and demo.agency.name in history and "20/12/2026" in history
    # the focal person of the women's union finds it in her work and is told
    with time_machine.travel(dt.datetime(2026, 12, 10, 9), tick=False):
        mine = demo.client("focal").get(reverse("work:my_work")).content.decode()
    assert "Tuyên truyền về bình đẳng giới" in mine.split('data-testid="due-soon-list"')[1].split("</ul>")[0]
    assert demo.user("focal") in reminders.recipients(task)
    assert Notification.objects.filter(
        user=demo.user("focal"), url=reverse("work:task_detail", args=[task.pk])
    )
    # the focal person sees no form to change it
    assert 'data-testid="assign-form"' not in page


def test_the_officer_choice_survives_corrections_that_leave_the_task_alone(
    plan_world: Any, demo: Any
) -> None:
    task = _plan_task(plan_world)
    services.assign_task(task, actor=demo.user("owner"), lead=demo.agency, end=dt.date(2026, 12, 20))
    issued = plan_world.issued
    content = dict(issued.content)
    content["tasks"] = [{**content["tasks"][0], "title": "Tuyên truyền về bình đẳng giới (sửa)"}]
    issued = plan_services.correct_plan(
        issued, actor=demo.user("leader"), revision=issued.revision, content=content, reason="sửa tên"
    )
    issued.agency_map = {}
    issued.save(update_fields=["agency_map"])
    sync_plan_tasks(demo.commune)
    task.refresh_from_db()
    assert task.title.endswith("(sửa)")
    assert (task.lead, task.end) == (demo.agency, dt.date(2026, 12, 20))
    # the rebuilt row of the plan is told again
    row = PlanTask.objects.get(plan=issued)
    assert (row.lead, row.end) == (demo.agency, dt.date(2026, 12, 20))
    # a later correction that gives the task a new deadline is the plan's word
    content = dict(issued.content)
    timeframe = {**content["tasks"][0]["timeframe"], "end": "2026-11-30"}
    content["tasks"] = [{**content["tasks"][0], "timeframe": timeframe}]
    plan_services.correct_plan(
        issued, actor=demo.user("leader"), revision=issued.revision, content=content, reason="đổi hạn"
    )
    sync_plan_tasks(demo.commune)
    task.refresh_from_db()
    assert task.end == dt.date(2026, 11, 30)
    assert task.lead == demo.agency  # the lead the plan did not change stays hers


def test_agencies_of_another_commune_and_a_start_after_the_deadline_are_refused(
    plan_world: Any, demo: Any
) -> None:
    task = _plan_task(plan_world)
    ensure_default_agencies(demo.other_commune, actor=SYSTEM)
    stranger = Agency.objects.filter(unit=demo.other_commune).first()
    assert stranger is not None
    response = demo.client("owner").post(
        reverse("work:task_assign", args=[task.pk]), {"lead": stranger.pk, "end": "2026-12-20"}
    )
    assert response.status_code == 200
    assert "Hãy chọn cơ quan, đơn vị của xã này còn hoạt động." in response.content.decode()
    with pytest.raises(ValidationError):
        services.assign_task(task, actor=demo.user("owner"), lead=stranger)
    with pytest.raises(ValidationError):
        services.assign_task(task, actor=demo.user("owner"), lead=demo.agency, partners=[stranger])
    retired = _police(demo)
    retired.is_active = False
    retired.save()
    with pytest.raises(ValidationError):
        services.assign_task(task, actor=demo.user("owner"), lead=retired)
    response = demo.client("owner").post(
        reverse("work:task_assign", args=[task.pk]),
        {"lead": demo.agency.pk, "start": "2026-12-21", "end": "2026-12-20"},
    )
    assert response.status_code == 200 and "Ngày bắt đầu sau hạn hoàn thành." in response.content.decode()
    with pytest.raises(ValidationError):
        services.assign_task(
            task,
            actor=demo.user("owner"),
            lead=demo.agency,
            start=dt.date(2026, 12, 21),
            end=dt.date(2026, 12, 20),
        )
    task.refresh_from_db()
    assert task.lead is None and not AuditLog.objects.filter(event="task.assigned").exists()


def test_the_leader_may_and_the_focal_person_may_not(plan_world: Any, demo: Any) -> None:
    task = _plan_task(plan_world)
    with pytest.raises(PermissionDenied):
        services.assign_task(task, actor=demo.user("focal"), lead=demo.agency)
    services.assign_task(task, actor=demo.user("leader"), lead=demo.agency)
    task.refresh_from_db()
    assert task.lead == demo.agency
