"""The service catalogue ("tell once", 一次告知), what each Home offers, and online requests (办件)."""

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from returnee_home.core.i18n import pick
from returnee_home.core.models import BaseModel, ServiceCategory
from returnee_home.core.storage import private_storage


class ServiceMode(models.TextChoices):
    ONLINE = "online", pgettext_lazy("service mode", "Online")
    OFFLINE = "offline", pgettext_lazy("service mode", "At a Home")
    BOTH = "both", pgettext_lazy("service mode", "Online or at a Home")


class ServiceItem(BaseModel):
    """One service of the catalogue, with everything a person needs to know before coming
    ("tell once"). Province admins maintain it; a retired item (is_active False) is no longer
    listed or requestable, but its past requests keep pointing at it."""

    category = models.ForeignKey(
        ServiceCategory,
        verbose_name=_("service category"),
        on_delete=models.PROTECT,
        related_name="service_items",
    )
    code = models.CharField(_("item code"), max_length=20, unique=True, help_text=_("e.g. EMP-001"))
    slug = models.SlugField(_("address name"), max_length=80, unique=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_zh = models.TextField(_("what it is (Chinese)"), blank=True)
    summary_en = models.TextField(_("what it is (English)"), blank=True)
    eligibility_zh = models.TextField(_("who is eligible (Chinese)"), blank=True)
    eligibility_en = models.TextField(_("who is eligible (English)"), blank=True)
    basis_zh = models.TextField(_("legal or policy basis (Chinese)"), blank=True)
    basis_en = models.TextField(_("legal or policy basis (English)"), blank=True)
    time_limit_days = models.PositiveSmallIntegerField(
        _("promised time limit (working days)"), default=5
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    fee_zh = models.CharField(_("fee (Chinese)"), max_length=200, blank=True)
    fee_en = models.CharField(_("fee (English)"), max_length=200, blank=True)
    mode = models.CharField(
        _("how to apply"), max_length=10, choices=ServiceMode.choices, default=ServiceMode.BOTH
    )
    where_zh = models.TextField(_("where to go (Chinese)"), blank=True)
    where_en = models.TextField(_("where to go (English)"), blank=True)
    contact_zh = models.CharField(_("contact (Chinese)"), max_length=200, blank=True)
    contact_en = models.CharField(_("contact (English)"), max_length=200, blank=True)
    is_active = models.BooleanField(_("in the catalogue"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    # Segmented words of both languages' texts (jieba for Chinese), space separated, so that
    # a search for 人才公寓 finds 申请人才公寓补贴 with one indexed column on every database.
    search_text = models.TextField(_("search words"), blank=True, editable=False)

    class Meta:
        verbose_name = _("service item")
        verbose_name_plural = _("service items")
        ordering = ["category__sort_order", "sort_order", "code"]
        indexes = [models.Index(fields=["is_active", "category"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(time_limit_days__gte=1), name="serviceitem_time_limit_positive"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick(self.title_zh, self.title_en)

    @property
    def summary(self) -> str:
        return pick(self.summary_zh, self.summary_en)

    @property
    def eligibility(self) -> str:
        return pick(self.eligibility_zh, self.eligibility_en)

    @property
    def basis(self) -> str:
        return pick(self.basis_zh, self.basis_en)

    @property
    def fee(self) -> str:
        return pick(self.fee_zh, self.fee_en)

    @property
    def where(self) -> str:
        return pick(self.where_zh, self.where_en)

    @property
    def contact(self) -> str:
        return pick(self.contact_zh, self.contact_en)

    @property
    def is_online(self) -> bool:
        return self.mode in (ServiceMode.ONLINE, ServiceMode.BOTH)


class ServiceMaterial(BaseModel):
    """A document a person must (or may) bring or upload for an item."""

    item = models.ForeignKey(
        ServiceItem,
        verbose_name=_("service item"),
        on_delete=models.CASCADE,
        related_name="materials",
    )
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    note_zh = models.CharField(_("note (Chinese)"), max_length=300, blank=True)
    note_en = models.CharField(_("note (English)"), max_length=300, blank=True)
    is_required = models.BooleanField(_("required"), default=True)
    original_required = models.BooleanField(_("original required"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("required material")
        verbose_name_plural = _("required materials")
        ordering = ["item", "sort_order", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self.name_zh, self.name_en)

    @property
    def note(self) -> str:
        return pick(self.note_zh, self.note_en)


class ServiceFaq(BaseModel):
    """A frequently asked question about an item, written by staff or published from a
    consultation (source says which)."""

    class Source(models.TextChoices):
        EDITORIAL = "editorial", _("Written by the editors")
        CONSULTATION = "consultation", _("From a consultation")

    item = models.ForeignKey(
        ServiceItem,
        verbose_name=_("service item"),
        on_delete=models.CASCADE,
        related_name="faqs",
    )
    question_zh = models.TextField(_("question (Chinese)"), blank=True)
    question_en = models.TextField(_("question (English)"), blank=True)
    answer_zh = models.TextField(_("answer (Chinese)"), blank=True)
    answer_en = models.TextField(_("answer (English)"), blank=True)
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, default=Source.EDITORIAL
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")
        ordering = ["item", "sort_order", "id"]

    def __str__(self) -> str:
        return self.question

    @property
    def question(self) -> str:
        return pick(self.question_zh, self.question_en)

    @property
    def answer(self) -> str:
        return pick(self.answer_zh, self.answer_en)


class HomeOffering(BaseModel):
    """A catalogue item offered by one Home, at some of its windows, with local hours/note."""

    home = models.ForeignKey(
        "orgs.Home", verbose_name=_("Home"), on_delete=models.CASCADE, related_name="offerings"
    )
    item = models.ForeignKey(
        ServiceItem,
        verbose_name=_("service item"),
        on_delete=models.CASCADE,
        related_name="offerings",
    )
    windows = models.ManyToManyField(
        "orgs.Window", verbose_name=_("windows"), blank=True, related_name="offerings"
    )
    hours_zh = models.CharField(_("local hours (Chinese)"), max_length=200, blank=True)
    hours_en = models.CharField(_("local hours (English)"), max_length=200, blank=True)
    note_zh = models.TextField(_("local note (Chinese)"), blank=True)
    note_en = models.TextField(_("local note (English)"), blank=True)
    is_active = models.BooleanField(_("offered"), default=True)

    class Meta:
        verbose_name = _("Home offering")
        verbose_name_plural = _("Home offerings")
        ordering = ["home", "item"]
        constraints = [
            models.UniqueConstraint(fields=["home", "item"], name="homeoffering_unique_item")
        ]
        indexes = [models.Index(fields=["item", "is_active"])]

    def __str__(self) -> str:
        return f"{self.home} · {self.item}"

    @property
    def hours(self) -> str:
        return pick(self.hours_zh, self.hours_en)

    @property
    def note(self) -> str:
        return pick(self.note_zh, self.note_en)


class RequestState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("request state", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("request state", "Submitted")
    ACCEPTED = "accepted", pgettext_lazy("request state", "Accepted")
    NEEDS_MORE = "needs_more", pgettext_lazy("request state", "More material needed")
    RESUBMITTED = "resubmitted", pgettext_lazy("request state", "Supplemented")
    COMPLETED = "completed", pgettext_lazy("request state", "Completed")
    REFUSED = "refused", pgettext_lazy("request state", "Refused")
    WITHDRAWN = "withdrawn", pgettext_lazy("request state", "Withdrawn")


OPEN_STATES = (
    RequestState.SUBMITTED,
    RequestState.ACCEPTED,
    RequestState.NEEDS_MORE,
    RequestState.RESUBMITTED,
)
CLOSED_STATES = (RequestState.COMPLETED, RequestState.REFUSED, RequestState.WITHDRAWN)


def request_file_path(instance: Any, filename: str) -> str:
    """Random names: the case number or person's name never appears in a storage path."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"requests/{uuid.uuid4().hex}.{extension}"


class ServiceRequest(BaseModel):
    """A talent's online request for an item at a Home. State changes only through
    services.workflow; the case number is given on first submission."""

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="service_requests",
    )
    item = models.ForeignKey(
        ServiceItem,
        verbose_name=_("service item"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    home = models.ForeignKey(
        "orgs.Home",
        verbose_name=_("Home"),
        on_delete=models.PROTECT,
        related_name="service_requests",
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=RequestState.choices,
        default=RequestState.DRAFT,
        db_index=True,
    )
    case_number = models.CharField(
        _("case number"), max_length=40, unique=True, null=True, blank=True
    )
    description = models.TextField(_("description of the request"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    result_note = models.TextField(_("result"), blank=True)
    result_document = models.FileField(
        _("result document"), upload_to=request_file_path, storage=private_storage, blank=True
    )
    # Set by the form that created the draft, so a second POST of the same form (double
    # click, back button) finds the first request instead of creating another.
    idempotency_key = models.UUIDField(_("form token"), null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["home", "state", "due_on"]),
            models.Index(fields=["applicant", "-created_at"]),
            # Requests submitted or closed at each Home in a period (dashboards).
            models.Index(fields=["home", "submitted_at"], name="services_request_home_sub"),
            models.Index(fields=["home", "closed_at"], name="services_request_home_closed"),
        ]

    def __str__(self) -> str:
        return self.case_number or str(_("draft request"))

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class RequestMaterial(BaseModel):
    """One uploaded document for a request: for a listed material, or an extra one."""

    request = models.ForeignKey(
        ServiceRequest,
        verbose_name=_("service request"),
        on_delete=models.CASCADE,
        related_name="uploads",
    )
    material = models.ForeignKey(
        ServiceMaterial,
        verbose_name=_("required material"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to=request_file_path, storage=private_storage)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("uploaded material")
        verbose_name_plural = _("uploaded materials")
        ordering = ["request", "material__sort_order", "id"]

    def __str__(self) -> str:
        return self.original_name


class RequestEvent(BaseModel):
    """One step of a request's timeline: who moved it from which state to which, and why."""

    request = models.ForeignKey(
        ServiceRequest,
        verbose_name=_("service request"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("step"), max_length=20)
    from_state = models.CharField(_("from"), max_length=20, choices=RequestState.choices)
    to_state = models.CharField(_("to"), max_length=20, choices=RequestState.choices)
    message = models.TextField(_("message"), blank=True)
    from_home = models.ForeignKey(
        "orgs.Home",
        verbose_name=_("transferred from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("request step")
        verbose_name_plural = _("request steps")
        ordering = ["request", "created_at", "id"]


class CaseCounter(models.Model):
    """The last case sequence number given by one Home on one day; locked while a number is
    taken so two submissions never get the same number."""

    home = models.ForeignKey("orgs.Home", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("case counter")
        verbose_name_plural = _("case counters")
        constraints = [
            models.UniqueConstraint(fields=["home", "day"], name="casecounter_unique_day")
        ]

    def __str__(self) -> str:
        return f"{self.home_id} {self.day} {self.last}"
