"""API of jobs under /api/v1/jobs: public search and reads of postings, demands and showcased
projects; create/update of postings, demands and talents by organisation tokens (partner
systems, employers) or the signed-in session, scoped; the funnel.

Scope of a token: an employer's token writes only that employer's postings and demands; a
token of a Home's carrier, a city bureau or the province (centralised collection) writes for
any employer, and its records are keyed by (that organisation, external_id), so pushing the
same external_id again updates. Reference codes that do not exist are reported by field."""

import datetime
from types import SimpleNamespace
from typing import Any, Literal

from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from returnee_home.api.auth import person_auth, personal_token_auth, session_auth, token_auth
from returnee_home.api.pagination import PagePagination
from returnee_home.api.schemas import ErrorOut
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.jobs import actions, funnel, permissions, selectors
from returnee_home.jobs.models import (
    Application,
    ApplicationStage,
    Channel,
    CloseReason,
    CollectedTalent,
    CooperationMode,
    DemandStatus,
    JobPosting,
    JobType,
    PostingStatus,
    ProjectDemand,
    ProjectStage,
)
from returnee_home.jobs.references import References, UnknownCode, employer_by_code
from returnee_home.orgs.models import OrgKind
from returnee_home.talent.models import TalentProfile

router = Router(tags=["jobs"])
AUTH = [token_auth, personal_token_auth, session_auth]
ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,
}
COLLECTING_KINDS = {
    OrgKind.PROVINCE,
    OrgKind.CITY_BUREAU,
    OrgKind.SERVICE_WINDOW,
    OrgKind.STARTUP_PARK,
}

JobTypeCode = Literal[tuple(JobType.values)]  # type: ignore[valid-type]
ModeCode = Literal[tuple(CooperationMode.values)]  # type: ignore[valid-type]
StageCode = Literal[tuple(ProjectStage.values)]  # type: ignore[valid-type]


# --- Schemas -----------------------------------------------------------------------------------


class Ref(Schema):
    code: str
    name: str


class PostingIn(Schema):
    external_id: str = Field("", max_length=100, description="Your id; pushing it again updates")
    employer: str = Field(
        "", description="Employer's unified social credit code (not needed with its own token)"
    )
    title_zh: str = Field("", max_length=200)
    title_en: str = Field("", max_length=200)
    description: str = ""
    responsibilities: str = ""
    requirements_text: str = ""
    degree_level: str = Field("", description="Degree level code, e.g. master")
    degree_required: bool = False
    disciplines: list[str] = Field(default_factory=list, description="Discipline codes")
    skills: list[str] = Field(default_factory=list, description="Skills as typed, any language")
    min_years_experience: int = Field(0, ge=0, le=60)
    languages: list[str] = Field(default_factory=list, description="Language codes (ISO 639-1)")
    city: str = Field(..., description="City code, e.g. 320100")
    district: str = Field("", max_length=100)
    industry: str = Field("", description="Industry cluster code")
    salary_min: int | None = Field(None, ge=0, description="Yuan per month")
    salary_max: int | None = Field(None, ge=0, description="Yuan per month")
    headcount: int = Field(1, ge=1, le=1000)
    job_type: JobTypeCode = "full_time"
    valid_through: datetime.date
    publish: bool = Field(False, description="Publish now (a published posting stays published)")


class PostingOut(Schema):
    id: int
    external_id: str
    employer: str
    employer_name: str
    title: str
    title_zh: str
    title_en: str
    description: str
    responsibilities: str
    requirements_text: str
    degree_level: str | None
    degree_required: bool
    skills: list[str]
    min_years_experience: int
    city: str
    city_name: str
    district: str
    industry: str | None
    salary_min: int | None
    salary_max: int | None
    headcount: int
    job_type: str
    valid_through: datetime.date
    status: str
    channel: str
    published_at: datetime.datetime | None
    url: str

    @staticmethod
    def resolve_employer(obj: JobPosting) -> str:
        return obj.employer.credit_code or str(obj.employer_id)

    @staticmethod
    def resolve_employer_name(obj: JobPosting) -> str:
        return obj.employer.name

    @staticmethod
    def resolve_degree_level(obj: JobPosting) -> str | None:
        return obj.degree_level.code if obj.degree_level_id else None

    @staticmethod
    def resolve_city(obj: JobPosting) -> str:
        return obj.city.code

    @staticmethod
    def resolve_city_name(obj: JobPosting) -> str:
        return obj.city.name

    @staticmethod
    def resolve_industry(obj: JobPosting) -> str | None:
        return obj.industry.code if obj.industry_id else None

    @staticmethod
    def resolve_url(obj: JobPosting) -> str:
        from django.urls import reverse

        return reverse("jobs:posting", args=[obj.pk])


