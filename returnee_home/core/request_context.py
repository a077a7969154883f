"""The current request's client address, for audit records written deep inside actions."""

from contextvars import ContextVar

current_ip: ContextVar[str | None] = ContextVar("current_ip", default=None)


def client_ip(request) -> str | None:  # type: ignore[no-untyped-def]
    # Behind the reverse proxy the first X-Forwarded-For hop is the client; the proxy must
    # overwrite the header (documented in README), so it cannot be forged from outside.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded:
        return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None
