"""The plan of shapes.py in the shapes real files come in, scored per family with
shared/tools/score_plan.py against what the document says (each family >= 0.90)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from apps.plans.parsing import parse, parse_text

from . import shapes
from .conftest import SHARED

Variant = Callable[[Path], dict[str, Any]]


def _text(text: str, fmt: str = "txt") -> Variant:
    return lambda _tmp: parse_text(text, fmt)


FAMILIES: dict[str, dict[str, Variant]] = {
    "numbering": {
        **{name: _text(shapes.styled_text(style), "md") for name, style in shapes.NUMBERING_STYLES.items()},
        "items-in-lists": _text(shapes.items_in_lists()),
        "docx-automatic-numbering": lambda tmp: parse(shapes.write_numbered_docx(tmp / "auto.docx")),
    },
    "tables": {
        "docx-table": lambda tmp: parse(shapes.write_table_docx(tmp / "table.docx")),
        "docx-table-grouped-merged": lambda tmp: parse(shapes.write_table_docx(tmp / "g.docx", grouped=True)),
        "markdown-pipe-table": _text(shapes.pipe_table_text(), "md"),
        "pipe-table": _text(shapes.pipe_table_text(markdown=False)),
        "tab-separated": _text(shapes.tab_table_text()),
    },
}


def score_family(variants: dict[str, Variant], tmp_path: Path) -> dict[str, Any]:
    expected_dir, actual_dir = tmp_path / "expected", tmp_path / "actual"
    expected_dir.mkdir()
    actual_dir.mkdir()
    for name, variant in variants.items():
        result = variant(tmp_path)
        (expected_dir / f"{name}.json").write_text(json.dumps(shapes.expected(), ensure_ascii=False))
        (actual_dir / f"{name}.json").write_text(json.dumps(result, ensure_ascii=False))
    scored = subprocess.run(
        [
            sys.executable,
            str(SHARED / "tools" / "score_plan.py"),
            "--dir",
            "--json",
            str(expected_dir),
            str(actual_dir),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(scored.stdout))


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_each_family_of_shapes_scores_at_least_090(family: str, tmp_path: Path) -> None:
    report = score_family(FAMILIES[family], tmp_path)
    assert report["overall"] >= 0.90, json.dumps(report["documents"], indent=1)


def test_every_variant_is_schema_valid(tmp_path: Path, schema_validator: Any) -> None:
    for family in FAMILIES.values():
        for name, variant in family.items():
            errors = [e.message for e in schema_validator.iter_errors(variant(tmp_path))]
            assert errors == [], name
