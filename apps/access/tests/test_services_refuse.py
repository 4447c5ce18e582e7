"""Every service, called by someone who may not use it, refuses and writes nothing.
The list is checked against the services modules, so a new service must join it."""

from __future__ import annotations

import datetime
import hashlib
import inspect
from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from apps.access.models import AuditLog
from apps.accounts import services as account_services
from apps.accounts.demo import SYSTEM
from apps.accounts.models import Role, User
from apps.activities import services as activity_services
from apps.geo import services as geo_services
from apps.geo.models import AdministrativeUnit, Agency
from apps.plans import derive as plan_derive
from apps.plans import imports as plan_imports
from apps.plans import services as plan_services
from apps.plans.models import Plan, PlanStatus
from apps.work import feeds as work_feeds
from apps.work import reminders as work_reminders
from apps.work import services as work_services
from apps.work.models import Task


def _request(demo: Any, user: Any) -> Any:
    from django.contrib.sessions.backends.db import SessionStore

    request = RequestFactory().post("/")
    request.session = SessionStore()  # type: ignore[attr-defined]
    request.user = user
    return request


def _state() -> dict[str, tuple[int, str]]:
    """Every table: its row count and a hash of all its rows, so that a service that writes
    anything (a plan, an agency, a version, a counter) before refusing is caught. The audit
    log apart: a refusal records its "access.denied" there (checked on its own)."""
    state = {}
    for model in django_apps.get_models(include_auto_created=True):
        if model is AuditLog:
            continue
        rows = list(model._base_manager.order_by("pk").values_list())
        state[model._meta.label] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return state


def _newcomer() -> User:
    return User.objects.filter(username="nguoi-moi").first() or User.objects.create_user("nguoi-moi")


def _sent(d: Any) -> Plan:
    """The draft, sent to the leader (by the system, once)."""
    draft: Plan = d.world.draft
    draft.refresh_from_db()
    if draft.status == PlanStatus.DRAFT:
        draft = plan_services.send_plan(draft, actor=SYSTEM, revision=draft.revision)
    return draft


def _draft(d: Any) -> Plan:
    return d.world.draft


def _police_task(d: Any) -> Task:
    police = Agency.objects.get(unit=d.commune, kind="police")
    return Task.objects.get_or_create(unit=d.commune, title="Việc của Công an", defaults={"lead": police})[0]


def _owner_feed(d: Any) -> Any:
    from apps.work.models import CalendarFeed

    owner = d.user("owner")
    live = CalendarFeed.objects.filter(user=owner, revoked_at=None).first()
    return live or work_feeds.create_feed(owner, actor=owner)[0]


def _upload() -> Any:
    import io

    return io.BytesIO(b"# K\xe1\xba\xbf ho\xe1\xba\xa1ch\n")


