"""Where a request comes from. Behind a reverse proxy every request arrives from the
proxy's address, so the client is read from X-Forwarded-For, but only when the request
comes from a proxy the operator listed in TRUSTED_PROXIES: otherwise anyone could
claim any address and lock anyone else out. The lock-out and the audit log use the
same function, so they always agree."""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings

from core.text import strip_controls

MAX_HEADER_LENGTH = 255


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def _trusted(address: str | None) -> bool:
    if address is None:
        return False
    ip = ipaddress.ip_address(address)
    return any(ip in ipaddress.ip_network(net, strict=False) for net in settings.TRUSTED_PROXIES)


def is_trusted_proxy(remote_addr: str | None) -> bool:
    return bool(settings.TRUSTED_PROXIES) and _trusted(_valid_ip(remote_addr or ""))


def client_ip(request: Any) -> str | None:
    """The rightmost address that is not a trusted proxy."""
    remote = _valid_ip(request.META.get("REMOTE_ADDR", "") or "")
    if not _trusted(remote):
        return remote
    forwarded = [_valid_ip(part) for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed(forwarded):
        if address is None:
            return remote  # a malformed hop: stop trusting the chain there
        if not _trusted(address):
            return address
    return remote


def user_agent(request: Any) -> str:
    return clean_header(request.META.get("HTTP_USER_AGENT", ""))


def clean_header(value: str) -> str:
    """A header value fit to store: no NUL or control characters, at most 255 characters."""
    return strip_controls(value)[:MAX_HEADER_LENGTH]
