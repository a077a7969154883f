"""Reads of the matching app, scoped to the person asking: a talent reaches only their own
profile's matches; an employer only its own postings and demands; staff of the province and of
the Homes read across the province."""

from typing import Any

from django.db.models import Prefetch, QuerySet

from returnee_home.core.errors import NotFoundError
from returnee_home.matching.features import jobs_model
from returnee_home.matching.models import Concept, MatchFeedback, Synonym
from returnee_home.orgs.models import Role
from returnee_home.orgs.selectors import member_organisation_ids, roles_of

STAFF_ROLES = frozenset({Role.PROVINCE_ADMIN, Role.CITY_ADMIN, Role.HOME_MANAGER, Role.HOME_STAFF})
TAXONOMY_ROLES = frozenset({Role.PROVINCE_ADMIN})


def is_matching_staff(user: Any) -> bool:
    return bool(roles_of(user) & STAFF_ROLES)


def can_edit_taxonomy(user: Any) -> bool:
    return bool(roles_of(user) & TAXONOMY_ROLES) or bool(getattr(user, "is_superuser", False))


def employer_ids(user: Any) -> set[int]:
    return member_organisation_ids(user, (Role.EMPLOYER_CONTACT,))


def can_manage_posting(user: Any, posting: Any) -> bool:
    return posting.employer_id in employer_ids(user)


def can_manage_demand(user: Any, demand: Any) -> bool:
    return demand.organisation_id in member_organisation_ids(user, (Role.EMPLOYER_CONTACT,))


def postings_of_employer(user: Any) -> QuerySet[Any]:
    """The postings of the person's employers, newest first."""
    model = jobs_model("JobPosting")
    return (
        model.objects.filter(employer_id__in=employer_ids(user))
        .select_related("employer", "city")
        .order_by("-created_at", "-id")
    )


def posting_for_employer(user: Any, posting_id: int) -> Any:
    """One of the person's employers' postings, or for staff any posting; NotFoundError else."""
    model = jobs_model("JobPosting")
    if model is None:
        raise NotFoundError()
    queryset = model.objects.select_related("employer", "city", "degree_level", "industry")
    if not is_matching_staff(user):
        queryset = queryset.filter(employer_id__in=employer_ids(user))
    posting = queryset.filter(pk=posting_id).first()
    if posting is None:
        raise NotFoundError()
    return posting


def postings_by_id(ids: list[int]) -> dict[int, Any]:
    """Published postings by id with what a match card shows."""
    model = jobs_model("JobPosting")
    if model is None or not ids:
        return {}
    return {
        p.pk: p
        for p in model.objects.filter(pk__in=ids, status="published").select_related(
            "employer", "city", "industry", "degree_level"
        )
    }


def talents_by_id(ids: list[int]) -> dict[int, Any]:
    """Profiles by id with what an anonymised card shows (never the user's name or contact)."""
    from returnee_home.talent.models import Education, TalentProfile

    if not ids:
        return {}
    return {
        p.pk: p
        for p in TalentProfile.objects.filter(pk__in=ids)
        .select_related("current_city")
        .prefetch_related(
            Prefetch(
                "educations",
                queryset=Education.objects.select_related("degree_level", "discipline", "country"),
            ),
            "desired_cities",
        )
    }


def projects_of_owner(user: Any) -> QuerySet[Any]:
    model = jobs_model("TalentProject")
    return model.objects.filter(owner__user=user).select_related("field").order_by("-id")


def project_for_owner(user: Any, project_id: int) -> Any:
    model = jobs_model("TalentProject")
    if model is None:
        raise NotFoundError()
    queryset = model.objects.select_related("owner", "field")
    if not is_matching_staff(user):
        queryset = queryset.filter(owner__user=user)
    project = queryset.filter(pk=project_id).first()
    if project is None:
        raise NotFoundError()
    return project


def demands_of_employer(user: Any) -> QuerySet[Any]:
    model = jobs_model("ProjectDemand")
    return (
        model.objects.filter(organisation_id__in=employer_ids(user))
        .select_related("organisation", "field")
        .order_by("-id")
    )


def demand_for_employer(user: Any, demand_id: int) -> Any:
    model = jobs_model("ProjectDemand")
    if model is None:
        raise NotFoundError()
    queryset = model.objects.select_related("organisation", "field", "city")
    if not is_matching_staff(user):
        queryset = queryset.filter(organisation_id__in=employer_ids(user))
    demand = queryset.filter(pk=demand_id).first()
    if demand is None:
        raise NotFoundError()
    return demand


def demands_by_id(ids: list[int]) -> dict[int, Any]:
    model = jobs_model("ProjectDemand")
    if model is None or not ids:
        return {}
    return {
        d.pk: d
        for d in model.objects.filter(pk__in=ids, status="published").select_related(
            "organisation", "field", "city"
        )
    }


def projects_by_id(ids: list[int]) -> dict[int, Any]:
    model = jobs_model("TalentProject")
    if model is None or not ids:
        return {}
    return {
        p.pk: p
        for p in model.objects.filter(pk__in=ids, status="published").select_related("field")
    }


def feedback_of(user: Any, direction: str, subject_id: int) -> QuerySet[MatchFeedback]:
    """The dismissals or rejections the person made for one subject, newest first."""
    return MatchFeedback.objects.filter(
        direction=direction, subject_id=subject_id, created_by=user
    ).order_by("-created_at")


def concepts(*, kind: str = "", q: str = "") -> QuerySet[Concept]:
    """Taxonomy concepts for the staff page, with their synonyms."""
    queryset = Concept.objects.prefetch_related(
        Prefetch("synonyms", queryset=Synonym.objects.order_by("source", "normalised"))
    ).order_by("kind", "code")
    if kind:
        queryset = queryset.filter(kind=kind)
    if q:
        from django.db.models import Q

        queryset = queryset.filter(
            Q(code__icontains=q)
            | Q(name_zh__icontains=q)
            | Q(name_en__icontains=q)
            | Q(synonyms__normalised__icontains=q.lower())
        ).distinct()
    return queryset


def accepted_contacts(organisation_id: int, profile_ids: list[int]) -> set[int]:
    """The profiles among these that accepted the organisation's contact request."""
    from returnee_home.talent.models import ContactGrant

    return set(
        ContactGrant.objects.filter(
            organisation_id=organisation_id,
            profile_id__in=profile_ids,
            status=ContactGrant.Status.ACCEPTED,
        ).values_list("profile_id", flat=True)
    )
