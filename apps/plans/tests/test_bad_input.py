"""Bad files get a clear Vietnamese ParseError (CLI: exit 1), never a crash."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.plans.parsing import ParseError, parse, parse_text

from .conftest import CORPUS
from .pdfmaker import make_pdf


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "rỗng"),
        ("empty.docx", b"", "rỗng"),
        ("photo.docx", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10, "không phải tệp DOCX"),
        ("binary.txt", b"\x00\x01\x02" * 100, "nhị phân"),
        ("fake.pdf", b"hello world", "không phải tệp PDF"),
        ("scan.pdf", make_pdf([], text_layer=False), "OCR"),
        ("locked.pdf", make_pdf(["KE HOACH"], encrypted=True), "mật khẩu"),
        ("plan.odp", b"x", "Không hỗ trợ định dạng"),
        ("blank.md", b"   \n\n  \n", "không có nội dung"),
    ],
)
def test_bad_files_get_a_clear_message(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse(_write(tmp_path, name, data))


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>" + b"\0" * (120 * 1024 * 1024))
    with pytest.raises(ParseError, match="zip bomb"):
        parse(_write(tmp_path, "bomb.docx", buffer.getvalue()))


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing on disk
    with pytest.raises(ParseError, match="quá lớn"):
        parse(path)


def test_cli_reports_bad_files_and_goes_on(tmp_path: Path) -> None:
    bad = _write(tmp_path, "bad.docx", b"not a zip")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "binhdang.cli",
            "parse",
            "--out",
            str(out),
            str(bad),
            str(CORPUS / "ha-tay-2026.md"),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1
    assert "bad.docx: LỖI" in result.stderr
    assert "ha-tay-2026.md: KH 171/KH-UBND" in result.stdout
    assert (out / "ha-tay-2026.json").exists()
    assert not (out / "bad.json").exists()


def test_cli_prints_unescaped_json_for_one_file() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "binhdang.cli", "parse", str(CORPUS / "ha-tay-2026.md")],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=True,
    )
    assert '"place": "Hà Tây"' in result.stdout


_CORPUS_TEXT = (CORPUS / "ha-tay-2026.md").read_text(encoding="utf-8")


def _valid_or_parse_error(text: str, validator: Any) -> None:
    try:
        result = parse_text(text, "md")
    except ParseError:
        return
    errors = [e.message for e in validator.iter_errors(result)]
    assert errors == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=2000))
def test_random_text_is_schema_valid_or_refused(schema_validator: Any, text: str) -> None:
    _valid_or_parse_error(text, schema_validator)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(st.integers(0, len(_CORPUS_TEXT)), st.integers(0, 400), st.text(max_size=40)),
        min_size=1,
        max_size=8,
    )
)
def test_mutated_plans_are_schema_valid_or_refused(
    schema_validator: Any, edits: list[tuple[int, int, str]]
) -> None:
    text = _CORPUS_TEXT
    for start, length, insert in edits:
        start = min(start, len(text))
        text = text[:start] + insert + text[start + length :]
    _valid_or_parse_error(text, schema_validator)
