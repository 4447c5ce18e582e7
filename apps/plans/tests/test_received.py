"""Another body's plan never becomes the commune's own: a district plan imported into Hà
Tây is kept as received (its own number, date and issuer, read-only), cannot be issued,
and the commune's plan made from it cites it. A plan the unit issues carries the unit's
heading, its place and the number and date given when it is issued."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.access.events import Event
from apps.access.models import AuditLog
from apps.accounts.demo import SYSTEM
from apps.plans import content as plan_content
from apps.plans import services
from apps.plans.heading import names_unit
from apps.plans.models import ImportStatus, Plan, PlanImport, PlanStatus
from apps.plans.tests.editor_post import editor_post

DISTRICT_PLAN = Path(__file__).resolve().parent / "fixtures" / "trung-khanh-2026.txt"
CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus"


@pytest.fixture
def files(settings: Any, tmp_path: Path) -> Path:
    settings.PLAN_FILES_DIR = tmp_path / "files"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return settings.PLAN_FILES_DIR


def _import(demo: Any, path: Path, capture: Any) -> tuple[Any, PlanImport, Any]:
    """Upload a file as the commune officer and let the reading job run: the review page."""
    client = demo.client("owner")
    with capture(execute=True):
        response = client.post("/plans/import/", {"file": SimpleUploadedFile(path.name, path.read_bytes())})
    assert response.status_code == 302
    plan_import = PlanImport.objects.get()
    assert plan_import.status == ImportStatus.READY
    return client, plan_import, client.get(response["Location"])


def _save(client: Any, plan_import: PlanImport, review: Any) -> Plan:
    form = review.context["choices_form"]
    choices = {f"a-{name}": form[name].value() or "" for _written, name, _ in form.rows}
    saved = client.post(f"/plans/import/{plan_import.pk}/", editor_post(plan_import.result) | choices)
    assert saved.status_code == 302
    return Plan.objects.get()


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode()
    import re

    return re.sub(r"<[^>]+>", "", xml)


def test_a_district_plan_is_kept_as_received_and_never_issued_by_the_commune(
    demo: Any, files: Path, django_capture_on_commit_callbacks: Any
) -> None:
    client, plan_import, review = _import(demo, DISTRICT_PLAN, django_capture_on_commit_callbacks)
    page = review.content.decode()
    # the review says plainly whose plan it is
    assert 'data-testid="received-notice"' in page
    assert "Ủy ban nhân dân huyện Trùng Khánh" in page

    plan = _save(client, plan_import, review)
    assert plan.status == PlanStatus.RECEIVED
    assert (plan.number, plan.issuer_name, plan.unit) == (
        "35/KH-UBND",
        "Ủy ban nhân dân huyện Trùng Khánh",
        demo.commune,
    )
    assert plan.issued_on is not None and plan.issued_on.isoformat() == "2026-03-20"
    assert plan.number_seq is None  # not in the commune's register
    assert AuditLog.objects.filter(event=Event.PLAN_RECEIVED, object_id=str(plan.pk)).exists()

    # the leader finds no issue button, no edit, no correction; the service refuses
    leader = demo.client("leader")
    detail = leader.get(f"/plans/{plan.pk}/").content.decode()
    assert 'data-testid="received-plan"' in detail
    assert 'data-testid="issue-plan"' not in detail
    assert 'data-testid="edit-plan"' not in detail
    assert f"/plans/{plan.pk}/correct/" not in detail
    with pytest.raises(ValidationError, match="lưu là văn bản đến"):
        services.issue_plan(plan, actor=demo.user("leader"), revision=plan.revision)
    with pytest.raises(ValidationError, match="lưu là văn bản đến"):
        services.update_plan(
            plan, actor=demo.user("owner"), revision=plan.revision, content=plan.content, note="x"
        )
    with pytest.raises(ValidationError, match="lưu là văn bản đến"):
        services.correct_plan(
            plan, actor=demo.user("leader"), revision=plan.revision, content=plan.content, reason="x"
        )
    refused = leader.post(f"/plans/{plan.pk}/issue/", {"revision": plan.revision})
    assert refused.status_code == 302
    plan.refresh_from_db()
    assert (plan.status, plan.number) == (PlanStatus.RECEIVED, "35/KH-UBND")
    # the edit page sends the officer back to the plan
    assert client.get(f"/plans/{plan.pk}/edit/")["Location"] == f"/plans/{plan.pk}/"

    # the officer makes the commune's plan from it: the new draft cites it as its basis
    officer_page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert f'href="/plans/{plan.pk}/derive/"' in officer_page
    derive_page = client.get(f"/plans/{plan.pk}/derive/")
    assert derive_page.status_code == 200
    assert "Thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ xã Hà Tây năm 2026" in (
        derive_page.content.decode()
    )
    made = client.post(f"/plans/{plan.pk}/derive/")
    assert made.status_code == 302
    own = Plan.objects.get(basis=plan)
    assert (own.unit, own.status) == (demo.commune, PlanStatus.DRAFT)
    assert own.content["document"]["issuer"]["name"] == "Ủy ban nhân dân xã Hà Tây"
    assert own.title == "Thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ xã Hà Tây năm 2026"
    basis = own.content["references"][0]
    assert (basis["kind"], basis["number"], basis["date"], basis["issuer"], basis["role"]) == (
        "KH",
        "35/KH-UBND",
        "2026-03-20",
        "Ủy ban nhân dân huyện Trùng Khánh",
        "basis",
    )
    # the commune's own plan, issued, says so in its heading and in its "Thực hiện ..." line
    issued = services.issue_plan(
        own, actor=demo.user("leader"), revision=own.revision, confirm_unassigned=True
    )
    text = _docx_text(client.get(f"/plans/{issued.pk}/export.docx").content)
    assert "Kế hoạch số 35/KH-UBND ngày 20/3/2026 của Ủy ban nhân dân huyện Trùng Khánh" in text
    assert "XÃ HÀ TÂY" in text and "TRÙNG KHÁNH" not in text.split("KẾ HOẠCH")[0]
    # the received plan now links to it
    again = client.get(f"/plans/{plan.pk}/").content.decode()
    assert 'data-testid="received-derived"' in again


def test_a_plan_of_another_commune_is_received_too(
    demo: Any, files: Path, django_capture_on_commit_callbacks: Any
) -> None:
    client, plan_import, review = _import(
        demo, CORPUS / "tan-yen-2026.txt", django_capture_on_commit_callbacks
    )
    assert 'data-testid="received-notice"' in review.content.decode()
    plan = _save(client, plan_import, review)
    assert plan.status == PlanStatus.RECEIVED and plan.issuer_name == "Ủy ban nhân dân xã Tân Yên"


def test_the_communes_own_plan_keeps_todays_import(
    demo: Any, files: Path, django_capture_on_commit_callbacks: Any
) -> None:
    client, plan_import, review = _import(demo, CORPUS / "ha-tay-2026.md", django_capture_on_commit_callbacks)
    assert 'data-testid="received-notice"' not in review.content.decode()
    plan = _save(client, plan_import, review)
    assert plan.status == PlanStatus.DRAFT
    issued = services.issue_plan(
        plan, actor=demo.user("leader"), revision=plan.revision, confirm_unassigned=True
    )
    assert issued.number == "171/KH-UBND"  # its paper number


@pytest.mark.parametrize(
    ("issuer", "own"),
    [
        ({"name": "Ủy ban nhân dân xã Hà Tây", "level": "commune", "locality": "Hà Tây"}, True),
        ({"name": "UBND XA HA TAY", "level": "commune", "locality": None}, True),
        ({"name": "Ủy ban nhân dân xã", "level": "commune", "locality": "Hà Tây"}, True),
        ({"name": "", "level": None, "locality": None}, True),  # unreadable: not another body
        ({"name": "UBND TP. Hải Phòng", "level": "province", "locality": None}, False),
        ({"name": "ỦY BAN NHÂN DÂN HUYỆN TRÙNG KHÁNH", "level": "district", "locality": None}, False),
        (
            {"name": "Ủy ban nhân dân thành phố Hải Phòng", "level": "province", "locality": "Hải Phòng"},
            False,
        ),
        ({"name": "Ủy ban nhân dân xã Tân Yên", "level": "commune", "locality": "Tân Yên"}, False),
        (
            {
                "name": "Ủy ban nhân dân xã Hà Tây",
                "level": "commune",
                "locality": "Hà Tây",
                "parent": "tỉnh Hà Tĩnh",
            },
            False,
        ),
    ],
)
def test_the_issuer_is_compared_with_the_unit_without_accents(demo: Any, issuer: Any, own: bool) -> None:
    assert names_unit(issuer, demo.commune) is own


def test_an_issued_plan_carries_the_units_heading_place_number_and_date(demo: Any) -> None:
    """A draft whose document left the place dotted ("……, ngày ...") and named no issuer
    is issued with the unit's heading, its place and today's number and date."""
    import datetime as dt

    content = plan_content.blank(demo.commune, 2026, "Kế hoạch bình đẳng giới năm 2026")
    content["document"].update(
        place="……", issuer={"name": "", "level": None, "locality": None, "parent": None}
    )
    content["tasks"] = [
        {
            "ref": "II.1",
            "title": "Tuyên truyền về bình đẳng giới",
            "activities": [],
            "lead": ["Hội LHPN xã"],
            "partners": [],
            "timeframe": {"text": "Năm 2026", "start": "2026", "end": "2026", "recurrence": "continuous"},
        }
    ]
    draft = services.create_plan(demo.commune, actor=SYSTEM, content=content, note="t")
    # the draft's print page already names the place, never the dots
    owner = demo.client("owner")
    assert "……," not in owner.get(f"/plans/{draft.pk}/print/").content.decode()
    plan = services.issue_plan(
        draft,
        actor=demo.user("leader"),
        revision=draft.revision,
        issued_on=dt.date(2026, 12, 8),
        confirm_unassigned=True,
    )
    document = plan.content["document"]
    assert document["issuer"] == {
        "name": "Ủy ban nhân dân xã Hà Tây",
        "level": "commune",
        "locality": "Hà Tây",
        "parent": "thành phố Hải Phòng",
    }
    assert (document["place"], document["number"], document["date"]) == ("Hà Tây", plan.number, "2026-12-08")
    text = _docx_text(owner.get(f"/plans/{plan.pk}/export.docx").content)
    assert "ỦY BAN NHÂN DÂN" in text and "XÃ HÀ TÂY" in text
    assert f"Số: {plan.number}" in text
    assert "Hà Tây, ngày 08 tháng 12 năm 2026" in text
    printed = owner.get(f"/plans/{plan.pk}/print/").content.decode()
    assert "Hà Tây, ngày 08 tháng 12 năm 2026" in printed and "XÃ HÀ TÂY" in printed


def test_the_city_knows_its_own_heading_abbreviated(demo: Any) -> None:
    assert names_unit({"name": "UBND TP. Hải Phòng", "level": "province", "locality": None}, demo.province)
    assert not names_unit(
        {"name": "UBND tỉnh Bắc Ninh", "level": "province", "locality": None}, demo.province
    )
