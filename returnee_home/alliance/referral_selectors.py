"""Reads of referrals of service requests to alliance members, scoped to the person asking.

Who stands how to a referral is decided here once: the people of the member organisation (any
role in it) see the referrals addressed to it; the staff and manager of the referring Home see
the referrals their Home made; the applicant sees their own request's referrals (on the
request's timeline); nobody else sees any."""

from typing import Any

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from returnee_home.alliance import selectors as alliance_selectors
from returnee_home.alliance import workflow
from returnee_home.alliance.models import AllianceMembership, Offering, Referral
from returnee_home.core.errors import NotFoundError
from returnee_home.orgs import selectors as org_selectors
from returnee_home.orgs.models import Home, Membership, Role

HOME_ROLES = (Role.HOME_MANAGER, Role.HOME_STAFF)


def _base() -> QuerySet[Referral]:
    return Referral.objects.select_related(
        "request",
        "request__item",
        "request__applicant",
        "request__home",
        "home",
        "home__city",
        "member",
        "member__organisation",
        "member__scope_city",
        "offering",
        "referred_by",
        "answered_by",
        "reported_by",
    )


def member_organisation_ids(user: Any) -> set[int]:
    """Organisations whose people act for an alliance member: any role in the organisation."""
    return org_selectors.member_organisation_ids(user)


def referring_home_ids(user: Any) -> set[int]:
    """Homes whose referrals the person handles: where they are staff or manager."""
    carriers = org_selectors.member_organisation_ids(user, HOME_ROLES)
    if not carriers:
        return set()
    return set(Home.objects.filter(carrier_id__in=carriers).values_list("pk", flat=True))


def actor_kind(user: Any, referral: Referral) -> str | None:
    """How the person stands to the referral: the member's people, the referring Home's staff,
    or nobody (None). Someone who is both acts as the member."""
    if referral.member.organisation_id in member_organisation_ids(user):
        return workflow.MEMBER
    if referral.home_id in referring_home_ids(user):
        return workflow.HOME
    return None


def overdue_first(qs: QuerySet[Referral]) -> QuerySet[Referral]:
    """Open referrals past their deadline first, then open ones by deadline, then the rest."""
    today = timezone.localdate()
    return qs.annotate(
        urgency=Case(
            When(Q(state__in=Referral.OPEN_STATES, deadline__lt=today), then=Value(0)),
            When(state__in=Referral.OPEN_STATES, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    ).order_by("urgency", "deadline", "-created_at", "-id")


def referrals_to_member(user: Any, *, state: str = "") -> QuerySet[Referral]:
    """Referrals addressed to the alliance members the person belongs to, overdue first."""
    orgs = member_organisation_ids(user)
    if not orgs:
        return Referral.objects.none()
    qs = _base().filter(member__organisation_id__in=orgs)
    if state:
        qs = qs.filter(state=state)
    return overdue_first(qs)


def referrals_by_homes(user: Any, *, state: str = "") -> QuerySet[Referral]:
    """Referrals made by the Homes the person works at, overdue first."""
    homes = referring_home_ids(user)
    if not homes:
        return Referral.objects.none()
    qs = _base().filter(home_id__in=homes)
    if state:
        qs = qs.filter(state=state)
    return overdue_first(qs)


def is_member_person(user: Any) -> bool:
    """Whether the person acts for an alliance member: approved or suspended now, or one that
    has been sent referrals before."""
    orgs = member_organisation_ids(user)
    if not orgs:
        return False
    return (
        AllianceMembership.objects.filter(
            organisation_id__in=orgs,
            status__in=(AllianceMembership.Status.APPROVED, AllianceMembership.Status.SUSPENDED),
        ).exists()
        or Referral.objects.filter(member__organisation_id__in=orgs).exists()
    )


def referral_for(user: Any, referral_id: int) -> tuple[Referral, str]:
    """A referral the person may act on, with how they stand to it; else NotFoundError."""
    referral = _base().filter(pk=referral_id).first()
    kind = actor_kind(user, referral) if referral is not None else None
    if referral is None or kind is None:
        raise NotFoundError()
    return referral, kind


def referral_with_document(user: Any, referral_id: int) -> Referral:
    """A referral whose result document the person may download: the member's people, the
    referring Home's staff and the applicant; else NotFoundError."""
    referral = _base().filter(pk=referral_id).exclude(result_document="").first()
    if referral is None:
        raise NotFoundError()
    if referral.request.applicant_id == getattr(user, "pk", None):
        return referral
    if actor_kind(user, referral) is None:
        raise NotFoundError()
    return referral


def referrals_of_request(request: Any) -> list[Referral]:
    """Every referral of a request, newest first (for the request's staff page)."""
    return list(_base().filter(request=request).order_by("-created_at", "-id"))


def serves_home(membership: AllianceMembership, home: Home) -> bool:
    """An approved member of the province's alliance, or of the Home's city's alliance."""
    if membership.status != AllianceMembership.Status.APPROVED:
        return False
    if not membership.organisation.is_active:
        return False
    prefecture_id = home.city.parent_id or home.city_id
    return membership.scope_city_id is None or membership.scope_city_id == prefecture_id


def referral_targets(home: Home) -> list[AllianceMembership]:
    """Approved members serving the Home (its city's alliance and the province's), each with
    `home_offerings`: its current offerings that serve this Home, services first. Members
    with such offerings come first."""
    prefecture_id = home.city.parent_id or home.city_id
    serving = {o.pk for o in alliance_selectors.offerings_for_home(home, limit=500)}
    members = list(
        AllianceMembership.objects.filter(
            status=AllianceMembership.Status.APPROVED, organisation__is_active=True
        )
        .filter(Q(scope_city__isnull=True) | Q(scope_city_id=prefecture_id))
        .select_related("organisation", "scope_city")
        .prefetch_related(
            Prefetch(
                "offerings",
                queryset=Offering.objects.filter(pk__in=serving).order_by("kind", "title_zh"),
                to_attr="home_offerings",
            )
        )
        .order_by("organisation__name_zh", "pk")
    )
    members.sort(key=lambda m: (not m.home_offerings, m.scope_city_id is None))
    return members


def member_people(membership: AllianceMembership) -> list[Any]:
    """Everyone who acts for the member: every person with a role in its organisation."""
    return [
        m.user
        for m in Membership.objects.filter(
            organisation_id=membership.organisation_id, organisation__is_active=True
        )
        .select_related("user")
        .order_by("pk")
    ]


def home_people(home: Home) -> list[Any]:
    """The staff and manager of a Home."""
    return [
        m.user
        for m in Membership.objects.filter(organisation_id=home.carrier_id, role__in=HOME_ROLES)
        .select_related("user")
        .order_by("pk")
    ]


def referrals_for_caller(caller: Any, *, state: str = "") -> QuerySet[Referral]:
    """Referrals an API caller answers: a token speaks for its organisation (the referrals
    addressed to it), a session for the person (those addressed to their organisations)."""
    if getattr(caller, "token", None) is None:
        return referrals_to_member(caller.user, state=state)
    organisation = caller.organisation
    if organisation is None or not organisation.is_active:
        return Referral.objects.none()
    qs = _base().filter(member__organisation_id=organisation.pk)
    if state:
        qs = qs.filter(state=state)
    return overdue_first(qs)


def referral_for_caller(caller: Any, referral_id: int) -> Referral:
    referral = referrals_for_caller(caller).filter(pk=referral_id).first()
    if referral is None:
        raise NotFoundError()
    return referral
