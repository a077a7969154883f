"""Reads behind the API and the token pages, scoped to the caller.

Public reads show only what the portal shows anonymously (named Homes; verified, active
organisations). Private reads go through `member_organisation_for` and `token_of`."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from returnee_home.api.models import ApiToken, PersonalToken
from returnee_home.core.models import City
from returnee_home.orgs.models import (
    Home,
    Membership,
    Organisation,
    Role,
    VerificationStatus,
    Window,
)
from returnee_home.orgs.selectors import memberships_of, public_homes

# Roles that manage their own organisation's API tokens.
TOKEN_MANAGER_ROLES = frozenset(
    {
        Role.HOME_MANAGER,
        Role.CITY_ADMIN,
        Role.PROVINCE_ADMIN,
        Role.EMPLOYER_CONTACT,
        Role.PARTNER,
        Role.RECOMMENDER,
    }
)
HOME_TEAM_ROLES = (Role.HOME_MANAGER, Role.HOME_STAFF)


@dataclass(frozen=True)
class ApiCaller:
    """Who is calling: a signed-in person (session or personal token) or an organisation (its
    API token)."""

    user: Any = None
    organisation: Organisation | None = None
    token: ApiToken | None = None
    personal_token: PersonalToken | None = None


# Public reads ---------------------------------------------------------------------------


def cities() -> QuerySet[City]:
    """Prefecture-level cities with the province-administered counties under them."""
    return (
        City.objects.filter(parent__isnull=True)
        .prefetch_related(Prefetch("counties", queryset=City.objects.order_by("sort_order")))
        .order_by("sort_order", "code")
    )


def city_by_code(code: str) -> City:
    city = (
        City.objects.select_related("parent")
        .prefetch_related(Prefetch("counties", queryset=City.objects.order_by("sort_order")))
        .filter(code=code)
        .first()
    )
    if city is None:
        raise Http404
    return city


def _city_codes(code: str) -> list[str]:
    """A city's code and, for a prefecture, its counties' codes."""
    return [code, *City.objects.filter(parent__code=code).values_list("code", flat=True)]


def homes(*, city: str = "", kind: str = "", q: str = "") -> QuerySet[Home]:
    """Named Homes, filtered by city (a prefecture includes its counties), carrier kind and
    a search over names and address."""
    rows = public_homes().prefetch_related("service_categories")
    if city:
        rows = rows.filter(city__code__in=_city_codes(city))
    if kind:
        rows = rows.filter(carrier__kind=kind)
    if q:
        rows = rows.filter(
            Q(name_zh__icontains=q)
            | Q(name_en__icontains=q)
            | Q(address_zh__icontains=q)
            | Q(address_en__icontains=q)
            | Q(carrier__name_zh__icontains=q)
        )
    return rows.order_by("city__sort_order", "code")


def home_by_slug(slug: str) -> Home:
    """One named Home with its windows, services and staff count; others are 404."""
    home = (
        public_homes()
        .select_related("city__parent")
        .prefetch_related(
            "service_categories",
            Prefetch("windows", queryset=Window.objects.filter(is_active=True)),
        )
        .annotate(
            staff_count=Count(
                "carrier__memberships__user",
                filter=Q(carrier__memberships__role__in=HOME_TEAM_ROLES),
                distinct=True,
            )
        )
        .filter(slug=slug)
        .first()
    )
    if home is None:
        raise Http404
    return home


def public_organisations(*, kind: str = "", city: str = "", q: str = "") -> QuerySet[Organisation]:
    """Verified, active organisations (public fields only are serialised)."""
    rows = Organisation.objects.filter(
        is_active=True, verification_status=VerificationStatus.VERIFIED
    ).select_related("city", "industry")
    if kind:
        rows = rows.filter(kind=kind)
    if city:
        rows = rows.filter(city__code__in=_city_codes(city))
    if q:
        rows = rows.filter(Q(name_zh__icontains=q) | Q(name_en__icontains=q))
    return rows.order_by("kind", "name_zh", "id")


def public_organisation(organisation_id: int) -> Organisation:
    organisation = public_organisations().filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404
    return organisation


# Private reads -------------------------------------------------------------------------


def member_organisation_for(caller: ApiCaller, organisation_id: int) -> Organisation:
    """An organisation the caller belongs to (a person's membership, or the token's own
    organisation); any other id is a 404, so callers cannot probe which ids exist."""
    if caller.token is not None and caller.organisation is not None:
        if caller.organisation.pk == organisation_id and caller.organisation.is_active:
            return caller.organisation
        raise Http404
    for membership in memberships_of(caller.user):
        if membership.organisation_id == organisation_id:
            return membership.organisation
    raise Http404


def members_of(organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation, user__is_active=True)
        .select_related("user")
        .order_by("role", "user__full_name", "id")
    )


def token_manager_organisations(user: Any) -> list[Organisation]:
    """Organisations whose API tokens the person manages (their own, as a manager-level
    member), without duplicates, in a stable order."""
    seen: dict[int, Organisation] = {}
    for membership in memberships_of(user):
        if membership.role in TOKEN_MANAGER_ROLES:
            seen.setdefault(membership.organisation_id, membership.organisation)
    return sorted(seen.values(), key=lambda o: (o.kind, o.name_zh, o.pk))


def tokens_visible_to(user: Any) -> QuerySet[ApiToken]:
    organisation_ids = [o.pk for o in token_manager_organisations(user)]
    return (
        ApiToken.objects.filter(organisation_id__in=organisation_ids)
        .select_related("organisation", "created_by", "revoked_by")
        .order_by("organisation__name_zh", "-created_at", "-id")
    )


def token_of(user: Any, token_id: int) -> ApiToken:
    """A token of an organisation the person manages; any other id is a 404."""
    token = tokens_visible_to(user).filter(pk=token_id).first()
    if token is None:
        raise Http404
    return token


def personal_tokens_of(user: Any) -> QuerySet[PersonalToken]:
    """The person's own tokens, newest first."""
    return PersonalToken.objects.filter(user=user).order_by("-created_at", "-id")


def personal_token_of(user: Any, token_id: int) -> PersonalToken:
    """One of the person's own tokens; anyone else's id is a 404."""
    token = personal_tokens_of(user).filter(pk=token_id).first()
    if token is None:
        raise Http404
    return token
