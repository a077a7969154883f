"""Reads of talent profiles, scoped to their owner: another person's rows are unreachable here.

Staff-side reads (search, verification queues, matching) come with issue 5 and get their own
scoped functions in this module."""

from typing import Any

from django.db.models import Prefetch, QuerySet

from returnee_home.core.errors import NotFoundError
from returnee_home.talent.models import Education, LanguageSkill, TalentProfile, WorkExperience


def _educations() -> QuerySet[Education]:
    return Education.objects.select_related("country", "degree_level", "discipline")


def _work_experiences() -> QuerySet[WorkExperience]:
    return WorkExperience.objects.select_related("country")


def _language_skills() -> QuerySet[LanguageSkill]:
    return LanguageSkill.objects.select_related("language")


def profile_of(user: Any) -> TalentProfile | None:
    """The person's own profile with everything its page shows loaded in a fixed number of
    queries, or None when they have none yet."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        TalentProfile.objects.filter(user=user)
        .select_related(
            "user", "nationality", "residence_country", "current_city", "recommended_by"
        )
        .prefetch_related(
            "desired_cities",
            "industries",
            Prefetch("languages", queryset=_language_skills()),
            Prefetch("educations", queryset=_educations()),
            Prefetch("work_experiences", queryset=_work_experiences()),
        )
        .first()
    )


def educations_of(user: Any) -> QuerySet[Education]:
    """The person's own education entries, newest first."""
    return _educations().filter(profile__user_id=getattr(user, "pk", None))


def work_experiences_of(user: Any) -> QuerySet[WorkExperience]:
    """The person's own work experiences, newest first."""
    return _work_experiences().filter(profile__user_id=getattr(user, "pk", None))


def language_skills_of(user: Any) -> QuerySet[LanguageSkill]:
    """The languages the person speaks."""
    return _language_skills().filter(profile__user_id=getattr(user, "pk", None))


def education_of(user: Any, education_id: int) -> Education:
    """One of the person's own education entries; NotFoundError for anyone else's."""
    education = educations_of(user).filter(pk=education_id).first()
    if education is None:
        raise NotFoundError()
    return education


def work_experience_of(user: Any, work_id: int) -> WorkExperience:
    """One of the person's own work experiences; NotFoundError for anyone else's."""
    work = work_experiences_of(user).filter(pk=work_id).first()
    if work is None:
        raise NotFoundError()
    return work


def language_skill_of(user: Any, skill_id: int) -> LanguageSkill:
    """One of the person's own language skills; NotFoundError for anyone else's."""
    skill = language_skills_of(user).filter(pk=skill_id).first()
    if skill is None:
        raise NotFoundError()
    return skill


# --- Matching (issue 5): verification, anonymised search, visibility, contact ------------------

VERIFIER_ROLES = frozenset({"staff", "manager", "city_admin", "province_admin"})


def can_verify(user: Any) -> bool:
    """Home, city and province staff see the verification queue and any profile's documents."""
    from returnee_home.orgs.selectors import roles_of

    return bool(roles_of(user) & VERIFIER_ROLES)


def verification_queue(user: Any, *, q: str = "") -> QuerySet[TalentProfile]:
    """Profiles with an unverified degree or returnee status, for staff; empty for others."""
    from django.db.models import Exists, OuterRef, Q

    if not can_verify(user):
        return TalentProfile.objects.none()
    unverified_degree = Education.objects.filter(profile=OuterRef("pk"), verified=False)
    queryset = (
        TalentProfile.objects.filter(Exists(unverified_degree) | Q(returnee_status_verified=False))
        .select_related("user", "current_city")
        .prefetch_related(Prefetch("educations", queryset=_educations()))
        .order_by("-updated_at", "-id")
    )
    if q:
        queryset = queryset.filter(
            Q(user__email__icontains=q)
            | Q(user__full_name__icontains=q)
            | Q(headline_zh__icontains=q)
        )
    return queryset


def profile_for_staff(user: Any, profile_id: int) -> TalentProfile:
    if not can_verify(user):
        raise NotFoundError()
    profile = (
        TalentProfile.objects.filter(pk=profile_id)
        .select_related("user", "nationality", "residence_country", "current_city")
        .prefetch_related(
            Prefetch("educations", queryset=_educations()),
            Prefetch("work_experiences", queryset=_work_experiences()),
        )
        .first()
    )
    if profile is None:
        raise NotFoundError()
    return profile


def employer_organisations(user: Any) -> list[Any]:
    """The verified employers the person is a contact of."""
    from returnee_home.orgs.models import Role
    from returnee_home.orgs.selectors import memberships_of

    return [
        m.organisation
        for m in memberships_of(user)
        if m.role == Role.EMPLOYER_CONTACT and m.organisation.is_verified
    ]


