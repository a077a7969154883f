"""Writes of events: create and edit, the status steps, registration with the waiting list and
offers, approval, check-in and walk-ins (each attendee one service record of channel "event"),
materials, feedback and reminders. Every write is one transaction; places are counted under a
lock on the event row, so simultaneous registrations never overfill it."""

import datetime as dt
import secrets
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from returnee_home.core.audit import audit_record, diff, snapshot
from returnee_home.core.cache import public_pages_changed
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.core.uploads import document_mime, is_too_large
from returnee_home.events import selectors, workflow
from returnee_home.events.models import (
    ACTIVE_STATUSES,
    HOLDS_PLACE,
    Event,
    EventKind,
    EventMaterial,
    EventStatus,
    Feedback,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
)
from returnee_home.notifications.actions import notify

R = RegistrationStatus
OFFER_HOURS = 24
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to read out and type
CODE_LENGTH = 6
CHECK_IN_EARLY = dt.timedelta(hours=12)
CHECK_IN_LATE = dt.timedelta(hours=12)
# Catalogue items recorded for attendees when the event names none, by kind (first that exists).
DEFAULT_ITEM_CODES = {
    EventKind.POLICY_BRIEFING: ("EMP-001",),
    EventKind.FORUM: ("EMP-001",),
    EventKind.LECTURE: ("EMP-001",),
    EventKind.TRAINING: ("EMP-005", "EMP-006", "EMP-001"),
    EventKind.ROADSHOW: ("PRJ-005", "PRJ-006", "EMP-001"),
    EventKind.MEETUP: ("EMP-003", "EMP-001"),
}
EVENT_FIELDS = [
    "home",
    "kind",
    "title_zh",
    "title_en",
    "description_zh",
    "description_en",
    "audience_zh",
    "audience_en",
    "starts_at",
    "ends_at",
    "venue_zh",
    "venue_en",
    "online_url",
    "capacity",
    "has_waiting_list",
    "requires_approval",
    "registration_opens_at",
    "registration_closes_at",
    "service_item",
]


# --- Helpers ---------------------------------------------------------------------------------


def _audit(actor: Any, action: str, event: Event, **kwargs: Any) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=event,
        city_code=event.home.city.code if event.home_id else "",
        organisation_id=event.home.carrier_id if event.home_id else None,
        **kwargs,
    )


def _require_organiser(actor: Any, event: Event) -> None:
    selectors.managed_event(actor, event.pk)  # NotFoundError outside their scope


def _check_times(fields: dict[str, Any]) -> None:
    starts, ends = fields.get("starts_at"), fields.get("ends_at")
    if starts and ends and ends <= starts:
        message = gettext_lazy("The end must be after the start.")
        raise ApplicationError("invalid_times", message, fields={"ends_at": message})
    opens, closes = fields.get("registration_opens_at"), fields.get("registration_closes_at")
    if opens and closes and closes <= opens:
        message = gettext_lazy("Registration must close after it opens.")
        raise ApplicationError("invalid_times", message, fields={"registration_closes_at": message})
    if closes and ends and closes > ends:
        message = gettext_lazy("Registration cannot close after the event has ended.")
        raise ApplicationError("invalid_times", message, fields={"registration_closes_at": message})
    if not fields.get("venue_zh") and not fields.get("venue_en") and not fields.get("online_url"):
        message = gettext_lazy("Give a venue, an online link, or both.")
        raise ApplicationError("no_place", message, fields={"venue_zh": message})
    if fields.get("capacity") is not None and fields["capacity"] < 1:
        message = gettext_lazy("An event needs at least one place.")
        raise ApplicationError("invalid_capacity", message, fields={"capacity": message})


def _check_cover(cover: Any) -> None:
    if cover is None:
        return
    message = None
    if is_too_large(cover):
        message = gettext_lazy("The image is too large.")
    elif document_mime(cover) not in ("image/jpeg", "image/png"):
        message = gettext_lazy("The cover must be a JPEG or PNG image.")
    if message:
        raise ApplicationError("invalid_cover", message, fields={"cover": message})


