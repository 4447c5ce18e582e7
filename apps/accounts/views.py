from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.accounts import services
from apps.accounts.forms import OwnPasswordForm, SwitchForm
from apps.accounts.login import recent_logins, wrong_current_passwords
from apps.accounts.models import User


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    """Change one's own password (Django's validators), and see one's recent log-ins."""
    user = cast(User, request.user)
    if request.method == "POST" and wrong_current_passwords(user) >= settings.AXES_FAILURE_LIMIT:
        # someone holding a session guesses the password: end the session, as a lock-out
        services.lock_out_session(user, actor=user)
        logout(request)
        return render(request, "registration/locked_out.html", status=429)
    form = OwnPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.change_password(
            user, actor=user, new_password=form.cleaned_data["new_password1"], session=request.session
        )
        messages.success(request, _("Your password has been changed."))
        return redirect("password_change")
    if request.method == "POST" and "old_password" in form.errors:
        services.record_wrong_current_password(user, actor=user)
    return render(request, "accounts/password_change.html", {"form": form, "logins": recent_logins(user)})


@login_required
@require_POST
def switch_membership(request: HttpRequest) -> HttpResponse:
    form = SwitchForm(request.POST)
    if not form.is_valid():
        return redirect("home")
    membership = services.switch_membership(
        form.cleaned_data["membership"], actor=request.user, session=request.session
    )
    messages.success(request, _("You are now working as %(membership)s.") % {"membership": membership})
    target = form.cleaned_data["next"]
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect("home")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return HttpResponseForbidden(render_to_string("403_csrf.html", request=request))
