"""Pages of appointments: the booking journey, the counter, the hours, and every role boundary
(another Home's staff, a talent, another person → 404/403); fixed query counts on lists."""

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.appointments import actions
from returnee_home.appointments.models import Booking, BookingStatus, Visit, VisitStatus
from returnee_home.appointments.tests.conftest import client_for
from returnee_home.appointments.tests.factories import SlotFactory, WeeklyScheduleFactory
from returnee_home.records.models import ServiceRecord

pytestmark = pytest.mark.django_db


def _en(name: str, *args: Any) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def _book(desk: dict[str, Any], person: Any = None, index: int = 0) -> Booking:
    return actions.booking_create(
        person=person or desk["people"]["talent"],
        home=desk["home"],
        item=desk["item"],
        slot_id=desk["slots"][index].pk,
    )


def test_talent_books_through_the_pages(desk: dict[str, Any]) -> None:
    WeeklyScheduleFactory(window=desk["window"], weekday=0)  # makes the Home bookable
    client = client_for(desk["people"]["talent"])
    url = reverse("appointments:book")
    assert client.get(url).status_code == 200
    params = {"home": desk["home"].pk, "item": desk["item"].pk, "day": desk["day"].isoformat()}
    page = client.get(url, params)
    assert page.status_code == 200
    assert len(page.context["slots"]) == 4
    response = client.post(url, {**params, "slot": desk["slots"][1].pk, "note": "带护照"})
    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("appointments:detail", kwargs={"code": booking.code})
    detail = client.get(response["Location"])
    assert booking.code in detail.content.decode()
    mine = client.get(reverse("appointments:mine"))
    assert mine.context["upcoming"] == [booking]


def test_booking_a_taken_slot_shows_the_error_in_english(desk: dict[str, Any]) -> None:
    WeeklyScheduleFactory(window=desk["window"], weekday=0)
    _book(desk, person=UserFactory())
    client = client_for(desk["people"]["talent"])
    params = {"home": desk["home"].pk, "item": desk["item"].pk, "day": desk["day"].isoformat()}
    response = client.post(_en("appointments:book"), {**params, "slot": desk["slots"][0].pk})
    assert response.status_code == 200
    assert "just taken" in response.content.decode()
    assert Booking.objects.count() == 1


def test_cancel_and_reschedule_pages(desk: dict[str, Any]) -> None:
    booking = _book(desk)
    client = client_for(desk["people"]["talent"])
    move = reverse("appointments:reschedule", kwargs={"code": booking.code})
    page = client.get(move, {"day": desk["day"].isoformat()})
    assert page.status_code == 200
    client.post(move, {"day": desk["day"].isoformat(), "slot": desk["slots"][3].pk})
    assert Booking.objects.get().slot_id == desk["slots"][3].pk
    client.post(reverse("appointments:cancel", kwargs={"code": booking.code}))
    assert Booking.objects.get().status == BookingStatus.CANCELLED


def test_another_persons_booking_is_404(desk: dict[str, Any]) -> None:
    booking = _book(desk)
    other = client_for(UserFactory())
    for name in ("detail", "reschedule"):
        assert other.get(reverse(f"appointments:{name}", args=[booking.code])).status_code == 404
    assert other.post(reverse("appointments:cancel", args=[booking.code])).status_code == 404
    assert Booking.objects.get().status == BookingStatus.BOOKED


def test_staff_check_in_call_serve_close(desk: dict[str, Any], monkeypatch) -> None:
    booking = _book(desk)
    # The check-in happens on the appointment's day.
    monkeypatch.setattr(
        "returnee_home.appointments.actions.timezone.now",
        lambda: booking.slot.starts_at - dt.timedelta(minutes=10),
    )
    home = desk["home"]
    staff = client_for(desk["people"]["staff"])
    counter = reverse("appointments:counter", kwargs={"home_id": home.pk})
    assert staff.get(counter).status_code == 200
    bad = staff.post(reverse("appointments:check_in", args=[home.pk]), {"code": "ZZZZZZ"})
    assert bad.status_code == 400
    assert "ZZZZZZ" in bad.content.decode()  # input kept
    response = staff.post(reverse("appointments:check_in", args=[home.pk]), {"code": booking.code})
    assert response.status_code == 302
    visit = Visit.objects.get()
    staff.post(reverse("appointments:call_next", args=[home.pk]), {"window": desk["window"].pk})
    assert Visit.objects.get().status == VisitStatus.CALLED
    staff.post(reverse("appointments:visit_serve", args=[home.pk, visit.pk]))
    close = reverse("appointments:visit_close", args=[home.pk, visit.pk])
    assert staff.post(close, {}).status_code == 400
    staff.post(close, {"items": [desk["item"].pk, desk["second"].pk]})
    assert Visit.objects.get().status == VisitStatus.CLOSED
    assert ServiceRecord.objects.filter(channel="counter").count() == 2


