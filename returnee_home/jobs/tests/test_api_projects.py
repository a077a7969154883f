"""Talent projects through the API: the signed-in talent adds and edits their own projects;
codes are checked by field; nobody else edits them; organisation tokens cannot."""

from typing import Any

import pytest

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.jobs.models import TalentProject
from returnee_home.jobs.tests.conftest import client_for
from returnee_home.jobs.tests.test_api import _post, _token

pytestmark = pytest.mark.django_db

BODY = {
    "title_zh": "低功耗边缘AI芯片",
    "title_en": "Low-power edge AI chip",
    "field": "integrated_circuits",
    "disciplines": ["0809"],
    "summary": "面向工业传感器的低功耗神经网络加速芯片，已完成流片验证。",
    "keywords": ["芯片", "边缘计算"],
    "stage": "prototype",
    "team_size": 6,
    "funding_sought": 5000000,
    "preferred_cities": ["320500"],
    "cooperation_modes": ["investment", "park_founding"],
}


def _send(client: Any, method: str, path: str, body: dict[str, Any]) -> Any:
    return getattr(client, method)(f"/api/v1/jobs{path}", body, content_type="application/json")


def test_talent_adds_then_edits_own_project(world: dict[str, Any]) -> None:
    talent = client_for(world["people"]["talent"])
    answer = _send(talent, "post", "/projects", BODY)
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["title_zh"] == "低功耗边缘AI芯片" and body["field"] == "integrated_circuits"
    project = TalentProject.objects.get(pk=body["id"])
    assert project.owner == world["talent"] and project.status == "draft"
    assert [c.code for c in project.preferred_cities.all()] == ["320500"]
    answer = _send(talent, "put", f"/projects/{project.pk}", {**BODY, "stage": "pilot"})
    assert answer.status_code == 200 and answer.json()["stage"] == "pilot"


def test_unknown_codes_are_named_and_nothing_is_saved(world: dict[str, Any]) -> None:
    talent = client_for(world["people"]["talent"])
    answer = _send(talent, "post", "/projects", {**BODY, "field": "no_such_cluster"})
    assert answer.status_code == 400
    assert "field" in answer.json()["fields"]
    answer = _send(talent, "post", "/projects", {**BODY, "stage": "unicorn"})
    assert answer.status_code in (400, 422)
    assert not TalentProject.objects.exists()


def test_nobody_else_edits_a_project(world: dict[str, Any]) -> None:
    owner = client_for(world["people"]["talent"])
    project_id = _send(owner, "post", "/projects", BODY).json()["id"]
    other = client_for(world["people"]["other_talent"])
    answer = _send(other, "put", f"/projects/{project_id}", {**BODY, "title_zh": "改名"})
    assert answer.status_code == 404
    assert TalentProject.objects.get(pk=project_id).title_zh == BODY["title_zh"]


def test_a_person_without_a_profile_or_an_organisation_token_cannot_add(
    world: dict[str, Any],
) -> None:
    answer = _send(client_for(UserFactory()), "post", "/projects", BODY)
    assert answer.status_code == 409
    answer = _post(_token(world, world["employer"]), "/projects", BODY)
    assert answer.status_code in (401, 403)
    assert not TalentProject.objects.exists()
