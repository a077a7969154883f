"""Whole-page cache for anonymous visitors, invalidated by a version bump on every public write.

Anonymous public pages are the most requested and identical for everyone in one language, so
they are rendered once per version. Any action that changes what a public page shows calls
`public_pages_changed()` inside its transaction (the bump happens on commit).

Two layers: the shared cache (Redis in production, a file cache in the embedded default) holds
the version and the pages for every server process; each process also keeps the version it
last read for at most `LOCAL_VERSION_SECONDS` and the pages of that version in memory, so a hit
costs no cache round trip. The process that makes a change drops its local copy at once; other
processes see the new version within `LOCAL_VERSION_SECONDS`.
"""

import functools
import hashlib
import threading
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

VERSION_KEY = "public-pages:version"
LOCAL_VERSION_SECONDS = 1.0
LOCAL_MAX_PAGES = 500


class _LocalPages:
    """This process's copy of the current version and its pages."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.version: int | None = None
        self.read_at = 0.0
        self.pages: dict[str, tuple[float, tuple[int, str, bytes]]] = {}

    def forget(self) -> None:
        with self.lock:
            self.version = None
            self.pages = {}


_local = _LocalPages()


def _shared_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, None)
    return int(version)


def _version() -> int:
    now = time.monotonic()
    version = _local.version
    if version is not None and now - _local.read_at < LOCAL_VERSION_SECONDS:
        return version
    fresh = _shared_version()
    with _local.lock:
        if fresh != _local.version:
            _local.pages = {}
        _local.version, _local.read_at = fresh, now
    return fresh


def _remember(key: str, entry: tuple[int, str, bytes]) -> None:
    with _local.lock:
        if len(_local.pages) >= LOCAL_MAX_PAGES:
            _local.pages = {}
        _local.pages[key] = (time.monotonic(), entry)


@functools.cache
def static_build() -> str:
    """The static files' manifest hash: a deployment with changed CSS or JS starts new cache
    entries instead of serving pages that name the previous files."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    return str(getattr(staticfiles_storage, "manifest_hash", "") or "")


def forget_local_pages() -> None:
    """Drop this process's copy (tests call it when they clear the shared cache)."""
    _local.forget()


def public_pages_changed() -> None:
    """Invalidate every cached public page once the current transaction commits."""

    def bump() -> None:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.set(VERSION_KEY, 2, None)
        _local.forget()

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
        # An HTMX request gets a fragment of the page at the same address: its own entry.
        variant = "\x1f".join(
            (
                request.get_full_path(),
                request.headers.get("HX-Request", ""),
                request.headers.get("HX-Target", ""),
            )
        )
        path = hashlib.sha1(variant.encode(), usedforsecurity=False).hexdigest()
        key = f"public-page:{_version()}:{static_build()}:{get_language()}:{path}"
        local = _local.pages.get(key)
        cached = None
        if local is not None and time.monotonic() - local[0] < settings.PUBLIC_PAGE_CACHE_SECONDS:
            cached = local[1]
        if cached is None:
            cached = cache.get(key)
            if cached is not None:
                _remember(key, cached)
        if cached is not None:
            status, content_type, content = cached
            response = HttpResponse(content, status=status, content_type=content_type)
            response["X-Page-Cache"] = "hit"
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code in (200, 404) and not response.cookies:
                entry = (response.status_code, response["Content-Type"], response.content)
                cache.set(key, entry, settings.PUBLIC_PAGE_CACHE_SECONDS)
                _remember(key, entry)
            response["X-Page-Cache"] = "miss"
        patch_vary_headers(response, ("Cookie", "HX-Request", "HX-Target"))
        return response

    return wrapper
