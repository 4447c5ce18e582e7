"""The sidebar: the work areas the active membership may use. An area appears here when
its app exists; nothing is shown greyed out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from apps.access.guards import permitted
from apps.access.scope import active_membership


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str | Promise
    url_name: str
    icon: str  # a name listed in binhdang/static/vendor/bootstrap-icons/icons.txt
    # other pages (view names, or "namespace:" for all of a namespace) that belong to this
    # area, so that it shows as current there
    also: tuple[str, ...] = ()

    def covers(self, view_name: str) -> bool:
        if view_name == self.url_name or view_name in self.also:
            return True
        return any(a.endswith(":") and view_name.startswith(a) for a in self.also)


@dataclass(frozen=True)
class NavLink:
    key: str
    label: str | Promise
    url: str
    icon: str
    active: bool


REPORT_PAGES = (
    *(
        f"indicators:{name}"
        for name in ("open", "set_due", "submission", "submission_save", "submit", "return")
    ),
    *(f"indicators:{name}" for name in ("approve", "reopen")),
    "datavalues:",
)


def items_for(user: Any) -> list[NavItem]:
    items = [NavItem("home", _("Home"), "home", "house")]
    membership = active_membership(user)
    if membership is None:
        return items
    if membership.unit.level == "commune":
        items.append(
            NavItem(
                "agencies",
                _("Agencies"),
                "geo:agency_list",
                "building",
                also=("geo:agency_create", "geo:agency_edit", "geo:agency_deactivate"),
            )
        )
    if permitted(user, "view", "plans.plan", unit=membership.unit):
        items.append(
            NavItem(
                "plans",
                _("Plans"),
                "plans:list",
                "list",
                also=tuple(
                    f"plans:{name}"
                    for name in (
                        "new",
                        "import",
                        "import_review",
                        "detail",
                        "edit",
                        "correct",
                        "versions",
                        "communes",
                        "mapping",
                        "print",
                    )
                ),
            )
        )
    if permitted(user, "view", "work.task", unit=membership.unit):
        items.append(
            NavItem(
                "work",
                _("Tasks"),
                "work:task_list",
                "check-circle",
                also=tuple(
                    f"work:{name}" for name in ("my_work", "task_new", "task_detail", "task_progress")
                ),
            )
        )
    if permitted(user, "view", "work.task", unit=membership.unit):
        items.append(NavItem("overview", _("Overview"), "work:overview", "diagram-3"))
        items.append(
            NavItem("calendar", _("Calendar"), "work:calendar", "clock-history", also=("work:calendar_feed",))
        )
    if permitted(user, "view", "work.task", unit=membership.unit):
        from apps.work.reminders import unread_count  # the bell: unread reminders

        unread = unread_count(user)
        items.append(
            NavItem(
                "reminders",
                _("Reminders (%(n)s)") % {"n": unread} if unread else _("Reminders"),
                "work:reminders",
                "inbox",
                also=("work:reminder_settings",),
            )
        )
    if permitted(user, "view", "activities.activity", unit=membership.unit):
        items.append(
            NavItem(
                "activities",
                _("Activities"),
                "activities:list",
                "people",
                also=("activities:new", "activities:detail"),
            )
        )
    if permitted(user, "view", "indicators.submission", unit=membership.unit):
        items.append(
            NavItem(
                "reports",
                _("Periodic reports"),
                "indicators:reports",
                "clipboard-data",
                also=REPORT_PAGES,
            )
        )
    if permitted(user, "view", "reports.consolidatedreport", unit=membership.unit):
        items.append(
            NavItem(
                "dashboards",
                _("Dashboards"),
                "reports:dashboard",
                "bar-chart",
                also=("reports:",),
            )
        )
    items.append(
        NavItem(
            "indicators",
            _("Indicators"),
            "indicators:catalogue",
            "grid-3x3-gap",
            also=("indicators:indicator_create", "indicators:indicator_detail", "indicators:indicator_edit"),
        )
    )
    items.append(
        NavItem(
            "units", _("Units"), "geo:unit_search", "geo-alt", also=("geo:unit_detail", "geo:village_create")
        )
    )
    if permitted(user, "view", "access.auditlog", unit=membership.unit):
        items.append(NavItem("audit", _("Audit log"), "audit_log", "journal-text"))
    return items


def links_for(request: HttpRequest) -> list[NavLink]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    match = getattr(request, "resolver_match", None)
    current = match.view_name if match is not None else ""
    return [
        NavLink(
            key=item.key,
            label=item.label,
            url=reverse(item.url_name),
            icon=item.icon,
            active=item.covers(current),
        )
        for item in items_for(user)
    ]


def bell_count(request: HttpRequest) -> int | None:
    """Unread reminders for the bell in the top bar; None where the person has no tasks."""
    user = getattr(request, "user", None)
    membership = active_membership(user)
    if membership is None or not permitted(user, "view", "work.task", unit=membership.unit):
        return None
    from apps.work.reminders import unread_count

    return unread_count(user)


def navigation(request: HttpRequest) -> dict[str, Any]:
    return {"nav_items": links_for(request), "reminders_unread": bell_count(request)}
