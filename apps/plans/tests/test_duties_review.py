"""The import review proposes each task's lead and partners from "Tổ chức thực hiện",
says where each task's lead and timeframe come from, and saves only what is ticked."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.geo.models import Agency
from apps.plans import services
from apps.plans.models import ImportStatus, Plan, PlanImport
from apps.plans.tests.editor_post import editor_post

FIXTURE = Path(__file__).parent / "fixtures" / "ha-tay-2026-duties.md"


@pytest.fixture
def review(demo: Any, settings: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any) -> Any:
    settings.PLAN_FILES_DIR = tmp_path / "files"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client = demo.client("owner")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/plans/import/", {"file": SimpleUploadedFile("ke-hoach-ha-tay.md", FIXTURE.read_bytes())}
        )
    assert response.status_code == 302
    plan_import = PlanImport.objects.get()
    assert plan_import.status == ImportStatus.READY
    return client, response["Location"], plan_import


def _post(page: Any, plan_import: PlanImport, ticked: list[str]) -> dict[str, Any]:
    form = page.context["choices_form"]
    choices = {f"a-{name}": form[name].value() or "" for _written, name, _ in form.rows}
    return editor_post(plan_import.result) | choices | {"duty_link": ticked}


def _links(page: Any) -> dict[tuple[str, str], Any]:
    return {
        (row["ref"], link.agency): (link, ticked)
        for row in page.context["duty_rows"]
        for link, ticked in row["links"]
    }


def test_the_review_shows_each_tasks_proposed_lead_with_its_source_and_shared_words(
    demo: Any, review: Any
) -> None:
    client, url, _plan_import = review
    page = client.get(url)
    html = page.content.decode()
    assert 'data-testid="duty-links"' in html
    links = _links(page)
    lead, ticked = links[("II.4", "Hội Liên hiệp Phụ nữ xã")]
    assert (lead.role, ticked) == ("lead", True)
    assert f'name="duty_link" value="{lead.key}" id="duty-{lead.key}" checked' in html
    # the reason is shown: the duty and the words it shares with the task
    assert "nhân rộng mô hình địa chỉ tin cậy" in html
    assert "chủ trì duy trì, nhân rộng mô hình Địa chỉ tin cậy trong cộng đồng" in html
    # a weak overlap is shown unticked
    weak, ticked = links[("II.4", "Trung tâm Dịch vụ sự nghiệp công xã")]
    assert not ticked
    assert f'value="{weak.key}" id="duty-{weak.key}">' in html
    # where each task's lead and timeframe come from, in the officer's words
    assert html.count('data-testid="task-source"') == 7
    assert "Chủ trì: từ phần Tổ chức thực hiện: Hội Liên hiệp Phụ nữ xã" in html
    assert "Thời gian: từ phần Tổ chức thực hiện: Phòng Văn hóa - Xã hội" in html
    assert "Thời gian: từ nhiệm vụ" in html
    assert "Thời gian: theo năm kế hoạch" in html


def test_saving_gives_the_ticked_leads_partners_and_timeframes_and_not_the_unticked(
    demo: Any, review: Any
) -> None:
    client, url, plan_import = review
    page = client.get(url)
    links = _links(page)
    ticked = [link.key for link, on in links.values() if on]
    # the officer unticks the lead proposed for II.3 and ticks nothing else
    unticked, _on = links[("II.3", "Trung tâm Dịch vụ sự nghiệp công xã")]
    ticked.remove(unticked.key)
    saved = client.post(url, _post(page, plan_import, ticked))
    assert saved.status_code == 302
    plan = Plan.objects.get()
    tasks = {t["ref"]: t for t in plan.content["tasks"]}
    assert tasks["II.4"]["lead"] == ["Hội Liên hiệp Phụ nữ xã"]
    assert sorted(tasks["II.4"]["partners"]) == ["Công an xã", "Trạm Y tế xã"]
    assert tasks["II.2"]["lead"] == ["Phòng Văn hóa - Xã hội"]
    assert tasks["II.2"]["timeframe"]["end"] == "2026-06-30"
    assert tasks["II.4"]["timeframe"]["end"] == "2026-12-31"
    # unticked: not applied; the partner ticked for the same task is
    assert tasks["II.3"]["lead"] == []
    assert tasks["II.3"]["partners"] == ["Hội Liên hiệp Phụ nữ xã"]
    assert plan.task_sources["II.4"] == {
        "lead": "duty",
        "duty": "Hội Liên hiệp Phụ nữ xã",
        "timeframe": "year",
    }
    assert plan.task_sources["II.2"]["timeframe"] == "duty"
    assert plan.task_sources["II.1"] == {
        "lead": "duty",
        "duty": "Văn phòng HĐND và UBND xã",
        "timeframe": "task",
    }
    assert plan.task_sources["II.3"]["lead"] == ""
    # the lead written from the duty is the commune's own agency, so the task reaches its focal person
    assert plan.agency_map["Hội Liên hiệp Phụ nữ xã"] == demo.agency.pk
    assert Agency.objects.get(pk=plan.agency_map["Phòng Văn hóa - Xã hội"]).unit == demo.commune
    # the plan page says it too
    detail = client.get(f"/plans/{plan.pk}/").content.decode()
    assert detail.count('data-testid="task-source"') == 7
    women = "Chủ trì: từ phần Tổ chức thực hiện: Hội Liên hiệp Phụ nữ xã"
    assert detail.count(women) == 2  # II.4 and II.5
    assert "Thời gian: theo năm kế hoạch" in detail
    # once the lead is changed by hand, the plan page no longer says it came from the duties
    content = copy.deepcopy(plan.content)
    content["tasks"][3]["lead"] = ["Công an xã"]
    services.update_plan(plan, actor=demo.user("owner"), revision=plan.revision, content=content, note="sửa")
    detail = client.get(f"/plans/{plan.pk}/").content.decode()
    assert detail.count('data-testid="task-source"') == 6
    assert detail.count(women) == 1


def test_nothing_ticked_gives_no_lead_from_the_duties(demo: Any, review: Any) -> None:
    client, url, plan_import = review
    page = client.get(url)
    assert client.post(url, _post(page, plan_import, [])).status_code == 302
    plan = Plan.objects.get()
    assert all(task["lead"] == [] for task in plan.content["tasks"])
    assert {source["lead"] for source in plan.task_sources.values()} == {""}


def test_a_failed_save_keeps_what_the_officer_ticked(demo: Any, review: Any) -> None:
    client, url, plan_import = review
    page = client.get(url)
    chosen, _on = _links(page)[("II.3", "Trung tâm Dịch vụ sự nghiệp công xã")]
    data = _post(page, plan_import, [chosen.key]) | {"h-title": ""}  # the title is required
    again = client.post(url, data)
    assert again.status_code == 200
    kept = {key: on for key, (_link, on) in ((k, v) for k, v in _links(again).items())}
    assert kept[("II.3", "Trung tâm Dịch vụ sự nghiệp công xã")] is True
    assert kept[("II.4", "Hội Liên hiệp Phụ nữ xã")] is False
    assert not Plan.objects.exists()


def test_a_plan_of_another_body_is_kept_as_written_without_proposals(
    demo: Any, settings: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    settings.PLAN_FILES_DIR = tmp_path / "files"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    district = Path(__file__).parent / "fixtures" / "trung-khanh-2026.txt"
    client = demo.client("owner")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/plans/import/", {"file": SimpleUploadedFile(district.name, district.read_bytes())}
        )
    plan_import = PlanImport.objects.get()
    page = client.get(response["Location"])
    assert page.context["duty_rows"] == []
    assert 'data-testid="duty-link"' not in page.content.decode()
    assert client.post(response["Location"], _post(page, plan_import, [])).status_code == 302
    plan = Plan.objects.get()
    assert plan.is_received
    assert plan.task_sources == {}
    # no date is added to a task the district left without one
    assert [t["timeframe"] for t in plan.content["tasks"]] == [
        t["timeframe"] for t in plan_import.result["tasks"]
    ]
