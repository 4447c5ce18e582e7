"""Factories for tests that need a person, an agency or a plan, not the whole demo.

The units come from the migrated country data (Hải Phòng and its communes), as in
production; everything else is made here, plans through the plans service so that they
have their first version and number counter like a plan an officer creates.

    officer = MembershipFactory(role=Role.COMMUNE_OFFICER).user
    plan = PlanFactory(unit=commune("Xã Tiên Lãng"))
"""

from __future__ import annotations

from typing import Any

import factory

from apps.access.actors import SystemActor
from apps.access.roles import Role
from apps.accounts.models import Membership, User
from apps.geo.models import AdministrativeUnit, Agency, AgencyKind

PROVINCE = "Thành phố Hải Phòng"
PASSWORD = "factory-password"


def province() -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(name=PROVINCE, level="province")


def commune(name: str = "Xã Hà Tây") -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(name=name, parent__name=PROVINCE)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Thị {n}")
    password = factory.django.Password(PASSWORD)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    unit = factory.LazyFunction(commune)
    name = factory.Sequence(lambda n: f"Tổ hợp tác số {n}")
    kind = AgencyKind.ENTERPRISE


class MembershipFactory(factory.django.DjangoModelFactory):
    """A person's role in a unit; a focal person gets an agency of that unit."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.LazyFunction(commune)
    role = Role.COMMUNE_OFFICER
    agency = factory.Maybe(
        factory.LazyAttribute(lambda m: m.role == Role.FOCAL_PERSON),
        yes_declaration=factory.SubFactory(AgencyFactory, unit=factory.SelfAttribute("..unit")),
        no_declaration=None,
    )


class PlanFactory(factory.Factory):
    """A draft plan made through `create_plan` (what the officer's "new plan" does)."""

    class Meta:
        model = dict  # built by `_create` through the service, not by a model constructor

    unit = factory.LazyFunction(commune)
    year = 2026
    title = factory.LazyAttribute(lambda p: f"Kế hoạch bình đẳng giới năm {p.year}")
    tasks: Any = factory.LazyFunction(list)

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> Any:
        from apps.plans import content as plan_content
        from apps.plans.services import create_plan

        content = plan_content.blank(kwargs["unit"], kwargs["year"], kwargs["title"])
        content["tasks"] = kwargs["tasks"]
        return create_plan(kwargs["unit"], actor=SystemActor("tests"), content=content, note="factory")
