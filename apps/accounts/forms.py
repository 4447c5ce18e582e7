from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from core.validators import validated_text

USERNAME_LENGTH = 150


class LoginForm(AuthenticationForm):
    # Django's own Vietnamese catalogue leaves these untranslated.
    error_messages = {
        "invalid_login": _(
            "Wrong username or password. Check both and try again (letters are case-sensitive)."
        ),
        "inactive": _("This account has been disabled."),
    }

    def clean_username(self) -> str:
        """Refused before it reaches authentication (and the lock-out tables): an
        over-long name or one with NUL or control characters."""
        return validated_text(self.cleaned_data.get("username") or "", USERNAME_LENGTH)


class AdminLoginForm(AdminAuthenticationForm):
    """The admin site's log-in with the same username check as ours."""

    def clean_username(self) -> str:
        return validated_text(self.cleaned_data.get("username") or "", USERNAME_LENGTH)


class OwnPasswordForm(PasswordChangeForm):
    """Django's password change form with its validators; the save goes through the service."""

    def save(self, commit: bool = True) -> Any:
        raise NotImplementedError("use apps.accounts.services.change_password")


class SwitchForm(forms.Form):
    membership = forms.IntegerField(min_value=1)
    next = forms.CharField(required=False, max_length=500)
