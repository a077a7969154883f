"""The jobs tallies (see `core.tallies`): the matching funnel of applications by the posting's
city, industry and collection channel, and the published postings asking for each discipline.
Both are kept by the actions that write applications and postings, read by the dashboards."""

from typing import Any

from django.utils import timezone

from returnee_home.core.tallies import Tally
from returnee_home.jobs.models import (
    Application,
    ApplicationFact,
    ApplicationStage,
    ApplicationStep,
    DemandFact,
    DemandMonth,
    FunnelMonth,
    JobPosting,
    PostingStatus,
)

FUNNEL_COUNTS = ("matched", "interviewed", "offered", "hired")


def application_facts(application_ids: list[int]) -> list[dict[str, Any]]:
    reached: dict[int, set[str]] = {}
    for application_id, stage in ApplicationStep.objects.filter(
        application_id__in=application_ids,
        to_stage__in=(ApplicationStage.INTERVIEW, ApplicationStage.OFFER),
    ).values_list("application_id", "to_stage"):
        reached.setdefault(application_id, set()).add(stage)
    facts = []
    for pk, created_at, stage, city_id, industry_id, channel in Application.objects.filter(
        pk__in=application_ids
    ).values_list(
        "pk", "created_at", "stage", "posting__city_id", "posting__industry_id", "posting__channel"
    ):
        steps = reached.get(pk, set())
        facts.append(
            {
                "application_id": pk,
                "day": timezone.localdate(created_at),
                "city_id": city_id or 0,
                "industry_id": industry_id or 0,
                "channel": channel,
                "matched": 1,
                "interviewed": int(ApplicationStage.INTERVIEW in steps),
                "offered": int(ApplicationStage.OFFER in steps),
                "hired": int(stage == ApplicationStage.HIRED),
            }
        )
    return facts


def demand_facts(posting_ids: list[int]) -> list[dict[str, Any]]:
    published = {
        pk: published_at or created_at
        for pk, published_at, created_at in JobPosting.objects.filter(
            pk__in=posting_ids, status=PostingStatus.PUBLISHED
        ).values_list("pk", "published_at", "created_at")
    }
    through = JobPosting.disciplines.through
    return [
        {
            "posting_id": posting_id,
            "day": timezone.localdate(published[posting_id]),
            "discipline_id": discipline_id,
        }
        for posting_id, discipline_id in through.objects.filter(
            jobposting_id__in=list(published)
        ).values_list("jobposting_id", "discipline_id")
    ]


FUNNEL = Tally(
    facts=ApplicationFact,
    totals=FunnelMonth,
    owner="application_id",
    keys=("city_id", "industry_id", "channel"),
    counts=FUNNEL_COUNTS,
    facts_of=application_facts,
)
DEMAND = Tally(
    facts=DemandFact,
    totals=DemandMonth,
    owner="posting_id",
    keys=("discipline_id",),
    facts_of=demand_facts,
)


def posting_tallies_refresh(posting_ids: list[int]) -> None:
    """After postings changed (status, disciplines, city, industry or channel): their demand
    and the funnel of their applications."""
    DEMAND.refresh(posting_ids)
    FUNNEL.refresh(
        Application.objects.filter(posting_id__in=posting_ids).values_list("pk", flat=True)
    )


def tallies_rebuild() -> None:
    """Recount both tallies from the records (after a bulk load)."""
    FUNNEL.rebuild(Application.objects.values_list("pk", flat=True))
    DEMAND.rebuild(
        JobPosting.objects.filter(status=PostingStatus.PUBLISHED).values_list("pk", flat=True)
    )
