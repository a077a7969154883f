"""The alliance's part of the open API: its approved members and their current offerings."""

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from returnee_home.alliance import selectors
from returnee_home.alliance.models import AllianceMembership, MemberType, Offering
from returnee_home.api.pagination import PagePagination
from returnee_home.api.schemas import ErrorOut
from returnee_home.core.models import City

router = Router(tags=["service alliance"])

OfferingKind = Literal[tuple(k.value for k in Offering.Kind)]  # type: ignore[valid-type]
MemberTypeValue = Literal[tuple(k.value for k in MemberType)]  # type: ignore[valid-type]
ERRORS: dict[int, Any] = {422: ErrorOut, 429: ErrorOut}


class AllianceMemberOut(Schema):
    id: int
    organisation_id: int
    name_zh: str
    name_en: str
    member_type: MemberTypeValue = Field(..., description="government, enterprise, ...")
    member_type_label: str
    alliance_city: str | None = Field(None, description="City code; null: provincial alliance")
    alliance: str = Field(..., description="The alliance's name in the request's language")
    current_offerings: int

    @staticmethod
    def resolve_name_zh(obj: AllianceMembership) -> str:
        return obj.organisation.name_zh

    @staticmethod
    def resolve_name_en(obj: AllianceMembership) -> str:
        return obj.organisation.name_en

    @staticmethod
    def resolve_member_type_label(obj: AllianceMembership) -> str:
        return str(obj.get_member_type_display())

    @staticmethod
    def resolve_alliance_city(obj: AllianceMembership) -> str | None:
        return obj.scope_city.code if obj.scope_city_id else None

    @staticmethod
    def resolve_alliance(obj: AllianceMembership) -> str:
        return obj.scope_label

    @staticmethod
    def resolve_current_offerings(obj: AllianceMembership) -> int:
        return obj.offering_count


class OfferingOut(Schema):
    id: int
    member_id: int
    organisation: str = Field(..., description="The member's name in the request's language")
    kind: OfferingKind
    title_zh: str
    title_en: str
    description_zh: str
    description_en: str
    contact_method: str
    cities: list[str] = Field(..., description="Codes of the cities served; empty: the alliance")
    homes: list[str] = Field(..., description="Slugs of the Homes served")
    valid_from: date | None
    valid_until: date | None

    @staticmethod
    def resolve_organisation(obj: Offering) -> str:
        return obj.member.organisation.name

    @staticmethod
    def resolve_cities(obj: Offering) -> list[str]:
        return [c.code for c in obj.cities.all()]

    @staticmethod
    def resolve_homes(obj: Offering) -> list[str]:
        return [h.slug for h in obj.homes.all()]


class OfferingFilters(Schema):
    kind: OfferingKind | None = None
    city: str = Field("", max_length=12, description="City code; a prefecture includes counties")
    q: str = Field("", max_length=100, description="Search in titles, descriptions and members")


@router.get(
    "/members",
    response={200: list[AllianceMemberOut], **ERRORS},
    summary="Approved members of the service alliance",
)
@paginate(PagePagination)
def list_members(request: HttpRequest) -> Any:
    """Organisations approved into the alliance of a city or of the province, with how many
    offerings they currently list."""
    return selectors.api_members()


@router.get(
    "/offerings",
    response={200: list[OfferingOut], **ERRORS},
    summary="Current offerings of the service alliance",
)
@paginate(PagePagination)
def list_offerings(request: HttpRequest, filters: Query[OfferingFilters]) -> Any:
    """Services, resources and policies of approved members that are published and within
    their valid dates. An unknown city code gives an empty list."""
    city = None
    if filters.city:
        city = City.objects.filter(code=filters.city).first()
        if city is None:
            return selectors.api_offerings().none()
    return selectors.api_offerings(kind=filters.kind or "", city=city, q=filters.q.strip())