# service name -> call(demo, actor); each acts on Hà Tây, the commune of the owner
SERVICES: dict[str, Callable[[Any, Any], Any]] = {
    "geo.create_agency": lambda d, a: geo_services.create_agency(
        d.commune, actor=a, name="Tổ mới", kind="committee"
    ),
    "geo.update_agency": lambda d, a: geo_services.update_agency(
        d.agency, actor=a, name="Đổi tên", kind="office"
    ),
    "geo.set_agency_active": lambda d, a: geo_services.set_agency_active(d.agency, actor=a, active=False),
    "geo.ensure_default_agencies": lambda d, a: geo_services.ensure_default_agencies(
        AdministrativeUnit.objects.get(name="Xã Hà Đông"), actor=a
    ),
    "geo.add_village": lambda d, a: geo_services.add_village(
        d.commune, actor=a, name="Thôn Mới", division_type="thôn"
    ),
    "accounts.add_membership": lambda d, a: account_services.add_membership(
        _newcomer(), d.commune, Role.VIEWER, actor=a
    ),
    # switching to, or changing the password of, someone else's account
    "accounts.switch_membership": lambda d, a: account_services.switch_membership(
        d.user("leader").memberships.get().pk, actor=a, session=_request(d, a).session
    ),
    "accounts.change_password": lambda d, a: account_services.change_password(
        d.user("leader"), actor=a, new_password="Mat-Khau-Gia-Mao-2026", session=_request(d, a).session
    ),
    "plans.create_plan": lambda d, a: plan_services.create_plan(
        d.commune, actor=a, content=d.world.draft.content, note="x"
    ),
    "plans.new_blank_plan": lambda d, a: plan_services.new_blank_plan(
        d.commune, actor=a, year=2030, title="Kế hoạch"
    ),
    "plans.copy_plan": lambda d, a: plan_services.copy_plan(
        d.world.issued, actor=a, unit=d.commune, year=2030
    ),
    "plans.update_plan": lambda d, a: plan_services.update_plan(
        d.world.draft, actor=a, revision=d.world.draft.revision, content=d.world.draft.content, note="x"
    ),
    "plans.restore_version": lambda d, a: plan_services.restore_version(
        d.world.draft, d.world.draft.versions.last(), actor=a, revision=d.world.draft.revision
    ),
    "plans.issue_plan": lambda d, a: plan_services.issue_plan(
        d.world.draft, actor=a, revision=d.world.draft.revision
    ),
    "plans.send_plan": lambda d, a: plan_services.send_plan(
        d.world.draft, actor=a, revision=d.world.draft.revision
    ),
    "plans.return_plan": lambda d, a: plan_services.return_plan(
        _sent(d),
        actor=a,
        revision=d.world.draft.revision,
        comment="Bổ sung thời hạn",
    ),
    "plans.correct_plan": lambda d, a: plan_services.correct_plan(
        d.world.issued, actor=a, revision=d.world.issued.revision, content=d.world.issued.content, reason="x"
    ),
    "plans.start_import": lambda d, a: plan_imports.start_import(
        d.commune, actor=a, upload=_upload(), name="k.md", size=12
    ),
    "plans.retry_import": lambda d, a: plan_imports.retry_import(d.world.upload, actor=a),
    "plans.save_import": lambda d, a: plan_imports.save_import(
        d.world.upload, actor=a, content=d.world.upload.result, choices={}
    ),
    "plans.derive_plan": lambda d, a: plan_derive.derive_plan(d.world.city, actor=a, commune=d.commune),
    "plans.update_mapping": lambda d, a: plan_derive.update_mapping(d.province, actor=a, rows=[]),
    "work.create_task": lambda d, a: work_services.create_task(
        d.commune, actor=a, title="Việc mới", end=None
    ),
    # organised by the police: the women's union's focal person may not record it
    "activities.record_activity": lambda d, a: activity_services.record_activity(
        d.commune,
        actor=a,
        organiser=Agency.objects.get(unit=d.commune, kind="police"),
        kind="meeting",
        title="Họp",
        date=datetime.date(2026, 5, 1),
        counts={"male": 1, "female": 1, "age_16_30": 2},
    ),
    # making or revoking someone else's calendar address (the owner's)
    "work.create_feed": lambda d, a: work_feeds.create_feed(d.user("owner"), actor=a),
    "work.revoke_feed": lambda d, a: work_feeds.revoke_feed(_owner_feed(d), actor=a),
    "work.set_reminder_days": lambda d, a: work_reminders.set_reminder_days(d.commune, actor=a, days=[3]),
    # marking someone else's (the owner's) reminders as read
    "work.mark_read": lambda d, a: work_reminders.mark_read(d.user("owner"), actor=a),
    # a task of the police: the women's union's focal person may not report on it
    "work.post_progress": lambda d, a: work_services.post_progress(
        _police_task(d), actor=a, status="in_progress", percent=10
    ),
    # giving the police's task to the women's union: the commune officer's (and leader's)
    "work.assign_task": lambda d, a: work_services.assign_task(
        _police_task(d), actor=a, lead=d.agency, end=datetime.date(2026, 12, 1)
    ),
}
# the objects a call reads that its lambda would otherwise make first: made before the
# state is counted, so that the count sees only what the service itself writes
SETUP: dict[str, Callable[[Any], Any]] = {
    "accounts.add_membership": lambda d: _newcomer(),
    "plans.return_plan": _sent,
    "work.revoke_feed": _owner_feed,
    "work.post_progress": _police_task,
    "work.assign_task": _police_task,
}
# not state changes someone asks for: checks, queries, and the records a log-in guard
# writes about the signed-in user's own session
INTERNAL = {
    # plans: queries and rules the pages read (enqueue queues the job an upload asked
    # for); mappings_of seeds a province's table with the defaults the first time anyone
    # reads it. The helpers that run inside the services (check_content, resolve_agencies,
    # next_number) live in modules of their own.
    "plans.plans_for_derivation",
    "plans.enqueue",
    "plans.is_stale",
    "plans.mappings_of",
    "plans.derived_content",
    "plans.derive_preview",
    "plans.derivable",
    "plans.derived_from",
    "plans.issued_besides",
    "plans.source_place",
    "plans.commune_place",
    "geo.default_agency_name",
    # the person's own session: refused for anyone else (accounts/tests), recorded as the log-in's
    "accounts.record_wrong_current_password",
    "accounts.lock_out_session",
    # the log-in page, before anyone is signed in
    "accounts.lock_out_address",
    # work: the permission checks themselves (every service calls them first)
    "work.may_report",
    "work.require_report",
    # the feed a token opens and the feed's text: read by calendar programs, token only
    "work.feed_for_token",
    "work.render_feed",
    # reminders: the daily job (worker or cron, no person acts) and what it reads
    "work.send_reminders",
    "work.days_for",
    "work.reminder_due",
    "work.recipients",
    "work.unread_count",
    # other apps add their deadlines to the reminder job at start-up (AppConfig.ready)
    "work.register",
    # notices other apps' services post after their own permission check (a report returned)
    "work.notify",
}


