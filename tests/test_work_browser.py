"""Work and activities in a real browser (Debian's chromium): the focal person's journey
on a 390 px phone (My work → progress with a photo → an activity with participants by
sex), quick entry that survives a lost connection, and every work and activities page at
both widths for the people who use them (no sideways scroll, no console error, axe clean)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest

from tests import test_ui_browser as ui

browser = ui.browser
open_page = ui.open_page
log_in, visit_all = ui.log_in, ui.visit_all

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def files_dir(settings: Any, tmp_path: Path) -> Path:
    settings.WORK_FILES_DIR = tmp_path / "work"
    return tmp_path


def _photo(tmp_path: Path) -> Path:
    from PIL import Image

    path = tmp_path / "IMG_0001.jpg"
    image = Image.new("RGB", (2400, 1600), (40, 120, 90))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (20.0, 50.0, 1.0)}
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    path.write_bytes(buffer.getvalue())
    return path


def test_focal_person_reports_progress_with_a_photo_and_records_an_activity_on_a_phone(
    demo: Any, demo_password: str, live_server: Any, open_page: Any, files_dir: Path
) -> None:
    from apps.activities.models import Activity
    from apps.work.models import Evidence
    from apps.work.tests.world import WorkWorld

    world = WorkWorld(demo)
    page, watch = open_page(viewport=ui.PHONE)
    base = live_server.url
    log_in(page, base, "daumoi", demo_password)
    page.goto(f"{base}/work/mine/")
    page.get_by_test_id("due-soon-list").or_(page.get_by_test_id("later-list")).first.get_by_text(
        "Tuyên truyền phòng, chống bạo lực gia đình"
    ).click()
    page.get_by_test_id("report-progress").click()
    page.select_option("#id_status", "in_progress")
    page.fill("#id_percent", "90")
    page.fill("#id_note", "Đã tổ chức thêm 1 buổi tại Thôn 2")
    page.set_input_files("#id_evidence", str(_photo(files_dir)))
    page.get_by_test_id("progress-submit").click()
    page.wait_for_url(f"{base}/work/{world.task.pk}/")
    assert page.get_by_test_id("task-percent").inner_text() == "90%"
    assert Evidence.objects.filter(update__task=world.task, file_name="IMG_0001.jpg").exists()
    assert page.locator("[data-testid=updates] img").count() == 2  # the world's photo and this one

    page.goto(f"{base}/activities/new/")
    page.fill("#id_title", "Nói chuyện chuyên đề tại Thôn 2")
    page.select_option("#id_kind", "communication")
    page.fill("#id_male", "8")
    page.fill("#id_female", "17")
    page.fill("#id_age_16_30", "10")
    page.fill("#id_age_31_60", "12")
    page.fill("#id_age_over_60", "2")  # 24: one short of 25
    page.get_by_test_id("activity-submit").click()
    assert "25" in page.get_by_test_id("form-errors").inner_text()
    assert page.input_value("#id_title") == "Nói chuyện chuyên đề tại Thôn 2"
    page.fill("#id_age_over_60", "3")
    page.get_by_test_id("activity-submit").click()
    page.wait_for_url(f"{base}/activities/?saved=*")
    assert page.get_by_test_id("activity-row").first.inner_text().count("25") >= 1
    activity = Activity.objects.get(title="Nói chuyện chuyên đề tại Thôn 2")
    assert (activity.male, activity.female, activity.organiser) == (8, 17, demo.agency)
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner
    assert watch.take() == ([], [])

    # the commune officer sees it, on the list and on the calendar
    page.context.clear_cookies()
    log_in(page, base, "congchuc", demo_password)
    page.goto(f"{base}/activities/")
    assert "Nói chuyện chuyên đề tại Thôn 2" in page.get_by_test_id("activity-table").inner_text()
    page.goto(f"{base}/work/calendar/?month={activity.date:%Y-%m}")
    assert "Nói chuyện chuyên đề tại Thôn 2" in page.locator("main").inner_text()
    # ... and on the overview: a chart drawn by Chart.js under the CSP, its table beside it
    page.goto(f"{base}/work/overview/")
    assert page.evaluate(
        "Array.from(document.querySelectorAll('canvas[data-bd-chart]'))"
        ".every(c => window.Chart.getChart(c) !== undefined)"
    )
    women = page.get_by_test_id("month-table").locator("tfoot td").first.inner_text()
    assert int(women) >= 17
    assert watch.take() == ([], [])


def test_subscribing_to_the_calendar_and_stopping_the_address(
    demo: Any, demo_password: str, live_server: Any, open_page: Any
) -> None:
    import urllib.error
    import urllib.request

    import icalendar

    def fetch(url: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the test server
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, b""

    page, watch = open_page(viewport=ui.PHONE)
    base = live_server.url
    log_in(page, base, "daumoi", demo_password)
    page.goto(f"{base}/work/calendar/")
    page.get_by_test_id("feed-link").click()
    page.get_by_test_id("feed-create").click()
    page.get_by_test_id("confirm-ok").click()
    url = page.get_by_test_id("feed-url").input_value()
    assert url.startswith(base) and url.endswith(".ics")
    status, body = fetch(url)
    assert status == 200
    calendar = icalendar.Calendar.from_ical(body)
    assert any("Tháng hành động" in str(e["summary"]) for e in calendar.walk("VEVENT"))
    page.get_by_test_id("feed-revoke").click()
    page.get_by_test_id("confirm-ok").click()
    page.get_by_test_id("feed-none").wait_for()
    assert fetch(url)[0] == 404
    assert watch.take() == ([], [])


def test_quick_entry_keeps_what_was_typed_when_the_connection_drops(
    demo: Any, demo_password: str, live_server: Any, open_page: Any
) -> None:
    from apps.activities.models import Activity

    page, _watch = open_page(viewport=ui.PHONE)
    base = live_server.url
    log_in(page, base, "daumoi", demo_password)
    page.goto(f"{base}/activities/new/")
    page.fill("#id_title", "Truyền thông lưu động")
    page.fill("#id_male", "3")
    page.fill("#id_female", "4")
    page.fill("#id_age_31_60", "7")
    page.context.set_offline(True)
    page.get_by_test_id("activity-submit").click()
    page.wait_for_load_state()
    page.context.set_offline(False)
    assert not Activity.objects.exists()
    page.goto(f"{base}/activities/new/")
    assert page.input_value("#id_title") == "Truyền thông lưu động"
    assert (page.input_value("#id_male"), page.input_value("#id_female")) == ("3", "4")
    page.get_by_test_id("activity-submit").click()
    page.wait_for_url(f"{base}/activities/?saved=*")
    assert Activity.objects.get().total == 7
    # saved: the draft is forgotten, a new form starts empty
    page.goto(f"{base}/activities/new/")
    assert page.input_value("#id_title") == ""


def work_pages(world: Any, activity: Any, persona: str) -> list[tuple[str, str, int]]:
    pages = [
        ("tasks", "/work/", 200),
        ("tasks-overdue", "/work/?status=overdue", 200),
        ("my-work", "/work/mine/", 200),
        ("task", f"/work/{world.task.pk}/", 200),
        ("activities", "/activities/", 200),
        ("activity", f"/activities/{activity.pk}/", 200),
        ("calendar-month", "/work/calendar/?month=2026-11", 200),
        ("calendar-list", "/work/calendar/?view=list", 200),
        ("calendar-feed", "/work/calendar/feed/", 200),
        ("reminders", "/work/reminders/", 200),
        ("overview", "/work/overview/", 200),
    ]
    if persona in {"owner", "focal"}:
        pages += [
            ("progress", f"/work/{world.task.pk}/progress/", 200),
            ("activity-new", "/activities/new/", 200),
        ]
    if persona == "owner":
        pages += [("task-new", "/work/new/", 200), ("reminder-settings", "/work/reminders/settings/", 200)]
    return pages


@pytest.mark.parametrize("persona", ["owner", "focal", "province"])
def test_every_work_page_at_both_widths(
    persona: str, demo: Any, demo_password: str, live_server: Any, open_page: Any, files_dir: Path
) -> None:
    from apps.activities.tests.world import ActivityWorld
    from apps.work.reminders import send_reminders
    from apps.work.tests.world import WorkWorld

    world, activities = WorkWorld(demo), ActivityWorld(demo)
    send_reminders(dt.date(2026, 12, 8))  # a bell with a count, a list with reminders
    page, watch = open_page()
    log_in(page, live_server.url, demo.user(persona).username, demo_password)
    pages = work_pages(world, activities.activity, persona)
    problems = visit_all(page, watch, live_server.url, f"work-{persona}", pages)
    assert problems == [], "\n".join(problems)


def test_a_confirmation_clicked_while_the_dialog_still_appears_is_not_lost(
    demo: Any, demo_password: str, live_server: Any, open_page: Any
) -> None:
    """A quick person (or a slow phone) presses "Tạo" before the dialog has finished
    fading in: the address is still made, not silently dropped."""
    page, watch = open_page(viewport=ui.PHONE)
    base = live_server.url
    log_in(page, base, "daumoi", demo_password)
    page.goto(f"{base}/work/calendar/feed/")
    # the form is sent and its dialog's button pressed in the same moment, mid-transition
    page.evaluate(
        "() => { document.querySelector('[data-testid=feed-create]').click();"
        " document.querySelector('[data-testid=confirm-ok]').click(); }"
    )
    url = page.get_by_test_id("feed-url").input_value()
    assert url.startswith(base) and url.endswith(".ics")
    assert watch.take() == ([], [])
