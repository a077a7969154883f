"""Figures this app contributes to dashboards: the funnel from first contact (matched) to
hired, and from interest to landed, grouped by Home, city, industry or channel."""

from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from returnee_home.core.i18n import pick
from returnee_home.core.models import City, IndustryCluster
from returnee_home.jobs.models import (
    Application,
    ApplicationStage,
    Channel,
    InterestStage,
    ProjectInterest,
)
from returnee_home.jobs.tallies import DEMAND, FUNNEL, FUNNEL_COUNTS

GROUPS = {
    "home": ("home__name_zh", "home__name_en"),
    "city": ("posting__city__name_zh", "posting__city__name_en"),
    "industry": ("posting__industry__name_zh", "posting__industry__name_en"),
    "channel": ("posting__channel", "posting__channel"),
}
INTEREST_GROUPS = {
    "home": ("home__name_zh", "home__name_en"),
    "city": ("landed_city__name_zh", "landed_city__name_en"),
    "industry": ("project__field__name_zh", "project__field__name_en"),
    "channel": ("project__channel", "project__channel"),
}
REACHED_INTERVIEW = Q(steps__to_stage=ApplicationStage.INTERVIEW)


def _label(group: str, zh: Any, en: Any) -> str:
    if group == "channel":
        return str(Channel(zh).label) if zh in Channel.values else str(zh or "")
    return pick(zh, en) or "—"


def application_funnel(qs: QuerySet[Application], group: str) -> list[dict[str, Any]]:
    """[{label, matched, interviewed, offered, hired, rate}] per group (rate: hired per 100
    matched), largest first. `qs` is already scoped to what the person may count."""
    zh, en = GROUPS[group]
    rows = (
        qs.values(zh, en)
        .annotate(
            matched=Count("id", distinct=True),
            interviewed=Count("id", filter=REACHED_INTERVIEW, distinct=True),
            offered=Count("id", filter=Q(steps__to_stage=ApplicationStage.OFFER), distinct=True),
            hired=Count("id", filter=Q(stage=ApplicationStage.HIRED), distinct=True),
        )
        .order_by("-matched")
    )
    return [
        {
            "label": _label(group, row[zh], row[en]),
            "matched": row["matched"],
            "interviewed": row["interviewed"],
            "offered": row["offered"],
            "hired": row["hired"],
            "rate": round(100 * row["hired"] / row["matched"], 1) if row["matched"] else 0.0,
        }
        for row in rows
    ]


def project_funnel(qs: QuerySet[ProjectInterest], group: str) -> list[dict[str, Any]]:
    """[{label, interest, meeting, agreement, landed}] per group, largest first."""
    zh, en = INTEREST_GROUPS[group]
    reached = {
        stage: Count("id", filter=Q(steps__to_stage=stage), distinct=True)
        for stage in (InterestStage.MEETING, InterestStage.AGREEMENT)
    }
    rows = (
        qs.values(zh, en)
        .annotate(
            interest=Count("id", distinct=True),
            meeting=reached[InterestStage.MEETING],
            agreement=reached[InterestStage.AGREEMENT],
            landed=Count("id", filter=Q(stage=InterestStage.LANDED), distinct=True),
        )
        .order_by("-interest")
    )
    return [
        {
            "label": _label(group, row[zh], row[en]),
            "interest": row["interest"],
            "meeting": row["meeting"],
            "agreement": row["agreement"],
            "landed": row["landed"],
        }
        for row in rows
    ]


TALLY_GROUPS = {"city": ("city_id", City), "industry": ("industry_id", IndustryCluster)}


def funnel_by(group: str, start: date, end: date) -> list[dict[str, Any]]:
    """The province's funnel of applications started in [start, end] by the posting's city,
    industry or collection channel, from the funnel tally (`jobs.tallies`); same rows as
    `application_funnel`."""
    column, model = TALLY_GROUPS.get(group, ("channel", None))
    rows = FUNNEL.sums(start, end, (column,))
    names = (
        {
            pk: pick(zh, en)
            for pk, zh, en in model.objects.filter(pk__in=[k[0] for k in rows]).values_list(
                "pk", "name_zh", "name_en"
            )
        }
        if model is not None
        else {}
    )
    result = []
    for (value,), counts in rows.items():
        if not counts.get("matched"):
            continue
        label = _label("channel", value, value) if model is None else names.get(value) or "—"
        result.append(
            {
                "label": label,
                **{name: counts.get(name, 0) for name in FUNNEL_COUNTS},
                "rate": round(100 * counts["hired"] / counts["matched"], 1),
            }
        )
    return sorted(result, key=lambda r: (-r["matched"], r["label"]))


def demand_by_discipline() -> dict[int, int]:
    """{discipline id: published postings asking for it} (from the demand tally)."""
    return {
        discipline_id: counts["count"]
        for (discipline_id,), counts in DEMAND.sums(None, None, ("discipline_id",)).items()
        if counts.get("count")
    }