class DemandIn(Schema):
    external_id: str = Field("", max_length=100)
    organisation: str = Field("", description="Employer's credit code (not needed with its token)")
    title_zh: str = Field("", max_length=200)
    title_en: str = Field("", max_length=200)
    field: str = Field("", description="Industry cluster code")
    disciplines: list[str] = Field(default_factory=list)
    problem_statement: str = ""
    expected_results: str = ""
    keywords: list[str] = Field(default_factory=list)
    budget_min: int | None = Field(None, ge=0, description="Yuan")
    budget_max: int | None = Field(None, ge=0, description="Yuan")
    cooperation_modes: list[ModeCode] = Field(default_factory=list)
    city: str = ""
    deadline: datetime.date | None = None
    publish: bool = False


class DemandOut(Schema):
    id: int
    external_id: str
    organisation_name: str
    title: str
    title_zh: str
    title_en: str
    field: str | None
    problem_statement: str
    expected_results: str
    keywords: list[str]
    budget_min: int | None
    budget_max: int | None
    cooperation_modes: list[str]
    city: str | None
    deadline: datetime.date | None
    status: str
    channel: str

    @staticmethod
    def resolve_organisation_name(obj: ProjectDemand) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_field(obj: ProjectDemand) -> str | None:
        return obj.field.code if obj.field_id else None

    @staticmethod
    def resolve_city(obj: ProjectDemand) -> str | None:
        return obj.city.code if obj.city_id else None


class ProjectOut(Schema):
    id: int
    title: str
    title_zh: str
    title_en: str
    field: str | None
    summary: str
    results: str
    keywords: list[str]
    stage: str
    team_size: int
    funding_sought: int | None
    cooperation_modes: list[str]
    channel: str

    @staticmethod
    def resolve_field(obj: Any) -> str | None:
        return obj.field.code if obj.field_id else None


class TalentIn(Schema):
    external_id: str = Field(..., max_length=100)
    full_name: str = Field(..., max_length=100)
    email: str = Field(..., max_length=254)
    gender: str = ""
    birth_year: int | None = None
    nationality_code: str = ""
    residence_country_code: str = ""
    current_city_code: str = ""
    returnee_status: str = "returned"
    headline_zh: str = ""
    headline_en: str = ""
    desired_city_codes: list[str] = Field(default_factory=list)
    industry_codes: list[str] = Field(default_factory=list)
    skills: list[str] = Field(default_factory=list)
    education_country_code: str = ""
    institution: str = ""
    degree_code: str = ""
    discipline_code: str = ""
    study_start: str = Field("", description="YYYY-MM")
    study_end: str = Field("", description="YYYY-MM")


class TalentOut(Schema):
    id: int
    external_id: str
    created: bool


class StatusIn(Schema):
    status: str


class InviteIn(Schema):
    profile_id: int
    message: str = Field("", max_length=2000)


class ApplyIn(Schema):
    cover_note: str = Field(..., max_length=5000)


class MoveIn(Schema):
    to_stage: Literal[tuple(ApplicationStage.values)]  # type: ignore[valid-type]
    note: str = Field("", max_length=2000)
    close_reason: Literal[("", *CloseReason.values)] = ""  # type: ignore[valid-type]
    interview_at: datetime.datetime | None = None


class ApplicationOut(Schema):
    id: int
    posting_id: int
    posting_title: str
    profile_id: int
    origin: str
    stage: str
    contact_shared: bool
    talent_name: str | None
    talent_email: str | None
    close_reason: str
    updated_at: datetime.datetime

    @staticmethod
    def resolve_posting_title(obj: Application) -> str:
        return obj.posting.title

    @staticmethod
    def resolve_talent_name(obj: Application) -> str | None:
        return obj.profile.user.full_name if obj.contact_shared else None

    @staticmethod
    def resolve_talent_email(obj: Application) -> str | None:
        return obj.profile.user.email if obj.contact_shared else None


