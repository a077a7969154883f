"""Writes on talent profiles. Each function is one transaction and acts only on the person's
own rows (reached through the scoped selectors, so another person's id is "not found")."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from returnee_home.core.audit import audit_record
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.core.models import City, Country, DegreeLevel, Discipline, IndustryCluster
from returnee_home.core.models import Language as LanguageRef
from returnee_home.core.storage import private_storage
from returnee_home.talent import selectors
from returnee_home.talent.models import (
    VISIBILITY_SECTIONS,
    ContactGrant,
    Education,
    LanguageLevel,
    LanguageSkill,
    ReturneeStatus,
    TalentProfile,
    Visibility,
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
        return _own_profile(user)


def _own_profile(user: Any, *, lock: bool = False) -> TalentProfile:
    """The person's profile (locked for update if asked), created on first use and then
    counted among the new talents. Call inside a transaction."""
    profiles = TalentProfile.objects.select_for_update() if lock else TalentProfile.objects
    profile, created = profiles.get_or_create(user=user)
    if created:
        inflow_refresh([profile.pk])
    return profile


def inflow_refresh(profile_ids: Iterable[int]) -> None:
    """Bring the new-talent figures up to date with these profiles (in the caller's
    transaction): after a profile is created, deleted, moves city or changes its education."""
    from returnee_home.talent.inflow import INFLOW

    INFLOW.refresh(profile_ids)


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
        profile = _own_profile(user, lock=True)
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
        matching_changed(profile.pk)
    return profile


def profile_set_showcase_consent(*, user: Any, consent: bool) -> TalentProfile:
    """Give or withdraw consent to the public showcase; records when, and audits the change."""
    with transaction.atomic():
        profile = _own_profile(user, lock=True)
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
        profile = _own_profile(user)
        entry = Education.objects.create(
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
        matching_changed(profile.pk)
        return entry


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
        matching_changed(education.profile_id)
    return education


def education_remove(*, user: Any, education_id: int) -> None:
    """Delete one of the person's own education entries. Refuses another person's (not found)."""
    with transaction.atomic():
        education = selectors.education_of(user, education_id)
        education.delete()
        matching_changed(education.profile_id)


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
        profile = _own_profile(user)
        entry = WorkExperience.objects.create(
            profile=profile,
            organisation_name=organisation_name.strip(),
            country=country,
            city=city.strip(),
            title=title.strip(),
            start_date=start,
            end_date=end,
            description=description.strip(),
        )
        matching_changed(profile.pk)
        return entry


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
        matching_changed(work.profile_id)
    return work


def work_remove(*, user: Any, work_id: int) -> None:
    """Delete one of the person's own work experiences. Refuses another person's (not found)."""
    with transaction.atomic():
        work = selectors.work_experience_of(user, work_id)
        work.delete()
        matching_changed(work.profile_id)


def language_skill_set(*, user: Any, language: LanguageRef, level: str) -> LanguageSkill:
    """Record how well the person speaks a language: adds it, or changes the level if present.

    Refuses an unknown level."""
    if level not in LanguageLevel.values:
        message = _("Choose a level from the list.")
        raise ApplicationError("level_invalid", message, fields={"level": message})
    with transaction.atomic():
        profile = _own_profile(user)
        skill, _created = LanguageSkill.objects.update_or_create(
            profile=profile, language=language, defaults={"level": level}
        )
        matching_changed(profile.pk)
    return skill


def language_skill_remove(*, user: Any, skill_id: int) -> None:
    """Delete one of the person's own language skills. Refuses another person's (not found)."""
    with transaction.atomic():
        skill = selectors.language_skill_of(user, skill_id)
        skill.delete()
        matching_changed(skill.profile_id)


# --- Matching (issue 5): skills and wishes, visibility, CV, verification, contact -------------

MAX_SKILLS = 60
MAX_LABEL = 80
MAX_SALARY = 10_000_000
STAFF_VERIFIER_ROLES = frozenset({"staff", "manager", "city_admin", "province_admin"})


def matching_changed(profile_id: int) -> None:
    """Tell the matching engine the profile changed (its feature row is refreshed after commit,
    in the background task). Education, work and language changes also touch the profile so
    that the engine's catch-up sees them."""
    TalentProfile.objects.filter(pk=profile_id).update(updated_at=timezone.now())
    inflow_refresh([profile_id])

    def refresh() -> None:
        from returnee_home.matching.tasks import refresh_features

        refresh_features.delay("talent", [profile_id])

    transaction.on_commit(refresh)


