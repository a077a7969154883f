"""Figures this app contributes to dashboards: the funnel from first contact (matched) to
hired, and from interest to landed, grouped by Home, city, industry or channel."""

from typing import Any

from django.db.models import Count, Q, QuerySet

from returnee_home.core.i18n import pick
from returnee_home.jobs.models import (
    Application,
    ApplicationStage,
    Channel,
    InterestStage,
    ProjectInterest,
)

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