class PostingFilters(Schema):
    q: str = Field("", max_length=100, description="Words in Chinese or English")
    city: str = Field("", description="City code; a prefecture includes its counties")
    industry: str = ""
    discipline: str = Field("", description="Discipline or category code")
    degree: str = ""
    language: str = ""
    job_type: str = ""
    salary_from: int | None = Field(None, ge=0)
    posted_within: int | None = Field(None, ge=1, le=365, description="Days")


class OtherFilters(Schema):
    q: str = Field("", max_length=100)
    city: str = ""
    industry: str = ""
    discipline: str = ""
    stage: str = ""
    mode: str = ""
    posted_within: int | None = Field(None, ge=1, le=365)


# --- Helpers -----------------------------------------------------------------------------------


def _caller(request: HttpRequest) -> Any:
    return request.auth


def _refs(fields: dict[str, tuple[Any, Any]]) -> dict[str, Any]:
    """Resolve {field: (lookup, value)}; every unknown code is reported by its field."""
    out: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for name, (lookup, value) in fields.items():
        try:
            out[name] = lookup(value)
        except UnknownCode as exc:
            problems[name] = str(exc)
    if problems:
        raise ApplicationError(
            "unknown_code", _("Some codes are not known to the platform."), fields=problems
        )
    return out


def _writer_for(caller: Any, code: str, field: str) -> tuple[Any, Any, Any]:
    """(organisation the record belongs to, source organisation, acting user) for a write."""
    if caller.organisation is not None:
        org = caller.organisation
        if org.kind == OrgKind.EMPLOYER:
            if code and code.upper() not in {org.credit_code.upper(), str(org.pk)}:
                raise PermissionDeniedError(
                    _("This token writes only its own organisation's records.")
                )
            return org, org, None
        if org.kind in COLLECTING_KINDS:
            target = _refs({field: (employer_by_code, code)})[field]
            return target, org, None
        raise PermissionDeniedError()
    user = caller.user
    employers = permissions.employer_organisations(user)
    if code:
        target = _refs({field: (employer_by_code, code)})[field]
        if all(o.pk != target.pk for o in employers):
            raise PermissionDeniedError()
        return target, None, user
    if not employers:
        raise PermissionDeniedError()
    return employers[0], None, user


def _posting_data(body: PostingIn, refs: References) -> dict[str, Any]:
    found = _refs(
        {
            "city": (refs.city, body.city),
            "industry": (refs.industry, body.industry),
            "degree_level": (refs.degree, body.degree_level),
            "disciplines": (refs.disciplines_of, body.disciplines),
            "languages": (refs.languages_of, body.languages),
        }
    )
    if found["city"] is None:
        raise ApplicationError(
            "invalid", _("Some of the input is not valid."), fields={"city": _("Required.")}
        )
    data = body.dict(exclude={"external_id", "employer"})
    data.update(found)
    return data


def _channel(caller: Any) -> str:
    if caller.organisation is not None:
        return Channel.API
    return Channel.SELF


# --- Postings ----------------------------------------------------------------------------------


@router.get(
    "/postings",
    response={200: list[PostingOut], **ERRORS},
    auth=None,
    summary="Search open job postings",
)
@paginate(PagePagination)
def list_postings(request: HttpRequest, filters: Query[PostingFilters]) -> Any:
    """Full-text (Chinese segmented, English) and filters over the province's open postings."""
    return selectors.search_postings(selectors.SearchFilters(**filters.dict()))


@router.get(
    "/postings/mine",
    response={200: list[PostingOut], **ERRORS},
    auth=AUTH,
    summary="Postings the caller may manage",
)
@paginate(PagePagination)
def my_postings(request: HttpRequest) -> Any:
    caller = _caller(request)
    if caller.organisation is not None:
        org = caller.organisation
        return (
            JobPosting.objects.select_related("employer", "city", "industry", "degree_level")
            .filter(Q(source_organisation=org) | Q(employer=org))
            .order_by("-updated_at")
        )
    return selectors.postings_managed_by(caller.user)


@router.get(
    "/postings/{posting_id}",
    response={200: PostingOut, **ERRORS},
    auth=None,
    summary="One published posting",
)
def get_posting(request: HttpRequest, posting_id: int) -> Any:
    return selectors.posting_public(posting_id)


