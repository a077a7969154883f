"""The two state machines of appointments, in one place: which status may follow which, and who
takes each step. Actions apply a step with a conditional UPDATE (`status IN from_states`), so a
step taken twice at once happens once and the loser gets a clear ApplicationError."""

from dataclasses import dataclass

from returnee_home.appointments.models import BookingStatus, VisitStatus


@dataclass(frozen=True)
class Step:
    name: str
    from_states: tuple[str, ...]
    to_state: str
    by: str  # "person" (the talent who booked), "staff" (the Home's staff or manager), "system"


# Booking: booked → checked in → attended; booked → cancelled (before the cut-off, by the
# person; or by the Home when it closes the time, at any time before the slot); booked →
# no-show (after the slot, by staff). Rescheduling keeps "booked".
BOOKING_STEPS = {
    "cancel": Step("cancel", (BookingStatus.BOOKED,), BookingStatus.CANCELLED, "person"),
    "home_cancel": Step("home_cancel", (BookingStatus.BOOKED,), BookingStatus.CANCELLED, "staff"),
    "reschedule": Step("reschedule", (BookingStatus.BOOKED,), BookingStatus.BOOKED, "person"),
    "check_in": Step("check_in", (BookingStatus.BOOKED,), BookingStatus.CHECKED_IN, "staff"),
    "attend": Step("attend", (BookingStatus.CHECKED_IN,), BookingStatus.ATTENDED, "staff"),
    "no_show": Step("no_show", (BookingStatus.BOOKED,), BookingStatus.NO_SHOW, "staff"),
}

# Visit: waiting → called (to a window) → being served → served (closed with items);
# waiting or called → left without service.
VISIT_STEPS = {
    "call": Step("call", (VisitStatus.WAITING,), VisitStatus.CALLED, "staff"),
    "serve": Step("serve", (VisitStatus.WAITING, VisitStatus.CALLED), VisitStatus.SERVING, "staff"),
    "close": Step("close", (VisitStatus.SERVING,), VisitStatus.CLOSED, "staff"),
    "leave": Step("leave", (VisitStatus.WAITING, VisitStatus.CALLED), VisitStatus.LEFT, "staff"),
}

OPEN_VISIT_STATUSES = (VisitStatus.WAITING, VisitStatus.CALLED, VisitStatus.SERVING)
