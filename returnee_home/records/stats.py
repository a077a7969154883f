"""Figures of service records for dashboards: person-times and ratings from the daily summaries
(`ServiceDayCount`, `RatingDayCount`, kept current by `service_record_create` and
`rating_create`), and follow-ups. Every
function is one grouped query whatever the number of Homes; `home_ids=None` is the province."""

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone

from returnee_home.core.tallies import split_period
from returnee_home.records.models import (
    FollowUp,
    RatingDayCount,
    ServiceDayCount,
    ServiceMonthCount,
    ServiceRecord,
)

SATISFIED_LEVELS = (4, 5)
POOR_LEVELS = (1, 2)


def day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """Aware datetimes from the start of `start` to the start of the day after `end`
    (Asia/Shanghai), so that a time at 23:59 on the last day is inside."""
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), tz),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz),
    )


def _filtered(qs: QuerySet, home_ids: list[int] | None, channel: str, category_id: Any) -> Any:
    if home_ids is not None:
        qs = qs.filter(home_id__in=home_ids)
    if channel:
        qs = qs.filter(channel=channel)
    if category_id:
        qs = qs.filter(category_id=category_id)
    return qs


# The two person-time summaries: whole months from the monthly one, edge days from the daily.
MONTHS, DAYS = (ServiceMonthCount, "month"), (ServiceDayCount, "day")


def _clusters(windows: list[tuple[str, date, date]]) -> list[list[tuple[str, date, date]]]:
    """Day windows grouped so that each group spans few days (one query each)."""
    groups: list[list[tuple[str, date, date]]] = []
    for window in sorted(windows, key=lambda w: w[1]):
        if groups and window[1] <= max(w[2] for w in groups[-1]) + timedelta(days=31):
            groups[-1].append(window)
        else:
            groups.append([window])
    return groups


def person_times_in_ranges(
    home_ids: list[int] | None,
    ranges: dict[str, tuple[date, date]],
    *,
    channel: str = "",
    category_id: int | None = None,
) -> dict[int, dict[str, int]]:
    """{home_id: {range name: person-times}} for several ranges of days: the whole months of
    each range from the monthly summary (one query), the days at their edges from the daily
    one (one query per group of nearby days). A year costs about what a month does."""
    result: dict[int, dict[str, int]] = {}
    spans, windows = [], []
    for name, (start, end) in ranges.items():
        span, edges = split_period(start, end)
        if span is not None:
            spans.append((name, *span))
        windows.extend((name, low, high) for low, high in edges)
    queries = [(MONTHS, spans)] if spans else []
    queries += [(DAYS, group) for group in _clusters(windows)]
    for (model, column), group in queries:
        qs = model.objects.filter(
            **{
                f"{column}__gte": min(w[1] for w in group),
                f"{column}__lte": max(w[2] for w in group),
            }
        )
        sums = {
            f"r{i}": Sum(
                "count", filter=Q(**{f"{column}__gte": low, f"{column}__lte": high}), default=0
            )
            for i, (_name, low, high) in enumerate(group)
        }
        for row in (
            _filtered(qs, home_ids, channel, category_id)
            .values("home_id")
            .annotate(**sums)
            .order_by()
        ):
            target = result.setdefault(row.pop("home_id"), dict.fromkeys(ranges, 0))
            for key, value in row.items():
                target[group[int(key[1:])][0]] += value
    return result


def person_times_grouped(
    home_ids: list[int] | None,
    start: date,
    end: date,
    by: str,
    *,
    channel: str = "",
    category_id: int | None = None,
) -> dict[Any, int]:
    """{value: person-times} over [start, end] grouped by "month" (first day of each month),
    "channel" or "category_id": whole months from the monthly summary, edge days from the daily
    one."""
    result: dict[Any, int] = {}
    span, edges = split_period(start, end)
    parts = [(MONTHS, span)] if span is not None else []
    for (model, column), (low, high) in parts + [(DAYS, edge) for edge in edges]:
        qs = model.objects.filter(**{f"{column}__gte": low, f"{column}__lte": high})
        group = column if by == "month" else by
        for row in (
            _filtered(qs, home_ids, channel, category_id)
            .values(group)
            .annotate(n=Sum("count"))
            .order_by()
        ):
            key = row[group].replace(day=1) if by == "month" else row[group]
            result[key] = result.get(key, 0) + row["n"]
    return result


def person_times_by_item(home_ids: list[int], start: date, end: date) -> list[dict[str, Any]]:
    """[{item_id, item__title_zh, item__title_en, n}] from the records (one Home or a city:
    the (home, item, served_on) index keeps it short)."""
    return list(
        ServiceRecord.objects.filter(home_id__in=home_ids, served_on__gte=start, served_on__lte=end)
        .values("item_id", "item__title_zh", "item__title_en")
        .annotate(n=Count("pk"))
        .order_by("-n", "item_id")
    )


def _rating_days(home_ids: list[int] | None, start: date, end: date) -> QuerySet[RatingDayCount]:
    qs = RatingDayCount.objects.filter(day__gte=start, day__lte=end)
    if home_ids is not None:
        qs = qs.filter(home_id__in=home_ids)
    return qs


def ratings_by_home(
    home_ids: list[int] | None, start: date, end: date
) -> dict[int, dict[str, int]]:
    """{home_id: {rated, satisfied, poor, level_sum}} of ratings given in the period (from the
    daily ratings summary)."""
    return {
        row.pop("home_id"): row
        for row in _rating_days(home_ids, start, end)
        .values("home_id")
        .annotate(
            rated=Sum("count", default=0),
            satisfied=Sum("count", filter=Q(level__in=SATISFIED_LEVELS), default=0),
            poor=Sum("count", filter=Q(level__in=POOR_LEVELS), default=0),
            level_sum=Sum(F("count") * F("level"), default=0),
        )
        .order_by()
    }


def ratings_by_level(home_ids: list[int] | None, start: date, end: date) -> dict[int, int]:
    return {
        r["level"]: r["n"]
        for r in _rating_days(home_ids, start, end).values("level").annotate(n=Sum("count"))
        .order_by()
    }  # fmt: skip


def follow_ups_by_home(home_ids: list[int] | None, today: date) -> dict[int, dict[str, int]]:
    """{home_id: {open, contacted, overdue}}: follow-ups not yet resolved, now."""
    qs = FollowUp.objects.exclude(status=FollowUp.Status.RESOLVED)
    if home_ids is not None:
        qs = qs.filter(home_id__in=home_ids)
    overdue = Q(status=FollowUp.Status.OPEN, contact_due__lt=today) | Q(resolve_due__lt=today)
    return {
        row.pop("home_id"): row
        for row in qs.values("home_id")
        .annotate(
            open=Count("pk", filter=Q(status=FollowUp.Status.OPEN)),
            contacted=Count("pk", filter=Q(status=FollowUp.Status.CONTACTED)),
            overdue=Count("pk", filter=overdue),
        )
        .order_by()
    }