@router.post(
    "/postings",
    response={200: PostingOut, 201: PostingOut, **ERRORS},
    auth=AUTH,
    summary="Create a posting, or update it by external_id",
)
def put_posting(request: HttpRequest, body: PostingIn) -> Any:
    """201 when created; 200 when a posting with the same external_id from the same source
    already existed and was updated. A salary minimum above the maximum is refused (400)."""
    caller = _caller(request)
    employer, source, user = _writer_for(caller, body.employer, "employer")
    data = _posting_data(body, References())
    existing = None
    if body.external_id and source is not None:
        existing = JobPosting.objects.filter(
            source_organisation=source, external_id=body.external_id
        ).first()
        if existing is not None and existing.employer_id != employer.pk:
            raise ApplicationError(
                "conflict",
                _("This external id belongs to another employer's posting."),
                fields={"external_id": _("Already used for another employer.")},
                status=409,
            )
    posting = actions.posting_save(
        actor=user,
        employer=employer,
        posting=existing,
        data=data,
        channel=_channel(caller),
        source_organisation=source,
        external_id=body.external_id if source is not None else "",
        check_permission=user is not None,
    )
    posting = JobPosting.objects.select_related("employer", "city", "industry", "degree_level").get(
        pk=posting.pk
    )
    return (200 if existing else 201), posting


def _posting_for_write(caller: Any, posting_id: int) -> JobPosting:
    qs = JobPosting.objects.select_related("employer", "city", "industry", "degree_level")
    posting = qs.filter(pk=posting_id).first()
    if posting is None:
        raise NotFoundError()
    if caller.organisation is not None:
        org = caller.organisation
        if posting.employer_id != org.pk and posting.source_organisation_id != org.pk:
            raise NotFoundError()
    elif not permissions.may_manage_for(caller.user, posting.employer):
        raise NotFoundError()
    return posting


@router.put(
    "/postings/{posting_id}",
    response={200: PostingOut, **ERRORS},
    auth=AUTH,
    summary="Update a posting",
)
def update_posting(request: HttpRequest, posting_id: int, body: PostingIn) -> Any:
    caller = _caller(request)
    posting = _posting_for_write(caller, posting_id)
    data = _posting_data(body, References())
    actions.posting_save(
        actor=caller.user,
        employer=posting.employer,
        posting=posting,
        data=data,
        check_permission=False,
    )
    return _posting_for_write(caller, posting_id)


@router.post(
    "/postings/{posting_id}/status",
    response={200: PostingOut, **ERRORS},
    auth=AUTH,
    summary="Publish, withdraw or mark filled",
)
def posting_status(request: HttpRequest, posting_id: int, body: StatusIn) -> Any:
    caller = _caller(request)
    posting = _posting_for_write(caller, posting_id)
    if body.status not in PostingStatus.values:
        raise ApplicationError(
            "invalid", _("Unknown status."), fields={"status": _("Unknown status.")}
        )
    if caller.user is not None:
        actions.posting_set_status(actor=caller.user, posting=posting, status=body.status)
    else:
        _status_as_organisation(posting, body.status)
    return _posting_for_write(caller, posting_id)


def _status_as_organisation(posting: JobPosting, status: str) -> None:
    from django.db import transaction

    from returnee_home.core.cache import public_pages_changed

    with transaction.atomic():
        locked = JobPosting.objects.select_for_update().get(pk=posting.pk)
        if locked.status not in actions.POSTING_TRANSITIONS.get(status, ()):
            raise ApplicationError(
                "invalid_transition", _("This posting cannot move to that status."), status=409
            )
        if status == PostingStatus.PUBLISHED:
            actions._posting_publish(locked)
        else:
            locked.status = status
            locked.save(update_fields=["status", "updated_at"])
        public_pages_changed()


# --- Demands -----------------------------------------------------------------------------------


@router.get(
    "/demands",
    response={200: list[DemandOut], **ERRORS},
    auth=None,
    summary="Search published project demands",
)
@paginate(PagePagination)
def list_demands(request: HttpRequest, filters: Query[OtherFilters]) -> Any:
    return selectors.search_demands(selectors.SearchFilters(**filters.dict()))


@router.get("/demands/{demand_id}", response={200: DemandOut, **ERRORS}, auth=None)
def get_demand(request: HttpRequest, demand_id: int) -> Any:
    return selectors.demand_public(demand_id)


