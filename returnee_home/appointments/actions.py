"""Writes of appointments and check-in: appointment hours, slots, bookings, the counter queue.

Every action runs in one transaction. Two people never hold one slot: the database allows one
active booking per slot (a partial unique index), and the loser of a race gets "just taken".
Queue numbers come from a per-Home, per-day counter row updated under its row lock."""

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from returnee_home.appointments import selectors
from returnee_home.appointments.models import (
    ACTIVE_BOOKING_STATUSES,
    Booking,
    BookingStatus,
    QueueCounter,
    ScheduleException,
    Slot,
    Visit,
    VisitItem,
    VisitStatus,
    WeeklySchedule,
)
from returnee_home.appointments.workflow import BOOKING_STEPS, VISIT_STEPS, Step
from returnee_home.core.audit import audit_record
from returnee_home.core.errors import ApplicationError, NotFoundError
from returnee_home.core.workdays import is_working_day
from returnee_home.notifications.actions import notify
from returnee_home.orgs.models import Home, Window
from returnee_home.services.models import ServiceItem

# A booking can be cancelled or moved until this long before its slot starts.
CANCEL_CUTOFF = dt.timedelta(hours=2)
# Slots are made this many days ahead.
SLOT_HORIZON_DAYS = 28
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud at the counter
CODE_LENGTH = 6


def _audit(actor: Any, action: str, obj: Any, home: Home, **kwargs: Any) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=obj,
        city_code=home.city.code if home.city_id else "",
        organisation_id=home.carrier_id,
        **kwargs,
    )


def _local(moment: dt.datetime) -> str:
    return date_format(timezone.localtime(moment), "Y-m-d H:i")


def _language(person: Any) -> str:
    return getattr(person, "preferred_language", "") or "zh-hans"


# --- Appointment hours and slots -------------------------------------------------------------


def weekly_schedule_add(
    *,
    actor: Any,
    home: Home,
    window: Window,
    weekday: int,
    start: dt.time,
    end: dt.time,
    slot_minutes: int,
) -> WeeklySchedule:
    """Add weekly appointment hours at one window and make the slots for them.

    Refuses an end before the start, slots shorter than 5 minutes or longer than the period,
    a window of another Home, and hours overlapping the window's existing ones that day."""
    if window.home_id != home.pk:
        raise NotFoundError()
    if end <= start:
        raise ApplicationError(
            "invalid_hours",
            gettext_lazy("The end must be after the start."),
            fields={"end": gettext_lazy("The end must be after the start.")},
        )
    length = dt.datetime.combine(dt.date.min, end) - dt.datetime.combine(dt.date.min, start)
    if slot_minutes < 5 or dt.timedelta(minutes=slot_minutes) > length:
        raise ApplicationError(
            "invalid_slot_length",
            gettext_lazy("Slots must be at least 5 minutes and fit in the period."),
            fields={
                "slot_minutes": gettext_lazy(
                    "Slots must be at least 5 minutes and fit in the period."
                )
            },
        )
    overlapping = WeeklySchedule.objects.filter(
        window=window, weekday=weekday, start__lt=end, end__gt=start
    ).exists()
    if overlapping:
        raise ApplicationError(
            "overlapping_hours",
            gettext_lazy("These hours overlap hours this window already has on that day."),
            fields={"start": gettext_lazy("Overlaps existing hours of this window.")},
        )
    with transaction.atomic():
        row = WeeklySchedule.objects.create(
            home=home,
            window=window,
            weekday=weekday,
            start=start,
            end=end,
            slot_minutes=slot_minutes,
        )
        _audit(actor, "appointments.schedule_add", row, home)
        slots_generate(home=home)
    return row


