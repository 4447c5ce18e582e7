"""Readers: progress per page, OCR present or not, PDF columns, the typed blocks they hand over."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from apps.plans.parsing import ParseError, ocr, parse, parse_reading
from apps.plans.parsing.blocks import OutlineItem, PageBreak, Paragraph, Table, paragraphs
from apps.plans.parsing.cleanup import portal
from apps.plans.parsing.pdf import read
from apps.plans.parsing.readers import read_any
from apps.plans.parsing.tables import text_tables

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


# --- the blocks a reader hands over ----------------------------------------------------


def test_docx_numbered_paragraphs_arrive_with_their_number_and_depth(tmp_path: Path) -> None:
    reading = read_any(shapes.write_numbered_docx(tmp_path / "auto.docx"))
    items = [b for b in reading.blocks if isinstance(b, OutlineItem)]
    first_task = shapes.TASKS[0].title
    assert OutlineItem("II.", 0, "NHIỆM VỤ VÀ GIẢI PHÁP") in items
    assert OutlineItem("1.", 1, first_task) in items
    assert {b.depth for b in items} == {0, 1, 2, 3}
    # the review page's text shows each number as Word does, before its paragraph
    assert f"\n1. {first_task}\n" in reading.text


def test_docx_task_table_arrives_as_a_table(tmp_path: Path) -> None:
    reading = read_any(shapes.write_table_docx(tmp_path / "table.docx"))
    found = [b for b in reading.blocks if isinstance(b, Table)]
    # the two-column header block, then the task table with its rows as the file has them
    assert [list(map(list, t.rows)) for t in found[1:]] == [shapes.table_rows()]
    assert parse_reading(reading) == parse(tmp_path / "table.docx")


@pytest.mark.parametrize("text", [shapes.pipe_table_text(), shapes.tab_table_text()])
def test_rows_of_a_text_table_become_one_table(text: str) -> None:
    found = [b for b in text_tables(paragraphs(text)) if isinstance(b, Table)]
    assert len(found) == 1
    assert found[0].rows[0] == shapes.table_rows()[0]


def test_a_text_file_is_paragraphs_and_its_text_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(shapes.plan_text(), encoding="utf-8")
    reading = read_any(path)
    assert all(isinstance(b, Paragraph) for b in reading.blocks)
    assert reading.text == shapes.plan_text()


def test_pdf_pages_are_apart_in_the_blocks_and_in_the_text(tmp_path: Path) -> None:
    found = read(shapes.write_layout_pdf(tmp_path / "plan.pdf", table=True))
    assert sum(isinstance(b, PageBreak) for b in found.blocks) == found.pages - 1 == 1
    assert any(isinstance(b, Table) for b in found.blocks)
    assert found.text.count("\f") == 1


def test_portal_clean_up_keeps_a_table_whole_or_reads_what_is_left_as_lines() -> None:
    table = Table([["Số ký hiệu", "171/KH-UBND"], ["Ngày ban hành", "05/3/2026"]])
    kept = portal([Paragraph("KẾ HOẠCH"), table, Paragraph("Nơi nhận:")])
    # chrome lines inside the table go; the rest of it stays as lines
    assert kept.blocks == [
        Paragraph("KẾ HOẠCH"),
        Paragraph("171/KH-UBND"),
        Paragraph("05/3/2026"),
        Paragraph("Nơi nhận:"),
    ]
    assert kept.dropped == 2
    untouched = Table([["Nội dung", "Cơ quan chủ trì"], ["Tuyên truyền", "Công an xã"]])
    assert portal([Paragraph("KẾ HOẠCH"), untouched]).blocks == [Paragraph("KẾ HOẠCH"), untouched]
