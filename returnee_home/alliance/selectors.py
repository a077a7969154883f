"""Reads of the service alliance and the platform suggestions, scoped to the person asking.

Who may decide a membership, who is a member's contact, which suggestions a city sees: this
module decides it once, and views, the API and actions ask it."""

import datetime as dt
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from returnee_home.alliance.models import AllianceMembership, Offering, Suggestion
from returnee_home.core.errors import NotFoundError
from returnee_home.core.models import City
from returnee_home.orgs import selectors as org_selectors
from returnee_home.orgs.models import Home, Membership, Organisation, OrgKind, Role

Status = AllianceMembership.Status
# Organisations that may join an alliance: not the administrations, not the Homes' carriers.
JOINABLE_KINDS = (OrgKind.EMPLOYER, OrgKind.RECOMMENDER, OrgKind.ALLIANCE_PARTNER)


# --- Who may do what ---------------------------------------------------------------------


def can_decide(user: Any, membership: AllianceMembership) -> bool:
    """The city admin decides for a city's alliance, a province admin for the province's."""
    if membership.scope_city_id is None:
        return org_selectors.is_province_admin(user)
    return membership.scope_city_id in org_selectors.admin_city_ids(user)


def can_view_membership(user: Any, membership: AllianceMembership) -> bool:
    """Deciders, province admins (all alliances), the applicant and the member's contacts."""
    return (
        org_selectors.is_province_admin(user)
        or can_decide(user, membership)
        or is_member_contact(user, membership)
        or (membership.applicant_id is not None and membership.applicant_id == user.pk)
    )


def is_member_contact(user: Any, membership: AllianceMembership) -> bool:
    """The person holds the partner role in the member organisation."""
    return membership.organisation_id in org_selectors.member_organisation_ids(
        user, (Role.PARTNER,)
    )


def can_submit_suggestion(user: Any, city: City) -> bool:
    return city.parent_id is None and city.pk in org_selectors.admin_city_ids(user)


def deciders_of(membership: AllianceMembership) -> list[Any]:
    """The people who decide a membership: its city's admins, or the province admins."""
    if membership.scope_city_id is None:
        return province_admins()
    return [m.user for m in city_admin_memberships(membership.scope_city)]


def province_admins() -> list[Any]:
    return [
        m.user
        for m in Membership.objects.filter(
            role=Role.PROVINCE_ADMIN, organisation__is_active=True
        ).select_related("user")
    ]


def city_admin_memberships(city: City) -> QuerySet[Membership]:
    prefecture_id = city.parent_id or city.pk
    return Membership.objects.filter(
        role=Role.CITY_ADMIN,
        organisation__is_active=True,
        organisation__city_id=prefecture_id,
    ).select_related("user")


def partner_contacts(organisation: Organisation) -> QuerySet[Membership]:
    return Membership.objects.filter(organisation=organisation, role=Role.PARTNER).select_related(
        "user"
    )


def servable_city_ids(membership: AllianceMembership) -> set[int]:
    """The places an offering of this member may serve: its city and counties, or all."""
    if membership.scope_city_id is None:
        return set(City.objects.values_list("pk", flat=True))
    return set(
        City.objects.filter(
            Q(pk=membership.scope_city_id) | Q(parent_id=membership.scope_city_id)
        ).values_list("pk", flat=True)
    )


# --- Memberships -------------------------------------------------------------------------


def _memberships() -> QuerySet[AllianceMembership]:
    return AllianceMembership.objects.select_related(
        "organisation", "organisation__city", "scope_city", "applicant", "decided_by"
    )


def memberships_to_decide(
    user: Any, *, status: str = "", city: City | None = None
) -> QuerySet[AllianceMembership]:
    """Applications and members a person administers: all for a province admin, those of
    their city's alliance for a city admin; none for anyone else."""
    qs = _memberships()
    if not org_selectors.is_province_admin(user):
        cities = org_selectors.admin_city_ids(user)
        if not cities:
            return qs.none()
        qs = qs.filter(scope_city_id__in=cities)
    if status:
        qs = qs.filter(status=status)
    if city is not None:
        qs = qs.filter(scope_city=city)
    return qs.annotate(offering_count=Count("offerings")).order_by("status", "-created_at", "-id")


