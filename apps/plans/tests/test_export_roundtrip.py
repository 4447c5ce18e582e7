"""Export -> parse gives the plan back: every corpus plan and the plans authored in tests,
scored with shared/tools/score_plan.py (the same scorer as the parser's corpus test)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from apps.plans.export import write_docx
from apps.plans.parsing import parse

from .conftest import CORPUS, SHARED
from .test_export_plans import COMMUNE_PLAN, ward_plan

_spec = importlib.util.spec_from_file_location("score_plan", SHARED / "tools" / "score_plan.py")
assert _spec and _spec.loader
score_plan = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score_plan)

CORPUS_PLANS = sorted((CORPUS / "expected").glob("*.json"))
PLANS: dict[str, Any] = {p.stem: p for p in CORPUS_PLANS}
PLANS["authored-commune"] = COMMUNE_PLAN
PLANS["authored-ward"] = ward_plan()
BAR = 0.98


def _load(source: Any) -> dict[str, Any]:
    if isinstance(source, Path):
        return json.loads(source.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    return source  # type: ignore[no-any-return]


def _round_trip(plan: dict[str, Any], tmp_path: Path, tasks_as: str) -> tuple[float, dict[str, float]]:
    out = write_docx(plan, tmp_path / "plan.docx", tasks_as=tasks_as)
    parsed = parse(out)
    fields = score_plan.score(plan, parsed)
    return score_plan.mean(list(fields.values())), fields


def test_every_corpus_plan_takes_part() -> None:
    assert len(CORPUS_PLANS) >= 3


@pytest.mark.parametrize("name", sorted(PLANS))
def test_text_export_parses_back_to_the_plan(name: str, tmp_path: Path) -> None:
    total, fields = _round_trip(_load(PLANS[name]), tmp_path, "text")
    assert total >= BAR, {k: v for k, v in fields.items() if v < 1}


# In a table the parser's reader numbers rows by digits only: the ward plan's lettered
# tasks come back renumbered with their group row as one extra task (score 0.994, still
# above the bar); see docs/decisions/plan-export.md.
@pytest.mark.parametrize("name", sorted(PLANS))
def test_table_export_parses_back_to_the_plan(name: str, tmp_path: Path) -> None:
    total, fields = _round_trip(_load(PLANS[name]), tmp_path, "table")
    assert total >= BAR, {k: v for k, v in fields.items() if v < 1}


def test_authored_plan_comes_back_field_by_field(tmp_path: Path) -> None:
    """What the scorer does not look at: refs, partners, the footnoted reference, events."""
    parsed = parse(write_docx(COMMUNE_PLAN, tmp_path / "plan.docx"))
    assert [t["ref"] for t in parsed["tasks"]] == ["II.1", "II.2", "II.3.1", "II.3.2"]
    assert parsed["tasks"][0]["partners"] == ["Hội Liên hiệp Phụ nữ xã", "Đoàn Thanh niên xã"]
    assert [t["timeframe"] for t in parsed["tasks"]] == [t["timeframe"] for t in COMMUNE_PLAN["tasks"]]
    by_number = {r["number"]: r for r in parsed["references"]}
    assert by_number["1790/QĐ-TTg"]["date"] == "2021-10-23"
    assert by_number["1790/QĐ-TTg"]["role"] == "cited"
    assert by_number["178/KH-UBND"]["role"] == "basis"
    assert parsed["events"] == COMMUNE_PLAN["events"]
    assert [(r["due"], r["period"]) for r in parsed["reporting"]] == [
        ("2026-11-25", "annual"),
        ("2026-06-15", "6-month"),
    ]
    assert parsed["signer"] == COMMUNE_PLAN["signer"]
    assert parsed["recipients"] == COMMUNE_PLAN["recipients"]
    assert parsed["document"]["issuer"]["name"] == "Ủy ban nhân dân xã Hà Tây"


def test_ward_draft_keeps_blank_number_partial_date_and_letters(tmp_path: Path) -> None:
    parsed = parse(write_docx(ward_plan(), tmp_path / "plan.docx"))
    assert parsed["document"]["number"] == "/KH-UBND"
    assert parsed["document"]["date"] == "2027-02"
    assert parsed["document"]["issuer"]["level"] == "ward"
    assert [t["ref"] for t in parsed["tasks"]] == ["II.1.a", "II.1.b", "II.2"]
