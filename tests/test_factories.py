"""Tests that need one person, an agency or a plan build just those (tests/factories.py),
not the whole demo commune."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from apps.access.roles import Role
from apps.geo.models import Agency
from tests.factories import AgencyFactory, MembershipFactory, PlanFactory, commune

pytestmark = pytest.mark.django_db


def logged_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_a_commune_draft_plan_opens_for_its_officer_and_not_for_another_communes() -> None:
    plan = PlanFactory(unit=commune("Xã Hà Tây"), title="Kế hoạch bình đẳng giới năm 2026 của Hà Tây")
    own = MembershipFactory(unit=commune("Xã Hà Tây"), role=Role.COMMUNE_OFFICER).user
    other = MembershipFactory(unit=commune("Xã Tiên Lãng"), role=Role.COMMUNE_OFFICER).user
    url = reverse("plans:detail", args=[plan.pk])

    page = logged_in(own).get(url)
    assert page.status_code == 200
    assert "Kế hoạch bình đẳng giới năm 2026 của Hà Tây" in page.content.decode()
    assert logged_in(other).get(url).status_code == 404


def test_a_focal_person_sees_her_communes_agencies_only() -> None:
    focal = MembershipFactory(unit=commune("Xã Hà Tây"), role=Role.FOCAL_PERSON)
    elsewhere = AgencyFactory(unit=commune("Xã Tiên Lãng"), name="Hợp tác xã Tiên Lãng")

    seen = set(Agency.objects.for_user(focal.user).values_list("pk", flat=True))

    assert focal.agency is not None and focal.agency.unit == commune("Xã Hà Tây")
    assert focal.agency.pk in seen
    assert elsewhere.pk not in seen
