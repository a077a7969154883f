"""Reads of the naming workflow, scoped to the person asking.

Who sees an application: the carrier's manager and staff (always); the admins of its city
(once submitted); province admins (once submitted); an expert (only those assigned to them,
and only while or after they evaluate). Everyone else gets a 404."""

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from returnee_home.core.errors import NotFoundError
from returnee_home.naming import workflow
from returnee_home.naming.models import (
    Application,
    ApplicationEvent,
    CitySummary,
    Evidence,
    ExpertAssignment,
    NamingBatch,
    Objection,
)
from returnee_home.orgs import selectors as org_selectors
from returnee_home.orgs.models import Role

S = Application.State
PUBLIC_NOTICE_STATES = (S.IN_NOTICE, S.REMOVED, S.NAMED)


def _base() -> QuerySet[Application]:
    return Application.objects.select_related("batch", "city", "city__parent", "carrier", "home")


def applications_visible_to(user: Any) -> QuerySet[Application]:
    """Every application the person may open."""
    qs = _base()
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if org_selectors.is_province_admin(user):
        return qs.exclude(state=S.DRAFT)
    condition = Q(
        carrier_id__in=org_selectors.member_organisation_ids(
            user, (Role.HOME_MANAGER, Role.HOME_STAFF)
        )
    )
    cities = org_selectors.admin_city_ids(user)
    if cities:
        condition |= Q(city_id__in=cities) & ~Q(state=S.DRAFT)
    if Role.EXPERT in org_selectors.roles_of(user):
        condition |= Q(assignments__expert=user)
    return qs.filter(condition).distinct()