def _new_code(event: Event) -> str:
    """A short code unused in the event (called under the event's lock)."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not Registration.objects.filter(event=event, code=code).exists():
            return code


def _locked(event: Event) -> Event:
    return (
        Event.objects.select_for_update(of=("self",))
        .select_related("home", "home__city")
        .get(pk=event.pk)
    )


def _places_taken(event: Event) -> int:
    return Registration.objects.filter(event=event, status__in=(*HOLDS_PLACE, R.PENDING)).count()


def _event_url(event: Event) -> str:
    return reverse("events:detail", args=[event.pk])


def _ticket_url(registration: Registration) -> str:
    return reverse("events:ticket", args=[registration.pk])


def _language_of(person: Any) -> str:
    return getattr(person, "preferred_language", "") or "zh-hans"


def _tell(registration: Registration, kind: str, title: Any, body: Any = "") -> None:
    """Notify the registered person in their own language (walk-ins without an account are
    not told)."""
    person = registration.user
    if person is None:
        return
    with translation.override(_language_of(person)):
        event = registration.event
        values = {"title": event.title, "when": _local(event.starts_at)}
        notify(
            recipient=person,
            kind=kind,
            title=str(title) % values,
            body=str(body) % values if body else "",
            url=_ticket_url(registration),
        )


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


# --- Events ----------------------------------------------------------------------------------


@transaction.atomic
def event_create(
    *,
    actor: Any,
    fields: dict[str, Any],
    languages: list[Any] | None = None,
    cover: Any = None,
) -> Event:
    """Create a draft event for a Home the actor organises for. Refuses another Home, times
    out of order, no venue and no link, no places, and a cover that is not an image."""
    home = fields.get("home")
    if home is None or not selectors.organiser_homes(actor).filter(pk=home.pk).exists():
        raise PermissionDeniedError(_("You cannot organise events for this Home."))
    _check_times(fields)
    _check_cover(cover)
    event = Event(**{k: v for k, v in fields.items() if k in EVENT_FIELDS}, created_by=actor)
    if cover is not None:
        event.cover = cover
    event.status = EventStatus.DRAFT
    event.save()
    if languages is not None:
        event.languages.set(languages)
    _audit(actor, "events.event_create", event)
    return event


@transaction.atomic
def event_update(
    *,
    actor: Any,
    event: Event,
    fields: dict[str, Any],
    languages: list[Any] | None = None,
    cover: Any = None,
) -> Event:
    """Change an event's details. Refuses a held, archived or cancelled event, a Home outside
    the actor's scope, and a capacity below the places already confirmed."""
    _require_organiser(actor, event)
    event = _locked(event)
    if event.status in (EventStatus.HELD, EventStatus.ARCHIVED, EventStatus.CANCELLED):
        raise ApplicationError(
            "not_editable", _("A held, archived or cancelled event can no longer be changed.")
        )
    home = fields.get("home", event.home)
    if not selectors.organiser_homes(actor).filter(pk=home.pk).exists():
        raise PermissionDeniedError(_("You cannot organise events for this Home."))
    merged = {**{k: getattr(event, k) for k in EVENT_FIELDS}, **fields}
    _check_times(merged)
    _check_cover(cover)
    taken = _places_taken(event)
    if merged["capacity"] < taken:
        message = _("%(count)s places are already taken: the capacity cannot be lower.") % {
            "count": taken
        }
        raise ApplicationError("capacity_below_taken", message, fields={"capacity": message})
    before = snapshot(event, EVENT_FIELDS)
    for key, value in fields.items():
        if key in EVENT_FIELDS:
            setattr(event, key, value)
    if cover is not None:
        event.cover = cover
    event.save()
    if languages is not None:
        event.languages.set(languages)
    _audit(actor, "events.event_update", event, changes=diff(before, snapshot(event, EVENT_FIELDS)))
    if merged["capacity"] > taken:
        _offer_free_places(event)
    if event.is_public:
        public_pages_changed()
    return event


