from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from returnee_home.core.request_context import client_ip, current_ip


class RequestContextMiddleware:
    """Remembers the client address for the audit log for the length of the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_ip.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(token)
