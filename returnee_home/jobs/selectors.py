"""Reads of postings, demands, projects, the funnel and imports, scoped to the person asking.

Public reads return only published records (and, for projects, only those the owner has
confirmed); private reads go through the `*_of`/`*_for` functions, which raise NotFoundError for
anything outside the person's scope."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from returnee_home.core.errors import NotFoundError
from returnee_home.core.models import City
from returnee_home.jobs import permissions
from returnee_home.jobs.models import (
    Application,
    ApplicationStep,
    Channel,
    DemandStatus,
    ImportJob,
    InterestStep,
    JobPosting,
    PostingStatus,
    ProjectDemand,
    ProjectInterest,
    ProjectStatus,
    Recommendation,
    SavedSearch,
    TalentProject,
)
from returnee_home.services.search import query_condition


@dataclass
class SearchFilters:
    """What a search asks for; every part optional. Codes are reference-data codes."""

    q: str = ""
    city: str = ""
    industry: str = ""
    discipline: str = ""
    degree: str = ""
    language: str = ""
    job_type: str = ""
    salary_from: int | None = None
    posted_within: int | None = None  # days
    stage: str = ""
    mode: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, data: Any) -> "SearchFilters":
        def number(name: str) -> int | None:
            raw = str(data.get(name) or "").strip()
            return int(raw) if raw.isdigit() and len(raw) < 10 else None

        return cls(
            q=str(data.get("q") or "").strip()[:100],
            city=str(data.get("city") or "").strip()[:12],
            industry=str(data.get("industry") or "").strip()[:40],
            discipline=str(data.get("discipline") or "").strip()[:40],
            degree=str(data.get("degree") or "").strip()[:40],
            language=str(data.get("language") or "").strip()[:40],
            job_type=str(data.get("job_type") or "").strip()[:20],
            salary_from=number("salary_from"),
            posted_within=number("posted_within"),
            stage=str(data.get("stage") or "").strip()[:20],
            mode=str(data.get("mode") or "").strip()[:20],
        )

    def as_params(self) -> dict[str, Any]:
        params = {
            "q": self.q,
            "city": self.city,
            "industry": self.industry,
            "discipline": self.discipline,
            "degree": self.degree,
            "language": self.language,
            "job_type": self.job_type,
            "salary_from": self.salary_from,
            "posted_within": self.posted_within,
            "stage": self.stage,
            "mode": self.mode,
        }
        return {k: v for k, v in params.items() if v not in ("", None)}


def _city_ids(code: str) -> list[int]:
    """A prefecture includes the counties that report through it."""
    return list(
        City.objects.filter(Q(code=code) | Q(parent__code=code)).values_list("pk", flat=True)
    )


def _with_text(qs: QuerySet, q: str) -> QuerySet:
    condition = query_condition(q)
    return qs.filter(condition) if condition is not None else qs


def _posted_within(qs: QuerySet, days: int | None) -> QuerySet:
    if days:
        return qs.filter(published_at__gte=timezone.now() - datetime.timedelta(days=days))
    return qs


# --- Postings ----------------------------------------------------------------------------------


def _postings() -> QuerySet[JobPosting]:
    return JobPosting.objects.select_related("employer", "city", "industry", "degree_level")


def public_postings() -> QuerySet[JobPosting]:
    """Published postings, newest first. Postings past their closing date are marked expired
    by the daily task (jobs.expire_postings), so that the search reads the index on (status,
    published_at) in order and stops after one page instead of sorting the whole pool."""
    return _postings().filter(status=PostingStatus.PUBLISHED)


def search_postings(filters: SearchFilters) -> QuerySet[JobPosting]:
    qs = public_postings()
    if filters.city:
        qs = qs.filter(city_id__in=_city_ids(filters.city))
    if filters.industry:
        qs = qs.filter(industry__code=filters.industry)
    if filters.discipline:
        qs = qs.filter(
            Q(disciplines__code=filters.discipline)
            | Q(disciplines__parent__code=filters.discipline)
        ).distinct()
    if filters.degree:
        qs = qs.filter(degree_level__code=filters.degree)
    if filters.language:
        qs = qs.filter(languages__code=filters.language)
    if filters.job_type:
        qs = qs.filter(job_type=filters.job_type)
    if filters.salary_from:
        qs = qs.filter(
            Q(salary_max__gte=filters.salary_from)
            | Q(salary_max__isnull=True, salary_min__gte=filters.salary_from)
        )
    qs = _posted_within(qs, filters.posted_within)
    if filters.q:
        return _ranked_postings(qs, filters.q)
    return qs.order_by("-published_at", "-id")


RANKED_LIMIT = 500


def _ranked_postings(qs: QuerySet[JobPosting], q: str) -> QuerySet[JobPosting]:
    """Postings matching the words (segmented full-text index, core.fulltext), best first;
    at most RANKED_LIMIT of them (a search that finds more is narrowed by its filters)."""
    from django.db.models import Case, IntegerField, Value, When

    from returnee_home.core.fulltext import ranked
    from returnee_home.jobs.models import PostingSearchEntry

    entries = ranked(PostingSearchEntry.objects.filter(posting__in=qs.values("pk")), q)
    ids = list(entries.values_list("posting_id", flat=True)[:RANKED_LIMIT])
    if not ids:
        return qs.none()
    order = Case(
        *[When(pk=pk, then=Value(n)) for n, pk in enumerate(ids)], output_field=IntegerField()
    )
    return qs.filter(pk__in=ids).order_by(order)


def posting_public(posting_id: int) -> JobPosting:
    posting = (
        _postings()
        .prefetch_related("disciplines", "languages")
        .filter(pk=posting_id, status__in=[PostingStatus.PUBLISHED, PostingStatus.FILLED])
        .first()
    )
    if posting is None:
        raise NotFoundError()
    return posting


def postings_managed_by(user: Any) -> QuerySet[JobPosting]:
    """Postings of the organisations the person is an employer contact of."""
    org_ids = [o.pk for o in permissions.employer_organisations(user)]
    return _postings().filter(employer_id__in=org_ids).order_by("-updated_at", "-id")


def posting_to_manage(user: Any, posting_id: int) -> JobPosting:
    posting = (
        postings_managed_by(user).prefetch_related("disciplines", "languages").filter(pk=posting_id)
    ).first()
    if posting is None:
        raise NotFoundError()
    return posting


def posting_for_invitation(user: Any, posting_id: int) -> JobPosting:
    """A posting the person may invite talents to: their own employer's, or any for staff."""
    qs = _postings() if permissions.is_staff(user) else postings_managed_by(user)
    posting = qs.filter(pk=posting_id).first()
    if posting is None:
        raise NotFoundError()
    return posting