@transaction.atomic
def event_step(
    *,
    actor: Any,
    event: Event,
    step: str,
    publish_at: dt.datetime | None = None,
    reason: str = "",
) -> Event:
    """Move the event one step through its status machine (see `workflow.STEPS`). Scheduling
    needs a future time; cancelling needs a reason and tells everyone registered."""
    _require_organiser(actor, event)
    event = _locked(event)
    target = workflow.check_step(event, step)
    now = timezone.now()
    before = event.status
    if step == "schedule":
        if publish_at is None or publish_at <= now:
            message = gettext_lazy("Choose a publication time in the future.")
            raise ApplicationError("invalid_publish_at", message, fields={"publish_at": message})
        event.publish_at = publish_at
    if step == "cancel":
        if not reason.strip():
            message = gettext_lazy("Say why the event is cancelled: registrants will read it.")
            raise ApplicationError("reason_required", message, fields={"reason": message})
        event.cancel_reason = reason.strip()
        event.cancelled_at = now
    if step == "publish":
        event.published_at = now
        event.publish_at = None
    event.status = target
    event.save()
    _audit(actor, f"events.{step}", event, changes={"status": [before, target]}, note=reason)
    if step == "cancel":
        _cancel_registrations(event)
    public_pages_changed()
    return event


def _cancel_registrations(event: Event) -> None:
    now = timezone.now()
    for registration in event.registrations.filter(status__in=ACTIVE_STATUSES).select_related(
        "user", "event"
    ):
        registration.status = R.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        with translation.override(_language_of(registration.user)):
            body = _("The event on %(when)s has been cancelled. Reason: %(reason)s") % {
                "when": _local(event.starts_at),
                "reason": event.cancel_reason,
            }
        _tell(
            registration,
            "events.cancelled",
            gettext_lazy("Cancelled: %(title)s"),
            body.replace("%", "%%"),
        )


@transaction.atomic
def publish_due_events(now: dt.datetime | None = None) -> int:
    """Publish scheduled events whose time has come; how many were published."""
    now = now or timezone.now()
    due = list(
        Event.objects.select_for_update(of=("self",)).filter(
            status=EventStatus.SCHEDULED, publish_at__lte=now
        )
    )
    for event in due:
        event.status = EventStatus.PUBLISHED
        event.published_at = event.publish_at or now
        event.save(update_fields=["status", "published_at", "updated_at"])
        audit_record(actor=None, action="events.publish", obj=event, note="scheduled")
    if due:
        public_pages_changed()
    return len(due)


@transaction.atomic
def question_add(*, actor: Any, event: Event, fields: dict[str, Any]) -> RegistrationQuestion:
    """Add a registration question. Refuses a list question without choices, and any change
    once the event is held, archived or cancelled."""
    _require_organiser(actor, event)
    if event.status in (EventStatus.HELD, EventStatus.ARCHIVED, EventStatus.CANCELLED):
        raise ApplicationError("not_editable", _("The event can no longer be changed."))
    if (
        fields.get("kind") == RegistrationQuestion.Kind.CHOICE
        and not fields.get("choices_zh", "").strip()
    ):
        message = gettext_lazy("Give the choices, one a line.")
        raise ApplicationError("choices_required", message, fields={"choices_zh": message})
    order = event.questions.count()
    question = RegistrationQuestion.objects.create(event=event, sort_order=order, **fields)
    _audit(actor, "events.question_add", event, note=question.label_zh)
    return question


@transaction.atomic
def question_delete(*, actor: Any, event: Event, question_id: int) -> None:
    _require_organiser(actor, event)
    question = event.questions.filter(pk=question_id).first()
    if question is None:
        raise NotFoundError()
    _audit(actor, "events.question_delete", event, note=question.label_zh)
    question.delete()


# --- Registration ----------------------------------------------------------------------------


