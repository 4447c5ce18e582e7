"""State changes of units and agencies: each checks permission, validates, writes, audits."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts import audit
from apps.accounts.permissions import MANAGE_UNIT, require
from apps.geo.agency_defaults import COMMUNE_AGENCIES
from apps.geo.models import AdministrativeUnit, Agency, AgencyKind, Level
from binhdang.text import fold, normalize

VILLAGE_TYPES = ("thôn", "tổ dân phố", "bản", "ấp", "khu phố")


def default_agency_name(
    unit: AdministrativeUnit, base_name: str, with_locality: bool, ward_name: str | None
) -> str:
    if ward_name and unit.division_type == "phường":
        base_name = ward_name
    return f"{base_name} {unit.division_type} {unit.short_name}" if with_locality else base_name


def ensure_default_agencies(unit: AdministrativeUnit, actor: Any = None) -> list[Agency]:
    """Create the standard agencies of a commune that starts using binhdang (idempotent).

    Called by the services that attach the first user to a commune, not from views.
    """
    if unit.level != Level.COMMUNE:
        return []
    existing = set(Agency.objects.filter(unit=unit).values_list("name_key", flat=True))
    created = []
    for default in COMMUNE_AGENCIES:
        name = default_agency_name(unit, default.base_name, default.with_locality, default.ward_name)
        if fold(name) not in existing:
            created.append(Agency.objects.create(unit=unit, name=name, kind=default.kind))
    if created:
        audit.record(actor, "agency.create_defaults", unit, unit=unit, changes={"count": len(created)})
    return created


def _check_unique(unit: AdministrativeUnit, name: str, exclude_pk: int | None = None) -> None:
    clash = Agency.objects.filter(unit=unit, name_key=fold(name))
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError({"name": _("This unit already has an agency with this name.")})


@transaction.atomic
def create_agency(actor: Any, unit: AdministrativeUnit, *, name: str, kind: str) -> Agency:
    require(actor, MANAGE_UNIT, unit)
    if unit.level != Level.COMMUNE:
        raise ValidationError(_("Agencies belong to a commune-level unit."))
    name = normalize(name)
    _check_unique(unit, name)
    agency = Agency.objects.create(unit=unit, name=name, kind=kind)
    audit.record(actor, "agency.create", agency, unit=unit, changes={"name": name, "kind": kind})
    return agency


@transaction.atomic
def update_agency(actor: Any, agency: Agency, *, name: str, kind: str) -> Agency:
    require(actor, MANAGE_UNIT, agency.unit)
    name = normalize(name)
    _check_unique(agency.unit, name, exclude_pk=agency.pk)
    before = {"name": agency.name, "kind": agency.kind}
    agency.name, agency.kind = name, kind
    agency.save()
    audit.record(
        actor,
        "agency.update",
        agency,
        unit=agency.unit,
        changes=audit.diff(before, {"name": name, "kind": kind}),
    )
    return agency


@transaction.atomic
def set_agency_active(actor: Any, agency: Agency, active: bool) -> Agency:
    """Deactivate (or restore) an agency; nothing is deleted, so undo is one click."""
    require(actor, MANAGE_UNIT, agency.unit)
    if agency.is_active != active:
        agency.is_active = active
        agency.save(update_fields=["is_active"])
        audit.record(actor, "agency.restore" if active else "agency.deactivate", agency, unit=agency.unit)
    return agency


@transaction.atomic
def add_village(
    actor: Any, commune: AdministrativeUnit, *, name: str, division_type: str
) -> AdministrativeUnit:
    """Add a village (thôn, tổ dân phố ...) to a commune, with its own agency."""
    require(actor, MANAGE_UNIT, commune)
    if commune.level != Level.COMMUNE:
        raise ValidationError(_("Villages are added to a commune-level unit."))
    if division_type not in VILLAGE_TYPES:
        raise ValidationError({"division_type": _("Unknown village type.")})
    short = normalize(name)
    for prefix in VILLAGE_TYPES:
        if fold(short).startswith(fold(prefix) + " "):
            short = short[len(prefix) + 1 :].strip()
    if not short:
        raise ValidationError({"name": _("Enter the village name.")})
    full_name = f"{division_type[0].upper()}{division_type[1:]} {short}"
    if AdministrativeUnit.objects.filter(parent=commune, name_key=fold(full_name)).exists():
        raise ValidationError({"name": _("This commune already has a village with this name.")})
    sequence = AdministrativeUnit.objects.filter(parent=commune).count() + 1
    code = f"{commune.code}.{sequence}"
    while AdministrativeUnit.objects.filter(code=code).exists():
        sequence += 1
        code = f"{commune.code}.{sequence}"
    village = AdministrativeUnit.objects.create(
        code=code,
        name=full_name,
        short_name=short,
        division_type=division_type,
        level=Level.VILLAGE,
        parent=commune,
        path=f"{commune.path}{code}/",
    )
    Agency.objects.create(unit=commune, name=full_name, kind=AgencyKind.VILLAGE, village=village)
    audit.record(actor, "village.create", village, unit=commune, changes={"name": full_name})
    return village
