"""Documents per second for each input kind, and a 30-page DOCX.

.venv/bin/python bench/parse_speed.py     (writes bench/results/parse_speed.json)
"""

from __future__ import annotations

import json
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from apps.plans.parsing import parse  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def rate(path: Path, seconds: float = 2.0) -> float:
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        parse(path)
        count += 1
    return count / (time.perf_counter() - start)


def build_docx(directory: Path, pages: int = 30) -> Path:
    import docx

    source = (CORPUS / "tan-yen-2026.txt").read_text(encoding="utf-8").splitlines()
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ TÂN YÊN\nSố: 12/KH-UBND"
    table.cell(
        0, 1
    ).text = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nTân Yên, ngày 20 tháng 5 năm 2026"
    )
    body = [line for line in source if line.strip()]
    # tan-yen is about 5 pages; repeat its content sections to reach the page count
    for _ in range(max(1, pages // 5)):
        for line in body:
            document.add_paragraph(line)
    path = directory / "ke-hoach-30-trang.docx"
    document.save(str(path))
    return path


def main() -> None:
    results: dict[str, object] = {"machine": platform.platform(), "python": platform.python_version()}
    per_kind: dict[str, float] = {}
    for path in sorted(p for p in CORPUS.iterdir() if p.is_file()):
        per_kind[path.name] = round(rate(path), 1)
    with tempfile.TemporaryDirectory() as tmp:
        big = build_docx(Path(tmp))
        per_kind["generated 30-page DOCX"] = round(rate(big, 3.0), 2)
        start = time.perf_counter()
        parse(big)
        results["30_page_docx_seconds"] = round(time.perf_counter() - start, 3)
    results["documents_per_second"] = per_kind
    out = ROOT / "bench" / "results" / "parse_speed.json"
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