def _labels(values: Iterable[str], *, field: str, limit: int) -> list[str]:
    """Trimmed, de-duplicated (case-insensitively) labels; refuses too many or too long."""
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        label = " ".join(str(value).split())
        if not label:
            continue
        if len(label) > MAX_LABEL:
            message = _("Keep each entry under %(n)s characters.") % {"n": MAX_LABEL}
            raise ApplicationError("label_too_long", message, fields={field: message})
        if label.lower() not in seen:
            seen.add(label.lower())
            out.append(label)
    if len(out) > limit:
        message = _("Give at most %(n)s entries.") % {"n": limit}
        raise ApplicationError("too_many_labels", message, fields={field: message})
    return out


def profile_update_wishes(
    *,
    user: Any,
    skills: Iterable[str],
    honours: Iterable[str],
    desired_salary_min: int | None,
    desired_job_types: Iterable[str],
    available_from: datetime.date | None,
) -> TalentProfile:
    """Replace the person's skills, honours and wishes (least salary, kinds of position, first
    day available). Skills are kept as typed; the engine maps known ones to the taxonomy.

    Refuses more than 60 skills or 30 honours, an entry over 80 characters, a salary that is
    not a positive amount, an unknown kind of position and a start more than three years
    ahead."""
    from returnee_home.talent.models import JobType

    skill_list = _labels(skills, field="skills", limit=MAX_SKILLS)
    honour_list = _labels(honours, field="honours", limit=30)
    if desired_salary_min is not None and not 0 < desired_salary_min <= MAX_SALARY:
        message = _("Enter a monthly salary in yuan, or leave it empty.")
        raise ApplicationError("salary_invalid", message, fields={"desired_salary_min": message})
    job_types = list(dict.fromkeys(desired_job_types))
    if any(value not in JobType.values for value in job_types):
        message = _("Choose kinds of position from the list.")
        raise ApplicationError("job_type_invalid", message, fields={"desired_job_types": message})
    if available_from is not None and available_from > timezone.localdate() + datetime.timedelta(
        days=3 * 366
    ):
        message = _("Give a date within the next three years.")
        raise ApplicationError("available_far", message, fields={"available_from": message})
    with transaction.atomic():
        profile = _own_profile(user, lock=True)
        profile.skills = skill_list
        profile.honours = honour_list
        profile.desired_salary_min = desired_salary_min
        profile.desired_job_types = job_types
        profile.available_from = available_from
        profile.save()
        matching_changed(profile.pk)
    return profile


def profile_set_visibility(*, user: Any, **levels: str) -> TalentProfile:
    """Choose who sees each section (summary, education, work, skills, CV). Contact details are
    never in a section. Refuses an unknown section or level; audited."""
    from returnee_home.talent.models import VISIBILITY_SECTIONS, Visibility

    for section, level in levels.items():
        if section not in VISIBILITY_SECTIONS or level not in Visibility.values:
            message = _("Choose who may see each section from the list.")
            raise ApplicationError("visibility_invalid", message, fields={section: message})
    with transaction.atomic():
        profile = _own_profile(user, lock=True)
        changes = {}
        for section, level in levels.items():
            before = profile.visibility_of(section)
            if before != level:
                changes[section] = [before, level]
                setattr(profile, f"visibility_{section}", level)
        if changes:
            profile.save()
            audit_record(
                actor=user, action="talent.visibility_changed", obj=profile, changes=changes
            )
            matching_changed(profile.pk)
    return profile


