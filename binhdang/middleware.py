"""Request hygiene before anything reads the request, and headers on every response."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.middleware.locale import LocaleMiddleware
from django.template.loader import render_to_string

from core.text import strip_controls

MAX_HEADER = 1024
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Vietnamese unless the person chose English with the language buttons: many officials'
    browsers say English (en-US) without their wanting an English interface."""

    def process_request(self, request: HttpRequest) -> None:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)


class ProxyHeadersMiddleware:
    """X-Forwarded-* headers are believed only from a proxy listed in TRUSTED_PROXIES;
    from anyone else they are dropped before SecurityMiddleware reads X-Forwarded-Proto."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from apps.access.client import is_trusted_proxy

        if not is_trusted_proxy(request.META.get("REMOTE_ADDR")):
            for header in ("HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_HOST"):
                request.META.pop(header, None)
        return self.get_response(request)


class RequestHygieneMiddleware:
    """A NUL byte in the path, query or form answers 400 before any database sees it;
    header values lose control characters and are cut to a sane length, so that what the
    audit log and the lock-out tables store is what a person could have typed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for key, value in list(request.META.items()):
            if key.startswith("HTTP_") and isinstance(value, str):
                cleaned = strip_controls(value)[:MAX_HEADER]
                if cleaned != value:
                    request.META[key] = cleaned
        if self._has_nul(request):
            refused = HttpResponseBadRequest(render_to_string("400.html", request=request))
            refused.headers["X-Frame-Options"] = "DENY"
            refused.headers["Permissions-Policy"] = PERMISSIONS_POLICY
            return refused
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        if "\x00" in request.path or "\x00" in unquote(request.META.get("QUERY_STRING", "")):
            return True
        if request.method == "POST" and request.content_type in FORM_TYPES:
            return any("\x00" in k or "\x00" in v for k, values in request.POST.lists() for v in values)
        return False
