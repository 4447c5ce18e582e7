"""Log-in with two locks: five failures for one username from one address (django-axes)
and thirty failures from one address in an hour, whatever the usernames (counted from
the audit log, which records the same address). The form warns before the last try."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.views import LoginView
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.access.client import client_ip
from apps.access.events import Event
from apps.access.models import AuditLog
from apps.accounts import services
from apps.accounts.forms import LoginForm
from apps.accounts.models import User

RECENT_LOGINS = 10


def address_failures(ip: str | None) -> int:
    if ip is None:
        return 0
    since = timezone.now() - timedelta(hours=1)
    return AuditLog.objects.filter(event=Event.LOGIN_FAILED, ip_address=ip, created_at__gte=since).count()


def wrong_current_passwords(user: User) -> int:
    """Wrong current passwords typed on the password page in the last hour."""
    since = timezone.now() - timedelta(hours=1)
    return AuditLog.objects.filter(
        event=Event.LOGIN_FAILED,
        object_type="accounts.user",
        object_id=str(user.pk),
        changes__where="password_change",
        created_at__gte=since,
    ).count()


def recent_logins(user: User) -> list[AuditLog]:
    """The person's own last log-ins, failures and lock-outs, newest first."""
    return list(
        AuditLog.objects.filter(
            object_type="accounts.user",
            object_id=str(user.pk),
            event__in=[Event.LOGIN, Event.LOGIN_FAILED, Event.LOCKED_OUT],
        )[:RECENT_LOGINS]
    )


def attempts_left(username: str, ip: str | None) -> int:
    failures = (
        AccessAttempt.objects.filter(username=username, ip_address=ip).aggregate(
            n=Max("failures_since_start")
        )["n"]
        or 0
    )
    return max(settings.AXES_FAILURE_LIMIT - failures, 0)


class BinhdangLoginView(LoginView):
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if address_failures(client_ip(request)) >= settings.LOGIN_FAILURES_PER_ADDRESS:
            services.lock_out_address(client_ip(request), actor=request.user)
            return render(request, "registration/locked_out.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: Any) -> HttpResponse:
        username = form.cleaned_data.get("username")
        if username and attempts_left(username, client_ip(self.request)) == 1:
            form.add_error(
                None,
                _("One attempt left: after one more wrong password this account is locked for an hour here."),
            )
        return super().form_invalid(form)