def weekly_schedule_remove(
    *, actor: Any, home: Home, schedule: WeeklySchedule, cancel_codes: Iterable[str] = ()
) -> None:
    """Remove weekly hours; their free future slots go. Times already booked in them are
    cancelled "by the Home" and each person told, as for a closure; `cancel_codes` must name
    exactly those bookings (else BookingsAffected, and nothing changes). Refuses hours of
    another Home."""
    if schedule.home_id != home.pk:
        raise NotFoundError()
    window_id = schedule.window_id
    with transaction.atomic():
        _audit(actor, "appointments.schedule_remove", schedule, home)
        # A queryset delete keeps the object's pk, which the confirmation page needs when the
        # removal is rolled back.
        WeeklySchedule.objects.filter(pk=schedule.pk).delete()
        slots_generate(home=home)
        _cancel_closed(actor, home, set(cancel_codes), day=None, window_id=window_id, note="")


class BookingsAffected(ApplicationError):
    """A change of hours would close times people have booked: staff must confirm cancelling
    them.
    `bookings` lists them (with person, item, slot and window)."""

    def __init__(self, bookings: list[Booking]) -> None:
        count = len(bookings)
        super().__init__(
            "bookings_affected",
            gettext_lazy(
                "This closes times that are already booked. Check the appointments below: "
                "confirm to cancel them and tell each person, who can book another time."
            ),
            status=409,
        )
        self.bookings = bookings
        self.count = count


def _validated_exception(
    *,
    home: Home,
    window: Window | None,
    date: dt.date,
    kind: str,
    start: dt.time | None,
    end: dt.time | None,
    slot_minutes: int | None,
    note: str,
) -> ScheduleException:
    """The exception as it would be saved (unsaved). Refuses past dates, special hours without
    a valid period and a window of another Home."""
    if window is not None and window.home_id != home.pk:
        raise NotFoundError()
    if date < selectors.today():
        raise ApplicationError(
            "past_date",
            gettext_lazy("Choose today or a later date."),
            fields={"date": gettext_lazy("Choose today or a later date.")},
        )
    if kind == ScheduleException.Kind.SPECIAL_HOURS:
        if start is None or end is None or end <= start:
            raise ApplicationError(
                "invalid_hours",
                gettext_lazy("Special hours need a start and a later end."),
                fields={"end": gettext_lazy("Special hours need a start and a later end.")},
            )
    else:
        start = end = slot_minutes = None
    return ScheduleException(
        home=home,
        window=window,
        date=date,
        kind=kind,
        start=start,
        end=end,
        slot_minutes=slot_minutes or (30 if start else None),
        note=note.strip()[:200],
    )


def _cancel_closed(
    actor: Any,
    home: Home,
    confirmed: set[str],
    *,
    day: dt.date | None,
    window_id: int | None,
    note: str,
) -> None:
    """After the slots followed a change of hours, cancel every booking left on a closed future
    time (of that day and window, when given) if staff confirmed exactly those; else raise
    BookingsAffected so that the caller's transaction rolls back. Checking after the change
    also catches a booking made while staff were reading the list."""
    rows = Booking.objects.filter(
        home=home,
        status=BookingStatus.BOOKED,
        slot__is_open=False,
        slot__starts_at__gt=timezone.now(),
    )
    if day is not None:
        day_start, day_end = selectors.local_day_bounds(day)
        rows = rows.filter(slot__starts_at__gte=day_start, slot__starts_at__lt=day_end)
    if window_id:
        rows = rows.filter(slot__window_id=window_id)
    closed = list(
        rows.select_for_update(of=("self",))
        .select_related("person", "item", "slot__window", "home")
        .order_by("slot__starts_at", "slot__window__number")
    )
    if closed and {b.code for b in closed} != confirmed:
        raise BookingsAffected(closed)
    for booking in closed:
        _cancel_by_home(actor=actor, booking=booking, note=note)


