"""`binhdang export-plan`, PDF conversion and the plan check in front of both."""

from __future__ import annotations

import copy
import json
import os
import stat
from pathlib import Path
from typing import Any

import docx
import pytest

from apps.plans.export import ExportError, PdfUnavailable, plan_errors, to_pdf, write_docx
from apps.plans.export.validation import SCHEMA_PATH
from binhdang.cli import main

from .conftest import CORPUS, SHARED
from .test_export_plans import COMMUNE_PLAN, ward_plan


def _write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_cli_writes_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _write_json(tmp_path / "plan.json", COMMUNE_PLAN)
    out = tmp_path / "out" / "ke-hoach.docx"
    assert main(["export-plan", str(source), "--out", str(out)]) == 0
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "KẾ HOẠCH" in texts
    assert "- Thời gian thực hiện: Quý II/2026." in texts
    assert str(out) in capsys.readouterr().out
    assert [p.name for p in out.parent.iterdir()] == ["ke-hoach.docx"]  # no temporary left


def test_cli_tasks_as_table(tmp_path: Path) -> None:
    source = _write_json(tmp_path / "plan.json", COMMUNE_PLAN)
    out = tmp_path / "bang.docx"
    assert main(["export-plan", str(source), "--out", str(out), "--tasks-as", "table"]) == 0
    headers = [t.rows[0].cells[0].text for t in docx.Document(str(out)).tables]
    assert "TT" in headers


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"schema_version": "1.0", ', "không phải JSON hợp lệ (dòng 1"),
        (json.dumps({**COMMUNE_PLAN, "signer": None}, ensure_ascii=False), "signer: phải là đối tượng"),
        (json.dumps([1, 2]), "(gốc): phải là đối tượng"),
    ],
    ids=["truncated-json", "schema-invalid", "not-an-object"],
)
def test_cli_bad_input_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    source = tmp_path / "plan.json"
    source.write_text(content, encoding="utf-8")
    out = tmp_path / "ke-hoach.docx"
    assert main(["export-plan", str(source), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "LỖI" in err and message in err
    assert list(tmp_path.iterdir()) == [source]


def test_cli_bad_input_keeps_an_existing_file(tmp_path: Path) -> None:
    out = tmp_path / "ke-hoach.docx"
    out.write_bytes(b"old")
    plan = copy.deepcopy(COMMUNE_PLAN)
    plan["document"]["date"] = "05/03/2026"
    source = _write_json(tmp_path / "plan.json", plan)
    assert main(["export-plan", str(source), "--out", str(out)]) == 2
    assert out.read_bytes() == b"old"


def test_cli_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export-plan", str(tmp_path / "none.json"), "--out", str(tmp_path / "x.docx")]) == 2
    assert "không đọc được tệp" in capsys.readouterr().err


# --- the plan check ---------------------------------------------------------------


def test_vendored_schema_is_the_shared_spec() -> None:
    shared = json.loads((SHARED / "spec" / "plan.schema.json").read_text(encoding="utf-8"))
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == shared


def _broken_plans() -> list[Any]:
    broken: list[Any] = []
    for path, value in [
        (("document", "date"), "2026-3-5"),
        (("document", "year"), "2026"),
        (("document", "year"), True),
        (("tasks", 0, "timeframe", "recurrence"), "weekly"),
        (("tasks", 0, "title"), ""),
        (("targets", 0, "value"), "2"),
        (("references", 0, "role"), "other"),
        (("schema_version",), "2.0"),
        (("tasks", 0, "timeframe"), {"text": "x"}),
    ]:
        plan = copy.deepcopy(COMMUNE_PLAN)
        target: Any = plan
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        broken.append(plan)
    extra = copy.deepcopy(COMMUNE_PLAN)
    extra["document"]["extra"] = 1
    missing = copy.deepcopy(COMMUNE_PLAN)
    del missing["tasks"][0]["lead"]
    return [*broken, extra, missing, [], "plan"]


def test_plan_check_agrees_with_jsonschema(schema_validator: Any) -> None:
    valid = [COMMUNE_PLAN, ward_plan()] + [
        json.loads(p.read_text(encoding="utf-8")) for p in sorted((CORPUS / "expected").glob("*.json"))
    ]
    for plan in valid:
        assert plan_errors(plan) == []
    for plan in _broken_plans():
        assert not schema_validator.is_valid(plan)
        assert plan_errors(plan), plan


def test_plan_check_names_the_place_in_vietnamese() -> None:
    plan = copy.deepcopy(COMMUNE_PLAN)
    plan["tasks"][1]["timeframe"]["start"] = "Quý II"
    del plan["recipients"]
    errors = plan_errors(plan)
    assert "(gốc): thiếu trường bắt buộc “recipients”" in errors
    assert any(e.startswith("tasks[1].timeframe") and "không đúng định dạng" in e for e in errors)


# --- PDF ---------------------------------------------------------------------------


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    return write_docx(COMMUNE_PLAN, tmp_path / "ke-hoach.docx")


def test_pdf_without_libreoffice_explains_how_to_install(
    exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(PdfUnavailable) as caught:
        to_pdf(exported)
    message = str(caught.value)
    assert "LibreOffice" in message and "apt-get install libreoffice-writer" in message
    assert not (tmp_path / "ke-hoach.pdf").exists()


def _fake_soffice(bin_dir: Path, script: str) -> None:
    bin_dir.mkdir()
    path = bin_dir / "soffice"
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def test_pdf_calls_soffice_headless_and_returns_the_pdf(
    exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # stands in for LibreOffice: records its arguments, writes <outdir>/<stem>.pdf
    log = tmp_path / "args.txt"
    _fake_soffice(
        tmp_path / "bin",
        f'printf "%s\\n" "$@" > "{log}"\n'
        'while [ $# -gt 1 ]; do [ "$1" = "--outdir" ] && out="$2"; shift; done\n'
        'name=$(basename "$1" .docx); printf "%%PDF-1.7" > "$out/$name.pdf"\n',
    )
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    pdf = to_pdf(exported, tmp_path / "pdf")
    assert pdf == tmp_path / "pdf" / "ke-hoach.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    args = log.read_text(encoding="utf-8").split("\n")
    assert "--headless" in args and args[args.index("--convert-to") + 1] == "pdf"
    assert args[-2] == str(exported)


def test_pdf_conversion_failure_is_reported(
    exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_soffice(tmp_path / "bin", 'echo "Error: source file could not be loaded" >&2\nexit 1\n')
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    with pytest.raises(ExportError, match="LibreOffice không chuyển được") as caught:
        to_pdf(exported)
    assert not isinstance(caught.value, PdfUnavailable)
    assert "could not be loaded" in str(caught.value)
