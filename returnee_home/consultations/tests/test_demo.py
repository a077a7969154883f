"""seed_demo makes questions in every state, some handed over, and the demo talent's own; a
second run adds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from returnee_home.accounts.models import User
from returnee_home.consultations import demo
from returnee_home.consultations.models import Consultation, Handover
from returnee_home.core.demo.registry import SCALES, DemoContext
from returnee_home.orgs.models import Home

pytestmark = pytest.mark.django_db


def test_seed_demo_makes_questions_in_every_state_once() -> None:
    call_command("seed_demo", scale="tiny", seed=11, stdout=StringIO())
    first = (Consultation.objects.count(), Handover.objects.count())
    assert first[0] >= demo.QUESTIONS_BY_SCALE["tiny"]
    assert set(Consultation.objects.values_list("status", flat=True)) == set(
        Consultation.Status.values
    )
    today = timezone.localdate()
    assert any(c.is_overdue(today) for c in Consultation.objects.all())
    assert Consultation.objects.filter(home__isnull=True).exists()
    assert first[1] > 0
    talent = User.objects.get(email="talent@demo.returnee.home")
    statuses = set(Consultation.objects.filter(asker=talent).values_list("status", flat=True))
    assert {Consultation.Status.OPEN, Consultation.Status.ANSWERED} <= statuses

    call_command("seed_demo", scale="tiny", seed=11, stdout=StringIO())
    manager = User.objects.get(email="manager@demo.returnee.home")
    ctx = DemoContext(
        seed=11,
        scale=SCALES["tiny"],
        password_hash="!",
        shared={
            "demo_users": {"talent": talent},
            "demo_home": Home.objects.get(carrier__memberships__user=manager),
        },
        log=lambda _line: None,
    )
    demo.seed(ctx)
    assert (Consultation.objects.count(), Handover.objects.count()) == first
