"""Naming of Homes (seed §3–§4): batches, carriers' applications (Attachment 1), the city's
summary forms (Attachment 2), reviews, expert scores, site visits, the public notice and its
objections, and the plaque numbers the province issues.

The states an application passes through and who may move it are in `workflow.py`; models
hold only fields, constraints and simple properties."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from returnee_home.core.i18n import pick
from returnee_home.core.models import BaseModel, City
from returnee_home.core.storage import private_storage
from returnee_home.naming.labels import batch_label_display, batch_label_zh
from returnee_home.orgs.models import Home, Membership, Organisation

# The six conditions of seed §3, in the notice's order.
CONDITIONS: tuple[tuple[str, object], ...] = (
    ("scale", _("Service scale: at least 500 person-times a year")),
    ("premises", _("Premises with display, exchange and public-service areas")),
    ("staff", _("Staff: at least 3, junior college or above, one per window")),
    ("equipment", _("Service equipment")),
    ("rules", _("Service rules published to those served")),
    ("matching", _("Matching capability: employers' demands collected and matched")),
)
CONDITION_KEYS = tuple(key for key, _label in CONDITIONS)
CONDITION_LABELS = dict(CONDITIONS)

EQUIPMENT: tuple[tuple[str, object], ...] = (
    ("printer", _("Printer")),
    ("copier", _("Copier")),
    ("public_computer", _("Public computers with internet access")),
    ("self_service", _("Self-service terminals")),
    ("kiosk", _("Information kiosks")),
    ("display_screen", _("Display screens")),
    ("networking", _("Facilities for networking and exchange")),
)
EQUIPMENT_KEYS = tuple(key for key, _label in EQUIPMENT)

DEFAULT_SCHEME = {
    "scale": 20,
    "premises": 15,
    "staff": 20,
    "equipment": 10,
    "rules": 15,
    "matching": 20,
}


class NamingBatch(BaseModel):
    """A batch of naming the province opens (year and number), with its deadline, the length of
    its public notice in working days, the carrier kinds it admits and the experts' scheme.

    Refuses (at the database) two batches with the same year and number."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("naming batch", "Open for applications")
        CLOSED = "closed", pgettext_lazy("naming batch", "Closed to applications")
        NAMED = "named", pgettext_lazy("naming batch", "Named")

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("batch number"))
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    notice_text_zh = models.TextField(_("notice text (Chinese)"), blank=True)
    notice_text_en = models.TextField(_("notice text (English)"), blank=True)
    application_deadline = models.DateField(_("application deadline"))
    notice_working_days = models.PositiveSmallIntegerField(
        _("public notice (working days)"), default=5
    )
    carrier_kinds = models.JSONField(_("carrier kinds admitted"), default=list)
    scoring_scheme = models.JSONField(
        _("scoring scheme"),
        default=dict,
        help_text=_("Maximum points per condition."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    notice_published_on = models.DateField(_("public notice from"), null=True, blank=True)
    notice_ends_on = models.DateField(_("public notice until"), null=True, blank=True)
    named_on = models.DateField(_("named on"), null=True, blank=True)

    class Meta:
        verbose_name = _("naming batch")
        verbose_name_plural = _("naming batches")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="naming_batch_unique"),
            models.CheckConstraint(
                condition=Q(notice_working_days__gte=1), name="naming_batch_notice_days"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick(self.title_zh, self.title_en)

    @property
    def notice_text(self) -> str:
        return pick(self.notice_text_zh, self.notice_text_en)

    @property
    def label(self) -> str:
        """The official label a named Home stores, e.g. 2021年第一批 (see `naming.labels`)."""
        return batch_label_zh(self.year, self.number)

    @property
    def display_label(self) -> str:
        """The label in the current language: 2021年第一批, or 2021, batch 1."""
        return batch_label_display(self.year, self.number)

    @property
    def carrier_kind_labels(self) -> str:
        from returnee_home.orgs.models import OrgKind

        labels = dict(OrgKind.choices)
        return "、".join(str(labels.get(k, k)) for k in self.carrier_kinds)

    @property
    def max_total(self) -> int:
        return sum(int(v) for v in self.scoring_scheme.values())


class Application(BaseModel):
    """A carrier's application in a batch: the basic information form (Attachment 1) and its
    state in the naming workflow. One application per carrier and batch."""

    class State(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("application state", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("application state", "Submitted to the city")
        RETURNED = "returned", pgettext_lazy("application state", "Returned to the carrier")
        CITY_ACCEPTED = (
            "city_accepted",
            pgettext_lazy("application state", "Accepted by the city; site visit"),
        )
        CITY_RECOMMENDED = (
            "city_recommended",
            pgettext_lazy("application state", "Recommended by the city"),
        )
        NOT_RECOMMENDED = (
            "not_recommended",
            pgettext_lazy("application state", "Not recommended by the city"),
        )
        REPORTED = "reported", pgettext_lazy("application state", "Reported to the province")
        RETURNED_TO_CITY = (
            "returned_to_city",
            pgettext_lazy("application state", "Returned to the city"),
        )
        MATERIAL_PASSED = "material_passed", pgettext_lazy("application state", "Materials passed")
        EXPERT_REVIEW = "expert_review", pgettext_lazy("application state", "Expert evaluation")
        EVALUATED = "evaluated", pgettext_lazy("application state", "Evaluated by experts")
        INSPECTED = "inspected", pgettext_lazy("application state", "Site inspected")
        IN_NOTICE = "in_notice", pgettext_lazy("application state", "In public notice")
        REMOVED = "removed", pgettext_lazy("application state", "Removed after an objection")
        REJECTED = "rejected", pgettext_lazy("application state", "Rejected")
        NAMED = "named", pgettext_lazy("application state", "Named")

    batch = models.ForeignKey(
        NamingBatch,
        verbose_name=_("batch"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    carrier = models.ForeignKey(
        Organisation,
        verbose_name=_("carrier"),
        on_delete=models.PROTECT,
        related_name="naming_applications",
    )
    home = models.ForeignKey(
        Home,
        verbose_name=_("Home"),
        on_delete=models.PROTECT,
        related_name="naming_applications",
    )
    state = models.CharField(
        _("state"), max_length=30, choices=State.choices, default=State.DRAFT, db_index=True
    )
    state_changed_at = models.DateTimeField(_("state changed at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Attachment 1: basic information.
    carrier_name = models.CharField(_("carrier name"), max_length=200)
    carrier_kind = models.CharField(_("carrier kind"), max_length=30)
    address = models.CharField(_("address"), max_length=300)
    city = models.ForeignKey(
        City,
        verbose_name=_("city or county"),
        on_delete=models.PROTECT,
        related_name="naming_applications",
    )
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=60, blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    floor_area = models.PositiveIntegerField(_("total floor area (m²)"), null=True, blank=True)
    display_area = models.PositiveIntegerField(_("display area (m²)"), null=True, blank=True)
    exchange_area = models.PositiveIntegerField(_("exchange area (m²)"), null=True, blank=True)
    public_service_area = models.PositiveIntegerField(
        _("public-service area (m²)"), null=True, blank=True
    )
    equipment = models.JSONField(_("equipment (quantity each)"), default=dict, blank=True)
    rules_items = models.TextField(_("service items"), blank=True)
    rules_procedures = models.TextField(_("service procedures"), blank=True)
    rules_management = models.TextField(_("management rules"), blank=True)
    rules_published_where = models.CharField(
        _("where the rules are published"), max_length=300, blank=True
    )
    person_times_declared = models.PositiveIntegerField(
        _("person-times served in the last 12 months (declared)"), null=True, blank=True
    )
    person_times_platform = models.PositiveIntegerField(
        _("person-times served in the last 12 months (platform)"), null=True, blank=True
    )
    person_times_sources = models.CharField(_("sources counted"), max_length=300, blank=True)
    demands_collected = models.PositiveIntegerField(
        _("employers' demands collected this year"), default=0
    )
    matches_made = models.PositiveIntegerField(_("matches made this year"), default=0)
    unmet_explanation = models.TextField(_("explanation of unmet conditions"), blank=True)
    conditions = models.JSONField(_("conditions at last save"), default=dict, blank=True)
    # Outcome of the city's and the province's steps.
    city_recommended = models.BooleanField(_("recommended by the city"), null=True, blank=True)
    mean_score = models.DecimalField(
        _("mean expert score"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    score_spread = models.DecimalField(
        _("spread of expert scores"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    plaque_number = models.CharField(_("plaque number"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("naming application")
        verbose_name_plural = _("naming applications")
        ordering = ["batch", "city__sort_order", "carrier_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "carrier"], name="naming_application_one_per_batch"
            ),
        ]
        indexes = [models.Index(fields=["batch", "state"])]

    def __str__(self) -> str:
        return f"{self.carrier_name} · {self.batch.label}"

    @property
    def is_editable(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.RETURNED)

    @property
    def unmet_conditions(self) -> list[str]:
        return [k for k in CONDITION_KEYS if self.conditions.get(k, {}).get("status") != "met"]


class ApplicationStaff(BaseModel):
    """One person on the application's staff list: from a membership where there is one,
    with the education and English ability the carrier enters."""

    class Education(models.TextChoices):
        BELOW = "below", _("Below junior college")
        JUNIOR_COLLEGE = "junior_college", _("Junior college (dazhuan)")
        BACHELOR = "bachelor", _("Bachelor's degree")
        MASTER = "master", _("Master's degree")
        DOCTORATE = "doctorate", _("Doctorate")

    class English(models.TextChoices):
        NONE = "none", pgettext_lazy("English ability", "None")
        BASIC = "basic", pgettext_lazy("English ability", "Basic")
        WORKING = "working", pgettext_lazy("English ability", "Working")
        FLUENT = "fluent", pgettext_lazy("English ability", "Fluent")

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="staff"
    )
    membership = models.ForeignKey(
        Membership,
        verbose_name=_("membership"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=60)
    post = models.CharField(_("post"), max_length=100, blank=True)
    is_full_time = models.BooleanField(_("full time"), default=True)
    education = models.CharField(
        _("education"), max_length=20, choices=Education.choices, default=Education.BACHELOR
    )
    english = models.CharField(
        _("English ability"), max_length=20, choices=English.choices, default=English.WORKING
    )
    window_number = models.PositiveSmallIntegerField(_("window served"), null=True, blank=True)

    class Meta:
        verbose_name = _("staff member on an application")
        verbose_name_plural = _("staff on applications")
        ordering = ["application", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def has_college_education(self) -> bool:
        return self.education != self.Education.BELOW


class ApplicationWindow(BaseModel):
    """A service window listed on the application, with how many staff are assigned to it."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="windows",
    )
    number = models.PositiveSmallIntegerField(_("window number"))
    name = models.CharField(_("name"), max_length=100)
    staff_count = models.PositiveSmallIntegerField(_("staff assigned"), default=1)

    class Meta:
        verbose_name = _("window on an application")
        verbose_name_plural = _("windows on applications")
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "number"], name="naming_window_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} · {self.name}"


class SiteVisit(BaseModel):
    """A visit to the carrier's premises: the city's (before recommending) or the province's
    inspection (findings per condition)."""

    class Stage(models.TextChoices):
        CITY = "city", _("City site visit")
        PROVINCE = "province", _("Provincial site inspection")

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="site_visits",
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    visited_on = models.DateField(_("date of visit"))
    visitors = models.CharField(_("visitors"), max_length=300)
    findings = models.TextField(_("findings"), blank=True)
    condition_findings = models.JSONField(_("findings per condition"), default=dict, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("site visit")
        verbose_name_plural = _("site visits")
        ordering = ["application", "visited_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} · {self.visited_on}"


class Evidence(BaseModel):
    """A photo or document attached to an application (by the carrier, for a condition) or to a
    site visit. Stored privately; served only to those who may see the application."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    site_visit = models.ForeignKey(
        SiteVisit,
        verbose_name=_("site visit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="photos",
    )
    condition = models.CharField(
        _("condition"), max_length=20, blank=True, choices=list(CONDITIONS)
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"), upload_to="naming/%Y/%m/", storage=private_storage, max_length=200
    )
    content_type = models.CharField(_("content type"), max_length=60)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["application", "condition", "pk"]

    def __str__(self) -> str:
        return self.title


class CitySummary(BaseModel):
    """The city's summary form (Attachment 2): the recommended applications it reports to the
    province for a batch. Frozen once submitted; a later report is a new summary."""

    batch = models.ForeignKey(
        NamingBatch, verbose_name=_("batch"), on_delete=models.PROTECT, related_name="summaries"
    )
    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.PROTECT, related_name="naming_summaries"
    )
    sequence = models.PositiveSmallIntegerField(_("report number"), default=1)
    applications = models.ManyToManyField(
        Application, verbose_name=_("applications"), related_name="summaries"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    contact_name = models.CharField(_("contact person"), max_length=60, blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("city summary form")
        verbose_name_plural = _("city summary forms")
        ordering = ["batch", "city__sort_order", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "city", "sequence"], name="naming_summary_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.city} · {self.batch.label} · {self.sequence}"


class ExpertAssignment(BaseModel):
    """An expert's evaluation of one application: the declaration of no conflict of interest,
    then a score and a comment per condition against the batch's scheme."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("expert"),
        on_delete=models.PROTECT,
        related_name="naming_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    declared_at = models.DateTimeField(_("no conflict declared at"), null=True, blank=True)
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    comments = models.JSONField(_("comments"), default=dict, blank=True)
    total = models.PositiveSmallIntegerField(_("total score"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("scores submitted at"), null=True, blank=True)
    is_outlier = models.BooleanField(_("outlier"), default=False)

    class Meta:
        verbose_name = _("expert assignment")
        verbose_name_plural = _("expert assignments")
        ordering = ["application", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "expert"], name="naming_assignment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.expert} · {self.application}"


class Objection(BaseModel):
    """An objection to an application in public notice. The objector's name and contact are
    private: shown only to province admins, never on a public page or in the API."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("objection", "Under investigation")
        DISMISSED = "dismissed", pgettext_lazy("objection", "Answered: not upheld")
        UPHELD = "upheld", pgettext_lazy("objection", "Answered: upheld")

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="objections",
    )
    name = models.CharField(_("your name"), max_length=60)
    contact = models.CharField(_("telephone or e-mail"), max_length=120)
    text = models.TextField(_("objection"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["application", "created_at"]

    def __str__(self) -> str:
        return f"{self.application} · {self.get_status_display()}"


class ApplicationEvent(BaseModel):
    """One step of the workflow: who moved the application from which state to which, why."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    transition = models.CharField(_("step"), max_length=40)
    from_state = models.CharField(_("from"), max_length=30)
    to_state = models.CharField(_("to"), max_length=30)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        ordering = ["application", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_state} → {self.to_state}"


class PlaqueCounter(BaseModel):
    """The last plaque sequence issued in a year; locked while numbering (race-safe)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    last_number = models.PositiveIntegerField(_("last number issued"), default=0)

    class Meta:
        verbose_name = _("plaque counter")
        verbose_name_plural = _("plaque counters")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class AnnualAssessment(BaseModel):
    """A named Home's assessment for a year against the same conditions."""

    class Outcome(models.TextChoices):
        GOOD = "good", pgettext_lazy("assessment", "Good")
        IMPROVE = "improve", pgettext_lazy("assessment", "Needs improvement")
        SUSPENDED = "suspended", pgettext_lazy("assessment", "Suspended")
        REVOKED = "revoked", pgettext_lazy("assessment", "Revoked")

    home = models.ForeignKey(
        Home, verbose_name=_("Home"), on_delete=models.CASCADE, related_name="assessments"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    person_times = models.PositiveIntegerField(_("person-times served"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("annual assessment")
        verbose_name_plural = _("annual assessments")
        ordering = ["home", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["home", "year"], name="naming_assessment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.home} · {self.year}"
