"""The shared taxonomy (skills, occupations, synonyms of disciplines and industries), the
engine's stored inputs and outputs (one feature row per record, stored top matches), and the
feedback people give on matches (dismissals by talents, rejections by employers).

Records of other apps are referred to by id (`object_id`) with a `kind`, not by foreign key: the
engine reads four kinds of record the same way, and feedback is kept when a record is deleted."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from returnee_home.core.i18n import pick
from returnee_home.core.models import BaseModel, Discipline, IndustryCluster


class ConceptKind(models.TextChoices):
    SKILL = "skill", _("Skill")
    GROUP = "group", _("Skill group")
    OCCUPATION = "occupation", _("Occupation")
    DISCIPLINE = "discipline", pgettext_lazy("taxonomy", "Discipline")
    INDUSTRY = "industry", pgettext_lazy("taxonomy", "Industry cluster")


class Concept(BaseModel):
    """One entry of the bilingual taxonomy. Skills belong to a group (partial credit between
    related skills); occupations list the skills they usually need; disciplines and industries
    mirror the core reference rows so that their synonyms are found in free text."""

    kind = models.CharField(_("kind"), max_length=12, choices=ConceptKind.choices)
    code = models.CharField(_("code"), max_length=60)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    group = models.ForeignKey(
        "self",
        verbose_name=_("skill group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    industries = models.JSONField(_("industry clusters"), default=list, blank=True)
    related_skills = models.JSONField(_("usual skills"), default=list, blank=True)
    discipline = models.ForeignKey(
        Discipline, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    industry = models.ForeignKey(
        IndustryCluster, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("taxonomy concept")
        verbose_name_plural = _("taxonomy concepts")
        ordering = ["kind", "code"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="matching_concept_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self.name_zh, self.name_en)

    @property
    def key(self) -> str:
        """The engine's feature name of this concept, e.g. `skill:machine_learning`."""
        return f"{self.kind}:{self.code}"


class Synonym(BaseModel):
    """Another way of writing a concept (a synonym, an abbreviation, the other language).
    Shipped ones come from the data files; staff add their own, which a reload keeps."""

    class Source(models.TextChoices):
        SHIPPED = "shipped", _("Shipped with the product")
        STAFF = "staff", _("Added by staff")

    concept = models.ForeignKey(
        Concept, verbose_name=_("concept"), on_delete=models.CASCADE, related_name="synonyms"
    )
    text = models.CharField(_("synonym"), max_length=200)
    normalised = models.CharField(_("normalised form"), max_length=200, db_index=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.SHIPPED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")
        ordering = ["concept__kind", "concept__code", "normalised"]
        constraints = [
            models.UniqueConstraint(
                fields=["concept", "normalised"], name="matching_synonym_once_per_concept"
            )
        ]

    def __str__(self) -> str:
        return f"{self.text} → {self.concept}"


class RecordKind(models.TextChoices):
    TALENT = "talent", _("Talent")
    POSTING = "posting", _("Job posting")
    PROJECT = "project", _("Talent project")
    DEMAND = "demand", _("Project demand")


class FeatureRow(models.Model):
    """What the engine knows of one record, computed when the record changes (background task)
    so that building an index reads JSON, not every table. `active` is off for records that
    must not be matched (drafts, withdrawn, expired, profiles hidden by their owner)."""

    kind = models.CharField(_("kind"), max_length=10, choices=RecordKind.choices)
    object_id = models.BigIntegerField(_("record id"))
    active = models.BooleanField(_("matchable"), default=True)
    payload = models.JSONField(_("features"), default=dict)
    source_updated_at = models.DateTimeField(_("record updated at"), null=True)
    updated_at = models.DateTimeField(_("updated at"), db_index=True)

    class Meta:
        verbose_name = _("feature row")
        verbose_name_plural = _("feature rows")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="matching_feature_once")
        ]
        indexes = [
            models.Index(fields=["kind", "updated_at"]),
            models.Index(fields=["kind", "source_updated_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"


class Direction(models.TextChoices):
    """Which way a match is read: the subject first, the candidates second."""

    POSTINGS_FOR_TALENT = "talent_posting", _("Job postings for a talent")
    TALENTS_FOR_POSTING = "posting_talent", _("Talents for a job posting")
    DEMANDS_FOR_PROJECT = "project_demand", _("Project demands for a project")
    PROJECTS_FOR_DEMAND = "demand_project", _("Projects for a project demand")


class StoredMatch(models.Model):
    """One of the top matches of a subject, recomputed for everyone by a background task, for
    alerts and statistics (pages compute live)."""

    direction = models.CharField(_("direction"), max_length=20, choices=Direction.choices)
    subject_id = models.BigIntegerField(_("subject id"))
    object_id = models.BigIntegerField(_("candidate id"))
    rank = models.PositiveSmallIntegerField(_("rank"))
    score = models.FloatField(_("score"))
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("stored match")
        verbose_name_plural = _("stored matches")
        ordering = ["direction", "subject_id", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["direction", "subject_id", "object_id"], name="matching_stored_once"
            )
        ]
        indexes = [models.Index(fields=["direction", "object_id"])]

    def __str__(self) -> str:
        return f"{self.direction} {self.subject_id} #{self.rank}: {self.object_id}"


class FeedbackReason(models.TextChoices):
    NOT_RELEVANT = "not_relevant", _("Not relevant to my skills")
    LOCATION = "location", pgettext_lazy("feedback", "Wrong location")
    SALARY = "salary", _("Salary too low")
    LEVEL = "level", _("Wrong level of seniority")
    EMPLOYER = "employer", _("Not interested in this organisation")
    UNQUALIFIED = "unqualified", _("Does not meet the requirements")
    FILLED = "filled", _("Position already filled")
    OTHER = "other", _("Another reason")


TALENT_REASONS = ("not_relevant", "location", "salary", "level", "employer", "other")
EMPLOYER_REASONS = ("not_relevant", "unqualified", "location", "level", "filled", "other")


class MatchFeedback(BaseModel):
    """A match someone does not want: a talent dismissing a posting (or an owner a demand), an
    employer rejecting a profile for a posting. Kept for the evaluation; the candidate is
    never shown again to that subject."""

    direction = models.CharField(_("direction"), max_length=20, choices=Direction.choices)
    subject_id = models.BigIntegerField(_("subject id"))
    object_id = models.BigIntegerField(_("candidate id"))
    reason = models.CharField(_("reason"), max_length=20, choices=FeedbackReason.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    score = models.FloatField(_("score when dismissed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("match feedback")
        verbose_name_plural = _("match feedback")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["direction", "subject_id", "object_id"], name="matching_feedback_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.direction} {self.subject_id} ✕ {self.object_id} ({self.reason})"