def clean_answers(event: Event, answers: dict[str, Any]) -> dict[str, str]:
    """The answers keyed by question id as strings; refuses a missing required answer or a
    choice that is not in the list, naming the field `q<id>`."""
    cleaned: dict[str, str] = {}
    errors: dict[str, Any] = {}
    for question in event.questions.all():
        key = str(question.pk)
        value = str(answers.get(key, answers.get(f"q{key}", "")) or "").strip()[:2000]
        if question.kind == RegistrationQuestion.Kind.YES_NO and value:
            value = {"true": "yes", "on": "yes", "false": "no"}.get(value.lower(), value.lower())
            if value not in ("yes", "no"):
                errors[f"q{key}"] = gettext_lazy("Answer yes or no.")
        if question.kind == RegistrationQuestion.Kind.CHOICE and value:
            if value not in [v for v, _label in question.choice_list()]:
                errors[f"q{key}"] = gettext_lazy("Choose one of the listed answers.")
        if question.is_required and not value:
            errors[f"q{key}"] = gettext_lazy("Please answer this question.")
        if value:
            cleaned[key] = value
    if errors:
        raise ApplicationError(
            "invalid_answers", gettext_lazy("Please check your answers."), fields=errors
        )
    return cleaned


def _check_open(event: Event, now: dt.datetime) -> None:
    if workflow.shown_status(event, now) != EventStatus.PUBLISHED:
        if event.status == EventStatus.CANCELLED:
            raise ApplicationError(
                "event_cancelled", gettext_lazy("This event has been cancelled.")
            )
        raise ApplicationError(
            "registration_closed", gettext_lazy("Registration for this event is closed.")
        )
    if event.registration_opens_at and now < event.registration_opens_at:
        raise ApplicationError(
            "registration_not_open",
            _("Registration opens on %(when)s.") % {"when": _local(event.registration_opens_at)},
        )
    if now >= event.registration_deadline:
        raise ApplicationError(
            "registration_closed",
            _("Registration closed on %(when)s.") % {"when": _local(event.registration_deadline)},
        )


@transaction.atomic
def registration_create(
    *, person: Any, event: Event, answers: dict[str, Any] | None = None
) -> Registration:
    """Register a signed-in person: a place while there are places (awaiting approval when the
    event asks for it), else the waiting list. Refuses outside the registration window, a full
    event without a waiting list, and a second registration of the same person."""
    if not getattr(person, "is_authenticated", False):
        raise PermissionDeniedError(_("Sign in to register."))
    now = timezone.now()
    event = _locked(event)
    _expire_offers_of(event, now)
    _check_open(event, now)
    _offer_free_places(event, now)
    cleaned = clean_answers(event, answers or {})
    existing = Registration.objects.filter(event=event, user=person).first()
    if existing is not None and existing.status in ACTIVE_STATUSES:
        raise ApplicationError(
            "already_registered",
            gettext_lazy("You are already registered for this event."),
            status=409,
        )
    if existing is not None and existing.status == R.DECLINED:
        raise ApplicationError(
            "declined",
            gettext_lazy("The organiser did not approve your registration for this event."),
            status=409,
        )
    waiting = Registration.objects.filter(event=event, status=R.WAITLISTED).exists()
    if _places_taken(event) < event.capacity and not waiting:
        status = R.PENDING if event.requires_approval else R.CONFIRMED
    elif event.has_waiting_list:
        status = R.WAITLISTED
    else:
        raise ApplicationError(
            "event_full",
            gettext_lazy("This event is full and has no waiting list."),
            status=409,
        )
    if existing is not None:  # registering again after cancelling: back at the end of the line
        existing.delete()
    registration = Registration.objects.create(
        event=event,
        user=person,
        name=getattr(person, "full_name", "")[:100],
        status=status,
        answers=cleaned,
        code=_new_code(event),
        confirmed_at=now if status == R.CONFIRMED else None,
    )
    registration.event = event
    messages = {
        R.CONFIRMED: gettext_lazy("Registered: %(title)s"),
        R.PENDING: gettext_lazy("Registration received, awaiting approval: %(title)s"),
        R.WAITLISTED: gettext_lazy("On the waiting list: %(title)s"),
    }
    _tell(registration, f"events.{status}", messages[status], gettext_lazy("Starts %(when)s."))
    if status == R.PENDING:
        _notify_organisers(event, registration)
    public_pages_changed()
    return registration


