"""DOCX -> PDF through LibreOffice (`soffice --headless --convert-to pdf`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import ExportError, PdfUnavailable

INSTALL_HINT = (
    "Chưa cài LibreOffice (không tìm thấy lệnh “soffice”) nên không tạo được tệp PDF. "
    "Quản trị viên cài bằng lệnh: sudo apt-get install libreoffice-writer "
    "rồi thử lại; trong lúc đó vẫn tải được bản DOCX."
)
TIMEOUT_SECONDS = 180


def converter() -> str | None:
    """The LibreOffice program that makes PDFs, or None where it is not installed."""
    return shutil.which("soffice")


def to_pdf(docx_path: str | os.PathLike[str], out_dir: str | os.PathLike[str] | None = None) -> Path:
    """Convert `docx_path` to PDF next to it (or in `out_dir`); returns the PDF path."""
    source = Path(docx_path)
    if not source.is_file():
        raise ExportError(f"Không tìm thấy tệp “{source}” để chuyển sang PDF.")
    soffice = converter()
    if soffice is None:
        raise PdfUnavailable(INSTALL_HINT)
    target_dir = Path(out_dir) if out_dir is not None else source.parent
    target_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="binhdang-soffice-") as profile:
        # a private profile: two conversions at once must not fight over ~/.config
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(target_dir),
            str(source),
        ]
        try:
            # no shell; the program is the soffice found on PATH, the file is ours
            result = subprocess.run(  # noqa: S603
                command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise ExportError("LibreOffice chuyển sang PDF quá lâu nên đã dừng; hãy thử lại.") from exc
    pdf = target_dir / f"{source.stem}.pdf"
    if result.returncode != 0 or not pdf.is_file():
        detail = (result.stderr or result.stdout or "").strip().splitlines()[-1:] or [""]
        raise ExportError(
            f"LibreOffice không chuyển được tệp sang PDF (mã lỗi {result.returncode}). {detail[0]}".strip()
        )
    return pdf
