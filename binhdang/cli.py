"""Console script `binhdang`: work with plan files and report figures without a server.

binhdang parse PATH                 JSON of one document on stdout
binhdang parse --out DIR PATH...    DIR/<stem>.json for each, one summary line each
binhdang export-plan PLAN.json --out FILE.docx [--tasks-as table]   DOCX in the state format
binhdang datavalues export --unit CODE --period PERIOD [--form CODE] [--format json|csv] --out FILE
binhdang datavalues import FILE [--dry-run] [--as USERNAME]   DHIS2 JSON/CSV or the XLSX template
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _progress_printer(name: str) -> Callable[[int, int], None] | None:
    """Page progress on a terminal (OCR of a scan takes seconds a page)."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        if total > 1:
            end = "\n" if done == total else ""
            print(f"\r{name}: trang {done}/{total}", end=end, file=sys.stderr, flush=True)

    return show


def _parse_command(args: argparse.Namespace) -> int:
    from apps.plans.parsing import ParseError, parse

    if args.out is None and len(args.paths) != 1:
        print("Dùng --out THƯ_MỤC khi phân tích nhiều tệp.", file=sys.stderr)
        return 2
    failed = 0
    out_dir = Path(args.out) if args.out else None
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    for name in args.paths:
        path = Path(name)
        try:
            result = parse(path, progress=_progress_printer(path.name))
        except ParseError as exc:
            failed += 1
            print(f"{path.name}: LỖI — {exc}", file=sys.stderr)
            continue
        except Exception as exc:
            failed += 1
            print(f"{path.name}: LỖI — không phân tích được ({type(exc).__name__})", file=sys.stderr)
            continue
        text = json.dumps(result, ensure_ascii=False, indent=2)
        if out_dir is None:
            sys.stdout.write(text + "\n")
        else:
            (out_dir / f"{path.stem}.json").write_text(text + "\n", encoding="utf-8")
            doc = result["document"]
            print(
                f"{path.name}: {doc['kind']} {doc['number'] or '(không số)'} — {len(result['tasks'])} nhiệm vụ, "
                f"{len(result['references'])} văn bản dẫn chiếu, {len(result['source']['warnings'])} cảnh báo"
            )
    return 1 if failed else 0


def _export_plan_command(args: argparse.Namespace) -> int:
    from apps.plans.export import ExportError, write_docx

    source = Path(args.plan)
    try:
        plan = json.loads(source.read_text(encoding="utf-8"))
    except OSError as exc:
        print(f"{source.name}: LỖI — không đọc được tệp ({exc.strerror or exc}).", file=sys.stderr)
        return 2
    except UnicodeDecodeError:
        print(f"{source.name}: LỖI — tệp không phải văn bản UTF-8.", file=sys.stderr)
        return 2
    except json.JSONDecodeError as exc:
        print(
            f"{source.name}: LỖI — không phải JSON hợp lệ (dòng {exc.lineno}, cột {exc.colno}: {exc.msg}).",
            file=sys.stderr,
        )
        return 2
    try:
        out = write_docx(plan, args.out, tasks_as=args.tasks_as)
    except ExportError as exc:
        print(f"{source.name}: LỖI — {exc}", file=sys.stderr)
        return 2
    print(f"Đã ghi {out}")
    return 0


def _import_plan_command(args: argparse.Namespace) -> int:
    from apps.plans.cli_import import ImportFailed, import_file

    try:
        plan = import_file(Path(args.file), args.unit, args.as_user)
    except ImportFailed as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    print(f"Đã nhập kế hoạch #{plan.pk} “{plan.title}” ({plan.year}) cho {plan.unit.name} (dự thảo).")
    return 0


def _send_reminders_command(args: argparse.Namespace) -> int:
    """The day's reminders, for cron; safe to run as often as wanted (each is sent once)."""
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "binhdang.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("send_reminders", *(["--date", args.date] if args.date else []))
    return 0


def _check_aggregates_command(args: argparse.Namespace) -> int:
    """Province aggregates against the raw approved values: exit 1 on a difference."""
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "binhdang.settings")
    import django
    from django.core.management import call_command
    from django.core.management.base import CommandError

    django.setup()
    extra = (["--province", args.province] if args.province else []) + (["--repair"] if args.repair else [])
    try:
        call_command("check_aggregates", *extra)
    except CommandError as exc:
        print(exc, file=sys.stderr)
        return exc.returncode
    return 0


def _datavalues_export_command(args: argparse.Namespace) -> int:
    from apps.indicators.interchange.cli import UsageError, export_values

    try:
        print(export_values(args.unit, args.period, args.form, args.format, Path(args.out)))
    except UsageError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    return 0


