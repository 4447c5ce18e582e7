"""Photos chosen in an activity form that comes back with an error are not lost: held for the
session, shown as "Đã chọn: …", attached when the activity is saved; a token of another
session or user attaches nothing."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.activities.models import Activity, ActivityPhoto
from apps.work.demo import demo_photo

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="photos_held" value="([^"]+)"')


def _photo(name: str = "tap-huan.jpg", caption: str = "Tập huấn") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, demo_photo(caption), content_type="image/jpeg")


def _fail_with_photo(client: Any, world: Any) -> tuple[str, str]:
    """An activity whose age groups do not add up, with one photo: (page, token)."""
    data = {**world.form_data(), "age_16_30": 0, "title": "Tập huấn ở Thôn 4", "photos": [_photo()]}
    response = client.post(reverse("activities:new"), data)
    assert response.status_code == 200
    page = response.content.decode()
    tokens = TOKEN.findall(page)
    assert len(tokens) == 1
    return page, tokens[0]


def test_a_failed_activity_keeps_its_photo_and_saving_attaches_it(activity_world: Any, demo: Any) -> None:
    client = demo.client("focal")
    page, token = _fail_with_photo(client, activity_world)
    assert "Đã chọn: tap-huan.jpg" in page and "Tập huấn ở Thôn 4" in page
    assert 'data-bd-unsaved="changed"' in page  # leaving the page now would lose what was typed
    response = client.post(
        reverse("activities:new"),
        {**activity_world.form_data(), "title": "Tập huấn ở Thôn 4", "photos_held": [token]},
    )
    assert response.status_code == 302
    photo = Activity.objects.get(title="Tập huấn ở Thôn 4").photos.get()
    assert photo.file_name == "tap-huan.jpg" and photo.file_type == "jpg"


def test_the_same_photo_chosen_again_is_attached_once(activity_world: Any, demo: Any) -> None:
    client = demo.client("focal")
    _page, token = _fail_with_photo(client, activity_world)
    response = client.post(
        reverse("activities:new"),
        {
            **activity_world.form_data(),
            "title": "Tập huấn ở Thôn 4",
            "photos_held": [token],
            "photos": [_photo()],
        },
    )
    assert response.status_code == 302
    assert Activity.objects.get(title="Tập huấn ở Thôn 4").photos.count() == 1


def test_a_photo_token_of_another_user_or_session_attaches_nothing(activity_world: Any, demo: Any) -> None:
    _page, token = _fail_with_photo(demo.client("focal"), activity_world)
    photos = ActivityPhoto.objects.count()
    for persona in ("owner", "focal"):  # the officer, and the same person in another browser
        response = demo.client(persona).post(
            reverse("activities:new"),
            {**activity_world.form_data(), "title": "Tập huấn ở Thôn 4", "photos_held": [token]},
        )
        assert response.status_code == 200
        assert "không còn được giữ" in response.content.decode()
    assert not Activity.objects.filter(title="Tập huấn ở Thôn 4").exists()
    assert ActivityPhoto.objects.count() == photos


def test_a_file_that_is_not_a_picture_is_not_held(activity_world: Any, demo: Any) -> None:
    pdf = SimpleUploadedFile("anh.jpg", b"%PDF-1.7\n%%EOF", content_type="image/jpeg")
    data = {**activity_world.form_data(), "age_16_30": 0, "photos": [pdf, _photo()]}
    page = demo.client("focal").post(reverse("activities:new"), data).content.decode()
    assert "Đã chọn: tap-huan.jpg" in page and "Đã chọn: anh.jpg" not in page
    assert "anh.jpg: " in page
