"""Reads of schedules, slots, bookings and the counter queue, scoped to the person asking.

Counter pages belong to the Home's staff and manager; schedules to its manager (and the admins
of its carrier); a booking to the person who made it. Anything else is NotFoundError (404)."""

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from returnee_home.appointments.models import (
    ACTIVE_BOOKING_STATUSES,
    Booking,
    BookingStatus,
    ScheduleException,
    Slot,
    Visit,
    VisitItem,
    WeeklySchedule,
)
from returnee_home.appointments.workflow import OPEN_VISIT_STATUSES
from returnee_home.core.errors import NotFoundError, PermissionDeniedError
from returnee_home.orgs import selectors as org_selectors
from returnee_home.orgs.models import Home, Window
from returnee_home.services.models import HomeOffering, ServiceItem

HOME_ROLES = org_selectors.HOME_ROLES
BOOKING_HORIZON_DAYS = 28


def local_day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The first and the last instant (exclusive) of a day in the portal's time zone."""
    tz = timezone.get_default_timezone()
    start = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
    return start, start + dt.timedelta(days=1)


def today() -> dt.date:
    return timezone.localdate()


# --- Who works where -------------------------------------------------------------------------


def counter_homes(user: Any) -> QuerySet[Home]:
    """The Homes whose counter the person works at (staff or manager)."""
    ids = org_selectors.member_organisation_ids(user, HOME_ROLES)
    return Home.objects.filter(carrier_id__in=ids).select_related("city", "carrier")


def counter_home(user: Any, home_id: int) -> Home:
    """A Home whose counter the person works at; NotFoundError for anyone else."""
    home = counter_homes(user).filter(pk=home_id).first()
    if home is None:
        raise NotFoundError()
    return home


def schedule_home(user: Any, home_id: int) -> Home:
    """A Home whose appointment hours the person may edit (manager, carrier admins).

    NotFoundError outside the person's Homes; PermissionDeniedError for staff who may see it."""
    home = org_selectors.homes_visible_to(user).filter(pk=home_id).first()
    if home is None:
        raise NotFoundError()
    if not org_selectors.can_edit_home(user, home):
        raise PermissionDeniedError()
    return home


def is_home_manager(user: Any, home: Home) -> bool:
    return org_selectors.can_edit_home(user, home)


# --- Public: where and what can be booked ----------------------------------------------------


def bookable_homes() -> QuerySet[Home]:
    """Named Homes that offer at least one item and have appointment hours."""
    return (
        org_selectors.public_homes()
        .filter(
            Exists(HomeOffering.objects.filter(home=OuterRef("pk"), is_active=True)),
            Exists(WeeklySchedule.objects.filter(home=OuterRef("pk"))),
        )
        .order_by("city__sort_order", "code")
    )


def bookable_home(home_id: int | str) -> Home:
    """A bookable Home by id or slug; NotFoundError when it takes no appointments."""
    qs = bookable_homes()
    home = (
        qs.filter(pk=home_id) if str(home_id).isdigit() else qs.filter(slug=str(home_id))
    ).first()
    if home is None:
        raise NotFoundError()
    return home


def offered_items(home: Home) -> QuerySet[ServiceItem]:
    """Active catalogue items the Home offers."""
    return (
        ServiceItem.objects.filter(is_active=True, offerings__home=home, offerings__is_active=True)
        .select_related("category")
        .order_by("category__sort_order", "sort_order", "code")
    )


def offered_item(home: Home, item_id: int) -> ServiceItem:
    item = offered_items(home).filter(pk=item_id).first()
    if item is None:
        raise NotFoundError()
    return item


def item_window_ids(home: Home, item: ServiceItem) -> list[int]:
    """The windows where the item is handled: the offering's windows, or every open window."""
    offering = HomeOffering.objects.filter(home=home, item=item, is_active=True).first()
    if offering is None:
        return []
    windows = Window.objects.filter(home=home, is_active=True)
    chosen = list(windows.filter(offerings=offering).values_list("pk", flat=True))
    return chosen or list(windows.values_list("pk", flat=True))


def free_slots(
    home: Home, item: ServiceItem, day: dt.date, *, now: dt.datetime | None = None
) -> list[Slot]:
    """Open, future, unbooked slots of the day at the item's windows; one per start time (the
    lowest window number), in time order."""
    now = now or timezone.now()
    start, end = local_day_bounds(day)
    taken = Booking.objects.filter(slot=OuterRef("pk"), status__in=ACTIVE_BOOKING_STATUSES)
    slots = (
        Slot.objects.filter(
            home=home,
            window_id__in=item_window_ids(home, item),
            is_open=True,
            starts_at__gte=max(start, now),
            starts_at__lt=end,
        )
        .exclude(Exists(taken))
        .select_related("window")
        .order_by("starts_at", "window__number")
    )
    first_per_time: dict[dt.datetime, Slot] = {}
    for slot in slots:
        first_per_time.setdefault(slot.starts_at, slot)
    return list(first_per_time.values())


