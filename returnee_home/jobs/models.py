"""The demand side (job postings, project demands), talent projects, how each record came onto
the platform (collection channels, imports, recommendations), the funnel from first contact to
hire or landing, and saved searches.

The matching engine (`matching` app) reads JobPosting, ProjectDemand and TalentProject by the
field names below: never rename them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from returnee_home.core.fulltext import SearchIndexBase
from returnee_home.core.i18n import pick
from returnee_home.core.models import BaseModel, City, DegreeLevel, Discipline, IndustryCluster
from returnee_home.core.models import Language as LanguageRef
from returnee_home.core.storage import private_storage


class Channel(models.TextChoices):
    """How a record came onto the platform (the seed's collection channels, plus the API)."""

    SELF = "self", _("Self-entered")
    INSTITUTION = "institution", _("Recommended by an institution")
    COLLECTION = "collection", _("Centralised collection")
    API = "api", _("Partner system (API)")


class JobType(models.TextChoices):
    FULL_TIME = "full_time", _("Full time")
    PART_TIME = "part_time", _("Part time")
    POSTDOC = "postdoc", _("Postdoctoral")
    VISITING = "visiting", _("Visiting position")


class PostingStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("posting status", "Draft")
    PUBLISHED = "published", pgettext_lazy("posting status", "Published")
    FILLED = "filled", pgettext_lazy("posting status", "Filled")
    EXPIRED = "expired", pgettext_lazy("posting status", "Expired")
    WITHDRAWN = "withdrawn", pgettext_lazy("posting status", "Withdrawn")


class DemandStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("posting status", "Draft")
    PUBLISHED = "published", pgettext_lazy("posting status", "Published")
    CLOSED = "closed", pgettext_lazy("posting status", "Closed")
    WITHDRAWN = "withdrawn", pgettext_lazy("posting status", "Withdrawn")


class ProjectStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("posting status", "Draft")
    PUBLISHED = "published", pgettext_lazy("posting status", "Published")
    WITHDRAWN = "withdrawn", pgettext_lazy("posting status", "Withdrawn")


class ProjectStage(models.TextChoices):
    IDEA = "idea", _("Idea")
    PROTOTYPE = "prototype", _("Prototype")
    PILOT = "pilot", _("Pilot")
    EARLY_REVENUE = "early_revenue", _("Early revenue")
    REVENUE = "revenue", _("Revenue")


class CooperationMode(models.TextChoices):
    LICENSING = "licensing", _("Technology licensing")
    JOINT_RD = "joint_rd", _("Joint R&D")
    INVESTMENT = "investment", _("Investment")
    PARK_FOUNDING = "park_founding", _("Founding a company in a park")


class CollectedRecord(models.Model):
    """Channel fields every demand and supply record carries: how it came, who brought it, and
    the partner's own id for it (unique per source organisation, so re-imports update)."""

    channel = models.CharField(
        _("collection channel"),
        max_length=20,
        choices=Channel.choices,
        default=Channel.SELF,
        db_index=True,
    )
    brought_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("brought by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("source organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    external_id = models.CharField(
        _("external id"),
        max_length=100,
        blank=True,
        help_text=_("The id the source system or spreadsheet gives this record."),
    )

    class Meta:
        abstract = True


class JobPosting(CollectedRecord, BaseModel):
    """A job an employer offers. Status: draft → published → filled / expired / withdrawn
    (see jobs.actions). Refuses (at the database) a salary minimum above the maximum."""

    employer = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("employer"),
        on_delete=models.CASCADE,
        related_name="job_postings",
    )
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    responsibilities = models.TextField(_("responsibilities"), blank=True)
    requirements_text = models.TextField(_("requirements"), blank=True)
    degree_level = models.ForeignKey(
        DegreeLevel,
        verbose_name=_("degree level"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="job_postings",
    )
    degree_required = models.BooleanField(
        _("degree strictly required"),
        default=False,
        help_text=_("If ticked, candidates below this degree are not matched at all."),
    )
    disciplines = models.ManyToManyField(
        Discipline, verbose_name=_("disciplines"), blank=True, related_name="job_postings"
    )
    skills = models.JSONField(_("skills"), default=list, blank=True)
    min_years_experience = models.PositiveSmallIntegerField(
        _("minimum years of experience"), default=0
    )
    languages = models.ManyToManyField(
        LanguageRef, verbose_name=_("languages"), blank=True, related_name="job_postings"
    )
    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.PROTECT, related_name="job_postings"
    )
    district = models.CharField(_("district"), max_length=100, blank=True)
    industry = models.ForeignKey(
        IndustryCluster,
        verbose_name=_("industry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="job_postings",
    )
    salary_min = models.PositiveIntegerField(
        _("salary from (yuan per month)"), null=True, blank=True
    )
    salary_max = models.PositiveIntegerField(_("salary to (yuan per month)"), null=True, blank=True)
    headcount = models.PositiveSmallIntegerField(_("headcount"), default=1)
    job_type = models.CharField(
        _("job type"), max_length=20, choices=JobType.choices, default=JobType.FULL_TIME
    )
    valid_through = models.DateField(_("open until"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PostingStatus.choices,
        default=PostingStatus.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    # Segmented words of every text field (Chinese split by jieba), for full-text search.
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    class Meta:
        verbose_name = _("job posting")
        verbose_name_plural = _("job postings")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "city", "-published_at"]),
            models.Index(fields=["status", "industry", "-published_at"]),
            models.Index(fields=["employer", "status"]),
            # The search's default order, read in index order and stopped after one page.
            models.Index(fields=["status", "-published_at", "-id"], name="jobs_posting_newest"),
            # Demands each Home collected in a period (dashboards).
            models.Index(
                fields=["source_organisation", "created_at"], name="jobs_posting_collected"
            ),
            # New postings by city and month (open data): read from the index alone.
            models.Index(fields=["created_at", "city"], name="jobs_posting_new_by_city"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_min__lte=F("salary_max")),
                name="jobs_posting_salary_range",
            ),
            models.UniqueConstraint(
                fields=["source_organisation", "external_id"],
                condition=~Q(external_id=""),
                name="jobs_posting_external_id_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick(self.title_zh, self.title_en)

    @property
    def is_negotiable(self) -> bool:
        return self.salary_min is None and self.salary_max is None

    @property
    def is_public(self) -> bool:
        return self.status == PostingStatus.PUBLISHED


class ProjectDemand(CollectedRecord, BaseModel):
    """A technology or project demand of an organisation (problem, expected results, budget,
    cooperation modes). Status: draft → published → closed / withdrawn."""

    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="project_demands",
    )
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    field = models.ForeignKey(
        IndustryCluster,
        verbose_name=_("field"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="project_demands",
    )
    disciplines = models.ManyToManyField(
        Discipline, verbose_name=_("disciplines"), blank=True, related_name="project_demands"
    )
    problem_statement = models.TextField(_("problem statement"), blank=True)
    expected_results = models.TextField(_("expected results"), blank=True)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    budget_min = models.PositiveIntegerField(_("budget from (yuan)"), null=True, blank=True)
    budget_max = models.PositiveIntegerField(_("budget to (yuan)"), null=True, blank=True)
    cooperation_modes = models.JSONField(_("cooperation modes"), default=list, blank=True)
    city = models.ForeignKey(
        City,
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="project_demands",
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DemandStatus.choices,
        default=DemandStatus.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    class Meta:
        verbose_name = _("project demand")
        verbose_name_plural = _("project demands")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "field", "-published_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_min__isnull=True)
                | Q(budget_max__isnull=True)
                | Q(budget_min__lte=F("budget_max")),
                name="jobs_demand_budget_range",
            ),
            models.UniqueConstraint(
                fields=["source_organisation", "external_id"],
                condition=~Q(external_id=""),
                name="jobs_demand_external_id_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick(self.title_zh, self.title_en)

    @property
    def is_public(self) -> bool:
        return self.status == DemandStatus.PUBLISHED


class TalentProject(CollectedRecord, BaseModel):
    """A project a talent brings (supply side): field, stage, IP, team, funding sought, where
    it would land. Shown to others only when published, and — when an institution recommended
    it — only after the owner confirmed (`owner_confirmed_at`). The public showcase page exists
    only when `showcase_public` is on."""

    owner = models.ForeignKey(
        "talent.TalentProfile",
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="projects",
    )
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    field = models.ForeignKey(
        IndustryCluster,
        verbose_name=_("field"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="talent_projects",
    )
    disciplines = models.ManyToManyField(
        Discipline, verbose_name=_("disciplines"), blank=True, related_name="talent_projects"
    )
    summary = models.TextField(_("summary"), blank=True)
    results = models.TextField(_("results to show"), blank=True)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    stage = models.CharField(
        _("stage"), max_length=20, choices=ProjectStage.choices, default=ProjectStage.IDEA
    )
    ip_held = models.TextField(_("intellectual property held"), blank=True)
    team_size = models.PositiveSmallIntegerField(_("team size"), default=1)
    funding_sought = models.PositiveIntegerField(_("funding sought (yuan)"), null=True, blank=True)
    preferred_cities = models.ManyToManyField(
        City, verbose_name=_("preferred landing cities"), blank=True, related_name="+"
    )
    preferred_park = models.CharField(_("preferred park"), max_length=200, blank=True)
    cooperation_modes = models.JSONField(_("cooperation modes"), default=list, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProjectStatus.choices,
        default=ProjectStatus.DRAFT,
        db_index=True,
    )
    showcase_public = models.BooleanField(
        _("public showcase page"),
        default=False,
        help_text=_("Show this project and its results on a public page. Contacts never are."),
    )
    owner_confirmed_at = models.DateTimeField(
        _("confirmed by the owner at"),
        null=True,
        blank=True,
        help_text=_("Set when the owner confirms a project an institution recommended."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    class Meta:
        verbose_name = _("talent project")
        verbose_name_plural = _("talent projects")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "field", "-published_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["source_organisation", "external_id"],
                condition=~Q(external_id=""),
                name="jobs_project_external_id_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick(self.title_zh, self.title_en)

    @property
    def is_visible(self) -> bool:
        """Published, and confirmed by the owner when someone else brought it."""
        return self.status == ProjectStatus.PUBLISHED and (
            self.channel == Channel.SELF or self.owner_confirmed_at is not None
        )


def attachment_path(instance: "ProjectAttachment", filename: str) -> str:
    import uuid
    from pathlib import PurePath

    suffix = PurePath(filename).suffix.lower()[:5]
    return f"projects/{instance.project_id}/{uuid.uuid4().hex}{suffix}"


class ProjectAttachment(BaseModel):
    """An image or document showing a project's results; public with the showcase page."""

    project = models.ForeignKey(
        TalentProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=attachment_path, max_length=200
    )
    content_type = models.CharField(_("file type"), max_length=40)

    class Meta:
        verbose_name = _("project attachment")
        verbose_name_plural = _("project attachments")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.caption or f"#{self.pk}"

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


# --- Funnel: people --------------------------------------------------------------------------


class ApplicationStage(models.TextChoices):
    INVITED = "invited", _("Invited to apply")
    APPLIED = "applied", _("Applied")
    INTRODUCED = "introduced", _("Introduced by a Home")
    INTERVIEW = "interview", _("Interview")
    OFFER = "offer", _("Offer")
    HIRED = "hired", _("Hired")
    DECLINED = "declined", _("Invitation declined")
    CLOSED = "closed", pgettext_lazy("funnel stage", "Closed")


class ApplicationOrigin(models.TextChoices):
    APPLY = "apply", _("Talent applied")
    INVITE = "invite", _("Employer invited")
    INTRODUCTION = "introduction", _("Staff introduction")


class CloseReason(models.TextChoices):
    WITHDRAWN_BY_TALENT = "withdrawn_by_talent", _("The talent withdrew the application")
    NOT_SUITABLE = "not_suitable", _("Not suitable for this position")
    OFFER_DECLINED = "offer_declined", _("Offer declined")
    POSITION_FILLED = "position_filled", _("Position filled or withdrawn")
    NO_RESPONSE = "no_response", _("No response")
    OTHER = "other", _("Other")


class Application(BaseModel):
    """One talent's path towards one posting: it starts with an application, an invitation or a
    staff introduction and moves through the stages in jobs.funnel. Contact details of the
    talent reach the employer only once `contact_shared` is set (they applied or accepted)."""

    posting = models.ForeignKey(
        JobPosting,
        verbose_name=_("job posting"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    profile = models.ForeignKey(
        "talent.TalentProfile",
        verbose_name=_("talent"),
        on_delete=models.CASCADE,
        related_name="job_applications",
    )
    origin = models.CharField(_("started by"), max_length=20, choices=ApplicationOrigin.choices)
    stage = models.CharField(
        _("stage"), max_length=20, choices=ApplicationStage.choices, db_index=True
    )
    cover_note = models.TextField(_("cover note"), blank=True)
    invitation_message = models.TextField(_("invitation message"), blank=True)
    contact_shared = models.BooleanField(_("contact details shared"), default=False)
    close_reason = models.CharField(
        _("reason for closing"), max_length=30, choices=CloseReason.choices, blank=True
    )
    close_note = models.TextField(_("closing note"), blank=True)
    home = models.ForeignKey(
        "orgs.Home",
        verbose_name=_("introduced by Home"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="job_introductions",
    )
    interview_at = models.DateTimeField(_("interview time"), null=True, blank=True)
    hired_at = models.DateTimeField(_("hired at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("job application")
        verbose_name_plural = _("job applications")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["posting", "profile"], name="jobs_application_once_per_posting"
            )
        ]
        indexes = [models.Index(fields=["stage", "created_at"])]

    def __str__(self) -> str:
        return f"{self.profile_id} → {self.posting_id} ({self.stage})"


class ApplicationStep(models.Model):
    """One recorded move of an application (who, when, from which stage to which)."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("job application"),
        on_delete=models.CASCADE,
        related_name="steps",
    )
    from_stage = models.CharField(
        _("from stage"), max_length=20, choices=ApplicationStage.choices, blank=True
    )
    to_stage = models.CharField(_("to stage"), max_length=20, choices=ApplicationStage.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("application step")
        verbose_name_plural = _("application steps")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_stage} → {self.to_stage}"


# --- Funnel: projects ------------------------------------------------------------------------


class InterestStage(models.TextChoices):
    INTEREST = "interest", _("Interest registered")
    MEETING = "meeting", _("Meeting")
    AGREEMENT = "agreement", _("Agreement")
    LANDED = "landed", _("Landed")
    CLOSED = "closed", pgettext_lazy("funnel stage", "Closed")


class InterestSource(models.TextChoices):
    DIRECT = "direct", _("From the project page")
    DEMAND = "demand", _("From a project demand")
    ROADSHOW = "roadshow", _("At a roadshow")
    INTRODUCTION = "introduction", _("Staff introduction")


class InvestorKind(models.TextChoices):
    EMPLOYER = "employer", _("Employer")
    PARK = "park", _("Park")
    INVESTOR = "investor", _("Investor")


class ProjectInterest(BaseModel):
    """An organisation's interest in a talent project, and its path to landing (落地): interest
    → meeting → agreement → landed in a city or park, or closed with a reason."""

    project = models.ForeignKey(
        TalentProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="interests",
    )
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("interested organisation"),
        on_delete=models.CASCADE,
        related_name="project_interests",
    )
    interested_as = models.CharField(
        _("interested as"), max_length=20, choices=InvestorKind.choices
    )
    demand = models.ForeignKey(
        ProjectDemand,
        verbose_name=_("for the demand"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interests",
    )
    source = models.CharField(
        _("source"), max_length=20, choices=InterestSource.choices, default=InterestSource.DIRECT
    )
    roadshow = models.ForeignKey(
        "events.Event",
        verbose_name=_("roadshow"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="project_interests",
    )
    stage = models.CharField(
        _("stage"),
        max_length=20,
        choices=InterestStage.choices,
        default=InterestStage.INTEREST,
        db_index=True,
    )
    message = models.TextField(_("message to the project owner"), blank=True)
    landed_city = models.ForeignKey(
        City,
        verbose_name=_("landed in city"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    landed_park = models.CharField(_("landed in park"), max_length=200, blank=True)
    landed_at = models.DateTimeField(_("landed at"), null=True, blank=True)
    close_note = models.TextField(_("reason for closing"), blank=True)
    home = models.ForeignKey(
        "orgs.Home",
        verbose_name=_("introduced by Home"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="project_introductions",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("project interest")
        verbose_name_plural = _("project interests")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"], name="jobs_interest_once_per_organisation"
            ),
            models.CheckConstraint(
                condition=~Q(stage="landed") | Q(landed_city__isnull=False),
                name="jobs_interest_landed_has_city",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} → {self.project_id} ({self.stage})"


class InterestStep(models.Model):
    """One recorded move of a project interest."""

    interest = models.ForeignKey(
        ProjectInterest,
        verbose_name=_("project interest"),
        on_delete=models.CASCADE,
        related_name="steps",
    )
    from_stage = models.CharField(
        _("from stage"), max_length=20, choices=InterestStage.choices, blank=True
    )
    to_stage = models.CharField(_("to stage"), max_length=20, choices=InterestStage.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("project interest step")
        verbose_name_plural = _("project interest steps")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_stage} → {self.to_stage}"


# --- Collection: imports, recommendations, claims ---------------------------------------------


class ImportKind(models.TextChoices):
    POSTINGS = "postings", _("Job postings")
    TALENTS = "talents", _("Talents")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Failed")


def import_path(instance: "ImportJob", filename: str) -> str:
    import uuid
    from pathlib import PurePath

    suffix = PurePath(filename).suffix.lower()[:5]
    return f"imports/{uuid.uuid4().hex}{suffix}"


class ImportJob(BaseModel):
    """A spreadsheet of postings or talents uploaded by a Home's staff (centralised collection),
    processed in the background. Rows are matched on their external id within the source
    organisation (the uploader's Home carrier), so re-importing the same file updates."""

    kind = models.CharField(_("what"), max_length=20, choices=ImportKind.choices)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("collected by"),
        on_delete=models.CASCADE,
        related_name="job_imports",
    )
    file = models.FileField(
        _("spreadsheet"), storage=private_storage, upload_to=import_path, max_length=200
    )
    original_name = models.CharField(_("file name"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    error_count = models.PositiveIntegerField(_("rows with errors"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    failure = models.TextField(_("why the import failed"), blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def progress(self) -> int:
        if not self.total_rows:
            return 100 if self.status in (ImportStatus.DONE, ImportStatus.FAILED) else 0
        return min(100, round(100 * self.processed_rows / self.total_rows))

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)


class RecommendationKind(models.TextChoices):
    TALENT = "talent", _("A talent")
    PROJECT = "project", _("A project")


class RecommendationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting the talent's confirmation")
    CONFIRMED = "confirmed", _("Confirmed by the talent")
    DECLINED = "declined", _("Declined by the talent")


def letter_path(instance: "Recommendation", filename: str) -> str:
    import uuid
    from pathlib import PurePath

    suffix = PurePath(filename).suffix.lower()[:5]
    return f"recommendations/{uuid.uuid4().hex}{suffix}"


class Recommendation(BaseModel):
    """A recommending institution's recommendation of a talent (or of a talent's project), with
    its letter. Nothing about it is shown to anyone else until the talent confirms by the
    e-mailed link; a declined recommendation is kept, never shown."""

    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("recommending institution"),
        on_delete=models.CASCADE,
        related_name="recommendations_made",
    )
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("recommending"), max_length=20, choices=RecommendationKind.choices)
    full_name = models.CharField(_("talent's full name"), max_length=100)
    email = models.EmailField(_("talent's e-mail"))
    statement = models.TextField(_("recommendation"))
    letter = models.FileField(
        _("recommendation letter"), storage=private_storage, upload_to=letter_path, max_length=200
    )
    letter_content_type = models.CharField(_("letter file type"), max_length=40)
    project_data = models.JSONField(
        _("recommended project"),
        default=dict,
        blank=True,
        help_text=_("The project as the institution described it, created when confirmed."),
    )
    profile = models.ForeignKey(
        "talent.TalentProfile",
        verbose_name=_("talent profile"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    project = models.ForeignKey(
        TalentProject,
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.PENDING,
        db_index=True,
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_kind_display()})"


class ProfileClaim(BaseModel):
    """The invitation to claim a talent profile created on someone's behalf (import or
    recommendation). The account has no password until the person claims it by the link."""

    profile = models.ForeignKey(
        "talent.TalentProfile",
        verbose_name=_("talent profile"),
        on_delete=models.CASCADE,
        related_name="claims",
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires at"))
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("profile claim")
        verbose_name_plural = _("profile claims")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"claim {self.profile_id}"


# --- Saved searches --------------------------------------------------------------------------


class SearchKind(models.TextChoices):
    POSTINGS = "postings", _("Job postings")
    DEMANDS = "demands", _("Project demands")
    PROJECTS = "projects", _("Talent projects")


class SavedSearch(BaseModel):
    """A person's saved search. With `alert` on, new results are e-mailed at most once a day."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="saved_job_searches",
    )
    kind = models.CharField(_("searching"), max_length=20, choices=SearchKind.choices)
    name = models.CharField(_("name"), max_length=100)
    params = models.JSONField(_("search"), default=dict)
    alert = models.BooleanField(_("e-mail me new results daily"), default=True)
    last_alerted_at = models.DateTimeField(_("last alert"), null=True, blank=True)
    last_seen_id = models.BigIntegerField(_("newest result seen"), default=0)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="jobs_saved_search_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class CollectedTalent(BaseModel):
    """The link between a talent profile and the id a source organisation gives it in its
    spreadsheets or system, so that a second import of the same person updates, not copies."""

    source_organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("source organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    external_id = models.CharField(_("external id"), max_length=100)
    profile = models.ForeignKey(
        "talent.TalentProfile",
        verbose_name=_("talent profile"),
        on_delete=models.CASCADE,
        related_name="collected_as",
    )

    class Meta:
        verbose_name = _("collected talent")
        verbose_name_plural = _("collected talents")
        constraints = [
            models.UniqueConstraint(
                fields=["source_organisation", "external_id"],
                name="jobs_collected_talent_unique",
            )
        ]

    def __str__(self) -> str:
        return self.external_id


class RoadshowPitch(BaseModel):
    """A project pitching at a project roadshow (an events.Event of kind "roadshow"), in the
    order of the programme. Employers, parks and investors register interest from the
    roadshow page; that interest enters the project funnel with the roadshow as its source."""

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("roadshow"),
        on_delete=models.CASCADE,
        related_name="pitches",
    )
    project = models.ForeignKey(
        TalentProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="pitches",
    )
    order = models.PositiveSmallIntegerField(_("order in the programme"), default=1)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("roadshow pitch")
        verbose_name_plural = _("roadshow pitches")
        ordering = ["event", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "project"], name="jobs_pitch_once_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.event_id} · {self.project_id}"


class PostingSearchEntry(SearchIndexBase):
    """The full-text index entry of a job posting (core.fulltext): title and skills as head
    words, texts and the employer's names as body words. Written with the posting."""

    posting = models.OneToOneField(
        JobPosting,
        verbose_name=_("job posting"),
        on_delete=models.CASCADE,
        related_name="search_entry",
    )

    class Meta:
        verbose_name = _("posting search entry")
        verbose_name_plural = _("posting search entries")

    def __str__(self) -> str:
        return f"search entry {self.posting_id}"


# --- Summary tables of the dashboards (see core.tallies and jobs.tallies) ----------------------


class FunnelCounts(models.Model):
    """The funnel columns of an application's fact and of a month's total."""

    city_id = models.IntegerField(_("city"))
    industry_id = models.IntegerField(_("industry"))
    channel = models.CharField(_("collection channel"), max_length=20, choices=Channel.choices)
    matched = models.IntegerField(pgettext_lazy("funnel", "matched"), default=0)
    interviewed = models.IntegerField(pgettext_lazy("funnel", "interviewed"), default=0)
    offered = models.IntegerField(pgettext_lazy("funnel", "offered"), default=0)
    hired = models.IntegerField(pgettext_lazy("funnel", "hired"), default=0)

    class Meta:
        abstract = True


class ApplicationFact(FunnelCounts):
    """What one application counts for in the matching funnel: started on `day`, for a posting
    of this city, industry and channel (0: not given), and whether it reached an interview, an
    offer and a hire. Kept by `jobs.funnel` whenever an application moves."""

    application_id = models.IntegerField(_("job application"), unique=True)
    day = models.DateField(_("day"), db_index=True)

    class Meta:
        verbose_name = _("funnel fact")
        verbose_name_plural = _("funnel facts")

    def __str__(self) -> str:
        return f"application {self.application_id} ({self.day})"


class FunnelMonth(FunnelCounts):
    """The funnel of the applications started in one month, per posting city, industry and
    channel: the facts summed, read by the province dashboard."""

    month = models.DateField(_("month"))

    class Meta:
        verbose_name = _("funnel of a month")
        verbose_name_plural = _("funnel of each month")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "city_id", "industry_id", "channel"],
                name="jobs_funnel_month_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.city_id}/{self.industry_id}/{self.channel}"


class DemandFact(models.Model):
    """A published posting asking for a discipline (one row per discipline), by the day it was
    published. Kept by the posting actions."""

    posting_id = models.IntegerField(_("job posting"), db_index=True)
    day = models.DateField(_("day"))
    discipline_id = models.IntegerField(_("discipline"))

    class Meta:
        verbose_name = _("demand fact")
        verbose_name_plural = _("demand facts")

    def __str__(self) -> str:
        return f"posting {self.posting_id}: discipline {self.discipline_id}"


class DemandMonth(models.Model):
    """Published postings asking for a discipline, by the month they were published."""

    month = models.DateField(_("month"))
    discipline_id = models.IntegerField(_("discipline"))
    count = models.IntegerField(_("published postings"), default=0)

    class Meta:
        verbose_name = _("demand of a month")
        verbose_name_plural = _("demand of each month")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "discipline_id"], name="jobs_demand_month_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} discipline {self.discipline_id}: {self.count}"
