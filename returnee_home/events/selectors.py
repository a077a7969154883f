"""Reads of events, scoped: the public calendar, the organisers' events (their Home's; a city
admin's city; everything for the province), a person's own registrations."""

import datetime as dt
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from returnee_home.core.errors import NotFoundError
from returnee_home.events.models import (
    HOLDS_PLACE,
    PUBLIC_STATUSES,
    Event,
    EventMaterial,
    EventStatus,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
)
from returnee_home.orgs.models import Home, Role
from returnee_home.orgs.selectors import (
    admin_city_ids,
    is_province_admin,
    member_organisation_ids,
)

HOME_ROLES = (Role.HOME_MANAGER, Role.HOME_STAFF)
_RELATED = ("home", "home__city", "service_item")


# --- The public ------------------------------------------------------------------------------


def _public_condition(now: dt.datetime | None = None) -> Q:
    now = now or timezone.now()
    return (
        Q(status__in=PUBLIC_STATUSES) | Q(status=EventStatus.SCHEDULED, publish_at__lte=now)
    ) & Q(home__status=Home.Status.NAMED)


def public_events(
    *,
    city: Any = None,
    home: Any = None,
    kind: str = "",
    language: Any = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[Event]:
    """Published events of named Homes (cancelled ones too, marked), filtered; start order.
    A city includes its province-administered counties."""
    qs = Event.objects.filter(_public_condition())
    if city is not None:
        qs = qs.filter(Q(home__city=city) | Q(home__city__parent=city))
    if home is not None:
        qs = qs.filter(home=home)
    if kind:
        qs = qs.filter(kind=kind)
    if language is not None:
        qs = qs.filter(languages=language)
    tz = timezone.get_default_timezone()
    if date_from:
        qs = qs.filter(ends_at__gte=dt.datetime.combine(date_from, dt.time.min, tzinfo=tz))
    if date_to:
        qs = qs.filter(
            starts_at__lt=dt.datetime.combine(date_to, dt.time.min, tzinfo=tz)
            + dt.timedelta(days=1)
        )
    return (
        qs.select_related(*_RELATED)
        .prefetch_related("languages")
        .annotate(
            places_taken=Count(
                "registrations",
                filter=Q(registrations__status__in=(*HOLDS_PLACE, RegistrationStatus.PENDING)),
            )
        )
        .annotate(places_left=F("capacity") - F("places_taken"))
        .order_by("starts_at", "pk")
    )


def public_event(event_id: int) -> Event:
    """One public event with its questions and languages; NotFoundError otherwise."""
    found = (
        Event.objects.filter(_public_condition(), pk=event_id)
        .select_related(*_RELATED)
        .prefetch_related("languages", "questions")
        .first()
    )
    if found is None:
        raise NotFoundError()
    return found


def places_taken(event: Event) -> int:
    return event.registrations.filter(status__in=(*HOLDS_PLACE, RegistrationStatus.PENDING)).count()


def waiting_count(event: Event) -> int:
    return event.registrations.filter(status=RegistrationStatus.WAITLISTED).count()


def public_homes() -> QuerySet[Home]:
    return Home.objects.filter(status=Home.Status.NAMED).select_related("city").order_by("code")


def home_by_slug(slug: str) -> Home:
    found = public_homes().filter(slug=slug).first()
    if found is None:
        raise NotFoundError()
    return found


# --- Organisers ------------------------------------------------------------------------------


def _manage_condition(user: Any) -> Q | None:
    """None: everything (province); Q(pk__in=[]) when nothing."""
    if is_province_admin(user):
        return None
    condition = Q(home__carrier_id__in=member_organisation_ids(user, HOME_ROLES))
    cities = admin_city_ids(user)
    if cities:
        condition |= Q(home__city_id__in=cities)
    return condition


def can_organise(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return is_province_admin(user) or bool(
        member_organisation_ids(user, HOME_ROLES) or admin_city_ids(user)
    )


def organiser_homes(user: Any) -> QuerySet[Home]:
    """Homes the person may organise events for: their own Home(s); every Home of a city
    admin's city; every Home for a province admin."""
    qs = Home.objects.select_related("city").order_by("city__sort_order", "code")
    if is_province_admin(user):
        return qs
    condition = Q(carrier_id__in=member_organisation_ids(user, HOME_ROLES))
    cities = admin_city_ids(user)
    if cities:
        condition |= Q(city_id__in=cities)
    return qs.filter(condition)


def managed_events(user: Any, *, status: str = "", home: Any = None) -> QuerySet[Event]:
    condition = _manage_condition(user)
    qs = Event.objects.all() if condition is None else Event.objects.filter(condition)
    if status in EventStatus.values:
        qs = qs.filter(status=status)
    if home is not None:
        qs = qs.filter(home=home)
    return (
        qs.select_related(*_RELATED)
        .annotate(
            places_taken=Count(
                "registrations",
                filter=Q(registrations__status__in=(*HOLDS_PLACE, RegistrationStatus.PENDING)),
            ),
            waiting=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)
            ),
        )
        .order_by("-starts_at", "-pk")
    )


