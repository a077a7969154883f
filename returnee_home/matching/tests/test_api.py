"""The matching API: matches with parts for a talent and a posting; errors as 4xx JSON."""

from typing import Any

import pytest

from returnee_home.matching import actions
from returnee_home.matching.tests.factories import JobPostingFactory, discipline
from returnee_home.orgs.tests.conftest import client_for
from returnee_home.talent.tests.factories import EducationFactory, TalentProfileFactory


@pytest.fixture
def pair(world: dict[str, Any]) -> tuple[Any, Any]:
    profile = TalentProfileFactory(user=world["people"]["talent"], skills=["机器学习", "Python"])
    EducationFactory(profile=profile, discipline=discipline("0812"))
    posting = JobPostingFactory(employer=world["employer"], title_en="ML engineer")
    actions.features_refresh(kind="talent", object_ids=[profile.pk])
    actions.features_refresh(kind="posting", object_ids=[posting.pk])
    return profile, posting


def test_my_postings_with_parts(pair: tuple[Any, Any]) -> None:
    profile, posting = pair
    response = client_for(profile.user).get("/api/v1/matching/me/postings?lang=en")
    assert response.status_code == 200
    body = response.json()
    assert body["direction"] == "talent_posting"
    first = body["matches"][0]
    assert first["id"] == posting.pk
    skills = next(p for p in first["parts"] if p["code"] == "skills")
    assert "machine learning" in skills["matched"]
    assert 0 < first["percent"] <= 100


def test_bad_mode_is_a_422_with_the_field(pair: tuple[Any, Any]) -> None:
    profile, _posting = pair
    response = client_for(profile.user).get("/api/v1/matching/me/postings?mode=loose")
    assert response.status_code == 422
    assert response.json()["fields"]["mode"]


def test_posting_talents_for_its_employer_only(
    world: dict[str, Any], pair: tuple[Any, Any]
) -> None:
    profile, posting = pair
    url = f"/api/v1/matching/postings/{posting.pk}/talents"
    ok = client_for(world["people"]["employer"]).get(url)
    assert ok.status_code == 200
    assert [m["id"] for m in ok.json()["matches"]] == [profile.pk]
    assert "王" not in str(ok.json())
    assert client_for(profile.user).get(url).status_code == 404
    assert client_for(world["people"]["staff"]).get(url).status_code == 200


def test_dismiss_through_the_api(pair: tuple[Any, Any]) -> None:
    profile, posting = pair
    client = client_for(profile.user)
    bad = client.post(
        f"/api/v1/matching/me/postings/{posting.pk}/dismiss",
        {"reason": "why"},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert bad.json()["code"] == "reason_invalid"
    done = client.post(
        f"/api/v1/matching/me/postings/{posting.pk}/dismiss",
        {"reason": "salary"},
        content_type="application/json",
    )
    assert done.status_code == 204
    assert client.get("/api/v1/matching/me/postings").json()["matches"] == []


def test_anonymous_callers_are_refused() -> None:
    from django.test import Client

    response = Client().get("/api/v1/matching/me/postings")
    assert response.status_code == 401
