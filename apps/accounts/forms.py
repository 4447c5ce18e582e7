from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    # Django's own Vietnamese catalogue leaves these untranslated.
    error_messages = {
        "invalid_login": _(
            "Wrong username or password. Check both and try again (letters are case-sensitive)."
        ),
        "inactive": _("This account has been disabled."),
    }
