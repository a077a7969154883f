"""API of events: the calendar and one event without authentication; register, cancel, take an
offered place and list one's registrations with a session; refusals as 4xx JSON with a reason;
the operations documented in the OpenAPI schema."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.events.models import EventStatus, Registration
from returnee_home.events.tests.factories import EventFactory, QuestionFactory
from returnee_home.orgs.tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_list_and_detail_are_public_and_filterable(world: dict[str, Any]) -> None:
    event = EventFactory(home=world["home"], kind="lecture", online_url="https://m.example.cn/x")
    EventFactory(home=world["other_home"], kind="forum")
    EventFactory(home=world["home"], status=EventStatus.DRAFT)
    body = Client().get("/api/v1/events").json()
    assert body["count"] == 2
    body = Client().get("/api/v1/events?city=320100&kind=lecture").json()
    assert [e["id"] for e in body["results"]] == [event.pk]
    assert (
        body["results"][0]["free"] is True and body["results"][0]["places_left"] == event.capacity
    )
    detail = Client().get(f"/api/v1/events/{event.pk}?lang=en").json()
    assert detail["title"] == event.title_en and detail["online_url"] is None
    assert detail["starts_at"].endswith("+08:00")


def test_bad_filters_and_unknown_event_answer_4xx_with_a_reason(world: dict[str, Any]) -> None:
    response = Client().get("/api/v1/events?kind=party")
    assert response.status_code == 400 and response.json()["fields"] == {"kind": "未知的活动类型。"}
    response = Client().get("/api/v1/events/999999")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_register_waitlist_cancel_and_offer_through_the_api(world: dict[str, Any]) -> None:
    event = EventFactory(home=world["home"], capacity=1, online_url="https://m.example.cn/room")
    first, second = UserFactory(), UserFactory()
    a, b = client_for(first), client_for(second)
    response = a.post(f"/api/v1/events/{event.pk}/register", {}, content_type="application/json")
    assert response.status_code == 201
    assert (
        response.json()["status"] == "confirmed"
        and response.json()["online_url"] == "https://m.example.cn/room"
    )
    again = a.post(
        f"/api/v1/events/{event.pk}/register?lang=en", {}, content_type="application/json"
    )
    assert again.status_code == 409
    assert again.json() == {
        "code": "already_registered",
        "message": "You are already registered for this event.",
        "fields": {},
    }
    waiting = b.post(
        f"/api/v1/events/{event.pk}/register", {}, content_type="application/json"
    ).json()
    assert waiting["status"] == "waitlisted" and waiting["online_url"] is None
    assert a.post(f"/api/v1/events/{event.pk}/cancel").json()["status"] == "cancelled"
    mine = b.get("/api/v1/events/registrations/mine").json()
    assert [r["status"] for r in mine] == ["offered"]
    taken = b.post(f"/api/v1/events/{event.pk}/accept").json()
    assert taken["status"] == "confirmed"
    assert a.post(f"/api/v1/events/{event.pk}/cancel").status_code == 409


def test_registration_refusals(world: dict[str, Any]) -> None:
    person = client_for(UserFactory())
    full = EventFactory(home=world["home"], capacity=1, has_waiting_list=False)
    Registration.objects.create(event=full, user=UserFactory(), status="confirmed", code="FULL01")
    response = person.post(
        f"/api/v1/events/{full.pk}/register", {}, content_type="application/json"
    )
    assert response.status_code == 409 and response.json()["code"] == "event_full"
    closed = EventFactory(
        home=world["home"], registration_closes_at=timezone.now() - dt.timedelta(minutes=5)
    )
    response = person.post(
        f"/api/v1/events/{closed.pk}/register", {}, content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["code"] == "registration_closed"
    asks = EventFactory(home=world["home"])
    question = QuestionFactory(event=asks, is_required=True)
    response = person.post(
        f"/api/v1/events/{asks.pk}/register", {"answers": {}}, content_type="application/json"
    )
    assert response.status_code == 400 and f"q{question.pk}" in response.json()["fields"]
    ok = person.post(
        f"/api/v1/events/{asks.pk}/register",
        {"answers": {str(question.pk): "南京大学"}},
        content_type="application/json",
    )
    assert ok.status_code == 201


def test_personal_endpoints_need_a_person(world: dict[str, Any]) -> None:
    event = EventFactory(home=world["home"])
    assert (
        Client()
        .post(f"/api/v1/events/{event.pk}/register", {}, content_type="application/json")
        .status_code
        == 401
    )
    assert Client().get("/api/v1/events/registrations/mine").status_code == 401
    assert client_for(UserFactory()).post(f"/api/v1/events/{event.pk}/cancel").status_code == 404


def test_openapi_documents_the_event_operations(db: Any) -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/events",
        "/api/v1/events/{event_id}",
        "/api/v1/events/{event_id}/register",
        "/api/v1/events/{event_id}/cancel",
        "/api/v1/events/registrations/mine",
    ):
        assert path in paths, path
