"""The plan of shapes.py in the shapes real files come in, scored per family with
shared/tools/score_plan.py against what the document says (each family >= 0.90).

Reproduce by hand: python3 ../shared/tools/score_plan.py --dir EXPECTED ACTUAL
(the test writes both directories under its tmp path)."""

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


def _scan(tmp: Path) -> dict[str, Any]:
    return parse(shapes.rasterise(shapes.write_layout_pdf(tmp / "for-scan.pdf"), tmp / "scan.pdf"))


def _photo(tmp: Path) -> dict[str, Any]:
    return parse(shapes.photograph(shapes.write_layout_pdf(tmp / "for-photo.pdf"), tmp / "photo.png"))


def _docx(tmp: Path) -> dict[str, Any]:
    return parse(
        shapes.write_docx(
            tmp / "plan.docx", [*shapes.TITLE, *shapes.BASIS, *shapes.body_lines(), *shapes.tail_lines()]
        )
    )


FAMILIES: dict[str, dict[str, Variant]] = {
    "formats": {
        "txt": _text(shapes.plan_text()),
        "markdown": _text(shapes.styled_text(shapes.NUMBERING_STYLES["bold-markdown"]), "md"),
        "docx": _docx,
        "pdf-laid-out": lambda tmp: parse(shapes.write_layout_pdf(tmp / "plan.pdf")),
        "pdf-scanned": _scan,
        "photo-png": _photo,
        "html-portal-page": lambda tmp: parse(shapes.portal_html(tmp / "page.html")),
        "text-copied-from-portal": _text(shapes.portal_copy()),
        "decision-with-plan": _text(shapes.decision_with_plan()),
    },
    "numbering": {
        **{name: _text(shapes.styled_text(style), "md") for name, style in shapes.NUMBERING_STYLES.items()},
        "items-in-lists": _text(shapes.items_in_lists()),
        "docx-automatic-numbering": lambda tmp: parse(shapes.write_numbered_docx(tmp / "auto.docx")),
    },
    "tables": {
        "docx-table": lambda tmp: parse(shapes.write_table_docx(tmp / "table.docx")),
        "docx-table-grouped-merged": lambda tmp: parse(shapes.write_table_docx(tmp / "g.docx", grouped=True)),
        "pdf-ruled-table": lambda tmp: parse(shapes.write_layout_pdf(tmp / "table.pdf", table=True)),
        "markdown-pipe-table": _text(shapes.pipe_table_text(), "md"),
        "pipe-table": _text(shapes.pipe_table_text(markdown=False)),
        "tab-separated": _text(shapes.tab_table_text()),
    },
    "dates": {name: _text(text) for name, text in shapes.date_variants().items()},
    "targets": {name: _text(text) for name, text in shapes.target_variants().items()},
}
EXPECTED: dict[str, Callable[[], dict[str, Any]]] = {
    "decision-with-plan": shapes.expected_decision,
    **{name: (lambda name=name: shapes.expected_date_variant(name)) for name in shapes.date_variants()},
}


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, dict[str, Any]]]:
    """Every variant parsed once (OCR takes seconds a page)."""
    tmp = tmp_path_factory.mktemp("shapes")
    return {
        family: {name: variant(tmp) for name, variant in variants.items()}
        for family, variants in FAMILIES.items()
    }


def score_family(actual: dict[str, dict[str, Any]], tmp_path: Path) -> dict[str, Any]:
    expected_dir, actual_dir = tmp_path / "expected", tmp_path / "actual"
    expected_dir.mkdir()
    actual_dir.mkdir()
    for name, result in actual.items():
        expected = EXPECTED.get(name, shapes.expected)()
        (expected_dir / f"{name}.json").write_text(json.dumps(expected, ensure_ascii=False), encoding="utf-8")
        (actual_dir / f"{name}.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
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
def test_each_family_of_shapes_scores_at_least_090(
    family: str, results: dict[str, dict[str, dict[str, Any]]], tmp_path: Path
) -> None:
    report = score_family(results[family], tmp_path)
    assert report["overall"] >= 0.90, json.dumps(report["documents"], indent=1)


def test_every_variant_is_schema_valid(
    results: dict[str, dict[str, dict[str, Any]]], schema_validator: Any
) -> None:
    for family in results.values():
        for name, result in family.items():
            assert [e.message for e in schema_validator.iter_errors(result)] == [], name


def test_text_read_by_ocr_says_so(results: dict[str, dict[str, dict[str, Any]]]) -> None:
    for name in ("pdf-scanned", "photo-png"):
        assert any("OCR" in w for w in results["formats"][name]["source"]["warnings"]), name
    assert not any("OCR" in w for w in results["formats"]["pdf-laid-out"]["source"]["warnings"])


def test_portal_chrome_is_not_read(results: dict[str, dict[str, dict[str, Any]]]) -> None:
    for name in ("html-portal-page", "text-copied-from-portal"):
        result = results["formats"][name]
        assert [r["number"] for r in result["references"]] == ["73/2006/QH11", "41/KH-UBND"], name
        assert result["document"]["issuer"]["parent"] == "tỉnh Tuyên Quang", name
        assert any("trang web" in w for w in result["source"]["warnings"]), name
