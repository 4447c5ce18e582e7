"""A commune's plan from its province's plan (or from a plan it keeps as received, the
district's), in one step: issuer and place become the commune's, the title names the
commune, the targets speak for it (derive_text), the plan above is cited as the basis,
tasks are copied and the province bodies are mapped to the commune's own agencies through
the province's mapping table (seeded from mapping_defaults). What cannot be mapped is
listed for the commune."""

from __future__ import annotations

import copy
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.access import audit
from apps.access.actors import Actor, SystemActor
from apps.access.events import Event
from apps.access.guards import require
from apps.geo.models import AdministrativeUnit, Level
from apps.plans import content as plan_content
from apps.plans.agency_choices import unit_candidates
from apps.plans.derive_text import Place, TargetChange, apply_targets, commune_targets, commune_title
from apps.plans.heading import citation, issuer_place
from apps.plans.mapping_defaults import DEFAULT_MAPPINGS
from apps.plans.matching import agency_key, best_match
from apps.plans.models import Plan, PlanStatus, ProvinceAgencyMapping
from apps.plans.services import create_plan
from core.text import fold
from core.validators import validated_text


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


def update_mapping(province: AdministrativeUnit, *, actor: Actor, rows: list[dict[str, Any]]) -> None:
    """Replace the commune agency (lead and partners) of the province's bodies."""
    require(actor, "change", ProvinceAgencyMapping, unit=province, own_unit=True)
    with transaction.atomic():
        current = {m.pk: m for m in mappings_of(province)}
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


def source_place(source: Plan) -> Place:
    """The body above as its plan names its place: ("thành phố", "Hải Phòng"),
    ("huyện", "Trùng Khánh") for a received plan."""
    if source.is_received:
        word, name = issuer_place((source.content.get("document") or {}).get("issuer"))
        return Place(word, name)
    return Place(plan_content.division_word(source.unit), source.unit.short_name)


def commune_place(commune: AdministrativeUnit) -> Place:
    return Place(plan_content.division_word(commune), commune.short_name)


@dataclass
class Preview:
    """What deriving will do to the words: the new title and each target's fate."""

    title: str
    targets: list[TargetChange]

    @property
    def reworded(self) -> list[TargetChange]:
        return [t for t in self.targets if t.new_text]

    @property
    def to_review(self) -> list[TargetChange]:
        return [t for t in self.targets if t.to_review]


def derive_preview(source: Plan, commune: AdministrativeUnit) -> Preview:
    above, own = source_place(source), commune_place(commune)
    document = source.content.get("document") or {}
    return Preview(
        title=commune_title(document.get("title") or source.title, above, own),
        targets=commune_targets(source.content.get("targets") or [], above, own),
    )


def derived_content(
    source: Plan, commune: AdministrativeUnit, keep_targets: Collection[int] = ()
) -> tuple[dict[str, Any], list[str]]:
    """The commune's draft: its own heading, the title naming it, the targets in its own
    words (those that do not apply only when kept), the body above's plan as its basis."""
    content = copy.deepcopy(source.content)
    mapper = _Mapper(commune.province, commune)
    preview = derive_preview(source, commune)
    blank = plan_content.blank(commune, source.year, preview.title)
    content["document"] = blank["document"]
    basis = citation(source)
    content["references"] = [
        basis,
        *[r for r in content.get("references") or [] if r.get("number") != basis["number"]],
    ]
    content["targets"] = apply_targets(content.get("targets") or [], preview.targets, set(keep_targets))
    for task in content.get("tasks") or []:
        lead, partners = mapper.map(task.get("lead") or [])
        more_lead, more_partners = mapper.map(task.get("partners") or [])
        task["lead"] = lead
        task["partners"] = [p for p in dict.fromkeys(partners + more_lead + more_partners) if p not in lead]
    for assignment in content.get("assignments") or []:
        mapped, _partners = mapper.map([assignment.get("agency") or ""])
        assignment["agency"] = mapped[0] if mapped else assignment.get("agency")
    content["signer"] = blank["signer"]
    above = source_place(source)
    content["recipients"] = [
        f"UBND {above.words} (b/c)" if above.name else f"{basis['issuer']} (b/c)",
        "Các cơ quan, đơn vị, đoàn thể xã",
        "Lưu: VT",
    ]
    content["source"] = {"format": "docx", "warnings": []}
    return content, list(mapper.unresolved)


def derivable(source: Plan, commune: AdministrativeUnit) -> bool:
    """Whether the commune makes its plan from this one: a plan the commune keeps as
    received, or an issued plan of its own province."""
    if commune.level != Level.COMMUNE:
        return False
    if source.is_received:
        return source.unit_id == commune.pk
    return source.is_issued and commune.province.pk == source.unit_id


def derived_from(source: Plan, commune: AdministrativeUnit) -> Plan | None:
    """The commune's plan made from this one, if it made one (once per source)."""
    return Plan.objects.filter(unit=commune, basis=source).first()


def issued_besides(plan: Plan) -> bool:
    """The plan's unit already has an issued plan of the plan's year besides this one (a
    plan just made is then a second plan of the year: the page says so)."""
    return (
        Plan.objects.filter(unit_id=plan.unit_id, year=plan.year, status=PlanStatus.ISSUED)
        .exclude(pk=plan.pk)
        .exists()
    )


def derive_plan(
    source: Plan, *, actor: Actor, commune: AdministrativeUnit, keep_targets: Collection[int] = ()
) -> tuple[Plan, list[str]]:
    """The commune's draft from an issued province plan or from a plan it keeps as
    received (the district's); returns it with the names that found no commune agency (for
    the commune to resolve on the plan's review screen). `keep_targets`: the indexes of the
    targets that do not apply to a commune as written and that the officer keeps."""
    require(actor, "add", Plan, unit=commune, own_unit=True)
    if (
        not isinstance(actor, SystemActor)
        and not Plan.objects.visible_to(actor).filter(pk=source.pk).exists()
    ):
        audit.record(actor, Event.ACCESS_DENIED, source, meta={"action": "derive", "object": "plans.plan"})
        raise PermissionDenied("derive")
    if source.is_received:
        if commune.level != Level.COMMUNE or source.unit_id != commune.pk:
            raise ValidationError(_("Only the commune that keeps a received plan can make its plan from it."))
        if derived_from(source, commune) is not None:
            raise ValidationError(_("This commune already has a plan made from that plan."))
    else:
        if commune.level != Level.COMMUNE or commune.province.pk != source.unit_id:
            raise ValidationError(_("Only a commune of this province can derive its plan from it."))
        if source.status != PlanStatus.ISSUED or source.unit.level != Level.PROVINCE:
            raise ValidationError(_("Only an issued province plan can be derived from."))
        if derived_from(source, commune) is not None:
            raise ValidationError(_("This commune already has a plan made from that province plan."))
    content, unresolved = derived_content(source, commune, keep_targets)
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
        note=(
            _("Made from the plan %(number)s received from %(issuer)s")
            % {"number": source.number, "issuer": source.issuer_name}
            if source.is_received
            else _("Made from the province plan %(number)s") % {"number": source.number}
        ),
        event=Event.PLAN_DERIVED,
        basis=source,
    )
    return plan, unresolved
