"""The person's reminders (the bell) and the unit's reminder days."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from apps.access.guards import permitted, require
from apps.access.scope import active_membership
from apps.work import links, reminders
from apps.work.mine import my_notifications
from apps.work.models import Notification, ReminderSettings, Task

PAGE_SIZE = 30


@login_required
@require_http_methods(["GET", "POST"])
def reminder_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        count = reminders.mark_read(request.user, actor=request.user)
        if count:
            messages.success(request, _("Reminders marked as read."))
        return redirect("work:reminders")
    mine = my_notifications(request.user)
    page = Paginator(mine, PAGE_SIZE).get_page(request.GET.get("page"))
    membership = active_membership(request.user)
    return render(
        request,
        "work/reminders.html",
        {
            "page": page,
            "rows": _with_links(request.user, list(page.object_list)),
            "unread": reminders.unread_count(request.user),
            # only those who may change the unit's reminder days are shown the way there
            "can_set_days": membership is not None
            and permitted(request.user, "change", ReminderSettings, unit=membership.unit, own_unit=True),
        },
    )


def _with_links(user: object, notifications: list[Notification]) -> list[Notification]:
    """Each reminder with `opens`: whether its link opens in the membership used now (a
    reminder of the person's other role is shown without a link it would refuse)."""
    task_ids = {n.task_id for n in notifications if n.task_id is not None}
    readable = set(Task.objects.for_user(user).filter(pk__in=task_ids).values_list("pk", flat=True))
    for notification in notifications:
        notification.opens = (  # type: ignore[attr-defined]
            notification.task_id in readable
            if notification.task_id is not None
            else bool(notification.url) and links.opens_for(user, notification.url)
        )
    return notifications


class DaysForm(forms.Form):
    days = forms.CharField(
        label=gettext_lazy("Days before a deadline"),
        max_length=40,
        help_text=gettext_lazy("Numbers separated by commas, e.g. 7, 1. Overdue tasks are always reminded."),
    )

    def clean_days(self) -> list[int]:
        try:
            return [
                int(part) for part in self.cleaned_data["days"].replace(";", ",").split(",") if part.strip()
            ]
        except ValueError as exc:
            raise forms.ValidationError(_("Write whole numbers separated by commas.")) from exc


@login_required
@require_http_methods(["GET", "POST"])
def reminder_settings(request: HttpRequest) -> HttpResponse:
    membership = active_membership(request.user)
    unit = membership.unit if membership else None
    require(request.user, "change", ReminderSettings, unit=unit, own_unit=True)
    assert unit is not None
    current = reminders.days_for(unit)
    form = DaysForm(request.POST or None, initial={"days": ", ".join(str(d) for d in current)})
    if request.method == "POST" and form.is_valid():
        try:
            reminders.set_reminder_days(unit, actor=request.user, days=form.cleaned_data["days"])
        except ValidationError as exc:
            form.add_error("days", exc.messages)
        else:
            messages.success(request, _("Reminder days saved."))
            return redirect("work:reminder_settings")
    return render(request, "work/reminder_settings.html", {"form": form, "unit": unit, "current": current})
