"""The naming API under /api/v1/naming: public batches, their public notice lists and the Homes
each batch named; the applications and the annual assessments the caller may see (session or
Bearer token); province admins record assessments."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from returnee_home.api.auth import personal_token_auth, session_auth, token_auth
from returnee_home.api.pagination import PagePagination
from returnee_home.api.schemas import ErrorOut
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.naming import actions, selectors, workflow
from returnee_home.naming.models import (
    CONDITIONS,
    AnnualAssessment,
    Application,
    ApplicationEvent,
    NamingBatch,
)
from returnee_home.orgs.models import Home

router = Router(tags=["naming"])

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


class BatchOut(Schema):
    id: int
    year: int
    number: int
    label: str = Field(..., description="The official label, e.g. 2021年第一批")
    title: str = Field(..., description="In the request's language")
    title_zh: str
    title_en: str
    status: str = Field(..., description="open, closed or named")
    application_deadline: dt.date
    notice_working_days: int
    notice_published_on: dt.date | None
    notice_ends_on: dt.date | None
    named_on: dt.date | None
    carrier_kinds: list[str]


class ConditionOut(Schema):
    key: str
    label: str
    max_points: int


class BatchDetailOut(BatchOut):
    notice_text: str
    conditions: list[ConditionOut]

    @staticmethod
    def resolve_conditions(obj: NamingBatch) -> list[dict[str, Any]]:
        return [
            {"key": key, "label": str(label), "max_points": int(obj.scoring_scheme.get(key, 0))}
            for key, label in CONDITIONS
        ]


class NoticeEntryOut(Schema):
    id: int
    carrier_name: str
    city: str = Field(..., description="City code")
    city_name: str
    address: str
    state: str = Field(..., description="in_notice, removed or named")
    state_label: str
    plaque_number: str

    @staticmethod
    def resolve_city(obj: Application) -> str:
        return obj.city.code

    @staticmethod
    def resolve_city_name(obj: Application) -> str:
        return obj.city.name

    @staticmethod
    def resolve_state_label(obj: Application) -> str:
        return str(obj.get_state_display())


class ApplicationOut(Schema):
    id: int
    batch: int = Field(..., description="Batch id")
    batch_label: str
    carrier_name: str
    carrier_kind: str
    city: str = Field(..., description="City code")
    state: str
    state_label: str
    waiting_on: str = Field(..., description="carrier, city, province, or empty when finished")
    overdue: bool
    submitted_at: dt.datetime | None
    state_changed_at: dt.datetime | None
    unmet_conditions: list[str]
    mean_score: float | None
    rank: int | None
    plaque_number: str

    @staticmethod
    def resolve_batch(obj: Application) -> int:
        return obj.batch_id

    @staticmethod
    def resolve_batch_label(obj: Application) -> str:
        return obj.batch.label

    @staticmethod
    def resolve_city(obj: Application) -> str:
        return obj.city.code

    @staticmethod
    def resolve_state_label(obj: Application) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_waiting_on(obj: Application) -> str:
        return workflow.WAITING_ON.get(obj.state, "")

    @staticmethod
    def resolve_overdue(obj: Application) -> bool:
        return workflow.is_overdue(obj)


class EventOut(Schema):
    step: str
    from_state: str
    to_state: str
    reason: str
    at: dt.datetime

    @staticmethod
    def resolve_step(obj: ApplicationEvent) -> str:
        return obj.transition

    @staticmethod
    def resolve_at(obj: ApplicationEvent) -> dt.datetime:
        return obj.created_at


class ConditionResultOut(Schema):
    key: str
    label: str
    status: str = Field(..., description="met, not_met or needs_evidence")


class ApplicationDetailOut(ApplicationOut):
    address: str
    opening_hours: str
    floor_area: int | None
    person_times_declared: int | None
    person_times_platform: int | None
    demands_collected: int
    matches_made: int
    conditions: list[ConditionResultOut]
    events: list[EventOut]

    @staticmethod
    def resolve_conditions(obj: Application) -> list[dict[str, str]]:
        return [
            {
                "key": key,
                "label": str(label),
                "status": str(obj.conditions.get(key, {}).get("status", "")),
            }
            for key, label in CONDITIONS
        ]

    @staticmethod
    def resolve_events(obj: Application) -> list[Any]:
        return list(selectors.application_events(obj))


class ApplicationFilters(Schema):
    batch: int | None = Field(None, description="Batch id")
    state: str = Field("", max_length=30, description="One state, e.g. submitted")


@router.get(
    "/batches",
    response={200: list[BatchOut], **ERRORS_PUBLIC},
    summary="Naming batches shown on the portal",
)
@paginate(PagePagination)
def list_batches(request: HttpRequest) -> Any:
    return selectors.public_batches()


@router.get(
    "/batches/{batch_id}",
    response={200: BatchDetailOut, **ERRORS_PUBLIC},
    summary="One batch with its notice text and scoring scheme",
)
def get_batch(request: HttpRequest, batch_id: int) -> Any:
    return selectors.public_batch(batch_id)


@router.get(
    "/batches/{batch_id}/notice",
    response={200: list[NoticeEntryOut], **ERRORS_PUBLIC},
    summary="The batch's public notice list (objectors are never shown)",
)
def batch_notice(request: HttpRequest, batch_id: int) -> Any:
    return selectors.public_notice(selectors.public_batch(batch_id))


@router.get(
    "/applications",
    response={200: list[ApplicationOut], **ERRORS_PRIVATE},
    auth=[token_auth, personal_token_auth, session_auth],
    summary="Applications the caller may see",
)
@paginate(PagePagination)
def list_applications(request: HttpRequest, filters: Query[ApplicationFilters]) -> Any:
    qs = selectors.applications_for_caller(request.auth)  # type: ignore[attr-defined]
    if filters.state:
        if filters.state not in Application.State.values:
            text = _("Unknown state.")
            raise ApplicationError("invalid_state", text, fields={"state": text})
        qs = qs.filter(state=filters.state)
    if filters.batch is not None:
        qs = qs.filter(batch_id=filters.batch)
    return qs.order_by("-batch__year", "-batch__number", "city__sort_order", "carrier_name", "pk")


@router.get(
    "/applications/{application_id}",
    response={200: ApplicationDetailOut, **ERRORS_PRIVATE},
    auth=[token_auth, personal_token_auth, session_auth],
    summary="One application the caller may see, with its conditions and steps",
)
def get_application(request: HttpRequest, application_id: int) -> Any:
    return selectors.application_for_caller(request.auth, application_id)  # type: ignore[attr-defined]


# --- Homes named by a batch ----------------------------------------------------------------


class NamedHomeOut(Schema):
    plaque_number: str
    home: str = Field(..., description="The Home's code; its page is /api/v1/homes/{slug}")
    slug: str
    name: str = Field(..., description="In the request's language")
    city: str = Field(..., description="City code")
    batch_label: str = Field(..., description="The official label, e.g. 2021年第一批")

    @staticmethod
    def resolve_home(obj: Application) -> str:
        return obj.home.code

    @staticmethod
    def resolve_slug(obj: Application) -> str:
        return obj.home.slug

    @staticmethod
    def resolve_name(obj: Application) -> str:
        return obj.home.name

    @staticmethod
    def resolve_city(obj: Application) -> str:
        return obj.city.code

    @staticmethod
    def resolve_batch_label(obj: Application) -> str:
        return obj.batch.label


@router.get(
    "/batches/{batch_id}/named",
    response={200: list[NamedHomeOut], **ERRORS_PUBLIC},
    summary="The Homes a batch named, with their plaque numbers",
)
def batch_named(request: HttpRequest, batch_id: int) -> Any:
    """Empty until the batch is named. The Homes themselves are at /api/v1/homes."""
    batch = selectors.public_batch(batch_id)
    return list(
        batch.applications.filter(state=Application.State.NAMED)
        .select_related("home", "city", "batch")
        .order_by("plaque_number", "pk")
    )


# --- Annual assessment -----------------------------------------------------------------------


class AssessmentOut(Schema):
    id: int
    home: str = Field(..., description="The Home's code")
    home_name: str = Field(..., description="In the request's language")
    city: str = Field(..., description="City code")
    year: int
    outcome: str = Field(..., description="good, improve, suspended or revoked")
    outcome_label: str
    person_times: int | None = Field(None, description="Served in the year, from service records")
    notes: str
    assessed_at: dt.datetime

    @staticmethod
    def resolve_home(obj: AnnualAssessment) -> str:
        return obj.home.code

    @staticmethod
    def resolve_home_name(obj: AnnualAssessment) -> str:
        return obj.home.name

    @staticmethod
    def resolve_city(obj: AnnualAssessment) -> str:
        return obj.home.city.code

    @staticmethod
    def resolve_outcome_label(obj: AnnualAssessment) -> str:
        return str(obj.get_outcome_display())

    @staticmethod
    def resolve_assessed_at(obj: AnnualAssessment) -> dt.datetime:
        return obj.created_at


class AssessmentFilters(Schema):
    year: int | None = Field(None, description="One year")
    home: str = Field("", max_length=12, description="A Home's code")
    outcome: str = Field("", max_length=20, description="good, improve, suspended or revoked")


class AssessmentIn(Schema):
    home: str = Field(..., max_length=12, description="The Home's code")
    year: int
    outcome: str = Field(..., max_length=20, description="good, improve, suspended or revoked")
    notes: str = Field("", max_length=4000, description="Required to suspend or revoke")


@router.get(
    "/assessments",
    response={200: list[AssessmentOut], **ERRORS_PRIVATE},
    auth=[token_auth, personal_token_auth, session_auth],
    summary="Annual assessments of named Homes the caller may see",
)
@paginate(PagePagination)
def list_assessments(request: HttpRequest, filters: Query[AssessmentFilters]) -> Any:
    """The province sees every Home's; a city its Homes'; a Home its own. Latest year first."""
    qs = selectors.assessments_for_caller(request.auth)  # type: ignore[attr-defined]
    if filters.outcome:
        if filters.outcome not in AnnualAssessment.Outcome.values:
            text = _("Choose the outcome of the assessment.")
            raise ApplicationError("invalid_outcome", text, fields={"outcome": text})
        qs = qs.filter(outcome=filters.outcome)
    if filters.year is not None:
        qs = qs.filter(year=filters.year)
    if filters.home:
        qs = qs.filter(home__code=filters.home)
    return qs.order_by("-year", "home__city__sort_order", "home__code", "pk")


@router.get(
    "/assessments/{assessment_id}",
    response={200: AssessmentOut, **ERRORS_PRIVATE},
    auth=[token_auth, personal_token_auth, session_auth],
    summary="One annual assessment the caller may see",
)
def get_assessment(request: HttpRequest, assessment_id: int) -> Any:
    return selectors.assessment_for_caller(request.auth, assessment_id)  # type: ignore[attr-defined]


@router.post(
    "/assessments",
    response={201: AssessmentOut, **ERRORS_PRIVATE},
    auth=[session_auth],
    summary="Record a Home's annual assessment (province admins)",
)
def record_assessment(request: HttpRequest, body: AssessmentIn) -> Any:
    """A suspension or revocation takes the Home out of the public directory. A second
    assessment of the same Home and year is 409; anyone but a province admin 403."""
    user = getattr(request.auth, "user", None)  # type: ignore[attr-defined]
    if user is None:
        raise PermissionDeniedError()
    home = Home.objects.filter(code=body.home).first()
    if home is None:
        raise NotFoundError()
    assessment = actions.assessment_record(
        actor=user, home=home, year=body.year, outcome=body.outcome, notes=body.notes
    )
    return 201, selectors.assessment_for_caller(request.auth, assessment.pk)  # type: ignore[attr-defined]
