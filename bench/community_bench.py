"""Community benchmarks (issue 6): a board page and a late page of a long thread at the large
scale (200,000 threads, 2,000,000 replies), rendered for a signed-in member (anonymous visitors
get the cached copy, which would measure the cache, not the page), at 20 concurrent clients.

Each row also gives the queries of one uncached request, and the same for a far page (an old
cursor of the board; page 1 of the thread) to show that the count does not grow with depth."""

from typing import Any

from bench.pages import count_queries, wrk


def _member_client() -> Any:
    from django.test import Client

    from returnee_home.accounts.demo import demo_email, demo_password

    client = Client()
    response = client.post(
        "/accounts/login/", {"login": demo_email("talent"), "password": demo_password("talent")}
    )
    if response.status_code != 302:
        raise SystemExit(f"talent login failed ({response.status_code})")
    return client


def _targets() -> tuple[str, str, str, str]:
    from returnee_home.community import selectors
    from returnee_home.community.models import Board, Thread

    board = Board.objects.exclude(kind=Board.Kind.CIRCLE).order_by("-thread_count").first()
    if board is None:
        raise SystemExit("no community boards: seed the demo province first")
    board_path = f"/community/b/{board.slug}/"
    cursor = None
    for _ in range(40):  # forty pages deep
        _rows, cursor = selectors.thread_page(board, after=cursor)
        if cursor is None:
            break
    deep_board = f"{board_path}?after={cursor}" if cursor else board_path
    thread = Thread.objects.order_by("-reply_seq").first()
    pages = selectors.reply_page_count(thread)
    late = f"/community/t/{thread.pk}/?page={pages}"
    first = f"/community/t/{thread.pk}/"
    return board_path, deep_board, late, first


def run(server: Any) -> list[dict[str, Any]]:
    import django

    django.setup()
    from django.conf import settings

    client = _member_client()
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    board, deep_board, late_thread, first_thread = _targets()
    wrk(
        server.base_url + "/_bare/",
        seconds=server.warmup,
        concurrency=server.concurrency,
        cookie=None,
    )
    bare = wrk(
        server.base_url + "/_bare/", seconds=server.duration, concurrency=server.concurrency,
        cookie=None,
    )  # fmt: skip
    rows = [
        ("community.board", board, deep_board),
        ("community.thread", late_thread, first_thread),
    ]
    results = []
    print(
        f"\n{'page':<20} {'median ms':>10} {'p95 ms':>9} {'req/s':>9} {'× bare':>7} {'queries':>8}"
    )
    for name, path, other in rows:
        client.get(path)  # the first visit records the read marker; measure a repeat visit
        client.get(other)
        queries = count_queries(client, path)
        other_queries = count_queries(client, other)
        url = server.base_url + path
        wrk(url, seconds=server.warmup, concurrency=server.concurrency, cookie=cookie)
        figures = wrk(url, seconds=server.duration, concurrency=server.concurrency, cookie=cookie)
        ratio = figures["rps"] / bare["rps"] if bare["rps"] else 0.0
        result = {
            "name": name,
            "median_ms": round(figures["median_ms"], 2),
            "p95_ms": round(figures["p95_ms"], 2),
            "rps": round(figures["rps"], 1),
            "ratio_to_bare": round(ratio, 3),
            "queries": queries,
            "queries_other_page": other_queries,
            "concurrency": server.concurrency,
            "path": path,
        }
        errors = figures["non_2xx"] + figures["socket_errors"]
        if errors:
            result["_errors"] = errors
        results.append(result)
        print(
            f"{name:<20} {result['median_ms']:>10.2f} {result['p95_ms']:>9.2f} "
            f"{result['rps']:>9.1f} {ratio:>7.2f} {queries:>8} (other page {other_queries})"
        )
    return results
