from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from apps.accounts.audit import request_origin


class RequestContextMiddleware:
    """Makes the client address and browser available to audit records."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = request_origin.set(
            (request.META.get("REMOTE_ADDR") or None, request.META.get("HTTP_USER_AGENT", ""))
        )
        try:
            return self.get_response(request)
        finally:
            request_origin.reset(token)
