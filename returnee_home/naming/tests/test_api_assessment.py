"""The annual assessment and named-Homes parts of the naming API: reads scoped to the caller
(person or token), province admins record outcomes, refusals in the shared error shape."""

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from returnee_home.api.actions import api_token_create
from returnee_home.naming import actions
from returnee_home.naming.models import AnnualAssessment, Application
from returnee_home.naming.tests.conftest import advance, client_for

pytestmark = pytest.mark.django_db
Outcome = AnnualAssessment.Outcome
BASE = "/api/v1/naming"


def ids(response: Any) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def post(client: Client, body: dict[str, Any]) -> Any:
    return client.post(f"{BASE}/assessments", json.dumps(body), content_type="application/json")


@pytest.fixture
def assessed(naming: dict[str, Any]) -> dict[str, Any]:
    province = naming["people"]["province"]
    nanjing = actions.assessment_record(
        actor=province, home=naming["home"], year=2025, outcome=Outcome.GOOD
    )
    suzhou = actions.assessment_record(
        actor=province,
        home=naming["other_home"],
        year=2025,
        outcome=Outcome.IMPROVE,
        notes="需加强台账",
    )
    return {**naming, "nanjing_assessment": nanjing, "suzhou_assessment": suzhou}


def test_assessments_are_scoped_to_the_person(assessed: dict[str, Any]) -> None:
    p = assessed["people"]
    both = {assessed["nanjing_assessment"].pk, assessed["suzhou_assessment"].pk}
    assert ids(client_for(p["province"]).get(f"{BASE}/assessments")) == both
    assert ids(client_for(p["city"]).get(f"{BASE}/assessments")) == {
        assessed["nanjing_assessment"].pk
    }
    assert ids(client_for(p["manager"]).get(f"{BASE}/assessments")) == {
        assessed["nanjing_assessment"].pk
    }
    for outsider in (p["talent"], p["partner"], p["expert"]):
        assert ids(client_for(outsider).get(f"{BASE}/assessments")) == set()
    suzhou = assessed["suzhou_assessment"].pk
    assert client_for(p["city"]).get(f"{BASE}/assessments/{suzhou}").status_code == 404
    detail = client_for(p["province"]).get(f"{BASE}/assessments/{suzhou}").json()
    assert detail["outcome"] == "improve" and detail["home"] == assessed["other_home"].code
    assert Client().get(f"{BASE}/assessments").status_code == 401
    filtered = client_for(p["province"]).get(f"{BASE}/assessments?outcome=improve&year=2025")
    assert ids(filtered) == {suzhou}
    bad = client_for(p["province"]).get(f"{BASE}/assessments?outcome=excellent")
    assert bad.status_code == 400 and "outcome" in bad.json()["fields"]


def test_a_city_admins_personal_token_sees_what_their_session_sees(
    assessed: dict[str, Any],
) -> None:
    import datetime as dt

    from django.utils import timezone

    from returnee_home.api.actions import personal_token_create

    city_admin = assessed["people"]["city"]
    _token, text = personal_token_create(
        user=city_admin,
        name="report",
        scope="read",
        expires_at=timezone.now() + dt.timedelta(days=7),
    )
    answer = Client().get(f"{BASE}/assessments", HTTP_AUTHORIZATION=f"Bearer {text}")
    assert answer.status_code == 200
    assert ids(answer) == {assessed["nanjing_assessment"].pk}
    suzhou = assessed["suzhou_assessment"].pk
    answer = Client().get(f"{BASE}/assessments/{suzhou}", HTTP_AUTHORIZATION=f"Bearer {text}")
    assert answer.status_code == 404


def test_assessments_by_token_speak_for_the_organisation(assessed: dict[str, Any]) -> None:
    p = assessed["people"]

    def token(user: Any, organisation: Any) -> dict[str, str]:
        _token, text = api_token_create(actor=user, organisation=organisation, name="系统")
        return {"HTTP_AUTHORIZATION": f"Bearer {text}"}

    province = token(p["province"], assessed["province"])
    city = token(p["city"], assessed["bureau"])
    home = token(p["manager"], assessed["home"].carrier)
    assert len(ids(Client().get(f"{BASE}/assessments", **province))) == 2
    assert ids(Client().get(f"{BASE}/assessments", **city)) == {assessed["nanjing_assessment"].pk}
    assert ids(Client().get(f"{BASE}/assessments", **home)) == {assessed["nanjing_assessment"].pk}
    # Recording is for a province admin in person, not for a system's token.
    response = Client().post(
        f"{BASE}/assessments",
        json.dumps({"home": assessed["home"].code, "year": 2026, "outcome": "good"}),
        content_type="application/json",
        **province,
    )
    assert response.status_code == 401


def test_province_records_and_others_are_refused(naming: dict[str, Any]) -> None:
    p, home = naming["people"], naming["home"]
    body = {"home": home.code, "year": 2025, "outcome": "good", "notes": ""}
    for who in ("city", "manager", "talent"):
        response = post(client_for(p[who]), body)
        assert response.status_code == 403, who
        assert set(response.json()) == {"code", "message", "fields"}
    assert not AnnualAssessment.objects.exists()
    province = client_for(p["province"])
    response = post(province, {**body, "outcome": "suspended"})
    assert response.status_code == 400 and "notes" in response.json()["fields"]
    response = post(province, body)
    assert response.status_code == 201, response.content
    assert response.json()["outcome"] == "good" and response.json()["year"] == 2025
    assert post(province, body).status_code == 409
    assert post(province, {**body, "home": "NOPE"}).status_code == 404
    assert AnnualAssessment.objects.count() == 1


def test_named_homes_of_a_batch(naming: dict[str, Any]) -> None:
    app = advance(naming, Application.State.IN_NOTICE)
    batch = app.batch
    assert Client().get(f"{BASE}/batches/{batch.pk}/named").json() == []
    batch.refresh_from_db()
    later = batch.notice_ends_on + dt.timedelta(days=1)
    actions.batch_name(actor=naming["people"]["province"], batch=batch, named_on=later)
    rows = Client().get(f"{BASE}/batches/{batch.pk}/named").json()
    app.refresh_from_db()
    assert [r["plaque_number"] for r in rows] == [app.plaque_number]
    assert rows[0]["batch_label"] == batch.label and rows[0]["home"] == app.home.code