def membership_for_admin(user: Any, membership_id: int) -> AllianceMembership:
    membership = _memberships().filter(pk=membership_id).first()
    if membership is None or not (
        can_decide(user, membership) or org_selectors.is_province_admin(user)
    ):
        raise NotFoundError()
    return membership


def my_memberships(user: Any) -> QuerySet[AllianceMembership]:
    """Applications the person made and memberships of organisations they are a partner of."""
    orgs = org_selectors.member_organisation_ids(user, (Role.PARTNER,))
    return (
        _memberships()
        .filter(Q(applicant=user) | Q(organisation_id__in=orgs))
        .prefetch_related(
            Prefetch(
                "offerings",
                queryset=Offering.objects.prefetch_related("cities", "homes").order_by(
                    "-created_at"
                ),
            )
        )
        .order_by("-created_at", "-id")
    )


def membership_for_contact(user: Any, membership_id: int) -> AllianceMembership:
    """A membership whose organisation the person is a partner contact of, else 404."""
    membership = _memberships().filter(pk=membership_id).first()
    if membership is None or not is_member_contact(user, membership):
        raise NotFoundError()
    return membership


def membership_for_applicant_or_contact(user: Any, membership_id: int) -> AllianceMembership:
    membership = _memberships().filter(pk=membership_id).first()
    if membership is None or not (
        is_member_contact(user, membership) or membership.applicant_id == user.pk
    ):
        raise NotFoundError()
    return membership


def joinable_organisations(user: Any) -> list[Organisation]:
    """The organisations the person belongs to that may join an alliance."""
    seen: dict[int, Organisation] = {}
    for m in org_selectors.memberships_of(user):
        if m.organisation.kind in JOINABLE_KINDS:
            seen.setdefault(m.organisation_id, m.organisation)
    return list(seen.values())


def offering_for_contact(user: Any, offering_id: int) -> Offering:
    """An offering of a member the person is a partner contact of, else 404."""
    offering = (
        Offering.objects.select_related("member", "member__organisation", "member__scope_city")
        .prefetch_related("cities", "homes")
        .filter(pk=offering_id)
        .first()
    )
    if offering is None or not is_member_contact(user, offering.member):
        raise NotFoundError()
    return offering


def servable_homes(membership: AllianceMembership) -> QuerySet[Home]:
    return (
        org_selectors.public_homes()
        .filter(city_id__in=servable_city_ids(membership))
        .select_related("city")
    )


def servable_cities(membership: AllianceMembership) -> QuerySet[City]:
    return City.objects.filter(pk__in=servable_city_ids(membership)).order_by("sort_order", "code")


# --- Public ------------------------------------------------------------------------------