def _notify_organisers(event: Event, registration: Registration) -> None:
    """Tell the Home's staff and managers that a registration awaits their approval."""
    from returnee_home.orgs.models import Membership, Role

    memberships = Membership.objects.filter(
        organisation_id=event.home.carrier_id,
        role__in=(Role.HOME_MANAGER, Role.HOME_STAFF),
        user__is_active=True,
    ).select_related("user")
    people = {m.user_id: m.user for m in memberships.order_by("pk")}
    for person in people.values():
        with translation.override(_language_of(person)):
            title = _("Registration to approve: %(title)s") % {"title": event.title}
            body = _("%(name)s registered and awaits your approval.") % {
                "name": registration.person_label
            }
        notify(
            recipient=person,
            kind="events.to_approve",
            title=title,
            body=body,
            url=reverse("events:manage", args=[event.pk]) + "?registrations=pending",
            email=False,
        )


def _offer_free_places(event: Event, now: dt.datetime | None = None) -> list[Registration]:
    """Offer each free place to the next on the waiting list, in arrival order (called with the
    event locked). No offers once the event has started."""
    now = now or timezone.now()
    if now >= event.starts_at:
        return []
    free = event.capacity - _places_taken(event)
    offered = []
    if free <= 0:
        return offered
    expires = min(now + dt.timedelta(hours=OFFER_HOURS), event.starts_at)
    for registration in (
        Registration.objects.filter(event=event, status=R.WAITLISTED)
        .select_related("user")
        .order_by("pk")[:free]
    ):
        registration.status = R.OFFERED
        registration.offer_expires_at = expires
        registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
        registration.event = event
        with translation.override(_language_of(registration.user)):
            body = _("Confirm by %(deadline)s, or the place goes to the next person.") % {
                "deadline": _local(expires)
            }
        _tell(
            registration,
            "events.offered",
            gettext_lazy("A place is free for you: %(title)s"),
            body.replace("%", "%%"),
        )
        offered.append(registration)
    return offered


def _expire_offers_of(event: Event, now: dt.datetime) -> int:
    """Offers past their deadline lapse (the person is told) and go to the next in line."""
    lapsed = list(
        Registration.objects.filter(event=event, status=R.OFFERED, offer_expires_at__lte=now)
        .select_related("user")
        .order_by("pk")
    )
    for registration in lapsed:
        registration.status = R.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        registration.event = event
        _tell(
            registration,
            "events.offer_lapsed",
            gettext_lazy("The offered place has lapsed: %(title)s"),
        )
    if lapsed:
        _offer_free_places(event, now)
    return len(lapsed)


def expire_offers(now: dt.datetime | None = None) -> int:
    """Lapse every offer past its deadline and offer the places to the next people."""
    now = now or timezone.now()
    total = 0
    event_ids = set(
        Registration.objects.filter(status=R.OFFERED, offer_expires_at__lte=now).values_list(
            "event_id", flat=True
        )
    )
    for event_id in sorted(event_ids):
        with transaction.atomic():
            event = _locked(Event(pk=event_id))
            total += _expire_offers_of(event, now)
    if total:
        public_pages_changed()
    return total


@transaction.atomic
def registration_cancel(*, person: Any, registration: Registration) -> Registration:
    """The person cancels their registration, leaves the waiting list, or declines an offered
    place; a freed place is offered to the next on the waiting list. Refuses someone else's
    registration, one already ended, and cancelling after check-in."""
    if registration.user_id != getattr(person, "pk", None):
        raise NotFoundError()
    event = _locked(registration.event)
    registration = Registration.objects.select_for_update(of=("self",)).get(pk=registration.pk)
    if registration.status not in ACTIVE_STATUSES:
        raise ApplicationError(
            "not_active", gettext_lazy("This registration is no longer active."), status=409
        )
    if registration.checked_in_at is not None:
        raise ApplicationError(
            "checked_in", gettext_lazy("You have already checked in at this event."), status=409
        )
    held_place = registration.status in (*HOLDS_PLACE, R.PENDING)
    registration.status = R.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    if held_place:
        _offer_free_places(event)
    public_pages_changed()
    registration.event = event
    return registration


