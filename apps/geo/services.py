"""State changes of units and agencies. Each one checks permission first (a refusal is
audited and nothing is written), validates, writes in one transaction, audits."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from apps.access import audit
from apps.access.actors import Actor
from apps.access.events import Event
from apps.access.guards import require
from apps.geo.agency_defaults import COMMUNE_AGENCIES, PROVINCE_AGENCIES
from apps.geo.models import AdministrativeUnit, Agency, AgencyKind, AgencyQuerySet, Level
from core.text import fold
from core.validators import validated_text

VILLAGE_TYPES = ("thôn", "tổ dân phố", "bản", "ấp", "khu phố")
NAME_LENGTH = 200


def default_agency_name(
    unit: AdministrativeUnit, base_name: str, with_locality: bool, ward_name: str | None
) -> str:
    if ward_name and unit.division_type == "phường":
        base_name = ward_name
    if with_locality and unit.level == Level.PROVINCE:
        # "Công an thành phố", "Hội Liên hiệp Phụ nữ tỉnh": how province plans name them
        return f"{base_name} {'tỉnh' if unit.division_type == 'tỉnh' else 'thành phố'}"
    return f"{base_name} {unit.division_type} {unit.short_name}" if with_locality else base_name


def ensure_default_agencies(unit: AdministrativeUnit, *, actor: Actor) -> list[Agency]:
    """Create the standard agencies of a commune or province that starts using binhdang
    (idempotent).

    Called by the service that attaches the first user to a unit."""
    require(actor, "add", Agency, unit=unit)
    defaults = {Level.COMMUNE.value: COMMUNE_AGENCIES, Level.PROVINCE.value: PROVINCE_AGENCIES}.get(
        str(unit.level), ()
    )
    with transaction.atomic():
        existing = set(Agency.objects.filter(unit=unit).values_list("name_key", flat=True))
        created = []
        for default in defaults:
            name = default_agency_name(unit, default.base_name, default.with_locality, default.ward_name)
            if fold(name) not in existing:
                created.append(Agency.objects.create(unit=unit, name=name, kind=default.kind))
        if created:
            audit.record(actor, Event.AGENCY_DEFAULTS_CREATED, unit, changes={"count": len(created)})
    return created


def _duplicate_name() -> ValidationError:
    return ValidationError({"name": _("This unit already has an agency with this name.")})


def _check_unique(agencies: AgencyQuerySet, name: str) -> None:
    if agencies.filter(name_key=fold(name)).exists():
        raise _duplicate_name()


def _clean_kind(kind: str) -> str:
    if kind not in AgencyKind.values:
        raise ValidationError({"kind": _("Unknown kind of agency.")})
    return kind


def create_agency(unit: AdministrativeUnit, *, actor: Actor, name: str, kind: str) -> Agency:
    require(actor, "add", Agency, unit=unit)
    if unit.level != Level.COMMUNE:
        raise ValidationError(_("Agencies belong to a commune-level unit."))
    name = validated_text(name, NAME_LENGTH, "name")
    kind = _clean_kind(kind)
    _check_unique(Agency.objects.filter(unit=unit), name)
    try:
        with transaction.atomic():
            agency = Agency.objects.create(unit=unit, name=name, kind=kind)
            audit.record(
                actor, Event.AGENCY_CREATED, agency, changes={"name": [None, name], "kind": [None, kind]}
            )
    except IntegrityError as exc:  # the same name saved by someone else a moment ago
        raise _duplicate_name() from exc
    return agency


def update_agency(agency: Agency, *, actor: Actor, name: str, kind: str) -> Agency:
    require(actor, "change", agency)
    name = validated_text(name, NAME_LENGTH, "name")
    kind = _clean_kind(kind)
    _check_unique(Agency.objects.filter(unit_id=agency.unit_id).exclude(pk=agency.pk), name)
    before = {"name": agency.name, "kind": agency.kind}
    try:
        with transaction.atomic():
            agency.name, agency.kind = name, kind
            agency.save(update_fields=["name", "name_key", "kind"])
            audit.record(
                actor, Event.AGENCY_UPDATED, agency, changes=audit.diff(before, {"name": name, "kind": kind})
            )
    except IntegrityError as exc:
        agency.name, agency.kind = before["name"], before["kind"]
        raise _duplicate_name() from exc
    return agency


def set_agency_active(agency: Agency, *, actor: Actor, active: bool) -> Agency:
    """Deactivate (or restore) an agency; nothing is deleted, so undo is one click."""
    require(actor, "change", agency)
    with transaction.atomic():
        if agency.is_active != active:
            agency.is_active = active
            agency.save(update_fields=["is_active"])
            audit.record(
                actor,
                Event.AGENCY_RESTORED if active else Event.AGENCY_DEACTIVATED,
                agency,
                changes={"is_active": [not active, active]},
            )
    return agency


def _village_short_name(name: str) -> str:
    short = validated_text(name, 150, "name")
    for prefix in VILLAGE_TYPES:
        if fold(short).startswith(fold(prefix) + " "):
            short = short[len(prefix) + 1 :].strip()
    if not short:
        raise ValidationError({"name": _("Enter the village name.")})
    return short


def _next_village_code(commune: AdministrativeUnit) -> str:
    """Codes are the commune code and a sequence: 10846.1, 10846.2 ... The commune row is
    locked while the sequence is read, so two villages added at once get two codes."""
    AdministrativeUnit.objects.select_for_update(of=("self",)).filter(pk=commune.pk).first()
    prefix = f"{commune.code}."
    used = [
        int(code[len(prefix) :])
        for code in AdministrativeUnit.objects.filter(code__startswith=prefix).values_list("code", flat=True)
        if code[len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(used, default=0) + 1}"


def add_village(
    commune: AdministrativeUnit, *, actor: Actor, name: str, division_type: str
) -> AdministrativeUnit:
    """Add a village (thôn, tổ dân phố ...) to a commune, with its own agency."""
    require(actor, "add_village", commune)
    if commune.level != Level.COMMUNE:
        raise ValidationError(_("Villages are added to a commune-level unit."))
    if division_type not in VILLAGE_TYPES:
        raise ValidationError({"division_type": _("Unknown village type.")})
    short = _village_short_name(name)
    full_name = f"{division_type[0].upper()}{division_type[1:]} {short}"
    duplicate = ValidationError({"name": _("This commune already has a village with this name.")})
    if AdministrativeUnit.objects.filter(parent=commune, name_key=fold(full_name)).exists():
        raise duplicate
    try:
        with transaction.atomic():
            code = _next_village_code(commune)
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
            audit.record(
                actor, Event.VILLAGE_CREATED, village, unit=commune, changes={"name": [None, full_name]}
            )
    except IntegrityError as exc:
        raise duplicate from exc
    return village
