"""The service alliance (seed §5(3)): organisations' memberships of a city's or the province's
alliance, the offerings they list and the Homes' referrals of service requests to them; and the
cities' suggestions for the online platform (Attachment 3 of the notice)."""

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from returnee_home.core.i18n import pick
from returnee_home.core.models import BaseModel, City
from returnee_home.core.storage import private_storage
from returnee_home.orgs.models import Home, Organisation


class MemberType(models.TextChoices):
    """The four kinds of organisation the seed names as alliance members."""

    GOVERNMENT = "government", _("Government department")
    ENTERPRISE = "enterprise", _("Enterprise or public institution")
    MASS_ORGANISATION = "mass_organisation", _("Mass organisation")
    TALENT_SERVICE = "talent_service", _("Talent-service organisation")


class AllianceMembership(BaseModel):
    """An organisation's application to, and membership of, one alliance: a city's (scope_city
    set to a prefecture) or the province's (scope_city empty).

    Refuses (at the database) a second open application or membership of the same organisation
    in the same alliance; the allowed status changes are in `actions.MEMBERSHIP_TRANSITIONS`."""

    class Status(models.TextChoices):
        APPLIED = "applied", pgettext_lazy("alliance membership", "Applied")
        APPROVED = "approved", pgettext_lazy("alliance membership", "Approved")
        REJECTED = "rejected", pgettext_lazy("alliance membership", "Rejected")
        SUSPENDED = "suspended", pgettext_lazy("alliance membership", "Suspended")
        WITHDRAWN = "withdrawn", pgettext_lazy("alliance membership", "Withdrawn")

    OPEN_STATUSES = ("applied", "approved", "suspended")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="alliance_memberships",
    )
    member_type = models.CharField(_("member type"), max_length=30, choices=MemberType.choices)
    scope_city = models.ForeignKey(
        City,
        verbose_name=_("alliance of the city"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="alliance_memberships",
        help_text=_("Empty for the provincial alliance."),
    )
    offer_zh = models.TextField(_("what the organisation offers (Chinese)"), blank=True)
    offer_en = models.TextField(_("what the organisation offers (English)"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=100)
    contact_phone = models.CharField(_("contact telephone"), max_length=40)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="alliance_applications",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.APPLIED, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("alliance membership")
        verbose_name_plural = _("alliance memberships")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "scope_city"],
                condition=Q(status__in=["applied", "approved", "suspended"])
                & Q(scope_city__isnull=False),
                name="alliance_one_open_city_membership",
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(status__in=["applied", "approved", "suspended"])
                & Q(scope_city__isnull=True),
                name="alliance_one_open_province_membership",
            ),
        ]
        indexes = [models.Index(fields=["status", "scope_city"])]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.scope_label}"

    @property
    def scope_label(self) -> str:
        if self.scope_city_id is None:
            return str(_("Provincial alliance"))
        return str(_("%(city)s alliance") % {"city": self.scope_city.name})

    @property
    def offer(self) -> str:
        return pick(self.offer_zh, self.offer_en)

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class Offering(BaseModel):
    """A service, resource or policy an alliance member offers to returnees, shown on the public
    alliance page and on the pages of the Homes it serves while its member is approved and it is
    within its valid dates. With no city and no Home chosen it serves the member's whole
    alliance (its city, or the province)."""

    class Kind(models.TextChoices):
        SERVICE = "service", pgettext_lazy("alliance offering", "Service")
        RESOURCE = "resource", pgettext_lazy("alliance offering", "Resource")
        POLICY = "policy", pgettext_lazy("alliance offering", "Policy")

    member = models.ForeignKey(
        AllianceMembership,
        verbose_name=_("alliance member"),
        on_delete=models.CASCADE,
        related_name="offerings",
    )
    kind = models.CharField(_("kind of offering"), max_length=20, choices=Kind.choices)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    cities = models.ManyToManyField(
        City, verbose_name=_("cities served"), blank=True, related_name="alliance_offerings"
    )
    homes = models.ManyToManyField(
        Home, verbose_name=_("Homes served"), blank=True, related_name="alliance_offerings"
    )
    contact_method = models.CharField(
        _("how to use it"),
        max_length=300,
        help_text=_("A telephone number, an address or a web page where returnees ask for it."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("alliance offering")
        verbose_name_plural = _("alliance offerings")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="offering_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick(self.title_zh, self.title_en)

    @property
    def description(self) -> str:
        return pick(self.description_zh, self.description_en)


class Suggestion(BaseModel):
    """A city's suggestion or individual need for the online platform (Attachment 3), and the
    province's answer. The allowed status changes are in `actions.SUGGESTION_TRANSITIONS`."""

    class Kind(models.TextChoices):
        SUGGESTION = "suggestion", _("Suggestion")
        NEED = "need", _("Individual need")

    class Category(models.TextChoices):
        FUNCTION = "function", pgettext_lazy("suggestion category", "Functions")
        CONTENT = "content", pgettext_lazy("suggestion category", "Content")
        USABILITY = "usability", pgettext_lazy("suggestion category", "Ease of use")
        DATA_SHARING = "data_sharing", pgettext_lazy("suggestion category", "Data sharing")
        OTHER = "other", pgettext_lazy("suggestion category", "Other")

    class Priority(models.TextChoices):
        HIGH = "high", pgettext_lazy("suggestion priority", "High")
        MEDIUM = "medium", pgettext_lazy("suggestion priority", "Medium")
        LOW = "low", pgettext_lazy("suggestion priority", "Low")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("suggestion", "Awaiting reply")
        ACCEPTED = "accepted", pgettext_lazy("suggestion", "Accepted")
        PLANNED = "planned", pgettext_lazy("suggestion", "Planned")
        DECLINED = "declined", pgettext_lazy("suggestion", "Declined")
        DONE = "done", pgettext_lazy("suggestion", "Done")

    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.PROTECT, related_name="suggestions"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(
        _("suggestion or need"), max_length=20, choices=Kind.choices, default=Kind.SUGGESTION
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    title = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("details"))
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    contact_name = models.CharField(_("contact person"), max_length=100)
    contact_phone = models.CharField(_("contact telephone"), max_length=40)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.SUBMITTED,
        db_index=True,
    )
    reply = models.TextField(_("reply of the province"), blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)

    class Meta:
        verbose_name = _("platform suggestion")
        verbose_name_plural = _("platform suggestions")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["city", "status"])]

    def __str__(self) -> str:
        return self.title