def profile_cv_upload(*, user: Any, upload: Any) -> TalentProfile:
    """Store the person's CV privately (replacing any earlier one). Refuses a file over the
    size limit and anything but a PDF or an image, judged by its content."""
    from returnee_home.core.uploads import document_mime, is_too_large, upload_limit

    if is_too_large(upload):
        message = _("The file is larger than %(size)s MB.") % {
            "size": upload_limit() // (1024 * 1024)
        }
        raise ApplicationError("cv_too_large", message, fields={"cv": message})
    if document_mime(upload) is None:
        message = _("Upload the CV as a PDF, JPEG or PNG file.")
        raise ApplicationError("cv_type", message, fields={"cv": message})
    with transaction.atomic():
        profile = _own_profile(user, lock=True)
        old = profile.cv.name if profile.cv else ""
        if old:
            profile.cv.storage.delete(old)
        profile.cv.save(upload.name, upload, save=False)
        profile.cv_uploaded_at = timezone.now()
        profile.save(update_fields=["cv", "cv_uploaded_at", "updated_at"])
    return profile


def profile_cv_remove(*, user: Any) -> None:
    """Delete the person's CV (the file too)."""
    with transaction.atomic():
        profile = TalentProfile.objects.select_for_update().filter(user=user).first()
        if profile is None or not profile.cv:
            raise NotFoundError()
        profile.cv.delete(save=False)
        profile.cv_uploaded_at = None
        profile.save(update_fields=["cv", "cv_uploaded_at", "updated_at"])


def _require_verifier(actor: Any) -> None:
    from returnee_home.orgs.selectors import roles_of

    if not roles_of(actor) & STAFF_VERIFIER_ROLES:
        raise PermissionDeniedError()


def education_verify(*, actor: Any, education_id: int, verified: bool, note: str = "") -> Education:
    """Staff mark a degree as authenticated (after seeing e.g. the overseas-degree certificate)
    or withdraw that. Refuses anyone but Home, city and province staff; audited."""
    _require_verifier(actor)
    with transaction.atomic():
        education = Education.objects.select_for_update().filter(pk=education_id).first()
        if education is None:
            raise NotFoundError()
        if education.verified != verified:
            education.verified = verified
            education.verified_by = actor if verified else None
            education.verified_at = timezone.now() if verified else None
            education.save()
            audit_record(
                actor=actor,
                action="talent.degree_verified" if verified else "talent.degree_unverified",
                obj=education,
                changes={"verified": [str(not verified), str(verified)]},
                note=note,
            )
            matching_changed(education.profile_id)
    return education


def returnee_status_verify(
    *, actor: Any, profile_id: int, verified: bool, note: str = ""
) -> TalentProfile:
    """Staff mark a person's returnee status as verified (after seeing the documents) or
    withdraw that. Refuses anyone but Home, city and province staff; audited."""
    _require_verifier(actor)
    with transaction.atomic():
        profile = TalentProfile.objects.select_for_update().filter(pk=profile_id).first()
        if profile is None:
            raise NotFoundError()
        if profile.returnee_status_verified != verified:
            profile.returnee_status_verified = verified
            profile.returnee_status_verified_by = actor if verified else None
            profile.returnee_status_verified_at = timezone.now() if verified else None
            profile.save()
            audit_record(
                actor=actor,
                action="talent.returnee_verified" if verified else "talent.returnee_unverified",
                obj=profile,
                changes={"returnee_status_verified": [str(not verified), str(verified)]},
                note=note,
            )
    return profile


