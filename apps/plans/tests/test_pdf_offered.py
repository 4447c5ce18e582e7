"""The PDF download is offered only where LibreOffice is installed. Without it, the plan
page has no PDF item and the PDF address answers "not found" — never a success message
telling an official to run an administrator's command."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from apps.plans import content as plan_content
from apps.plans import services
from apps.plans.export import pdf
from apps.plans.models import Plan


def _plan(demo: Any) -> Plan:
    from apps.accounts.demo import SYSTEM

    content = plan_content.blank(demo.commune, 2026, "Kế hoạch bình đẳng giới năm 2026")
    return services.create_plan(demo.commune, actor=SYSTEM, content=content, note="t")


def _fake_libreoffice(bin_dir: Path) -> None:
    """Stands in for `soffice --headless --convert-to pdf --outdir OUT FILE.docx`."""
    bin_dir.mkdir()
    program = bin_dir / "soffice"
    program.write_text(
        "#!/bin/sh\n"
        'while [ $# -gt 1 ]; do [ "$1" = "--outdir" ] && out="$2"; shift; done\n'
        'name=$(basename "$1" .docx); printf "%%PDF-1.7" > "$out/$name.pdf"\n',
        encoding="utf-8",
    )
    program.chmod(program.stat().st_mode | stat.S_IXUSR)


def test_without_libreoffice_no_pdf_item_and_the_address_is_not_found(
    demo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "converter", lambda: None)
    plan = _plan(demo)
    client = demo.client("owner")
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert f"/plans/{plan.pk}/export.docx" in page  # the Word download stays
    assert f"/plans/{plan.pk}/export.pdf" not in page
    response = client.get(f"/plans/{plan.pk}/export.pdf", follow=True)
    assert response.status_code == 404
    text = response.content.decode()
    assert "apt-get" not in text and "libreoffice" not in text.lower()
    assert not list(response.context["messages"])  # no toast, green or otherwise


def test_with_libreoffice_the_plan_page_offers_pdf_and_it_downloads(
    demo: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_libreoffice(tmp_path / "bin")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    assert pdf.converter() == str(tmp_path / "bin" / "soffice")
    plan = _plan(demo)
    client = demo.client("owner")
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert f'href="/plans/{plan.pk}/export.pdf"' in page
    response = client.get(f"/plans/{plan.pk}/export.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_commune_downloads_the_province_plan_it_reads(demo: Any) -> None:
    from apps.accounts.demo import SYSTEM
    from apps.plans.demo import province_content

    city = services.create_plan(
        demo.province, actor=SYSTEM, content=province_content(demo.province), note="t"
    )
    city = services.issue_plan(city, actor=SYSTEM, revision=city.revision)
    client = demo.client("focal")
    page = client.get(f"/plans/{city.pk}/").content.decode()
    assert f"/plans/{city.pk}/export.docx" in page  # shown on the page it reads ...
    response = client.get(f"/plans/{city.pk}/export.docx")
    assert response.status_code == 200  # ... and it opens (it answered 403)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
