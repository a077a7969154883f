"""The policy library and the entitlement checker.

A `Policy` carries the metadata printed in the header of a policy document (publish date,
level, issuing department, themes, document number) and its text as received (`PolicySource`,
one per script it arrived in) and normalised to Simplified Chinese (`body_zh`). Staff explain
policies in `Interpretation`s. Province and city admins describe what a policy gives as
`Benefit`s, each with structured `BenefitCondition`s that `entitlements.py` evaluates."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from returnee_home.core.fulltext import SearchIndexBase
from returnee_home.core.i18n import pick
from returnee_home.core.models import BaseModel, BilingualNameMixin, City
from returnee_home.core.storage import private_storage


class Level(models.TextChoices):
    """Policy level as the header line `政策级别` states it."""

    NATIONAL = "national", pgettext_lazy("policy level", "National")
    PROVINCIAL = "provincial", pgettext_lazy("policy level", "Provincial")
    MUNICIPAL = "municipal", pgettext_lazy("policy level", "Municipal")
    DISTRICT = "district", pgettext_lazy("policy level", "District or county")


class Theme(BilingualNameMixin, BaseModel):
    """A policy theme (`政策主题`), e.g. 资质荣誉 (qualifications and honours)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("policy theme")
        verbose_name_plural = _("policy themes")
        ordering = ["sort_order", "code"]


class Department(BilingualNameMixin, BaseModel):
    """An issuing department (`发文部门`), named as in the documents."""

    class Meta:
        verbose_name = _("issuing department")
        verbose_name_plural = _("issuing departments")
        ordering = ["name_zh"]
        constraints = [models.UniqueConstraint(fields=["name_zh"], name="policy_department_once")]


