"""Saving a plan with the agencies the reviewer chose is one service: the agencies chosen
as new are made inside the plan's transaction, after its checks, so a conflict or a
refusal leaves none behind; and saving a plan locks the plan's row, not its unit's."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.geo.models import Agency
from apps.plans import content as plan_content
from apps.plans import services
from apps.plans.agency_choices import NEW_AGENCY
from apps.plans.models import Plan
from apps.plans.tests.editor_post import editor_post

NEW_NAME = "Tổ hòa giải thôn Đông"


def _draft(demo: Any) -> Plan:
    content = plan_content.blank(demo.commune, 2026, "Kế hoạch bình đẳng giới năm 2026")
    content["tasks"] = [
        {
            "ref": "1",
            "title": "Hòa giải mâu thuẫn gia đình",
            "activities": [],
            "lead": [NEW_NAME],
            "partners": [],
            "timeframe": {"text": "Quý II/2026", "start": "2026-04", "end": "2026-06", "recurrence": "once"},
        }
    ]
    return services.create_plan(demo.commune, actor=demo.user("owner"), content=content, note="t")


def _choice_field(client: Any, url: str) -> str:
    form = client.get(url).context["choices_form"]
    [(written, name, unmatched)] = form.rows
    assert (written, unmatched) == (NEW_NAME, True)
    return f"a-{name}"


def test_an_edit_that_conflicts_adds_no_agency(demo: Any) -> None:
    """The officer chose "+ new agency" for a name, but a colleague saved the plan first:
    the page says so (409) and the agency is not made; saving again on the latest version
    makes it."""
    plan = _draft(demo)
    owner = demo.client("owner")
    field = _choice_field(owner, f"/plans/{plan.pk}/edit/")
    stale = editor_post(plan.content, revision=plan.revision, **{field: NEW_AGENCY})
    services.update_plan(  # the colleague's save
        plan, actor=demo.user("leader"), revision=plan.revision, content=plan.content, note="x"
    )
    agencies = Agency.objects.count()
    response = owner.post(f"/plans/{plan.pk}/edit/", stale)
    assert response.status_code == 409
    assert Agency.objects.count() == agencies
    assert not Agency.objects.filter(unit=demo.commune, name=NEW_NAME).exists()

    plan.refresh_from_db()
    fresh = editor_post(plan.content, revision=plan.revision, **{field: NEW_AGENCY})
    assert owner.post(f"/plans/{plan.pk}/edit/", fresh).status_code == 302
    made = Agency.objects.get(unit=demo.commune, name=NEW_NAME)
    plan.refresh_from_db()
    assert plan.agency_map == {NEW_NAME: made.pk}


def test_a_correction_that_conflicts_adds_no_agency(demo: Any) -> None:
    plan = _draft(demo)
    plan = services.issue_plan(
        plan, actor=demo.user("leader"), revision=plan.revision, confirm_unassigned=True
    )
    leader = demo.client("leader")
    field = _choice_field(leader, f"/plans/{plan.pk}/correct/")
    stale = editor_post(plan.content, revision=plan.revision, reason="Giao việc", **{field: NEW_AGENCY})
    services.correct_plan(
        plan, actor=demo.user("leader"), revision=plan.revision, content=plan.content, reason="Chính tả"
    )
    agencies = Agency.objects.count()
    assert leader.post(f"/plans/{plan.pk}/correct/", stale).status_code == 409
    assert Agency.objects.count() == agencies


def test_a_refused_save_adds_no_agency(demo: Any) -> None:
    """The plan was sent to the leader meanwhile: the edit is refused, nothing is made."""
    plan = _draft(demo)
    plan = services.send_plan(plan, actor=demo.user("owner"), revision=plan.revision)
    agencies = Agency.objects.count()
    with pytest.raises(ValidationError):
        services.update_plan(
            plan,
            actor=demo.user("owner"),
            revision=plan.revision,
            content=plan.content,
            agency_choices={NEW_NAME: NEW_AGENCY},
            note="x",
        )
    assert Agency.objects.count() == agencies


def test_saving_a_plan_locks_the_plan_row_only(demo: Any) -> None:
    """Every writer of a unit does not queue behind the others: the lock names the plan's
    table (PostgreSQL), never the unit's. SQLite locks the whole database for a write and
    sends no FOR UPDATE at all."""
    plan = _draft(demo)
    with CaptureQueriesContext(connection) as queries:
        plan = services.update_plan(
            plan, actor=demo.user("owner"), revision=plan.revision, content=plan.content, note="x"
        )
        plan = services.send_plan(plan, actor=demo.user("owner"), revision=plan.revision)
        plan = services.issue_plan(
            plan, actor=demo.user("leader"), revision=plan.revision, confirm_unassigned=True
        )
        services.correct_plan(
            plan, actor=demo.user("leader"), revision=plan.revision, content=plan.content, reason="x"
        )
    locks = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
    plan_locks = [sql for sql in locks if 'FROM "plans_plan"' in sql]
    if connection.features.has_select_for_update:
        assert len(plan_locks) == 4  # update, send, issue, correct: each its plan row
        for sql in plan_locks:
            assert sql.endswith('FOR UPDATE OF "plans_plan"'), sql
    else:
        assert locks == []
