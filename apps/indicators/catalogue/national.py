"""The national catalogue: the 49 indicators of shared/domain/indicators.yaml with the
strategy targets of strategy-targets.yaml beside them, and the two national forms (the
6-month and the annual report). Both files are copied into `data/` (a test keeps them in
step with shared/) so that a deployment without shared/ seeds the same catalogue; the
migration calls `seed` with its historical models."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent.parent / "data"

# the national forms: every commune indicator reported for that period type
NATIONAL_FORMS = (
    ("BD-6T", "Báo cáo 6 tháng công tác bình đẳng giới và vì sự tiến bộ của phụ nữ", "S"),
    ("BD-NAM", "Báo cáo năm công tác bình đẳng giới và vì sự tiến bộ của phụ nữ", "Y"),
)
# largest plausible commune value where a count has a natural ceiling
PLAUSIBLE_MAX = {"cuộc": 2000, "lớp": 500, "lượt người": 200000, "người": 100000}


def indicators() -> list[dict[str, Any]]:
    return list(yaml.safe_load((DATA / "indicators.yaml").read_text(encoding="utf-8"))["indicators"])


def strategy_targets() -> dict[str, dict[str, Any]]:
    data = yaml.safe_load((DATA / "strategy-targets.yaml").read_text(encoding="utf-8"))
    return {row["code"]: row for row in [*data["targets"], *data.get("related_programmes", [])]}


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def seed(indicator_model: Any, form_model: Any, row_model: Any) -> None:
    targets = strategy_targets()
    for order, item in enumerate(indicators(), start=1):
        target = targets.get(item.get("strategy_target") or "", {})
        indicator_model.objects.update_or_create(
            code=item["code"],
            defaults={
                "name_vi": item["name_vi"],
                "name_en": item.get("name_en") or "",
                "group": item["code"][3],
                "kind": item["kind"],
                "unit_label": item.get("unit") or "",
                "numerator_text": item.get("numerator") or "",
                "denominator_text": item.get("denominator") or "",
                "definition": item.get("definition") or "",
                "multiplier": item.get("multiplier") or 1,
                "disaggregations": item.get("disaggregations") or [],
                "levels": item.get("levels") or [],
                "periods": item.get("periods") or [],
                "stock": bool(item.get("stock")),
                "prefill": item.get("prefill") or "manual",
                "strategy_target": item.get("strategy_target") or "",
                "strategy_text": target.get("text_vi") or "",
                "comparator": target.get("comparator") or "",
                "target_2025": _decimal(target.get("target_2025")),
                "target_2030": _decimal(target.get("target_2030")),
                "max_value": _decimal(PLAUSIBLE_MAX.get(item.get("unit") or "")),
                "retired": bool(item.get("retired")),
                "order": order,
                "search_key": "",
            },
        )
    from core.text import fold

    for row in indicator_model.objects.all():
        row.search_key = fold(f"{row.code} {row.name_vi} {row.name_en}")[:900]
        row.save(update_fields=["search_key"])
    for code, name, period_type in NATIONAL_FORMS:
        form, _ = form_model.objects.update_or_create(
            code=code, defaults={"name": name, "period_type": period_type, "province": None}
        )
        wanted = [
            row
            for row in indicator_model.objects.filter(province__isnull=True, retired=False).order_by("order")
            if period_type in row.periods and "commune" in row.levels
        ]
        for order, indicator in enumerate(wanted, start=1):
            row_model.objects.update_or_create(form=form, indicator=indicator, defaults={"order": order})
