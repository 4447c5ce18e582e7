"""Consolidated-report services: who may open, edit and export a report (and that every
refusal and every change is audited), the first draft drawn from the plan's tasks,
progress and activities, the optimistic lock and bad input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from apps.access.events import Event
from apps.access.models import AuditLog
from apps.reports import services, storage
from apps.reports.models import ConsolidatedReport, ReportFile, ReportStatus
from apps.work import services as work_services
from apps.work.models import Task, TaskStatus


def _open(world: Any, persona: str = "owner", period: str = "2026S1") -> ConsolidatedReport:
    unit = world.demo.province if persona == "province" else world.demo.commune
    return services.open_report(unit, world.form, period, actor=world.demo.user(persona))


@pytest.mark.parametrize("persona", ["focal", "caseworker", "outsider", "province"])
def test_only_the_communes_officer_and_leader_open_its_report(world: Any, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        services.open_report(world.demo.commune, world.form, "2026S1", actor=world.demo.user(persona))
    assert not ConsolidatedReport.objects.exists()
    assert AuditLog.objects.filter(event=Event.ACCESS_DENIED, actor=world.demo.user(persona)).exists()


@pytest.mark.parametrize("persona", ["owner", "leader", "focal", "caseworker", "outsider"])
def test_nobody_of_a_commune_opens_the_provinces_report(world: Any, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        services.open_report(world.demo.province, world.form, "2026S1", actor=world.demo.user(persona))


def test_the_officer_opens_a_drafted_report_once_and_it_is_audited(world: Any) -> None:
    report = _open(world)
    assert report.unit == world.demo.commune and report.period == "2026S1" and report.revision == 1
    assert _open(world, "leader").pk == report.pk  # the same report, not a second one
    log = AuditLog.objects.get(event=Event.CONSOLIDATED_SAVED, object_id=str(report.pk))
    assert log.actor == world.demo.user("owner")
    assert log.unit_path == world.demo.commune.path


def test_the_draft_follows_the_plan_tasks_in_order_with_progress_and_activities(world: Any) -> None:
    from apps.activities.services import record_activity
    from apps.activities.tests.world import counts
    from apps.work.sync import sync_plan_tasks

    demo = world.demo
    sync_plan_tasks(demo.commune)
    tasks = list(Task.objects.filter(unit=demo.commune, plan__isnull=False).order_by("plan_task__order"))
    assert len(tasks) >= 3
    second = tasks[1]
    with time_machine.travel(dt.datetime(2026, 5, 20, 9, 0, tzinfo=dt.UTC)):  # inside 2026S1
        work_services.post_progress(
            second,
            actor=demo.user("owner"),
            status=TaskStatus.IN_PROGRESS,
            percent=60,
            note="Đã kiện toàn Ban vì sự tiến bộ của phụ nữ xã",
            uploads=[],
        )
    work_services.post_progress(  # after the period: not in this report
        second, actor=demo.user("owner"), status=TaskStatus.IN_PROGRESS, percent=60, note="Sau kỳ", uploads=[]
    )
    record_activity(
        demo.commune,
        actor=demo.user("owner"),
        organiser=demo.agency,
        kind="training",
        title="Tập huấn cho cán bộ",
        date=dt.date(2026, 4, 10),
        counts=counts(7, 13),
        task=second,
    )
    report = _open(world)
    lines = report.sections["tasks"].splitlines()
    headings = [line for line in lines if not line.startswith("- ")]
    # numbered under "1. Kết quả thực hiện các nhiệm vụ", the plan's own number in brackets
    # (never "II.1." again inside section II)
    assert headings == [
        f"1.{n}. {t.title.strip().rstrip('.;:')} (nhiệm vụ {t.ref} của Kế hoạch số 171/KH-UBND)"
        for n, t in enumerate(tasks, start=1)
    ]
    assert not any(line.startswith("II.") for line in lines)
    block = lines[lines.index(headings[1]) : lines.index(headings[2])]
    assert "- Tiến độ: đang thực hiện, đạt 60%; thời hạn 31/12/2026." in block
    assert "- Kết quả: Đã kiện toàn Ban vì sự tiến bộ của phụ nữ xã." in block
    assert "Sau kỳ" not in report.sections["tasks"]
    assert "- Đã tổ chức 1 hoạt động với 20 lượt người tham gia (13 nữ, 7 nam)." in block
    # the plans issued, the plan numbers in the opening, the unfinished tasks for next period
    assert "Kế hoạch số 171/KH-UBND ngày 29/5/2026" in report.sections["general"]
    assert report.sections["opening"].startswith("Thực hiện Kế hoạch số 178/KH-UBND")
    assert (
        f"- Tiếp tục thực hiện nhiệm vụ {second.ref} {second.title.strip().rstrip('.;')}"
        in report.sections["next"]
    )
    assert "Sở Nội vụ thành phố Hải Phòng (báo cáo)" in report.sections["recipients"]


def test_the_province_draft_counts_the_communes_and_their_reports(world: Any) -> None:
    first, second = world.communes(2)
    world.approved(first, {("BD-C02", ""): 10})
    world.filled(second, {("BD-C02", ""): 5})
    report = _open(world, "province")
    expected = first.parent.children.filter(level="commune", is_active=True).count()
    assert f"Có 1/{expected} xã, phường gửi báo cáo" in report.sections["indicators"]
    assert "1 báo cáo đã được duyệt" in report.sections["indicators"]
    assert report.sections["tasks"].startswith(
        "1.1. Tăng cường quản lý nhà nước về bình đẳng giới (nhiệm vụ II.1"
    )
    assert "xã, phường có nhiệm vụ này trong kế hoạch đã triển khai" in report.sections["tasks"]


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("2026Q1", "6 tháng"),
        ("2026S3", "không phải là kỳ báo cáo"),
        ("abc", "không phải là kỳ báo cáo"),
        ("2027S1", ""),
    ],
)
def test_a_period_that_is_not_one_of_the_form_is_refused_with_a_message(
    world: Any, code: str, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        _open(world, period=code)
    assert caught.value.messages
    assert not ConsolidatedReport.objects.exists()


def test_saving_needs_the_revision_it_edited_and_keeps_the_other_save(world: Any) -> None:
    report = _open(world)
    owner, leader = world.demo.user("owner"), world.demo.user("leader")
    saved = services.save_report(
        report, actor=leader, sections={"strengths": "Lãnh đạo viết"}, number="15/BC-UBND", revision=1
    )
    assert saved.revision == 2 and saved.number == "15/BC-UBND"
    with pytest.raises(services.StaleReport) as caught:
        services.save_report(
            report, actor=owner, sections={"strengths": "Công chức viết"}, number="", revision=1
        )
    assert caught.value.current.sections["strengths"] == "Lãnh đạo viết"
    report.refresh_from_db()
    assert report.sections["strengths"] == "Lãnh đạo viết" and report.revision == 2
    log = (
        AuditLog.objects.filter(event=Event.CONSOLIDATED_SAVED, object_id=str(report.pk))
        .order_by("-pk")
        .first()
    )
    assert log is not None and log.actor == leader
    assert log.changes["sections"] == ["strengths"]
    assert log.changes["number"] == ["", "15/BC-UBND"]


def test_saving_unchanged_text_makes_no_new_version(world: Any) -> None:
    report = _open(world)
    same = services.save_report(
        report, actor=world.demo.user("owner"), sections=dict(report.sections), number="", revision=1
    )
    assert same.revision == 1


@pytest.mark.parametrize(
    "sections",
    [{"secret": "x"}, {"tasks": "x" * 20001}],
)
def test_bad_sections_are_refused_and_nothing_is_saved(world: Any, sections: dict[str, str]) -> None:
    report = _open(world)
    with pytest.raises(ValidationError):
        services.save_report(report, actor=world.demo.user("owner"), sections=sections, number="", revision=1)
    report.refresh_from_db()
    assert report.revision == 1 and "secret" not in report.sections


@pytest.mark.parametrize("persona", ["focal", "caseworker", "outsider", "province"])
def test_the_wrong_persons_cannot_save_or_export_a_communes_report(
    world: Any, persona: str, files: Path
) -> None:
    report = _open(world)
    actor = world.demo.user(persona)
    with pytest.raises(PermissionDenied):
        services.save_report(report, actor=actor, sections={"strengths": "x"}, number="", revision=1)
    with pytest.raises(PermissionDenied):
        services.export_report(report, "docx", actor=actor)
    report.refresh_from_db()
    assert report.revision == 1 and report.sections["strengths"] != "x"
    assert not ReportFile.objects.exists()
    assert not files.exists() or not any(files.iterdir())
    assert AuditLog.objects.filter(event=Event.ACCESS_DENIED, actor=actor).count() == 2


def test_an_export_is_archived_outside_the_web_root_and_audited(world: Any, files: Path) -> None:
    report = _open(world, "leader")
    row = services.export_report(report, "xlsx", actor=world.demo.user("leader"))
    leader = world.demo.user("leader")
    assert leader.full_name and leader.full_name != leader.username
    assert row.kind == "xlsx" and row.revision == 1 and row.created_by_name == leader.full_name
    assert row.file_name.startswith("bao-cao-bd-6t-2026s1-ha-tay-") and row.file_name.endswith(".xlsx")
    stored = storage.files_dir() / row.file_path
    assert stored.parent == files and stored.stat().st_size == row.size
    assert row.file_name not in row.file_path  # a random name of ours on disk
    report.refresh_from_db()
    assert report.status == ReportStatus.EXPORTED
    log = AuditLog.objects.get(event=Event.CONSOLIDATED_EXPORTED)
    assert log.changes["kind"] == "xlsx" and log.actor == world.demo.user("leader")
    # an edit after the export makes it a draft again
    services.save_report(
        report, actor=world.demo.user("owner"), sections={"proposals": "Đề nghị"}, number="", revision=1
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_an_unknown_export_kind_is_refused(world: Any) -> None:
    report = _open(world)
    with pytest.raises(ValidationError):
        services.export_report(report, "pdf", actor=world.demo.user("owner"))
    assert not ReportFile.objects.exists()


def test_a_failed_archive_leaves_no_file_behind(world: Any, files: Path, monkeypatch: Any) -> None:
    report = _open(world)

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("database gone")

    monkeypatch.setattr(ReportFile.objects, "create", broken)
    with pytest.raises(RuntimeError):
        services.export_report(report, "docx", actor=world.demo.user("owner"))
    assert not any(files.iterdir())
    assert not AuditLog.objects.filter(event=Event.CONSOLIDATED_EXPORTED).exists()


def test_the_province_officer_writes_and_exports_the_provinces_report(world: Any) -> None:
    report = _open(world, "province")
    officer = world.demo.user("province")
    services.save_report(report, actor=officer, sections={"signer": "Nguyễn Văn A"}, number="", revision=1)
    row = services.export_report(report, "docx", actor=officer)
    assert row.report == report
    for persona in ("owner", "leader"):
        with pytest.raises(PermissionDenied):
            services.export_report(report, "docx", actor=world.demo.user(persona))


def test_the_demo_drafts_and_exports_ha_tays_report_and_drafts_the_citys(world: Any) -> None:
    from apps.reports.demo import load_reports_demo

    load_reports_demo(users=world.demo.users)
    hatay = ConsolidatedReport.objects.get(unit=world.demo.commune)
    assert hatay.period == "2026S1" and hatay.sections["signer"] == world.demo.user("leader").full_name
    assert hatay.files.get().kind == "docx"
    assert ConsolidatedReport.objects.filter(unit=world.demo.province, period="2026S1").exists()
    load_reports_demo(users={})  # without the demo people: nothing, no error
    assert ConsolidatedReport.objects.count() == 2


def test_task_titles_are_matched_by_their_words() -> None:
    from apps.reports.drafting import TITLE_MATCH, title_likeness

    alike = [
        (
            "Tăng cường công tác quản lý nhà nước về bình đẳng giới",
            "Tăng cường quản lý nhà nước về bình đẳng giới",
        ),
        (
            "Phòng ngừa và ứng phó với bạo lực trên cơ sở giới",
            "Phòng ngừa, ứng phó với bạo lực trên cơ sở giới",
        ),
        ("TUYÊN TRUYỀN VỀ BÌNH ĐẲNG GIỚI", "Tuyên truyền về bình đẳng giới"),
    ]
    unlike = [
        ("Đẩy mạnh công tác thông tin, tuyên truyền", "Tăng cường quản lý nhà nước về bình đẳng giới"),
        (
            "Thúc đẩy sự tham gia của phụ nữ trong lãnh đạo, quản lý và phát triển kinh tế",
            "Hỗ trợ phụ nữ phát triển kinh tế, khởi nghiệp",
        ),
        (
            "Thu thập thông tin, thống kê và báo cáo",
            "Chăm sóc sức khỏe sinh sản, giảm mất cân bằng giới tính khi sinh",
        ),
    ]
    assert all(title_likeness(a, b) >= TITLE_MATCH for a, b in alike)
    assert all(title_likeness(a, b) < TITLE_MATCH for a, b in unlike)


def test_the_province_draft_counts_every_commune_whose_plan_carries_the_task(world: Any) -> None:
    """Hà Tây's own plan (imported, citing the city plan 178/KH-UBND as its basis) counts
    beside the plans derived from the city's: its task II.1 "Tăng cường công tác quản lý
    nhà nước về bình đẳng giới" is the city's II.1, its II.4 on violence the city's II.3."""
    from apps.accounts.demo import SYSTEM
    from apps.activities.services import record_activity
    from apps.activities.tests.world import counts
    from apps.plans.models import Plan, PlanStatus
    from apps.work.sync import sync_plan_tasks

    demo = world.demo
    owner = demo.user("owner")
    sync_plan_tasks(demo.commune)
    ha_tay = {t.ref: t for t in Task.objects.filter(unit=demo.commune, plan__number="171/KH-UBND")}
    work_services.post_progress(
        ha_tay["II.1"], actor=owner, status=TaskStatus.DONE, percent=100, note="Xong", uploads=[]
    )
    work_services.post_progress(
        ha_tay["II.4"], actor=owner, status=TaskStatus.IN_PROGRESS, percent=30, note="", uploads=[]
    )
    record_activity(
        demo.commune,
        actor=owner,
        organiser=demo.agency,
        kind="communication",
        title="Truyền thông phòng, chống bạo lực gia đình",
        date=dt.date(2026, 4, 12),
        counts=counts(8, 12),
        task=ha_tay["II.4"],
    )
    derived = Plan.objects.filter(basis__unit=demo.province, status=PlanStatus.ISSUED).order_by("pk")
    assert derived.count() == 2  # a third commune's derived plan is still a draft: not counted
    hai_duong = derived.first().unit
    sync_plan_tasks(hai_duong)
    work_services.post_progress(
        Task.objects.get(unit=hai_duong, ref="II.2"),
        actor=SYSTEM,
        status=TaskStatus.IN_PROGRESS,
        percent=10,
        note="",
        uploads=[],
    )
    report = _open(world, "province")
    lines = report.sections["tasks"].splitlines()

    def block(ref: str) -> list[str]:
        start = next(
            i for i, line in enumerate(lines) if f"(nhiệm vụ {ref} của Kế hoạch số 178/KH-UBND)" in line
        )
        end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith("- ")), len(lines))
        return lines[start:end]

    first = block("II.1")
    assert (
        first[0]
        == "1.1. Tăng cường quản lý nhà nước về bình đẳng giới (nhiệm vụ II.1 của Kế hoạch số 178/KH-UBND)"
    )
    assert (
        "- Có 1/3 xã, phường có nhiệm vụ này trong kế hoạch đã triển khai (đang thực hiện hoặc đã hoàn thành)."
        in first
    )
    # Hà Tây has no task like the city's II.2: the two derived plans carry it, one started
    assert (
        "- Có 1/2 xã, phường có nhiệm vụ này trong kế hoạch đã triển khai (đang thực hiện hoặc đã hoàn thành)."
        in block("II.2")
    )
    violence = block("II.3")
    assert (
        "- Có 1/3 xã, phường có nhiệm vụ này trong kế hoạch đã triển khai (đang thực hiện hoặc đã hoàn thành)."
        in violence
    )
    assert "- Các xã, phường đã tổ chức 1 hoạt động với 20 lượt người tham gia (12 nữ, 8 nam)." in violence
    assert "- Có 0/2 xã, phường" in block("II.6")[1]
