"""Unit picker search over all 3,355 units: mean milliseconds per query (SQLite, in memory).

.venv/bin/python bench/unit_search.py     (writes bench/results/unit_search.json)
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "binhdang.settings")
os.environ["DATABASE_URL"] = "sqlite://:memory:"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from apps.geo.models import AdministrativeUnit  # noqa: E402

QUERIES = [
    "ha tay",
    "Hà Tây",
    "HA TAY",
    "hoa binh",
    "an",
    "phuong",
    "thuy nguyen",
    "dak",
    "xa tien lang",
    "zzz",
]


def main() -> None:
    call_command("migrate", verbosity=0)
    timings: dict[str, float] = {}
    for query in QUERIES:
        runs = 50
        start = time.perf_counter()
        for _ in range(runs):
            list(AdministrativeUnit.objects.search(query)[:25])
        timings[query] = round((time.perf_counter() - start) / runs * 1000, 3)
    result = {"units": AdministrativeUnit.objects.count(), "ms_per_query_first_page": timings}
    (ROOT / "bench" / "results" / "unit_search.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