def managed_event(user: Any, event_id: int) -> Event:
    """One event the person organises; NotFoundError for anyone else."""
    if not can_organise(user):
        raise NotFoundError()
    condition = _manage_condition(user)
    qs = Event.objects.all() if condition is None else Event.objects.filter(condition)
    found = (
        qs.filter(pk=event_id)
        .select_related(*_RELATED)
        .prefetch_related("languages", "questions", "materials")
        .first()
    )
    if found is None:
        raise NotFoundError()
    return found


def registrations_of_event(event: Event, *, status: str = "") -> QuerySet[Registration]:
    qs = event.registrations.select_related("user", "feedback")
    if status in RegistrationStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("pk")


def recent_check_ins(event: Event, limit: int = 10) -> list[Registration]:
    return list(
        event.registrations.filter(checked_in_at__isnull=False)
        .select_related("user")
        .order_by("-checked_in_at")[:limit]
    )


def event_counts(event: Event) -> dict[str, int]:
    """Registrations by status plus the number checked in."""
    counts = {s: 0 for s in RegistrationStatus.values}
    for row in event.registrations.values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    counts["checked_in"] = event.registrations.filter(checked_in_at__isnull=False).count()
    return counts


def questions_of(event: Event) -> list[RegistrationQuestion]:
    return list(event.questions.order_by("sort_order", "pk"))


# --- A person's own --------------------------------------------------------------------------


def registrations_of(user: Any) -> QuerySet[Registration]:
    if not getattr(user, "is_authenticated", False):
        return Registration.objects.none()
    return (
        Registration.objects.filter(user=user)
        .select_related("event", "event__home", "event__home__city")
        .order_by("-event__starts_at", "-pk")
    )


def registration_of(user: Any, registration_id: int) -> Registration:
    found = (
        registrations_of(user)
        .select_related("feedback")
        .prefetch_related(
            Prefetch("event__materials", queryset=EventMaterial.objects.order_by("pk"))
        )
        .filter(pk=registration_id)
        .first()
    )
    if found is None:
        raise NotFoundError()
    return found


def registration_for_event(user: Any, event: Event) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Registration.objects.filter(user=user, event=event).first()


def may_see_materials(registration: Registration | None) -> bool:
    """Attendees and people whose place was confirmed see the materials."""
    if registration is None:
        return False
    return registration.checked_in_at is not None or registration.status == (
        RegistrationStatus.CONFIRMED
    )


def material_for(user: Any, material_id: int) -> EventMaterial:
    """A material file the person may download: an organiser's event, or one they attended or
    were confirmed for."""
    material = EventMaterial.objects.select_related("event").filter(pk=material_id).first()
    if material is None:
        raise NotFoundError()
    if can_organise(user):
        try:
            managed_event(user, material.event_id)
            return material
        except NotFoundError:
            pass
    if may_see_materials(registration_for_event(user, material.event)):
        return material
    raise NotFoundError()
