"""Demo data for a real commune: xã Hà Tây, thành phố Hải Phòng.

Only in demo mode (BINHDANG_DEMO=1, which `make run` sets): every demo user shares one
published password, so outside demo mode the app refuses to start while they exist
(`manage.py remove_demo` deletes them).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.dispatch import Signal

from apps.access import audit
from apps.access.actors import SystemActor
from apps.access.events import Event
from apps.accounts.models import Membership, Role, User
from apps.accounts.services import add_membership
from apps.geo.models import AdministrativeUnit, Agency
from apps.geo.services import add_village

DEMO_PASSWORD = "binhdang-demo"  # noqa: S105 - published on purpose, refused outside demo mode
HOME_COMMUNE = "Xã Hà Tây"
PROVINCE = "Thành phố Hải Phòng"
OTHER_COMMUNE = "Xã Tiên Lãng"
DEMO_VILLAGES = ("Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4")
SYSTEM = SystemActor("load_demo")
REMOVE_COMMAND = "python manage.py remove_demo"
demo_loaded = Signal()  # sent with actor= and users= (username -> User) after the users exist


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str
    unit: str
    title: str
    agency: str | None = None


DEMO_USERS = (
    DemoUser("congchuc", "Nguyễn Thị Lan", Role.COMMUNE_OFFICER, HOME_COMMUNE, "Công chức Văn hóa - Xã hội"),
    DemoUser(
        "daumoi",
        "Trần Thị Hoa",
        Role.FOCAL_PERSON,
        HOME_COMMUNE,
        "Chủ tịch Hội",
        agency="Hội Liên hiệp Phụ nữ xã Hà Tây",
    ),
    DemoUser("lanhdao", "Nguyễn Quang Ngọc", Role.LEADER, HOME_COMMUNE, "Phó Chủ tịch UBND xã"),
    DemoUser("sonoivu", "Phạm Văn Minh", Role.PROVINCE_OFFICER, PROVINCE, "Chuyên viên Sở Nội vụ"),
    DemoUser("hotro", "Lê Thị Mai", Role.CASE_WORKER, HOME_COMMUNE, "Người hỗ trợ vụ việc"),
    DemoUser("ngoai", "Đỗ Văn Hùng", Role.COMMUNE_OFFICER, OTHER_COMMUNE, "Công chức Văn hóa - Xã hội"),
)
# a second membership, so that switching can be tried: the commune officer also
# supports GBV cases in her commune
EXTRA_MEMBERSHIPS = (("congchuc", Role.CASE_WORKER, HOME_COMMUNE, "Người hỗ trợ vụ việc (kiêm nhiệm)"),)


def _unit(name: str, parent: AdministrativeUnit | None = None) -> AdministrativeUnit:
    units = AdministrativeUnit.objects.filter(name=name)
    if parent is not None:
        units = units.filter(parent=parent)
    return units.get()


def require_demo_mode() -> None:
    if not settings.DEMO_MODE:
        raise ImproperlyConfigured(
            "Demo users are only created in demo mode (BINHDANG_DEMO=1): they share a published password."
        )


@transaction.atomic
def load_demo(*, extras: bool = True) -> list[DemoUser]:
    """The demo users; with `extras`, the other apps' demo data too (plans ...)."""
    require_demo_mode()
    province = _unit(PROVINCE)
    users = {}
    for demo in DEMO_USERS:
        unit = province if demo.unit == PROVINCE else _unit(demo.unit, province)
        user = User.objects.create_user(
            demo.username, password=DEMO_PASSWORD, full_name=demo.full_name, is_demo=True
        )
        users[demo.username] = user
        agency = Agency.objects.get(unit=unit, name=demo.agency) if demo.agency else None
        add_membership(user, unit, demo.role, actor=SYSTEM, agency=agency, title=demo.title)
        if demo.username == "congchuc":
            for village in DEMO_VILLAGES:
                add_village(unit, actor=SYSTEM, name=village, division_type="thôn")
    for username, role, unit_name, title in EXTRA_MEMBERSHIPS:
        add_membership(users[username], _unit(unit_name, province), role, actor=SYSTEM, title=title)
    audit.record(SYSTEM, Event.DEMO_LOADED, None, changes={"users": len(DEMO_USERS)})
    # the apps above accounts add their own demo data (plans, work ...) without this
    # module importing them
    if extras:
        demo_loaded.send(sender=load_demo, actor=SYSTEM, users=users)
    return list(DEMO_USERS)


def demo_accounts_exist() -> bool:
    return User.objects.filter(is_demo=True).exists()


@transaction.atomic
def remove_demo() -> int:
    """Delete the demo users and their memberships (their audit records stay, unlinked)."""
    users = User.objects.filter(is_demo=True)
    Membership.objects.filter(user__in=users).delete()
    count, _ = users.delete()
    audit.record(SystemActor("remove_demo"), Event.DEMO_REMOVED, None, changes={"users": count})
    return count


def refuse_demo_accounts_outside_demo_mode() -> None:
    """Called before serving: outside demo mode, published-password accounts must not exist."""
    if settings.DEMO_MODE:
        return
    from django.db import connection

    if User._meta.db_table not in connection.introspection.table_names():
        return  # before the first migrate there is nothing to refuse
    if demo_accounts_exist():
        raise ImproperlyConfigured(
            "Cơ sở dữ liệu còn tài khoản mẫu (mật khẩu công khai) nhưng không chạy ở chế độ demo. "
            f"Xóa chúng bằng lệnh: {REMOVE_COMMAND}  "
            "(Demo accounts with a published password exist outside demo mode; remove them with "
            f"`{REMOVE_COMMAND}`.)"
        )
