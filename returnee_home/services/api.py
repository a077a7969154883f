"""The services API under /api/v1/services: the public catalogue, the caller's own requests,
and the staff's list of and steps on their Home's requests."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from returnee_home.api.auth import person_auth
from returnee_home.api.pagination import PagePagination
from returnee_home.api.schemas import ErrorOut
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.core.models import City, ServiceCategory
from returnee_home.core.workdays import working_days_between
from returnee_home.orgs.models import Home
from returnee_home.services import actions, search, selectors, workflow
from returnee_home.services.models import RequestState, ServiceItem, ServiceRequest

router = Router(tags=["services"])

ERRORS_PUBLIC: dict[int, Any] = {404: ErrorOut, 422: ErrorOut, 429: ErrorOut}
ERRORS_PRIVATE: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,
}


class MaterialOut(Schema):
    name: str
    note: str
    is_required: bool
    original_required: bool


class ServiceItemOut(Schema):
    code: str
    slug: str
    title: str
    title_zh: str
    title_en: str
    category: str = Field(..., description="Service category code")
    summary: str
    time_limit_days: int = Field(..., description="Promised time limit in working days")
    is_free: bool
    mode: str = Field(..., description="online, offline or both")

    @staticmethod
    def resolve_category(obj: ServiceItem) -> str:
        return obj.category.code


class ServiceItemDetailOut(ServiceItemOut):
    eligibility: str
    basis: str
    fee: str
    where: str
    contact: str
    materials: list[MaterialOut]
    homes: list[str] = Field(..., description="Codes of the Homes offering the item")

    @staticmethod
    def resolve_materials(obj: ServiceItem) -> list[Any]:
        return list(obj.materials.all())

    @staticmethod
    def resolve_homes(obj: ServiceItem) -> list[str]:
        return [o.home.code for o in obj.public_offerings]


class RequestEventOut(Schema):
    action: str
    from_state: str
    to_state: str
    message: str
    at: dt.datetime

    @staticmethod
    def resolve_at(obj: Any) -> dt.datetime:
        return obj.created_at


class ServiceRequestOut(Schema):
    id: int
    case_number: str | None
    state: str
    item: str = Field(..., description="Service item code")
    home: str = Field(..., description="Code of the Home handling the request")
    submitted_at: dt.datetime | None
    due_on: dt.date | None
    due_in_working_days: int | None = Field(
        None, description="Working days until due; negative when overdue"
    )

    @staticmethod
    def resolve_item(obj: ServiceRequest) -> str:
        return obj.item.code

    @staticmethod
    def resolve_home(obj: ServiceRequest) -> str:
        return obj.home.code

    @staticmethod
    def resolve_due_in_working_days(obj: ServiceRequest) -> int | None:
        if obj.due_on is None or not obj.is_open:
            return None
        return working_days_between(timezone.localdate(), obj.due_on)


class ServiceRequestDetailOut(ServiceRequestOut):
    description: str
    result_note: str
    events: list[RequestEventOut]

    @staticmethod
    def resolve_events(obj: ServiceRequest) -> list[Any]:
        return [e for e in obj.events.all() if e.action != "create"]


class CatalogueFilters(Schema):
    q: str = Field(
        "",
        max_length=100,
        description=(
            "Text in Chinese (segmented; Traditional characters are read as Simplified) or "
            "English. Every word is required; `A OR B` either, `-word` excludes. Results are "
            "ranked: more words matched first, then words in the title before words only in "
            "the description."
        ),
    )
    category: str = Field("", max_length=20, description="Service category code")
    city: str = Field("", max_length=12, description="City code: items offered by a Home there")


class WorkbenchFilters(Schema):
    home: str = Field("", max_length=12, description="Home code (default: the caller's first)")
    state: str = Field("", max_length=20, description="A state; default: every open state")


class StepIn(Schema):
    message: str = Field("", max_length=4000)
    to_home: str = Field("", max_length=12, description="Home code, for transfer")


def _user(request: HttpRequest) -> Any:
    user = getattr(request.auth, "user", None)
    if user is None:
        raise PermissionDeniedError()
    return user


@router.get(
    "/items", response={200: list[ServiceItemOut], **ERRORS_PUBLIC}, summary="Service catalogue"
)
@paginate(PagePagination)
def list_items(request: HttpRequest, filters: Query[CatalogueFilters]) -> Any:
    category = (
        ServiceCategory.objects.filter(code=filters.category).first() if filters.category else None
    )
    city = City.objects.filter(code=filters.city).first() if filters.city else None
    if (filters.category and category is None) or (filters.city and city is None):
        return ServiceItem.objects.none()
    items = selectors.catalogue_items(category=category, city=city, q=filters.q)
    return search.ranked(items, filters.q)


@router.get(
    "/items/{slug}",
    response={200: ServiceItemDetailOut, **ERRORS_PUBLIC},
    summary="One service item with its materials and Homes",
)
def get_item(request: HttpRequest, slug: str) -> Any:
    return selectors.item_by_slug(slug)


@router.get(
    "/requests",
    response={200: list[ServiceRequestOut], **ERRORS_PRIVATE},
    auth=person_auth,
    summary="The caller's own requests",
)
@paginate(PagePagination)
def my_requests(request: HttpRequest) -> Any:
    return selectors.requests_of(_user(request))


@router.get(
    "/requests/{request_id}",
    response={200: ServiceRequestDetailOut, **ERRORS_PRIVATE},
    auth=person_auth,
    summary="One of the caller's own requests, with its timeline",
)
def my_request(request: HttpRequest, request_id: int) -> Any:
    return selectors.request_of_applicant(_user(request), request_id)


@router.get(
    "/workbench",
    response={200: list[ServiceRequestOut], **ERRORS_PRIVATE},
    auth=person_auth,
    summary="Open requests of the caller's Home, overdue first",
)
@paginate(PagePagination)
def workbench(request: HttpRequest, filters: Query[WorkbenchFilters]) -> Any:
    user = _user(request)
    homes = selectors.staff_homes(user)
    if not homes:
        raise PermissionDeniedError()
    home = next((h for h in homes if h.code == filters.home), None) if filters.home else homes[0]
    if home is None:
        raise NotFoundError()
    if filters.state and filters.state not in RequestState.values:
        text = gettext_lazy("Unknown state.")
        raise ApplicationError("invalid_state", text, fields={"state": text})
    return selectors.workbench_requests(user, home=home, state=filters.state).select_related("home")


@router.get(
    "/workbench/{request_id}",
    response={200: ServiceRequestDetailOut, **ERRORS_PRIVATE},
    auth=person_auth,
    summary="One request at the caller's Home",
)
def workbench_request(request: HttpRequest, request_id: int) -> Any:
    return selectors.request_for_staff(_user(request), request_id)


@router.post(
    "/workbench/{request_id}/{step}",
    response={200: ServiceRequestDetailOut, **ERRORS_PRIVATE},
    auth=person_auth,
    summary="Take a step: accept, ask_more, complete, refuse or transfer",
)
def workbench_step(request: HttpRequest, request_id: int, step: str, body: StepIn) -> Any:
    user = _user(request)
    case = selectors.request_for_staff(user, request_id)
    if step not in workflow.STAFF_STEPS:
        raise NotFoundError()
    kwargs: dict[str, Any] = {"actor": user, "request": case, "message": body.message}
    if step == "transfer":
        to_home = Home.objects.filter(code=body.to_home).first()
        if to_home is None:
            text = gettext_lazy("Unknown Home.")
            raise ApplicationError("invalid_home", text, fields={"to_home": text})
        kwargs["to_home"] = to_home
    actions.STAFF_ACTIONS[step](**kwargs)
    if step == "transfer" and not selectors.is_staff_of(user, to_home.pk):
        return selectors.request_of_applicant(case.applicant, case.pk)
    return selectors.request_for_staff(user, case.pk)


__all__ = ["router"]
