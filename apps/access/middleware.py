from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from apps.access.audit import request_origin
from apps.access.client import client_ip, user_agent
from apps.access.scope import SESSION_KEY, choose_membership


class AccessMiddleware:
    """Puts the client's address and browser where audit records find them, and points
    the user at the membership chosen in this session. Goes after AuthenticationMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = request_origin.set((client_ip(request), user_agent(request)))
        try:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                choose_membership(user, request.session.get(SESSION_KEY))
            return self.get_response(request)
        finally:
            request_origin.reset(token)
