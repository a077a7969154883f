"""Talent profiles: who a returnee is, where they studied and worked, what languages they speak.

Issue 5 (matching) extends these with skills, projects, wishes and credential verification; the
fields here are the ones every later feature reads, so they are indexed for matching queries.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from returnee_home.core.i18n import pick
from returnee_home.core.models import (
    BaseModel,
    City,
    Country,
    DegreeLevel,
    Discipline,
    IndustryCluster,
    Language,
)
from returnee_home.core.storage import private_storage
from returnee_home.orgs.models import Organisation, OrgKind

# The country code of mainland China; education or work anywhere else counts as overseas
# (Hong Kong, Macao and Taiwan count as 境外 for returnee services, as the policies do).
HOME_COUNTRY_CODE = "CN"


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class ReturneeStatus(models.TextChoices):
    RETURNED = "returned", _("Returned to China")
    ABROAD = "abroad", _("Still abroad")
    FOREIGN = "foreign", _("Foreign talent")


class Channel(models.TextChoices):
    """The seed's three collection channels: how a record came onto the platform."""

    SELF = "self", _("Self-registered")
    RECOMMENDED = "recommended", _("Recommended by an institution")
    COLLECTED = "collected", _("Centralised collection")


class LanguageLevel(models.TextChoices):
    BASIC = "basic", _("Basic")
    WORKING = "working", _("Working proficiency")
    FLUENT = "fluent", _("Fluent")
    NATIVE = "native", _("Native")


class JobType(models.TextChoices):
    """Kinds of position a talent may want; the same codes as job postings use."""

    FULL_TIME = "full_time", _("Full-time")
    PART_TIME = "part_time", _("Part-time")
    POSTDOC = "postdoc", _("Postdoctoral")
    VISITING = "visiting", _("Visiting")


class Visibility(models.TextChoices):
    """Who may see one section of a profile. Contact details are never part of any section."""

    PUBLIC = "public", _("Public showcase")
    VERIFIED_EMPLOYERS = "verified", _("Verified employers only")
    ON_ACCEPT = "on_accept", _("Only after I accept")
    HIDDEN = "hidden", _("Hidden")


# The sections a talent sets visibility for, in the order the settings page lists them.
VISIBILITY_SECTIONS = ("summary", "education", "work", "skills", "cv")