def contact_request(*, user: Any, organisation: Any, profile_id: int, message: str = "") -> Any:
    """An employer's contact asks to see a talent's contact details. The talent is told and
    answers; nothing is revealed until then. Refuses anyone but a contact of a verified
    employer, a hidden profile, and a second request while one is pending or accepted."""
    from returnee_home.orgs.models import Role
    from returnee_home.orgs.selectors import member_organisation_ids
    from returnee_home.talent.models import ContactGrant, Visibility

    if organisation.pk not in member_organisation_ids(user, (Role.EMPLOYER_CONTACT,)):
        raise PermissionDeniedError()
    if not organisation.is_verified:
        raise PermissionDeniedError(_("Only verified employers can ask for contact details."))
    message = (message or "").strip()
    if len(message) > 1000:
        text = _("Keep the message under 1,000 characters.")
        raise ApplicationError("message_too_long", text, fields={"message": text})
    with transaction.atomic():
        profile = (
            TalentProfile.objects.select_related("user")
            .exclude(visibility_summary=Visibility.HIDDEN)
            .filter(pk=profile_id)
            .first()
        )
        if profile is None:
            raise NotFoundError()
        grant, created = ContactGrant.objects.select_for_update().get_or_create(
            profile=profile,
            organisation=organisation,
            defaults={"requested_by": user, "message": message},
        )
        if not created:
            if grant.status in (ContactGrant.Status.PENDING, ContactGrant.Status.ACCEPTED):
                text = _("You have already asked this talent.")
                raise ApplicationError("already_requested", text, status=409)
            grant.status = ContactGrant.Status.PENDING
            grant.requested_by = user
            grant.message = message
            grant.answered_at = None
            grant.save()
        _notify_talent(profile, organisation)
    return grant


def _notify_talent(profile: TalentProfile, organisation: Any) -> None:
    from django.urls import reverse
    from django.utils import translation

    from returnee_home.notifications.actions import notify

    recipient = profile.user
    with translation.override(getattr(recipient, "preferred_language", None) or "zh-hans"):
        notify(
            recipient=recipient,
            kind="talent.contact_request",
            title=str(
                _("%(organisation)s would like your contact details")
                % {"organisation": organisation.name}
            ),
            url=reverse("talent:contacts"),
        )


def contact_answer(*, user: Any, grant_id: int, accept: bool) -> Any:
    """The talent accepts or declines a request (or withdraws an acceptance by declining).
    Refuses another person's request (not found); audited."""
    from returnee_home.talent.models import ContactGrant

    with transaction.atomic():
        grant = (
            ContactGrant.objects.select_for_update().filter(pk=grant_id, profile__user=user).first()
        )
        if grant is None:
            raise NotFoundError()
        before = grant.status
        if accept:
            grant.status = ContactGrant.Status.ACCEPTED
        elif before == ContactGrant.Status.ACCEPTED:
            grant.status = ContactGrant.Status.WITHDRAWN
        else:
            grant.status = ContactGrant.Status.DECLINED
        grant.answered_at = timezone.now()
        grant.save()
        audit_record(
            actor=user,
            action="talent.contact_answered",
            obj=grant,
            changes={"status": [before, grant.status]},
            organisation_id=grant.organisation_id,
        )
    return grant


# --- Account purge ----------------------------------------------------------------------------


def profile_erase(user: Any) -> None:
    """Personal-data eraser (runs when an account is purged): the CV file, the free texts, the
    education, work and language entries and every permission to see the profile go; the
    profile row stays, anonymous and hidden from every section, so that the applications and
    counts it is part of keep their numbers."""
    profile = TalentProfile.objects.select_for_update().filter(user=user).first()
    if profile is None:
        return
    if profile.cv:
        cv_name = profile.cv.name
        transaction.on_commit(lambda: private_storage().delete(cv_name))
    Education.objects.filter(profile=profile).delete()
    WorkExperience.objects.filter(profile=profile).delete()
    LanguageSkill.objects.filter(profile=profile).delete()
    ContactGrant.objects.filter(profile=profile).delete()
    profile.desired_cities.clear()
    profile.industries.clear()
    for name in ("headline_zh", "headline_en", "introduction_zh", "introduction_en", "gender"):
        setattr(profile, name, "")
    for name in VISIBILITY_SECTIONS:
        setattr(profile, f"visibility_{name}", Visibility.HIDDEN)
    profile.cv = ""
    profile.cv_uploaded_at = None
    profile.birth_year = profile.return_date = profile.available_from = None
    profile.desired_salary_min = None
    profile.skills, profile.honours, profile.desired_job_types = [], [], []
    profile.showcase_consent = False
    profile.showcase_consent_at = None
    profile.save()
    matching_changed(profile.pk)