@transaction.atomic
def registration_accept_offer(*, person: Any, registration: Registration) -> Registration:
    """The person takes the place offered to them from the waiting list. Refuses an offer past
    its deadline (which then goes to the next person) and anything not offered."""
    if registration.user_id != getattr(person, "pk", None):
        raise NotFoundError()
    now = timezone.now()
    event = _locked(registration.event)
    registration = Registration.objects.select_for_update(of=("self",)).get(pk=registration.pk)
    if registration.status != R.OFFERED:
        raise ApplicationError(
            "not_offered", gettext_lazy("No place is being offered to you."), status=409
        )
    if registration.offer_expires_at and registration.offer_expires_at <= now:
        _expire_offers_of(event, now)
        raise ApplicationError(
            "offer_expired",
            gettext_lazy("The time to confirm this place has passed."),
            status=409,
        )
    registration.status = R.PENDING if event.requires_approval else R.CONFIRMED
    registration.confirmed_at = now if registration.status == R.CONFIRMED else None
    registration.offer_expires_at = None
    registration.save(update_fields=["status", "confirmed_at", "offer_expires_at", "updated_at"])
    registration.event = event
    _tell(registration, "events.confirmed", gettext_lazy("Registered: %(title)s"))
    public_pages_changed()
    return registration


@transaction.atomic
def registration_decide(*, actor: Any, registration: Registration, approve: bool) -> Registration:
    """An organiser approves or declines a registration awaiting approval; a declined one frees
    its place for the waiting list. Refuses anything not awaiting approval."""
    event = registration.event
    _require_organiser(actor, event)
    event = _locked(event)
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("user")
        .get(pk=registration.pk)
    )
    if registration.status != R.PENDING:
        raise ApplicationError(
            "not_pending", gettext_lazy("This registration is not awaiting approval."), status=409
        )
    registration.status = R.CONFIRMED if approve else R.DECLINED
    registration.confirmed_at = timezone.now() if approve else None
    registration.save(update_fields=["status", "confirmed_at", "updated_at"])
    registration.event = event
    _audit(
        actor,
        "events.registration_approve" if approve else "events.registration_decline",
        event,
        note=registration.code,
    )
    if approve:
        _tell(registration, "events.approved", gettext_lazy("Registration approved: %(title)s"))
    else:
        _tell(registration, "events.declined", gettext_lazy("Registration not approved: %(title)s"))
        _offer_free_places(event)
    public_pages_changed()
    return registration


# --- At the door -----------------------------------------------------------------------------


def _check_in_window(event: Event, now: dt.datetime) -> None:
    if event.status not in (
        EventStatus.PUBLISHED,
        EventStatus.REGISTRATION_CLOSED,
        EventStatus.HELD,
    ):
        raise ApplicationError(
            "check_in_closed",
            _("Check-in is not possible while the event is “%(status)s”.")
            % {"status": event.get_status_display()},
        )
    if not (event.starts_at - CHECK_IN_EARLY <= now <= event.ends_at + CHECK_IN_LATE):
        raise ApplicationError(
            "check_in_closed",
            gettext_lazy(
                "Check-in opens 12 hours before the start and closes 12 hours after the end."
            ),
        )


def service_item_for(event: Event) -> Any:
    """The catalogue item recorded for attendees: the event's own, else a suitable active
    catalogue item for its kind, else none."""
    if event.service_item_id:
        return event.service_item
    from returnee_home.services.models import ServiceItem

    codes = DEFAULT_ITEM_CODES.get(event.kind, ())
    found = {i.code: i for i in ServiceItem.objects.filter(code__in=codes, is_active=True)}
    for code in codes:
        if code in found:
            return found[code]
    return None


