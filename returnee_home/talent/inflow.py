"""The talent inflow tally: what each talent counts for in "new talents" (by the day they
registered, their city of residence and the country, discipline and degree of their education),
summed per month for the province dashboard. See `core.tallies`."""

from typing import Any

from django.utils import timezone

from returnee_home.core.tallies import Tally
from returnee_home.talent.models import (
    Education,
    InflowDimension,
    InflowFact,
    InflowMonth,
    TalentProfile,
)

EDUCATION_COLUMNS = {
    InflowDimension.COUNTRY: "country_id",
    InflowDimension.DISCIPLINE: "discipline_id",
    InflowDimension.DEGREE: "degree_level_id",
}


def facts_of(profile_ids: list[int]) -> list[dict[str, Any]]:
    """The facts these profiles count for now (none for a profile that no longer exists)."""
    educations: dict[int, list[dict[str, Any]]] = {}
    for row in Education.objects.filter(profile_id__in=profile_ids).values(
        "profile_id", *EDUCATION_COLUMNS.values()
    ):
        educations.setdefault(row["profile_id"], []).append(row)
    facts = []
    for pk, created_at, city_id in TalentProfile.objects.filter(pk__in=profile_ids).values_list(
        "pk", "created_at", "current_city_id"
    ):
        day = timezone.localdate(created_at)
        values = {(InflowDimension.ALL, 0), (InflowDimension.CITY, city_id or 0)}
        for row in educations.get(pk, ()):
            for dimension, column in EDUCATION_COLUMNS.items():
                values.add((dimension, row[column] or 0))
        facts.extend(
            {"profile_id": pk, "day": day, "dimension": str(d), "value_id": v}
            for d, v in sorted(values)
        )
    return facts


INFLOW = Tally(
    facts=InflowFact,
    totals=InflowMonth,
    owner="profile_id",
    keys=("dimension", "value_id"),
    facts_of=facts_of,
)


def inflow_rebuild() -> int:
    """Recount the inflow from every profile (after a bulk load). Returns the total rows."""
    return INFLOW.rebuild(TalentProfile.objects.values_list("pk", flat=True))
