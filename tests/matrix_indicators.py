"""Access-matrix entries of the indicators pages (the catalogue and the reports). The
world is apps/indicators/tests/world.ReportWorld: Hà Tây's 2026S1 report opened as a
draft, pre-filled from an activity.

Everyone reads the catalogue; only the province officer adds and edits the province's
own indicators (national ones: nobody). A commune's report is read by its own people
and its province, never by another commune (404) nor by the case worker, who has no
"view" on reports (404, as for any object out of reach; the reports page itself: 403);
the officer, the focal person and the leader enter figures, the officer and the leader
send the report, the province returns, approves and reopens it and sets due dates."""

from __future__ import annotations

from typing import Any

from tests.matrix_shapes import ALL, LOGIN, S


def none(world: Any) -> dict[str, Any]:
    return {}


def empty(world: Any) -> dict[str, Any]:
    return {}


def national(world: Any) -> dict[str, Any]:
    return {"code": "BD-C02"}


def hp_indicator(world: Any) -> dict[str, Any]:
    from apps.indicators.models import Indicator

    Indicator.objects.get_or_create(
        code="HP-01",
        defaults={
            "name_vi": "Chỉ tiêu riêng của Hải Phòng",
            "kind": "count",
            "province": world.demo.province,
        },
    )
    return {"code": "HP-01"}


def indicator_data(world: Any) -> dict[str, Any]:
    return {
        "code": "HP-77",
        "name_vi": "Số câu lạc bộ ma trận",
        "kind": "count",
        "multiplier": "1",
        "levels": ["commune"],
        "periods": ["S", "Y"],
        "change_threshold": "50",
    }


def open_data(world: Any) -> dict[str, Any]:
    return {"form": "BD-6T", "period": "2026S2"}


def due_data(world: Any) -> dict[str, Any]:
    return {"form": "BD-6T", "period": "2026S1", "due": "2026-07-25"}


def draft(world: Any) -> dict[str, Any]:
    return {"pk": world.submission.pk}


def submitted(world: Any) -> dict[str, Any]:
    from apps.accounts.demo import SYSTEM
    from apps.indicators import services

    world.submission = services.submit(world.submission, actor=SYSTEM)
    return {"pk": world.submission.pk}


def approved(world: Any) -> dict[str, Any]:
    from apps.indicators import services

    submitted(world)
    world.submission = services.approve(world.submission, actor=world.demo.user("province"))
    return {"pk": world.submission.pk}


def figures(world: Any) -> dict[str, Any]:
    from apps.indicators.reporting.forms import field_name

    return {"revision": world.submission.revision, field_name("BD-V01", "", "num"): "2"}


def revision(world: Any) -> dict[str, Any]:
    return {"revision": world.submission.revision}


def comment(world: Any) -> dict[str, Any]:
    return {"comment": "Thiếu số liệu ma trận"}


def reason(world: Any) -> dict[str, Any]:
    return {"reason": "Sửa số liệu ma trận"}


NOT_CASEWORKER = S(LOGIN, 200, 200, 200, 403, 200, 200)
# a commune's report: read by its people and its province; 404 for another commune and
# for the case worker (no "view" on reports)
REPORT_READERS = S(LOGIN, 200, 200, 200, 404, 404, 200)
PROVINCE_ONLY = S(LOGIN, 403, 403, 403, 403, 403, 302)
REVIEW = S(LOGIN, 403, 403, 403, 404, 404, 302)

ENTRIES: dict[str, tuple[Any, dict[str, int], Any, dict[str, int]]] = {
    "indicators:catalogue": (none, ALL(LOGIN, 200), empty, ALL(LOGIN, 405)),
    "indicators:indicator_detail": (national, ALL(LOGIN, 200), empty, ALL(LOGIN, 405)),
    "indicators:indicator_detail#province": (hp_indicator, ALL(LOGIN, 200), empty, ALL(LOGIN, 405)),
    "indicators:indicator_create": (
        none,
        S(LOGIN, 403, 403, 403, 403, 403, 200),
        indicator_data,
        PROVINCE_ONLY,
    ),
    "indicators:indicator_edit": (
        hp_indicator,
        S(LOGIN, 403, 403, 403, 403, 403, 200),
        indicator_data,
        PROVINCE_ONLY,
    ),
    # the national catalogue is read-only for everyone, the province officer included
    "indicators:indicator_edit#national": (national, ALL(LOGIN, 403), indicator_data, ALL(LOGIN, 403)),
    "indicators:reports": (none, NOT_CASEWORKER, empty, ALL(LOGIN, 405)),
    # each commune opens its own report (the outsider opens Tiên Lãng's); the province does not
    "indicators:open": (none, ALL(LOGIN, 405), open_data, S(LOGIN, 302, 302, 302, 403, 302, 403)),
    "indicators:set_due": (none, ALL(LOGIN, 405), due_data, PROVINCE_ONLY),
    "indicators:submission": (draft, REPORT_READERS, empty, ALL(LOGIN, 405)),
    "indicators:submission#submitted": (submitted, REPORT_READERS, empty, ALL(LOGIN, 405)),
    "indicators:submission_save": (
        draft,
        ALL(LOGIN, 405),
        figures,
        S(LOGIN, 302, 302, 302, 404, 404, 403),
    ),
    "indicators:submit": (draft, ALL(LOGIN, 405), revision, S(LOGIN, 302, 403, 302, 404, 404, 403)),
    "indicators:return": (submitted, ALL(LOGIN, 405), comment, REVIEW),
    "indicators:approve": (submitted, ALL(LOGIN, 405), empty, REVIEW),
    "indicators:reopen": (approved, ALL(LOGIN, 405), reason, REVIEW),
}
