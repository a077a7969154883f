"""Writes on talent profiles. Each function is one transaction and acts only on the person's
own rows (reached through the scoped selectors, so another person's id is "not found")."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from returnee_home.core.audit import audit_record
from returnee_home.core.errors import ApplicationError
from returnee_home.core.models import City, Country, DegreeLevel, Discipline, IndustryCluster
from returnee_home.core.models import Language as LanguageRef
from returnee_home.talent import selectors
from returnee_home.talent.models import (
    Education,
    LanguageLevel,
    LanguageSkill,
    ReturneeStatus,
    TalentProfile,
    WorkExperience,
)

OLDEST_BIRTH_YEAR = 1920
YOUNGEST_AGE = 14

# Changing any of these on a verified education withdraws the verification: staff saw a document
# for the old values, not the new ones.
EDUCATION_VERIFIED_FIELDS = (
    "country_id",
    "institution_zh",
    "institution_en",
    "degree_level_id",
    "discipline_id",
    "start_date",
    "end_date",
)


def _first_of_month(value: datetime.date | None) -> datetime.date | None:
    return value.replace(day=1) if value else None


def _check_period(start: datetime.date, end: datetime.date | None) -> None:
    """Refuse a start after this month, or an end before the start."""
    this_month = timezone.localdate().replace(day=1)
    if start > this_month:
        raise ApplicationError(
            "start_in_future",
            _("The start cannot be in the future."),
            fields={"start_date": _("The start cannot be in the future.")},
        )
    if end is not None and end < start:
        raise ApplicationError(
            "end_before_start",
            _("The end cannot be before the start."),
            fields={"end_date": _("The end cannot be before the start.")},
        )


def profile_get_or_create_for(user: Any) -> TalentProfile:
    """The person's profile, created empty (self-registered, not showcased) on first use."""
    with transaction.atomic():
        profile, _created = TalentProfile.objects.get_or_create(user=user)
    return profile


def profile_update(
    *,
    user: Any,
    gender: str,
    birth_year: int | None,
    nationality: Country | None,
    residence_country: Country | None,
    current_city: City | None,
    returnee_status: str,
    return_date: datetime.date | None,
    headline_zh: str,
    headline_en: str,
    introduction_zh: str,
    introduction_en: str,
    desired_cities: Iterable[City],
    industries: Iterable[IndustryCluster],
) -> TalentProfile:
    """Replace the person's own profile details.

    Refuses an implausible year of birth, an unknown returnee status and a return date in the
    future."""
    this_year = timezone.localdate().year
    if birth_year is not None and not OLDEST_BIRTH_YEAR <= birth_year <= this_year - YOUNGEST_AGE:
        message = _("Enter a year of birth between %(first)s and %(last)s.") % {
            "first": OLDEST_BIRTH_YEAR,
            "last": this_year - YOUNGEST_AGE,
        }
        raise ApplicationError("birth_year_invalid", message, fields={"birth_year": message})
    if returnee_status not in ReturneeStatus.values:
        message = _("Choose a returnee status from the list.")
        raise ApplicationError("status_invalid", message, fields={"returnee_status": message})
    if return_date is not None and return_date > timezone.localdate():
        message = _("The date of return cannot be in the future.")
        raise ApplicationError("return_date_future", message, fields={"return_date": message})
    with transaction.atomic():
        profile, _created = TalentProfile.objects.select_for_update().get_or_create(user=user)
        profile.gender = gender
        profile.birth_year = birth_year
        profile.nationality = nationality
        profile.residence_country = residence_country
        profile.current_city = current_city
        profile.returnee_status = returnee_status
        profile.return_date = return_date
        profile.headline_zh = headline_zh.strip()
        profile.headline_en = headline_en.strip()
        profile.introduction_zh = introduction_zh.strip()
        profile.introduction_en = introduction_en.strip()
        profile.save()
        profile.desired_cities.set(list(desired_cities))
        profile.industries.set(list(industries))
    return profile


def profile_set_showcase_consent(*, user: Any, consent: bool) -> TalentProfile:
    """Give or withdraw consent to the public showcase; records when, and audits the change."""
    with transaction.atomic():
        profile, _created = TalentProfile.objects.select_for_update().get_or_create(user=user)
        if profile.showcase_consent == consent:
            return profile
        profile.showcase_consent = consent
        profile.showcase_consent_at = timezone.now() if consent else None
        profile.save(update_fields=["showcase_consent", "showcase_consent_at", "updated_at"])
        audit_record(
            actor=user,
            action="talent.showcase_consent_given"
            if consent
            else "talent.showcase_consent_withdrawn",
            obj=profile,
            changes={"showcase_consent": [str(not consent), str(consent)]},
        )
    return profile


def _check_education(
    *,
    institution_zh: str,
    institution_en: str,
    discipline: Discipline | None,
    start_date: datetime.date,
    end_date: datetime.date | None,
) -> None:
    if not (institution_zh.strip() or institution_en.strip()):
        message = _("Enter the institution's name in Chinese or in English.")
        raise ApplicationError("institution_missing", message, fields={"institution_zh": message})
    if discipline is not None and discipline.parent_id is None:
        message = _("Choose a first-level discipline, not a category.")
        raise ApplicationError("discipline_category", message, fields={"discipline": message})
    _check_period(start_date, end_date)