def anonymised_search(
    *,
    discipline: Any = None,
    degree_level: Any = None,
    city: Any = None,
    industry: Any = None,
    language: Any = None,
    skill: str = "",
    verified_only: bool = False,
) -> QuerySet[TalentProfile]:
    """Profiles an employer may find (any whose owner did not hide them), newest first, with
    what an anonymised card shows. Never the user, never contact details."""
    from returnee_home.talent.models import Visibility

    queryset = TalentProfile.objects.exclude(visibility_summary=Visibility.HIDDEN)
    if discipline is not None:
        queryset = queryset.filter(educations__discipline=discipline)
    if degree_level is not None:
        queryset = queryset.filter(
            educations__degree_level__sort_order__gte=degree_level.sort_order
        )
    if city is not None:
        queryset = queryset.filter(desired_cities=city)
    if industry is not None:
        queryset = queryset.filter(industries=industry)
    if language is not None:
        queryset = queryset.filter(languages__language=language)
    if skill:
        import json

        from django.db.models import Q

        # JSON may store Chinese escaped (SQLite) or as written (PostgreSQL): try both.
        escaped = json.dumps(skill)[1:-1]
        queryset = queryset.filter(Q(skills__icontains=skill) | Q(skills__icontains=escaped))
    if verified_only:
        queryset = queryset.filter(educations__verified=True)
    return (
        queryset.distinct()
        .select_related("current_city")
        .prefetch_related(
            Prefetch("educations", queryset=_educations()),
            Prefetch("languages", queryset=_language_skills()),
            "desired_cities",
        )
        .order_by("-updated_at", "-id")
    )


def grants_for_organisations(org_ids: list[int], profile_ids: list[int]) -> dict[int, Any]:
    """The contact requests of these organisations to these profiles, by profile id."""
    from returnee_home.talent.models import ContactGrant

    out: dict[int, Any] = {}
    for grant in ContactGrant.objects.filter(
        organisation_id__in=org_ids, profile_id__in=profile_ids
    ).order_by("created_at"):
        out[grant.profile_id] = grant
    return out


def visible_sections(
    profile: TalentProfile, *, employer_verified: bool, accepted: bool
) -> set[str]:
    """The sections of the profile an employer may see: public ones; verified-only ones when
    the employer is verified; "after I accept" ones when the talent accepted its request."""
    from returnee_home.talent.models import VISIBILITY_SECTIONS, Visibility

    out = set()
    for section in VISIBILITY_SECTIONS:
        level = profile.visibility_of(section)
        if (
            level == Visibility.PUBLIC
            or (level == Visibility.VERIFIED_EMPLOYERS and employer_verified)
            or (level in (Visibility.VERIFIED_EMPLOYERS, Visibility.ON_ACCEPT) and accepted)
        ):
            out.add(section)
    return out


def contact_requests_of(user: Any) -> QuerySet[Any]:
    """The requests for the person's contact details, newest first."""
    from returnee_home.talent.models import ContactGrant

    return (
        ContactGrant.objects.filter(profile__user=user)
        .select_related("organisation", "organisation__city")
        .order_by("-created_at")
    )


def profile_for_employer(user: Any, profile_id: int) -> tuple[TalentProfile, set[str], Any]:
    """A profile as one of the person's verified employers sees it: (profile, visible sections,
    accepted contact grant or None). NotFoundError for people without a verified employer and
    for hidden profiles."""
    from returnee_home.talent.models import ContactGrant, Visibility

    organisations = employer_organisations(user)
    if not organisations:
        raise NotFoundError()
    profile = (
        TalentProfile.objects.exclude(visibility_summary=Visibility.HIDDEN)
        .filter(pk=profile_id)
        .select_related("user", "current_city")
        .prefetch_related(
            Prefetch("educations", queryset=_educations()),
            Prefetch("work_experiences", queryset=_work_experiences()),
            Prefetch("languages", queryset=_language_skills()),
            "desired_cities",
            "industries",
        )
        .first()
    )
    if profile is None:
        raise NotFoundError()
    grant = ContactGrant.objects.filter(
        profile=profile,
        organisation_id__in=[o.pk for o in organisations],
        status=ContactGrant.Status.ACCEPTED,
    ).first()
    sections = visible_sections(profile, employer_verified=True, accepted=grant is not None)
    return profile, sections, grant


def can_read_cv(user: Any, profile: TalentProfile) -> bool:
    """The owner, verification staff, and a verified employer allowed to see the CV section."""
    if not profile.cv:
        return False
    if profile.user_id == getattr(user, "pk", None) or can_verify(user):
        return True
    try:
        _profile, sections, _grant = profile_for_employer(user, profile.pk)
    except NotFoundError:
        return False
    return "cv" in sections
