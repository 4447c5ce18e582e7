"""The agencies a plan names and the unit's agencies they mean: the suggestions the
review and edit pages show, and the reviewer's choices turned into the plan's agency map
(run inside the saving service's transaction, after its checks)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.access.actors import Actor
from apps.geo.models import AdministrativeUnit, Agency, Level
from apps.geo.services import create_agency
from apps.plans.matching import Candidate, best_match, written_agencies

# the choice "+ Add as a new agency" of the matching table
NEW_AGENCY = "new"


def unit_candidates(unit: AdministrativeUnit, *, active_only: bool = True) -> list[Candidate]:
    agencies = Agency.objects.filter(unit=unit)
    if active_only:
        agencies = agencies.filter(is_active=True)
    return [Candidate(a.pk, a.name, exact_only=a.village_id is not None) for a in agencies]


def agency_suggestions(
    unit: AdministrativeUnit, content: dict[str, Any], agency_map: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """For each agency the plan names: the unit's agency it means (as saved before, or the
    best match), or None when none matches (the review screen highlights those)."""
    if unit.level != Level.COMMUNE:
        return []
    agencies = unit_candidates(unit)
    rows = []
    for written in written_agencies(content):
        chosen = agency_map.get(written)
        match = best_match(written, agencies, unit.short_name) if chosen is None else None
        rows.append(
            {"written": written, "agency_id": chosen if chosen is not None else (match.pk if match else None)}
        )
    return rows


def resolve_agencies(
    unit: AdministrativeUnit, choices: Mapping[str, str], *, actor: Actor
) -> dict[str, int | None]:
    """The review's choices (an agency id, "new", or "" to leave the name as text) as the
    plan's agency map; "new" creates the agency, so only a service calls this, inside its
    transaction and after its checks. A name that matches an agency left as text is kept
    so (None): the matching done on every save does not undo that choice."""
    mapping: dict[str, int | None] = {}
    own = set(Agency.objects.filter(unit=unit).values_list("pk", flat=True))
    active = unit_candidates(unit)
    for written, choice in choices.items():
        if not choice:
            if best_match(written, active, unit.short_name) is not None:
                mapping[written] = None
        elif choice == NEW_AGENCY:
            existing = best_match(written, unit_candidates(unit, active_only=False), unit.short_name)
            agency = (
                Agency.objects.get(pk=existing.pk)
                if existing
                else create_agency(unit, actor=actor, name=written, kind="committee")
            )
            mapping[written] = agency.pk
        else:
            if not choice.isdigit() or int(choice) not in own:
                raise ValidationError(_("An agency chosen belongs to another unit."))
            mapping[written] = int(choice)
    return mapping