def staff_postings(user: Any) -> QuerySet[JobPosting]:
    """Every posting in the province (any status) for staff; nothing for others."""
    if not permissions.is_staff(user):
        return JobPosting.objects.none()
    return _postings().order_by("-updated_at", "-id")


# --- Demands -----------------------------------------------------------------------------------


def _demands() -> QuerySet[ProjectDemand]:
    return ProjectDemand.objects.select_related("organisation", "city", "field")


def public_demands() -> QuerySet[ProjectDemand]:
    today = timezone.localdate()
    return _demands().filter(
        Q(deadline__isnull=True) | Q(deadline__gte=today), status=DemandStatus.PUBLISHED
    )


def search_demands(filters: SearchFilters) -> QuerySet[ProjectDemand]:
    qs = public_demands()
    if filters.city:
        qs = qs.filter(city_id__in=_city_ids(filters.city))
    if filters.industry:
        qs = qs.filter(field__code=filters.industry)
    if filters.discipline:
        qs = qs.filter(disciplines__code=filters.discipline).distinct()
    if filters.mode:
        qs = qs.filter(cooperation_modes__icontains=f'"{filters.mode}"')
    qs = _posted_within(qs, filters.posted_within)
    return _with_text(qs, filters.q).order_by("-published_at", "-id")


def demand_public(demand_id: int) -> ProjectDemand:
    demand = (
        _demands()
        .prefetch_related("disciplines")
        .filter(pk=demand_id, status__in=[DemandStatus.PUBLISHED, DemandStatus.CLOSED])
        .first()
    )
    if demand is None:
        raise NotFoundError()
    return demand


def demands_managed_by(user: Any) -> QuerySet[ProjectDemand]:
    org_ids = [o.pk for o in permissions.employer_organisations(user)]
    return _demands().filter(organisation_id__in=org_ids).order_by("-updated_at", "-id")


def demand_to_manage(user: Any, demand_id: int) -> ProjectDemand:
    demand = demands_managed_by(user).prefetch_related("disciplines").filter(pk=demand_id).first()
    if demand is None:
        raise NotFoundError()
    return demand


# --- Projects ----------------------------------------------------------------------------------


def _projects() -> QuerySet[TalentProject]:
    return TalentProject.objects.select_related("owner", "field")


def _visible(qs: QuerySet[TalentProject]) -> QuerySet[TalentProject]:
    return qs.filter(status=ProjectStatus.PUBLISHED).filter(
        Q(channel=Channel.SELF) | Q(owner_confirmed_at__isnull=False)
    )


def visible_projects() -> QuerySet[TalentProject]:
    """Published projects others may see (confirmed by the owner when someone else brought
    them). Employers and staff search these; only `showcase_public` ones have public pages."""
    return _visible(_projects())


def search_projects(filters: SearchFilters, *, public_only: bool = True) -> QuerySet[TalentProject]:
    qs = visible_projects()
    if public_only:
        qs = qs.filter(showcase_public=True)
    if filters.city:
        qs = qs.filter(preferred_cities__in=_city_ids(filters.city)).distinct()
    if filters.industry:
        qs = qs.filter(field__code=filters.industry)
    if filters.discipline:
        qs = qs.filter(disciplines__code=filters.discipline).distinct()
    if filters.stage:
        qs = qs.filter(stage=filters.stage)
    if filters.mode:
        qs = qs.filter(cooperation_modes__icontains=f'"{filters.mode}"')
    qs = _posted_within(qs, filters.posted_within)
    return _with_text(qs, filters.q).order_by("-published_at", "-id")


