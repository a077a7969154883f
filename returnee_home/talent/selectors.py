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
