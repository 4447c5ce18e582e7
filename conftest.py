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
    load_demo(extras=False)  # the plans' demo data is the `demo_plans` fixture
    settings.DEMO_MODE = False
    return Demo()


@pytest.fixture
def demo_plans(demo: Demo) -> Demo:
    """The demo with Hải Phòng's plans: the city plan issued, Hà Tây's 2026 issued and
    2027 draft, three communes that derived theirs."""
    from apps.accounts.demo import SYSTEM
    from apps.plans.demo import load_plan_demo

    load_plan_demo(SYSTEM, demo.users)
    return demo


@pytest.fixture
def demo_password() -> str:
    return DEMO_PASSWORD


class PlanWorld:
    """A few plans for access tests, made through the services (fast: no parsing)."""

    def __init__(self, demo: Demo, files_dir: Any) -> None:
        from apps.accounts.demo import SYSTEM
        from apps.plans import content as plan_content
        from apps.plans import services
        from apps.plans.demo import province_content
        from apps.plans.models import ImportStatus, PlanImport

        city = services.create_plan(
            demo.province, actor=SYSTEM, content=province_content(demo.province), note="t"
        )
        self.city = services.issue_plan(city, actor=SYSTEM, revision=city.revision)
        draft = plan_content.blank(demo.commune, 2026, "Kế hoạch bình đẳng giới năm 2026")
        draft["tasks"] = [
            {
                "ref": "II.1",
                "title": "Tuyên truyền về bình đẳng giới",
                "activities": [],
                "lead": ["Hội LHPN xã"],
                "partners": ["Công an xã"],
                "timeframe": {
                    "text": "Quý II/2026",
                    "start": "2026-04",
                    "end": "2026-06",
                    "recurrence": "once",
                },
            },
        ]
        self.draft = services.create_plan(demo.commune, actor=SYSTEM, content=draft, note="t")
        self.draft = services.update_plan(self.draft, actor=SYSTEM, revision=1, content=draft, note="t2")
        earlier = plan_content.blank(demo.commune, 2025, "Kế hoạch bình đẳng giới năm 2025")
        earlier["tasks"] = draft["tasks"]
        (files_dir / "source.md").write_text("# Kế hoạch\n", encoding="utf-8")
        issued = services.create_plan(
            demo.commune,
            actor=SYSTEM,
            content=earlier,
            note="t",
            source={"source_name": "ke-hoach-2025.md", "source_path": "source.md", "source_type": "md"},
        )
        self.issued = services.issue_plan(issued, actor=SYSTEM, revision=issued.revision)
        self.upload = PlanImport.objects.create(
            unit=demo.commune,
            created_by=demo.user("owner"),
            file_name="ke-hoach.md",
            file_path="source.md",
            file_type="md",
            file_size=12,
            status=ImportStatus.READY,
            result=draft,
            text="# Kế hoạch",
        )


@pytest.fixture
def plan_world(demo: Demo, settings: Any, tmp_path: Any) -> PlanWorld:
    settings.PLAN_FILES_DIR = tmp_path
    return PlanWorld(demo, tmp_path)
