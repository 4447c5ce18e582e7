"""Access-matrix entries of the reports app (dashboards and consolidated reports): everyone
of a unit and its province reads them but the GBV case workers (as for the submissions
whose figures they carry); the commune officer and the leader open, edit and export their
commune's report, the province officer the province's; another unit's report is 404."""

from __future__ import annotations

from typing import Any

from tests.matrix_shapes import ALL, LOGIN, S


def _report(world: Any) -> Any:
    """Hà Tây's consolidated report for 2026S1, made once per world."""
    if not hasattr(world, "consolidated"):
        from apps.accounts.demo import SYSTEM
        from apps.reports import services

        world.consolidated = services.open_report(world.demo.commune, world.form, "2026S1", actor=SYSTEM)
    return world.consolidated


def none(world: Any) -> dict[str, Any]:
    return {}


def report(world: Any) -> dict[str, Any]:
    return {"pk": _report(world).pk}


def province_report(world: Any) -> dict[str, Any]:
    from apps.accounts.demo import SYSTEM
    from apps.reports import services

    return {"pk": services.open_report(world.demo.province, world.form, "2026S1", actor=SYSTEM).pk}


def docx(world: Any) -> dict[str, Any]:
    return {"pk": _report(world).pk, "kind": "docx"}


def xlsx(world: Any) -> dict[str, Any]:
    return {"pk": _report(world).pk, "kind": "xlsx"}


def exported(world: Any) -> dict[str, Any]:
    from apps.accounts.demo import SYSTEM
    from apps.reports import services

    return {"pk": services.export_report(_report(world), "docx", actor=SYSTEM).pk}


def empty(world: Any) -> dict[str, Any]:
    return {}


def open_data(world: Any) -> dict[str, Any]:
    return {"form": "BD-6T", "period": "2026S1"}


def edit_data(world: Any) -> dict[str, Any]:
    current = _report(world)
    return {**current.sections, "number": "", "revision": current.revision, "proposals": "Ma trận"}


READERS = S(LOGIN, 200, 200, 200, 403, 200, 200)
# Hà Tây's report: its people and the province read it; another commune's officer and the
# case worker (no view of reports) get 404
HATAY_READERS = S(LOGIN, 200, 200, 200, 404, 404, 200)
HATAY_WRITERS = S(LOGIN, 302, 403, 302, 404, 404, 403)

ENTRIES = {
    "reports:dashboard": (none, READERS, empty, ALL(LOGIN, 405)),
    "reports:list": (none, READERS, empty, ALL(LOGIN, 405)),
    # each opens their own unit's report (the outsider hers, the province officer the province's)
    "reports:open": (none, ALL(LOGIN, 405), open_data, S(LOGIN, 302, 403, 302, 403, 302, 302)),
    "reports:detail": (report, HATAY_READERS, empty, ALL(LOGIN, 405)),
    # the province's own report is the province's: the communes do not reach it
    "reports:detail#province": (
        province_report,
        S(LOGIN, 404, 404, 404, 404, 404, 200),
        empty,
        ALL(LOGIN, 405),
    ),
    "reports:edit": (report, S(LOGIN, 200, 403, 200, 404, 404, 403), edit_data, HATAY_WRITERS),
    "reports:export": (docx, ALL(LOGIN, 405), empty, HATAY_WRITERS),
    "reports:export#xlsx": (xlsx, ALL(LOGIN, 405), empty, HATAY_WRITERS),
    "reports:file": (exported, HATAY_READERS, empty, ALL(LOGIN, 405)),
}
