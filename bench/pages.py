"""Page benchmarks: the bare Django view, the public portal pages and one signed-in page (the
Home staff workspace, with a session that passed two-factor authentication), each measured
with wrk at 20 concurrent clients, plus the queries one uncached request of each page issues.
"""

import json
import subprocess
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
LUA = HERE / "report.lua"
HOME_SLUG = "nanjing-talent-centre"
DUMMY_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
}  # the demo staff's Home (places.DEMO_HOME_CODE, NJ01)

# (result name, path, needs the staff session)
PAGES = [
    ("pages.bare", "/_bare/", False),
    ("pages.home", "/", False),
    ("pages.homes", "/homes/", False),
    ("pages.home_detail", f"/homes/{HOME_SLUG}/", False),
    ("pages.workspace", "/workspace/", True),
    # Issue 3: the staff workbench of open requests and the Home's statistics page.
    ("pages.services_workbench", "/services/workbench/{home_id}/", True),
    ("pages.records_statistics", "/records/statistics/", True),
]


def staff_client() -> Any:
    """A test Client signed in as the demo Home staff the way a person is: password, then the
    TOTP code, so that allauth records both methods in the session."""
    from django.test import Client

    from returnee_home.accounts.demo import demo_email, demo_password
    from returnee_home.core.management.commands.demo_totp import current_demo_code

    for _attempt in range(3):
        client = Client()
        response = client.post(
            "/accounts/login/",
            {"login": demo_email("staff"), "password": demo_password("staff")},
        )
        if response.status_code != 302:
            raise SystemExit(f"staff login failed ({response.status_code})")
        response = client.post("/accounts/2fa/authenticate/", {"code": current_demo_code()})
        if response.status_code == 302 and client.get("/workspace/").status_code == 200:
            methods = client.session.get("account_authentication_methods", [])
            if any(m.get("method") == "mfa" for m in methods):
                return client
        # A code can be used once per period: wait for the next one.
        time.sleep(31 - time.time() % 30)
    raise SystemExit("could not complete two-factor sign-in for the demo staff account")


def count_queries(client: Any, path: str) -> int:
    """Queries of one request with every cache bypassed (what a cache miss costs)."""
    from django.db import connection
    from django.test import override_settings
    from django.test.utils import CaptureQueriesContext

    with override_settings(CACHES=DUMMY_CACHE), CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code} to the test client")
    return len(queries)


def uncached_median_ms(client: Any, path: str, times: int = 7) -> float:
    """Median time of the page rendered in this process with every cache bypassed: what a
    person waits for when nothing is cached (after a write, or their first visit)."""
    import statistics

    from django.test import override_settings

    durations = []
    with override_settings(CACHES=DUMMY_CACHE):
        for _ in range(times):
            started = time.perf_counter()
            client.get(path)
            durations.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(durations), 1)


def wrk(url: str, *, seconds: int, concurrency: int, cookie: str | None) -> dict[str, Any]:
    command = [
        "wrk", "-t", "1", "-c", str(concurrency), "-d", f"{seconds}s", "--timeout", "10s",
        "-s", str(LUA), "-H", "Accept-Language: zh-CN,zh;q=0.9",
    ]  # fmt: skip
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    line = next(x for x in output.splitlines() if x.startswith("BENCH_JSON "))
    return json.loads(line.removeprefix("BENCH_JSON "))


def run(server: Any) -> list[dict[str, Any]]:
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    staff = staff_client()
    cookie = f"{settings.SESSION_COOKIE_NAME}={staff.cookies[settings.SESSION_COOKIE_NAME].value}"
    anonymous = Client()
    results: list[dict[str, Any]] = []
    bare_rps = 0.0
    print(
        f"\n{'page':<20} {'median ms':>10} {'p95 ms':>9} {'req/s':>9} {'× bare':>7} {'queries':>8}"
    )
    from returnee_home.orgs.models import Home

    home_id = Home.objects.get(slug=HOME_SLUG).pk
    for name, path_pattern, signed_in in PAGES:
        path = path_pattern.format(home_id=home_id)
        queries = count_queries(staff if signed_in else anonymous, path)
        url = server.base_url + path
        session = cookie if signed_in else None
        wrk(url, seconds=server.warmup, concurrency=server.concurrency, cookie=session)
        figures = wrk(url, seconds=server.duration, concurrency=server.concurrency, cookie=session)
        if name == "pages.bare":
            bare_rps = figures["rps"]
        ratio = figures["rps"] / bare_rps if bare_rps else 0.0
        result = {
            "name": name,
            "median_ms": round(figures["median_ms"], 2),
            "p95_ms": round(figures["p95_ms"], 2),
            "rps": round(figures["rps"], 1),
            "ratio_to_bare": round(ratio, 3),
            "queries": queries,
            "concurrency": server.concurrency,
        }
        errors = figures["non_2xx"] + figures["socket_errors"]
        if signed_in:
            result["uncached_median_ms"] = uncached_median_ms(staff, path)
        if errors:
            result["_errors"] = errors
        results.append(result)
        print(
            f"{name:<20} {result['median_ms']:>10.2f} {result['p95_ms']:>9.2f} "
            f"{result['rps']:>9.1f} {ratio:>7.2f} {queries:>8}"
            + (f"  uncached {result['uncached_median_ms']} ms" if signed_in else "")
            + (f"  ({errors} errors of {figures['requests']})" if errors else "")
        )
    return results
