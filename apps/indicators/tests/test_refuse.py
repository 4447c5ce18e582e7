"""Every reporting service, called by someone who may not use it, refuses, writes nothing
and logs the refusal; the same call works for the people it is for. The list is checked
against the services module, so a new service must join it."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from apps.access.models import AuditLog
from apps.indicators import services
from apps.indicators.models import AggregateValue, DataValue, Indicator, ReportingPeriod, Submission
from apps.indicators.services import Entry
from apps.indicators.tests.world import ReportWorld


def _submitted(w: ReportWorld) -> Submission:
    if w.submission.status == "draft":
        w.submission = services.submit(w.submission, actor=w.demo.user("owner"))
    return w.submission


def _approved(w: ReportWorld) -> Submission:
    if w.submission.status != "approved":
        w.submission = services.approve(_submitted(w), actor=w.demo.user("province"))
    return w.submission


def _own_indicator(w: ReportWorld) -> Indicator:
    return Indicator.objects.get_or_create(
        code="HP-01", defaults={"name_vi": "Chỉ tiêu riêng", "kind": "count", "province": w.demo.province}
    )[0]


# service -> (call(world, actor), who may use it); each acts on Hà Tây or Hải Phòng
SERVICES: dict[str, tuple[Callable[[ReportWorld, Any], Any], set[str]]] = {
    "set_due_date": (
        lambda w, a: services.set_due_date(
            w.form, actor=a, province=w.demo.province, period="2026S1", due=dt.date(2026, 7, 20)
        ),
        {"province"},
    ),
    "open_submission": (
        lambda w, a: services.open_submission(w.form, w.demo.commune, "2026S2", actor=a),
        {"owner", "focal", "leader"},
    ),
    "save_values": (
        lambda w, a: services.save_values(
            w.submission, {("BD-T01", ""): Entry(Decimal(1), reason="Lớp chưa ghi")}, actor=a
        ),
        {"owner", "focal", "leader"},
    ),
    "submit": (lambda w, a: services.submit(w.submission, actor=a), {"owner", "leader"}),
    "return_submission": (
        lambda w, a: services.return_submission(_submitted(w), "Sửa", actor=a),
        {"province"},
    ),
    "approve": (lambda w, a: services.approve(_submitted(w), actor=a), {"province"}),
    "reopen": (lambda w, a: services.reopen(_approved(w), "Sửa", actor=a), {"province"}),
    "create_indicator": (
        lambda w, a: services.create_indicator(
            w.demo.province, actor=a, code="HP-02", name_vi="Mới", kind="count"
        ),
        {"province"},
    ),
    "update_indicator": (
        lambda w, a: services.update_indicator(_own_indicator(w), actor=a, name_vi="Đổi"),
        {"province"},
    ),
}
# checks, queries and helpers that run inside services or change nothing
INTERNAL = {
    "default_due",
    "parse_period",
    "reporting_period",
    "actor_name",
    "findings",
    "parse_number",
    "is_complete",
}
PERSONAS = ["owner", "focal", "leader", "caseworker", "outsider", "province", None]


def test_every_service_is_listed() -> None:
    found = {
        name
        for name, value in vars(services).items()
        if inspect.isfunction(value) and value.__module__ == services.__name__ and not name.startswith("_")
    }
    assert found == set(SERVICES) | INTERNAL


def _state() -> tuple[Any, ...]:
    return (
        sorted(Submission.objects.values_list("pk", "status", "revision")),
        sorted(DataValue.objects.values_list("pk", "numerator")),
        sorted(AggregateValue.objects.values_list("pk", "numerator", "contributors")),
        sorted(ReportingPeriod.objects.values_list("pk", "due")),
        sorted(Indicator.objects.values_list("code", "name_vi")),
    )


CASES = [(name, p) for name in sorted(SERVICES) for p in PERSONAS if p not in SERVICES[name][1]]


@pytest.mark.parametrize(("service", "persona"), CASES)
def test_service_refuses(demo: Any, service: str, persona: str | None) -> None:
    world = ReportWorld(demo)
    call = SERVICES[service][0]
    if service in {"return_submission", "approve", "reopen"}:
        _approved(world) if service == "reopen" else _submitted(world)
    if service == "update_indicator":
        _own_indicator(world)
    before = _state()
    denied = AuditLog.objects.filter(event="access.denied").count()
    with pytest.raises(PermissionDenied):
        call(world, demo.user(persona) if persona else None)
    assert _state() == before
    assert AuditLog.objects.filter(event="access.denied").count() == denied + 1


@pytest.mark.parametrize(
    ("service", "persona"), [(name, p) for name in sorted(SERVICES) for p in sorted(SERVICES[name][1])]
)
def test_service_works_for_whom_it_is_for(demo: Any, service: str, persona: str) -> None:
    world = ReportWorld(demo)
    if service == "update_indicator":
        _own_indicator(world)
    if service == "submit":
        services.save_values(world.submission, {("BD-T01", ""): Entry(Decimal(0))}, actor=demo.user("owner"))
    before = AuditLog.objects.count()
    SERVICES[service][0](world, demo.user(persona))
    assert not AuditLog.objects.filter(event="access.denied").exists()
    assert AuditLog.objects.count() > before
