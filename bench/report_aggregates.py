"""Reporting at the scale of the largest province: every commune of Thành phố Hồ Chí Minh
(168) opens, fills, submits its six-month report and has it approved through the
services, with plausible figures (the demo's generator: totals, parts by sex, some by age,
ethnicity and disability). Measured: milliseconds to approve one report (the aggregates
move in the same transaction) and to read a province's totals page data
(`aggregation.province_table` + `completeness.rates` + `completeness.by_unit`), and the
time of `check-aggregates` for the province; projected to all 3,321 communes in 34
provinces.

.venv/bin/python bench/report_aggregates.py          (SQLite in memory)
BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/EMPTY_DB .venv/bin/python bench/report_aggregates.py

Each run writes its database's figures into bench/results/report_aggregates.json and
keeps the other database's.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "binhdang.settings")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or "sqlite://:memory:"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from apps.accounts.demo import SYSTEM  # noqa: E402
from apps.accounts.models import Role, User  # noqa: E402
from apps.accounts.services import add_membership  # noqa: E402
from apps.geo.models import AdministrativeUnit, Level  # noqa: E402
from apps.indicators import services  # noqa: E402
from apps.indicators.demo import seeded_random, typed_entries  # noqa: E402
from apps.indicators.models import ReportForm  # noqa: E402
from apps.indicators.reporting import aggregation, completeness  # noqa: E402

PROVINCE = "Thành phố Hồ Chí Minh"
PERIOD = "2026S1"
COMMUNES_IN_VIETNAM = 3321
PROVINCES_IN_VIETNAM = 34
DETAIL = 0.5  # share of figures broken down by age, ethnicity and disability (by sex: all)
READS = 30
RESULT = ROOT / "bench" / "results" / "report_aggregates.json"


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "mean": ms(statistics.fmean(ordered)),
        "median": ms(statistics.median(ordered)),
        "p95": ms(ordered[int(0.95 * (len(ordered) - 1))]),
        "max": ms(ordered[-1]),
    }


def main() -> None:
    call_command("migrate", verbosity=0)
    province = AdministrativeUnit.objects.get(name=PROVINCE, level=Level.PROVINCE)
    communes = list(
        AdministrativeUnit.objects.filter(parent=province, level=Level.COMMUNE, is_active=True).order_by(
            "code"
        )
    )
    officer = User.objects.create_user("bench-province", password=None, full_name="Chuyên viên Sở Nội vụ")
    add_membership(officer, province, Role.PROVINCE_OFFICER, actor=SYSTEM)
    form = ReportForm.objects.get(code="BD-6T")

    timings: dict[str, list[float]] = {"open": [], "save": [], "submit": [], "approve": []}
    values_per_report: list[int] = []
    approve_queries: list[int] = []
    started = time.perf_counter()
    for unit in communes:
        t0 = time.perf_counter()
        submission = services.open_submission(form, unit, PERIOD, actor=SYSTEM)
        t1 = time.perf_counter()
        entries = typed_entries(submission, seeded_random("bench", unit.code), detail=DETAIL)
        t2 = time.perf_counter()
        submission = services.save_values(submission, entries, actor=SYSTEM)
        t3 = time.perf_counter()
        submission = services.submit(submission, actor=SYSTEM)
        reset_queries()  # the query log keeps at most 9000: counts need it empty
        t4 = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            services.approve(submission, actor=officer)
        t5 = time.perf_counter()
        timings["open"].append(t1 - t0)
        timings["save"].append(t3 - t2)
        timings["submit"].append(t4 - t3)
        timings["approve"].append(t5 - t4)
        approve_queries.append(len(queries))
        values_per_report.append(submission.values.exclude(numerator=None).count())
    build_seconds = time.perf_counter() - started
    assert aggregation.differences(province.pk) == []

    today = dt.date(2026, 11, 23)
    reads: list[float] = []
    read_queries = 0
    for _ in range(READS):
        reset_queries()
        t0 = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            table = aggregation.province_table(form, province, PERIOD)
            rates = completeness.rates(form, province, PERIOD)
            rows = completeness.by_unit(form, province, PERIOD, today)
        reads.append(time.perf_counter() - t0)
        read_queries = len(queries)
    checks: list[float] = []
    for _ in range(5):
        t0 = time.perf_counter()
        aggregation.differences(province.pk)
        checks.append(time.perf_counter() - t0)

    approve_ms = statistics.fmean(timings["approve"]) * 1000
    per_report_ms = sum(statistics.fmean(v) for v in timings.values()) * 1000
    check_ms = statistics.fmean(checks) * 1000
    backend = connection.vendor
    result: dict[str, Any] = {
        "machine": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "cores": os.cpu_count(),
        "load_average_1min_at_start": round(os.getloadavg()[0], 2),
        "date": dt.date.today().isoformat(),
        "database": backend,
        "province": PROVINCE,
        "communes": len(communes),
        "form": form.code,
        "indicators_on_form": len(form.ordered_indicators()),
        "values_per_report": {
            "mean": round(statistics.fmean(values_per_report), 1),
            "max": max(values_per_report),
        },
        "aggregate_rows_for_the_province_and_period": len(table),
        "build_seconds": round(build_seconds, 1),
        "ms_per_report": {name: summary(samples) for name, samples in timings.items()},
        "queries_per_approval": round(statistics.fmean(approve_queries), 1),
        "province_page_data_ms": summary(reads),
        "province_page_data_queries": read_queries,
        "province_page_check": {
            "completeness_percent": rates.completeness,
            "communes_listed": len(rows),
        },
        "check_aggregates_province_ms": round(check_ms, 1),
        "projection_3321_communes_34_provinces": {
            "note": (
                "approvals are independent (one report's values, unique-index updates), so the "
                "national cost is communes × the mean; a province page reads its own aggregate "
                "rows and communes, so the largest province (measured) bounds every page; "
                "check-aggregates recomputes every approved value, linear in communes"
            ),
            "approving_every_report_minutes": round(COMMUNES_IN_VIETNAM * approve_ms / 60000, 1),
            "open_fill_submit_approve_every_report_minutes": round(
                COMMUNES_IN_VIETNAM * per_report_ms / 60000, 1
            ),
            "province_page_data_ms_largest_province": ms(statistics.median(reads)),
            "check_aggregates_all_provinces_seconds": round(
                check_ms * COMMUNES_IN_VIETNAM / len(communes) / 1000, 1
            ),
            "aggregate_rows_per_period_nationally": len(table) * PROVINCES_IN_VIETNAM,
            "data_values_per_period_nationally": round(
                statistics.fmean(values_per_report) * COMMUNES_IN_VIETNAM
            ),
        },
    }
    recorded = json.loads(RESULT.read_text(encoding="utf-8")) if RESULT.exists() else {}
    recorded[backend] = result
    RESULT.write_text(json.dumps(recorded, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
