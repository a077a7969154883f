"""The annual assessment: province admins only, named Homes only, once a year; a suspension
needs reasons and takes the Home out of the directory; the province's page lists the Homes."""

from typing import Any

import pytest
from django.urls import reverse

from returnee_home.core.errors import ApplicationError, PermissionDeniedError
from returnee_home.naming import actions, selectors
from returnee_home.naming.models import AnnualAssessment
from returnee_home.naming.tests.conftest import client_for
from returnee_home.orgs.models import Home

pytestmark = pytest.mark.django_db
Outcome = AnnualAssessment.Outcome


def test_assessment_is_recorded_once_by_the_province(naming: dict[str, Any]) -> None:
    p, home = naming["people"], naming["home"]
    assert home.status == Home.Status.NAMED
    with pytest.raises(PermissionDeniedError):
        actions.assessment_record(actor=p["city"], home=home, year=2026, outcome=Outcome.GOOD)
    with pytest.raises(ApplicationError) as preparing:
        actions.assessment_record(
            actor=p["province"], home=naming["applicant"], year=2026, outcome=Outcome.GOOD
        )
    assert preparing.value.code == "not_named"
    assessment = actions.assessment_record(
        actor=p["province"], home=home, year=2026, outcome=Outcome.IMPROVE, notes="台账不全"
    )
    assert assessment.person_times is not None
    with pytest.raises(ApplicationError) as twice:
        actions.assessment_record(actor=p["province"], home=home, year=2026, outcome=Outcome.GOOD)
    assert twice.value.code == "assessed"
    assert [a.year for a in selectors.assessments_of_home(home)] == [2026]


def test_suspension_needs_reasons_and_suspends_the_home(naming: dict[str, Any]) -> None:
    p, home = naming["people"], naming["home"]
    with pytest.raises(ApplicationError) as bare:
        actions.assessment_record(
            actor=p["province"], home=home, year=2026, outcome=Outcome.SUSPENDED
        )
    assert bare.value.code == "notes_required"
    actions.assessment_record(
        actor=p["province"], home=home, year=2026, outcome=Outcome.SUSPENDED, notes="长期未开放"
    )
    home.refresh_from_db()
    assert home.status == Home.Status.SUSPENDED


def test_assessment_page_for_the_province_only(naming: dict[str, Any]) -> None:
    p, home = naming["people"], naming["home"]
    url = reverse("naming:assessments") + "?year=2026"
    assert client_for(p["city"]).get(url).status_code == 403
    province = client_for(p["province"])
    page = province.get(url)
    assert page.status_code == 200 and home.name_zh in page.content.decode()
    posted = province.post(
        reverse("naming:assessment_record", args=[home.pk]), {"year": "2026", "outcome": "good"}
    )
    assert posted.status_code == 302
    assert AnnualAssessment.objects.get(home=home, year=2026).outcome == Outcome.GOOD
