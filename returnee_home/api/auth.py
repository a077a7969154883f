"""How API callers authenticate: a partner system's bearer token, or the browser's session.

Token calls are throttled per token (settings.API_TOKEN_RATE_PER_MINUTE, 429 beyond it)."""

import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja.security import HttpBearer
from ninja.security.session import SessionAuth

from returnee_home.api.actions import api_token_authenticate
from returnee_home.api.selectors import ApiCaller
from returnee_home.core.errors import ApplicationError

DEFAULT_TOKEN_RATE_PER_MINUTE = 600


class Throttled(ApplicationError):
    def __init__(self, retry_after: int) -> None:
        super().__init__(
            "throttled",
            _("Too many requests with this API token. Wait a minute and try again."),
            status=429,
        )
        self.retry_after = retry_after


def _count_use(prefix: str) -> None:
    """Count one call of the token in the current minute; raise Throttled above the limit."""
    limit = int(getattr(settings, "API_TOKEN_RATE_PER_MINUTE", DEFAULT_TOKEN_RATE_PER_MINUTE))
    now = time.time()
    window = int(now // 60)
    key = f"api-token-rate:{prefix}:{window}"
    cache.add(key, 0, 90)
    try:
        used = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, 90)
        used = 1
    if used > limit:
        raise Throttled(retry_after=max(1, 60 - int(now % 60)))


class TokenAuth(HttpBearer):
    """`Authorization: Bearer rh_…`: the caller is the token's organisation."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiCaller:
        api_token = api_token_authenticate(token)
        _count_use(api_token.prefix)
        return ApiCaller(organisation=api_token.organisation, token=api_token)


class SessionCallerAuth(SessionAuth):
    """The signed-in person of the browser session (CSRF checked on unsafe methods)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return ApiCaller(user=user)
        return None


token_auth = TokenAuth()
session_auth = SessionCallerAuth()
