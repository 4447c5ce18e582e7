"""Shared fixtures: the demo commune and its personas, built by the real demo loader.

On SQLite the loaders run once per test process: their rows are kept in a snapshot file
beside the test database, and each test that asks for the demo copies the tables the
loaders changed back in from it, inside the test's own transaction (milliseconds instead
of the loaders' seconds). PostgreSQL runs the loaders for each test, as before."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.db.backends.signals import connection_created
from django.test import Client, override_settings

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


# what the migrated test database is made of: every migration and its data, the modules
# a data migration reads, and the versions of the packages whose migrations run too
MIGRATION_INPUTS = ("apps/*/migrations/**/*", "apps/indicators/catalogue/*.py")
MIGRATION_PACKAGES = ("django", "django-axes", "django-tasks-db")


def _migrations_key() -> str:
    from importlib.metadata import version

    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for pattern in MIGRATION_INPUTS:
        for path in sorted(root.glob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    for package in MIGRATION_PACKAGES:
        digest.update(f"{package}=={version(package)}".encode())
    return digest.hexdigest()[:16]


class MigratedTemplate:
    """On SQLite, the test database as the migrations leave it, kept in the temporary
    folder under a name made of the migrations' content: the next test process (another
    xdist worker, the next run) copies it instead of migrating again."""

    def __init__(self, database: str) -> None:
        self.database = database
        self.path = Path(tempfile.gettempdir()) / f"binhdang-test-migrated-{_migrations_key()}.sqlite3"
        self.reused = False

    def reuse(self) -> None:
        if not self.path.exists():
            return
        Path(self.database).unlink(missing_ok=True)
        with closing(sqlite3.connect(self.path)) as source, closing(sqlite3.connect(self.database)) as target:
            source.backup(target)
        self.reused = True

    def keep(self) -> None:
        if self.reused or self.path.exists():
            return
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}")
        with closing(sqlite3.connect(self.database)) as source, closing(sqlite3.connect(partial)) as target:
            source.backup(target)
        partial.replace(self.path)  # whole or not at all, if two processes finish together

    def remove(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.database}{suffix}").unlink(missing_ok=True)


@pytest.fixture(scope="session")
def migrated_template(request: Any, django_db_modify_db_settings: None) -> MigratedTemplate | None:
    from django.db import connections

    settings_dict = connections["default"].settings_dict
    if settings_dict["ENGINE"] != "django.db.backends.sqlite3" or len(connections.settings) > 1:
        return None
    template = MigratedTemplate(settings_dict["TEST"]["NAME"])
    if not request.config.getvalue("create_db"):  # `--create-db` migrates afresh
        template.reuse()
    return template


@pytest.fixture(scope="session")
def django_db_keepdb(request: Any, migrated_template: MigratedTemplate | None) -> bool:
    """A database copied from the template is opened as kept: `migrate` finds nothing to do."""
    return bool(request.config.getvalue("reuse_db")) or bool(migrated_template and migrated_template.reused)


@pytest.fixture(scope="session")
def django_db_setup(
    migrated_template: MigratedTemplate | None, django_db_setup: None, request: Any
) -> Iterator[None]:
    if migrated_template is not None:
        migrated_template.keep()
    yield
    if migrated_template is not None and migrated_template.reused and not request.config.getvalue("reuse_db"):
        migrated_template.remove()  # a kept database is not removed by pytest-django


def _load_demo() -> None:
    with override_settings(DEMO_MODE=True):
        load_demo(extras=False)  # the plans' demo data is the `demo_plans` fixture


def _load_plan_demo() -> None:
    from apps.accounts.demo import SYSTEM
    from apps.plans.demo import load_plan_demo

    load_plan_demo(SYSTEM, {u.username: u for u in User.objects.all()})


class Snapshots:
    """The test database after each loader, as attached SQLite files; `changed` names the
    tables each loader wrote, the only ones a test copies back."""

    names = ("demo", "demo_plans")

    def __init__(self, database: str) -> None:
        self.files = {name: f"{database}.{name}.sqlite3" for name in self.names}
        self.changed: dict[str, list[str]] = {}

    def attach(self, raw: sqlite3.Connection) -> None:
        attached = {row[1] for row in raw.execute("PRAGMA database_list")}
        for name, path in self.files.items():
            if f"snapshot_{name}" not in attached:
                raw.execute("ATTACH DATABASE ? AS ?", (path, f"snapshot_{name}"))

    def restore(self, name: str) -> None:
        from django.db import connection

        with transaction.atomic(), connection.cursor() as cursor:
            for table in self.changed[name]:
                # the names come from the database's own schema
                cursor.execute(f'DELETE FROM main."{table}"')  # noqa: S608
                cursor.execute(f'INSERT INTO main."{table}" SELECT * FROM "snapshot_{name}"."{table}"')  # noqa: S608


def _copy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    source.backup(target)


def _differs(raw: sqlite3.Connection, one: str, other: str) -> bool:
    query = "SELECT EXISTS (SELECT * FROM {0} EXCEPT SELECT * FROM {1})"
    return any(raw.execute(query.format(a, b)).fetchone()[0] for a, b in ((one, other), (other, one)))


def _build_snapshots(connection: Any) -> Snapshots:
    connection.ensure_connection()
    database = connection.settings_dict["NAME"]
    snapshots = Snapshots(database)
    raw = connection.connection
    clean = sqlite3.connect(":memory:")
    _copy(raw, clean)
    for name, loader in (("demo", _load_demo), ("demo_plans", _load_plan_demo)):
        with transaction.atomic():
            loader()
            # inside a test nothing runs on commit: the snapshot holds only what the
            # loaders write, as when they ran in each test
            connection.run_on_commit = []
        target = sqlite3.connect(snapshots.files[name])
        _copy(raw, target)
        target.close()
    _copy(clean, raw)  # the test database as migrated, without the demo
    clean_tables = [
        row[0]
        for row in raw.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    snapshots.attach(raw)
    for name in snapshots.names:
        snapshots.changed[name] = [
            table
            for table in clean_tables
            if _differs(raw, f'main."{table}"', f'"snapshot_{name}"."{table}"')
        ]
    clean.close()
    return snapshots


@pytest.fixture(scope="session")
def demo_snapshots(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Snapshots | None]:
    """Runs the demo loaders once for this test process (SQLite only)."""
    from django.db import connection

    if connection.vendor != "sqlite":
        yield None
        return
    with django_db_blocker.unblock():
        snapshots = _build_snapshots(connection)
    database = connection.settings_dict["NAME"]

    def attach(sender: Any, connection: Any, **kwargs: Any) -> None:
        # a thread's or a reopened connection to the test database sees the snapshots too
        if connection.vendor == "sqlite" and connection.settings_dict["NAME"] == database:
            snapshots.attach(connection.connection)

    connection_created.connect(attach, weak=False)
    yield snapshots
    connection_created.disconnect(attach)
    for path in snapshots.files.values():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def _snapshot_applies(snapshots: Snapshots | None) -> bool:
    """Only inside a test's transaction: a test with real commits (threads, a browser)
    starts from a flushed database whose content types and catalogue differ from the
    snapshots', so the loaders run there."""
    from django.db import connection

    return snapshots is not None and connection.in_atomic_block


@pytest.fixture
def demo(demo_snapshots: Snapshots | None, db: Any) -> Demo:
    if demo_snapshots is None or not _snapshot_applies(demo_snapshots):
        _load_demo()
    else:
        demo_snapshots.restore("demo")
    return Demo()


@pytest.fixture
def demo_plans(demo_snapshots: Snapshots | None, demo: Demo) -> Demo:
    """The demo with Hải Phòng's plans: the city plan issued, Hà Tây's 2026 issued and
    2027 draft, three communes that derived theirs."""
    if demo_snapshots is None or not _snapshot_applies(demo_snapshots):
        _load_plan_demo()
    else:
        demo_snapshots.restore("demo_plans")
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
