"""Consultations (咨询): a question to a Home or to the province, its answer and hand-overs."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from returnee_home.core.models import BaseModel

ANSWER_WITHIN_WORKING_DAYS = 3


class Consultation(BaseModel):
    """A question asked by a signed-in person or by a visitor with an e-mail address.

    States: unconfirmed (a visitor has not yet opened the link sent to their address) → open
    (with staff, due by `due_on`) → answered. A hand-over keeps it open at another Home or the
    province. `home` empty means the question is for the province.

    Refuses (at the database) a question with neither an asker nor an e-mail address."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", pgettext_lazy("consultation status", "E-mail not confirmed")
        OPEN = "open", pgettext_lazy("consultation status", "Awaiting answer")
        ANSWERED = "answered", pgettext_lazy("consultation status", "Answered")

    class Language(models.TextChoices):
        ZH = "zh-hans", "中文"
        EN = "en", "English"

    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    name = models.CharField(_("your name"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    home = models.ForeignKey(
        "orgs.Home",
        verbose_name=pgettext_lazy("consultation", "asked to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    category = models.ForeignKey(
        "core.ServiceCategory",
        verbose_name=_("service category"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    item = models.ForeignKey(
        "services.ServiceItem",
        verbose_name=_("service item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    language = models.CharField(
        _("language of the question"), max_length=10, choices=Language.choices
    )
    subject = models.CharField(_("subject"), max_length=200)
    question = models.TextField(_("question"), max_length=5000)
    consent_to_publish = models.BooleanField(
        _("may be published"),
        default=False,
        help_text=_("The question and answer may be published, without your name, as an FAQ."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.UNCONFIRMED
    )
    token_hash = models.CharField(_("private link"), max_length=64, unique=True)
    submitted_at = models.DateTimeField(_("sent to staff at"), null=True, blank=True)
    due_on = models.DateField(_("answer due by"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True, max_length=10000)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_faq_id = models.BigIntegerField(_("published FAQ entry"), null=True, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(asker__isnull=False) | ~Q(email=""), name="consultation_has_contact"
            ),
        ]
        indexes = [
            models.Index(fields=["home", "status", "due_on"], name="consultation_queue"),
            models.Index(fields=["status", "due_on"], name="consultation_status_due"),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_for_province(self) -> bool:
        return self.home_id is None

    def is_overdue(self, today) -> bool:  # type: ignore[no-untyped-def]
        return self.status == self.Status.OPEN and self.due_on is not None and self.due_on < today


class Handover(BaseModel):
    """One hand-over of a consultation from a Home (or the province) to another, with a note."""

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="handovers",
    )
    from_home = models.ForeignKey(
        "orgs.Home",
        verbose_name=pgettext_lazy("handover", "from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_home = models.ForeignKey(
        "orgs.Home",
        verbose_name=pgettext_lazy("handover", "to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("note for the receiver"), max_length=2000)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handed over by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("hand-over")
        verbose_name_plural = _("hand-overs")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.consultation_id}: {self.from_home_id} → {self.to_home_id}"
