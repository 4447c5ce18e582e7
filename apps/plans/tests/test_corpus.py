"""The real plans in shared/corpus, scored with shared/tools/score_plan.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from apps.plans.parsing import parse

from .conftest import CORPUS, SHARED

CORPUS_FILES = sorted(p for p in CORPUS.iterdir() if p.is_file())


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_corpus_output_is_schema_valid(path: Path, schema_validator: Any) -> None:
    result = parse(path)
    errors = [e.message for e in schema_validator.iter_errors(result)]
    assert errors == []


def test_corpus_scores_full_marks(tmp_path: Path) -> None:
    """The score covers every field the expected files give; rules are tested in test_rules."""
    assert len(CORPUS_FILES) >= 3
    for path in CORPUS_FILES:
        (tmp_path / f"{path.stem}.json").write_text(
            json.dumps(parse(path), ensure_ascii=False), encoding="utf-8"
        )
    scored = subprocess.run(
        [
            sys.executable,
            str(SHARED / "tools" / "score_plan.py"),
            "--dir",
            "--json",
            str(CORPUS / "expected"),
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(scored.stdout)
    assert round(report["overall"], 3) == 1.0, json.dumps(report["documents"], indent=1)
