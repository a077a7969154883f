"""Figures of talents for dashboards: new talent profiles (inflow) in a period by month, by
country or region of study, discipline, degree and city of residence, read from the inflow tally
(`talent.inflow`), kept current by the talent actions. A talent who studied in two countries
counts once in each country (and once in the total)."""

from datetime import date
from typing import Any

from returnee_home.core.models import Country, DegreeLevel, Discipline
from returnee_home.core.tallies import grouped, next_month
from returnee_home.talent.inflow import INFLOW
from returnee_home.talent.models import InflowDimension

GROUPS = {
    "country": (InflowDimension.COUNTRY, Country),
    "discipline": (InflowDimension.DISCIPLINE, Discipline),
    "degree": (InflowDimension.DEGREE, DegreeLevel),
}


def _by_value(dimension: str, start: date | None, end: date | None) -> dict[int, int]:
    rows = INFLOW.sums(start, end, ("value_id",), dimension=dimension)
    return {value: n for value, n in grouped(rows).items() if n}


def inflow_total(start: date, end: date) -> int:
    return sum(_by_value(InflowDimension.ALL, start, end).values())


def inflow_by_month(start: date, end: date) -> dict[date, int]:
    """{first day of month: new talents} for every month the period touches."""
    counts = grouped(INFLOW.sums(start, end, ("month",), dimension=InflowDimension.ALL))
    months, cursor = [], start.replace(day=1)
    while cursor <= end:
        months.append(cursor)
        cursor = next_month(cursor)
    return {month: counts.get(month, 0) for month in months}


def inflow_by_city(start: date, end: date) -> dict[int | None, int]:
    """{current city id (None: not given): new talents} (counties separately; the caller folds
    them)."""
    return {
        (city_id or None): n for city_id, n in _by_value(InflowDimension.CITY, start, end).items()
    }


def inflow_by(group: str, start: date | None, end: date | None) -> list[dict[str, Any]]:
    """[{id, name_zh, name_en, n}] of new talents by the education's country, discipline or
    degree (None: all time), largest first; each talent counted once per group value."""
    dimension, model = GROUPS[group]
    counts = _by_value(dimension, start, end)
    names = {
        pk: (zh, en)
        for pk, zh, en in model.objects.filter(pk__in=list(counts)).values_list(
            "pk", "name_zh", "name_en"
        )
    }
    rows = [
        {"id": pk or None, "name_zh": names.get(pk, ("", ""))[0],
         "name_en": names.get(pk, ("", ""))[1], "n": n}
        for pk, n in counts.items()
    ]  # fmt: skip
    return sorted(rows, key=lambda r: (-r["n"], r["id"] or 0))