def referral_file_path(instance: Any, filename: str) -> str:
    """Random names: neither the case number nor a person's name appears in a storage path."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"referrals/{uuid.uuid4().hex}.{extension}"


class Referral(BaseModel):
    """A Home's referral of one service request to an alliance member (seed §5(3)), with a
    deadline and a note; the member's answer and its report back.

    Refuses (at the database) a second open referral of the same request; the allowed state
    changes, and who makes each, are in `alliance.workflow`."""

    class State(models.TextChoices):
        SENT = "sent", pgettext_lazy("referral", "Awaiting the partner")
        ACCEPTED = "accepted", pgettext_lazy("referral", "Accepted by the partner")
        DECLINED = "declined", pgettext_lazy("referral", "Declined by the partner")
        DONE = "done", pgettext_lazy("referral", "Service provided")
        UNABLE = "unable", pgettext_lazy("referral", "Could not be provided")
        CANCELLED = "cancelled", pgettext_lazy("referral", "Cancelled by the Home")

    OPEN_STATES = ("sent", "accepted")

    request = models.ForeignKey(
        "services.ServiceRequest",
        verbose_name=_("service request"),
        on_delete=models.CASCADE,
        related_name="referrals",
    )
    home = models.ForeignKey(
        Home,
        verbose_name=pgettext_lazy("referral", "referring Home"),
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    member = models.ForeignKey(
        AllianceMembership,
        verbose_name=_("alliance member"),
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    offering = models.ForeignKey(
        Offering,
        verbose_name=_("offering asked for"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
    )
    deadline = models.DateField(_("reply and serve by"))
    note = models.TextField(_("note to the partner"))
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.SENT, db_index=True
    )
    state_changed_at = models.DateTimeField(_("state changed at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer = models.TextField(_("partner's answer"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    result_note = models.TextField(_("result reported"), blank=True)
    result_document = models.FileField(
        _("result document"), upload_to=referral_file_path, storage=private_storage, blank=True
    )
    result_document_name = models.CharField(_("file name"), max_length=200, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    service_record = models.ForeignKey(
        "records.ServiceRecord",
        verbose_name=_("service record"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("referral to an alliance member")
        verbose_name_plural = _("referrals to alliance members")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(state__in=["sent", "accepted"]),
                name="referral_one_open_per_request",
            )
        ]
        indexes = [
            models.Index(fields=["member", "state", "deadline"]),
            models.Index(fields=["home", "state", "deadline"]),
        ]

    def __str__(self) -> str:
        return f"{self.request} → {self.member.organisation}"

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    def is_overdue(self, today: dt.date) -> bool:
        return self.is_open and self.deadline < today
