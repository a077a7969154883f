"""Jobs benchmarks (issue 5) at the large scale (100,000 postings), 20 concurrent clients:

* `jobs.search`: the public posting search (a Chinese keyword and a city), anonymous, as
  visitors get it (cached whole page, refreshed by every write);
* `jobs.search_signed_in`: the same search for a signed-in talent, which renders and queries
  on every request (segmented full-text condition over the postings);
* `jobs.posting`: a posting's public page with its JSON-LD, anonymous;
* `jobs.feed`: the first page (200) of the public JobPosting feed, anonymous.

Each row gives the queries of one uncached request and the ratio of its requests per second to
the bare Django view measured in the same run."""

from typing import Any

from bench.pages import count_queries, wrk

SEARCH = "/jobs/?q=%E6%9C%BA%E5%99%A8%E5%AD%A6%E4%B9%A0&city=320100"  # q=机器学习


def _talent_client() -> Any:
    from django.test import Client

    from returnee_home.accounts.demo import demo_email, demo_password

    client = Client()
    response = client.post(
        "/accounts/login/", {"login": demo_email("talent"), "password": demo_password("talent")}
    )
    if response.status_code != 302:
        raise SystemExit(f"talent login failed ({response.status_code})")
    return client


def _posting_path() -> str:
    from returnee_home.jobs.selectors import public_postings

    posting = public_postings().order_by("-published_at").first()
    if posting is None:
        raise SystemExit("no published postings: seed the demo province first")
    return f"/jobs/{posting.pk}/"


def _measure(server: Any, path: str, cookie: str | None) -> dict[str, Any]:
    url = server.base_url + path
    wrk(url, seconds=server.warmup, concurrency=server.concurrency, cookie=cookie)
    return wrk(url, seconds=server.duration, concurrency=server.concurrency, cookie=cookie)


def run(server: Any) -> list[dict[str, Any]]:
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from returnee_home.jobs.models import JobPosting

    talent = _talent_client()
    cookie = f"{settings.SESSION_COOKIE_NAME}={talent.cookies[settings.SESSION_COOKIE_NAME].value}"
    anonymous = Client()
    bare = _measure(server, "/_bare/", None)
    rows = [
        ("jobs.search", SEARCH, None, anonymous),
        ("jobs.search_signed_in", SEARCH, cookie, talent),
        ("jobs.posting", _posting_path(), None, anonymous),
        ("jobs.feed", "/jobs/feed.json", None, anonymous),
    ]
    pool = JobPosting.objects.count()
    print(f"\njobs: {pool} postings in the pool")
    print(f"{'page':<24} {'median ms':>10} {'p95 ms':>9} {'req/s':>9} {'× bare':>7} {'queries':>8}")
    results = []
    for name, path, session, client in rows:
        queries = count_queries(client, path)
        figures = _measure(server, path, session)
        ratio = figures["rps"] / bare["rps"] if bare["rps"] else 0.0
        result = {
            "name": name,
            "median_ms": round(figures["median_ms"], 2),
            "p95_ms": round(figures["p95_ms"], 2),
            "rps": round(figures["rps"], 1),
            "ratio_to_bare": round(ratio, 3),
            "queries": queries,
            "concurrency": server.concurrency,
            "pool": pool,
        }
        errors = figures["non_2xx"] + figures["socket_errors"]
        if errors:
            result["_errors"] = errors
        results.append(result)
        print(
            f"{name:<24} {result['median_ms']:>10.2f} {result['p95_ms']:>9.2f} "
            f"{result['rps']:>9.1f} {ratio:>7.2f} {queries:>8}"
            + (f"  ({errors} errors of {figures['requests']})" if errors else "")
        )
    return results