def _record_attendance(actor: Any, registration: Registration, event: Event) -> None:
    from returnee_home.records.actions import service_record_create

    service_record_create(
        person=registration.user,
        home=event.home,
        item=service_item_for(event),
        channel="event",
        served_on=timezone.localdate(registration.checked_in_at),
        source=registration,
        actor=actor,
        person_name=registration.name,
    )


def normalise_code(typed: str) -> str:
    """What staff type or scan: the short code, any case, spaces ignored; a scanned QR
    payload `RHEV:<event>:<code>` gives its code."""
    text = (typed or "").strip().upper().replace(" ", "").replace("-", "")
    if text.startswith("RHEV:"):
        text = text.rsplit(":", 1)[-1]
    return text


@transaction.atomic
def registration_check_in(*, actor: Any, event: Event, code: str) -> Registration:
    """Check a confirmed registration in by its code (typed or scanned) and record the service.
    Refuses an unknown code, someone not confirmed, a second check-in, and check-in outside the
    event's time."""
    _require_organiser(actor, event)
    now = timezone.now()
    event = _locked(event)
    _check_in_window(event, now)
    raw = (code or "").strip().upper()
    parts = raw.split(":")
    if raw.startswith("RHEV:") and len(parts) == 3 and parts[1] != str(event.pk):
        message = gettext_lazy("This code is for another event.")
        raise ApplicationError("other_event", message, fields={"code": message}, status=404)
    typed = normalise_code(code)
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(event=event, code=typed)
        .first()
    )
    if registration is None:
        message = gettext_lazy("No registration with this code for this event.")
        raise ApplicationError("unknown_code", message, fields={"code": message}, status=404)
    if registration.checked_in_at is not None:
        raise ApplicationError(
            "already_checked_in",
            _("%(name)s already checked in at %(time)s.")
            % {
                "name": registration.person_label,
                "time": timezone.localtime(registration.checked_in_at).strftime("%H:%M"),
            },
            status=409,
        )
    if registration.status != R.CONFIRMED:
        raise ApplicationError(
            "not_confirmed",
            _("%(name)s is not confirmed (%(status)s): add them as a walk-in if there is room.")
            % {"name": registration.person_label, "status": registration.get_status_display()},
            status=409,
        )
    registration.checked_in_at = now
    registration.checked_in_by = actor
    registration.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
    _record_attendance(actor, registration, event)
    _audit(actor, "events.check_in", event, note=registration.code)
    registration.event = event
    return registration


@transaction.atomic
def registration_walk_in(*, actor: Any, event: Event, name: str, phone: str = "") -> Registration:
    """Add someone who came without registering, checked in at once, and record the service.
    Refuses an empty name and walk-ins outside the event's time."""
    _require_organiser(actor, event)
    now = timezone.now()
    event = _locked(event)
    _check_in_window(event, now)
    if not name.strip():
        message = gettext_lazy("Give the person's name.")
        raise ApplicationError("name_required", message, fields={"name": message})
    registration = Registration.objects.create(
        event=event,
        name=name.strip()[:100],
        phone=phone.strip()[:40],
        status=R.CONFIRMED,
        code=_new_code(event),
        is_walk_in=True,
        confirmed_at=now,
        checked_in_at=now,
        checked_in_by=actor,
    )
    _record_attendance(actor, registration, event)
    _audit(actor, "events.walk_in", event, note=registration.code)
    registration.event = event
    return registration


# --- After the event -------------------------------------------------------------------------


