"""The home page: the active unit's dashboard.

A commune sees counts with links to what exists (agencies, villages, people), what to do
first while the unit is not yet set up, and, for those who may read the audit log, its
recent changes. A province officer sees the province's communes with their set-up
status, searchable, sortable and paginated (a province has a hundred or more). Apps built
on accounts add their own sections (add_section), so that accounts imports none of them;
a section may come first for some roles (what waits for them: a focal person's overdue
tasks, a leader's plans to issue, a province officer's reports to review), above the
counters."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from apps.access.guards import permitted
from apps.access.models import AuditLog
from apps.access.scope import active_membership
from apps.accounts.models import Membership
from apps.geo.forms import SearchForm
from apps.geo.models import AdministrativeUnit, Agency, Level
from core.tables import sort_by

COMMUNES_PER_PAGE = 25
RECENT_CHANGES = 8
COMMUNE_SORTS = {
    "name": ["name_key"],
    "people": ["people", "name_key"],
    "agencies": ["agency_count", "name_key"],
    "villages": ["village_count", "name_key"],
}

# a section of the home page: given the request and the active unit, the template to
# include and its context, or None when it has nothing for this person
Section = Callable[[HttpRequest, AdministrativeUnit], tuple[str, dict[str, Any]] | None]
SECTIONS: list[Section] = []
# the roles a section comes first for, each with its rank among that role's first
# sections (0 first); for everyone else it comes after the unit's counters
FIRST_FOR: dict[Section, dict[str, int]] = {}


def _ranks(roles: Mapping[str, int] | Iterable[str]) -> dict[str, int]:
    if isinstance(roles, Mapping):
        return {str(role): int(rank) for role, rank in roles.items()}
    return {str(role): 0 for role in roles}


def add_section(section: Section, *, first_for: Mapping[str, int] | Iterable[str] = ()) -> None:
    """Called from an AppConfig.ready(); sections show in the order the apps are installed.
    `first_for` names the roles whose home starts with this section (what waits for
    them), as a set of roles or {role: rank} when several sections are first for one."""
    if section not in SECTIONS:
        SECTIONS.append(section)
    ranks = _ranks(first_for)
    if ranks:
        FIRST_FOR[section] = {**FIRST_FOR.get(section, {}), **ranks}


def first_for(roles: Mapping[str, int] | Iterable[str]) -> Callable[[Section], Section]:
    """The same as add_section's `first_for`, said where the section is written."""

    def mark(section: Section) -> Section:
        FIRST_FOR[section] = {**FIRST_FOR.get(section, {}), **_ranks(roles)}
        return section

    return mark


def ordered_sections(role: str) -> tuple[list[Section], list[Section]]:
    """The sections that come first for the role, by rank, and the others in order."""
    first = sorted(
        (s for s in SECTIONS if role in FIRST_FOR.get(s, {})),
        key=lambda s: (FIRST_FOR[s][role], SECTIONS.index(s)),
    )
    return first, [s for s in SECTIONS if s not in first]


def _count(queryset: QuerySet[Any], column: str, counted: str = "pk") -> Any:
    """A correlated COUNT (instead of joins that would multiply each other)."""
    rows = queryset.filter(**{column: OuterRef("pk")}).order_by().values(column)
    rows = rows.annotate(n=Count(counted, distinct=counted != "pk")).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def communes_of(province: AdministrativeUnit) -> QuerySet[AdministrativeUnit]:
    """The province's active communes, each with its number of people, agencies and villages."""
    return AdministrativeUnit.objects.filter(parent=province, level=Level.COMMUNE, is_active=True).annotate(
        people=_count(Membership.objects.filter(is_active=True, user__is_active=True), "unit", "user"),
        agency_count=_count(Agency.objects.filter(is_active=True), "unit"),
        village_count=_count(
            AdministrativeUnit.objects.filter(level=Level.VILLAGE, is_active=True), "parent"
        ),
    )


def _province_context(request: HttpRequest, province: AdministrativeUnit) -> dict[str, Any]:
    communes = communes_of(province)
    totals = communes.aggregate(
        total=Count("pk"),
        started=Count("pk", filter=Q(people__gt=0)),
    )
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    if query:
        communes = communes.filter(
            pk__in=AdministrativeUnit.objects.filter(parent=province).search(query).order_by().values("pk")
        )
    communes, sort = sort_by(request, communes, COMMUNE_SORTS, "name")
    return {
        "commune_total": totals["total"],
        "communes_started": totals["started"],
        "communes_not_started": totals["total"] - totals["started"],
        "page": Paginator(communes, COMMUNES_PER_PAGE).get_page(request.GET.get("page")),
        "query": query,
        "sort": sort,
    }


def _commune_context(request: HttpRequest, unit: AdministrativeUnit) -> dict[str, Any]:
    agency_count = unit.agencies.filter(is_active=True).count()
    village_count = unit.children.filter(level=Level.VILLAGE, is_active=True).count()
    people_count = (
        Membership.objects.filter(unit=unit, is_active=True, user__is_active=True)
        .values("user")
        .distinct()
        .count()
    )
    return {
        "agency_count": agency_count,
        "village_count": village_count,
        "people_count": people_count,
        "set_up_done": agency_count > 0 and village_count > 0,
    }


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    membership = active_membership(request.user)
    context: dict[str, Any] = {"membership": membership}
    if membership is not None:
        unit = membership.unit
        context["unit"] = unit
        context["province"] = unit.province
        if unit.level == Level.PROVINCE:
            context.update(_province_context(request, unit))
        else:
            context.update(_commune_context(request, unit))
        first, rest = ordered_sections(membership.role)
        # what waits for this person first, then the unit's counters and the other sections
        context["first_sections"] = [
            found for found in (section(request, unit) for section in first) if found
        ]
        context["sections"] = [found for found in (section(request, unit) for section in rest) if found]
        if permitted(request.user, "view", "access.auditlog", unit=unit):
            context["recent_changes"] = list(
                AuditLog.objects.filter(unit_path__startswith=unit.path).order_by("-created_at")[
                    :RECENT_CHANGES
                ]
            )
    return render(request, "accounts/home.html", context)
