"""Shared fixtures: the demo commune and its personas, built by the real demo loader."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from apps.accounts.demo import DEMO_PASSWORD, load_demo
from apps.accounts.models import User
from apps.geo.models import AdministrativeUnit, Agency


class Demo:
    """The demo data with the names the access-control tests use."""

    def __init__(self) -> None:
        self.province = AdministrativeUnit.objects.get(name="Thành phố Hải Phòng")
        self.commune = AdministrativeUnit.objects.get(name="Xã Hà Tây")
        self.other_commune = AdministrativeUnit.objects.get(name="Xã Tiên Lãng", parent=self.province)
        self.users = {u.username: u for u in User.objects.all()}
        self.agency = Agency.objects.get(unit=self.commune, name="Hội Liên hiệp Phụ nữ xã Hà Tây")

    # the personas of the access matrix: the commune officer owns the commune's set-up;
    # a colleague of the same commune is the focal person; the leader alone reads the
    # audit log; the case worker; an officer of another commune; the province officer
    persona_usernames = {
        "owner": "congchuc",
        "colleague": "daumoi",
        "focal": "daumoi",
        "leader": "lanhdao",
        "caseworker": "hotro",
        "outsider": "ngoai",
        "province": "sonoivu",
    }

    def user(self, persona: str) -> User:
        return self.users[self.persona_usernames.get(persona, persona)]

    def client(self, persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.force_login(self.users[self.persona_usernames.get(persona, persona)])
        return client


@pytest.fixture
def demo(db: Any, settings: Any) -> Demo:
    settings.DEMO_MODE = True
    load_demo()
    settings.DEMO_MODE = False
    return Demo()


@pytest.fixture
def demo_password() -> str:
    return DEMO_PASSWORD
