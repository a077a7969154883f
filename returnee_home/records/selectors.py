"""Reads of service records, ratings and follow-ups, scoped to the person asking.

Every figure of the statistics page is one aggregate query, so the page issues the same number
of queries whether a Home has ten records or a million."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Avg, Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import get_language

from returnee_home.core.errors import NotFoundError, PermissionDeniedError
from returnee_home.core.i18n import pick
from returnee_home.core.models import City
from returnee_home.core.private_cache import cached_until_written
from returnee_home.orgs.models import Home, Role
from returnee_home.orgs.selectors import (
    admin_city_ids,
    is_province_admin,
    member_organisation_ids,
)
from returnee_home.records import stats
from returnee_home.records.models import (
    Channel,
    FollowUp,
    Level,
    Rating,
    ServiceRecord,
)

HOME_ROLES = (Role.HOME_MANAGER, Role.HOME_STAFF)


# --- Counting person-times ------------------------------------------------------------------


def _city_ids(city: City | int) -> list[int]:
    """A prefecture with its counties; a county alone."""
    city_id = city if isinstance(city, int) else city.pk
    return list(
        City.objects.filter(Q(pk=city_id) | Q(parent_id=city_id)).values_list("pk", flat=True)
    )


def person_times(
    *,
    start: date,
    end: date,
    home: Home | int | None = None,
    city: City | int | None = None,
    item: Any = None,
    channel: str | None = None,
) -> int:
    """Served person-times from `start` to `end` inclusive, for one Home, one city (with its
    counties) or the province. Each record is one person-time; the unique source keeps the
    same service from being counted twice."""
    qs = ServiceRecord.objects.filter(served_on__gte=start, served_on__lte=end)
    if home is not None:
        qs = qs.filter(home_id=home if isinstance(home, int) else home.pk)
    if city is not None:
        qs = qs.filter(home__city_id__in=_city_ids(city))
    if item is not None:
        qs = qs.filter(item_id=item if isinstance(item, int) else item.pk)
    if channel:
        qs = qs.filter(channel=channel)
    return qs.count()


# --- Scope ----------------------------------------------------------------------------------


@dataclass
class StatisticsScope:
    """What one statistics page covers: a Home, a city (with counties) or the province."""

    level: str  # "home" | "city" | "province"
    title: str
    home: Home | None = None
    city: City | None = None
    home_ids: list[int] | None = None  # None: every Home (the province)
    homes: list[Home] = field(default_factory=list)


def can_see_statistics(user: Any) -> bool:
    return bool(
        is_province_admin(user) or admin_city_ids(user) or member_organisation_ids(user, HOME_ROLES)
    )


def statistics_scope(user: Any, *, home_id: int | None = None, city_id: int | None = None):
    """The scope the person asked for, or their own by default: their Home (staff, manager),
    their city (city admin), the province (province admin). Outside their scope: 404; no
    role that sees statistics: 403."""
    if not can_see_statistics(user):
        raise PermissionDeniedError()
    province = is_province_admin(user)
    cities = admin_city_ids(user)
    own_carriers = member_organisation_ids(user, HOME_ROLES)
    homes = Home.objects.select_related("city", "city__parent")
    if home_id is not None:
        home = homes.filter(pk=home_id).first()
        if home is None or not (
            province or home.city_id in cities or home.carrier_id in own_carriers
        ):
            raise NotFoundError()
        return StatisticsScope("home", home.name, home=home, home_ids=[home.pk], homes=[home])
    if city_id is None and not province and cities:
        city_id = next(
            (c.pk for c in City.objects.filter(pk__in=cities, parent__isnull=True)[:1]), None
        )
    if city_id is not None:
        city = City.objects.filter(pk=city_id).first()
        if city is None or not (province or city.pk in cities):
            raise NotFoundError()
        place_ids = _city_ids(city)
        city_homes = list(homes.filter(city_id__in=place_ids).order_by("code"))
        return StatisticsScope(
            "city", city.name, city=city, home_ids=[h.pk for h in city_homes], homes=city_homes
        )
    if province:
        return StatisticsScope("province", "", home_ids=None, homes=list(homes.order_by("code")))
    home = homes.filter(carrier_id__in=own_carriers).order_by("code").first()
    if home is None:
        raise NotFoundError()
    return StatisticsScope("home", home.name, home=home, home_ids=[home.pk], homes=[home])


def _records(scope: StatisticsScope) -> QuerySet[ServiceRecord]:
    qs = ServiceRecord.objects.all()
    if scope.home_ids is not None:
        qs = qs.filter(home_id__in=scope.home_ids)
    return qs


def _follow_ups(scope: StatisticsScope) -> QuerySet[FollowUp]:
    qs = FollowUp.objects.all()
    if scope.home_ids is not None:
        qs = qs.filter(home_id__in=scope.home_ids)
    return qs


def _month_starts(today: date, months: int = 12) -> list[date]:
    year, month = today.year, today.month
    starts = []
    for _ in range(months):
        starts.append(date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(starts))


def _with_share(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add `share` (0–100, rounded to 5 for the CSS bar classes) against the largest row."""
    top = max((r["count"] for r in rows), default=0)
    for r in rows:
        r["share"] = 0 if not top else int(round(r["count"] * 20 / top)) * 5
    return rows


