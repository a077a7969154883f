"""API of the matching engine (/api/v1/matching): matches with their score parts for a talent,
a posting, a project or a demand.

A signed-in talent reads their own matches; an employer (its contacts' session, or its
organisation token) reads the matches of its own postings and demands; staff read any. Every
match carries its score (0–1), the percentage and each part with a sentence in the request's
language."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema

from returnee_home.api.auth import session_auth, token_auth
from returnee_home.api.schemas import ErrorOut
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.matching import actions, engine, explain, selectors
from returnee_home.matching.features import jobs_model
from returnee_home.matching.models import TALENT_REASONS, Direction
from returnee_home.matching.scoring import BROAD, MODES
from returnee_home.talent import selectors as talent_selectors

router = Router(tags=["matching"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}


class PartOut(Schema):
    code: str = Field(
        ...,
        description="skills, text, discipline, degree, experience, language, location, pay, mode or industry",
    )
    label: str
    percent: int | None = Field(None, description="0–100; null when the part does not apply")
    sentence: str
    matched: list[str] = Field(default_factory=list, description="Skills present")
    related: list[str] = Field(
        default_factory=list, description="Skills with a related one present"
    )
    missing: list[str] = Field(default_factory=list, description="Skills missing")


class MatchOut(Schema):
    id: int = Field(..., description="The candidate's id (posting, profile, project or demand)")
    title: str
    score: float = Field(..., description="0–1")
    percent: int
    parts: list[PartOut]


class MatchesOut(Schema):
    direction: str
    mode: str
    pool: int = Field(..., description="Candidates searched")
    missing: list[str] = Field(default_factory=list, description="What the subject could add")
    matches: list[MatchOut]


class MatchQuery(Schema):
    mode: str = Field(BROAD, description="strict: conditions exclude; broad: they lower the score")
    limit: int = Field(20, ge=1, le=100)


class DismissIn(Schema):
    reason: str = Field(..., description=", ".join(TALENT_REASONS))
    note: str = Field("", max_length=500)


def _check_mode(mode: str) -> None:
    if mode not in MODES:
        message = _("Choose strict or broad.")
        raise ApplicationError("invalid_mode", message, fields={"mode": message}, status=422)


def _caller_user(request: HttpRequest) -> Any:
    return getattr(request.auth, "user", None)


def _caller_org_id(request: HttpRequest) -> int | None:
    organisation = getattr(request.auth, "organisation", None)
    return organisation.pk if organisation is not None else None


def _out(direction: str, mode: str, result: engine.Result, titles: dict[int, str]) -> dict:
    matches = []
    for match in result.matches:
        if match.object_id not in titles:
            continue
        parts = explain.part_views(match, direction)
        matches.append(
            {
                "id": match.object_id,
                "title": titles[match.object_id],
                "score": round(match.score, 4),
                "percent": match.percent,
                "parts": [p.__dict__ for p in parts],
            }
        )
    return {
        "direction": direction,
        "mode": mode,
        "pool": result.pool,
        "missing": explain.missing_words(result.missing),
        "matches": matches,
    }


def _require_jobs(name: str) -> None:
    if jobs_model(name) is None:
        raise NotFoundError()


@router.get(
    "/me/postings",
    response={200: MatchesOut, **ERRORS},
    summary="Best job postings for the signed-in talent",
    auth=[session_auth],
)
def my_postings(request: HttpRequest, query: Query[MatchQuery]) -> Any:
    _check_mode(query.mode)
    _require_jobs("JobPosting")
    profile = talent_selectors.profile_of(_caller_user(request))
    if profile is None:
        raise NotFoundError()
    result = engine.postings_for_talent(profile, mode=query.mode, limit=query.limit)
    records = selectors.postings_by_id([m.object_id for m in result.matches])
    titles = {pk: p.title for pk, p in records.items()}
    return _out(Direction.POSTINGS_FOR_TALENT, query.mode, result, titles)


@router.post(
    "/me/postings/{posting_id}/dismiss",
    response={204: None, **ERRORS},
    summary="Dismiss a posting from the signed-in talent's matches (never shown again)",
    auth=[session_auth],
)
def dismiss(request: HttpRequest, posting_id: int, body: DismissIn) -> Any:
    user = _caller_user(request)
    profile = talent_selectors.profile_of(user)
    if profile is None:
        raise NotFoundError()
    actions.match_dismiss(
        user=user, profile=profile, posting_id=posting_id, reason=body.reason, note=body.note
    )
    return 204, None


@router.get(
    "/talents/{profile_id}/postings",
    response={200: MatchesOut, **ERRORS},
    summary="Best job postings for a talent (staff)",
    auth=[session_auth],
)
def talent_postings(request: HttpRequest, profile_id: int, query: Query[MatchQuery]) -> Any:
    _check_mode(query.mode)
    _require_jobs("JobPosting")
    if not selectors.is_matching_staff(_caller_user(request)):
        raise PermissionDeniedError()
    profile = engine.BUILDERS["talent"][0]().filter(pk=profile_id).first()
    if profile is None:
        raise NotFoundError()
    result = engine.postings_for_talent(profile, mode=query.mode, limit=query.limit)
    records = selectors.postings_by_id([m.object_id for m in result.matches])
    return _out(
        Direction.POSTINGS_FOR_TALENT, query.mode, result, {k: v.title for k, v in records.items()}
    )


def _posting(request: HttpRequest, posting_id: int) -> Any:
    _require_jobs("JobPosting")
    org_id = _caller_org_id(request)
    if org_id is not None:
        posting = (
            engine.BUILDERS["posting"][0]()
            .select_related("employer")
            .filter(pk=posting_id, employer_id=org_id)
            .first()
        )
        if posting is None:
            raise NotFoundError()
        return posting
    return selectors.posting_for_employer(_caller_user(request), posting_id)


@router.get(
    "/postings/{posting_id}/talents",
    response={200: MatchesOut, **ERRORS},
    summary="Best talents for a job posting (anonymised: no name, no contact)",
    auth=[token_auth, session_auth],
)
def posting_talents(request: HttpRequest, posting_id: int, query: Query[MatchQuery]) -> Any:
    _check_mode(query.mode)
    posting = _posting(request, posting_id)
    result = engine.talents_for_posting(posting, mode=query.mode, limit=query.limit)
    records = selectors.talents_by_id([m.object_id for m in result.matches])
    accepted = selectors.accepted_contacts(posting.employer_id, list(records))
    sections = {
        pk: talent_selectors.visible_sections(
            p, employer_verified=posting.employer.is_verified, accepted=pk in accepted
        )
        for pk, p in records.items()
    }
    titles = {pk: p.headline if "summary" in sections[pk] else "" for pk, p in records.items()}
    out = _out(Direction.TALENTS_FOR_POSTING, query.mode, result, titles)
    for match in out["matches"]:
        if "skills" not in sections[match["id"]]:  # the talent keeps skill names private
            for part in match["parts"]:
                part["matched"], part["related"], part["missing"] = [], [], []
    return out


@router.get(
    "/projects/{project_id}/demands",
    response={200: MatchesOut, **ERRORS},
    summary="Best project demands for one of the signed-in talent's projects",
    auth=[session_auth],
)
def project_demands(request: HttpRequest, project_id: int, query: Query[MatchQuery]) -> Any:
    _check_mode(query.mode)
    _require_jobs("TalentProject")
    project = selectors.project_for_owner(_caller_user(request), project_id)
    result = engine.demands_for_project(project, mode=query.mode, limit=query.limit)
    records = selectors.demands_by_id([m.object_id for m in result.matches])
    return _out(
        Direction.DEMANDS_FOR_PROJECT, query.mode, result, {k: v.title for k, v in records.items()}
    )


@router.get(
    "/demands/{demand_id}/projects",
    response={200: MatchesOut, **ERRORS},
    summary="Best talent projects for a project demand",
    auth=[token_auth, session_auth],
)
def demand_projects(request: HttpRequest, demand_id: int, query: Query[MatchQuery]) -> Any:
    _check_mode(query.mode)
    _require_jobs("ProjectDemand")
    org_id = _caller_org_id(request)
    if org_id is not None:
        demand = engine.BUILDERS["demand"][0]().filter(pk=demand_id, organisation_id=org_id).first()
        if demand is None:
            raise NotFoundError()
    else:
        demand = selectors.demand_for_employer(_caller_user(request), demand_id)
    result = engine.projects_for_demand(demand, mode=query.mode, limit=query.limit)
    records = selectors.projects_by_id([m.object_id for m in result.matches])
    return _out(
        Direction.PROJECTS_FOR_DEMAND, query.mode, result, {k: v.title for k, v in records.items()}
    )
