"""A commune's plan from its province's plan, in one step: issuer and place become the
commune's, the province plan is cited as the basis, tasks and targets are copied and the
province bodies are mapped to the commune's own agencies through the province's mapping
table (seeded from mapping_defaults). What cannot be mapped is listed for the commune."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.access import audit
from apps.access.actors import SystemActor
from apps.access.events import Event
from apps.access.guards import require
from apps.geo.models import AdministrativeUnit, Level
from apps.plans import content as plan_content
from apps.plans.imports import unit_candidates
from apps.plans.mapping_defaults import DEFAULT_MAPPINGS
from apps.plans.matching import agency_key, best_match
from apps.plans.models import Plan, PlanStatus, ProvinceAgencyMapping
from apps.plans.services import create_plan
from binhdang.text import fold
from binhdang.validators import validated_text


def mappings_of(province: AdministrativeUnit) -> list[ProvinceAgencyMapping]:
    """The province's table; the first use copies the defaults in."""
    rows = list(ProvinceAgencyMapping.objects.filter(province=province))
    if rows:
        return rows
    with transaction.atomic():
        for default in DEFAULT_MAPPINGS:
            ProvinceAgencyMapping.objects.get_or_create(
                province=province,
                body_key=fold(default.province_body),
                defaults={
                    "province_body": default.province_body,
                    "aliases": list(default.aliases),
                    "commune_lead": default.commune_lead,
                    "commune_partners": list(default.commune_partners),
                },
            )
    return list(ProvinceAgencyMapping.objects.filter(province=province))


def update_mapping(province: AdministrativeUnit, *, actor: Any, rows: list[dict[str, Any]]) -> None:
    """Replace the commune agency (lead and partners) of the province's bodies."""
    require(actor, "change", ProvinceAgencyMapping, unit=province, own_unit=True)
    current = {m.pk: m for m in mappings_of(province)}
    with transaction.atomic():
        for row in rows:
            mapping = current.get(row["id"])
            if mapping is None:
                raise ValidationError(_("That mapping belongs to another province."))
            lead = validated_text(row["commune_lead"], 200, "commune_lead")
            partners = [validated_text(p, 200) for p in row.get("commune_partners") or [] if p.strip()]
            if (lead, partners) != (mapping.commune_lead, mapping.commune_partners):
                before = {"commune_lead": mapping.commune_lead}
                mapping.commune_lead, mapping.commune_partners = lead, partners
                mapping.save()
                audit.record(
                    actor,
                    Event.AGENCY_MAPPING_UPDATED,
                    None,
                    unit=province,
                    object_repr=mapping.province_body,
                    changes={"commune_lead": [before["commune_lead"], lead]},
                )


@dataclass
class Mapped:
    lead: list[str]
    partners: list[str]
    unresolved: list[str]


class _Mapper:
    def __init__(self, province: AdministrativeUnit, commune: AdministrativeUnit) -> None:
        self.commune = commune
        self.agencies = unit_candidates(commune)
        self.table: dict[str, ProvinceAgencyMapping] = {}
        for mapping in mappings_of(province):
            for name in [mapping.province_body, *mapping.aliases]:
                self.table.setdefault(agency_key(name), mapping)
        self.unresolved: dict[str, None] = {}

    def commune_name(self, base: str) -> str:
        """A commune agency's name as the commune has it ("Công an xã" -> "Công an xã Hà Tây")."""
        match = best_match(base, self.agencies, self.commune.short_name)
        if match is None:
            self.unresolved.setdefault(base, None)  # the commune has no such agency yet
            return base
        return match.name

    def province_body(self, written: str) -> ProvinceAgencyMapping | None:
        key = agency_key(written)
        if key in self.table:
            return self.table[key]
        return next((m for k, m in self.table.items() if k and (k in key or key in k)), None)

    def map(self, names: list[str]) -> tuple[list[str], list[str]]:
        leads: list[str] = []
        partners: list[str] = []
        for written in names:
            mapping = self.province_body(written)
            if mapping is None:
                if best_match(written, self.agencies, self.commune.short_name) is None:
                    self.unresolved.setdefault(written, None)
                leads.append(written)
                continue
            leads.append(self.commune_name(mapping.commune_lead))
            partners.extend(self.commune_name(p) for p in mapping.commune_partners)
        return list(dict.fromkeys(leads)), list(dict.fromkeys(partners))


def derived_content(source: Plan, commune: AdministrativeUnit) -> tuple[dict[str, Any], list[str]]:
    content = copy.deepcopy(source.content)
    mapper = _Mapper(source.unit, commune)
    year = source.year
    blank = plan_content.blank(commune, year, content["document"]["title"])
    content["document"] = blank["document"]
    basis_document = source.content["document"]
    content["references"] = [
        {
            "kind": "KH",
            "number": source.number or basis_document.get("number") or "",
            "date": basis_document.get("date"),
            "issuer": (basis_document.get("issuer") or {}).get("name")
            or plan_content.issuer_name(source.unit),
            "title": basis_document.get("title"),
            "role": "basis",
        },
        *[r for r in content.get("references") or [] if r.get("number") != source.number],
    ]
    for task in content.get("tasks") or []:
        lead, partners = mapper.map(task.get("lead") or [])
        more_lead, more_partners = mapper.map(task.get("partners") or [])
        task["lead"] = lead
        task["partners"] = [p for p in dict.fromkeys(partners + more_lead + more_partners) if p not in lead]
    for assignment in content.get("assignments") or []:
        mapped, _partners = mapper.map([assignment.get("agency") or ""])
        assignment["agency"] = mapped[0] if mapped else assignment.get("agency")
    content["signer"] = blank["signer"]
    content["recipients"] = [
        f"UBND {plan_content.division_word(source.unit)} {source.unit.short_name} (b/c)",
        "Các cơ quan, đơn vị, đoàn thể xã",
        "Lưu: VT",
    ]
    content["source"] = {"format": "docx", "warnings": []}
    return content, list(mapper.unresolved)


def derive_plan(source: Plan, *, actor: Any, commune: AdministrativeUnit) -> tuple[Plan, list[str]]:
    """The commune's draft from an issued province plan; returns it with the names that
    found no commune agency (for the commune to resolve on the plan's review screen)."""
    if (
        not isinstance(actor, SystemActor)
        and not Plan.objects.visible_to(actor).filter(pk=source.pk).exists()
    ):
        audit.record(actor, Event.ACCESS_DENIED, source, meta={"action": "derive", "object": "plans.plan"})
        raise PermissionDenied("derive")
    if commune.level != Level.COMMUNE or commune.province.pk != source.unit_id:
        raise ValidationError(_("Only a commune of this province can derive its plan from it."))
    if source.status != PlanStatus.ISSUED or source.unit.level != Level.PROVINCE:
        raise ValidationError(_("Only an issued province plan can be derived from."))
    if Plan.objects.filter(unit=commune, basis=source).exists():
        raise ValidationError(_("This commune already has a plan made from that province plan."))
    content, unresolved = derived_content(source, commune)
    agencies = unit_candidates(commune)
    agency_map: dict[str, int] = {}
    for task in content.get("tasks") or []:
        for name in [*task["lead"], *task["partners"]]:
            match = best_match(name, agencies, commune.short_name)
            if match is not None:
                agency_map[name] = match.pk
    plan = create_plan(
        commune,
        actor=actor,
        content=content,
        agency_map=agency_map,
        note=_("Made from the province plan %(number)s") % {"number": source.number},
        event=Event.PLAN_DERIVED,
        basis=source,
    )
    return plan, unresolved
