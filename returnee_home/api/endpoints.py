"""The API's operations: public reads of cities, Homes and organisations, and the caller's own
data (`/me`, their organisations' members). Every query comes from `api.selectors`."""

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from returnee_home.api import selectors
from returnee_home.api.auth import personal_token_auth, session_auth, token_auth
from returnee_home.api.pagination import PagePagination
from returnee_home.api.schemas import (
    CityOut,
    ErrorOut,
    HomeDetailOut,
    HomeOut,
    MemberOut,
    MeOut,
    OrganisationOut,
)
from returnee_home.orgs.models import CARRIER_KINDS, OrgKind

public = Router(tags=["public"])
private = Router(tags=["caller"], auth=[token_auth, personal_token_auth, session_auth])

ERRORS_PUBLIC: dict[int, Any] = {404: ErrorOut, 422: ErrorOut, 429: ErrorOut}
ERRORS_PRIVATE: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}

CarrierKind = Literal[tuple(k.value for k in CARRIER_KINDS)]  # type: ignore[valid-type]
OrganisationKind = Literal[tuple(k.value for k in OrgKind)]  # type: ignore[valid-type]


class HomeFilters(Schema):
    city: str = Field("", max_length=12, description="City code; a prefecture includes counties")
    kind: CarrierKind | None = Field(None, description="Carrier kind")
    q: str = Field("", max_length=100, description="Search in names and address")


class OrganisationFilters(Schema):
    kind: OrganisationKind | None = None
    city: str = Field("", max_length=12, description="City code; a prefecture includes counties")
    q: str = Field("", max_length=100, description="Search in names")


@public.get("/cities", response=list[CityOut], summary="Cities and their counties")
def list_cities(request: HttpRequest) -> Any:
    """Jiangsu's 13 prefecture-level cities, each with the province-administered counties
    that report through it."""
    return list(selectors.cities())


@public.get(
    "/cities/{code}", response={200: CityOut, **ERRORS_PUBLIC}, summary="One city by its code"
)
def get_city(request: HttpRequest, code: str) -> Any:
    return selectors.city_by_code(code)


@public.get("/homes", response={200: list[HomeOut], **ERRORS_PUBLIC}, summary="Named Homes")
@paginate(PagePagination)
def list_homes(request: HttpRequest, filters: Query[HomeFilters]) -> Any:
    return selectors.homes(city=filters.city, kind=filters.kind or "", q=filters.q.strip())


@public.get(
    "/homes/{slug}", response={200: HomeDetailOut, **ERRORS_PUBLIC}, summary="One named Home"
)
def get_home(request: HttpRequest, slug: str) -> Any:
    return selectors.home_by_slug(slug)


@public.get(
    "/organisations",
    response={200: list[OrganisationOut], **ERRORS_PUBLIC},
    summary="Verified organisations",
)
@paginate(PagePagination)
def list_organisations(request: HttpRequest, filters: Query[OrganisationFilters]) -> Any:
    return selectors.public_organisations(
        kind=filters.kind or "", city=filters.city, q=filters.q.strip()
    )


@public.get(
    "/organisations/{int:organisation_id}",
    response={200: OrganisationOut, **ERRORS_PUBLIC},
    summary="One verified organisation",
)
def get_organisation(request: HttpRequest, organisation_id: int) -> Any:
    return selectors.public_organisation(organisation_id)


@private.get("/me", response={200: MeOut, **ERRORS_PRIVATE}, summary="Who is calling")
def me(request: HttpRequest) -> Any:
    """For a browser session or a personal token: the person and their roles (and the personal
    token's name, scope and expiry). For an organisation's token: the organisation and the
    token's name and expiry."""
    caller: selectors.ApiCaller = request.auth  # type: ignore[attr-defined]
    if caller.token is not None:
        return {
            "kind": "organisation",
            "organisation": caller.organisation,
            "token": {
                "name": caller.token.name,
                "prefix": caller.token.prefix,
                "expires_at": caller.token.expires_at,
            },
        }
    user = caller.user
    personal = caller.personal_token
    return {
        "kind": "person",
        "token": (
            {
                "name": personal.name,
                "prefix": personal.prefix,
                "expires_at": personal.expires_at,
                "scope": personal.scope,
            }
            if personal is not None
            else None
        ),
        "person": {
            "id": user.pk,
            "name": user.display_name,
            "email": user.email,
            "preferred_language": user.preferred_language,
            "is_real_name_verified": user.is_real_name_verified,
            "memberships": selectors.memberships_of(user),
        },
    }


@private.get(
    "/organisations/{int:organisation_id}/members",
    response={200: list[MemberOut], **ERRORS_PRIVATE},
    summary="Members of your organisation",
)
@paginate(PagePagination)
def organisation_members(request: HttpRequest, organisation_id: int) -> Any:
    """Only for an organisation the caller belongs to (or the token's organisation); any other
    id answers 404."""
    organisation = selectors.member_organisation_for(request.auth, organisation_id)  # type: ignore[attr-defined]
    return selectors.members_of(organisation)
