"""`binhdang datavalues export|import`: the same round trip as the web, exit codes 0 / 1
(rows refused) / 2 (usage), messages in Vietnamese, the system actor by default."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from apps.access.events import Event
from apps.access.models import AuditLog
from apps.indicators.interchange import xlsx
from apps.indicators.models import Submission
from apps.indicators.tests.test_interchange import rich, scramble, snapshot
from apps.indicators.tests.world import ReportWorld
from binhdang.cli import main

pytestmark = pytest.mark.django_db


def vi(msgid: str, **values: Any) -> str:
    with translation.override("vi"):
        text = gettext(msgid)
    return text % values if values else text


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_then_import_from_the_command_line_loses_nothing(
    demo: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    world = ReportWorld(demo)
    submission = rich(world)
    before = snapshot(submission)
    out = tmp_path / f"hatay.{fmt}"
    code = demo.commune.code
    assert (
        main(
            ["datavalues", "export", "--unit", code, "--period", "2026S1", "--format", fmt, "--out", str(out)]
        )
        == 0
    )
    assert f"vào {out}" in capsys.readouterr().out
    scramble(submission)
    assert main(["datavalues", "import", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"Xã Hà Tây ({code}) · BD-6T" in printed and "đã nhập" in printed
    assert snapshot(submission) == before
    log = AuditLog.objects.get(event=Event.DATAVALUES_IMPORTED)
    assert log.actor_name == "system:datavalues-import"


def test_export_of_one_form_or_every_form_of_the_period(demo: Any, tmp_path: Path) -> None:
    world = ReportWorld(demo)
    rich(world)
    out = tmp_path / "all.json"
    code = demo.commune.code
    assert (
        main(
            [
                "datavalues",
                "export",
                "--unit",
                code,
                "--period",
                "2026S1",
                "--form",
                "BD-6T",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert json.loads(out.read_text(encoding="utf-8"))["dataSet"] == "BD-6T"
    assert main(["datavalues", "export", "--unit", code, "--period", "2026", "--out", str(out)]) == 2


def test_a_dry_run_prints_what_would_be_imported_and_saves_nothing(
    demo: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    world = ReportWorld(demo)
    before = snapshot(world.submission)
    source = tmp_path / "values.csv"
    source.write_text(f"BD-C03,2026S1,{demo.commune.code},default,BD-6T,8\n", encoding="utf-8")
    assert main(["datavalues", "import", str(source), "--dry-run"]) == 0
    assert "1 giá trị hợp lệ (chạy thử, chưa lưu)" in capsys.readouterr().out
    assert snapshot(world.submission) == before


def test_refused_rows_are_printed_with_their_reason_and_exit_1(
    demo: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    world = ReportWorld(demo)
    [other] = world.communes(1)
    source = tmp_path / "values.csv"
    source.write_text(
        "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value\n"
        f"BD-C03,2026S1,{demo.commune.code},default,BD-6T,8\n"
        f"BD-C04,2026S1,{demo.commune.code},default,BD-6T,bảy\n"
        f"BD-C03,2026S1,{other.code},default,BD-6T,3\n"
        "BD-C03,2026S1,00000,default,BD-6T,3\n",
        encoding="utf-8",
    )
    assert main(["datavalues", "import", str(source)]) == 1
    printed = capsys.readouterr().out
    assert "TỪ CHỐI" in printed
    assert f"  {vi('line %(n)s', n=3)}: {vi('“%(text)s” is not a number.', text='bảy')}" in printed
    assert (
        f"  {vi('line %(n)s', n=5)}: {vi('There is no unit with the code “%(code)s”.', code='00000')}"
        in printed
    )
    assert not world.submission.values.filter(indicator__code="BD-C03").exists()
    # the other commune's report in the same file is saved
    theirs = Submission.objects.get(unit=other, period="2026S1")
    assert theirs.values.get(indicator__code="BD-C03").numerator == 3


def test_as_a_person_the_import_has_that_persons_rights(
    demo: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    world = ReportWorld(demo)
    source = tmp_path / "values.json"
    source.write_text(
        json.dumps(
            {
                "dataSet": "BD-6T",
                "period": "2026S1",
                "orgUnit": demo.commune.code,
                "dataValues": [{"dataElement": "BD-C03", "value": "5"}],
            }
        ),
        encoding="utf-8",
    )
    assert main(["datavalues", "import", str(source), "--as", "ngoai"]) == 1
    assert vi("You may not enter figures for %(unit)s.", unit="Xã Hà Tây") in capsys.readouterr().out
    assert not world.submission.values.filter(indicator__code="BD-C03").exists()
    assert main(["datavalues", "import", str(source), "--as", "daumoi"]) == 0
    assert world.submission.values.get(indicator__code="BD-C03").numerator == 5
    assert AuditLog.objects.get(event=Event.DATAVALUES_IMPORTED).actor_name == "daumoi"


def test_a_filled_template_imports_from_the_command_line(demo: Any, tmp_path: Path) -> None:
    world = ReportWorld(demo)
    book = load_workbook(io.BytesIO(xlsx.build_template(world.submission)))
    sheet = book.worksheets[0]
    row = next(r for r in range(6, sheet.max_row + 1) if sheet.cell(row=r, column=1).value == "BD-C03")
    sheet.cell(row=row, column=xlsx.FIRST_CATEGORY_COLUMN).value = 17
    path = tmp_path / "mau.xlsx"
    book.save(path)
    assert main(["datavalues", "import", str(path)]) == 0
    assert world.submission.values.get(indicator__code="BD-C03").numerator == 17


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["export", "--unit", "nope", "--period", "2026S1", "--out", "{tmp}/x.json"],
            "Không có đơn vị mã “nope”.",
        ),
        (["export", "--unit", "{unit}", "--period", "2026H1", "--out", "{tmp}/x.json"], "2026H1"),
        (
            ["export", "--unit", "{unit}", "--period", "2026S1", "--form", "BD-X", "--out", "{tmp}/x.json"],
            "BD-X",
        ),
        (["export", "--unit", "{unit}", "--period", "2025S1", "--out", "{tmp}/x.json"], "chưa có báo cáo"),
        (
            ["export", "--unit", "{unit}", "--period", "2026S1", "--out", "{tmp}/no/such/dir/x.json"],
            "Không ghi được",
        ),
        (["import", "{tmp}/missing.json"], "Không thấy tệp"),
        (["import", "{tmp}/bad.json"], "bad.json"),
        (["import", "{tmp}/bad.json", "--as", "nobody"], "Không có người dùng “nobody”."),
    ],
)
def test_usage_errors_exit_2_with_a_vietnamese_message(
    demo: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    ReportWorld(demo)
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    args = [a.format(tmp=tmp_path, unit=demo.commune.code) for a in argv]
    assert main(["datavalues", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: ") and message in err


def test_a_missing_argument_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["datavalues", "export", "--unit", "x"])
    assert stopped.value.code == 2