@router.post(
    "/demands",
    response={200: DemandOut, 201: DemandOut, **ERRORS},
    auth=AUTH,
    summary="Create a project demand, or update it by external_id",
)
def put_demand(request: HttpRequest, body: DemandIn) -> Any:
    caller = _caller(request)
    organisation, source, user = _writer_for(caller, body.organisation, "organisation")
    refs = References()
    found = _refs(
        {
            "field": (refs.industry, body.field),
            "city": (refs.city, body.city),
            "disciplines": (refs.disciplines_of, body.disciplines),
        }
    )
    data = body.dict(exclude={"external_id", "organisation"})
    data.update(found)
    existing = None
    if body.external_id and source is not None:
        existing = ProjectDemand.objects.filter(
            source_organisation=source, external_id=body.external_id, organisation=organisation
        ).first()
    demand = actions.demand_save(
        actor=user,
        organisation=organisation,
        demand=existing,
        data=data,
        channel=_channel(caller),
        source_organisation=source,
        external_id=body.external_id if source is not None else "",
        check_permission=user is not None,
    )
    demand = ProjectDemand.objects.select_related("organisation", "field", "city").get(pk=demand.pk)
    return (200 if existing else 201), demand


@router.post("/demands/{demand_id}/status", response={200: DemandOut, **ERRORS}, auth=AUTH)
def demand_status(request: HttpRequest, demand_id: int, body: StatusIn) -> Any:
    caller = _caller(request)
    if caller.user is None:
        raise PermissionDeniedError()
    demand = selectors.demand_to_manage(caller.user, demand_id)
    if body.status not in DemandStatus.values:
        raise ApplicationError(
            "invalid", _("Unknown status."), fields={"status": _("Unknown status.")}
        )
    actions.demand_set_status(actor=caller.user, demand=demand, status=body.status)
    return selectors.demand_to_manage(caller.user, demand_id)


# --- Projects and talents ----------------------------------------------------------------------


@router.get(
    "/projects",
    response={200: list[ProjectOut], **ERRORS},
    auth=None,
    summary="Search showcased talent projects",
)
@paginate(PagePagination)
def list_projects(request: HttpRequest, filters: Query[OtherFilters]) -> Any:
    return selectors.search_projects(selectors.SearchFilters(**filters.dict()))


@router.get("/projects/{project_id}", response={200: ProjectOut, **ERRORS}, auth=None)
def get_project(request: HttpRequest, project_id: int) -> Any:
    user = request.user if request.user.is_authenticated else None
    return selectors.project_showcase(project_id, user)


class ProjectIn(Schema):
    title_zh: str = Field("", max_length=200)
    title_en: str = Field("", max_length=200)
    field: str = Field("", description="Industry cluster code")
    disciplines: list[str] = Field(default_factory=list, description="Discipline codes")
    summary: str = ""
    results: str = ""
    keywords: list[str] = Field(default_factory=list)
    stage: StageCode = "idea"
    ip_held: str = ""
    team_size: int = Field(1, ge=1, le=10000)
    funding_sought: int | None = Field(None, ge=0, description="Yuan")
    preferred_cities: list[str] = Field(default_factory=list, description="City codes")
    preferred_park: str = Field("", max_length=200)
    cooperation_modes: list[ModeCode] = Field(default_factory=list)
    showcase_public: bool = False
    publish: bool = False


def _project_data(body: ProjectIn) -> dict[str, Any]:
    refs = References()
    found = _refs(
        {
            "field": (refs.industry, body.field),
            "disciplines": (refs.disciplines_of, body.disciplines),
            "preferred_cities": (refs.cities_of, body.preferred_cities),
        }
    )
    data = body.dict()
    data.update(found)
    return data


def _own_profile(request: HttpRequest) -> Any:
    user = _caller(request).user
    profile = TalentProfile.objects.filter(user_id=getattr(user, "pk", None)).first()
    if profile is None:
        raise ApplicationError(
            "profile_required",
            _("Create your talent profile before adding a project."),
            status=409,
        )
    return user, profile


@router.post(
    "/projects",
    response={201: ProjectOut, **ERRORS},
    auth=person_auth,
    summary="Add a project of the signed-in talent (draft unless publish is true)",
)
def create_project(request: HttpRequest, body: ProjectIn) -> Any:
    user, profile = _own_profile(request)
    project = actions.project_save(actor=user, owner=profile, data=_project_data(body))
    return 201, selectors.project_to_manage(user, project.pk)


@router.put(
    "/projects/{project_id}",
    response={200: ProjectOut, **ERRORS},
    auth=person_auth,
    summary="Update a project of the signed-in talent",
)
def update_project(request: HttpRequest, project_id: int, body: ProjectIn) -> Any:
    user, profile = _own_profile(request)
    project = selectors.project_to_manage(user, project_id)
    actions.project_save(actor=user, owner=profile, project=project, data=_project_data(body))
    return selectors.project_to_manage(user, project_id)