@transaction.atomic
def material_add(
    *, actor: Any, event: Event, title_zh: str, title_en: str = "", url: str = "", file: Any = None
) -> EventMaterial:
    """Attach slides, a recording link or a handout for the attendees. Refuses neither a link nor
    a file, a file that is not a PDF or an image, and a draft or cancelled event."""
    _require_organiser(actor, event)
    if event.status in (EventStatus.DRAFT, EventStatus.SCHEDULED, EventStatus.CANCELLED):
        raise ApplicationError(
            "not_public", gettext_lazy("Materials can be added once the event is published.")
        )
    if not url and file is None:
        message = gettext_lazy("Give a link, a file, or both.")
        raise ApplicationError("material_empty", message, fields={"url": message})
    if file is not None:
        if is_too_large(file):
            message = gettext_lazy("The file is too large.")
            raise ApplicationError("file_too_large", message, fields={"file": message})
        if document_mime(file) is None:
            message = gettext_lazy("Upload a PDF, JPEG or PNG file.")
            raise ApplicationError("invalid_file", message, fields={"file": message})
    material = EventMaterial(
        event=event, title_zh=title_zh, title_en=title_en, url=url, added_by=actor
    )
    if file is not None:
        material.file = file
        material.original_name = getattr(file, "name", "")[:200]
    material.save()
    _audit(actor, "events.material_add", event, note=title_zh)
    attendees = event.registrations.filter(checked_in_at__isnull=False, user__isnull=False)
    for registration in attendees.select_related("user", "event"):
        _tell(registration, "events.material", gettext_lazy("New material from %(title)s"))
    return material


@transaction.atomic
def feedback_submit(
    *, person: Any, registration: Registration, rating: int, comment: str = ""
) -> Feedback:
    """An attendee rates the event (1–5) with an optional comment, once. Refuses someone who
    did not attend, before the start, and a second rating."""
    if registration.user_id != getattr(person, "pk", None):
        raise NotFoundError()
    if registration.checked_in_at is None:
        raise ApplicationError(
            "not_attended", gettext_lazy("Only people who attended can give feedback.")
        )
    if timezone.now() < registration.event.starts_at:
        raise ApplicationError(
            "not_started", gettext_lazy("Feedback opens when the event has started.")
        )
    if not 1 <= int(rating) <= 5:
        message = gettext_lazy("Choose a rating from 1 to 5.")
        raise ApplicationError("invalid_rating", message, fields={"rating": message})
    if Feedback.objects.filter(registration=registration).exists():
        raise ApplicationError(
            "already_rated", gettext_lazy("You have already given feedback."), status=409
        )
    return Feedback.objects.create(
        registration=registration, rating=int(rating), comment=comment.strip()[:2000]
    )


# --- Reminders -------------------------------------------------------------------------------


def send_reminders(now: dt.datetime | None = None) -> int:
    """Remind (in-site notification and e-mail) everyone with a confirmed place in an event
    that starts tomorrow (Asia/Shanghai), once each; the number reminded."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + dt.timedelta(days=1)
    tz = timezone.get_default_timezone()
    start = dt.datetime.combine(tomorrow, dt.time.min, tzinfo=tz)
    due = (
        Registration.objects.filter(
            status=R.CONFIRMED,
            reminded_at__isnull=True,
            user__isnull=False,
            event__status__in=(EventStatus.PUBLISHED, EventStatus.REGISTRATION_CLOSED),
            event__starts_at__gte=start,
            event__starts_at__lt=start + dt.timedelta(days=1),
        )
        .select_related("user", "event", "event__home")
        .order_by("pk")
    )
    count = 0
    for registration in due.iterator(chunk_size=500):
        with transaction.atomic():
            updated = Registration.objects.filter(
                pk=registration.pk, reminded_at__isnull=True
            ).update(reminded_at=now)
            if not updated:
                continue
            event = registration.event
            with translation.override(_language_of(registration.user)):
                where = event.venue or _("Online")
                body = _(
                    "Tomorrow, %(when)s (Beijing time), %(where)s. Your check-in code: %(code)s."
                ) % {
                    "when": _local(event.starts_at),
                    "where": where,
                    "code": registration.code,
                }
            _tell(
                registration,
                "events.reminder",
                gettext_lazy("Reminder: %(title)s is tomorrow"),
                body.replace("%", "%%"),
            )
            count += 1
    return count