def test_walk_in_form_errors_are_per_field(desk: dict[str, Any]) -> None:
    staff = client_for(desk["people"]["staff"])
    url = reverse("appointments:walk_in", args=[desk["home"].pk])
    response = staff.post(
        _en("appointments:walk_in", desk["home"].pk), {"contact": "nobody@example.org"}
    )
    assert response.status_code == 400
    assert "No account has this e-mail address or number." in response.content.decode()
    response = staff.post(url, {"contact": desk["people"]["talent"].email})
    assert response.status_code == 302
    assert Visit.objects.get().person == desk["people"]["talent"]


@pytest.mark.parametrize("who", ["other_staff", "talent", "employer", "city"])
def test_counter_is_closed_to_others(desk: dict[str, Any], who: str) -> None:
    user = desk["other_staff"].user if who == "other_staff" else desk["people"][who]
    booking = _book(desk)
    visit = actions.visit_walk_in(actor=None, home=desk["home"], name="访客")
    client = client_for(user)
    home_id = desk["home"].pk
    assert client.get(reverse("appointments:counter", args=[home_id])).status_code == 404
    post = client.post(reverse("appointments:check_in", args=[home_id]), {"code": booking.code})
    assert post.status_code == 404
    urls = [
        reverse("appointments:walk_in", args=[home_id]),
        reverse("appointments:call_next", args=[home_id]),
        reverse("appointments:visit_serve", args=[home_id, visit.pk]),
        reverse("appointments:visit_close", args=[home_id, visit.pk]),
        reverse("appointments:no_show", args=[home_id, booking.pk]),
    ]
    for url in urls:
        assert client.post(url, {"name": "x", "window": desk["window"].pk}).status_code == 404
    assert Booking.objects.get().status == BookingStatus.BOOKED
    assert Visit.objects.get().status == VisitStatus.WAITING


def test_other_homes_visit_is_404_for_own_staff(desk: dict[str, Any]) -> None:
    other_visit = actions.visit_walk_in(actor=None, home=desk["other_home"], name="访客")
    staff = client_for(desk["people"]["staff"])
    url = reverse("appointments:visit_serve", args=[desk["home"].pk, other_visit.pk])
    assert staff.post(url).status_code == 404


def test_schedule_is_for_the_manager(desk: dict[str, Any]) -> None:
    url = reverse("appointments:schedule", args=[desk["home"].pk])
    assert client_for(desk["people"]["staff"]).get(url).status_code == 403
    assert client_for(desk["other_staff"].user).get(url).status_code == 404
    assert client_for(desk["people"]["talent"]).get(url).status_code == 404
    manager = client_for(desk["people"]["manager"])
    assert manager.get(url).status_code == 200
    add = reverse("appointments:schedule_add", args=[desk["home"].pk])
    bad = manager.post(
        add,
        {
            "window": desk["window"].pk,
            "weekday": 0,
            "start": "11:00",
            "end": "09:00",
            "slot_minutes": 30,
        },
    )
    assert bad.status_code == 400
    ok = manager.post(
        add,
        {
            "window": desk["window"].pk,
            "weekday": 2,
            "start": "09:00",
            "end": "11:00",
            "slot_minutes": 30,
        },
    )
    assert ok.status_code == 302


def test_my_appointments_query_count_is_fixed(desk: dict[str, Any]) -> None:
    talent = desk["people"]["talent"]
    client = client_for(talent)
    url = reverse("appointments:mine")
    _book(desk)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(1, 4):
        _book(desk, index=i)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_counter_query_count_is_fixed(desk: dict[str, Any]) -> None:
    staff = client_for(desk["people"]["staff"])
    url = reverse("appointments:counter", args=[desk["home"].pk])
    actions.visit_walk_in(actor=None, home=desk["home"], name="访客1")
    staff.get(url)
    with CaptureQueriesContext(connection) as few:
        staff.get(url)
    for i in range(5):
        actions.visit_walk_in(actor=None, home=desk["home"], name=f"访客{i + 2}")
        _book(desk, person=UserFactory(), index=i % 4) if i < 3 else None
    SlotFactory(window=desk["window"])
    with CaptureQueriesContext(connection) as many:
        staff.get(url)
    assert len(many) == len(few)