def schedule_exception_add(
    *,
    actor: Any,
    home: Home,
    window: Window | None,
    date: dt.date,
    kind: str,
    start: dt.time | None = None,
    end: dt.time | None = None,
    slot_minutes: int | None = None,
    note: str = "",
    cancel_codes: Iterable[str] = (),
) -> ScheduleException:
    """Close a date (whole Home or one window) or open it at special hours; slots follow.

    Times already booked that the exception closes are cancelled "by the Home" and each person
    is told (in-app and e-mail, in their language) with a link to book again; `cancel_codes`
    must name exactly those bookings, so staff confirm what they cancel (else BookingsAffected,
    and nothing changes). Refuses past dates, special hours without a valid period, a window of
    another Home."""
    exception = _validated_exception(
        home=home,
        window=window,
        date=date,
        kind=kind,
        start=start,
        end=end,
        slot_minutes=slot_minutes,
        note=note,
    )
    with transaction.atomic():
        exception.save()
        _audit(actor, "appointments.exception_add", exception, home)
        slots_generate(home=home)
        _cancel_closed(
            actor,
            home,
            set(cancel_codes),
            day=exception.date,
            window_id=exception.window_id,
            note=exception.note,
        )
    return exception


def _cancel_by_home(*, actor: Any, booking: Booking, note: str) -> None:
    step = BOOKING_STEPS["home_cancel"]
    now = timezone.now()
    changed = Booking.objects.filter(pk=booking.pk, status__in=step.from_states).update(
        status=step.to_state, cancelled_at=now, cancelled_by_home=True, updated_at=now
    )
    if not changed:
        return
    booking.status, booking.cancelled_at, booking.cancelled_by_home = step.to_state, now, True
    _audit(
        actor,
        "appointments.booking_cancel_by_home",
        booking,
        booking.home,
        changes={"status": [step.from_states[0], step.to_state]},
        note=note,
    )
    _notify_closed(booking, note)


def _notify_closed(booking: Booking, note: str) -> None:
    """Tell the person their time was closed, in their language, with a link to book again."""
    person = booking.person
    with translation.override(_language(person)):
        values = {
            "code": booking.code,
            "home": booking.home.name,
            "time": _local(booking.slot.starts_at),
            "item": booking.item.title,
        }
        title = _("Appointment %(code)s cancelled by the Home") % values
        body = (
            _(
                "%(home)s is closed at the time of your appointment for “%(item)s” (%(time)s), "
                "so the appointment is cancelled. We are sorry. Please book another time."
            )
            % values
        )
        if note:
            body += "\n" + _("The Home's note: %(note)s") % {"note": note}
        url = reverse("appointments:book") + f"?home={booking.home_id}&item={booking.item_id}"
    notify(recipient=person, kind="appointments.cancelled_by_home", title=title, body=body, url=url)


def schedule_exception_remove(*, actor: Any, home: Home, exception: ScheduleException) -> None:
    """Remove an exception; the weekly hours apply to that date again."""
    if exception.home_id != home.pk:
        raise NotFoundError()
    with transaction.atomic():
        _audit(actor, "appointments.exception_remove", exception, home)
        exception.delete()
        slots_generate(home=home)


def _periods_for(
    day: dt.date,
    window_id: int,
    weekly: dict[tuple[int, int], list[WeeklySchedule]],
    exceptions: dict[dt.date, list[ScheduleException]],
) -> list[tuple[dt.time, dt.time, int]]:
    """(start, end, slot minutes) periods of one window on one day, exceptions applied."""
    todays = [e for e in exceptions.get(day, []) if e.window_id in (None, window_id)]
    if any(e.kind == ScheduleException.Kind.CLOSED for e in todays):
        return []
    special = [e for e in todays if e.kind == ScheduleException.Kind.SPECIAL_HOURS]
    if special:
        return [(e.start, e.end, e.slot_minutes or 30) for e in special]  # type: ignore[misc]
    if not is_working_day(day) and day.weekday() < 5:
        return []  # a public holiday on a weekday: closed unless special hours say otherwise
    return [(w.start, w.end, w.slot_minutes) for w in weekly.get((window_id, day.weekday()), [])]


