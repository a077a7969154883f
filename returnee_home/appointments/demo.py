"""Demo data, appointments part: weekly appointment hours at every Home's open windows
(Monday to Friday, 9:00–11:30 and 14:00–17:00, half-hour slots), slots for the coming four
weeks, upcoming bookings at the demo Home (the demo talent's among them) and two weeks of past
counter visits there, closed with the items handled (one service record each).

Adds only what is missing: hours per window, slots by (window, start), bookings and visits
only while the demo Home has none."""

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef
from django.utils import timezone

from returnee_home.appointments import actions, selectors
from returnee_home.appointments.models import (
    Booking,
    BookingStatus,
    Slot,
    Visit,
    VisitItem,
    VisitStatus,
    WeeklySchedule,
)
from returnee_home.core.demo.registry import DemoContext
from returnee_home.orgs.models import Home, Window

ORDER = 38  # after services (35): bookings point at its items and offerings

PERIODS = [(dt.time(9, 0), dt.time(11, 30)), (dt.time(14, 0), dt.time(17, 0))]
VISITOR_NAMES = ["王建国", "李静", "张伟", "刘洋", "陈晨", "杨帆", "赵敏", "周婷"]


def seed(ctx: DemoContext) -> None:
    hours = _weekly_hours()
    slots = sum(actions.slots_generate(home=home) for home in Home.objects.select_related("city"))
    home = ctx.shared.get("demo_home")
    bookings = visits = 0
    if home is not None and not Booking.objects.filter(home=home).exists():
        bookings = _bookings(ctx, home)
        visits = _past_visits(ctx, home)
    ctx.log(
        f"appointments: {hours} weekly hours, {slots} slots, {bookings} bookings, "
        f"{visits} past visits"
    )


def _weekly_hours() -> int:
    windows = Window.objects.filter(is_active=True).exclude(
        Exists(WeeklySchedule.objects.filter(window=OuterRef("pk")))
    )
    rows = [
        WeeklySchedule(
            home_id=window.home_id,
            window=window,
            weekday=weekday,
            start=start,
            end=end,
            slot_minutes=30,
        )
        for window in windows
        for weekday in range(5)
        for start, end in PERIODS
    ]
    WeeklySchedule.objects.bulk_create(rows, ignore_conflicts=True, batch_size=2000)
    return len(rows)


def _people(ctx: DemoContext, count: int) -> list[Any]:
    from returnee_home.talent.models import TalentProfile

    demo = (ctx.shared.get("demo_users") or {}).get("talent")
    ids = list(TalentProfile.objects.order_by("pk").values_list("user_id", flat=True)[:count])
    from returnee_home.accounts.models import User

    people = list(User.objects.filter(pk__in=ids).order_by("pk"))
    if demo is not None:
        people = [demo] + [p for p in people if p.pk != demo.pk]
    return people


def _bookings(ctx: DemoContext, home: Home) -> int:
    """Upcoming bookings at the demo Home: the demo talent's first, then other talents'."""
    items = list(selectors.offered_items(home))
    if not items:
        return 0
    made = 0
    people = _people(ctx, 12 if ctx.scale.rank == 0 else 40)
    days = selectors.bookable_days()[1:]
    for i, person in enumerate(people):
        rng = ctx.rng_for("appointments-booking", i)
        item = items[0] if i == 0 else rng.choice(items)
        for day in days[i % 5 :: 5] if i else days:
            free = selectors.free_slots(home, item, day)
            if free:
                slot = free[0] if i == 0 else rng.choice(free)
                actions.booking_create(person=person, home=home, item=item, slot_id=slot.pk)
                made += 1
                break
    return made


def _past_visits(ctx: DemoContext, home: Home) -> int:
    """Two weeks of closed counter visits: booked ones and walk-ins, each with its items."""
    from returnee_home.records.actions import service_record_create

    items = list(selectors.offered_items(home))
    windows = list(Window.objects.filter(home=home, is_active=True).order_by("number"))
    if not items or not windows:
        return 0
    people = _people(ctx, 30)
    staff = (ctx.shared.get("demo_users") or {}).get("staff")
    tz = timezone.get_default_timezone()
    today = timezone.localdate()
    count = 0
    for back in range(14, 0, -1):
        day = today - dt.timedelta(days=back)
        if day.weekday() >= 5:
            continue
        for n in range(1, 5):
            rng = ctx.rng_for("appointments-visit", day.isoformat(), n)
            window = windows[n % len(windows)]
            person = people[(back * 5 + n) % len(people)] if people and n % 2 else None
            starts = dt.datetime.combine(day, dt.time(9, 0), tzinfo=tz) + dt.timedelta(
                minutes=30 * n
            )
            booking = None
            if person is not None:
                slot, _created = Slot.objects.get_or_create(
                    window=window,
                    starts_at=starts,
                    defaults={"home": home, "ends_at": starts + dt.timedelta(minutes=30)},
                )
                booking = Booking.objects.create(
                    code=actions._new_code(),
                    person=person,
                    home=home,
                    slot=slot,
                    item=rng.choice(items),
                    status=BookingStatus.ATTENDED,
                )
            visit = Visit.objects.create(
                home=home,
                day=day,
                queue_number=n,
                booking=booking,
                person=person,
                visitor_name="" if person else rng.choice(VISITOR_NAMES),
                visitor_phone="" if person else f"+86138{rng.randrange(10**8):08d}",
                status=VisitStatus.CLOSED,
                window=window,
                staff=staff,
                checked_in_at=starts - dt.timedelta(minutes=10),
                called_at=starts,
                closed_at=starts + dt.timedelta(minutes=20),
            )
            handled = {booking.item} if booking else {rng.choice(items)}
            if rng.random() < 0.3:
                handled.add(rng.choice(items))
            for item in handled:
                row = VisitItem.objects.create(visit=visit, item=item)
                service_record_create(
                    person=person,
                    home=home,
                    item=item,
                    channel="counter",
                    served_on=day,
                    source=row,
                    actor=staff,
                    person_name=visit.visitor_name,
                )
            count += 1
    return count
