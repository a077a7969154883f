"""The consultations API: submitting (translated errors), a person's own questions, and the
staff's list and answer, by session or personal API token; other Homes' questions are 404."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.api import actions as api_actions
from returnee_home.consultations import actions
from returnee_home.consultations.models import Consultation
from returnee_home.core.models import ServiceCategory
from returnee_home.orgs.tests.conftest import client_for

pytestmark = pytest.mark.django_db
BASE = "/api/v1/consultations"


def _token(user: Any, scope: str = "write") -> dict[str, str]:
    _row, text = api_actions.personal_token_create(
        user=user, name="t", scope=scope, expires_at=timezone.now() + timedelta(days=3)
    )
    return {"HTTP_AUTHORIZATION": f"Bearer {text}"}


def _ask(world: dict[str, Any], asker: Any, home: Any) -> Consultation:
    consultation, _token_text = actions.consultation_ask(
        asker=asker,
        home=home,
        category=ServiceCategory.objects.first(),
        item=None,
        language="zh-hans",
        subject="落户",
        question="留学回国人员如何落户？",
        email="",
        ip_address="10.0.0.2",
    )
    return consultation


def test_unknown_category_is_explained_in_the_callers_language(world: dict[str, Any]) -> None:
    body = {"category": "nope", "subject": "s", "question": "q", "email": "a@example.com"}
    response = Client().post(f"{BASE}?lang=en", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_category"
    assert response.json()["fields"]["category"] == "Unknown service category."


def test_an_asker_reads_their_own_questions_with_a_token(world: dict[str, Any]) -> None:
    talent = world["people"]["talent"]
    mine = _ask(world, talent, world["home"])
    _ask(world, UserFactory(), world["home"])
    response = Client().get(f"{BASE}/mine", **_token(talent, scope="read"))
    assert response.status_code == 200, response.content
    assert [c["id"] for c in response.json()["items"]] == [mine.pk]
    assert response.json()["items"][0]["home"] == world["home"].slug


def test_staff_list_and_answer_their_homes_questions(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    talent = world["people"]["talent"]
    ours = _ask(world, talent, world["home"])
    theirs = _ask(world, talent, world["other_home"])
    staff = _token(world["people"]["staff"])
    listed = Client().get(f"{BASE}/workbench", **staff)
    assert [c["id"] for c in listed.json()["items"]] == [ours.pk]
    path = f"{BASE}/workbench/{theirs.pk}/answer"
    other = Client().post(path, {"answer": "x"}, content_type="application/json", **staff)
    assert other.status_code == 404
    empty = Client().post(
        f"{BASE}/workbench/{ours.pk}/answer",
        {"answer": " "},
        content_type="application/json",
        **staff,
    )
    assert empty.status_code == 400 and "answer" in empty.json()["fields"]
    with django_capture_on_commit_callbacks(execute=True):
        answered = Client().post(
            f"{BASE}/workbench/{ours.pk}/answer",
            {"answer": "请到市人才服务中心办理。"},
            content_type="application/json",
            **staff,
        )
    assert answered.status_code == 200, answered.content
    assert answered.json()["status"] == "answered"
    again = Client().post(
        f"{BASE}/workbench/{ours.pk}/answer",
        {"answer": "再答"},
        content_type="application/json",
        **staff,
    )
    assert again.status_code == 409
    theirs.refresh_from_db()
    assert theirs.status == Consultation.Status.OPEN


def test_people_who_do_not_answer_questions_get_403(world: dict[str, Any]) -> None:
    for name in ("talent", "employer", "city"):
        response = Client().get(f"{BASE}/workbench", **_token(world["people"][name]))
        assert response.status_code == 403, name


def test_a_read_only_token_cannot_answer(world: dict[str, Any]) -> None:
    ours = _ask(world, world["people"]["talent"], world["home"])
    response = Client().post(
        f"{BASE}/workbench/{ours.pk}/answer",
        {"answer": "x"},
        content_type="application/json",
        **_token(world["people"]["staff"], scope="read"),
    )
    assert response.status_code == 403
    assert response.json()["code"] == "insufficient_scope"


def test_the_session_works_too(world: dict[str, Any]) -> None:
    ours = _ask(world, world["people"]["talent"], world["home"])
    response = client_for(world["people"]["manager"]).get(f"{BASE}/workbench")
    assert [c["id"] for c in response.json()["items"]] == [ours.pk]
    assert Client().get(f"{BASE}/mine").status_code == 401
