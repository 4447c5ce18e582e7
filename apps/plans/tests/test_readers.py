"""Readers: progress per page, OCR present or not, PDF columns."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from apps.plans.parsing import ParseError, ocr, parse
from apps.plans.parsing.pdf import read

from . import shapes


def test_progress_is_reported_per_pdf_page(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    parse(
        shapes.write_layout_pdf(tmp_path / "plan.pdf"),
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls == [(1, 2), (2, 2)]


def test_progress_is_reported_once_for_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(shapes.plan_text(), encoding="utf-8")
    calls: list[tuple[int, int]] = []
    parse(path, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 1)]


def test_pdf_header_and_signature_columns_are_read_apart(tmp_path: Path) -> None:
    text = read(shapes.write_layout_pdf(tmp_path / "plan.pdf")).text.splitlines()
    # left column first, then the right one: the number and the date are separate lines
    assert text[:6] == [*shapes.ISSUER, shapes.NUMBER, *shapes.MOTTO, shapes.DATE]
    assert text[-7:] == ["Nơi nhận:", *(f"- {r}" for r in shapes.RECIPIENTS), *shapes.SIGNATURE]


def test_ocr_is_installed_where_the_tests_run() -> None:
    # `make test` installs it (scripts/ensure-tesseract.sh): the OCR tests never skip
    assert ocr.available()


def test_without_ocr_a_scan_gets_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    scan = shapes.rasterise(shapes.write_layout_pdf(tmp_path / "plan.pdf"), tmp_path / "scan.pdf")
    photo = tmp_path / "photo.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    for path in (scan, photo):
        with pytest.raises(ParseError, match="chưa cài Tesseract OCR"):
            parse(path)


def test_a_broken_image_is_refused(tmp_path: Path) -> None:
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"not an image at all, just text")
    with pytest.raises(ParseError, match="không đọc được"):
        parse(photo)


def test_cli_parses_a_scanned_pdf(tmp_path: Path) -> None:
    scan = shapes.rasterise(shapes.write_layout_pdf(tmp_path / "plan.pdf"), tmp_path / "scan.pdf")
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "binhdang.cli", "parse", "--out", str(out), str(scan)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "scan.pdf: KH 58/KH-UBND — 4 nhiệm vụ" in result.stdout
    assert (out / "scan.json").exists()
