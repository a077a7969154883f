"""Signed-in pages rendered once and served again until a table they read is written.

A signed-in page (the workbench, the statistics, the workspace) is personal, so the anonymous
page cache (`core/cache.py`) cannot serve it. Instead, each rendered page is stored per browser
session together with the tables its request read (the gates, the menu, the view), and is
served again only while none of those tables has been written since:

* every database connection of every process (web, Celery, management commands) reports its
  writes: an INSERT, UPDATE or DELETE bumps a version per table in the shared cache, once at
  once and once more on commit (so that a page rendered between the write and the commit is
  not kept);
* a page is stored only if the request itself wrote nothing and no write happened anywhere
  while it rendered;
* a page is served from the store only to the same session, CSRF cookie, language, address,
  HTMX target and minute, and only if the versions of all its tables are unchanged.

What this cannot see, it does not cache: responses other than 200 HTML, requests with pending
messages, pages marked `never_cache` (Cache-Control no-store), the sign-in and two-factor pages,
the API, and anything whose content comes from outside the database — such a view opts out
with `@never_cache`. Figures an app keeps in the cache (e.g. the service statistics) are kept
in step because their own invalidation follows writes to the same tables the page then reads.
"""

import hashlib
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import MiddlewareNotUsed
from django.db import connections, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from returnee_home.core.cache import static_build

GLOBAL_KEY = "pv:g"
TABLE_KEY = "pv:t:"
PAGE_KEY = "pv:p:"
PAGE_SECONDS = 120
# Writes to these tables never change what a page shows (the session is part of the key).
IGNORED_TABLES = frozenset({"django_session"})
EXCLUDED_PREFIXES = ("/accounts/", "/en/accounts/", "/api/", "/static/", "/media/")

_WRITE = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+"?([\w.]+)"?',
    re.IGNORECASE,
)
_READ = re.compile(r'\b(?:FROM|JOIN)\s+"?([A-Za-z_][\w.]*)"?', re.IGNORECASE)

_state = threading.local()


def _tracking() -> set[str] | None:
    return getattr(_state, "reads", None)


def _bump(tables: set[str]) -> None:
    for table in tables:
        _incr(TABLE_KEY + table)
    _incr(GLOBAL_KEY)


def _incr(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:
        cache.add(key, 1, None)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, int(time.time()), None)


def _write_tables(sql: str, many: bool) -> set[str]:
    match = _WRITE.match(sql)
    if match is None:
        return set()
    table = match.group(1)
    return set() if table in IGNORED_TABLES else {table}


@contextmanager
def batched_writes() -> Iterator[None]:
    """Bulk work in this thread (demo data, imports): collect the tables written and bump each
    once at the end instead of at every statement. Pages stay correct: nothing is stored while
    the versions have not moved, and everything the batch touched is invalidated when it ends."""
    if getattr(_state, "batch", None) is not None:
        yield
        return
    _state.batch = set()
    try:
        yield
    finally:
        tables, _state.batch = _state.batch, None
        if tables:
            _bump(tables)


def track_writes(execute: Callable, sql: str, params: Any, many: bool, context: dict) -> Any:
    """Connection execute-wrapper: bump the version of every table a statement writes."""
    sql_text = sql if isinstance(sql, str) else str(sql)
    written = _write_tables(sql_text, many)
    batch = getattr(_state, "batch", None)
    if batch is not None:
        batch |= written
        return execute(sql, params, many, context)
    reads = _tracking()
    if reads is not None:
        if written:
            _state.wrote = True
        else:
            reads.update(_READ.findall(sql_text))
    result = execute(sql, params, many, context)
    if written:
        _bump(written)
        connection = context["connection"]
        if connection.in_atomic_block:
            transaction.on_commit(lambda: _bump(written), using=connection.alias)
    return result


def install(connection: Any, **_kwargs: Any) -> None:
    """connection_created receiver: add the write tracker to the connection once."""
    if track_writes not in connection.execute_wrappers:
        # First, so that a temporary wrapper added and popped around it leaves this one.
        connection.execute_wrappers.insert(0, track_writes)


def install_on_open_connections() -> None:
    for alias in connections:
        connection = connections[alias]
        if connection.connection is not None:
            install(connection)


@contextmanager
def _recording() -> Iterator[set[str]]:
    """Record the tables this thread reads (and whether it writes) inside the block; a
    recording inside another one (a cached figure built while a page renders) also counts for
    the outer one."""
    outer_reads, outer_wrote = _tracking(), getattr(_state, "wrote", False)
    _state.reads, _state.wrote = set(), False
    try:
        yield _state.reads
    finally:
        inner_reads, inner_wrote = _state.reads, _state.wrote
        _state.reads, _state.wrote = outer_reads, outer_wrote or inner_wrote
        if outer_reads is not None:
            outer_reads |= inner_reads


