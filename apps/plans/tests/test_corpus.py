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


def test_corpus_scores_at_least_095(tmp_path: Path) -> None:
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
    assert report["overall"] >= 0.95, json.dumps(report["documents"], indent=1)


def test_ha_tay_details() -> None:
    result = parse(CORPUS / "ha-tay-2026.md")
    doc = result["document"]
    assert (doc["number"], doc["date"], doc["place"], doc["year"]) == (
        "171/KH-UBND",
        "2026-05-29",
        "Hà Tây",
        2026,
    )
    assert doc["issuer"] == {
        "name": "Ủy ban nhân dân xã Hà Tây",
        "level": "commune",
        "locality": "Hà Tây",
        "parent": "thành phố Hải Phòng",
    }
    assert result["signer"] == {
        "authority": ["KT. CHỦ TỊCH"],
        "position": "PHÓ CHỦ TỊCH",
        "name": "Nguyễn Quang Ngọc",
    }
    assert [e["start"] for e in result["events"]] == ["2026-06-28", "2026-10-20", "2026-11-15"]
    assert {(t["comparator"], t["value"], t["unit"]) for t in result["targets"]} == {
        ("=", 100, "%"),
        (">", 90, "%"),
    }
    # markup is gone and the text is NFC with one tone style
    dumped = json.dumps(result, ensure_ascii=False)
    assert "**" not in dumped and "##" not in dumped
    assert "văn hoá" not in dumped


def test_tan_yen_blank_number_and_partial_date() -> None:
    result = parse(CORPUS / "tan-yen-2026.txt")
    assert result["document"]["number"] == "/KH-UBND"
    assert result["document"]["date"] == "2026-05"
    assert any("số văn bản để trống" in w for w in result["source"]["warnings"])
    footnoted = {r["number"] for r in result["references"]}
    assert {"48/2009/NĐ-CP", "128/LĐTĐ-BHXH-BĐG", "417/QĐ-BNNMT"} <= footnoted
    assert result["reporting"][0]["due"] == "2026-11-25"