def _datavalues_import_command(args: argparse.Namespace) -> int:
    from apps.indicators.interchange.cli import UsageError, import_values

    try:
        return import_values(Path(args.file), dry_run=args.dry_run, username=args.as_user)
    except UsageError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2


def _add_datavalues(commands: Any) -> None:
    values_cmd = commands.add_parser(
        "datavalues", help="xuất, nhập số liệu báo cáo (DHIS2 dataValueSets JSON/CSV, mẫu XLSX)"
    )
    actions = values_cmd.add_subparsers(dest="action", required=True)
    export_cmd = actions.add_parser("export", help="xuất số liệu các báo cáo của một đơn vị trong một kỳ")
    export_cmd.add_argument("--unit", required=True, metavar="CODE", help="mã đơn vị (xã, phường)")
    export_cmd.add_argument("--period", required=True, metavar="PERIOD", help="kỳ báo cáo: 2026S1, 2026 ...")
    export_cmd.add_argument("--form", metavar="CODE", help="chỉ một biểu (BD-6T, BD-NAM ...)")
    export_cmd.add_argument(
        "--format", choices=("json", "csv"), default="json", help="json (mặc định) hoặc csv"
    )
    export_cmd.add_argument("--out", required=True, metavar="FILE", help="tệp sẽ ghi")
    export_cmd.set_defaults(func=_datavalues_export_command)
    import_cmd = actions.add_parser(
        "import", help="nhập số liệu từ tệp JSON, CSV hoặc mẫu XLSX (mỗi báo cáo: nhập hết hoặc không gì)"
    )
    import_cmd.add_argument("file", metavar="FILE")
    import_cmd.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không lưu")
    import_cmd.add_argument(
        "--as", dest="as_user", metavar="USERNAME", help="người nhập (mặc định: hệ thống)"
    )
    import_cmd.set_defaults(func=_datavalues_import_command)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="binhdang", description="binhdang — công cụ dòng lệnh")
    commands = parser.add_subparsers(dest="command", required=True)
    parse_cmd = commands.add_parser(
        "parse", help="phân tích tệp kế hoạch (DOCX, PDF, bản quét, ảnh PNG/JPG, TXT, MD, HTML) thành JSON"
    )
    parse_cmd.add_argument("--out", metavar="DIR", help="ghi DIR/<tên tệp>.json cho từng tệp")
    parse_cmd.add_argument("paths", nargs="+", metavar="PATH")
    parse_cmd.set_defaults(func=_parse_command)
    export_cmd = commands.add_parser(
        "export-plan",
        help="xuất kế hoạch (JSON theo plan.schema.json) ra DOCX đúng thể thức Nghị định 30/2020",
    )
    export_cmd.add_argument("plan", metavar="PLAN.json")
    export_cmd.add_argument("--out", required=True, metavar="FILE.docx", help="tệp DOCX sẽ ghi")
    export_cmd.add_argument(
        "--tasks-as",
        choices=("text", "table"),
        default="text",
        help="trình bày nhiệm vụ dạng đoạn văn (text, mặc định) hoặc bảng (table)",
    )
    export_cmd.set_defaults(func=_export_plan_command)
    import_cmd = commands.add_parser(
        "import-plan", help="nhập tệp kế hoạch vào cơ sở dữ liệu (như nhập trên web) cho một đơn vị"
    )
    import_cmd.add_argument("file", metavar="FILE")
    import_cmd.add_argument("--unit", required=True, metavar="CODE", help="mã đơn vị (xã, phường, tỉnh)")
    import_cmd.add_argument("--as", dest="as_user", metavar="USER", help="người nhập (mặc định: hệ thống)")
    import_cmd.set_defaults(func=_import_plan_command)
    remind_cmd = commands.add_parser(
        "send-reminders", help="gửi nhắc việc của ngày (cho cron; chạy lại không gửi trùng)"
    )
    remind_cmd.add_argument("--date", metavar="YYYY-MM-DD", help="ngày tính hạn (mặc định: hôm nay)")
    remind_cmd.set_defaults(func=_send_reminders_command)
    check_cmd = commands.add_parser(
        "check-aggregates",
        help="tính lại số liệu tổng hợp của tỉnh từ số liệu gốc và in chỗ khác (mã thoát 1)",
    )
    check_cmd.add_argument("--province", metavar="CODE", help="chỉ một tỉnh (mã đơn vị)")
    check_cmd.add_argument("--repair", action="store_true", help="ghi lại bảng tổng hợp từ số liệu gốc")
    check_cmd.set_defaults(func=_check_aggregates_command)
    _add_datavalues(commands)
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
