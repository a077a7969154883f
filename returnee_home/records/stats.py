"""Figures of service records for dashboards: person-times and ratings from the daily summaries
(`ServiceDayCount`, `RatingDayCount`, kept current by `service_record_create` and
`rating_create`), and follow-ups. Every
function is one grouped query whatever the number of Homes; `home_ids=None` is the province."""

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone

from returnee_home.records.models import FollowUp, RatingDayCount, ServiceDayCount, ServiceRecord

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


def _days(home_ids: list[int] | None, start: date, end: date) -> QuerySet[ServiceDayCount]:
    qs = ServiceDayCount.objects.filter(day__gte=start, day__lte=end)
    if home_ids is not None:
        qs = qs.filter(home_id__in=home_ids)
    return qs


def person_times(home_ids: list[int] | None, start: date, end: date) -> int:
    return _days(home_ids, start, end).aggregate(n=Sum("count"))["n"] or 0


def person_times_by_home(
    home_ids: list[int] | None, ranges: dict[str, tuple[date, date]]
) -> dict[int, dict[str, int]]:
    """{home_id: {range name: person-times}} for several ranges in one query."""
    low = min(s for s, _e in ranges.values())
    high = max(e for _s, e in ranges.values())
    sums = {
        name: Sum("count", filter=Q(day__gte=s, day__lte=e), default=0)
        for name, (s, e) in ranges.items()
    }
    return {
        row.pop("home_id"): row
        for row in _days(home_ids, low, high).values("home_id").annotate(**sums).order_by()
    }


def person_times_by(home_ids: list[int] | None, start: date, end: date, key: str) -> dict:
    """{channel | category_id: person-times} in the period."""
    return {
        row[key]: row["n"]
        for row in _days(home_ids, start, end).values(key).annotate(n=Sum("count")).order_by()
    }


def person_times_by_month(home_ids: list[int] | None, start: date, end: date) -> dict[date, int]:
    """{first day of month: person-times}; grouped by day in the database, folded here (at
    most a few hundred rows, and the same on SQLite and PostgreSQL)."""
    months: dict[date, int] = {}
    for row in _days(home_ids, start, end).values("day").annotate(n=Sum("count")).order_by():
        key = row["day"].replace(day=1)
        months[key] = months.get(key, 0) + row["n"]
    return months


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
