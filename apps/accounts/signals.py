from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from apps.accounts import audit
from apps.accounts.permissions import get_membership


@receiver(user_logged_in)
def audit_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    membership = get_membership(user)
    audit.record(user, "login", user, unit=membership.unit if membership else None)
