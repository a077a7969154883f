"""How API callers authenticate: a partner system's organisation token (`rh_…`), a person's own
token (`rhp_…`), or the browser's session.

Token calls are throttled per token (settings.API_TOKEN_RATE_PER_MINUTE, 429 beyond it). A
person's token sees what the person's session sees; a read-only one is refused every change."""

import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja.security import HttpBearer
from ninja.security.session import SessionAuth

from returnee_home.api.actions import (
    api_token_authenticate,
    is_personal_token,
    personal_token_authenticate,
)
from returnee_home.api.selectors import ApiCaller
from returnee_home.core.errors import ApplicationError, PermissionDeniedError

DEFAULT_TOKEN_RATE_PER_MINUTE = 600
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


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
    """`Authorization: Bearer rh_…`: the caller is the token's organisation. A person's token
    is left to `PersonalTokenAuth`."""

    openapi_description = (
        "An organisation's token (`rh_…`), created by a manager-level member of the "
        "organisation on the API tokens page of the workspace."
    )

    def authenticate(self, request: HttpRequest, token: str) -> ApiCaller | None:
        if is_personal_token(token):
            return None
        api_token = api_token_authenticate(token)
        _count_use(api_token.prefix)
        return ApiCaller(organisation=api_token.organisation, token=api_token)


class PersonalTokenAuth(HttpBearer):
    """`Authorization: Bearer rhp_…`: the caller is the token's person, with exactly the scope of
    their session. A read-only token is refused unsafe methods (403 `insufficient_scope`); an
    organisation's token is refused here (403 `personal_token_required`)."""

    openapi_description = (
        "A person's own token (`rhp_…`), created on the personal API tokens page after signing "
        "in. It acts as that person: a talent's own requests and appointments, a Home's staff "
        "their Home's work. Scope `read` allows GET only; `write` allows every operation. "
        "Staff can create one only with two-factor authentication set up."
    )

    def authenticate(self, request: HttpRequest, token: str) -> ApiCaller | None:
        if not is_personal_token(token):
            raise PermissionDeniedError(
                _(
                    "This operation acts for a person: use a personal API token, not an "
                    "organisation's token."
                ),
                code="personal_token_required",
            )
        personal = personal_token_authenticate(token)
        _count_use(f"p-{personal.prefix}")
        if request.method not in SAFE_METHODS and not personal.can_write:
            raise PermissionDeniedError(
                _("This API token is read-only: create a token with read and write scope."),
                code="insufficient_scope",
            )
        return ApiCaller(user=personal.user, personal_token=personal)


class SessionCallerAuth(SessionAuth):
    """The signed-in person of the browser session (CSRF checked on unsafe methods)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return ApiCaller(user=user)
        return None


token_auth = TokenAuth()
personal_token_auth = PersonalTokenAuth()
session_auth = SessionCallerAuth()
# What the endpoints that act for a person accept: their own token, or their browser session.
person_auth = [personal_token_auth, session_auth]
