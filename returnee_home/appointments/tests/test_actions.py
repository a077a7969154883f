"""Actions of appointments against the real database: slots, booking rules, the counter."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.appointments import actions, selectors
from returnee_home.appointments.models import (
    Booking,
    BookingStatus,
    ScheduleException,
    Slot,
    Visit,
    VisitStatus,
)
from returnee_home.appointments.tests.factories import WeeklyScheduleFactory
from returnee_home.core.errors import ApplicationError, NotFoundError
from returnee_home.notifications.models import Notification
from returnee_home.orgs.tests.factories import WindowFactory
from returnee_home.records.models import ServiceRecord

pytestmark = pytest.mark.django_db


def _book(desk: dict[str, Any], person: Any = None, index: int = 0) -> Booking:
    return actions.booking_create(
        person=person or desk["people"]["talent"],
        home=desk["home"],
        item=desk["item"],
        slot_id=desk["slots"][index].pk,
    )


# --- Slots -----------------------------------------------------------------------------------


def _next(weekday: int) -> dt.date:
    day = timezone.localdate() + dt.timedelta(days=2)
    while day.weekday() != weekday:
        day += dt.timedelta(days=1)
    return day


def test_weekly_hours_make_slots_and_holidays_close(world: dict[str, Any], monkeypatch) -> None:
    home = world["home"]
    window = home.windows.get(number=1)
    monday = _next(0)
    row = WeeklyScheduleFactory(window=window, weekday=0, start=dt.time(9), end=dt.time(11))
    added = actions.slots_generate(home=home, first=monday, days=1)
    assert added == 4
    assert row.slot_minutes == 30
    starts = [timezone.localtime(s.starts_at).time() for s in Slot.objects.filter(home=home)]
    assert starts == [dt.time(9), dt.time(9, 30), dt.time(10), dt.time(10, 30)]
    # Repeating changes nothing.
    assert actions.slots_generate(home=home, first=monday, days=1) == 0
    # A public holiday on that Monday: its free slots go.
    monkeypatch.setattr(actions, "is_working_day", lambda day: day != monday)
    actions.slots_generate(home=home, first=monday, days=1)
    assert not Slot.objects.filter(home=home).exists()


def test_closed_day_keeps_booked_slot_closed_and_special_hours(desk: dict[str, Any]) -> None:
    home, window, day = desk["home"], desk["window"], desk["day"]
    WeeklyScheduleFactory(window=window, weekday=day.weekday(), start=dt.time(9), end=dt.time(11))
    actions.slots_generate(home=home, first=day, days=1)
    booking = _book(desk)
    manager = desk["people"]["manager"]
    actions.schedule_exception_add(
        actor=manager,
        home=home,
        window=None,
        date=day,
        kind=ScheduleException.Kind.CLOSED,
        cancel_codes=[booking.code],
    )
    start, end = selectors.local_day_bounds(day)
    remaining = Slot.objects.filter(home=home, starts_at__gte=start, starts_at__lt=end)
    assert list(remaining) == [booking.slot]
    assert not remaining.get().is_open
    assert selectors.free_slots(home, desk["item"], day) == []
    actions.schedule_exception_add(
        actor=manager,
        home=home,
        window=window,
        date=day + dt.timedelta(days=7),
        kind=ScheduleException.Kind.SPECIAL_HOURS,
        start=dt.time(14),
        end=dt.time(15),
        slot_minutes=20,
    )
    start, end = selectors.local_day_bounds(day + dt.timedelta(days=7))
    special = Slot.objects.filter(home=home, starts_at__gte=start, starts_at__lt=end)
    assert special.count() == 3


def _closing_day(desk: dict[str, Any]) -> tuple[Any, Any, dt.date]:
    home, window, day = desk["home"], desk["window"], desk["day"]
    WeeklyScheduleFactory(window=window, weekday=day.weekday(), start=dt.time(9), end=dt.time(11))
    actions.slots_generate(home=home, first=day, days=1)
    return home, window, day


def test_a_closure_over_booked_times_asks_for_confirmation_and_changes_nothing(
    desk: dict[str, Any],
) -> None:
    home, _window, day = _closing_day(desk)
    booking = _book(desk)
    with pytest.raises(actions.BookingsAffected) as asked:
        actions.schedule_exception_add(
            actor=desk["people"]["manager"],
            home=home,
            window=None,
            date=day,
            kind=ScheduleException.Kind.CLOSED,
        )
    assert [b.code for b in asked.value.bookings] == [booking.code]
    assert asked.value.status == 409
    assert not ScheduleException.objects.exists()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED
    assert Slot.objects.get(pk=booking.slot_id).is_open
    # A confirmation that names other bookings is not a confirmation of these.
    with pytest.raises(actions.BookingsAffected):
        actions.schedule_exception_add(
            actor=desk["people"]["manager"],
            home=home,
            window=None,
            date=day,
            kind=ScheduleException.Kind.CLOSED,
            cancel_codes=["AAAAAA"],
        )
    assert not ScheduleException.objects.exists()


def test_a_confirmed_closure_cancels_by_the_home_and_tells_each_person_in_their_language(
    desk: dict[str, Any], django_capture_on_commit_callbacks: Any, mailoutbox: Any
) -> None:
    home, _window, day = _closing_day(desk)
    chinese = _book(desk)
    english_person = UserFactory(preferred_language="en")
    english = _book(desk, person=english_person, index=1)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        actions.schedule_exception_add(
            actor=desk["people"]["manager"],
            home=home,
            window=None,
            date=day,
            kind=ScheduleException.Kind.CLOSED,
            note="设备检修",
            cancel_codes=[chinese.code, english.code],
        )
    for booking in (chinese, english):
        booking.refresh_from_db()
        assert booking.status == BookingStatus.CANCELLED
        assert booking.cancelled_by_home and booking.cancelled_at is not None
    assert english.status_label == "之家已取消"
    zh = Notification.objects.get(recipient=chinese.person)
    en = Notification.objects.get(recipient=english_person)
    assert zh.kind == en.kind == "appointments.cancelled_by_home"
    assert "之家" in zh.title and "设备检修" in zh.body
    assert "cancelled by the Home" in en.title and "book another time" in en.body
    assert en.url.endswith(f"?home={home.pk}&item={desk['item'].pk}")
    assert "/book/" in en.url
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [chinese.person.email, english_person.email]
    )
    # The closed times stay closed; nobody can book them.
    assert selectors.free_slots(home, desk["item"], day) == []
    from returnee_home.core.models import AuditRecord

    assert AuditRecord.objects.filter(action="appointments.booking_cancel_by_home").count() == 2


def test_a_closure_of_one_window_or_special_hours_keep_other_bookings(
    desk: dict[str, Any],
) -> None:
    home, window, day = _closing_day(desk)
    other_window = WindowFactory(home=home, number=2)
    booking = _book(desk)  # 09:00 at window 1
    actions.schedule_exception_add(
        actor=desk["people"]["manager"],
        home=home,
        window=other_window,
        date=day,
        kind=ScheduleException.Kind.CLOSED,
    )
    # Special hours that still include the booked time leave it booked.
    actions.schedule_exception_add(
        actor=desk["people"]["manager"],
        home=home,
        window=window,
        date=day,
        kind=ScheduleException.Kind.SPECIAL_HOURS,
        start=dt.time(9),
        end=dt.time(10),
        slot_minutes=30,
    )
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED


def test_schedule_refuses_bad_hours(world: dict[str, Any]) -> None:
    home = world["home"]
    window = home.windows.get(number=1)
    with pytest.raises(ApplicationError) as error:
        actions.weekly_schedule_add(
            actor=world["people"]["manager"],
            home=home,
            window=window,
            weekday=0,
            start=dt.time(11),
            end=dt.time(9),
            slot_minutes=30,
        )
    assert "end" in error.value.fields
    other_window = WindowFactory(home=world["other_home"])
    with pytest.raises(NotFoundError):
        actions.weekly_schedule_add(
            actor=world["people"]["manager"],
            home=home,
            window=other_window,
            weekday=0,
            start=dt.time(9),
            end=dt.time(11),
            slot_minutes=30,
        )


# --- Booking ---------------------------------------------------------------------------------


def test_booking_gets_code_and_notification(desk: dict[str, Any]) -> None:
    booking = _book(desk)
    assert len(booking.code) == actions.CODE_LENGTH
    assert booking.status == BookingStatus.BOOKED
    note = Notification.objects.get(recipient=desk["people"]["talent"])
    assert booking.code in note.title


def test_double_click_returns_the_same_booking(desk: dict[str, Any]) -> None:
    assert _book(desk) == _book(desk)
    assert Booking.objects.count() == 1


def test_slot_taken_by_someone_else(desk: dict[str, Any]) -> None:
    _book(desk)
    with pytest.raises(ApplicationError) as error:
        _book(desk, person=UserFactory())
    assert error.value.code == "slot_taken"
    assert Booking.objects.count() == 1


def test_past_closed_and_unknown_slots_refused(desk: dict[str, Any]) -> None:
    slot = desk["slots"][0]
    later = slot.starts_at + dt.timedelta(minutes=1)
    with pytest.raises(ApplicationError) as error:
        actions.booking_create(
            person=desk["people"]["talent"],
            home=desk["home"],
            item=desk["item"],
            slot_id=slot.pk,
            now=later,
        )
    assert error.value.code == "slot_past"
    Slot.objects.filter(pk=desk["slots"][1].pk).update(is_open=False)
    with pytest.raises(ApplicationError) as error:
        _book(desk, index=1)
    assert error.value.code == "slot_closed"
    with pytest.raises(ApplicationError) as error:
        actions.booking_create(
            person=desk["people"]["talent"],
            home=desk["other_home"],
            item=desk["item"],
            slot_id=slot.pk,
        )
    assert error.value.code == "item_not_offered"
    assert not Booking.objects.exists()


def test_cancel_frees_the_slot_until_the_cutoff(desk: dict[str, Any]) -> None:
    booking = _book(desk)
    stranger = UserFactory()
    with pytest.raises(NotFoundError):
        actions.booking_cancel(person=stranger, booking=booking)
    too_late = booking.slot.starts_at - dt.timedelta(minutes=30)
    with pytest.raises(ApplicationError) as error:
        actions.booking_cancel(person=booking.person, booking=booking, now=too_late)
    assert error.value.code == "past_cutoff"
    actions.booking_cancel(person=booking.person, booking=booking)
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CANCELLED
    with pytest.raises(ApplicationError):
        actions.booking_cancel(person=booking.person, booking=booking)
    assert _book(desk, person=stranger).slot_id == booking.slot_id


def test_reschedule_moves_atomically(desk: dict[str, Any]) -> None:
    mine = _book(desk)
    theirs = _book(desk, person=UserFactory(), index=1)
    with pytest.raises(ApplicationError) as error:
        actions.booking_reschedule(person=mine.person, booking=mine, slot_id=theirs.slot_id)
    assert error.value.code == "slot_taken"
    assert Booking.objects.get(pk=mine.pk).slot_id == desk["slots"][0].pk
    actions.booking_reschedule(person=mine.person, booking=mine, slot_id=desk["slots"][2].pk)
    assert Booking.objects.get(pk=mine.pk).slot_id == desk["slots"][2].pk
    assert desk["slots"][0] in selectors.free_slots(desk["home"], desk["item"], desk["day"])


def test_reminders_are_sent_once(desk: dict[str, Any]) -> None:
    booking = _book(desk)
    now = booking.slot.starts_at - dt.timedelta(days=1)
    Notification.objects.all().delete()
    assert actions.bookings_send_reminders(now=now) == 1
    assert actions.bookings_send_reminders(now=now) == 0
    assert Notification.objects.filter(kind="appointments.reminder").count() == 1


# --- Counter ---------------------------------------------------------------------------------


def _today_booking(desk: dict[str, Any], person: Any = None) -> tuple[Booking, dt.datetime]:
    booking = _book(desk, person=person)
    return booking, booking.slot.starts_at - dt.timedelta(minutes=20)


def test_check_in_gives_queue_numbers(desk: dict[str, Any]) -> None:
    staff, home = desk["people"]["staff"], desk["home"]
    booking, now = _today_booking(desk)
    walk_in = actions.visit_walk_in(
        actor=staff, home=home, name="王先生", phone="13800000000", now=now
    )
    visit = actions.visit_check_in(actor=staff, home=home, code=booking.code.lower(), now=now)
    assert (walk_in.queue_number, visit.queue_number) == (1, 2)
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CHECKED_IN
    with pytest.raises(ApplicationError) as error:
        actions.visit_check_in(actor=staff, home=home, code=booking.code, now=now)
    assert error.value.code == "not_checkable"
    with pytest.raises(ApplicationError) as error:
        actions.visit_check_in(actor=staff, home=desk["other_home"], code=booking.code, now=now)
    assert error.value.code == "unknown_code"
    assert Visit.objects.count() == 2


def test_check_in_on_another_day_refused(desk: dict[str, Any]) -> None:
    booking = _book(desk)
    with pytest.raises(ApplicationError) as error:
        actions.visit_check_in(
            actor=desk["people"]["staff"],
            home=desk["home"],
            code=booking.code,
            now=booking.slot.starts_at - dt.timedelta(days=1),
        )
    assert error.value.code == "wrong_day"


def test_walk_in_needs_account_or_name(desk: dict[str, Any]) -> None:
    with pytest.raises(ApplicationError) as error:
        actions.visit_walk_in(actor=desk["people"]["staff"], home=desk["home"], name=" ")
    assert "name" in error.value.fields
    visit = actions.visit_walk_in(
        actor=desk["people"]["staff"], home=desk["home"], person=desk["people"]["talent"]
    )
    assert visit.display_name == desk["people"]["talent"].display_name


def test_call_serve_close_records_one_service_per_item(desk: dict[str, Any]) -> None:
    staff, home, window = desk["people"]["staff"], desk["home"], desk["window"]
    booking = _book(desk)
    visit = actions.visit_check_in(
        actor=staff, home=home, code=booking.code, now=booking.slot.starts_at
    )
    Visit.objects.filter(pk=visit.pk).update(day=timezone.localdate())
    called = actions.visit_call_next(actor=staff, home=home, window=window)
    assert called is not None and called.pk == visit.pk and called.status == VisitStatus.CALLED
    assert actions.visit_call_next(actor=staff, home=home, window=window) is None
    with pytest.raises(ApplicationError):
        actions.visit_close(actor=staff, home=home, visit=called, items=[desk["item"]])
    actions.visit_serve(actor=staff, home=home, visit=called)
    with pytest.raises(ApplicationError) as error:
        actions.visit_close(actor=staff, home=home, visit=called, items=[])
    assert "items" in error.value.fields
    actions.visit_close(
        actor=staff, home=home, visit=called, items=[desk["item"], desk["second"], desk["item"]]
    )
    records = ServiceRecord.objects.filter(home=home, channel="counter")
    assert records.count() == 2
    assert {r.person_id for r in records} == {booking.person_id}
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.ATTENDED
    with pytest.raises(ApplicationError):
        actions.visit_close(actor=staff, home=home, visit=called, items=[desk["item"]])
    assert records.count() == 2


def test_no_show_only_after_the_slot(desk: dict[str, Any]) -> None:
    booking = _book(desk)
    staff = desk["people"]["staff"]
    with pytest.raises(ApplicationError):
        actions.booking_mark_no_show(actor=staff, home=desk["home"], booking=booking)
    later = booking.slot.ends_at + dt.timedelta(minutes=1)
    actions.booking_mark_no_show(actor=staff, home=desk["home"], booking=booking, now=later)
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.NO_SHOW
    with pytest.raises(NotFoundError):
        actions.booking_mark_no_show(actor=staff, home=desk["other_home"], booking=booking)


def test_removing_booked_weekly_hours_asks_then_cancels_by_the_home(
    desk: dict[str, Any],
) -> None:
    home, window, day = desk["home"], desk["window"], desk["day"]
    hours = WeeklyScheduleFactory(
        window=window, weekday=day.weekday(), start=dt.time(9), end=dt.time(11)
    )
    actions.slots_generate(home=home, first=day, days=1)
    booking = _book(desk)
    manager = desk["people"]["manager"]
    with pytest.raises(actions.BookingsAffected) as asked:
        actions.weekly_schedule_remove(actor=manager, home=home, schedule=hours)
    assert [b.code for b in asked.value.bookings] == [booking.code]
    assert hours.__class__.objects.filter(pk=hours.pk).exists()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED
    actions.weekly_schedule_remove(
        actor=manager, home=home, schedule=hours, cancel_codes=[booking.code]
    )
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED and booking.cancelled_by_home
    assert Notification.objects.filter(
        recipient=booking.person, kind="appointments.cancelled_by_home"
    ).exists()
