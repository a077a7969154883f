"""The funnel and demand tallies kept by the actions, against direct counts over the raw
applications, steps and postings (and against a full recount)."""

import datetime
from typing import Any

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from returnee_home.core.models import City
from returnee_home.jobs import actions, funnel, stats
from returnee_home.jobs.models import (
    Application,
    ApplicationFact,
    ApplicationStage,
    DemandMonth,
    FunnelMonth,
    JobPosting,
    PostingStatus,
)
from returnee_home.jobs.tallies import DEMAND, FUNNEL, tallies_rebuild
from returnee_home.talent.tests.factories import TalentProfileFactory, discipline

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _posting(world: dict[str, Any], **extra: Any) -> JobPosting:
    data = {
        "title_zh": "数据工程师",
        "city": City.objects.get(code="320100"),
        "valid_through": TODAY + datetime.timedelta(days=30),
        "publish": True,
        **extra,
    }
    return actions.posting_save(
        actor=world["people"]["employer"], employer=world["employer"], data=data
    )


def raw_funnel(group: str) -> dict[Any, tuple[int, int, int, int]]:
    column = {"city": "posting__city_id", "industry": "posting__industry_id"}.get(
        group, "posting__channel"
    )
    rows = Application.objects.values(column).annotate(
        matched=Count("id", distinct=True),
        interviewed=Count("id", filter=Q(steps__to_stage="interview"), distinct=True),
        offered=Count("id", filter=Q(steps__to_stage="offer"), distinct=True),
        hired=Count("id", filter=Q(stage=ApplicationStage.HIRED), distinct=True),
    )
    return {r[column]: (r["matched"], r["interviewed"], r["offered"], r["hired"]) for r in rows}


def tallied_funnel(group: str) -> dict[Any, tuple[int, int, int, int]]:
    column = {"city": "city_id", "industry": "industry_id"}.get(group, "channel")
    return {
        key[0]: (c["matched"], c["interviewed"], c["offered"], c["hired"])
        for key, c in FUNNEL.sums(TODAY.replace(month=1, day=1), TODAY, (column,)).items()
        if c["matched"]
    }


def test_funnel_follows_every_move_and_equals_raw_counts_and_a_recount(
    world: dict[str, Any],
) -> None:
    employer, staff = world["people"]["employer"], world["people"]["staff"]
    nanjing = _posting(world)
    other = _posting(world, city=City.objects.get(code="320500"))
    talents = [TalentProfileFactory() for _ in range(4)]
    applications = [
        funnel.application_invite(actor=employer, posting=nanjing, profile=p, message="欢迎")
        for p in talents[:3]
    ]
    applications.append(
        funnel.application_introduce(actor=staff, posting=other, profile=talents[3], note="推荐")
    )
    # One goes all the way to hired, one stops at an offer, one is closed after the interview.
    paths = (
        ("applied", "interview", "offer", "hired"),
        ("applied", "interview", "offer"),
        ("applied", "interview"),
    )
    for i, path in enumerate(paths):
        app = applications[i]
        for stage in path:
            actor = talents[i].user if stage == "applied" else employer
            app = funnel.application_move(actor=actor, application=app, to_stage=stage)
    funnel.application_move(
        actor=employer, application=app, to_stage="closed", close_reason="other"
    )
    for group in ("city", "industry", "channel"):
        assert tallied_funnel(group) == {(k or 0): v for k, v in raw_funnel(group).items()}, group
    city = stats.funnel_by("city", TODAY.replace(day=1), TODAY)
    assert [(r["matched"], r["hired"]) for r in city] == [(3, 1), (1, 0)]
    before = sorted(FunnelMonth.objects.values_list("month", "city_id", "matched", "hired"))
    tallies_rebuild()
    assert sorted(FunnelMonth.objects.values_list("month", "city_id", "matched", "hired")) == before
    assert ApplicationFact.objects.count() == 4


def test_demand_follows_publication_disciplines_withdrawal_and_expiry(
    world: dict[str, Any],
) -> None:
    computing, physics = discipline("0812"), discipline("0702", "物理学", "Physics")
    first = _posting(world, disciplines=[computing, physics])
    second = _posting(world, disciplines=[computing])
    draft = _posting(world, disciplines=[physics], publish=False)
    assert stats.demand_by_discipline() == {computing.pk: 2, physics.pk: 1}
    actions.posting_set_status(
        actor=world["people"]["employer"], posting=first, status=PostingStatus.WITHDRAWN
    )
    assert stats.demand_by_discipline() == {computing.pk: 1}
    JobPosting.objects.filter(pk=second.pk).update(valid_through=TODAY - datetime.timedelta(days=1))
    actions.postings_expire()
    assert stats.demand_by_discipline() == {}
    actions.posting_set_status(
        actor=world["people"]["employer"], posting=draft, status=PostingStatus.PUBLISHED
    )
    raw = {
        r["disciplines"]: r["n"]
        for r in JobPosting.objects.filter(
            status=PostingStatus.PUBLISHED, disciplines__isnull=False
        )
        .values("disciplines")
        .annotate(n=Count("pk"))
    }
    assert stats.demand_by_discipline() == raw == {physics.pk: 1}
    tallies_rebuild()
    assert stats.demand_by_discipline() == raw
    assert DemandMonth.objects.filter(count__lt=0).count() == 0
    assert DEMAND.sums(None, None, ("discipline_id",)) == {(physics.pk,): {"count": 1}}
