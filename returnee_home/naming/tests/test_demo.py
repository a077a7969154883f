"""seed_demo adds the closed 2021 batch (its named Homes linked, returns, rejections and an
answered objection) and an open batch with applications in several states, built through the
actions; a second run adds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from returnee_home.core.audit import AuditRecord
from returnee_home.naming import demo
from returnee_home.naming.models import (
    AnnualAssessment,
    Application,
    ApplicationEvent,
    ExpertAssignment,
    NamingBatch,
    Objection,
)
from returnee_home.orgs.models import Home

S = Application.State
pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "batches": NamingBatch.objects.count(),
        "applications": Application.objects.count(),
        "events": ApplicationEvent.objects.count(),
        "assignments": ExpertAssignment.objects.count(),
        "objections": Objection.objects.count(),
        "assessments": AnnualAssessment.objects.count(),
    }


def test_seed_demo_makes_both_batches_once() -> None:
    call_command("seed_demo", scale="tiny", seed=11, stdout=StringIO())
    first = NamingBatch.objects.get(year=demo.FIRST_YEAR, number=1)
    assert first.status == NamingBatch.Status.NAMED
    named_homes = set(
        Home.objects.filter(batch_label=demo.FIRST_LABEL).values_list("pk", flat=True)
    )
    named = first.applications.filter(state=S.NAMED)
    assert set(named.values_list("home_id", flat=True)) == named_homes
    assert all(a.plaque_number == a.home.plaque_number for a in named.select_related("home"))
    assert first.applications.filter(state=S.REJECTED).count() == 2
    assert ApplicationEvent.objects.filter(
        application__batch=first, transition="city_return"
    ).exists()
    objections = {o.status: o for o in Objection.objects.filter(application__batch=first)}
    assert set(objections) == {Objection.Status.DISMISSED, Objection.Status.UPHELD}
    assert all(o.answer for o in objections.values())
    removed = objections[Objection.Status.UPHELD].application
    assert removed.state == S.REMOVED and not removed.plaque_number
    # The removed carrier applies again in the open batch.
    assert Application.objects.filter(carrier=removed.carrier).count() == 2

    second = NamingBatch.objects.get(status=NamingBatch.Status.OPEN)
    states = set(second.applications.values_list("state", flat=True))
    assert states == set(demo.OPEN_STATES.values())
    # Every state an application can reach while its batch is open (the notice, removal and
    # naming follow the batch's closing; the 2021 batch holds named applications).
    assert states == set(S.values) - {S.IN_NOTICE, S.REMOVED, S.NAMED}
    assert second.applications.get(state=S.RETURNED_TO_CITY).city.code == "320100"
    assert AuditRecord.objects.filter(action="naming.submit").exists()
    waiting = ExpertAssignment.objects.filter(
        expert__email="expert@demo.returnee.home", submitted_at__isnull=True
    )
    assert waiting.filter(application__state=S.EXPERT_REVIEW).exists()

    assert AnnualAssessment.objects.filter(home__batch_label=demo.FIRST_LABEL).count() == (
        named.count()
    )

    before = counts()
    call_command("seed_demo", scale="tiny", seed=11, stdout=StringIO())
    assert counts() == before
