"""Dashboards benchmarks (issue 8): the Home manager's, the city admin's and the province
admin's dashboards (`dashboards.home`, `dashboards.city`, `dashboards.province`, each signed in
with password and TOTP like bench/pages.py's staff session) and the public statistics page
(`dashboards.public`, anonymous), measured with wrk at 20 concurrent clients; each row also
carries the queries of one uncached request and `uncached_ms`, the median of five in-process
renders with every cache bypassed (what the first visitor after a change waits)."""

import statistics
import time
from typing import Any

from bench.pages import count_queries, wrk

PAGES = (
    ("dashboards.home", "/dashboards/home/", "manager"),
    ("dashboards.city", "/dashboards/city/", "city"),
    ("dashboards.province", "/dashboards/province/", "province"),
    ("dashboards.public", "/dashboards/open-data/", None),
)


def signed_in_client(role: str) -> Any:
    """A test Client signed in as the demo account of `role`: password, then the TOTP code."""
    from django.test import Client

    from returnee_home.accounts.demo import demo_email, demo_password
    from returnee_home.core.management.commands.demo_totp import current_demo_code

    for _attempt in range(3):
        client = Client()
        response = client.post(
            "/accounts/login/", {"login": demo_email(role), "password": demo_password(role)}
        )
        if response.status_code != 302:
            raise SystemExit(f"{role} login failed ({response.status_code})")
        response = client.post("/accounts/2fa/authenticate/", {"code": current_demo_code()})
        if response.status_code == 302 and client.get("/workspace/").status_code == 200:
            return client
        time.sleep(31 - time.time() % 30)
    raise SystemExit(f"could not complete two-factor sign-in for the demo {role} account")


def uncached_ms(client: Any, path: str, runs: int = 5) -> float:
    from django.test import override_settings

    from returnee_home.core.cache import forget_local_pages

    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    times = []
    with override_settings(CACHES=dummy):
        for _ in range(runs):
            forget_local_pages()  # the anonymous page cache also keeps pages in the process
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{path} answered {response.status_code}")
    return round(statistics.median(times), 1)


def run(server: Any) -> list[dict[str, Any]]:
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    results: list[dict[str, Any]] = []
    print(
        f"\n{'dashboard':<22} {'median ms':>10} {'p95 ms':>9} {'req/s':>9} {'uncached':>9} {'q':>4}"
    )
    for name, path, role in PAGES:
        client = signed_in_client(role) if role else Client()
        cookie = None
        if role:
            value = client.cookies[settings.SESSION_COOKIE_NAME].value
            cookie = f"{settings.SESSION_COOKIE_NAME}={value}"
        queries = count_queries(client, path)
        cold = uncached_ms(client, path)
        url = server.base_url + path
        wrk(url, seconds=server.warmup, concurrency=server.concurrency, cookie=cookie)
        figures = wrk(url, seconds=server.duration, concurrency=server.concurrency, cookie=cookie)
        result = {
            "name": name,
            "median_ms": round(figures["median_ms"], 2),
            "p95_ms": round(figures["p95_ms"], 2),
            "rps": round(figures["rps"], 1),
            "queries": queries,
            "uncached_ms": cold,
            "concurrency": server.concurrency,
        }
        errors = figures["non_2xx"] + figures["socket_errors"]
        if errors:
            result["_errors"] = errors
        results.append(result)
        print(
            f"{name:<22} {result['median_ms']:>10.2f} {result['p95_ms']:>9.2f} "
            f"{result['rps']:>9.1f} {cold:>9.1f} {queries:>4}"
            + (f"  ({errors} errors of {figures['requests']})" if errors else "")
        )
    return results