def _desired_slots(
    home: Home, first: dt.date, days: int
) -> dict[tuple[int, dt.datetime], dt.datetime]:
    tz = timezone.get_default_timezone()
    weekly: dict[tuple[int, int], list[WeeklySchedule]] = {}
    for row in WeeklySchedule.objects.filter(home=home, window__is_active=True):
        weekly.setdefault((row.window_id, row.weekday), []).append(row)
    exceptions: dict[dt.date, list[ScheduleException]] = {}
    for exc in ScheduleException.objects.filter(
        home=home, date__gte=first, date__lt=first + dt.timedelta(days=days)
    ):
        exceptions.setdefault(exc.date, []).append(exc)
    window_ids = {w for w, _ in weekly} | {
        e.window_id for rows in exceptions.values() for e in rows if e.window_id
    }
    if any(e.window_id is None for rows in exceptions.values() for e in rows):
        window_ids |= set(
            Window.objects.filter(home=home, is_active=True).values_list("pk", flat=True)
        )
    desired: dict[tuple[int, dt.datetime], dt.datetime] = {}
    for offset in range(days):
        day = first + dt.timedelta(days=offset)
        for window_id in window_ids:
            for start, end, minutes in _periods_for(day, window_id, weekly, exceptions):
                moment = dt.datetime.combine(day, start, tzinfo=tz)
                stop = dt.datetime.combine(day, end, tzinfo=tz)
                step = dt.timedelta(minutes=minutes)
                while moment + step <= stop:
                    desired[(window_id, moment)] = moment + step
                    moment += step
    return desired


def slots_generate(
    *, home: Home, first: dt.date | None = None, days: int = SLOT_HORIZON_DAYS
) -> int:
    """Make the Home's future slots agree with its hours and exceptions for `days` days.

    Adds missing slots; removes future slots no longer wanted, except those someone booked,
    which are closed to further booking instead. Past slots are never touched. Returns the
    number of slots added."""
    now = timezone.now()
    first = first or timezone.localdate(now)
    desired = _desired_slots(home, first, days)
    start, _unused = selectors.local_day_bounds(first)
    end = start + dt.timedelta(days=days)
    with transaction.atomic():
        existing = {
            (s.window_id, s.starts_at): s
            for s in Slot.objects.filter(
                home=home, starts_at__gte=max(start, now), starts_at__lt=end
            ).annotate(has_booking=Exists(Booking.objects.filter(slot=OuterRef("pk"))))
        }
        new = [
            Slot(home=home, window_id=window_id, starts_at=starts_at, ends_at=ends_at)
            for (window_id, starts_at), ends_at in desired.items()
            if starts_at > now and (window_id, starts_at) not in existing
        ]
        Slot.objects.bulk_create(new, ignore_conflicts=True, batch_size=1000)
        unwanted = [s for key, s in existing.items() if key not in desired]
        Slot.objects.filter(pk__in=[s.pk for s in unwanted if not s.has_booking]).delete()
        Slot.objects.filter(pk__in=[s.pk for s in unwanted if s.has_booking]).update(is_open=False)
        reopened = [s.pk for key, s in existing.items() if key in desired and not s.is_open]
        Slot.objects.filter(pk__in=reopened).update(is_open=True)
    return len(new)


def slots_generate_all(*, days: int = SLOT_HORIZON_DAYS) -> int:
    """Run `slots_generate` for every Home with appointment hours (the daily job)."""
    total = 0
    homes = Home.objects.filter(Exists(WeeklySchedule.objects.filter(home=OuterRef("pk"))))
    for home in homes.select_related("city"):
        total += slots_generate(home=home, days=days)
    return total


# --- Bookings --------------------------------------------------------------------------------


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _just_taken() -> ApplicationError:
    return ApplicationError(
        "slot_taken",
        gettext_lazy("Sorry, this time was just taken by someone else. Please choose another."),
        fields={"slot": gettext_lazy("This time was just taken. Please choose another.")},
        status=409,
    )


def _check_bookable(slot: Slot, *, now: dt.datetime) -> None:
    if slot.starts_at <= now:
        raise ApplicationError(
            "slot_past",
            gettext_lazy("This time has already passed. Please choose a later one."),
            fields={"slot": gettext_lazy("This time has already passed.")},
        )
    if not slot.is_open:
        raise ApplicationError(
            "slot_closed",
            gettext_lazy("This time is no longer open for appointments."),
            fields={"slot": gettext_lazy("This time is no longer open for appointments.")},
        )


