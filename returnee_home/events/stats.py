"""Figures of events for dashboards, grouped by Home: events held in the period (started in it,
over by now, not cancelled) and the people checked in at them."""

from datetime import date

from django.db.models import Count
from django.utils import timezone

from returnee_home.events.models import Event, EventStatus, Registration
from returnee_home.records.stats import day_bounds

HELD_STATUSES = (
    EventStatus.PUBLISHED,
    EventStatus.REGISTRATION_CLOSED,
    EventStatus.HELD,
    EventStatus.ARCHIVED,
)


def events_by_home(home_ids: list[int] | None, start: date, end: date) -> dict[int, dict[str, int]]:
    """{home_id: {held, attendance}}: two grouped queries."""
    low, high = day_bounds(start, end)
    events = Event.objects.filter(
        starts_at__gte=low,
        starts_at__lt=high,
        ends_at__lte=timezone.now(),
        status__in=HELD_STATUSES,
    )
    if home_ids is not None:
        events = events.filter(home_id__in=home_ids)
    result: dict[int, dict[str, int]] = {
        row["home_id"]: {"held": row["n"], "attendance": 0}
        for row in events.values("home_id").annotate(n=Count("pk")).order_by()
    }
    attendance = (
        Registration.objects.filter(event__in=events.values("pk"), checked_in_at__isnull=False)
        .values("event__home_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in attendance:
        result.setdefault(row["event__home_id"], {"held": 0, "attendance": 0})["attendance"] = row[
            "n"
        ]
    return result
