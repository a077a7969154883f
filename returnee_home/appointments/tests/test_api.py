"""The appointments API: public free slots, the caller's own appointments, book and cancel with
the session; errors in the shared shape."""

from typing import Any

import pytest
from django.test import Client

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.appointments.models import Booking, BookingStatus
from returnee_home.appointments.tests.conftest import client_for
from returnee_home.appointments.tests.factories import WeeklyScheduleFactory

pytestmark = pytest.mark.django_db
BASE = "/api/v1/appointments"


@pytest.fixture
def bookable(desk: dict[str, Any]) -> dict[str, Any]:
    WeeklyScheduleFactory(window=desk["window"], weekday=0)
    return desk


def test_free_slots_are_public(bookable: dict[str, Any]) -> None:
    params = {
        "home": bookable["home"].slug,
        "item": bookable["item"].pk,
        "date": bookable["day"].isoformat(),
    }
    response = Client().get(f"{BASE}/slots", params)
    assert response.status_code == 200
    assert [s["id"] for s in response.json()] == [s.pk for s in bookable["slots"]]
    missing = Client().get(f"{BASE}/slots", {**params, "home": "nowhere"})
    assert missing.status_code == 404
    assert set(missing.json()) == {"code", "message", "fields"}


def test_book_list_and_cancel_with_the_session(bookable: dict[str, Any]) -> None:
    client = client_for(bookable["people"]["talent"])
    body = {
        "home": bookable["home"].slug,
        "item": bookable["item"].pk,
        "slot": bookable["slots"][0].pk,
    }
    response = client.post(f"{BASE}/bookings", body, content_type="application/json")
    assert response.status_code == 201, response.content
    code = response.json()["code"]
    mine = client.get(f"{BASE}/mine").json()
    assert [b["code"] for b in mine] == [code]
    taken = client_for(UserFactory()).post(
        f"{BASE}/bookings", body, content_type="application/json"
    )
    assert taken.status_code == 409
    assert taken.json()["code"] == "slot_taken"
    assert "slot" in taken.json()["fields"]
    cancelled = client.post(f"{BASE}/bookings/{code}/cancel")
    assert cancelled.status_code == 200
    assert Booking.objects.get().status == BookingStatus.CANCELLED


def test_private_endpoints_need_a_person(bookable: dict[str, Any]) -> None:
    assert Client().get(f"{BASE}/mine").status_code == 401
    booking_client = client_for(bookable["people"]["talent"])
    body = {
        "home": bookable["home"].slug,
        "item": bookable["item"].pk,
        "slot": bookable["slots"][0].pk,
    }
    code = booking_client.post(f"{BASE}/bookings", body, content_type="application/json").json()[
        "code"
    ]
    other = client_for(UserFactory()).post(f"{BASE}/bookings/{code}/cancel")
    assert other.status_code == 404
    assert Booking.objects.get().status == BookingStatus.BOOKED


def _bearer(user: Any, scope: str) -> dict[str, str]:
    from datetime import timedelta

    from django.utils import timezone

    from returnee_home.api import actions as api_actions

    _row, text = api_actions.personal_token_create(
        user=user, name="t", scope=scope, expires_at=timezone.now() + timedelta(days=3)
    )
    return {"HTTP_AUTHORIZATION": f"Bearer {text}"}


def test_book_and_cancel_with_a_personal_token(bookable: dict[str, Any]) -> None:
    talent = bookable["people"]["talent"]
    body = {
        "home": bookable["home"].slug,
        "item": bookable["item"].pk,
        "slot": bookable["slots"][0].pk,
    }
    read_only = _bearer(talent, "read")
    refused = Client().post(f"{BASE}/bookings", body, content_type="application/json", **read_only)
    assert refused.status_code == 403
    assert refused.json()["code"] == "insufficient_scope"
    assert not Booking.objects.exists()
    write = _bearer(talent, "write")
    booked = Client().post(f"{BASE}/bookings", body, content_type="application/json", **write)
    assert booked.status_code == 201, booked.content
    code = booked.json()["code"]
    assert [b["code"] for b in Client().get(f"{BASE}/mine", **read_only).json()] == [code]
    # Another person's token neither sees nor cancels it.
    stranger = _bearer(UserFactory(), "write")
    assert Client().get(f"{BASE}/mine", **stranger).json() == []
    assert Client().post(f"{BASE}/bookings/{code}/cancel", **stranger).status_code == 404
    assert Client().post(f"{BASE}/bookings/{code}/cancel", **write).status_code == 200
    assert Booking.objects.get().status == BookingStatus.CANCELLED