def _bookable_slot(home: Home, item: ServiceItem, slot_id: int) -> Slot:
    """The slot, if it belongs to the Home and to a window handling the item."""
    slot = (
        Slot.objects.select_related("window")
        .filter(pk=slot_id, home=home, window_id__in=selectors.item_window_ids(home, item))
        .first()
    )
    if slot is None:
        raise ApplicationError(
            "slot_unknown",
            gettext_lazy("Choose one of the times offered for this service."),
            fields={"slot": gettext_lazy("Choose one of the times offered for this service.")},
        )
    return slot


def _notify_booking(booking: Booking, kind: str) -> None:
    person = booking.person
    with translation.override(_language(person)):
        values = {
            "code": booking.code,
            "home": booking.home.name,
            "time": _local(booking.slot.starts_at),
            "window": booking.slot.window.name,
            "item": booking.item.title,
        }
        if kind == "booked":
            title = _("Appointment booked: %(time)s, code %(code)s") % values
            body = (
                _(
                    "Your appointment for “%(item)s” at %(home)s, window %(window)s, is at %(time)s. "
                    "Show the code %(code)s at the counter."
                )
                % values
            )
        elif kind == "moved":
            title = _("Appointment moved to %(time)s, code %(code)s") % values
            body = (
                _(
                    "Your appointment for “%(item)s” at %(home)s is now at %(time)s, "
                    "window %(window)s."
                )
                % values
            )
        elif kind == "cancelled":
            title = _("Appointment %(code)s cancelled") % values
            body = _("Your appointment at %(home)s at %(time)s is cancelled.") % values
        else:
            title = _("Reminder: appointment tomorrow at %(time)s") % values
            body = (
                _(
                    "Tomorrow at %(time)s you have an appointment for “%(item)s” at %(home)s, "
                    "window %(window)s. Your code is %(code)s."
                )
                % values
            )
        url = reverse("appointments:detail", kwargs={"code": booking.code})
    notify(recipient=person, kind=f"appointments.{kind}", title=title, body=body, url=url)


def booking_create(
    *,
    person: Any,
    home: Home,
    item: ServiceItem,
    slot_id: int,
    note: str = "",
    now: dt.datetime | None = None,
) -> Booking:
    """Book a slot for a service item; the person is notified with the booking's code.

    A second click on the same slot by the same person returns the booking already made.
    Refuses past, closed and unknown slots, items the Home does not offer, and a slot someone
    else holds ("just taken", also when two people race: the database decides)."""
    now = now or timezone.now()
    if not getattr(person, "is_authenticated", False):
        raise ApplicationError("sign_in_required", gettext_lazy("Sign in to book."), status=401)
    if not selectors.offered_items(home).filter(pk=item.pk).exists():
        raise ApplicationError(
            "item_not_offered",
            gettext_lazy("This Home does not offer this service."),
            fields={"item": gettext_lazy("This Home does not offer this service.")},
        )
    slot = _bookable_slot(home, item, slot_id)
    mine = Booking.objects.filter(slot=slot, person=person, status=BookingStatus.BOOKED).first()
    if mine is not None:
        return mine
    _check_bookable(slot, now=now)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                booking = Booking.objects.create(
                    code=_new_code(),
                    person=person,
                    home=home,
                    slot=slot,
                    item=item,
                    note=note.strip()[:300],
                )
                booking.slot = slot
                _notify_booking(booking, "booked")
                return booking
        except IntegrityError as error:
            if Booking.objects.filter(slot=slot, status__in=ACTIVE_BOOKING_STATUSES).exists():
                raise _just_taken() from error
            # otherwise the random code collided with another booking's: draw again
    raise _just_taken()