def _global_version() -> int:
    return int(cache.get(GLOBAL_KEY) or 0)


def _versions(tables: list[str]) -> dict[str, int]:
    found = cache.get_many([TABLE_KEY + t for t in tables])
    return {t: int(found.get(TABLE_KEY + t) or 0) for t in tables}


def _fresh(entry: dict[str, Any]) -> bool:
    if _global_version() == entry["global"]:
        return True
    return _versions(list(entry["tables"])) == entry["tables"]


def cached_until_written(
    key: str,
    build: Callable[[], Any],
    seconds: int,
    wait: int = 0,
    also: tuple[str, ...] = (),
) -> Any:
    """`build()`'s value, kept in the shared cache and served again while none of the tables
    it read has been written (the same rule as the pages). With `wait`, one caller builds while
    the others asking for the same key wait up to `wait` seconds for its value (figures that
    take a while to count). A value built while anything was written is not kept. `also`
    names other values of this cache that this one was made from (a rendered page of cached
    figures): it is kept only while their tables are unchanged too."""
    if not getattr(settings, "PRIVATE_PAGE_CACHE", True):
        return build()  # no write tracking: nothing could tell the value is stale
    entry = cache.get(key)
    if entry is not None and _fresh(entry):
        if (reads := _tracking()) is not None:
            reads.update(entry["tables"])
        return entry["value"]
    lock = f"{key}:building"
    if wait and not cache.add(lock, 1, wait):
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            time.sleep(0.05)
            entry = cache.get(key)
            if entry is not None and _fresh(entry):
                if (reads := _tracking()) is not None:
                    reads.update(entry["tables"])
                return entry["value"]
    try:
        started = _global_version()
        with _recording() as reads:
            value = build()
            wrote = _state.wrote
        sources = [cache.get(other) for other in also]
        if not wrote and _global_version() == started and all(sources):
            tables = set(reads).union(*(source["tables"] for source in sources))
            entry = {"global": started, "tables": _versions(sorted(tables)), "value": value}
            cache.set(key, entry, seconds)
    finally:
        if wait:
            cache.delete(lock)
    return value


def _minute() -> str:
    return timezone.localtime().strftime("%Y%m%d%H%M")


def _page_key(request: HttpRequest, session_key: str) -> str:
    parts = [
        session_key,
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        getattr(request, "LANGUAGE_CODE", ""),
        request.get_host(),
        request.get_full_path(),
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-Target", ""),
        request.headers.get("HX-Trigger", ""),
        _minute(),
        static_build(),
    ]
    return PAGE_KEY + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _cacheable_request(request: HttpRequest) -> str | None:
    """The session key when this request may be answered from (and stored to) the cache."""
    if request.method != "GET" or request.path.startswith(EXCLUDED_PREFIXES):
        return None
    session = getattr(request, "session", None)
    session_key = getattr(session, "session_key", None)
    if not session_key or request.COOKIES.get("messages"):
        return None
    if not session.get("_auth_user_id") or session.get("_messages"):
        return None
    return session_key


def _cacheable_response(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        and "no-store" not in response.get("Cache-Control", "")
        and "private-cache-skip" not in response
    )


class PrivatePageCacheMiddleware:
    """Serve a signed-in page again while the tables it read are unchanged (see module doc).

    Sits after authentication and before the account gates, so that a hit also skips the gate
    queries: their tables (memberships, authenticators, consents) are among those recorded."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        if not getattr(settings, "PRIVATE_PAGE_CACHE", True):
            # Without the write tracking (core/apps.py) nothing could tell a page is stale.
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session_key = _cacheable_request(request)
        if session_key is None or _tracking() is not None:
            return self.get_response(request)
        key = _page_key(request, session_key)
        entry = cache.get(key)
        if entry is not None and self._fresh(entry):
            response = HttpResponse(entry["body"], status=200)
            for name, value in entry["headers"]:
                response[name] = value
            response["X-Private-Cache"] = "hit"
            return response
        started = _global_version()
        with _recording() as reads:
            response = self.get_response(request)
            wrote = _state.wrote
        if wrote or not _cacheable_response(response) or _global_version() != started:
            return response
        tables = sorted(reads)
        cache.set(
            key,
            {
                "global": started,
                "tables": _versions(tables),
                "body": response.content,
                "headers": [
                    (name, value)
                    for name, value in response.headers.items()
                    if name.lower() not in ("set-cookie", "content-length")
                ],
            },
            PAGE_SECONDS,
        )
        return response

    @staticmethod
    def _fresh(entry: dict[str, Any]) -> bool:
        return _fresh(entry)
