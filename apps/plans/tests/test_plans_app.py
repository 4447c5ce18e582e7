"""The plans app as its users meet it: import a file (in the background, with progress),
review and save all or nothing, author and edit with versions and conflict detection,
issue with gap-free numbers, derive communes' plans from the province plan, export."""

from __future__ import annotations

import datetime as dt
import io
import threading
from pathlib import Path
from typing import Any

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from apps.access.events import Event
from apps.access.models import AuditLog
from apps.accounts.demo import SYSTEM
from apps.geo.models import AdministrativeUnit, Agency
from apps.plans import content as plan_content
from apps.plans import services
from apps.plans.derive import derive_plan, mappings_of
from apps.plans.models import DocumentCounter, ImportStatus, Plan, PlanImport, PlanStatus, PlanTask
from apps.plans.tasks import run_import
from apps.plans.tests.editor_post import editor_post

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus"


@pytest.fixture
def files(settings: Any, tmp_path: Path) -> Path:
    settings.PLAN_FILES_DIR = tmp_path / "files"
    return settings.PLAN_FILES_DIR


@pytest.fixture
def immediate_jobs(settings: Any) -> None:
    """Jobs run when enqueued, inside the test's transaction; the real database worker
    is exercised by test_the_database_worker_reads_a_queued_file."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def upload(client: Any, name: str, data: bytes) -> Any:
    return client.post("/plans/import/", {"file": SimpleUploadedFile(name, data)})


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_database_worker_reads_a_queued_file(files: Path, settings: Any) -> None:
    """What `make run` does: the upload queues a job in the database, the worker process
    (manage.py db_worker) reads the file and reports progress."""
    from apps.accounts.demo import load_demo
    from apps.accounts.models import User
    from apps.plans.imports import start_import

    settings.DEMO_MODE = True
    load_demo(extras=False)
    settings.DEMO_MODE = False
    commune = AdministrativeUnit.objects.get(name="Xã Hà Tây")
    with (CORPUS / "ha-tay-2026.md").open("rb") as handle:
        plan_import = start_import(
            commune, actor=User.objects.get(username="congchuc"), upload=handle, name="kh.md", size=9999
        )
    assert PlanImport.objects.get(pk=plan_import.pk).status == ImportStatus.QUEUED
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    plan_import.refresh_from_db()
    assert plan_import.status == ImportStatus.READY
    assert plan_import.result["document"]["number"] == "171/KH-UBND"


def test_import_review_save(
    demo: Any, files: Path, immediate_jobs: None, django_capture_on_commit_callbacks: Any
) -> None:
    client = demo.client("owner")
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = upload(client, "ke-hoach.md", (CORPUS / "ha-tay-2026.md").read_bytes())
    assert response.status_code == 302
    plan_import = PlanImport.objects.get()
    assert plan_import.status == ImportStatus.QUEUED
    waiting = client.get(response["Location"])
    assert 'data-testid="import-progress"' in waiting.content.decode()
    for callback in queued:  # the transaction commits: the job runs
        callback()
    plan_import.refresh_from_db()
    assert plan_import.status == ImportStatus.READY
    assert plan_import.pages_done == plan_import.pages_total == 1
    assert list(files.iterdir()) == [files / plan_import.file_path]  # kept, under a name of ours
    review = client.get(response["Location"])
    page = review.content.decode()
    assert "Triển khai thực hiện công tác bình đẳng giới năm 2026" in page
    assert 'data-testid="document-text"' in page
    # "Hội Liên hiệp Phụ nữ xã" is matched to the commune's own "… xã Hà Tây"
    form = review.context["choices_form"]
    matched = {written: form[name].value() for written, name, _ in form.rows}
    assert matched["Hội Liên hiệp Phụ nữ xã"] == str(demo.agency.pk)
    saved = client.post(response["Location"], editor_post(plan_import.result) | _choices(form))
    assert saved.status_code == 302
    plan = Plan.objects.get()
    assert (plan.unit, plan.status, plan.year) == (demo.commune, PlanStatus.DRAFT, 2026)
    assert plan.agency_map["Hội Liên hiệp Phụ nữ xã"] == demo.agency.pk
    assert plan.source_name == "ke-hoach.md"
    assert client.get(f"/plans/{plan.pk}/source/").status_code == 200
    assert demo.client("outsider").get(f"/plans/{plan.pk}/source/").status_code == 404
    assert AuditLog.objects.filter(event=Event.PLAN_IMPORTED, object_id=str(plan.pk)).exists()
    plan_import.refresh_from_db()
    assert plan_import.status == ImportStatus.SAVED
    # saving twice (a double click, a second tab) makes no second plan
    client.post(response["Location"], editor_post(plan_import.result) | _choices(form))
    assert Plan.objects.count() == 1


def _choices(form: Any) -> dict[str, str]:
    return {f"a-{name}": form[name].value() or "" for _written, name, _ in form.rows}


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("ke-hoach.docx", b"MZ\x90\x00\x03" + b"\x00" * 200, "không phải kế hoạch"),  # a program renamed
        ("ke-hoach.docx", b"PK\x03\x04" + b"\x00" * 200, "không phải kế hoạch"),  # a broken zip
        ("ke-hoach.txt", b"", "rỗng"),
        ("ke-hoach.pdf", b"%PDF-1.4\n" + b"x" * (20 * 1024 * 1024), "quá lớn"),
    ],
)
def test_bad_uploads_are_refused_in_vietnamese_and_nothing_is_kept(
    demo: Any, files: Path, name: str, data: bytes, message: str
) -> None:
    response = upload(demo.client("owner"), name, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PlanImport.objects.exists()
    assert not files.exists() or not [p for p in files.iterdir() if not p.name.startswith(".")]


def test_an_unreadable_file_fails_with_a_message_and_saves_nothing(
    demo: Any, files: Path, immediate_jobs: None, django_capture_on_commit_callbacks: Any
) -> None:
    client = demo.client("owner")
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, "hong.pdf", b"%PDF-1.4\n%broken\n" + b"\x00garbage" * 50)
    plan_import = PlanImport.objects.get()
    assert plan_import.status == ImportStatus.FAILED
    assert plan_import.error
    assert "Không đọc được tệp" in client.get(response["Location"]).content.decode()
    assert not Plan.objects.exists()


def test_a_job_killed_midway_is_shown_and_can_be_run_again(
    demo: Any, files: Path, immediate_jobs: None, django_capture_on_commit_callbacks: Any
) -> None:
    client = demo.client("owner")
    with django_capture_on_commit_callbacks(execute=False):
        response = upload(client, "ke-hoach.md", (CORPUS / "ha-tay-2026.md").read_bytes())
    plan_import = PlanImport.objects.get()
    # the worker took it and died: running, and silent for a long time
    PlanImport.objects.filter(pk=plan_import.pk).update(
        status=ImportStatus.RUNNING, heartbeat_at=timezone.now() - dt.timedelta(minutes=30)
    )
    assert 'data-testid="import-stale"' in client.get(response["Location"]).content.decode()
    assert not Plan.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/plans/import/{plan_import.pk}/retry/")
    plan_import.refresh_from_db()
    assert plan_import.status == ImportStatus.READY


def test_the_job_is_safe_to_run_twice(demo: Any, files: Path) -> None:
    plan_import = PlanImport.objects.create(
        unit=demo.commune,
        created_by=demo.user("owner"),
        file_name="x.md",
        file_path="x.md",
        file_type="md",
        file_size=1,
        status=ImportStatus.READY,
        result={"x": 1},
    )
    run_import(plan_import.pk)  # not queued: nothing happens
    plan_import.refresh_from_db()
    assert plan_import.result == {"x": 1}


def _plan(demo: Any, year: int = 2026, tasks: int = 2) -> Plan:
    content = plan_content.blank(demo.commune, year, f"Kế hoạch bình đẳng giới năm {year}")
    content["tasks"] = [
        {
            "ref": f"II.{i}",
            "title": f"Nhiệm vụ {i}",
            "activities": [],
            "lead": ["Hội LHPN xã"],
            "partners": [],
            "timeframe": {
                "text": f"Quý II/{year}",
                "start": f"{year}-04",
                "end": f"{year}-06",
                "recurrence": "once",
            },
        }
        for i in range(1, tasks + 1)
    ]
    content["events"] = [{"name": "Ngày Gia đình Việt Nam", "start": f"{year}-06-28", "end": f"{year}-06-28"}]
    content["reporting"] = [
        {"text": "Báo cáo 6 tháng", "period": "6-month", "due": f"{year}-06-15", "to": "UBND xã"}
    ]
    return services.create_plan(
        demo.commune,
        actor=demo.user("owner"),
        content=content,
        agency_map={"Hội LHPN xã": demo.agency.pk},
        note="t",
    )


def test_two_people_editing_the_second_gets_a_conflict_not_an_overwrite(demo: Any) -> None:
    plan = _plan(demo)
    first, second = demo.client("owner"), demo.client("leader")
    form_first = editor_post(plan.content, **{"h-title": "Bản của người thứ nhất", "revision": plan.revision})
    form_second = editor_post(plan.content, **{"h-title": "Bản của người thứ hai", "revision": plan.revision})
    assert first.post(f"/plans/{plan.pk}/edit/", form_first).status_code == 302
    conflict = second.post(f"/plans/{plan.pk}/edit/", form_second)
    assert conflict.status_code == 409
    assert "Người khác đã lưu kế hoạch này" in conflict.content.decode()
    plan.refresh_from_db()
    assert plan.title == "Bản của người thứ nhất"
    assert plan.versions.count() == 2


def test_reorder_delete_and_add_tasks_in_the_editor(demo: Any) -> None:
    plan = _plan(demo, tasks=3)
    data = editor_post(plan.content, revision=plan.revision)
    data.update({"tasks-0-ORDER": "3", "tasks-1-ORDER": "1", "tasks-2-ORDER": "2", "tasks-2-DELETE": "on"})
    data.update({"tasks-3-ref": "II.9", "tasks-3-title": "Nhiệm vụ mới", "tasks-3-lead": "Công an xã"})
    assert demo.client("owner").post(f"/plans/{plan.pk}/edit/", data).status_code == 302
    plan.refresh_from_db()
    assert [t["title"] for t in plan.tasks] == ["Nhiệm vụ 2", "Nhiệm vụ 1", "Nhiệm vụ mới"]
    assert plan.tasks[2]["lead"] == ["Công an xã"]


def test_a_wrong_date_in_the_editor_is_a_message_and_nothing_changes(demo: Any) -> None:
    plan = _plan(demo)
    data = editor_post(plan.content, revision=plan.revision, **{"tasks-0-start": "31/02/2026"})
    response = demo.client("owner").post(f"/plans/{plan.pk}/edit/", data)
    assert response.status_code == 200
    assert "Ngày này không có thật" in response.content.decode()
    assert Plan.objects.get(pk=plan.pk).revision == plan.revision


def test_versions_compare_and_restore(demo: Any) -> None:
    plan = _plan(demo)
    changed = {**plan.content, "document": {**plan.content["document"], "title": "Tên mới"}}
    services.update_plan(plan, actor=demo.user("owner"), revision=1, content=changed, note="Đổi tên")
    page = demo.client("owner").get(f"/plans/{plan.pk}/versions/", {"a": 1, "b": 2})
    comparison = page.context["comparison"]["changes"]
    assert [c["part"] for c in comparison] == ["Phần đầu"]
    assert "Tên mới" in page.content.decode()
    restored = demo.client("owner").post(f"/plans/{plan.pk}/versions/1/restore/", {"revision": 2})
    assert restored.status_code == 302
    plan.refresh_from_db()
    assert (plan.title, plan.revision) == ("Kế hoạch bình đẳng giới năm 2026", 3)
    assert plan.versions.first().note == "Khôi phục phiên bản 1"


def test_issue_gives_the_next_number_and_materialises_the_work(demo: Any) -> None:
    plans = [_plan(demo, tasks=1) for _ in range(3)]
    leader = demo.user("leader")
    numbers = [services.issue_plan(p, actor=leader, revision=p.revision).number for p in plans]
    assert numbers == ["1/KH-UBND", "2/KH-UBND", "3/KH-UBND"]
    issued = Plan.objects.get(pk=plans[0].pk)
    task = PlanTask.objects.get(plan=issued)
    assert task.lead == demo.agency
    assert (task.start, task.end) == (dt.date(2026, 4, 1), dt.date(2026, 6, 30))
    assert issued.reporting_rows.get().due == dt.date(2026, 6, 15)
    assert issued.event_rows.get().start == dt.date(2026, 6, 28)
    with pytest.raises(ValidationError):
        services.update_plan(
            issued, actor=demo.user("owner"), revision=issued.revision, content=issued.content, note="x"
        )
    with pytest.raises(PermissionDenied):  # the officer does not issue
        services.issue_plan(_plan(demo), actor=demo.user("owner"), revision=1)


def test_a_plan_issued_on_paper_keeps_its_number(demo: Any) -> None:
    plan = _plan(demo)
    paper = {
        **plan.content,
        "document": {**plan.content["document"], "number": "171/KH-UBND", "date": "2026-05-29"},
    }
    plan = services.update_plan(plan, actor=demo.user("owner"), revision=1, content=paper, note="x")
    plan = services.issue_plan(plan, actor=demo.user("leader"), revision=plan.revision)
    assert (plan.number, plan.issued_on) == ("171/KH-UBND", dt.date(2026, 5, 29))
    nxt = _plan(demo)
    assert services.issue_plan(nxt, actor=demo.user("leader"), revision=1).number == "172/KH-UBND"


def test_a_correction_is_a_new_version_with_its_reason(demo: Any) -> None:
    plan = _plan(demo)
    plan = services.issue_plan(plan, actor=demo.user("leader"), revision=1)
    fixed = {**plan.content, "document": {**plan.content["document"], "title": "Tên đã đính chính"}}
    services.correct_plan(
        plan, actor=demo.user("leader"), revision=plan.revision, content=fixed, reason="Sai chính tả"
    )
    plan.refresh_from_db()
    assert (plan.title, plan.number) == ("Tên đã đính chính", "1/KH-UBND")
    assert plan.versions.first().note == "Đính chính: Sai chính tả"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_issuing_gives_distinct_numbers_without_gaps(settings: Any) -> None:
    """Leaders issuing plans of one unit at the same moment get numbers 1..n, none twice,
    none skipped. Each issue locks only its own plan's row, so the issues run side by side
    on PostgreSQL and only the counter row's lock (numbers.next_number) keeps them in
    line; SQLite lets one writer in at a time."""
    from apps.accounts.demo import load_demo

    settings.DEMO_MODE = True
    load_demo(extras=False)
    settings.DEMO_MODE = False
    from apps.accounts.models import User

    commune = AdministrativeUnit.objects.get(name="Xã Hà Tây")
    leader = User.objects.get(username="lanhdao")
    plans = []
    for i in range(9):
        content = plan_content.blank(commune, 2026, f"Kế hoạch {i}")
        content["tasks"] = [
            {"ref": "1", "title": "Việc", "activities": [], "lead": [], "partners": [], "timeframe": None}
        ]
        plans.append(services.create_plan(commune, actor=SYSTEM, content=content, note="t"))
    # the first one alone: the unit's counter row for the year exists before the race
    first = plans.pop(0)
    services.issue_plan(first, actor=leader, revision=first.revision, confirm_unassigned=True)
    barrier = threading.Barrier(len(plans))
    errors: list[BaseException] = []

    def issue(plan: Plan) -> None:
        try:
            barrier.wait()
            services.issue_plan(plan, actor=leader, revision=plan.revision, confirm_unassigned=True)
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(p,)) for p in plans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Plan.objects.filter(unit=commune).values_list("number_seq", flat=True))
    assert numbers == list(range(1, 10))
    counter = DocumentCounter.objects.get(unit=commune, year=2026, kind="KH")
    assert counter.last == 9


def test_three_communes_derive_from_the_province_plan(demo: Any) -> None:
    from apps.geo.services import ensure_default_agencies
    from apps.plans.demo import province_content

    city = services.create_plan(
        demo.province, actor=demo.user("province"), content=province_content(demo.province), note="t"
    )
    city = services.issue_plan(city, actor=demo.user("province"), revision=city.revision)
    communes = [demo.commune, demo.other_commune, AdministrativeUnit.objects.get(name="Xã Kim Thành")]
    ensure_default_agencies(communes[2], actor=SYSTEM)
    derived = {}
    for commune in communes:
        officer = (
            demo.user("owner")
            if commune == demo.commune
            else demo.user("outsider")
            if commune == demo.other_commune
            else SYSTEM
        )
        plan, unresolved = derive_plan(city, actor=officer, commune=commune)
        derived[commune.short_name] = (plan, unresolved)
    plan, unresolved = derived["Hà Tây"]
    document = plan.content["document"]
    assert document["issuer"]["name"] == "Ủy ban nhân dân xã Hà Tây"
    assert document["place"] == "Hà Tây" and document["number"] is None
    basis = plan.content["references"][0]
    assert (basis["role"], basis["number"], basis["issuer"]) == (
        "basis",
        city.number,
        "Ủy ban nhân dân thành phố Hải Phòng",
    )
    health = next(t for t in plan.tasks if t["title"].startswith("Chăm sóc sức khỏe"))
    assert health["lead"] == ["Trạm Y tế xã Hà Tây"]  # Sở Y tế -> the commune's health station
    violence = next(t for t in plan.tasks if t["title"].startswith("Phòng ngừa"))
    assert violence["lead"] == ["Công an xã Hà Tây"]  # Công an thành phố -> Công an xã
    assert (
        plan.agency_map["Trạm Y tế xã Hà Tây"]
        == Agency.objects.get(unit=demo.commune, name="Trạm Y tế xã Hà Tây").pk
    )
    assert "Thôn / tổ dân phố" in unresolved
    assert derived["Kim Thành"][0].content["document"]["issuer"]["name"] == "Ủy ban nhân dân xã Kim Thành"
    with pytest.raises(ValidationError):  # once per commune
        derive_plan(city, actor=demo.user("owner"), commune=demo.commune)
    status = demo.client("province").get(f"/plans/{city.pk}/communes/", {"q": "ha tay"})
    assert status.context["derived_count"] == 3
    rows = {r["unit"].name: r for r in status.context["rows"] if r["plan"]}
    assert rows["Xã Hà Tây"]["derived"] and rows["Xã Hà Tây"]["plan"].status == PlanStatus.DRAFT


def test_the_province_edits_its_mapping_and_derivation_follows(demo: Any) -> None:
    city = services.create_plan(
        demo.province,
        actor=demo.user("province"),
        content=__import__("apps.plans.demo", fromlist=["x"]).province_content(demo.province),
        note="t",
    )
    city = services.issue_plan(city, actor=demo.user("province"), revision=city.revision)
    rows = mappings_of(demo.province)
    health = next(m for m in rows if m.province_body == "Sở Y tế")
    data = {"m-TOTAL_FORMS": len(rows), "m-INITIAL_FORMS": len(rows)}
    for i, m in enumerate(rows):
        data |= {
            f"m-{i}-id": m.pk,
            f"m-{i}-commune_lead": m.commune_lead,
            f"m-{i}-commune_partners": "; ".join(m.commune_partners),
        }
        if m.pk == health.pk:
            data[f"m-{i}-commune_lead"] = "Phòng Văn hóa - Xã hội"
    assert demo.client("province").post("/plans/mapping/", data).status_code == 302
    assert demo.client("owner").post("/plans/mapping/", data).status_code == 403
    plan, _ = derive_plan(city, actor=demo.user("owner"), commune=demo.commune)
    care = next(t for t in plan.tasks if t["title"].startswith("Chăm sóc sức khỏe"))
    assert care["lead"] == ["Phòng Văn hóa - Xã hội"]


def test_copy_last_years_plan_moves_the_dates(demo: Any) -> None:
    plan = _plan(demo, year=2024)
    copy = services.copy_plan(plan, actor=demo.user("owner"), unit=demo.commune, year=2025)
    assert copy.content["document"]["title"] == "Kế hoạch bình đẳng giới năm 2025"
    assert copy.tasks[0]["timeframe"] == {
        "text": "Quý II/2025",
        "start": "2025-04",
        "end": "2025-06",
        "recurrence": "once",
    }
    assert copy.content["events"][0]["start"] == "2025-06-28"
    assert copy.content["reporting"][0]["due"] == "2025-06-15"
    assert copy.content["document"]["number"] is None
    assert (
        plan_content.moved_to_year(
            {**plan.content, "events": [{"name": "x", "start": "2024-02-29", "end": None}]}, 2025
        )["events"][0]["start"]
        == "2025-02-28"
    )


def test_plan_search_ignores_accents_and_tone_placement(demo: Any) -> None:
    _plan(demo)
    client = demo.client("owner")
    for query in ("binh dang", "bình đẳng", "BINH DANG gioi"):
        assert client.get("/plans/", {"q": query}).context["page"].paginator.count == 1, query
    assert client.get("/plans/", {"q": "khong co"}).context["page"].paginator.count == 0
    assert client.get("/plans/", {"year": 2025}).context["page"].paginator.count == 0
    assert client.get("/plans/", {"status": "draft"}).context["page"].paginator.count == 1


def test_export_docx_opens_in_word_and_pdf_is_not_found_without_libreoffice(
    demo: Any, monkeypatch: Any
) -> None:
    plan = _plan(demo)
    client = demo.client("focal")
    response = client.get(f"/plans/{plan.pk}/export.docx", {"tasks": "table"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = docx.Document(io.BytesIO(response.content))
    assert any("KẾ HOẠCH" in p.text for p in document.paragraphs)
    assert document.tables  # the header table and the task table
    monkeypatch.setenv("PATH", "/nonexistent")
    # without LibreOffice there is no PDF to give (test_pdf_offered.py): not found, no toast
    assert client.get(f"/plans/{plan.pk}/export.pdf").status_code == 404
    printed = client.get(f"/plans/{plan.pk}/print/").content.decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in printed and "Nhiệm vụ 1" in printed


def test_a_commune_sees_the_province_plan_only_once_issued(demo: Any) -> None:
    from apps.plans.demo import province_content

    city = services.create_plan(
        demo.province, actor=demo.user("province"), content=province_content(demo.province), note="t"
    )
    assert demo.client("owner").get(f"/plans/{city.pk}/").status_code == 404
    services.issue_plan(city, actor=demo.user("province"), revision=city.revision)
    assert demo.client("owner").get(f"/plans/{city.pk}/").status_code == 200
    issued_edit = demo.client("province").get(f"/plans/{city.pk}/edit/")  # issued: corrections only
    assert (issued_edit.status_code, issued_edit["Location"]) == (302, f"/plans/{city.pk}/")
    draft = _plan(demo)
    assert demo.client("province").get(f"/plans/{draft.pk}/").status_code == 200  # reads the communes' plans
    assert demo.client("province").post(f"/plans/{draft.pk}/edit/", {}).status_code == 403  # never edits them


def test_the_demo_has_a_lived_in_province(demo_plans: Any) -> None:
    plans = Plan.objects.select_related("unit")
    assert plans.get(unit__name="Thành phố Hải Phòng").status == PlanStatus.ISSUED
    ha_tay = plans.filter(unit__name="Xã Hà Tây")
    assert ha_tay.get(year=2026).number == "171/KH-UBND"
    assert ha_tay.get(year=2027).status == PlanStatus.DRAFT
    assert plans.filter(basis__isnull=False).count() == 3


def test_review_feedback_dates_matching_versions_and_non_plans(
    demo: Any, files: Path, immediate_jobs: None, django_capture_on_commit_callbacks: Any
) -> None:
    from apps.plans.matching import Candidate, best_match

    plan = _plan(demo)
    # an end before its start is refused
    data = editor_post(
        plan.content, revision=plan.revision, **{"tasks-0-start": "15/06/2026", "tasks-0-end": "01/03/2026"}
    )
    page = demo.client("owner").post(f"/plans/{plan.pk}/edit/", data).content.decode()
    assert "Ngày kết thúc trước ngày bắt đầu" in page
    # a group or a list of bodies is never guessed as one agency; "Hội Phụ nữ" is the Women's Union
    agencies = [Candidate(a.pk, a.name) for a in Agency.objects.filter(unit=demo.commune)]
    assert best_match("các cơ quan, ban, ngành", agencies, "Hà Tây") is None
    assert best_match("Ủy ban MTTQ xã, Hội LHPN xã và các tổ chức thành viên", agencies, "Hà Tây") is None
    assert best_match("Hội Phụ nữ xã", agencies, "Hà Tây").pk == demo.agency.pk
    # an edit inside a task shows in the comparison, dates as people write them
    first = dict(plan.tasks[0], timeframe={**plan.tasks[0]["timeframe"], "end": "2026-07"})
    changed = {**plan.content, "tasks": [first, plan.tasks[1]]}
    services.update_plan(plan, actor=demo.user("owner"), revision=plan.revision, content=changed, note="x")
    compared = demo.client("owner").get(f"/plans/{plan.pk}/versions/", {"a": 1, "b": 2})
    assert any("07/2026" in line for line in compared.context["comparison"]["changes"][0]["added"])
    # a file that is not a plan fails with a message
    with django_capture_on_commit_callbacks(execute=True):
        upload(demo.client("owner"), "mua-sam.txt", "Danh sách mua sắm\nGạo\nMuối\n".encode())
    failed = PlanImport.objects.get()
    assert failed.status == ImportStatus.FAILED and "không giống một kế hoạch" in failed.error
