"""Every consolidated-report service, called by someone who may not use it, refuses,
writes nothing (no row, no file) and logs the refusal; the same call works for the people
it is for. The list is checked against the services module, so a new service must join it."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from apps.access.models import AuditLog
from apps.indicators.tests.world import ReportWorld
from apps.reports import services
from apps.reports.models import ConsolidatedReport, ReportFile


def _hatay(w: ReportWorld) -> ConsolidatedReport:
    from apps.accounts.demo import SYSTEM

    return services.open_report(w.demo.commune, w.form, "2026S1", actor=SYSTEM)


def _city(w: ReportWorld) -> ConsolidatedReport:
    from apps.accounts.demo import SYSTEM

    return services.open_report(w.demo.province, w.form, "2026S1", actor=SYSTEM)


def _save(report: Callable[[ReportWorld], ConsolidatedReport]) -> Callable[[ReportWorld, Any], Any]:
    return lambda w, a: services.save_report(
        report(w), actor=a, sections={"proposals": "Đề nghị"}, number="", revision=1
    )


# service (#variant) -> (call(world, actor), who may use it)
SERVICES: dict[str, tuple[Callable[[ReportWorld, Any], Any], set[str]]] = {
    "open_report": (
        lambda w, a: services.open_report(w.demo.commune, w.form, "2026S1", actor=a),
        {"owner", "leader"},
    ),
    "open_report#province": (
        lambda w, a: services.open_report(w.demo.province, w.form, "2026S1", actor=a),
        {"province"},
    ),
    "save_report": (_save(_hatay), {"owner", "leader"}),
    "save_report#province": (_save(_city), {"province"}),
    "export_report": (lambda w, a: services.export_report(_hatay(w), "docx", actor=a), {"owner", "leader"}),
    "export_report#province": (lambda w, a: services.export_report(_city(w), "xlsx", actor=a), {"province"}),
}
# what the audit log gains from each call
SAVED, EXPORTED = "report.consolidated_saved", "report.consolidated_exported"
EVENTS = {"open_report": [SAVED], "save_report": [SAVED, SAVED], "export_report": [SAVED, EXPORTED]}
# checks and helpers that change nothing
INTERNAL = {"parse_period", "file_name"}
PERSONAS = ["owner", "focal", "leader", "caseworker", "outsider", "province", None]


def test_every_service_is_listed() -> None:
    found = {
        name
        for name, value in vars(services).items()
        if inspect.isfunction(value) and value.__module__ == services.__name__ and not name.startswith("_")
    }
    assert found == {key.split("#")[0] for key in SERVICES} | INTERNAL


def _state(files: Path) -> tuple[Any, ...]:
    return (
        sorted(ConsolidatedReport.objects.values_list("pk", "revision", "status", "number")),
        sorted(ReportFile.objects.values_list("pk", flat=True)),
        sorted(p.name for p in files.glob("*")) if files.exists() else [],
    )


CASES = [(name, p) for name in sorted(SERVICES) for p in PERSONAS if p not in SERVICES[name][1]]


@pytest.mark.parametrize(("service", "persona"), CASES)
def test_service_refuses(demo_plans: Any, files: Path, service: str, persona: str | None) -> None:
    world = ReportWorld(demo_plans)
    if not service.startswith("open_report"):
        (_city if service.endswith("#province") else _hatay)(world)  # the report exists already
    before = _state(files)
    denied = AuditLog.objects.filter(event="access.denied").count()
    with pytest.raises(PermissionDenied):
        SERVICES[service][0](world, demo_plans.user(persona) if persona else None)
    assert _state(files) == before
    assert AuditLog.objects.filter(event="access.denied").count() == denied + 1


@pytest.mark.parametrize(
    ("service", "persona"), [(name, p) for name in sorted(SERVICES) for p in sorted(SERVICES[name][1])]
)
def test_service_works_for_whom_it_is_for(demo_plans: Any, files: Path, service: str, persona: str) -> None:
    world = ReportWorld(demo_plans)
    before = AuditLog.objects.count()
    SERVICES[service][0](world, demo_plans.user(persona))
    assert not AuditLog.objects.filter(event="access.denied").exists()
    recorded = list(AuditLog.objects.order_by("pk").values_list("event", flat=True))[before:]
    # the report opened beforehand by the system, then what the persona did
    assert recorded == EVENTS[service.split("#")[0]]
