"""Figures of appointments for dashboards, grouped by Home in one query: bookings today, and in
the period attended, no-shows and cancellations (a cancelled booking is neither attended nor a
no-show, so it does not enter the no-show rate)."""

from datetime import date

from django.db.models import Count, Q

from returnee_home.appointments.models import Booking, BookingStatus
from returnee_home.records.stats import day_bounds


def bookings_by_home(
    home_ids: list[int] | None, start: date, end: date, today: date
) -> dict[int, dict[str, int]]:
    """{home_id: {today, attended, no_show, cancelled}} by the slot's time."""
    low, high = day_bounds(start, end)
    day_low, day_high = day_bounds(today, today)
    qs = Booking.objects.filter(
        Q(slot__starts_at__gte=low, slot__starts_at__lt=high)
        | Q(slot__starts_at__gte=day_low, slot__starts_at__lt=day_high)
    )
    if home_ids is not None:
        qs = qs.filter(home_id__in=home_ids)
    in_period = Q(slot__starts_at__gte=low, slot__starts_at__lt=high)
    return {
        row.pop("home_id"): row
        for row in qs.values("home_id")
        .annotate(
            today=Count(
                "pk",
                filter=Q(slot__starts_at__gte=day_low, slot__starts_at__lt=day_high)
                & ~Q(status=BookingStatus.CANCELLED),
            ),
            attended=Count(
                "pk",
                filter=in_period & Q(status__in=(BookingStatus.ATTENDED, BookingStatus.CHECKED_IN)),
            ),
            no_show=Count("pk", filter=in_period & Q(status=BookingStatus.NO_SHOW)),
            cancelled=Count("pk", filter=in_period & Q(status=BookingStatus.CANCELLED)),
        )
        .order_by()
    }
