"""API of events: the public calendar and one event (no authentication), and for a signed-in
person (session or personal token): register, cancel, their registrations.

Times are ISO 8601 with the Asia/Shanghai offset. The online link is only in the answers of a
person whose place is confirmed."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema

from returnee_home.api.auth import person_auth
from returnee_home.api.schemas import ErrorOut
from returnee_home.core.errors import ApplicationError, NotFoundError
from returnee_home.core.models import City, Language
from returnee_home.events import actions, selectors, workflow
from returnee_home.events.models import Event, EventKind, Registration, RegistrationStatus

router = Router(tags=["events"])
ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,
}
MAX_LIMIT = 100


class EventFilters(Schema):
    city: str = Field(
        "", description="City administrative code, e.g. 320100 (includes its counties)"
    )
    home: str = Field("", description="A named Home's address name (slug)")
    kind: str = Field("", description="One of: " + ", ".join(EventKind.values))
    language: str = Field("", description="Language code of the event, e.g. zh, en")
    date_from: dt.date | None = Field(
        None, description="Events ending on or after this day; default today"
    )
    date_to: dt.date | None = Field(None, description="Events starting on or before this day")
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0)


class QuestionOut(Schema):
    id: int
    label: str
    kind: str
    required: bool
    choices: list[str]


class EventOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    title_zh: str
    title_en: str
    status: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    home: str = Field(..., description="Organiser Home's slug")
    home_name: str
    city: str = Field(..., description="City code of the Home")
    venue: str
    online: bool
    capacity: int
    places_left: int
    has_waiting_list: bool
    requires_approval: bool
    registration_opens_at: dt.datetime | None
    registration_closes_at: dt.datetime
    languages: list[str]
    free: bool = True
    url: str
    ics_url: str


class EventDetailOut(EventOut):
    description: str
    audience: str
    questions: list[QuestionOut]
    online_url: str | None = Field(None, description="Only for a person whose place is confirmed")


class EventPage(Schema):
    count: int
    results: list[EventOut]


class RegistrationIn(Schema):
    answers: dict[str, str] = Field(
        default_factory=dict, description="Answers keyed by question id (see the event's questions)"
    )


class RegistrationOut(Schema):
    id: int
    event: int
    event_title: str
    starts_at: dt.datetime
    status: str
    status_label: str
    code: str = Field(..., description="Short check-in code (also in the QR code)")
    offer_expires_at: dt.datetime | None
    checked_in_at: dt.datetime | None
    online_url: str | None = None


def _event_out(event: Event, places_taken: int | None = None) -> dict[str, Any]:
    from django.urls import reverse

    taken = places_taken if places_taken is not None else selectors.places_taken(event)
    return {
        "id": event.pk,
        "kind": event.kind,
        "kind_label": str(EventKind(event.kind).label),
        "title": event.title,
        "title_zh": event.title_zh,
        "title_en": event.title_en,
        "status": workflow.shown_status(event),
        "starts_at": timezone.localtime(event.starts_at),
        "ends_at": timezone.localtime(event.ends_at),
        "home": event.home.slug,
        "home_name": event.home.name,
        "city": event.home.city.code,
        "venue": event.venue,
        "online": bool(event.online_url),
        "capacity": event.capacity,
        "places_left": max(event.capacity - taken, 0),
        "has_waiting_list": event.has_waiting_list,
        "requires_approval": event.requires_approval,
        "registration_opens_at": event.registration_opens_at
        and timezone.localtime(event.registration_opens_at),
        "registration_closes_at": timezone.localtime(event.registration_deadline),
        "languages": [lang.code for lang in event.languages.all()],
        "url": reverse("events:detail", args=[event.pk]),
        "ics_url": reverse("events:ics", args=[event.pk]),
    }


def _registration_out(registration: Registration) -> dict[str, Any]:
    event = registration.event
    confirmed = registration.status == RegistrationStatus.CONFIRMED
    return {
        "id": registration.pk,
        "event": event.pk,
        "event_title": event.title,
        "starts_at": timezone.localtime(event.starts_at),
        "status": registration.status,
        "status_label": str(registration.get_status_display()),
        "code": registration.code,
        "offer_expires_at": registration.offer_expires_at,
        "checked_in_at": registration.checked_in_at,
        "online_url": (event.online_url or None) if confirmed else None,
    }


def _person(request: HttpRequest) -> Any:
    user = getattr(request.auth, "user", None)  # type: ignore[attr-defined]
    if user is None:
        raise ApplicationError(
            "person_required", _("Sign in as a person to register for events."), status=403
        )
    return user


def _public_event(event_id: int) -> Event:
    return selectors.public_event(event_id)


@router.get("", response={200: EventPage, **ERRORS}, summary="Events calendar", auth=None)
def list_events(request: HttpRequest, filters: Query[EventFilters]) -> Any:
    """Published events of the named Homes, by start time; cancelled events are included with
    status `cancelled`. Without dates: events from today on."""
    values: dict[str, Any] = {"kind": filters.kind}
    if filters.kind and filters.kind not in EventKind.values:
        raise ApplicationError(
            "invalid", _("Unknown kind of event."), fields={"kind": _("Unknown kind of event.")}
        )
    if filters.city:
        values["city"] = City.objects.filter(code=filters.city).first()
        if values["city"] is None:
            raise ApplicationError(
                "invalid", _("Unknown city."), fields={"city": _("Unknown city.")}
            )
    if filters.home:
        values["home"] = selectors.home_by_slug(filters.home)
    if filters.language:
        values["language"] = Language.objects.filter(code=filters.language).first()
        if values["language"] is None:
            raise ApplicationError(
                "invalid", _("Unknown language."), fields={"language": _("Unknown language.")}
            )
    values["date_from"] = filters.date_from or (None if filters.date_to else timezone.localdate())
    values["date_to"] = filters.date_to
    events = selectors.public_events(**values)
    count = events.count()
    page = list(events[filters.offset : filters.offset + filters.limit])
    return {"count": count, "results": [_event_out(e, e.places_taken) for e in page]}


@router.get(
    "/registrations/mine",
    response={200: list[RegistrationOut], **ERRORS},
    auth=person_auth,
    summary="Your event registrations",
)
def my_registrations(request: HttpRequest) -> Any:
    person = _person(request)
    return [_registration_out(r) for r in selectors.registrations_of(person)[:200]]


@router.get("/{event_id}", response={200: EventDetailOut, **ERRORS}, summary="One event", auth=None)
def event_detail(request: HttpRequest, event_id: int) -> Any:
    """The event with its registration questions; `online_url` only for a signed-in person
    whose place is confirmed (send the session cookie)."""
    event = _public_event(event_id)
    data = _event_out(event)
    registration = selectors.registration_for_event(request.user, event)
    confirmed = registration is not None and registration.status == RegistrationStatus.CONFIRMED
    data.update(
        description=event.description,
        audience=event.audience,
        questions=[
            {
                "id": q.pk,
                "label": q.label,
                "kind": q.kind,
                "required": q.is_required,
                "choices": [value for value, _label in q.choice_list()],
            }
            for q in event.questions.all()
        ],
        online_url=(event.online_url or None) if confirmed else None,
    )
    return data


@router.post(
    "/{event_id}/register",
    response={201: RegistrationOut, **ERRORS},
    auth=person_auth,
    summary="Register for an event",
)
def register(request: HttpRequest, event_id: int, payload: RegistrationIn) -> Any:
    """Status `confirmed`, `pending` (the organiser approves) or `waitlisted`. Refusals: 400
    `registration_closed` / `registration_not_open` / `invalid_answers`, 409 `already_registered`
    / `event_full` (no waiting list)."""
    person = _person(request)
    event = _public_event(event_id)
    registration = actions.registration_create(person=person, event=event, answers=payload.answers)
    return 201, _registration_out(registration)


def _my_registration(person: Any, event_id: int) -> Registration:
    found = selectors.registrations_of(person).filter(event_id=event_id).first()
    if found is None:
        raise NotFoundError()
    return found


@router.post(
    "/{event_id}/cancel",
    response={200: RegistrationOut, **ERRORS},
    auth=person_auth,
    summary="Cancel your registration or leave the waiting list",
)
def cancel(request: HttpRequest, event_id: int) -> Any:
    """Frees the place, which is offered to the first on the waiting list. 409 `not_active`
    when the registration has already ended."""
    person = _person(request)
    registration = actions.registration_cancel(
        person=person, registration=_my_registration(person, event_id)
    )
    return _registration_out(registration)


@router.post(
    "/{event_id}/accept",
    response={200: RegistrationOut, **ERRORS},
    auth=person_auth,
    summary="Take a place offered from the waiting list",
)
def accept(request: HttpRequest, event_id: int) -> Any:
    person = _person(request)
    registration = actions.registration_accept_offer(
        person=person, registration=_my_registration(person, event_id)
    )
    return _registration_out(registration)