def education_add(
    *,
    user: Any,
    country: Country,
    institution_zh: str,
    institution_en: str,
    degree_level: DegreeLevel,
    discipline: Discipline | None,
    field_of_study: str,
    start_date: datetime.date,
    end_date: datetime.date | None,
) -> Education:
    """Add an education entry to the person's own profile (created if needed).

    Refuses a missing institution name, a discipline category, a start in the future and an end
    before the start."""
    start, end = _first_of_month(start_date), _first_of_month(end_date)
    assert start is not None
    _check_education(
        institution_zh=institution_zh,
        institution_en=institution_en,
        discipline=discipline,
        start_date=start,
        end_date=end,
    )
    with transaction.atomic():
        profile, _created = TalentProfile.objects.get_or_create(user=user)
        return Education.objects.create(
            profile=profile,
            country=country,
            institution_zh=institution_zh.strip(),
            institution_en=institution_en.strip(),
            degree_level=degree_level,
            discipline=discipline,
            field_of_study=field_of_study.strip(),
            start_date=start,
            end_date=end,
        )


def education_update(
    *,
    user: Any,
    education_id: int,
    country: Country,
    institution_zh: str,
    institution_en: str,
    degree_level: DegreeLevel,
    discipline: Discipline | None,
    field_of_study: str,
    start_date: datetime.date,
    end_date: datetime.date | None,
) -> Education:
    """Change one of the person's own education entries.

    Refuses another person's entry (not found) and what `education_add` refuses. Changing what
    staff verified withdraws the verification."""
    start, end = _first_of_month(start_date), _first_of_month(end_date)
    assert start is not None
    _check_education(
        institution_zh=institution_zh,
        institution_en=institution_en,
        discipline=discipline,
        start_date=start,
        end_date=end,
    )
    with transaction.atomic():
        education = selectors.education_of(user, education_id)
        before = {name: getattr(education, name) for name in EDUCATION_VERIFIED_FIELDS}
        education.country = country
        education.institution_zh = institution_zh.strip()
        education.institution_en = institution_en.strip()
        education.degree_level = degree_level
        education.discipline = discipline
        education.field_of_study = field_of_study.strip()
        education.start_date = start
        education.end_date = end
        after = {name: getattr(education, name) for name in EDUCATION_VERIFIED_FIELDS}
        if education.verified and before != after:
            education.verified = False
            education.verified_by = None
            education.verified_at = None
        education.save()
    return education


def education_remove(*, user: Any, education_id: int) -> None:
    """Delete one of the person's own education entries. Refuses another person's (not found)."""
    with transaction.atomic():
        selectors.education_of(user, education_id).delete()


def work_add(
    *,
    user: Any,
    organisation_name: str,
    country: Country,
    city: str,
    title: str,
    start_date: datetime.date,
    end_date: datetime.date | None,
    description: str,
) -> WorkExperience:
    """Add a work experience to the person's own profile (created if needed).

    Refuses a start in the future and an end before the start."""
    start, end = _first_of_month(start_date), _first_of_month(end_date)
    assert start is not None
    _check_period(start, end)
    with transaction.atomic():
        profile, _created = TalentProfile.objects.get_or_create(user=user)
        return WorkExperience.objects.create(
            profile=profile,
            organisation_name=organisation_name.strip(),
            country=country,
            city=city.strip(),
            title=title.strip(),
            start_date=start,
            end_date=end,
            description=description.strip(),
        )


def work_update(
    *,
    user: Any,
    work_id: int,
    organisation_name: str,
    country: Country,
    city: str,
    title: str,
    start_date: datetime.date,
    end_date: datetime.date | None,
    description: str,
) -> WorkExperience:
    """Change one of the person's own work experiences.

    Refuses another person's entry (not found), a start in the future, an end before the start."""
    start, end = _first_of_month(start_date), _first_of_month(end_date)
    assert start is not None
    _check_period(start, end)
    with transaction.atomic():
        work = selectors.work_experience_of(user, work_id)
        work.organisation_name = organisation_name.strip()
        work.country = country
        work.city = city.strip()
        work.title = title.strip()
        work.start_date = start
        work.end_date = end
        work.description = description.strip()
        work.save()
    return work


def work_remove(*, user: Any, work_id: int) -> None:
    """Delete one of the person's own work experiences. Refuses another person's (not found)."""
    with transaction.atomic():
        selectors.work_experience_of(user, work_id).delete()


def language_skill_set(*, user: Any, language: LanguageRef, level: str) -> LanguageSkill:
    """Record how well the person speaks a language: adds it, or changes the level if present.

    Refuses an unknown level."""
    if level not in LanguageLevel.values:
        message = _("Choose a level from the list.")
        raise ApplicationError("level_invalid", message, fields={"level": message})
    with transaction.atomic():
        profile, _created = TalentProfile.objects.get_or_create(user=user)
        skill, _created = LanguageSkill.objects.update_or_create(
            profile=profile, language=language, defaults={"level": level}
        )
    return skill


def language_skill_remove(*, user: Any, skill_id: int) -> None:
    """Delete one of the person's own language skills. Refuses another person's (not found)."""
    with transaction.atomic():
        selectors.language_skill_of(user, skill_id).delete()