def overdue_first(qs: QuerySet[FollowUp], today: date) -> QuerySet[FollowUp]:
    return qs.annotate(
        overdue_rank=Case(
            When(Q(status=FollowUp.Status.OPEN, contact_due__lt=today), then=Value(0)),
            When(resolve_due__lt=today, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("overdue_rank", "resolve_due", "pk")


STATISTICS_CACHE_SECONDS = 3600  # memory only: a write to any table counted recounts at once
STATISTICS_BUILD_SECONDS = 30


def statistics(scope: StatisticsScope, *, today: date | None = None) -> dict[str, Any]:
    """The figures of the statistics page, computed once per scope, day and language and kept
    until a table they were counted from is written (`cached_until_written`); while one request
    counts, the others asking for the same figures wait for it."""
    if today is not None:
        return _compute_statistics(scope, today=today)
    today = timezone.localdate()
    key = ":".join(
        str(part)
        for part in (
            "records:statistics",
            get_language(),
            scope.level,
            scope.home.pk if scope.home else "-",
            scope.city.pk if scope.city else "-",
            today.isoformat(),
        )
    )
    return cached_until_written(
        key,
        lambda: _compute_statistics(scope, today=today),
        STATISTICS_CACHE_SECONDS,
        wait=STATISTICS_BUILD_SECONDS,
    )


def _compute_statistics(scope: StatisticsScope, *, today: date) -> dict[str, Any]:
    """Every figure of the statistics page for the scope, in a fixed number of queries."""
    month_start = today.replace(day=1)
    year_start = today.replace(month=1, day=1)
    months = _month_starts(today)
    records = _records(scope)
    totals = records.filter(served_on__gte=min(year_start, months[0])).aggregate(
        month=Count("pk", filter=Q(served_on__gte=month_start, served_on__lte=today)),
        year=Count("pk", filter=Q(served_on__gte=year_start, served_on__lte=today)),
        twelve=Count("pk", filter=Q(served_on__gte=months[0], served_on__lte=today)),
    )
    year_records = records.filter(served_on__gte=year_start, served_on__lte=today)
    by_item = [
        {
            "label": pick(r["item__title_zh"], r["item__title_en"]) or "—",
            "count": r["count"],
        }
        for r in year_records.values("item_id", "item__title_zh", "item__title_en")
        .annotate(count=Count("pk"))
        .order_by("-count", "item_id")[:15]
    ]
    channel_labels = dict(Channel.choices)
    by_channel = [
        {"label": channel_labels.get(r["channel"], r["channel"]), "count": r["count"]}
        for r in year_records.values("channel").annotate(count=Count("pk")).order_by("-count")
    ]
    # Months and ratings from the daily and monthly summaries (kept by the actions).
    per_month = stats.person_times_grouped(scope.home_ids, months[0], today, "month")
    by_month = [{"month": m, "count": per_month.get(m, 0)} for m in months]
    ratings = Rating.objects.filter(created_at__date__gte=year_start)
    if scope.home_ids is not None:
        ratings = ratings.filter(record__home_id__in=scope.home_ids)
    level_counts = stats.ratings_by_level(scope.home_ids, year_start, today)
    rated = sum(level_counts.values())
    rating_rows = [
        {"level": level, "label": label, "count": level_counts.get(level, 0)}
        for level, label in Level.choices
    ]
    average = sum(level * n for level, n in level_counts.items()) / rated if rated else None
    satisfied = level_counts.get(5, 0) + level_counts.get(4, 0)
    follow_ups = _follow_ups(scope)
    follow_up_counts = follow_ups.exclude(status=FollowUp.Status.RESOLVED).aggregate(
        open=Count("pk"),
        overdue=Count(
            "pk",
            filter=Q(status=FollowUp.Status.OPEN, contact_due__lt=today) | Q(resolve_due__lt=today),
        ),
    )
    open_follow_ups = list(
        overdue_first(
            follow_ups.exclude(status=FollowUp.Status.RESOLVED).select_related(
                "home", "rating", "rating__record", "rating__record__item"
            ),
            today,
        )[:20]
    )
    return {
        "today": today,
        "totals": totals,
        "by_item": _with_share(by_item),
        "by_channel": _with_share(by_channel),
        "by_month": _with_share(by_month),
        "ratings": _with_share(rating_rows),
        "rated": rated,
        "average": round(average, 2) if average is not None else None,
        "satisfaction_rate": round(satisfied * 100 / rated) if rated else None,
        "follow_up_counts": follow_up_counts,
        "open_follow_ups": open_follow_ups,
        "breakdown": _breakdown(scope, records, ratings, follow_ups, today),
    }


def _breakdown(
    scope: StatisticsScope,
    records: QuerySet[ServiceRecord],
    ratings: QuerySet[Rating],
    follow_ups: QuerySet[FollowUp],
    today: date,
) -> list[dict[str, Any]]:
    """Per Home (city scope) or per prefecture (province scope): three grouped queries."""
    if scope.level == "home":
        return []
    month_start, year_start = today.replace(day=1), today.replace(month=1, day=1)
    counts = {
        r["home_id"]: r
        for r in records.filter(served_on__gte=year_start, served_on__lte=today)
        .values("home_id")
        .annotate(
            year=Count("pk"),
            month=Count("pk", filter=Q(served_on__gte=month_start)),
        )
    }
    averages = {
        r["record__home_id"]: r
        for r in ratings.values("record__home_id").annotate(avg=Avg("level"), n=Count("pk"))
    }
    open_counts = {
        r["home_id"]: r["n"]
        for r in follow_ups.exclude(status=FollowUp.Status.RESOLVED)
        .values("home_id")
        .annotate(n=Count("pk"))
    }
    rows: dict[Any, dict[str, Any]] = {}
    for home in scope.homes:
        if scope.level == "city":
            key, label = home.pk, home.name
        else:
            prefecture = home.city.parent or home.city
            key, label = prefecture.pk, prefecture.name
        row = rows.setdefault(
            key,
            {"key": key, "label": label, "month": 0, "year": 0, "rated": 0, "sum": 0.0, "open": 0},
        )
        c = counts.get(home.pk)
        if c:
            row["month"] += c["month"]
            row["year"] += c["year"]
        a = averages.get(home.pk)
        if a and a["avg"] is not None:
            row["rated"] += a["n"]
            row["sum"] += a["avg"] * a["n"]
        row["open"] += open_counts.get(home.pk, 0)
    result = []
    for row in rows.values():
        row["average"] = round(row["sum"] / row["rated"], 2) if row["rated"] else None
        result.append(row)
    return result


# --- The person's own services ----------------------------------------------------------------


def records_of(person: Any) -> QuerySet[ServiceRecord]:
    """The person's own service records, newest first, with their ratings."""
    return (
        ServiceRecord.objects.filter(person=person)
        .select_related("home", "item")
        .prefetch_related("ratings__follow_up")
        .order_by("-served_on", "-pk")
    )


def record_of(person: Any, record_id: int) -> ServiceRecord:
    record = records_of(person).filter(pk=record_id).first()
    if record is None:
        raise NotFoundError()
    return record


# --- Follow-ups ---------------------------------------------------------------------------


def follow_ups_visible_to(user: Any) -> QuerySet[FollowUp]:
    """Follow-ups the person may see: their Home's as its manager, their city's as city
    admin, all as province admin. Home staff do not see them (the manager handles them)."""
    qs = FollowUp.objects.select_related(
        "home",
        "home__city",
        "rating",
        "rating__record",
        "rating__record__item",
        "rating__record__person",
        "handled_by",
    )
    if is_province_admin(user):
        return qs
    condition = Q(home__carrier_id__in=member_organisation_ids(user, (Role.HOME_MANAGER,)))
    cities = admin_city_ids(user)
    if cities:
        condition |= Q(home__city_id__in=cities)
    return qs.filter(condition)


def follow_up_for(user: Any, follow_up_id: int) -> FollowUp:
    follow_up = follow_ups_visible_to(user).filter(pk=follow_up_id).first()
    if follow_up is None:
        raise NotFoundError()
    return follow_up


def can_handle_follow_up(user: Any, follow_up: FollowUp) -> bool:
    return follow_up.home.carrier_id in member_organisation_ids(user, (Role.HOME_MANAGER,))
