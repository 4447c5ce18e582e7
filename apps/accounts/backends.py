"""The per-address lock as an authentication backend, listed first: every log-in path
(the log-in page, the admin site's, any later API token exchange) goes through it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from apps.access.client import client_ip


class AddressLockBackend:
    # no get_user(): it never signs anyone in, so sessions never name it
    def authenticate(self, request: HttpRequest | None, **credentials: Any) -> None:
        from apps.accounts.login import address_failures

        if (
            request is not None
            and address_failures(client_ip(request)) >= settings.LOGIN_FAILURES_PER_ADDRESS
        ):
            raise PermissionDenied("address locked")  # stops authentication: no backend is tried
        return None
