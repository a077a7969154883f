"""Events benchmarks: the anonymous events calendar (`events.calendar`, /events/) and one
event's page (`events.detail`, a published event of the demo Home), each measured with wrk at
20 concurrent clients like bench/pages.py, with its ratio to the bare Django view measured in
the same run, and the queries of one uncached request."""

from typing import Any

from bench.pages import HOME_SLUG, count_queries, wrk


def _rows(server: Any, pages: list[tuple[str, str]]) -> list[dict[str, Any]]:
    from django.test import Client

    anonymous = Client()
    results: list[dict[str, Any]] = []
    bare_rps = 0.0
    for name, path in [("events.bare", "/_bare/"), *pages]:
        queries = count_queries(anonymous, path) if name != "events.bare" else 0
        url = server.base_url + path
        wrk(url, seconds=server.warmup, concurrency=server.concurrency, cookie=None)
        figures = wrk(url, seconds=server.duration, concurrency=server.concurrency, cookie=None)
        if name == "events.bare":
            bare_rps = figures["rps"]
            continue  # the bare view's own row is pages.bare
        result = {
            "name": name,
            "median_ms": round(figures["median_ms"], 2),
            "p95_ms": round(figures["p95_ms"], 2),
            "rps": round(figures["rps"], 1),
            "ratio_to_bare": round(figures["rps"] / bare_rps, 3) if bare_rps else 0.0,
            "queries": queries,
            "concurrency": server.concurrency,
        }
        errors = figures["non_2xx"] + figures["socket_errors"]
        if errors:
            result["_errors"] = errors
        results.append(result)
        print(
            f"{name:<20} {result['median_ms']:>10.2f} {result['p95_ms']:>9.2f} "
            f"{result['rps']:>9.1f} {result['ratio_to_bare']:>7.2f} {queries:>8}"
            + (f"  ({errors} errors of {figures['requests']})" if errors else "")
        )
    return results


def run(server: Any) -> list[dict[str, Any]]:
    import django

    django.setup()
    from django.utils import timezone

    from returnee_home.events.models import Event, EventStatus

    event = (
        Event.objects.filter(
            home__slug=HOME_SLUG, status=EventStatus.PUBLISHED, starts_at__gte=timezone.now()
        )
        .order_by("starts_at")
        .first()
        or Event.objects.filter(status=EventStatus.PUBLISHED).order_by("starts_at").first()
    )
    if event is None:
        raise SystemExit("no published event in the demo province: run seed_demo")
    return _rows(
        server,
        [("events.calendar", "/events/"), ("events.detail", f"/events/{event.pk}/")],
    )
