"""Open data: counts by city, month and category only, never about a person. A count below
THRESHOLD is suppressed (published as null with `suppressed: true`) so that nobody can be
singled out from a small number; totals are sums of the published counts only."""

from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q, Sum

from returnee_home.core.models import City, ServiceCategory
from returnee_home.dashboards.periods import _shift_months
from returnee_home.jobs.models import JobPosting
from returnee_home.orgs.models import Home
from returnee_home.records.models import ServiceMonthCount
from returnee_home.records.stats import day_bounds
from returnee_home.talent.inflow import INFLOW
from returnee_home.talent.models import InflowDimension

THRESHOLD = 10
MONTHS = 12


def _cell(n: int) -> dict[str, Any]:
    if n < THRESHOLD:
        return {"count": None, "suppressed": True}
    return {"count": n, "suppressed": False}


def public_figures(*, today: date) -> dict[str, Any]:
    """The last twelve whole months: person-times by city, month and service category; new
    talents and new job postings by city and month."""
    end_month = today.replace(day=1)
    start = _shift_months(end_month, -MONTHS)
    end = _shift_months(end_month, 0)
    months = [_shift_months(start, i) for i in range(MONTHS)]
    last_day = date.fromordinal(end.toordinal() - 1)
    cities = list(City.objects.filter(parent__isnull=True).order_by("sort_order", "code"))
    prefecture = {c.pk: c.parent_id or c.pk for c in City.objects.all()}
    home_city = {h.pk: prefecture[h.city_id] for h in Home.objects.only("pk", "city_id")}
    categories = list(ServiceCategory.objects.order_by("sort_order", "pk"))
    services: dict[tuple[int, date, int | None], int] = {}
    # Whole months: the monthly person-times summary holds exactly these figures.
    for row in (
        ServiceMonthCount.objects.filter(month__gte=start, month__lte=months[-1])
        .values("home_id", "month", "category_id")
        .annotate(n=Sum("count"))
        .order_by()
    ):
        key = (home_city[row["home_id"]], row["month"], row["category_id"])
        services[key] = services.get(key, 0) + row["n"]
    # New talents by city of residence and month, from the inflow tally.
    talents: dict[tuple[int, date], int] = {}
    for (month, city_id), counts in INFLOW.sums(
        start, last_day, ("month", "value_id"), dimension=InflowDimension.CITY
    ).items():
        if city_id:
            key = (prefecture.get(city_id, city_id), month)
            talents[key] = talents.get(key, 0) + counts["count"]
    low, high = day_bounds(start, last_day)

    def by_city_month(qs: Any, field: str) -> dict[tuple[int, date], int]:
        bounds = {m: day_bounds(m, _shift_months(m, 1) - timedelta(days=1)) for m in months}
        counts_by_month = {
            f"m{m:%Y%m}": Count("pk", filter=Q(created_at__gte=b[0], created_at__lt=b[1]))
            for m, b in bounds.items()
        }
        counts: dict[tuple[int, date], int] = {}
        for row in (
            qs.filter(created_at__gte=low, created_at__lt=high)
            .values(field)
            .annotate(**counts_by_month)
            .order_by()
        ):
            if row[field] is None:
                continue
            for m in months:
                key = (prefecture.get(row[field], row[field]), m)
                counts[key] = counts.get(key, 0) + row[f"m{m:%Y%m}"]
        return counts

    postings = by_city_month(JobPosting.objects.all(), "city_id")
    return {
        "threshold": THRESHOLD,
        "months": [f"{m:%Y-%m}" for m in months],
        "categories": [
            {"code": c.code, "name_zh": c.name_zh, "name_en": c.name_en} for c in categories
        ],
        "cities": [
            {
                "code": c.code,
                "name_zh": c.name_zh,
                "name_en": c.name_en,
                "months": [
                    {
                        "month": f"{m:%Y-%m}",
                        "person_times": {
                            cat.code: _cell(services.get((c.pk, m, cat.pk), 0))
                            for cat in categories
                        },
                        "new_talents": _cell(talents.get((c.pk, m), 0)),
                        "new_job_postings": _cell(postings.get((c.pk, m), 0)),
                    }
                    for m in months
                ],
            }
            for c in cities
        ],
    }