def application_for(user: Any, pk: int) -> Application:
    application = (
        applications_visible_to(user)
        .prefetch_related(
            "staff",
            "windows",
            Prefetch("evidence", queryset=Evidence.objects.order_by("condition", "pk")),
            "site_visits",
        )
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise NotFoundError()
    return application


def application_events(application: Application) -> QuerySet[ApplicationEvent]:
    return application.events.select_related("actor").order_by("created_at", "pk")


def workbench(user: Any) -> dict[str, Any]:
    """What awaits the person, by role: their carrier's applications, the city's queue, the
    province's queue, the expert's assignments; each application flagged when overdue."""
    visible = list(
        applications_visible_to(user)
        .annotate(open_objections=Count("objections", filter=Q(objections__status="open")))
        .order_by("batch", "state", "carrier_name")
    )
    rows = []
    for application in visible:
        waiting = workflow.WAITING_ON.get(application.state, "")
        rows.append(
            {
                "application": application,
                "overdue": workflow.is_overdue(application),
                "mine": bool(waiting) and workflow.actor_kind_allowed(user, application, waiting),
            }
        )
    return {
        "rows": rows,
        "awaiting": [r for r in rows if r["mine"]],
        "assignments": list(expert_assignments(user)),
    }


def expert_assignments(user: Any) -> QuerySet[ExpertAssignment]:
    return (
        ExpertAssignment.objects.filter(expert=user)
        .select_related("application", "application__batch", "application__city")
        .order_by("submitted_at", "-application__batch__year", "pk")
    )


def expert_assignment_for(user: Any, pk: int) -> ExpertAssignment:
    assignment = expert_assignments(user).filter(pk=pk).first()
    if assignment is None:
        raise NotFoundError()
    return assignment


def assignments_of(application: Application) -> QuerySet[ExpertAssignment]:
    return application.assignments.select_related("expert").order_by("pk")


def experts_available(application: Application) -> list[Any]:
    """Experts who may be assigned: every expert except members of the carrier."""
    from returnee_home.orgs.models import Membership

    conflicted = set(
        Membership.objects.filter(organisation_id=application.carrier_id).values_list(
            "user_id", flat=True
        )
    )
    experts = {
        m.user_id: m.user
        for m in Membership.objects.filter(role=Role.EXPERT)
        .select_related("user")
        .order_by("user__full_name", "user_id")
    }
    return [u for pk, u in experts.items() if pk not in conflicted]


# --- Batches ---------------------------------------------------------------------------


def batches() -> QuerySet[NamingBatch]:
    return NamingBatch.objects.annotate(application_count=Count("applications")).order_by(
        "-year", "-number"
    )


def batch_by_pk(pk: int) -> NamingBatch:
    batch = NamingBatch.objects.filter(pk=pk).first()
    if batch is None:
        raise NotFoundError()
    return batch


def open_batches() -> QuerySet[NamingBatch]:
    return NamingBatch.objects.filter(status=NamingBatch.Status.OPEN).order_by("-year", "-number")


def batch_applications(batch: NamingBatch, user: Any) -> QuerySet[Application]:
    return applications_visible_to(user).filter(batch=batch).order_by("rank", "city__sort_order")


def public_notice(batch: NamingBatch) -> list[Application]:
    """The public notice list: applications published in notice (not their objectors)."""
    return list(
        _base()
        .filter(batch=batch, state__in=PUBLIC_NOTICE_STATES)
        .order_by("city__sort_order", "carrier_name")
    )


def public_batches() -> QuerySet[NamingBatch]:
    """Batches the public portal shows: open ones and those whose notice was published."""
    return NamingBatch.objects.filter(
        Q(status=NamingBatch.Status.OPEN) | Q(notice_published_on__isnull=False)
    ).order_by("-year", "-number")


def public_batch(pk: int) -> NamingBatch:
    batch = public_batches().filter(pk=pk).first()
    if batch is None:
        raise NotFoundError()
    return batch


def noticed_application(pk: int) -> Application:
    application = _base().filter(pk=pk, state=S.IN_NOTICE).first()
    if application is None:
        raise NotFoundError()
    return application


def objections_of(application: Application) -> QuerySet[Objection]:
    """Objections with the objectors' contact details: for province admins only."""
    return application.objections.select_related("answered_by").order_by("created_at")


def summaries_for(user: Any, batch: NamingBatch) -> QuerySet[CitySummary]:
    qs = CitySummary.objects.filter(batch=batch).select_related("city", "submitted_by")
    if org_selectors.is_province_admin(user):
        return qs
    return qs.filter(city_id__in=org_selectors.admin_city_ids(user))


def summary_for(user: Any, pk: int) -> CitySummary:
    summary = (
        CitySummary.objects.select_related("city", "batch", "submitted_by")
        .prefetch_related(
            Prefetch(
                "applications",
                queryset=Application.objects.select_related("city", "home").order_by("pk"),
            )
        )
        .filter(pk=pk)
        .first()
    )
    if summary is None:
        raise NotFoundError()
    if not org_selectors.is_province_admin(user) and summary.city_id not in (
        org_selectors.admin_city_ids(user)
    ):
        raise NotFoundError()
    return summary


def recommended_for_summary(user: Any, batch: NamingBatch) -> list[Application]:
    """The applications the city's next summary form would report."""
    return list(
        _base()
        .filter(
            batch=batch, state=S.CITY_RECOMMENDED, city_id__in=org_selectors.admin_city_ids(user)
        )
        .order_by("city__sort_order", "carrier_name")
    )


def managed_carriers(user: Any) -> list[Any]:
    """Carriers the person manages (for starting an application)."""
    return [
        m.organisation for m in org_selectors.memberships_of(user) if m.role == Role.HOME_MANAGER
    ]


# --- The API's callers -----------------------------------------------------------------


def applications_for_caller(caller: Any) -> QuerySet[Application]:
    """Applications an API caller may read. A person (session) sees what the workspace shows
    them; a token speaks for its organisation: a carrier its own applications, a city bureau
    its city's (and counties') once submitted, the province every submitted one."""
    from returnee_home.orgs.models import OrgKind

    if caller.token is None:
        return applications_visible_to(caller.user)
    organisation = caller.organisation
    qs = _base()
    if organisation is None or not organisation.is_active:
        return qs.none()
    if organisation.kind == OrgKind.PROVINCE:
        return qs.exclude(state=S.DRAFT)
    if organisation.kind == OrgKind.CITY_BUREAU:
        if organisation.city_id is None:
            return qs.none()
        in_city = Q(city_id=organisation.city_id) | Q(city__parent_id=organisation.city_id)
        return qs.filter(in_city).exclude(state=S.DRAFT)
    return qs.filter(carrier_id=organisation.pk)


def application_for_caller(caller: Any, pk: int) -> Application:
    application = applications_for_caller(caller).filter(pk=pk).first()
    if application is None:
        raise NotFoundError()
    return application


# --- Annual assessment -----------------------------------------------------------------


def assessment_rows(year: int) -> list[dict[str, Any]]:
    """Every Home named by `year` (suspended and revoked ones too), with its assessment of the
    year if there is one: the province's assessment list."""
    from returnee_home.naming.models import AnnualAssessment
    from returnee_home.orgs.models import Home

    homes = (
        Home.objects.exclude(status=Home.Status.PREPARING)
        .filter(Q(named_on__isnull=True) | Q(named_on__year__lte=year))
        .select_related("city")
        .order_by("city__sort_order", "code")
    )
    done = {
        a.home_id: a
        for a in AnnualAssessment.objects.filter(year=year).select_related("assessed_by")
    }
    return [{"home": h, "assessment": done.get(h.pk)} for h in homes]


def assessments_of_home(home: Any) -> QuerySet[Any]:
    """A Home's assessments, latest year first (for its workspace record)."""
    return home.assessments.select_related("assessed_by").order_by("-year")


def _assessments() -> QuerySet[Any]:
    from returnee_home.naming.models import AnnualAssessment

    return AnnualAssessment.objects.select_related("home", "home__city", "assessed_by")


def assessments_visible_to(user: Any) -> QuerySet[Any]:
    """Annual assessments the person may read: all for a province admin, their city's (and
    counties') Homes' for a city admin, their own Home's for its staff and manager."""
    qs = _assessments()
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if org_selectors.is_province_admin(user):
        return qs
    condition = Q(
        home__carrier_id__in=org_selectors.member_organisation_ids(
            user, (Role.HOME_MANAGER, Role.HOME_STAFF)
        )
    )
    cities = org_selectors.admin_city_ids(user)
    if cities:
        condition |= Q(home__city_id__in=cities)
    return qs.filter(condition)


def assessments_for_caller(caller: Any) -> QuerySet[Any]:
    """Annual assessments an API caller may read. A person (session) as in the workspace; a
    token for its organisation: the province all, a city bureau its city's (and counties')
    Homes', a carrier its own Home's."""
    from returnee_home.orgs.models import OrgKind

    if caller.token is None:
        return assessments_visible_to(caller.user)
    organisation = caller.organisation
    qs = _assessments()
    if organisation is None or not organisation.is_active:
        return qs.none()
    if organisation.kind == OrgKind.PROVINCE:
        return qs
    if organisation.kind == OrgKind.CITY_BUREAU:
        if organisation.city_id is None:
            return qs.none()
        return qs.filter(
            Q(home__city_id=organisation.city_id) | Q(home__city__parent_id=organisation.city_id)
        )
    return qs.filter(home__carrier_id=organisation.pk)


def assessment_for_caller(caller: Any, pk: int) -> Any:
    assessment = assessments_for_caller(caller).filter(pk=pk).first()
    if assessment is None:
        raise NotFoundError()
    return assessment
