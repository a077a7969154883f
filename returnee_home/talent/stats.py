"""Figures of talents for dashboards: new talent profiles (inflow) in a period by month, by
country or region of study, discipline, degree and city of residence. A talent who studied in
two countries counts once in each country (and once in the total)."""

from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q

from returnee_home.records.stats import day_bounds
from returnee_home.talent.models import Education, TalentProfile

GROUPS = {
    "country": ("country_id", "country__name_zh", "country__name_en"),
    "discipline": ("discipline_id", "discipline__name_zh", "discipline__name_en"),
    "degree": ("degree_level_id", "degree_level__name_zh", "degree_level__name_en"),
}


def _profiles(start: date, end: date, city_ids: list[int] | None) -> Any:
    low, high = day_bounds(start, end)
    qs = TalentProfile.objects.filter(created_at__gte=low, created_at__lt=high)
    if city_ids is not None:
        qs = qs.filter(current_city_id__in=city_ids)
    return qs


def inflow_total(start: date, end: date, city_ids: list[int] | None = None) -> int:
    return _profiles(start, end, city_ids).count()


def inflow_by_month(start: date, end: date, city_ids: list[int] | None = None) -> dict[date, int]:
    """{first day of month: new talents}: one conditional count per month in a single scan of
    the period's rows (truncating each timestamp to its month costs far more on SQLite)."""
    months, cursor = [], start.replace(day=1)
    while cursor <= end:
        months.append(cursor)
        cursor = (cursor + timedelta(days=32)).replace(day=1)
    counts = {}
    for month in months:
        following = (month + timedelta(days=32)).replace(day=1)
        low, high = day_bounds(max(month, start), min(following - timedelta(days=1), end))
        counts[f"m{month:%Y%m}"] = Count("pk", filter=Q(created_at__gte=low, created_at__lt=high))
    row = _profiles(start, end, city_ids).aggregate(**counts)
    return {month: row[f"m{month:%Y%m}"] or 0 for month in months}


def inflow_by_city(start: date, end: date) -> dict[int | None, int]:
    """{current city id: new talents} (counties separately; the caller folds them)."""
    return {
        row["current_city_id"]: row["n"]
        for row in _profiles(start, end, None)
        .values("current_city_id")
        .annotate(n=Count("pk"))
        .order_by()
    }


def inflow_by(
    group: str, start: date, end: date, city_ids: list[int] | None = None
) -> list[dict[str, Any]]:
    """[{id, name_zh, name_en, n}] of new talents by the education's country, discipline or
    degree, largest first; each talent counted once per group value."""
    key, zh, en = GROUPS[group]
    rows = (
        Education.objects.filter(profile__in=_profiles(start, end, city_ids).values("pk"))
        .values(key, zh, en)
        .annotate(n=Count("profile_id", distinct=True))
        .order_by("-n", key)
    )
    return [{"id": r[key], "name_zh": r[zh], "name_en": r[en], "n": r["n"]} for r in rows]