def project_showcase(project_id: int, user: Any = None) -> TalentProject:
    """A project's showcase page: public when the owner made it so; the owner, staff and
    organisations that may register interest also see visible non-public ones."""
    project = (
        _projects()
        .prefetch_related("disciplines", "preferred_cities", "attachments")
        .filter(pk=project_id)
        .first()
    )
    if project is None:
        raise NotFoundError()
    if project.owner.user_id == getattr(user, "pk", None):
        return project
    if not project.is_visible:
        raise NotFoundError()
    if project.showcase_public:
        return project
    if user is not None and (
        permissions.is_staff(user) or permissions.interest_organisations(user)
    ):
        return project
    raise NotFoundError()


def projects_of(user: Any) -> QuerySet[TalentProject]:
    return _projects().filter(owner__user_id=getattr(user, "pk", None)).order_by("-updated_at")


def project_to_manage(user: Any, project_id: int) -> TalentProject:
    project = (
        projects_of(user)
        .prefetch_related("disciplines", "preferred_cities", "attachments")
        .filter(pk=project_id)
        .first()
    )
    if project is None:
        raise NotFoundError()
    return project


# --- Funnel ------------------------------------------------------------------------------------


def _applications() -> QuerySet[Application]:
    return Application.objects.select_related(
        "posting__employer", "posting__city", "profile__user", "home"
    )


def applications_of_talent(user: Any) -> QuerySet[Application]:
    return _applications().filter(profile__user_id=getattr(user, "pk", None))


def application_of_talent(user: Any, application_id: int) -> Application:
    application = (
        applications_of_talent(user)
        .prefetch_related(Prefetch("steps", queryset=ApplicationStep.objects.all()))
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise NotFoundError()
    return application


def candidates_of_employer(user: Any) -> QuerySet[Application]:
    org_ids = [o.pk for o in permissions.employer_organisations(user)]
    return _applications().filter(posting__employer_id__in=org_ids)


def candidate_for(user: Any, application_id: int) -> Application:
    """An application as the employer (or staff) sees it."""
    qs = _applications() if permissions.is_staff(user) else candidates_of_employer(user)
    application = (
        qs.prefetch_related(Prefetch("steps", queryset=ApplicationStep.objects.all()))
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise NotFoundError()
    return application


def staff_applications(user: Any) -> QuerySet[Application]:
    if not permissions.is_staff(user):
        return Application.objects.none()
    return _applications()


def _interests() -> QuerySet[ProjectInterest]:
    return ProjectInterest.objects.select_related(
        "project__owner__user", "organisation", "landed_city", "demand"
    )


def interests_visible_to(user: Any) -> QuerySet[ProjectInterest]:
    """Interests in the person's own projects and those their organisations registered;
    everything for staff."""
    if permissions.is_staff(user):
        return _interests()
    org_ids = [o.pk for o in permissions.interest_organisations(user)]
    return _interests().filter(
        Q(project__owner__user_id=getattr(user, "pk", None)) | Q(organisation_id__in=org_ids)
    )


def interest_for(user: Any, interest_id: int) -> ProjectInterest:
    interest = (
        interests_visible_to(user)
        .prefetch_related(Prefetch("steps", queryset=InterestStep.objects.all()))
        .filter(pk=interest_id)
        .first()
    )
    if interest is None:
        raise NotFoundError()
    return interest


# --- Collection --------------------------------------------------------------------------------


def imports_for(user: Any) -> QuerySet[ImportJob]:
    """Imports of the person's collecting organisation (staff only)."""
    org = permissions.collecting_organisation(user)
    if org is None:
        return ImportJob.objects.none()
    return ImportJob.objects.filter(source_organisation=org).select_related("uploaded_by")


def import_for(user: Any, import_id: int) -> ImportJob:
    job = imports_for(user).filter(pk=import_id).first()
    if job is None:
        raise NotFoundError()
    return job


def recommendations_by(user: Any) -> QuerySet[Recommendation]:
    from returnee_home.orgs.models import Role
    from returnee_home.orgs.selectors import member_organisation_ids

    org_ids = member_organisation_ids(user, (Role.RECOMMENDER,))
    return Recommendation.objects.filter(organisation_id__in=org_ids).select_related(
        "organisation", "project"
    )


def saved_searches_of(user: Any) -> QuerySet[SavedSearch]:
    return SavedSearch.objects.filter(user_id=getattr(user, "pk", None))


def saved_search_of(user: Any, search_id: int) -> SavedSearch:
    found = saved_searches_of(user).filter(pk=search_id).first()
    if found is None:
        raise NotFoundError()
    return found
