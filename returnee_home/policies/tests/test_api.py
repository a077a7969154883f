"""The API: policy search and detail (public), benefits for the signed-in talent."""

from typing import Any

from django.test import Client
from django.utils import timezone

from returnee_home.policies.models import ConditionKind
from returnee_home.policies.tests.factories import (
    BenefitFactory,
    InterpretationFactory,
    PolicyFactory,
    condition,
)
from returnee_home.talent.tests.factories import EducationFactory, TalentProfileFactory

from .conftest import client_for


def test_search_ranks_and_highlights(db: Any, client: Client) -> None:
    policy = PolicyFactory()
    InterpretationFactory(policy=policy)
    PolicyFactory(is_published=False, title_zh="人才公寓草稿")
    body = client.get("/api/v1/policies", {"q": "人才公寓"}).json()
    assert body["total"] == 2
    kinds = {item["kind"] for item in body["items"]}
    assert kinds == {"policy", "interpretation"}
    assert all(item["policy"]["id"] == policy.pk for item in body["items"])
    assert (
        "<mark>人才公寓</mark>" in body["items"][0]["title_html"] + body["items"][1]["title_html"]
    )


def test_search_in_english(db: Any, client: Client) -> None:
    policy = PolicyFactory()
    body = client.get("/api/v1/policies", {"q": "talent apartments"}).json()
    assert [item["policy"]["id"] for item in body["items"]] == [policy.pk]


def test_bad_filters_answer_400_with_field(db: Any, client: Client) -> None:
    response = client.get("/api/v1/policies", {"level": "galactic", "lang": "en"})
    assert response.status_code == 400
    assert response.json()["fields"] == {"level": "Unknown policy level."}
    response = client.get("/api/v1/policies", {"limit": 1000})
    assert response.status_code in (400, 422)
    assert "limit" in str(response.json()["fields"])


def test_detail_and_unpublished(db: Any, client: Client) -> None:
    policy = PolicyFactory()
    benefit = BenefitFactory(policy=policy)
    condition(benefit, ConditionKind.AGE_MAX, number=40)
    body = client.get(f"/api/v1/policies/{policy.pk}", {"lang": "en"}).json()
    assert body["document_number"] == policy.document_number
    assert body["benefits"][0]["conditions"] == [{"kind": "age_max", "text": "Aged 40 or under"}]
    draft = PolicyFactory(is_published=False)
    response = client.get(f"/api/v1/policies/{draft.pk}")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_benefits_need_a_signed_in_talent(world: dict[str, Any], client: Client) -> None:
    assert client.get("/api/v1/benefits").status_code == 401
    response = client_for(world["people"]["talent"]).get("/api/v1/benefits")
    assert response.status_code == 404
    assert response.json()["code"] == "no_talent_profile"


def test_benefits_for_the_talent(world: dict[str, Any]) -> None:
    talent = world["people"]["talent"]
    profile = TalentProfileFactory(user=talent, birth_year=1990)
    EducationFactory(profile=profile, verified=True)
    yes = BenefitFactory()
    condition(yes, ConditionKind.AGE_MAX, number=45)
    no = BenefitFactory(title_en="Only for the young")
    condition(no, ConditionKind.AGE_MAX, number=25)
    body = client_for(talent).get("/api/v1/benefits", {"lang": "en"}).json()
    assert [r["benefit"]["id"] for r in body] == [yes.pk]
    assert body[0]["outcome"] == "met"
    age = timezone.localdate().year - 1990
    assert body[0]["reasons"] == [f"You are {age}, within the age limit of 45."]
    everything = client_for(talent).get("/api/v1/benefits", {"include_not_met": True}).json()
    assert {r["benefit"]["id"] for r in everything} == {yes.pk, no.pk}


def test_openapi_documents_the_routes(db: Any, client: Client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/policies", "/api/v1/policies/{policy_id}", "/api/v1/benefits"} <= set(paths)