class Policy(BaseModel):
    """One policy document. Unpublished policies are seen only by the admins who manage them.
    Refuses a second policy with the same document number, and a policy superseding itself."""

    class Status(models.TextChoices):
        IN_FORCE = "in_force", pgettext_lazy("policy status", "In force")
        EXPIRED = "expired", pgettext_lazy("policy status", "Expired")
        SUPERSEDED = "superseded", pgettext_lazy("policy status", "Superseded")

    title_zh = models.CharField(pgettext_lazy("policy", "title (Chinese)"), max_length=300)
    title_en = models.CharField(
        pgettext_lazy("policy", "title (English)"), max_length=300, blank=True
    )
    document_number = models.CharField(
        pgettext_lazy("policy", "document number"),
        max_length=100,
        blank=True,
        help_text=_("e.g. 苏人社函〔2020〕212号"),
    )
    level = models.CharField(_("policy level"), max_length=12, choices=Level.choices)
    department = models.ForeignKey(
        Department,
        verbose_name=_("issuing department"),
        on_delete=models.PROTECT,
        related_name="policies",
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("policy themes"), blank=True, related_name="policies"
    )
    published_on = models.DateField(_("publish date"), db_index=True)
    effective_from = models.DateField(_("in force from"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.IN_FORCE
    )
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
    )
    body_zh = models.TextField(
        _("full text (Simplified Chinese)"),
        help_text=_("Derived from the text as received: readings removed, Simplified characters."),
    )
    body_en = models.TextField(
        _("English rendering"), blank=True, help_text=_("For reference; the Chinese text rules.")
    )
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    cities = models.ManyToManyField(
        City,
        verbose_name=_("applicable cities"),
        blank=True,
        related_name="policies",
        help_text=_("Leave empty when the policy applies to the whole province."),
    )
    owner_city = models.ForeignKey(
        City,
        verbose_name=_("managed by the city of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="managed_policies",
        help_text=_("Empty: managed by the province."),
    )
    is_published = models.BooleanField(_("published"), default=False, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        ordering = ["-published_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["document_number"],
                condition=~Q(document_number=""),
                name="policy_document_number_once",
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(effective_from__isnull=True)
                | Q(expires_on__gte=models.F("effective_from")),
                name="policy_expires_after_effective",
            ),
        ]
        indexes = [models.Index(fields=["is_published", "level", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick(self.title_zh, self.title_en)

    @property
    def body(self) -> str:
        """The text in the reader's language when there is an English rendering."""
        return pick(self.body_zh, self.body_en)


class PolicySource(BaseModel):
    """A policy's text exactly as received, one row per file imported into it."""

    class Script(models.TextChoices):
        SIMPLIFIED = "simplified", _("Simplified Chinese")
        TRADITIONAL = "traditional", _("Traditional Chinese")
        READINGS = "readings", _("Traditional Chinese with pinyin readings")
        ENGLISH = "english", _("English rendering")

    policy = models.ForeignKey(
        Policy, verbose_name=_("policy"), on_delete=models.CASCADE, related_name="sources"
    )
    script = models.CharField(_("script"), max_length=12, choices=Script.choices)
    file_name = models.CharField(_("file name"), max_length=255)
    text = models.TextField(_("text as received"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("policy source text")
        verbose_name_plural = _("policy source texts")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "sha256"], name="policy_source_once")
        ]

    def __str__(self) -> str:
        return self.file_name


def attachment_path(instance: "PolicyAttachment", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"policies/{instance.policy_id}/attachment-{instance.sha256[:16]}.{extension}"


class PolicyAttachment(BaseModel):
    """A file published with a policy (forms, tables). Stored privately and served by a view
    that checks the policy is published or the reader manages it."""

    policy = models.ForeignKey(
        Policy, verbose_name=_("policy"), on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_path, storage=private_storage)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("policy attachment")
        verbose_name_plural = _("policy attachments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title


class Interpretation(BaseModel):
    """A plain-language explanation of a policy written by staff, in both languages."""

    policy = models.ForeignKey(
        Policy, verbose_name=_("policy"), on_delete=models.CASCADE, related_name="interpretations"
    )
    title_zh = models.CharField(pgettext_lazy("policy", "title (Chinese)"), max_length=300)
    title_en = models.CharField(
        pgettext_lazy("policy", "title (English)"), max_length=300, blank=True
    )
    body_zh = models.TextField(_("text (Chinese)"))
    body_en = models.TextField(_("text (English)"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("interpretation")
        verbose_name_plural = _("interpretations")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick(self.title_zh, self.title_en)

    @property
    def body(self) -> str:
        return pick(self.body_zh, self.body_en)


class PolicySearchEntry(SearchIndexBase):
    """The search index: one entry per policy and one per interpretation (core.fulltext)."""

    policy = models.ForeignKey(
        Policy, verbose_name=_("policy"), on_delete=models.CASCADE, related_name="search_entries"
    )
    interpretation = models.OneToOneField(
        Interpretation,
        verbose_name=_("interpretation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="search_entry",
    )
    # The policy is published (and so is the interpretation): kept here so that public
    # searches need no join to decide what may be shown.
    is_public = models.BooleanField(_("shown to the public"), default=False)

    class Meta:
        verbose_name = _("policy search entry")
        verbose_name_plural = _("policy search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["policy"],
                condition=Q(interpretation__isnull=True),
                name="policy_search_entry_once",
            )
        ]


class Benefit(BaseModel):
    """Something a policy gives to those who meet all of its conditions: a subsidy, a title,
    a service. Only published benefits are shown and evaluated for talents."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("benefit status", "Draft")
        PUBLISHED = "published", pgettext_lazy("benefit status", "Published")
        WITHDRAWN = "withdrawn", pgettext_lazy("benefit status", "Withdrawn")

    class AmountPeriod(models.TextChoices):
        ONCE = "once", _("once")
        MONTHLY = "monthly", _("per month")
        YEARLY = "yearly", _("per year")

    policy = models.ForeignKey(
        Policy, verbose_name=_("policy"), on_delete=models.CASCADE, related_name="benefits"
    )
    title_zh = models.CharField(pgettext_lazy("policy", "title (Chinese)"), max_length=200)
    title_en = models.CharField(
        pgettext_lazy("policy", "title (English)"), max_length=200, blank=True
    )
    what_you_get_zh = models.TextField(_("what you get (Chinese)"))
    what_you_get_en = models.TextField(_("what you get (English)"), blank=True)
    amount_yuan = models.PositiveIntegerField(_("amount (yuan)"), null=True, blank=True)
    amount_period = models.CharField(
        _("paid"), max_length=10, choices=AmountPeriod.choices, default=AmountPeriod.ONCE
    )
    how_to_apply_zh = models.TextField(_("how to apply (Chinese)"), blank=True)
    how_to_apply_en = models.TextField(_("how to apply (English)"), blank=True)
    service_item = models.ForeignKey(
        "services.ServiceItem",
        verbose_name=_("service to apply through"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="benefits",
    )
    apply_from = models.DateField(_("applications open"), null=True, blank=True)
    apply_until = models.DateField(_("application deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    owner_city = models.ForeignKey(
        City,
        verbose_name=_("managed by the city of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="managed_benefits",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("benefit")
        verbose_name_plural = _("benefits")
        ordering = ["policy_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(apply_until__isnull=True)
                | Q(apply_from__isnull=True)
                | Q(apply_until__gte=models.F("apply_from")),
                name="benefit_deadline_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick(self.title_zh, self.title_en)

    @property
    def what_you_get(self) -> str:
        return pick(self.what_you_get_zh, self.what_you_get_en)

    @property
    def how_to_apply(self) -> str:
        return pick(self.how_to_apply_zh, self.how_to_apply_en)


class ConditionKind(models.TextChoices):
    """What a benefit condition tests. `entitlements.py` has one evaluator per kind."""

    DEGREE_MIN = "degree_min", _("Degree at least")
    AGE_MAX = "age_max", _("Age at most")
    YEARS_SINCE_RETURN_MAX = "return_within", _("Returned within (years)")
    STUDY_COUNTRY = "study_country", _("Studied in one of these countries or regions")
    DISCIPLINE = "discipline", _("Studied one of these disciplines")
    EMPLOYED_IN_CITY = "employed_in", _("Employed in one of these cities")
    RESIDENT_IN_CITY = "lives_in", _("Lives in one of these cities")
    STARTUP_FOUNDER = "founder", _("Founded a start-up")
    PROGRAMME_TITLE = "programme", _("Holds one of these talent-programme titles")
    RETURNEE_STATUS = "returnee_status", _("Returnee status is one of")


class BenefitCondition(BaseModel):
    """One rule of who qualifies. `number` serves the numeric kinds, `codes` the list kinds
    (country, discipline, city codes; returnee statuses; programme title keywords),
    `degree_level` the degree kind; `overseas_only` limits education to degrees abroad."""

    benefit = models.ForeignKey(
        Benefit, verbose_name=_("benefit"), on_delete=models.CASCADE, related_name="conditions"
    )
    kind = models.CharField(_("condition"), max_length=20, choices=ConditionKind.choices)
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    degree_level = models.ForeignKey(
        "core.DegreeLevel",
        verbose_name=_("degree level"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    codes = models.JSONField(_("values"), default=list, blank=True)
    overseas_only = models.BooleanField(_("degrees obtained abroad only"), default=True)

    class Meta:
        verbose_name = _("benefit condition")
        verbose_name_plural = _("benefit conditions")
        ordering = ["benefit_id", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}"


class BenefitNotice(BaseModel):
    """That a talent was told they may qualify for a benefit, so they are told only once."""

    benefit = models.ForeignKey(
        Benefit, verbose_name=_("benefit"), on_delete=models.CASCADE, related_name="notices"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="benefit_notices",
    )

    class Meta:
        verbose_name = _("benefit notice")
        verbose_name_plural = _("benefit notices")
        constraints = [
            models.UniqueConstraint(fields=["benefit", "user"], name="benefit_notice_once")
        ]