def posted_slot(home: Home, slot_id: str) -> Slot | None:
    """A slot of the Home named in a submitted form, whatever its state (or None)."""
    if not str(slot_id).isdigit():
        return None
    return Slot.objects.select_related("window").filter(home=home, pk=slot_id).first()


def bookable_days(*, now: dt.datetime | None = None) -> list[dt.date]:
    first = timezone.localdate(now) if now else today()
    return [first + dt.timedelta(days=i) for i in range(BOOKING_HORIZON_DAYS)]


# --- The person's own bookings ---------------------------------------------------------------


def _booking_qs() -> QuerySet[Booking]:
    return Booking.objects.select_related("slot", "slot__window", "home", "home__city", "item")


def bookings_of(user: Any) -> QuerySet[Booking]:
    """All of the person's bookings, newest slot first."""
    if not getattr(user, "is_authenticated", False):
        return Booking.objects.none()
    return _booking_qs().filter(person=user).order_by("-slot__starts_at", "-pk")


def upcoming_and_past(user: Any, *, now: dt.datetime | None = None) -> dict[str, list[Booking]]:
    now = now or timezone.now()
    rows = list(bookings_of(user))
    upcoming = [b for b in rows if b.slot.ends_at > now and b.status != BookingStatus.CANCELLED]
    upcoming.sort(key=lambda b: b.slot.starts_at)
    past = [b for b in rows if b not in upcoming]
    return {"upcoming": upcoming, "past": past}


def booking_of(user: Any, code: str) -> Booking:
    """One of the person's bookings by its code; NotFoundError for anyone else's."""
    booking = bookings_of(user).filter(code=(code or "").strip().upper()).first()
    if booking is None:
        raise NotFoundError()
    return booking


# --- The counter -----------------------------------------------------------------------------


def _visit_qs() -> QuerySet[Visit]:
    return Visit.objects.select_related(
        "person", "window", "booking", "booking__item", "booking__slot", "booking__slot__window"
    ).prefetch_related(
        Prefetch("items", queryset=VisitItem.objects.select_related("item").order_by("pk"))
    )


def queue(home: Home, day: dt.date | None = None) -> list[Visit]:
    """The day's open visits at the Home (waiting, called, being served) by queue number."""
    return list(
        _visit_qs()
        .filter(home=home, day=day or today(), status__in=OPEN_VISIT_STATUSES)
        .order_by("queue_number")
    )


def closed_visits(home: Home, day: dt.date | None = None) -> list[Visit]:
    """The day's visits that ended (served or left), latest first."""
    return list(
        _visit_qs()
        .filter(home=home, day=day or today())
        .exclude(status__in=OPEN_VISIT_STATUSES)
        .order_by("-queue_number")
    )


def counter_visit(home: Home, visit_id: int) -> Visit:
    visit = _visit_qs().filter(home=home, pk=visit_id).first()
    if visit is None:
        raise NotFoundError()
    return visit


def day_bookings(home: Home, day: dt.date | None = None) -> list[Booking]:
    """The Home's appointments of the day (not cancelled), in time order."""
    start, end = local_day_bounds(day or today())
    return list(
        Booking.objects.filter(home=home, slot__starts_at__gte=start, slot__starts_at__lt=end)
        .exclude(status=BookingStatus.CANCELLED)
        .select_related("person", "slot", "slot__window", "item")
        .order_by("slot__starts_at", "slot__window__number")
    )


def counter_booking(home: Home, booking_id: int) -> Booking:
    booking = _booking_qs().filter(home=home, pk=booking_id).first()
    if booking is None:
        raise NotFoundError()
    return booking


def home_open_windows(home: Home) -> list[Window]:
    return list(Window.objects.filter(home=home, is_active=True).order_by("number"))


# --- Schedules -------------------------------------------------------------------------------


def weekly_schedules(home: Home) -> list[WeeklySchedule]:
    return list(
        WeeklySchedule.objects.filter(home=home)
        .select_related("window")
        .order_by("window__number", "weekday", "start")
    )


def schedule_exceptions(home: Home, *, since: dt.date | None = None) -> list[ScheduleException]:
    return list(
        ScheduleException.objects.filter(home=home, date__gte=since or today())
        .select_related("window")
        .order_by("date", "pk")
    )


def home_weekly_schedule(home: Home, schedule_id: int) -> WeeklySchedule:
    row = WeeklySchedule.objects.filter(home=home, pk=schedule_id).first()
    if row is None:
        raise NotFoundError()
    return row


def home_schedule_exception(home: Home, exception_id: int) -> ScheduleException:
    row = ScheduleException.objects.filter(home=home, pk=exception_id).first()
    if row is None:
        raise NotFoundError()
    return row


def upcoming_slot_count(home: Home) -> dict[str, int]:
    now = timezone.now()
    slots = Slot.objects.filter(home=home, starts_at__gte=now, is_open=True)
    booked = slots.filter(Q(bookings__status__in=ACTIVE_BOOKING_STATUSES)).distinct()
    return {"slots": slots.count(), "booked": booked.count()}