def _before_cutoff(booking: Booking, now: dt.datetime) -> None:
    if booking.slot.starts_at - CANCEL_CUTOFF <= now:
        hours = int(CANCEL_CUTOFF.total_seconds() // 3600)
        raise ApplicationError(
            "past_cutoff",
            gettext_lazy(
                "Appointments can be changed or cancelled only until %(hours)s hours before "
                "they start. Please contact the Home."
            )
            % {"hours": hours},
        )


def _illegal(step: Step) -> ApplicationError:
    return ApplicationError(
        "illegal_step",
        gettext_lazy("This cannot be done in the appointment's current state."),
        status=409,
    )


def _own(person: Any, booking: Booking) -> None:
    if booking.person_id != getattr(person, "pk", None):
        raise NotFoundError()


def booking_cancel(*, person: Any, booking: Booking, now: dt.datetime | None = None) -> Booking:
    """The person cancels their booking; the slot is free again at once.

    Refuses another person's booking (404), a booking no longer "booked", and cancelling after
    the cut-off."""
    now = now or timezone.now()
    _own(person, booking)
    step = BOOKING_STEPS["cancel"]
    if booking.status not in step.from_states:
        raise _illegal(step)
    _before_cutoff(booking, now)
    with transaction.atomic():
        changed = Booking.objects.filter(pk=booking.pk, status__in=step.from_states).update(
            status=step.to_state, cancelled_at=now, updated_at=now
        )
        if not changed:
            raise _illegal(step)
        booking.refresh_from_db()
        _notify_booking(booking, "cancelled")
    return booking


def booking_reschedule(
    *, person: Any, booking: Booking, slot_id: int, now: dt.datetime | None = None
) -> Booking:
    """Move the person's booking to another free slot of the same Home and item, atomically:
    either it holds the new slot and the old one is free, or nothing changed.

    Refuses what booking_cancel refuses, and a new slot that is past, closed or taken."""
    now = now or timezone.now()
    _own(person, booking)
    step = BOOKING_STEPS["reschedule"]
    if booking.status not in step.from_states:
        raise _illegal(step)
    _before_cutoff(booking, now)
    slot = _bookable_slot(booking.home, booking.item, slot_id)
    if slot.pk == booking.slot_id:
        return booking
    _check_bookable(slot, now=now)
    try:
        with transaction.atomic():
            changed = Booking.objects.filter(pk=booking.pk, status__in=step.from_states).update(
                slot=slot, reminded_at=None, updated_at=now
            )
            if not changed:
                raise _illegal(step)
            booking.refresh_from_db()
            _notify_booking(booking, "moved")
    except IntegrityError as error:
        raise _just_taken() from error
    return booking


def booking_mark_no_show(
    *, actor: Any, home: Home, booking: Booking, now: dt.datetime | None = None
) -> Booking:
    """Staff record that a booked person did not come. Refuses before the slot has ended and
    bookings not in "booked"."""
    now = now or timezone.now()
    if booking.home_id != home.pk:
        raise NotFoundError()
    step = BOOKING_STEPS["no_show"]
    if booking.slot.ends_at > now:
        raise ApplicationError(
            "too_early",
            gettext_lazy("A no-show can be recorded only after the appointment's time."),
        )
    with transaction.atomic():
        changed = Booking.objects.filter(pk=booking.pk, status__in=step.from_states).update(
            status=step.to_state, updated_at=now
        )
        if not changed:
            raise _illegal(step)
        booking.refresh_from_db()
        _audit(actor, "appointments.no_show", booking, home)
    return booking


def bookings_send_reminders(*, now: dt.datetime | None = None) -> int:
    """Remind everyone whose appointment is tomorrow; each booking is reminded once (a
    conditional update claims it first, so two runs at once send one reminder). Returns the
    number sent."""
    now = now or timezone.now()
    start, end = selectors.local_day_bounds(timezone.localdate(now) + dt.timedelta(days=1))
    due = (
        Booking.objects.filter(
            status=BookingStatus.BOOKED,
            reminded_at__isnull=True,
            slot__starts_at__gte=start,
            slot__starts_at__lt=end,
        )
        .select_related("person", "home", "slot", "slot__window", "item")
        .order_by("pk")
    )
    sent = 0
    for booking in due:
        with transaction.atomic():
            claimed = Booking.objects.filter(pk=booking.pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if claimed:
                _notify_booking(booking, "reminder")
                sent += 1
    return sent


# --- The counter -----------------------------------------------------------------------------


def _next_queue_number(home: Home, day: dt.date) -> int:
    """The next queue number of the Home on the day. The UPDATE locks the counter row until
    the transaction ends, so concurrent check-ins get consecutive, distinct numbers."""
    # INSERT … ON CONFLICT DO NOTHING waits for a concurrent first insert instead of failing.
    QueueCounter.objects.bulk_create([QueueCounter(home=home, day=day)], ignore_conflicts=True)
    counter = QueueCounter.objects.filter(home=home, day=day)
    counter.update(last_number=F("last_number") + 1)
    return counter.values_list("last_number", flat=True).get()


def visit_check_in(*, actor: Any, home: Home, code: str, now: dt.datetime | None = None) -> Visit:
    """Check a booked person in by their code: they get the day's next queue number.

    Refuses unknown codes and codes of another Home (the same message: nothing is revealed),
    bookings of another day, and bookings not in "booked" (already checked in, cancelled)."""
    now = now or timezone.now()
    code = (code or "").strip().upper()
    booking = (
        Booking.objects.select_related("slot", "person", "item")
        .filter(home=home, code=code)
        .first()
    )
    if booking is None:
        raise ApplicationError(
            "unknown_code",
            gettext_lazy("No appointment at this Home has this code."),
            fields={"code": gettext_lazy("No appointment at this Home has this code.")},
        )
    day = timezone.localdate(now)
    if timezone.localdate(booking.slot.starts_at) != day:
        raise ApplicationError(
            "wrong_day",
            gettext_lazy("This appointment is on %(day)s, not today.")
            % {"day": timezone.localdate(booking.slot.starts_at).isoformat()},
            fields={"code": gettext_lazy("This appointment is on another day.")},
        )
    step = BOOKING_STEPS["check_in"]
    with transaction.atomic():
        changed = Booking.objects.filter(pk=booking.pk, status__in=step.from_states).update(
            status=step.to_state, updated_at=now
        )
        if not changed:
            raise ApplicationError(
                "not_checkable",
                gettext_lazy("This appointment is already checked in, cancelled or closed."),
                fields={
                    "code": gettext_lazy(
                        "This appointment is already checked in, cancelled or closed."
                    )
                },
                status=409,
            )
        visit = Visit.objects.create(
            home=home,
            day=day,
            queue_number=_next_queue_number(home, day),
            booking=booking,
            person=booking.person,
            checked_in_at=now,
        )
        _audit(actor, "appointments.check_in", visit, home, note=booking.code)
    return visit


def visit_walk_in(
    *,
    actor: Any,
    home: Home,
    person: Any = None,
    name: str = "",
    phone: str = "",
    now: dt.datetime | None = None,
) -> Visit:
    """Record a walk-in visitor (with their account, or by name and telephone) in the queue.

    Refuses a walk-in with neither an account nor a name."""
    now = now or timezone.now()
    name = name.strip()
    if person is None and not name:
        raise ApplicationError(
            "name_required",
            gettext_lazy("Enter the visitor's name, or find their account."),
            fields={"name": gettext_lazy("Enter the visitor's name.")},
        )
    day = timezone.localdate(now)
    with transaction.atomic():
        visit = Visit.objects.create(
            home=home,
            day=day,
            queue_number=_next_queue_number(home, day),
            person=person,
            visitor_name=name[:100],
            visitor_phone=phone.strip()[:20],
            checked_in_at=now,
        )
        _audit(actor, "appointments.walk_in", visit, home)
    return visit


def _visit_step(visit: Visit, name: str, now: dt.datetime, **fields: Any) -> None:
    step = VISIT_STEPS[name]
    changed = Visit.objects.filter(pk=visit.pk, status__in=step.from_states).update(
        status=step.to_state, updated_at=now, **fields
    )
    if not changed:
        raise ApplicationError(
            "illegal_step",
            gettext_lazy("This visit is not in a state where this can be done."),
            status=409,
        )
    visit.refresh_from_db()


def visit_call_next(
    *, actor: Any, home: Home, window: Window, now: dt.datetime | None = None
) -> Visit | None:
    """Call the next waiting visitor to a window: the lowest number among walk-ins and people
    booked at this window. Two windows calling at once never get the same visitor.

    Returns None when nobody waits. Refuses a window of another Home or a closed one."""
    now = now or timezone.now()
    if window.home_id != home.pk or not window.is_active:
        raise NotFoundError()
    day = timezone.localdate(now)
    candidates = (
        Visit.objects.filter(home=home, day=day, status=VisitStatus.WAITING)
        .order_by("queue_number")
        .values_list("pk", "booking__slot__window_id")
    )
    for visit_id, booked_window in candidates[:50]:
        if booked_window not in (None, window.pk):
            continue
        with transaction.atomic():
            changed = Visit.objects.filter(pk=visit_id, status=VisitStatus.WAITING).update(
                status=VisitStatus.CALLED,
                window=window,
                staff=actor,
                called_at=now,
                updated_at=now,
            )
            if changed:
                return Visit.objects.select_related("person", "window").get(pk=visit_id)
    return None


def visit_serve(*, actor: Any, home: Home, visit: Visit, window: Window | None = None) -> Visit:
    """Start serving a called (or waiting) visitor. Refuses other states and other Homes."""
    if visit.home_id != home.pk:
        raise NotFoundError()
    now = timezone.now()
    fields: dict[str, Any] = {"staff": actor}
    if window is not None:
        if window.home_id != home.pk:
            raise NotFoundError()
        fields["window"] = window
    if visit.called_at is None:
        fields["called_at"] = now
    with transaction.atomic():
        _visit_step(visit, "serve", now, **fields)
    return visit


def visit_mark_left(*, actor: Any, home: Home, visit: Visit) -> Visit:
    """The visitor left before being served."""
    if visit.home_id != home.pk:
        raise NotFoundError()
    with transaction.atomic():
        _visit_step(visit, "leave", timezone.now(), closed_at=timezone.now())
        _audit(actor, "appointments.visit_left", visit, home)
    return visit


def visit_close(*, actor: Any, home: Home, visit: Visit, items: Iterable[ServiceItem]) -> Visit:
    """Close a visit being served with the service item(s) handled: one service record per
    item (channel "counter"); a booking becomes "attended".

    Refuses no items, items the Home does not offer, and visits not being served."""
    from returnee_home.records.actions import service_record_create

    if visit.home_id != home.pk:
        raise NotFoundError()
    chosen = list({item.pk: item for item in items}.values())
    if not chosen:
        raise ApplicationError(
            "items_required",
            gettext_lazy("Choose at least one service item handled."),
            fields={"items": gettext_lazy("Choose at least one service item handled.")},
        )
    offered = set(selectors.offered_items(home).values_list("pk", flat=True))
    if any(item.pk not in offered for item in chosen):
        raise ApplicationError(
            "item_not_offered",
            gettext_lazy("This Home does not offer this service."),
            fields={"items": gettext_lazy("This Home does not offer this service.")},
        )
    now = timezone.now()
    with transaction.atomic():
        _visit_step(visit, "close", now, closed_at=now)
        if visit.booking_id:
            Booking.objects.filter(
                pk=visit.booking_id, status__in=BOOKING_STEPS["attend"].from_states
            ).update(status=BOOKING_STEPS["attend"].to_state, updated_at=now)
        rows = VisitItem.objects.bulk_create([VisitItem(visit=visit, item=i) for i in chosen])
        for row, item in zip(rows, chosen, strict=True):
            if row.pk is None:  # backends that do not return ids from bulk inserts
                row = VisitItem.objects.get(visit=visit, item=item)
            service_record_create(
                person=visit.person,
                home=home,
                item=item,
                channel="counter",
                served_on=visit.day,
                source=row,
                actor=actor,
                person_name=visit.visitor_name
                or (visit.person.display_name if visit.person else ""),
            )
        _audit(
            actor,
            "appointments.visit_close",
            visit,
            home,
            changes={"items": [None, [i.pk for i in chosen]]},
        )
    return visit
