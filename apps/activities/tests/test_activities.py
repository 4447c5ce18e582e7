"""Activities: participants by sex and age that add up, the organiser a focal person may
name, the campaign period from the date, quick entry, and the figures the indicators app
reads."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from apps.access.models import AuditLog
from apps.accounts.demo import SYSTEM
from apps.activities import figures
from apps.activities.counts import check_counts
from apps.activities.models import Activity
from apps.activities.services import record_activity
from apps.activities.tests.world import counts
from apps.geo.models import Agency
from apps.geo.services import ensure_default_agencies

pytestmark = pytest.mark.django_db


def _record(demo: Any, day: dt.date, men: int, women: int, **extra: Any) -> Activity:
    return record_activity(
        demo.commune,
        actor=SYSTEM,
        organiser=demo.agency,
        kind=extra.pop("kind", "communication"),
        title="Hoạt động",
        date=day,
        counts=counts(men, women),
        **extra,
    )


def test_a_focal_person_records_an_activity_of_their_agency(activity_world: Any, demo: Any) -> None:
    activity = activity_world.activity
    assert (activity.male, activity.female, activity.total) == (12, 30, 42)
    assert activity.campaign == "action_month"  # 20/11 is in the Action Month
    assert activity.province == demo.province
    assert AuditLog.objects.filter(event="activity.recorded", object_id=str(activity.pk)).exists()
    police = Agency.objects.get(unit=demo.commune, kind="police")
    with pytest.raises(PermissionDenied):
        record_activity(
            demo.commune,
            actor=demo.user("focal"),
            organiser=police,
            kind="meeting",
            title="Họp",
            date=dt.date(2026, 5, 1),
            counts=counts(1, 1),
        )
    assert Activity.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"age_16_30": 0}, "age groups add up"),
        ({"ethnic_minority": 3, "kinh": 3}, "Ethnic minority and Kinh"),
        ({"with_disability": 99}, "disability"),
        ({"male": 0, "female": 0, "age_16_30": 0, "age_31_60": 0}, "Count the participants"),
    ],
)
def test_totals_are_checked(changes: dict[str, int], message: str) -> None:
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        check_counts({**counts(4, 6), **changes})
    assert message in " ".join(caught.value.messages)


def test_ethnicity_and_disability_are_optional_but_add_up_when_given() -> None:
    clean = check_counts({**counts(4, 6), "ethnic_minority": 7, "kinh": 3, "with_disability": 2})
    assert (clean["ethnic_minority"], clean["kinh"], clean["with_disability"]) == (7, 3, 2)
    assert check_counts(counts(4, 6))["ethnic_minority"] is None


def test_the_database_refuses_groups_that_do_not_add_up(activity_world: Any) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.filter(pk=activity_world.activity.pk).update(male=99)


def test_quick_entry_saves_and_a_wrong_total_keeps_what_was_typed(activity_world: Any, demo: Any) -> None:
    client = demo.client("focal")
    page = client.get(reverse("activities:new")).content.decode()
    assert 'data-bd-draft="activity-new"' in page and "data-bd-draft-restore" in page
    data = {**activity_world.form_data(), "age_16_30": 0, "title": "Buổi nói chuyện ở Thôn 4"}
    response = client.post(reverse("activities:new"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Buổi nói chuyện ở Thôn 4" in page and "data-bd-draft-restore" not in page
    assert Activity.objects.count() == 1
    response = client.post(reverse("activities:new"), activity_world.form_data())
    assert response.status_code == 302 and "saved=" in response["Location"]
    listed = client.get(response["Location"]).content.decode()
    assert 'data-bd-draft-clear="activity-new"' in listed and "Nói chuyện chuyên đề" in listed
    # the focal person can only name their own agency as organiser
    police = Agency.objects.get(unit=demo.commune, kind="police")
    refused = client.post(reverse("activities:new"), {**activity_world.form_data(), "organiser": police.pk})
    assert refused.status_code == 200 and Activity.objects.count() == 2


def test_another_unit_activity_answers_404(activity_world: Any, demo: Any) -> None:
    url = reverse("activities:detail", args=[activity_world.activity.pk])
    assert demo.client("outsider").get(url).status_code == 404
    assert demo.client("province").get(url).status_code == 200
    assert AuditLog.objects.filter(event="access.denied", object_type="activities.activity").exists()


def test_figures_for_a_commune_and_its_province(demo: Any) -> None:
    _record(demo, dt.date(2026, 1, 1), 3, 5)
    _record(demo, dt.date(2026, 6, 30), 2, 4, kind="training", officials=True)
    _record(demo, dt.date(2026, 7, 1), 10, 10)
    ensure_default_agencies(demo.other_commune, actor=SYSTEM)
    record_activity(
        demo.other_commune,
        actor=SYSTEM,
        organiser=Agency.objects.filter(unit=demo.other_commune).first(),  # type: ignore[arg-type]
        kind="meeting",
        title="Họp",
        date=dt.date(2026, 3, 3),
        counts=counts(1, 2),
    )
    first_half = (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert figures.participants_reached(demo.commune, *first_half) == {
        "male": 5,
        "female": 9,
        "other": 0,
        "total": 14,
    }
    assert figures.participants_reached(demo.province, *first_half)["total"] == 17
    assert (
        figures.participants_reached(demo.commune, dt.date(2025, 1, 1), dt.date(2025, 12, 31))["total"] == 0
    )
    assert figures.sessions_held(demo.commune, *first_half) == 2
    assert figures.sessions_held(demo.province, *first_half, kind="meeting") == 1
    assert figures.officials_trained(demo.commune, *first_half) == {
        "male": 2,
        "female": 4,
        "other": 0,
        "total": 6,
    }
    months = figures.participants_by_month(demo.commune, 2026)
    assert len(months) == 12
    assert (months[0]["female"], months[5]["female"], months[6]["male"], months[6]["sessions"]) == (
        5,
        4,
        10,
        1,
    )


def test_village_and_task_must_be_the_commune_own(activity_world: Any, demo: Any) -> None:
    other_village = demo.other_commune.children.first()
    if other_village is None:
        from apps.geo.services import add_village

        other_village = add_village(demo.other_commune, actor=SYSTEM, name="Thôn X", division_type="thôn")
    with pytest.raises(ValidationError):
        _record(demo, dt.date(2026, 2, 2), 1, 1, village=other_village)


def test_photos_are_stripped_served_to_readers_and_only_pictures(activity_world: Any, demo: Any) -> None:
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from apps.work.tests.test_work import GPS_IFD, photo_with_gps

    url = reverse("activities:photo", args=[activity_world.photo.pk])
    assert demo.client("outsider").get(url).status_code == 404
    assert demo.client("caseworker").get(url).status_code == 200
    client = demo.client("focal")
    photo = SimpleUploadedFile("IMG_9.jpg", photo_with_gps(), content_type="image/jpeg")
    response = client.post(reverse("activities:new"), {**activity_world.form_data(), "photos": [photo]})
    assert response.status_code == 302
    saved = Activity.objects.get(title="Nói chuyện chuyên đề").photos.get()
    served = client.get(reverse("activities:photo", args=[saved.pk]))
    with Image.open(io.BytesIO(b"".join(served.streaming_content))) as image:
        assert not image.getexif().get_ifd(GPS_IFD) and max(image.size) == 1600
    assert "IMG_9.jpg" in client.get(reverse("activities:detail", args=[saved.activity_id])).content.decode()
    # a PDF is evidence for a task, not a photo of an activity; nothing is kept
    pdf = SimpleUploadedFile("anh.jpg", b"%PDF-1.7\n%%EOF", content_type="image/jpeg")
    count = Activity.objects.count()
    refused = client.post(reverse("activities:new"), {**activity_world.form_data(), "photos": [pdf]})
    assert refused.status_code == 200 and "anh.jpg" in refused.content.decode()
    assert Activity.objects.count() == count
