"""The alliance's part of the open API: its approved members and their current offerings (public);
the referrals of service requests addressed to a member, and the member's answers (private)."""

from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from returnee_home.alliance import referral_actions, referral_selectors, selectors, workflow
from returnee_home.alliance.models import AllianceMembership, MemberType, Offering, Referral
from returnee_home.api.auth import session_auth, token_auth
from returnee_home.api.pagination import PagePagination
from returnee_home.api.schemas import ErrorOut
from returnee_home.core.errors import ApplicationError, NotFoundError
from returnee_home.core.models import City

router = Router(tags=["service alliance"])

OfferingKind = Literal[tuple(k.value for k in Offering.Kind)]  # type: ignore[valid-type]
MemberTypeValue = Literal[tuple(k.value for k in MemberType)]  # type: ignore[valid-type]
ERRORS: dict[int, Any] = {422: ErrorOut, 429: ErrorOut}
ERRORS_PRIVATE: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,
}
ReferralState = Literal[tuple(k.value for k in Referral.State)]  # type: ignore[valid-type]


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


# --- Referrals (private) -----------------------------------------------------------------------


class ReferralOut(Schema):
    id: int
    case_number: str | None = Field(None, description="The request's case number")
    service_code: str = Field(..., description="Service item code")
    service: str = Field(..., description="Service item title in the request's language")
    home: str = Field(..., description="Code of the referring Home")
    home_name: str
    member_id: int
    organisation: str = Field(..., description="The member's name in the request's language")
    offering_id: int | None
    deadline: date
    overdue: bool = Field(..., description="Open and past its deadline")
    note: str = Field(..., description="The Home's note to the partner")
    person_name: str = Field(..., description="The person to serve")
    person_email: str
    person_phone: str
    state: ReferralState
    state_label: str
    answer: str
    result_note: str
    reported_at: datetime | None
    created_at: datetime

    @staticmethod
    def resolve_case_number(obj: Referral) -> str | None:
        return obj.request.case_number

    @staticmethod
    def resolve_service_code(obj: Referral) -> str:
        return obj.request.item.code

    @staticmethod
    def resolve_service(obj: Referral) -> str:
        return obj.request.item.title

    @staticmethod
    def resolve_home(obj: Referral) -> str:
        return obj.home.code

    @staticmethod
    def resolve_home_name(obj: Referral) -> str:
        return obj.home.name

    @staticmethod
    def resolve_organisation(obj: Referral) -> str:
        return obj.member.organisation.name

    @staticmethod
    def resolve_overdue(obj: Referral) -> bool:
        return obj.is_overdue(timezone.localdate())

    @staticmethod
    def resolve_person_name(obj: Referral) -> str:
        return obj.request.applicant.display_name

    @staticmethod
    def resolve_person_email(obj: Referral) -> str:
        return obj.request.applicant.email or ""

    @staticmethod
    def resolve_person_phone(obj: Referral) -> str:
        return obj.request.applicant.phone or ""

    @staticmethod
    def resolve_state_label(obj: Referral) -> str:
        return str(obj.get_state_display())


class ReferralFilters(Schema):
    state: str = Field("", max_length=20, description="One state, e.g. sent")


class ReferralStepIn(Schema):
    note: str = Field(
        "",
        max_length=4000,
        description="Required to decline and to report back; optional to accept",
    )


@router.get(
    "/referrals",
    response={200: list[ReferralOut], **ERRORS_PRIVATE},
    auth=[token_auth, session_auth],
    summary="Referrals addressed to the caller's alliance member, overdue first",
)
@paginate(PagePagination)
def list_referrals(request: HttpRequest, filters: Query[ReferralFilters]) -> Any:
    """A member's token sees the referrals addressed to its organisation; a signed-in person
    those addressed to the organisations they belong to."""
    if filters.state and filters.state not in Referral.State.values:
        text = gettext_lazy("Unknown state.")
        raise ApplicationError("invalid_state", text, fields={"state": text})
    return referral_selectors.referrals_for_caller(request.auth, state=filters.state)  # type: ignore[attr-defined]


@router.get(
    "/referrals/{referral_id}",
    response={200: ReferralOut, **ERRORS_PRIVATE},
    auth=[token_auth, session_auth],
    summary="One referral addressed to the caller's alliance member",
)
def get_referral(request: HttpRequest, referral_id: int) -> Any:
    return referral_selectors.referral_for_caller(request.auth, referral_id)  # type: ignore[attr-defined]


@router.post(
    "/referrals/{referral_id}/{step}",
    response={200: ReferralOut, **ERRORS_PRIVATE},
    auth=[token_auth, session_auth],
    summary="Answer a referral: accept, decline, report_done or report_unable",
)
def referral_step(request: HttpRequest, referral_id: int, step: str, body: ReferralStepIn) -> Any:
    """Takes one step of the referral workflow as the member. A step the referral's state does
    not allow is 409; a missing note is 400 with `fields.note`. A result document is uploaded
    through the workspace page."""
    caller = request.auth  # type: ignore[attr-defined]
    if step not in workflow.MEMBER_STEPS:
        raise NotFoundError()
    referral = referral_selectors.referral_for_caller(caller, referral_id)
    if caller.token is not None:
        referral_actions.referral_step(
            actor=None,
            organisation=caller.organisation,
            referral=referral,
            step_name=step,
            note=body.note,
        )
    else:
        referral_actions.referral_step(
            actor=caller.user, referral=referral, step_name=step, note=body.note
        )
    return referral_selectors.referral_for_caller(caller, referral_id)
