"""The person's appointments and counter visits in their "download my data" file."""

from typing import Any

from returnee_home.appointments.models import Booking, Visit


def appointments_export(user: Any) -> dict[str, Any]:
    bookings = Booking.objects.filter(person=user).select_related("home", "slot", "item")
    visits = Visit.objects.filter(person=user).select_related("home").prefetch_related("items")
    return {
        "bookings": [
            {
                "code": b.code,
                "home": b.home.name_zh,
                "item": b.item.title_zh,
                "starts_at": b.slot.starts_at,
                "status": b.status,
                "note": b.note,
            }
            for b in bookings
        ],
        "visits": [
            {
                "home": v.home.name_zh,
                "day": v.day,
                "queue_number": v.queue_number,
                "status": v.status,
                "items": [row.item_id for row in v.items.all()],
            }
            for v in visits
        ],
    }
