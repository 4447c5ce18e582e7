"""The commune hears of the province's decision in its bell and by e-mail: a report
returned (with the province's comment) or approved, linked to the report; once per
decision; the province's own people and other communes hear nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from apps.indicators import services
from apps.indicators.tests.world import ReportWorld
from apps.work.models import Notification


@pytest.fixture
def world(demo: Any) -> ReportWorld:
    return ReportWorld(demo)


def notices(user: Any) -> list[Notification]:
    return list(Notification.objects.filter(user=user, kind="notice").order_by("pk"))


def test_a_returned_and_then_approved_report_reaches_the_communes_bell(
    world: ReportWorld, django_capture_on_commit_callbacks: Any
) -> None:
    demo = world.demo
    officer = demo.user("owner")
    officer.email = "congchuc@hatay.example.vn"
    officer.save()
    services.submit(world.submission, actor=officer)
    with django_capture_on_commit_callbacks(execute=True):
        services.return_submission(
            world.submission, "Thiếu số người tham dự Thôn 2.", actor=demo.user("province")
        )
    report = reverse("indicators:submission", args=[world.submission.pk])
    for persona in ("owner", "focal", "leader"):
        (returned,) = notices(demo.user(persona))
        assert returned.link == report and "Thiếu số người tham dự Thôn 2." in returned.message
    assert [m.to for m in mail.outbox if "Thôn 2" in m.body] == [[officer.email]]
    page = demo.client("owner").get(reverse("work:reminders")).content.decode()
    assert f'href="{report}"' in page
    services.submit(world.submission, actor=officer)
    services.approve(world.submission, actor=demo.user("province"))
    assert len(notices(officer)) == 2 and notices(officer)[1].link == report
    for persona in ("province", "outsider", "caseworker"):
        assert notices(demo.user(persona)) == []


def test_a_refused_return_tells_nobody(world: ReportWorld) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):  # a draft cannot be returned
        services.return_submission(world.submission, "Sửa lại.", actor=world.demo.user("province"))
    assert not Notification.objects.filter(kind="notice").exists()
