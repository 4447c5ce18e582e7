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

from apps.access.guards import require
from apps.access.scope import active_membership
from apps.work import reminders
from apps.work.models import Notification, ReminderSettings

PAGE_SIZE = 30


@login_required
@require_http_methods(["GET", "POST"])
def reminder_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        count = reminders.mark_read(request.user, actor=request.user)
        if count:
            messages.success(request, _("Reminders marked as read."))
        return redirect("work:reminders")
    mine = Notification.objects.filter(user_id=int(request.user.pk or 0)).select_related("task")
    return render(
        request,
        "work/reminders.html",
        {
            "page": Paginator(mine, PAGE_SIZE).get_page(request.GET.get("page")),
            "unread": reminders.unread_count(request.user),
        },
    )


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
