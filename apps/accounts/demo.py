"""Demo data for a real commune: xã Hà Tây, thành phố Hải Phòng.

Only for local demo mode: the loader refuses to run when DEBUG is off, because every
demo user shares one published password.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from apps.accounts.models import Role, User
from apps.accounts.services import add_membership
from apps.geo.models import AdministrativeUnit, Agency
from apps.geo.services import add_village

DEMO_PASSWORD = "binhdang-demo"  # noqa: S105 - published on purpose, refused outside DEBUG
HOME_COMMUNE = "Xã Hà Tây"
PROVINCE = "Thành phố Hải Phòng"
OTHER_COMMUNE = "Xã Tiên Lãng"
DEMO_VILLAGES = ("Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4")


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


def _unit(name: str, parent: AdministrativeUnit | None = None) -> AdministrativeUnit:
    units = AdministrativeUnit.objects.filter(name=name)
    if parent is not None:
        units = units.filter(parent=parent)
    return units.get()


@transaction.atomic
def load_demo() -> list[DemoUser]:
    if not settings.DEBUG:
        raise ImproperlyConfigured("Demo users are only created in local demo mode (DEBUG on).")
    province = _unit(PROVINCE)
    for demo in DEMO_USERS:
        unit = province if demo.unit == PROVINCE else _unit(demo.unit, province)
        user = User.objects.create_user(demo.username, password=DEMO_PASSWORD, full_name=demo.full_name)
        agency = Agency.objects.get(unit=unit, name=demo.agency) if demo.agency else None
        add_membership(None, user, unit, demo.role, agency=agency, title=demo.title)
        if demo.username == "congchuc":
            for village in DEMO_VILLAGES:
                add_village(user, unit, name=village, division_type="thôn")
    return list(DEMO_USERS)
