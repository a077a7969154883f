"""Whole-page cache for anonymous visitors, invalidated by a version bump on every public write.

Anonymous public pages are the most requested and identical for everyone in one language, so
they are rendered once per version. Any action that changes what a public page shows calls
`public_pages_changed()` inside its transaction (the bump happens on commit).
"""

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

VERSION_KEY = "public-pages:version"


def _version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, None)
    return int(version)


def public_pages_changed() -> None:
    """Invalidate every cached public page once the current transaction commits."""

    def bump() -> None:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.set(VERSION_KEY, 2, None)

    transaction.on_commit(bump)


def _is_anonymous(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve an anonymous GET from the cache; render and store it on a miss."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method != "GET" or "messages" in request.COOKIES or not _is_anonymous(request):
            return view(request, *args, **kwargs)
        path = hashlib.sha1(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
        key = f"public-page:{_version()}:{get_language()}:{path}"
        cached = cache.get(key)
        if cached is not None:
            status, content_type, content = cached
            response = HttpResponse(content, status=status, content_type=content_type)
            response["X-Page-Cache"] = "hit"
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code in (200, 404) and not response.cookies:
                cache.set(
                    key,
                    (response.status_code, response["Content-Type"], response.content),
                    settings.PUBLIC_PAGE_CACHE_SECONDS,
                )
            response["X-Page-Cache"] = "miss"
        patch_vary_headers(response, ("Cookie",))
        return response

    return wrapper
