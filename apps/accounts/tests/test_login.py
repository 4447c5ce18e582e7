import re
from typing import Any

import pytest
from django.test import Client

from apps.access.models import AuditLog

WRONG = "Sai tên đăng nhập hoặc mật khẩu"


@pytest.mark.parametrize(
    ("username", "unit_name", "role"),
    [
        ("congchuc", "Xã Hà Tây", "Công chức Văn hóa - Xã hội"),
        ("daumoi", "Xã Hà Tây", "Đầu mối cơ quan, đơn vị"),
        ("lanhdao", "Xã Hà Tây", "Lãnh đạo"),
        ("sonoivu", "Thành phố Hải Phòng", "Cán bộ Sở Nội vụ"),
        ("hotro", "Xã Hà Tây", "Người hỗ trợ vụ việc"),
        ("ngoai", "Xã Tiên Lãng", "Công chức Văn hóa - Xã hội"),
    ],
)
def test_each_demo_user_logs_in_to_their_unit(
    demo: Any, demo_password: str, username: str, unit_name: str, role: str
) -> None:
    client = Client()
    response = client.post("/login/", {"username": username, "password": demo_password}, follow=True)
    assert response.status_code == 200
    assert response.context["unit"].name == unit_name
    page = response.content.decode()
    assert f'data-testid="unit-name">{unit_name}<' in page
    assert role in page
    assert AuditLog.objects.filter(actor_name=username, event="auth.login").count() == 1


def test_login_page_is_vietnamese(db: Any) -> None:
    page = Client().get("/login/").content.decode()
    assert re.search(r"<h1[^>]*>\s*Đăng nhập\s*</h1>", page)
    assert "Tên đăng nhập" in page
    assert "Mật khẩu" in page


def test_english_is_the_second_language(db: Any) -> None:
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    page = client.get("/login/").content.decode()
    assert re.search(r"<h1[^>]*>\s*Log in\s*</h1>", page)


def test_focal_person_sees_their_agency(demo: Any) -> None:
    page = demo.client("colleague").get("/").content.decode()
    assert "Hội Liên hiệp Phụ nữ xã Hà Tây" in page


@pytest.mark.parametrize("username", ["congchuc", "khong-ton-tai"])
def test_wrong_password_or_unknown_user_is_a_form_error(demo: Any, username: str) -> None:
    response = Client().post("/login/", {"username": username, "password": "sai-mat-khau"})
    assert response.status_code == 200
    assert WRONG in response.content.decode()
    assert "_auth_user_id" not in response.wsgi_request.session


def test_repeated_failures_lock_the_account_even_for_the_right_password(
    demo: Any, demo_password: str, settings: Any
) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": "congchuc", "password": "sai"})
    locked = client.post("/login/", {"username": "congchuc", "password": demo_password})
    assert locked.status_code == 429
    assert "tạm khóa" in locked.content.decode()
    assert "_auth_user_id" not in locked.wsgi_request.session


def test_forged_csrf_token_is_refused(demo: Any, demo_password: str) -> None:
    client = Client(enforce_csrf_checks=True)
    client.get("/login/")
    response = client.post(
        "/login/", {"username": "congchuc", "password": demo_password, "csrfmiddlewaretoken": "x" * 64}
    )
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in response.content.decode()


def test_forged_csrf_on_a_state_change_changes_nothing(demo: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(demo.users["congchuc"])
    response = client.post("/agencies/new/", {"name": "Giả mạo", "kind": "office"})
    assert response.status_code == 403
    assert not demo.commune.agencies.filter(name="Giả mạo").exists()


def test_logout_needs_post(demo: Any) -> None:
    client = demo.client("owner")
    assert client.get("/logout/").status_code == 405
    assert client.post("/logout/").status_code == 302
    assert client.get("/").status_code == 302