def test_closing_a_booked_day_shows_the_bookings_then_cancels_on_confirmation(
    desk: dict[str, Any],
) -> None:
    day = desk["day"]
    WeeklyScheduleFactory(
        window=desk["window"], weekday=day.weekday(), start=dt.time(9), end=dt.time(11)
    )
    actions.slots_generate(home=desk["home"], first=day, days=1)
    booking = _book(desk)
    manager = client_for(desk["people"]["manager"])
    url = _en("appointments:exception_add", desk["home"].pk)
    form = {"date": day.isoformat(), "window": "", "kind": "closed", "note": "Holiday"}
    asked = manager.post(url, form)
    html = asked.content.decode()
    assert asked.status_code == 200
    assert "This closes 1 booked appointment" in html
    assert booking.code in html and 'name="cancel_code"' in html
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED
    done = manager.post(url, {**form, "cancel_code": booking.code}, follow=True)
    assert "1 booked appointment was cancelled" in done.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED and booking.cancelled_by_home
    mine = client_for(desk["people"]["talent"]).get(_en("appointments:mine")).content.decode()
    assert "Cancelled by the Home" in mine


@pytest.mark.parametrize("who", ["staff", "other_staff", "talent"])
def test_only_the_homes_manager_closes_days(desk: dict[str, Any], who: str) -> None:
    user = desk["other_staff"].user if who == "other_staff" else desk["people"][who]
    booking = _book(desk)
    url = reverse("appointments:exception_add", args=[desk["home"].pk])
    form = {"date": desk["day"].isoformat(), "kind": "closed", "cancel_code": booking.code}
    assert client_for(user).post(url, form).status_code in (403, 404)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED


def test_the_counter_polls_the_queue_partial(desk: dict[str, Any]) -> None:
    home = desk["home"]
    staff = client_for(desk["people"]["staff"])
    page = staff.get(_en("appointments:counter", home.pk)).content.decode()
    partial_url = _en("appointments:counter_queue", home.pk)
    assert f'hx-get="{partial_url}"' in page
    assert 'hx-trigger="every 5s, refresh-now"' in page
    assert "appointments/counter.js" in page
    empty = staff.get(partial_url)
    assert empty.status_code == 200
    assert "no-cache" in empty["Cache-Control"] or "no-store" in empty["Cache-Control"]
    html = empty.content.decode()
    assert "Nobody is waiting." in html
    assert "<html" not in html and "workspace-nav" not in html  # the list alone
    first = actions.visit_walk_in(actor=None, home=home, name="Walk-in Wang")
    html = staff.get(partial_url).content.decode()
    assert "Walk-in Wang" in html and f">{first.queue_number}<" in html
    # Call next still works from the page; the partial then shows the call.
    staff.post(reverse("appointments:call_next", args=[home.pk]), {"window": desk["window"].pk})
    assert Visit.objects.get().status == VisitStatus.CALLED
    assert "Window 1" in staff.get(partial_url).content.decode()


def test_the_queue_partial_has_a_fixed_query_count(desk: dict[str, Any]) -> None:
    staff = client_for(desk["people"]["staff"])
    url = reverse("appointments:counter_queue", args=[desk["home"].pk])
    actions.visit_walk_in(actor=None, home=desk["home"], name="访客1")
    staff.get(url)
    with CaptureQueriesContext(connection) as few:
        staff.get(url)
    for i in range(4):
        actions.visit_walk_in(actor=None, home=desk["home"], name=f"访客{i + 2}")
    _book(desk)
    with CaptureQueriesContext(connection) as many:
        staff.get(url)
    assert len(many) == len(few)


@pytest.mark.parametrize("who", ["other_staff", "talent", "city"])
def test_the_queue_partial_is_closed_to_others(desk: dict[str, Any], who: str) -> None:
    user = desk["other_staff"].user if who == "other_staff" else desk["people"][who]
    actions.visit_walk_in(actor=None, home=desk["home"], name="访客")
    url = reverse("appointments:counter_queue", args=[desk["home"].pk])
    response = client_for(user).get(url)
    assert response.status_code == 404
    assert "访客" not in response.content.decode()


def test_removing_booked_hours_shows_the_bookings_then_cancels(desk: dict[str, Any]) -> None:
    day = desk["day"]
    hours = WeeklyScheduleFactory(
        window=desk["window"], weekday=day.weekday(), start=dt.time(9), end=dt.time(11)
    )
    actions.slots_generate(home=desk["home"], first=day, days=1)
    booking = _book(desk)
    manager = client_for(desk["people"]["manager"])
    url = _en("appointments:schedule_remove", desk["home"].pk, hours.pk)
    asked = manager.post(url)
    assert asked.status_code == 200
    html = asked.content.decode()
    assert "This closes 1 booked appointment" in html and booking.code in html
    assert "Keep the hours" in html
    done = manager.post(url, {"cancel_code": booking.code}, follow=True)
    assert "1 booked appointment was cancelled" in done.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED and booking.cancelled_by_home
