"""`binhdang datavalues export|import`: a unit's report figures to and from DHIS2 JSON or
CSV (and the XLSX template) without a server, through the same code as the web pages.
Exit codes: 0 done, 1 rows refused, 2 a usage error (unknown unit, unreadable file ...)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, TextIO

MAX_FILE_BYTES = 50 * 1024 * 1024


class UsageError(Exception):
    pass


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "binhdang.settings")
    import django

    django.setup()


def export_values(unit_code: str, period: str, form_code: str | None, fmt: str, out: Path) -> str:
    """Write the unit's reports of the period; the line to print on success."""
    _setup()
    from apps.geo.models import AdministrativeUnit
    from apps.indicators.interchange import datavaluesets
    from apps.indicators.models import ReportForm
    from apps.indicators.reporting.periods import Period

    unit = AdministrativeUnit.objects.filter(code=unit_code).first()
    if unit is None:
        raise UsageError(f"Không có đơn vị mã “{unit_code}”.")
    try:
        code = Period.parse(period).code
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    form = None
    if form_code:
        form = ReportForm.objects.filter(code=form_code).first()
        if form is None:
            raise UsageError(f"Không có biểu báo cáo mã “{form_code}”.")
    reports = datavaluesets.reports_of(unit, code, form)
    if not reports:
        which = f" (biểu {form.code})" if form else ""
        raise UsageError(f"{unit.name} chưa có báo cáo nào cho kỳ {code}{which}.")
    body = datavaluesets.to_json(reports) if fmt == "json" else datavaluesets.to_csv(reports)
    count = sum(len(datavaluesets.data_values(r)) for r in reports)
    try:
        out.write_text(body, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"Không ghi được tệp “{out}” ({exc.strerror or exc}).") from None
    return f"Đã ghi {count} giá trị của {len(reports)} báo cáo ({unit.name}, kỳ {code}) vào {out}"


def _actor(username: str | None) -> Any:
    from django.contrib.auth import get_user_model

    from apps.access.actors import SystemActor

    if not username:
        return SystemActor("datavalues-import")
    user = get_user_model()._default_manager.filter(username=username, is_active=True).first()
    if user is None:
        raise UsageError(f"Không có người dùng “{username}”.")
    return user


def import_values(path: Path, *, dry_run: bool, username: str | None, out: TextIO | None = None) -> int:
    """Import the file, print what happened to each report; the exit code."""
    out = out or sys.stdout
    _setup()
    from apps.indicators.interchange import datavaluesets

    actor = _actor(username)
    if not path.is_file():
        raise UsageError(f"Không thấy tệp “{path}”.")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise UsageError(f"Tệp “{path.name}” quá lớn: tối đa {MAX_FILE_BYTES // (1024 * 1024)} MB.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"Không đọc được tệp “{path}” ({exc.strerror or exc}).") from None
    try:
        result = datavaluesets.import_file(data, actor=actor, file_name=path.name, dry_run=dry_run)
    except datavaluesets.FileRefused as exc:
        raise UsageError(f"{path.name}: {exc}") from None
    for report in result.reports:
        head = f"{report.unit_name} ({report.unit_code}) · {report.form_code} · {report.period_label}"
        if report.rejected:
            print(f"{head}: TỪ CHỐI — không lưu giá trị nào của báo cáo này:", file=out)
            for row in report.rejected:
                print(f"  {row.ref}: {row.reason}", file=out)
            continue
        if dry_run:
            print(f"{head}: {len(report.imported)} giá trị hợp lệ (chạy thử, chưa lưu).", file=out)
        else:
            print(
                f"{head}: đã nhập {len(report.imported)} giá trị ({report.changed_count} thay đổi).",
                file=out,
            )
        for warning in report.warnings:
            print(f"  cảnh báo: {warning}", file=out)
    if result.unplaced:
        print("Các dòng không thuộc báo cáo nào, không nhập:", file=out)
        for row in result.unplaced:
            print(f"  {row.ref}: {row.reason}", file=out)
    if not result.reports and not result.unplaced:
        print("Tệp không có giá trị nào đã thay đổi.", file=out)
    return 0 if result.ok else 1