def _current(today: dt.date | None = None) -> Q:
    today = today or timezone.localdate()
    return (
        Q(member__status=Status.APPROVED, member__organisation__is_active=True, is_published=True)
        & (Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        & (Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    )


def public_offerings(*, kind: str = "", city: City | None = None, q: str = "") -> QuerySet:
    """Current offerings of approved members, filtered by kind, a city (a prefecture includes
    its counties; an offering serving its whole alliance counts) and text."""
    qs = Offering.objects.filter(_current())
    if kind:
        qs = qs.filter(kind=kind)
    if city is not None:
        prefecture_id = city.parent_id or city.pk
        places = {city.pk, prefecture_id} | set(
            City.objects.filter(parent_id=city.pk).values_list("pk", flat=True)
        )
        qs = qs.filter(
            Q(cities__in=places)
            | Q(homes__city_id__in=places)
            | (
                Q(cities__isnull=True, homes__isnull=True)
                & (Q(member__scope_city__isnull=True) | Q(member__scope_city_id=prefecture_id))
            )
        )
    if q:
        qs = qs.filter(
            Q(title_zh__icontains=q)
            | Q(title_en__icontains=q)
            | Q(description_zh__icontains=q)
            | Q(description_en__icontains=q)
            | Q(member__organisation__name_zh__icontains=q)
            | Q(member__organisation__name_en__icontains=q)
        )
    return (
        Offering.objects.filter(pk__in=qs.values("pk"))
        .select_related("member", "member__organisation", "member__scope_city")
        .prefetch_related("cities", "homes")
        .order_by("-created_at", "-id")
    )


def public_members(*, city: City | None = None) -> QuerySet[AllianceMembership]:
    """Approved members, with the count of their current offerings."""
    qs = _memberships().filter(status=Status.APPROVED, organisation__is_active=True)
    if city is not None:
        qs = qs.filter(Q(scope_city__isnull=True) | Q(scope_city_id=city.parent_id or city.pk))
    today = timezone.localdate()
    current = (
        Q(offerings__is_published=True)
        & (Q(offerings__valid_from__isnull=True) | Q(offerings__valid_from__lte=today))
        & (Q(offerings__valid_until__isnull=True) | Q(offerings__valid_until__gte=today))
    )
    return qs.annotate(offering_count=Count("offerings", filter=current)).order_by(
        "scope_city__sort_order", "organisation__name_zh"
    )


def offerings_for_home(home: Home, *, limit: int = 12) -> list[Offering]:
    """The current offerings that serve a Home: named for it, for its city or county, or for
    the whole alliance it belongs to (its city's or the province's)."""
    prefecture_id = home.city.parent_id or home.city_id
    qs = Offering.objects.filter(_current()).filter(
        Q(homes=home)
        | Q(cities__in={home.city_id, prefecture_id})
        | (
            Q(cities__isnull=True, homes__isnull=True)
            & (Q(member__scope_city__isnull=True) | Q(member__scope_city_id=prefecture_id))
        )
    )
    return list(
        Offering.objects.filter(pk__in=qs.values("pk"))
        .select_related("member", "member__organisation")
        .order_by("kind", "-created_at")[:limit]
    )


# --- Suggestions -------------------------------------------------------------------------


def suggestions_visible_to(
    user: Any, *, city: City | None = None, status: str = "", category: str = ""
) -> QuerySet[Suggestion]:
    """All suggestions for a province admin; a city admin's own city's; none for others."""
    qs = Suggestion.objects.select_related("city", "submitted_by", "replied_by")
    if not org_selectors.is_province_admin(user):
        cities = org_selectors.admin_city_ids(user)
        if not cities:
            return qs.none()
        qs = qs.filter(city_id__in=cities)
    if city is not None:
        qs = qs.filter(city=city)
    if status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category=category)
    return qs.order_by("-created_at", "-id")


def suggestion_for(user: Any, suggestion_id: int) -> Suggestion:
    suggestion = suggestions_visible_to(user).filter(pk=suggestion_id).first()
    if suggestion is None:
        raise NotFoundError()
    return suggestion


def suggestion_cities(user: Any) -> list[City]:
    """The prefectures whose suggestions the person reads (for filters and the .docx form)."""
    qs = City.objects.filter(parent__isnull=True).order_by("sort_order", "code")
    if org_selectors.is_province_admin(user):
        return list(qs)
    return list(qs.filter(pk__in=org_selectors.admin_city_ids(user)))


def submitting_city(user: Any) -> City | None:
    """The prefecture a city admin submits suggestions for (their bureau's)."""
    for m in org_selectors.memberships_of(user):
        if m.role == Role.CITY_ADMIN and m.organisation.city_id:
            return m.organisation.city.prefecture
    return None


def api_members() -> QuerySet[AllianceMembership]:
    return public_members()


def api_offerings(**filters: Any) -> QuerySet[Offering]:
    return public_offerings(**filters)
