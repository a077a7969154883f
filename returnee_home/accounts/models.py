"""People: the user account (e-mail or mainland mobile), consent to personal-data processing,
identity documents for real-name verification."""

from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from returnee_home.core.fields import EncryptedTextField
from returnee_home.core.models import BaseModel
from returnee_home.core.storage import private_storage


class UserManager(BaseUserManager["User"]):
    def create_user(
        self, email: str | None = None, password: str | None = None, **extra: Any
    ) -> "User":
        email = self.normalize_email(email) if email else None
        user = self.model(email=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str, **extra: Any) -> "User":
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Signs in with an e-mail address or a mainland mobile number (at least one).

    Roles beyond talent are memberships in organisations (see orgs.Membership).
    """

    email = models.EmailField(_("e-mail address"), unique=True, null=True, blank=True)
    phone = models.CharField(
        _("mobile number"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Mainland China mobile number, 11 digits starting with 1."),
    )
    phone_verified = models.BooleanField(_("mobile number verified"), default=False)
    full_name = models.CharField(_("full name"), max_length=100, blank=True)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="zh-hans"
    )
    is_real_name_verified = models.BooleanField(_("real-name verified"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("site administrator"),
        default=False,
        help_text=_("Can use Django's admin. Only for technical superusers."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    deletion_requested_at = models.DateTimeField(_("deletion requested at"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=Q(email__isnull=False) | Q(phone__isnull=False),
                name="user_has_email_or_phone",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.email or self.masked_phone or f"#{self.pk}"

    @property
    def masked_phone(self) -> str:
        if not self.phone:
            return ""
        return f"{self.phone[:3]}****{self.phone[-4:]}"


class ConsentRecord(BaseModel):
    """A person's agreement to a version of the personal-data notice, with time and address."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="consents"
    )
    version = models.CharField(_("notice version"), max_length=20)
    purpose = models.CharField(_("purpose"), max_length=100, default="platform")
    accepted = models.BooleanField(_("accepted"), default=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.version} {self.created_at:%Y-%m-%d}"


def identity_scan_path(instance: "IdentityDocument", filename: str) -> str:
    """Scans live under a random name: the person's file name may contain their number."""
    import uuid
    from pathlib import PurePath

    suffix = PurePath(filename).suffix.lower()[:5]
    return f"identity/{instance.user_id}/{uuid.uuid4().hex}{suffix}"


class IdentityDocument(BaseModel):
    """A resident ID card or passport a person submits to a Home for real-name verification.

    The number is stored encrypted (`number`), with a keyed hash (`number_index`) for finding
    duplicates and a masked form for display. Status moves pending → verified or pending →
    rejected, only through `accounts.actions`; a rejected person submits a new document."""

    class Kind(models.TextChoices):
        RESIDENT_ID = "resident_id", _("Resident ID card (mainland citizens)")
        PASSPORT = "passport", _("Passport")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(
        User,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="identity_documents",
    )
    kind = models.CharField(_("document type"), max_length=20, choices=Kind.choices)
    full_name = models.CharField(_("full name as on the document"), max_length=100)
    nationality = models.ForeignKey(
        "core.Country",
        verbose_name=_("nationality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    number = EncryptedTextField(_("document number"))
    number_index = models.CharField(_("number fingerprint"), max_length=64, db_index=True)
    number_masked = models.CharField(_("document number (masked)"), max_length=40)
    scan = models.FileField(
        _("scan of the document"),
        storage=private_storage,
        upload_to=identity_scan_path,
        max_length=200,
        blank=True,
    )
    scan_content_type = models.CharField(_("scan file type"), max_length=40, blank=True)
    home = models.ForeignKey(
        "orgs.Home",
        verbose_name=_("Home reviewing it"),
        on_delete=models.PROTECT,
        related_name="identity_documents",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    reviewer = models.ForeignKey(
        User,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)

    class Meta:
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["home", "status", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status="pending"),
                name="identity_one_pending_per_user",
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(reviewed_at__isnull=False),
                name="identity_reviewed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number_masked}"

    @property
    def masked_number(self) -> str:
        return self.number_masked
