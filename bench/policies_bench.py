"""Policy library benchmarks (see bench/policies.md):

* `policies.search`: the median and 95th-percentile time of one ranked full-text search
  (selectors.search: segmentation, the FTS5 or tsvector match, ranking, the first page of 20
  with its policies) over the whole index, for several Chinese, Traditional and English
  queries, in this process with no cache involved;
* `policies.search_page`: the public search page for a Chinese query, anonymous, with wrk at
  20 concurrent clients like bench/pages.py, and its ratio to the bare Django view measured
  in the same run."""

import statistics
import time
import urllib.parse
from typing import Any

from bench.pages import count_queries, wrk

QUERIES = [
    "人才公寓",
    "留学人员 创业 资助",
    "安家补贴 博士",
    "苏州 租房补贴",
    "职称评审",
    "人才公寓 -南京",
    "TRADITIONAL:留学人员 落户",  # typed in Traditional characters (converted at run time)
    "talent apartments",
    "start-up funding returnees",
    "rent subsidy OR settling-in allowance",
]
ROUNDS = 5


def _search_times() -> tuple[list[float], int, int]:
    import opencc

    from returnee_home.core.fulltext import parse_query
    from returnee_home.policies.models import PolicySearchEntry
    from returnee_home.policies.selectors import PolicyFilters, search

    to_traditional = opencc.OpenCC("s2t").convert
    queries = [
        to_traditional(q.removeprefix("TRADITIONAL:")) if q.startswith("TRADITIONAL:") else q
        for q in QUERIES
    ]
    parse_query("预热")  # load jieba's dictionary outside the measurement
    durations: list[float] = []
    matches = 0
    for _round in range(ROUNDS):
        for q in queries:
            started = time.perf_counter()
            results = search(PolicyFilters(q=q), limit=20)
            durations.append((time.perf_counter() - started) * 1000)
            matches += results.total
    return durations, PolicySearchEntry.objects.count(), matches // ROUNDS


def run(server: Any) -> list[dict[str, Any]]:
    import django

    django.setup()
    from django.test import Client

    durations, documents, matches = _search_times()
    durations.sort()
    search_row = {
        "name": "policies.search",
        "median_ms": round(statistics.median(durations), 2),
        "p95_ms": round(durations[int(len(durations) * 0.95) - 1], 2),
        "documents": documents,
        "queries_measured": len(QUERIES),
        "matches": matches,
    }
    print(
        f"\npolicies.search      median {search_row['median_ms']} ms, p95 "
        f"{search_row['p95_ms']} ms over {documents} documents ({len(QUERIES)} queries)"
    )
    path = "/policies/?q=" + urllib.parse.quote("人才公寓")
    queries = count_queries(Client(), path)
    bare = wrk(
        server.base_url + "/_bare/",
        seconds=server.warmup,
        concurrency=server.concurrency,
        cookie=None,
    )
    bare = wrk(
        server.base_url + "/_bare/",
        seconds=server.duration,
        concurrency=server.concurrency,
        cookie=None,
    )
    url = server.base_url + path
    wrk(url, seconds=server.warmup, concurrency=server.concurrency, cookie=None)
    figures = wrk(url, seconds=server.duration, concurrency=server.concurrency, cookie=None)
    page_row = {
        "name": "policies.search_page",
        "median_ms": round(figures["median_ms"], 2),
        "p95_ms": round(figures["p95_ms"], 2),
        "rps": round(figures["rps"], 1),
        "ratio_to_bare": round(figures["rps"] / bare["rps"], 3) if bare["rps"] else 0.0,
        "queries": queries,
        "concurrency": server.concurrency,
    }
    errors = figures["non_2xx"] + figures["socket_errors"]
    if errors:
        page_row["_errors"] = errors
    print(
        f"policies.search_page median {page_row['median_ms']} ms, {page_row['rps']} req/s, "
        f"{page_row['ratio_to_bare']} x bare, {queries} queries uncached"
    )
    return [search_row, page_row]