def cv_path(instance: "TalentProfile", filename: str) -> str:
    """CVs are stored privately under the profile's id; the original name is not kept in
    the path (it may contain the person's name)."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"talent/cv/{instance.pk}/cv.{extension}"


@dataclass(frozen=True)
class CompletenessItem:
    """One thing a complete profile has; `done` says whether this profile has it."""

    key: str
    label: Any
    done: bool


class TalentProfile(BaseModel):
    """A person's talent profile: one per user.

    Nothing here is shown to anyone but its owner and staff unless `showcase_consent` is on,
    and contact details are never part of the showcase."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="talent_profile",
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    nationality = models.ForeignKey(
        Country,
        verbose_name=_("nationality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="talents_by_nationality",
    )
    residence_country = models.ForeignKey(
        Country,
        verbose_name=_("country or region of residence"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="talents_resident",
    )
    current_city = models.ForeignKey(
        City,
        verbose_name=_("current city in Jiangsu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="talents_living",
    )
    returnee_status = models.CharField(
        _("returnee status"),
        max_length=20,
        choices=ReturneeStatus.choices,
        default=ReturneeStatus.RETURNED,
    )
    return_date = models.DateField(
        _("date of return to China"),
        null=True,
        blank=True,
        help_text=_("When you came back to China to stay, if you have."),
    )
    headline_zh = models.CharField(_("headline (Chinese)"), max_length=200, blank=True)
    headline_en = models.CharField(_("headline (English)"), max_length=200, blank=True)
    introduction_zh = models.TextField(_("introduction (Chinese)"), blank=True)
    introduction_en = models.TextField(_("introduction (English)"), blank=True)
    desired_cities = models.ManyToManyField(
        City,
        verbose_name=_("desired cities"),
        blank=True,
        related_name="talents_desiring",
    )
    industries = models.ManyToManyField(
        IndustryCluster,
        verbose_name=_("industries of interest"),
        blank=True,
        related_name="talents_interested",
    )
    showcase_consent = models.BooleanField(
        _("show my profile in the public talent showcase"),
        default=False,
        help_text=_("Off unless you turn it on. Contact details are never shown."),
    )
    showcase_consent_at = models.DateTimeField(
        _("showcase consent given at"), null=True, blank=True
    )
    channel = models.CharField(
        _("collection channel"),
        max_length=20,
        choices=Channel.choices,
        default=Channel.SELF,
        db_index=True,
    )
    recommended_by = models.ForeignKey(
        Organisation,
        verbose_name=_("recommended by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommended_talents",
        limit_choices_to={"kind": OrgKind.RECOMMENDER},
    )
    # Matching (issue 5): what the person can do and what they want.
    skills = models.JSONField(
        _("skills"),
        default=list,
        blank=True,
        help_text=_(
            "As you would write them, in Chinese or English, e.g. “机器学习”, “PCB design”."
        ),
    )
    honours = models.JSONField(
        _("honours and talent-programme titles"),
        default=list,
        blank=True,
        help_text=_("Awards, fellowships and talent-programme titles, one per line."),
    )
    desired_salary_min = models.PositiveIntegerField(
        _("lowest acceptable monthly salary (yuan)"),
        null=True,
        blank=True,
        help_text=_("Leave empty if you are open to any offer."),
    )
    desired_job_types = models.JSONField(_("kinds of position wanted"), default=list, blank=True)
    available_from = models.DateField(
        _("available from"),
        null=True,
        blank=True,
        help_text=_("The first day you could start; leave empty if at once."),
    )
    cv = models.FileField(
        _("CV"), upload_to=cv_path, storage=private_storage, blank=True, max_length=200
    )
    cv_uploaded_at = models.DateTimeField(_("CV uploaded at"), null=True, blank=True)
    visibility_summary = models.CharField(
        _("who sees my headline and wishes"),
        max_length=12,
        choices=Visibility.choices,
        default=Visibility.VERIFIED_EMPLOYERS,
    )
    visibility_education = models.CharField(
        _("who sees my education"),
        max_length=12,
        choices=Visibility.choices,
        default=Visibility.VERIFIED_EMPLOYERS,
    )
    visibility_work = models.CharField(
        _("who sees my work experience"),
        max_length=12,
        choices=Visibility.choices,
        default=Visibility.VERIFIED_EMPLOYERS,
    )
    visibility_skills = models.CharField(
        _("who sees my skills, languages and honours"),
        max_length=12,
        choices=Visibility.choices,
        default=Visibility.VERIFIED_EMPLOYERS,
    )
    visibility_cv = models.CharField(
        _("who sees my CV"),
        max_length=12,
        choices=Visibility.choices,
        default=Visibility.ON_ACCEPT,
    )
    returnee_status_verified = models.BooleanField(
        _("returnee status verified by staff"), default=False
    )
    returnee_status_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("returnee status verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    returnee_status_verified_at = models.DateTimeField(
        _("returnee status verified at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("talent profile")
        verbose_name_plural = _("talent profiles")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["returnee_status", "current_city"]),
            models.Index(fields=["showcase_consent", "returnee_status"]),
        ]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def headline(self) -> str:
        return pick(self.headline_zh, self.headline_en)

    @property
    def introduction(self) -> str:
        return pick(self.introduction_zh, self.introduction_en)

    def completeness_items(self) -> list[CompletenessItem]:
        """What a complete profile has. Reads related rows through `.all()` so that a
        prefetched profile costs no queries."""
        return [
            CompletenessItem(
                "headline", _("a headline"), bool(self.headline_zh or self.headline_en)
            ),
            CompletenessItem(
                "introduction",
                _("an introduction"),
                bool(self.introduction_zh or self.introduction_en),
            ),
            CompletenessItem("nationality", _("your nationality"), self.nationality_id is not None),
            CompletenessItem(
                "residence",
                _("your country or region of residence"),
                self.residence_country_id is not None,
            ),
            CompletenessItem("birth_year", _("your year of birth"), self.birth_year is not None),
            CompletenessItem(
                "desired_cities", _("the cities you would work in"), bool(self.desired_cities.all())
            ),
            CompletenessItem(
                "industries", _("the industries that interest you"), bool(self.industries.all())
            ),
            CompletenessItem("languages", _("the languages you speak"), bool(self.languages.all())),
            CompletenessItem(
                "education", _("at least one education entry"), bool(self.educations.all())
            ),
            CompletenessItem(
                "work", _("at least one work experience"), bool(self.work_experiences.all())
            ),
        ]

    @property
    def completeness(self) -> int:
        """Percentage (0–100) of the completeness items this profile has."""
        items = self.completeness_items()
        return round(100 * sum(item.done for item in items) / len(items))

    @property
    def missing_items(self) -> list[CompletenessItem]:
        return [item for item in self.completeness_items() if not item.done]

    def visibility_of(self, section: str) -> str:
        """The visibility code of one of VISIBILITY_SECTIONS."""
        return str(getattr(self, f"visibility_{section}"))

    @property
    def has_verified_degree(self) -> bool:
        """Any education verified by staff (reads `.all()`: prefetch educations)."""
        return any(education.verified for education in self.educations.all())


class ContactGrant(BaseModel):
    """An organisation's request to see a talent's contact details (and the sections the talent
    keeps "only after I accept"), and the talent's answer. Nothing is revealed while pending or
    declined; the talent may withdraw an acceptance at any time."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting the talent's answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn by the talent")

    profile = models.ForeignKey(
        TalentProfile,
        verbose_name=_("talent profile"),
        on_delete=models.CASCADE,
        related_name="contact_grants",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="talent_contact_grants",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.TextField(_("message to the talent"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "organisation"], name="talent_contact_grant_once_per_org"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.profile} ({self.status})"


class LanguageSkill(BaseModel):
    """A language the person speaks and how well. One row per language per profile."""

    profile = models.ForeignKey(
        TalentProfile,
        verbose_name=_("talent profile"),
        on_delete=models.CASCADE,
        related_name="languages",
    )
    language = models.ForeignKey(
        Language, verbose_name=_("language"), on_delete=models.PROTECT, related_name="speakers"
    )
    level = models.CharField(_("level"), max_length=10, choices=LanguageLevel.choices)

    class Meta:
        verbose_name = _("language skill")
        verbose_name_plural = _("language skills")
        ordering = ["language__sort_order", "language__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "language"], name="talent_language_once_per_profile"
            )
        ]

    def __str__(self) -> str:
        return f"{self.language} ({self.get_level_display()})"


class Education(BaseModel):
    """One degree or course of study. Dates are months: the day is always the 1st.

    Refuses (at the database) an end before the start. Verification by staff (issue 5) sets
    `verified`, `verified_by` and `verified_at`; the owner cannot set them."""

    profile = models.ForeignKey(
        TalentProfile,
        verbose_name=_("talent profile"),
        on_delete=models.CASCADE,
        related_name="educations",
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country or region"),
        on_delete=models.PROTECT,
        related_name="educations",
    )
    institution_zh = models.CharField(_("institution (Chinese)"), max_length=200, blank=True)
    institution_en = models.CharField(_("institution (English)"), max_length=200, blank=True)
    degree_level = models.ForeignKey(
        DegreeLevel,
        verbose_name=_("degree level"),
        on_delete=models.PROTECT,
        related_name="educations",
    )
    discipline = models.ForeignKey(
        Discipline,
        verbose_name=_("discipline"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="educations",
        help_text=_("The first-level discipline closest to what you studied."),
    )
    field_of_study = models.CharField(
        _("field of study"),
        max_length=200,
        blank=True,
        help_text=_("In your own words, e.g. “machine learning”."),
    )
    start_date = models.DateField(_("start (month)"))
    end_date = models.DateField(
        _("end (month)"), null=True, blank=True, help_text=_("Leave empty if still studying.")
    )
    verified = models.BooleanField(_("verified by staff"), default=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("education")
        verbose_name_plural = _("education")
        ordering = ["-start_date", "-id"]
        indexes = [
            models.Index(fields=["country", "degree_level"]),
            models.Index(fields=["discipline", "degree_level"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="talent_education_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.institution} ({self.degree_level})"

    @property
    def institution(self) -> str:
        return pick(self.institution_zh, self.institution_en)

    @property
    def is_overseas(self) -> bool:
        """Studied outside mainland China (reads `country`: select it with the row)."""
        return self.country.code != HOME_COUNTRY_CODE


class WorkExperience(BaseModel):
    """One job. Dates are months: the day is always the 1st. Refuses an end before the start."""

    profile = models.ForeignKey(
        TalentProfile,
        verbose_name=_("talent profile"),
        on_delete=models.CASCADE,
        related_name="work_experiences",
    )
    organisation_name = models.CharField(_("organisation"), max_length=200)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country or region"),
        on_delete=models.PROTECT,
        related_name="work_experiences",
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    title = models.CharField(_("job title"), max_length=200)
    start_date = models.DateField(_("start (month)"))
    end_date = models.DateField(
        _("end (month)"), null=True, blank=True, help_text=_("Leave empty if you still work there.")
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("work experience")
        verbose_name_plural = _("work experience")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="talent_work_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.organisation_name}"

    @property
    def is_overseas(self) -> bool:
        return self.country.code != HOME_COUNTRY_CODE


class InflowDimension(models.TextChoices):
    ALL = "all", _("all new talents")
    CITY = "city", _("city of residence")
    COUNTRY = "country", _("country or region of study")
    DISCIPLINE = "discipline", _("discipline")
    DEGREE = "degree", _("degree")


class InflowFact(models.Model):
    """What one talent counts for in the inflow figures: registered on `day`, once under each
    dimension's value (each country, discipline and degree of their education, once even if
    two entries share it; 0 where it is not given). Kept by `talent.actions.inflow_refresh`
    (see `core.tallies`); the owner is a plain id so that a deleted profile's facts can still
    be taken out of the totals."""

    profile_id = models.IntegerField(_("talent profile"), db_index=True)
    day = models.DateField(_("day"))
    dimension = models.CharField(_("dimension"), max_length=10, choices=InflowDimension.choices)
    value_id = models.IntegerField(_("value"))

    class Meta:
        verbose_name = _("inflow fact")
        verbose_name_plural = _("inflow facts")
        indexes = [models.Index(fields=["day", "dimension", "value_id"])]

    def __str__(self) -> str:
        return f"profile {self.profile_id}: {self.dimension} {self.value_id}"


class InflowMonth(models.Model):
    """New talents of one month under one dimension's value: the inflow facts summed, read by
    the province dashboard. At the database: one row per month, dimension and value."""

    month = models.DateField(_("month"))
    dimension = models.CharField(_("dimension"), max_length=10, choices=InflowDimension.choices)
    value_id = models.IntegerField(_("value"))
    count = models.IntegerField(_("new talents"), default=0)

    class Meta:
        verbose_name = _("new talents of a month")
        verbose_name_plural = _("new talents of each month")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "dimension", "value_id"], name="talent_inflow_month_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.dimension} {self.value_id}: {self.count}"
