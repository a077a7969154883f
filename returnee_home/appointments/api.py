"""The appointments part of the API (/api/v1/appointments/...): free slots of a Home (public),
the caller's own appointments, booking and cancelling, by the person's session or their own
personal API token (`rhp_…`; booking and cancelling need its write scope).

An organisation's token does not act for a person, so it is refused here."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema

from returnee_home.api.auth import person_auth
from returnee_home.api.schemas import ErrorOut
from returnee_home.appointments import actions, selectors
from returnee_home.core.errors import ApplicationError, NotFoundError

router = Router(tags=["appointments"])

ERRORS: dict[int, Any] = {
    429: ErrorOut,
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


class SlotOut(Schema):
    id: int
    starts_at: dt.datetime = Field(..., description="ISO time in Asia/Shanghai")
    ends_at: dt.datetime
    window_number: int
    window_name: str

    @staticmethod
    def resolve_starts_at(obj: Any) -> dt.datetime:
        return timezone.localtime(obj.starts_at)

    @staticmethod
    def resolve_ends_at(obj: Any) -> dt.datetime:
        return timezone.localtime(obj.ends_at)

    @staticmethod
    def resolve_window_number(obj: Any) -> int:
        return obj.window.number

    @staticmethod
    def resolve_window_name(obj: Any) -> str:
        return obj.window.name


class BookingOut(Schema):
    code: str
    status: str
    status_label: str
    cancelled_by_home: bool = Field(
        False, description="The Home closed the time (holiday or closure) and cancelled it"
    )
    home_slug: str
    home_name: str
    item_id: int
    item_title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    window_number: int

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return obj.status_label

    @staticmethod
    def resolve_home_slug(obj: Any) -> str:
        return obj.home.slug

    @staticmethod
    def resolve_home_name(obj: Any) -> str:
        return obj.home.name

    @staticmethod
    def resolve_item_title(obj: Any) -> str:
        return obj.item.title

    @staticmethod
    def resolve_starts_at(obj: Any) -> dt.datetime:
        return timezone.localtime(obj.slot.starts_at)

    @staticmethod
    def resolve_ends_at(obj: Any) -> dt.datetime:
        return timezone.localtime(obj.slot.ends_at)

    @staticmethod
    def resolve_window_number(obj: Any) -> int:
        return obj.slot.window.number


class SlotFilters(Schema):
    home: str = Field(..., max_length=60, description="The Home's slug or id")
    item: int = Field(..., description="Service item id")
    date: dt.date = Field(..., description="Day, YYYY-MM-DD (Asia/Shanghai)")


class BookingIn(Schema):
    home: str = Field(..., max_length=60, description="The Home's slug or id")
    item: int
    slot: int
    note: str = Field("", max_length=300)


def _person(request: HttpRequest) -> Any:
    user = getattr(request.auth, "user", None)  # type: ignore[attr-defined]
    if user is None:
        raise ApplicationError(
            "person_required", _("Sign in as a person to manage appointments."), status=403
        )
    return user


@router.get("/slots", response={200: list[SlotOut], **ERRORS}, summary="Free slots of a Home")
def free_slots(request: HttpRequest, filters: Query[SlotFilters]) -> Any:
    """Free appointment times of a Home for a service item on a day, one per start time."""
    home = selectors.bookable_home(filters.home)
    item = selectors.offered_item(home, filters.item)
    return selectors.free_slots(home, item, filters.date)


@router.get(
    "/mine",
    response={200: list[BookingOut], **ERRORS},
    auth=person_auth,
    summary="Your appointments",
)
def my_appointments(request: HttpRequest) -> Any:
    return list(selectors.bookings_of(_person(request)))


@router.post(
    "/bookings",
    response={201: BookingOut, **ERRORS},
    auth=person_auth,
    summary="Book a slot",
)
def book(request: HttpRequest, payload: BookingIn) -> Any:
    """Book a free slot; 409 `slot_taken` when someone else holds it."""
    person = _person(request)
    home = selectors.bookable_home(payload.home)
    try:
        item = selectors.offered_item(home, payload.item)
    except NotFoundError as exc:
        raise ApplicationError(
            "item_not_offered", _("This Home does not offer this service."), status=400
        ) from exc
    booking = actions.booking_create(
        person=person, home=home, item=item, slot_id=payload.slot, note=payload.note
    )
    return 201, selectors.booking_of(person, booking.code)


@router.post(
    "/bookings/{code}/cancel",
    response={200: BookingOut, **ERRORS},
    auth=person_auth,
    summary="Cancel your appointment",
)
def cancel(request: HttpRequest, code: str) -> Any:
    person = _person(request)
    booking = selectors.booking_of(person, code)
    actions.booking_cancel(person=person, booking=booking)
    return selectors.booking_of(person, code)