@router.post(
    "/talents",
    response={200: TalentOut, 201: TalentOut, **ERRORS},
    auth=[token_auth],
    summary="Push a talent collected by a Home, bureau or the province",
)
def put_talent(request: HttpRequest, body: TalentIn) -> Any:
    """Same rules as a spreadsheet row: an unclaimed profile is created (the person is e-mailed
    a link to claim it) or updated by external_id; a person who registered themselves keeps
    their own profile (409)."""
    from django.db import transaction

    from returnee_home.jobs.imports import RowError, _talent_row

    caller = _caller(request)
    org = caller.organisation
    if org.kind not in COLLECTING_KINDS:
        raise PermissionDeniedError()
    row = {
        k: (";".join(v) if isinstance(v, list) else "" if v is None else str(v))
        for k, v in body.dict().items()
    }
    row["skills"] = ", ".join(body.skills)
    job = SimpleNamespace(source_organisation=org, uploaded_by=None)
    try:
        with transaction.atomic():
            created = _talent_row(job, row, References())
    except RowError as error:
        status = 409 if error.column == "email" else 400
        raise ApplicationError(
            "invalid", error.reason, fields={error.column: error.reason}, status=status
        ) from error
    found = CollectedTalent.objects.get(source_organisation=org, external_id=body.external_id)
    return (201 if created else 200), {
        "id": found.profile_id,
        "external_id": body.external_id,
        "created": created,
    }


# --- Funnel ------------------------------------------------------------------------------------


@router.get(
    "/applications",
    response={200: list[ApplicationOut], **ERRORS},
    auth=AUTH,
    summary="The caller's applications (talent) or candidates (employer)",
)
@paginate(PagePagination)
def list_applications(request: HttpRequest) -> Any:
    caller = _caller(request)
    qs = Application.objects.select_related("posting__employer", "profile__user")
    if caller.organisation is not None:
        return qs.filter(posting__employer=caller.organisation).order_by("-updated_at")
    if permissions.employer_organisations(caller.user):
        return selectors.candidates_of_employer(caller.user).order_by("-updated_at")
    return selectors.applications_of_talent(caller.user).order_by("-updated_at")


@router.post(
    "/postings/{posting_id}/apply",
    response={201: ApplicationOut, **ERRORS},
    auth=person_auth,
    summary="Apply to a posting (signed-in talent)",
)
def apply(request: HttpRequest, posting_id: int, body: ApplyIn) -> Any:
    posting = selectors.posting_public(posting_id)
    application = funnel.application_apply(
        actor=request.user, posting=posting, cover_note=body.cover_note
    )
    return 201, application


@router.post(
    "/postings/{posting_id}/invite",
    response={201: ApplicationOut, **ERRORS},
    auth=AUTH,
    summary="Invite a talent to apply (the posting's employer)",
)
def invite(request: HttpRequest, posting_id: int, body: InviteIn) -> Any:
    caller = _caller(request)
    posting = JobPosting.objects.select_related("employer").filter(pk=posting_id).first()
    profile = TalentProfile.objects.filter(pk=body.profile_id).first()
    if posting is None:
        raise NotFoundError()
    if profile is None:
        raise ApplicationError(
            "unknown_profile",
            _("There is no talent profile with this number."),
            fields={"profile_id": _("There is no talent profile with this number.")},
            status=404,
        )
    application = funnel.application_invite(
        actor=caller.user,
        posting=posting,
        profile=profile,
        message=body.message,
        acting_org=caller.organisation,
    )
    return 201, application


@router.post(
    "/applications/{application_id}/move",
    response={200: ApplicationOut, **ERRORS},
    auth=AUTH,
    summary="Move an application one step in the funnel",
)
def move(request: HttpRequest, application_id: int, body: MoveIn) -> Any:
    caller = _caller(request)
    found = (
        Application.objects.select_related("posting__employer", "profile__user")
        .filter(pk=application_id)
        .first()
    )
    if found is None:
        raise NotFoundError()
    return funnel.application_move(
        actor=caller.user,
        application=found,
        to_stage=body.to_stage,
        note=body.note,
        close_reason=body.close_reason,
        interview_at=body.interview_at,
        acting_org=caller.organisation,
    )