def test_every_service_is_in_the_refusal_list() -> None:
    found = set()
    modules = (
        ("geo", geo_services),
        ("accounts", account_services),
        ("plans", plan_services),
        ("plans", plan_imports),
        ("plans", plan_derive),
        ("work", work_services),
        ("work", work_feeds),
        ("work", work_reminders),
        ("activities", activity_services),
    )
    for prefix, module in modules:
        for name, value in vars(module).items():
            if inspect.isfunction(value) and value.__module__ == module.__name__ and not name.startswith("_"):
                found.add(f"{prefix}.{name}")
    assert found == set(SERVICES) | INTERNAL


# who each service is for, when not the commune officer
FOR = {
    "plans.issue_plan": "leader",
    "plans.correct_plan": "leader",
    "plans.return_plan": "leader",
    "plans.update_mapping": "province",
}
# everyone else, and no one at all, must be refused
REFUSED = ["outsider", "focal", "caseworker", "province", "owner", None]
CASES = [
    (service, persona)
    for service in sorted(SERVICES)
    for persona in REFUSED
    if persona != FOR.get(service, "owner")
]


@pytest.mark.parametrize(("service", "persona"), CASES)
def test_service_refuses(demo: Any, plan_world: Any, service: str, persona: str | None) -> None:
    demo.world = plan_world
    actor = demo.user(persona) if persona else None
    SETUP.get(service, lambda d: None)(demo)  # what the call reads, made before the count
    before, last_entry = _state(), AuditLog.objects.order_by("pk").values_list("pk", flat=True).last()
    with pytest.raises(PermissionDenied):
        SERVICES[service](demo, actor)
    after = _state()
    assert {table: after[table] for table in after if after[table] != before.get(table)} == {}
    assert set(before) == set(after)
    assert set(AuditLog.objects.filter(pk__gt=last_entry or 0).values_list("event", flat=True)) == {
        "access.denied"
    }
    assert AuditLog.objects.filter(event="access.denied").exists()


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_service_works_for_the_commune_officer(demo: Any, plan_world: Any, service: str) -> None:
    """The same calls succeed for the person they are meant for (so a refusal above is a
    real refusal, not a broken call)."""
    demo.world = plan_world
    owner = demo.user(FOR.get(service, "owner"))
    if service == "geo.ensure_default_agencies":
        assert geo_services.ensure_default_agencies(demo.commune, actor=owner) == []  # already has them
    elif service == "accounts.switch_membership":
        account_services.switch_membership(
            owner.memberships.get(role="case_worker").pk, actor=owner, session=_request(demo, owner).session
        )
    elif service == "accounts.change_password":
        account_services.change_password(
            owner, actor=owner, new_password="Mat-Khau-Moi-2026", session=_request(demo, owner).session
        )
        owner.refresh_from_db()
        assert owner.check_password("Mat-Khau-Moi-2026")
    else:
        SERVICES[service](demo, owner)
    assert not AuditLog.objects.filter(event="access.denied").exists()
