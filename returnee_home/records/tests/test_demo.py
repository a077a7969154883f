"""seed_demo makes a year of service records with ratings and follow-ups in every state, and
the demo talent's records; a second run adds nothing."""

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from returnee_home.accounts.models import User
from returnee_home.core.demo.registry import SCALES, DemoContext
from returnee_home.orgs.models import Home
from returnee_home.records import demo
from returnee_home.records.models import FollowUp, Rating, ServiceRecord

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "records": ServiceRecord.objects.count(),
        "ratings": Rating.objects.count(),
        "follow_ups": FollowUp.objects.count(),
    }


def test_seed_demo_makes_records_ratings_and_follow_ups_once() -> None:
    call_command("seed_demo", scale="tiny", seed=11, stdout=StringIO())
    first = counts()
    assert (
        ServiceRecord.objects.filter(source_type=demo.SOURCE_TYPE).count()
        == (demo.RECORDS_BY_SCALE["tiny"])
    )
    today = timezone.localdate()
    assert not ServiceRecord.objects.filter(served_on__gt=today).exists()
    assert ServiceRecord.objects.filter(served_on__lt=today.replace(day=1)).exists()
    levels = list(Rating.objects.filter(round=1).values_list("level", flat=True))
    satisfied = sum(1 for level in levels if level >= 4)
    assert satisfied / len(levels) > 0.7
    assert set(FollowUp.objects.values_list("status", flat=True)) == set(FollowUp.Status.values)
    assert any(f.is_overdue(today) for f in FollowUp.objects.all())
    assert Rating.objects.filter(round=2).exists()

    talent = User.objects.get(email="talent@demo.returnee.home")
    mine = ServiceRecord.objects.filter(person=talent, source_type=demo.TALENT_SOURCE_TYPE)
    assert mine.count() == 5 and mine.filter(ratings__isnull=True).exists()
    assert FollowUp.objects.filter(
        rating__record__person=talent, status=FollowUp.Status.RESOLVED
    ).exists()

    call_command("seed_demo", scale="tiny", seed=11, stdout=StringIO())
    ctx = DemoContext(
        seed=11,
        scale=SCALES["tiny"],
        password_hash="!",
        shared={
            "demo_users": {"talent": talent},
            "demo_home": Home.objects.get(carrier__memberships__user=_manager()),
        },
        log=lambda _line: None,
    )
    demo.seed(ctx)
    assert counts() == first


def _manager() -> Any:
    return User.objects.get(email="manager@demo.returnee.home")
