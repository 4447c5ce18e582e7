"""Work: tasks from the issued plan and by hand, overdue from dates, My work, progress with
evidence (type from content, photos stripped of location, served only to readers)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from apps.access.models import AuditLog
from apps.accounts.demo import SYSTEM
from apps.plans import services as plan_services
from apps.plans.models import PlanTask
from apps.work import services
from apps.work.demo import demo_photo
from apps.work.evidence import PHOTO_MAX_SIDE, sniff
from apps.work.models import OVERDUE, Evidence, ProgressUpdate, Task, TaskStatus
from apps.work.sync import recurrence_of, sync_plan_tasks

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825


def photo_with_gps(size: tuple[int, int] = (3000, 2000)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[GPS_IFD] = {1: "N", 2: (21.0, 1.0, 2.0), 3: "E", 4: (105.0, 50.0, 1.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_photo_fixture_really_has_gps() -> None:
    with Image.open(io.BytesIO(photo_with_gps((40, 30)))) as image:
        assert image.getexif().get_ifd(GPS_IFD)


# --- tasks from the issued plan ---------------------------------------------------------


def test_issued_plan_tasks_become_work_tasks_once_and_follow_corrections(plan_world: Any, demo: Any) -> None:
    issued = plan_world.issued
    assert sync_plan_tasks(issued.unit) == 1
    assert sync_plan_tasks(issued.unit) == 0  # idempotent
    task = Task.objects.get(plan=issued)
    assert (task.ref, task.title) == ("II.1", "Tuyên truyền về bình đẳng giới")
    assert (task.start, task.end) == (dt.date(2026, 4, 1), dt.date(2026, 6, 30))
    assert task.lead is not None or task.lead_text == "Hội LHPN xã"
    services.post_progress(task, actor=SYSTEM, status=TaskStatus.IN_PROGRESS, percent=40)

    content = dict(issued.content)
    content["tasks"] = [{**content["tasks"][0], "title": "Tuyên truyền về bình đẳng giới (sửa)"}]
    plan_services.correct_plan(
        issued, actor=demo.user("leader"), revision=issued.revision, content=content, reason="sửa tên"
    )
    assert sync_plan_tasks(issued.unit) == 0
    task.refresh_from_db()
    assert task.title.endswith("(sửa)")
    assert task.plan_task == PlanTask.objects.get(plan=issued)  # re-linked to the rebuilt row
    assert (task.status, task.percent) == (TaskStatus.IN_PROGRESS, 40)  # what the unit did stays


def test_drafts_make_no_tasks(plan_world: Any) -> None:
    sync_plan_tasks(plan_world.draft.unit)
    assert not Task.objects.filter(plan=plan_world.draft).exists()


@pytest.mark.parametrize(
    ("timeframe", "expected"),
    [
        ({"text": "Thường xuyên", "recurrence": "continuous"}, "continuous"),
        ({"text": "Hằng quý", "recurrence": "periodic"}, "quarterly"),
        ({"text": "Hằng tháng", "recurrence": "periodic"}, "monthly"),
        ({"text": "Từ ngày 15/11 đến 15/12/2026", "recurrence": "once"}, "campaign"),
        ({"text": "Tháng hành động vì bình đẳng giới", "recurrence": None}, "campaign"),
        ({"text": "Quý II/2026", "recurrence": "once"}, "once"),
        (None, "once"),
    ],
)
def test_recurrence_from_the_plan_wording(timeframe: Any, expected: str) -> None:
    assert recurrence_of(timeframe) == expected


# --- status ----------------------------------------------------------------------------


def test_overdue_is_computed_from_the_deadline_not_typed(work_world: Any) -> None:
    task = work_world.task  # due 15/12/2026, in progress
    with time_machine.travel(dt.datetime(2026, 12, 15, 12), tick=False):
        assert task.current_status == TaskStatus.IN_PROGRESS
        assert not Task.objects.overdue(dt.date(2026, 12, 15)).filter(pk=task.pk).exists()
    with time_machine.travel(dt.datetime(2026, 12, 16, 12), tick=False):
        assert task.current_status == OVERDUE
        assert Task.objects.with_display_status(OVERDUE, dt.date(2026, 12, 16)).filter(pk=task.pk).exists()
        services.post_progress(
            task, actor=work_world.demo.user("focal"), status=TaskStatus.DONE, percent=None
        )
        task.refresh_from_db()
        assert (task.current_status, task.percent) == (TaskStatus.DONE, 100)


def test_my_work_shows_the_agency_tasks_overdue_and_due_soon(work_world: Any, demo: Any) -> None:
    # (a session lasts a working day: each visit logs in on its own day)
    with time_machine.travel(dt.datetime(2026, 12, 5, 9), tick=False):
        page = demo.client("focal").get(reverse("work:my_work")).content.decode()
    due_soon = page.split('data-testid="due-soon-list"')[1].split("</ul>")[0]
    assert "Tuyên truyền phòng, chống bạo lực gia đình" in due_soon
    # the police's task is not the women's union's
    assert "Rà soát hương ước" not in page
    with time_machine.travel(dt.datetime(2026, 12, 20, 9), tick=False):
        page = demo.client("focal").get(reverse("work:my_work")).content.decode()
    overdue = page.split('data-testid="overdue-list"')[1].split("</ul>")[0]
    assert "Tuyên truyền phòng, chống bạo lực gia đình" in overdue
    # the officer's task list shows both, and filters by agency and status
    with time_machine.travel(dt.datetime(2026, 12, 20, 9), tick=False):
        officer = demo.client("owner")
        listed = officer.get(reverse("work:task_list"), {"status": OVERDUE}).content.decode()
        by_agency = officer.get(reverse("work:task_list"), {"agency": demo.agency.pk}).content.decode()
    assert "Tuyên truyền phòng" in listed and "Rà soát hương ước" in listed
    assert "Tuyên truyền phòng" in by_agency and "Rà soát hương ước" not in by_agency


# --- progress and evidence ---------------------------------------------------------------


def test_focal_person_posts_progress_with_a_photo_stripped_of_location(work_world: Any, demo: Any) -> None:
    task = work_world.task
    upload = SimpleUploadedFile("IMG_2041.jpg", photo_with_gps(), content_type="image/jpeg")
    response = demo.client("focal").post(
        reverse("work:task_progress", args=[task.pk]),
        {"status": "in_progress", "percent": "80", "note": "Thêm 1 buổi ở Thôn 3", "evidence": [upload]},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.percent) == (TaskStatus.IN_PROGRESS, 80)
    item = Evidence.objects.filter(update__task=task).latest("pk")
    assert item.file_name == "IMG_2041.jpg" and item.file_type == "jpg"
    assert (_dir() / item.file_path).is_file()
    served = demo.client("leader").get(reverse("work:evidence", args=[item.pk]))
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    # opened in a tab of its own, the browser's image viewer may style its page, and
    # nothing else may run there
    policy = served["Content-Security-Policy"]
    assert "sandbox" in policy and "script-src" not in policy and "default-src 'none'" in policy
    data = b"".join(served.streaming_content)
    with Image.open(io.BytesIO(data)) as image:
        assert max(image.size) == PHOTO_MAX_SIDE
        assert not image.getexif().get_ifd(GPS_IFD)
        assert not image.getexif()
    assert AuditLog.objects.filter(event="task.progress", object_id=str(task.pk)).exists()


def test_evidence_of_another_unit_answers_404_and_is_logged(work_world: Any, demo: Any) -> None:
    url = reverse("work:evidence", args=[work_world.evidence.pk])
    assert demo.client("outsider").get(url).status_code == 404
    assert AuditLog.objects.filter(event="access.denied", object_type="work.evidence").exists()
    assert demo.client("province").get(url).status_code == 200  # the province reads its communes
    assert demo.client("anonymous").get(url).status_code == 302


def test_a_forged_content_type_is_refused_and_nothing_is_kept(work_world: Any, demo: Any) -> None:
    task = work_world.task
    before = (ProgressUpdate.objects.count(), Evidence.objects.count(), sorted(Path(_dir()).iterdir()))
    forged = SimpleUploadedFile(
        "anh.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg"
    )
    good = SimpleUploadedFile("ok.jpg", demo_photo("ok"), content_type="image/jpeg")
    response = demo.client("focal").post(
        reverse("work:task_progress", args=[task.pk]),
        {"status": "done", "note": "Giữ lại", "evidence": [good, forged]},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "anh.jpg" in page and "Giữ lại" in page  # the message names the file; the text stays
    assert (
        ProgressUpdate.objects.count(),
        Evidence.objects.count(),
        sorted(p for p in Path(_dir()).iterdir() if p.name != "held"),  # the good file waits there
    ) == before
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS


def _dir() -> Path:
    from django.conf import settings

    return Path(settings.WORK_FILES_DIR)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\x89PNG\r\n\x1a\n....", "png"),
        (b"MZ\x90\x00", None),
        (b"PK\x03\x04not a zip", None),
        (b"just text", None),
    ],
)
def test_sniff_reads_the_content(data: bytes, expected: str | None) -> None:
    assert sniff(data) == expected


def test_office_files_are_told_apart_by_their_parts() -> None:
    import zipfile

    for part, expected in (("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx"), ("other.xml", None)):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr(part, "<x/>")
        assert sniff(out.getvalue()) == expected


def test_a_focal_person_reports_only_on_their_agency_tasks(work_world: Any, demo: Any) -> None:
    other = work_world.other_task  # led by the police
    with pytest.raises(PermissionDenied):
        services.post_progress(other, actor=demo.user("focal"), status="in_progress", percent=10)
    assert demo.client("focal").get(reverse("work:task_progress", args=[other.pk])).status_code == 403
    # the officer reports on any task of the commune, and alone may cancel one
    services.post_progress(other, actor=demo.user("owner"), status="cancelled", percent=0)
    with pytest.raises(PermissionDenied):
        services.post_progress(work_world.task, actor=demo.user("focal"), status="cancelled", percent=0)


def test_the_officer_adds_a_task_by_hand(demo: Any) -> None:
    response = demo.client("owner").post(
        reverse("work:task_new"),
        {
            "title": "Chuẩn bị hội nghị sơ kết",
            "lead": demo.agency.pk,
            "end": "2026-12-10",
            "recurrence": "once",
        },
    )
    assert response.status_code == 302
    task = Task.objects.get(title="Chuẩn bị hội nghị sơ kết")
    assert task.lead == demo.agency and task.unit == demo.commune and task.plan is None
    # an agency of another commune is refused
    from apps.geo.models import Agency

    stranger = Agency.objects.filter(unit=demo.other_commune).first()
    if stranger is None:
        from apps.geo.services import ensure_default_agencies

        ensure_default_agencies(demo.other_commune, actor=SYSTEM)
        stranger = Agency.objects.filter(unit=demo.other_commune).first()
    with pytest.raises(ValidationError):
        services.create_task(demo.commune, actor=demo.user("owner"), title="x", end=None, lead=stranger)
