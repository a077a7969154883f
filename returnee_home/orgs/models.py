"""Organisations, people's roles in them (memberships), and the Homes with their windows."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from returnee_home.core.i18n import pick
from returnee_home.core.models import BaseModel, City, IndustryCluster, ServiceCategory
from returnee_home.core.storage import private_storage


class OrgKind(models.TextChoices):
    PROVINCE = "province", _("Provincial department")
    CITY_BUREAU = "city_bureau", _("City HR bureau")
    SERVICE_WINDOW = "service_window", _("Service window")
    STARTUP_PARK = "startup_park", _("Provincial start-up park")
    EMPLOYER = "employer", _("Employer")
    RECOMMENDER = "recommender", _("Recommending institution")
    ALLIANCE_PARTNER = "alliance_partner", _("Alliance partner")


CARRIER_KINDS = (OrgKind.SERVICE_WINDOW, OrgKind.STARTUP_PARK)


class Role(models.TextChoices):
    """A membership's role. Which roles fit which organisation kind is in `ROLES_BY_KIND`."""

    PROVINCE_ADMIN = "province_admin", _("Province admin")
    EXPERT = "expert", _("Expert")
    CITY_ADMIN = "city_admin", _("City admin")
    HOME_MANAGER = "manager", _("Home manager")
    HOME_STAFF = "staff", _("Home staff")
    EMPLOYER_CONTACT = "employer", _("Employer contact")
    RECOMMENDER = "recommender", _("Recommender")
    PARTNER = "partner", _("Alliance partner contact")


ROLES_BY_KIND: dict[str, tuple[str, ...]] = {
    OrgKind.PROVINCE: (Role.PROVINCE_ADMIN, Role.EXPERT),
    OrgKind.CITY_BUREAU: (Role.CITY_ADMIN,),
    OrgKind.SERVICE_WINDOW: (Role.HOME_MANAGER, Role.HOME_STAFF),
    OrgKind.STARTUP_PARK: (Role.HOME_MANAGER, Role.HOME_STAFF),
    OrgKind.EMPLOYER: (Role.EMPLOYER_CONTACT,),
    OrgKind.RECOMMENDER: (Role.RECOMMENDER,),
    OrgKind.ALLIANCE_PARTNER: (Role.PARTNER,),
}

# Roles that see other people's private data: they must use two-factor authentication.
TWO_FACTOR_ROLES = frozenset(
    {Role.PROVINCE_ADMIN, Role.EXPERT, Role.CITY_ADMIN, Role.HOME_MANAGER, Role.HOME_STAFF}
)


class VerificationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


class Organisation(BaseModel):
    """Any organisation the platform knows: the province, a city bureau, a Home's carrier,
    an employer, a recommending institution or an alliance partner.

    Refuses (at the database) an organisation other than the province without a city."""

    kind = models.CharField(_("kind"), max_length=30, choices=OrgKind.choices, db_index=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    city = models.ForeignKey(
        City,
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    # Employers and other legal persons: unified social credit code (统一社会信用代码).
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, blank=True, db_index=True
    )
    industry = models.ForeignKey(
        IndustryCluster,
        verbose_name=_("industry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    business_licence = models.FileField(
        _("business licence"),
        upload_to="licences/%Y/%m/",
        storage=private_storage,
        blank=True,
    )
    verification_status = models.CharField(
        _("verification"),
        max_length=20,
        choices=VerificationStatus.choices,
        default=VerificationStatus.VERIFIED,
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["kind", "name_zh"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="province") | Q(city__isnull=False),
                name="organisation_city_required",
            ),
            models.UniqueConstraint(
                fields=["credit_code"],
                condition=~Q(credit_code=""),
                name="organisation_credit_code_unique",
            ),
        ]
        indexes = [models.Index(fields=["kind", "city"])]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self.name_zh, self.name_en)

    @property
    def description(self) -> str:
        return pick(self.description_zh, self.description_en)

    @property
    def is_verified(self) -> bool:
        return self.verification_status == VerificationStatus.VERIFIED


class Membership(BaseModel):
    """A person's role in an organisation. One row per (user, organisation, role)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    title = models.CharField(_("job title"), max_length=100, blank=True)
    is_full_time = models.BooleanField(_("full time"), default=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            )
        ]
        indexes = [models.Index(fields=["organisation", "role"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"


class Home(BaseModel):
    """A Home for Returned Overseas Students, run by a carrier (service window or start-up park).

    A Home exists from its carrier's application onwards; it is public in the directory once
    it is named (or, for the demo and the first batch, created as named by the province)."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("Preparing")
        NAMED = "named", _("Named")
        SUSPENDED = "suspended", _("Suspended")
        REVOKED = "revoked", _("Revoked")

    carrier = models.OneToOneField(
        Organisation,
        verbose_name=_("carrier"),
        on_delete=models.PROTECT,
        related_name="home",
        limit_choices_to={"kind__in": [k.value for k in CARRIER_KINDS]},
    )
    code = models.CharField(
        _("Home code"),
        max_length=12,
        unique=True,
        help_text=_("Short code used in case numbers, e.g. NJ01."),
    )
    slug = models.SlugField(_("address name"), max_length=60, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    city = models.ForeignKey(
        City, verbose_name=_("city or county"), on_delete=models.PROTECT, related_name="homes"
    )
    address_zh = models.CharField(_("address (Chinese)"), max_length=300)
    address_en = models.CharField(_("address (English)"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    opening_hours_zh = models.CharField(_("opening hours (Chinese)"), max_length=200, blank=True)
    opening_hours_en = models.CharField(_("opening hours (English)"), max_length=200, blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    introduction_zh = models.TextField(_("introduction (Chinese)"), blank=True)
    introduction_en = models.TextField(_("introduction (English)"), blank=True)
    floor_area = models.PositiveIntegerField(_("floor area (m²)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PREPARING
    )
    plaque_number = models.CharField(_("plaque number"), max_length=40, blank=True)
    batch_label = models.CharField(
        _("naming batch"), max_length=60, blank=True, help_text=_("e.g. 2021 first batch")
    )
    named_on = models.DateField(_("named on"), null=True, blank=True)
    service_categories = models.ManyToManyField(
        ServiceCategory, verbose_name=_("services offered"), blank=True, related_name="homes"
    )

    class Meta:
        verbose_name = _("Home")
        verbose_name_plural = _("Homes")
        ordering = ["city__sort_order", "code"]
        indexes = [models.Index(fields=["status", "city"])]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self.name_zh, self.name_en)

    @property
    def address(self) -> str:
        return pick(self.address_zh, self.address_en)

    @property
    def opening_hours(self) -> str:
        return pick(self.opening_hours_zh, self.opening_hours_en)

    @property
    def introduction(self) -> str:
        return pick(self.introduction_zh, self.introduction_en)

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.NAMED


class Window(BaseModel):
    """A service window (counter) of a Home; one person is served per window at a time."""

    home = models.ForeignKey(
        Home, verbose_name=_("Home"), on_delete=models.CASCADE, related_name="windows"
    )
    number = models.PositiveSmallIntegerField(_("window number"))
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    is_active = models.BooleanField(_("open"), default=True)

    class Meta:
        verbose_name = _("window")
        verbose_name_plural = _("windows")
        ordering = ["home", "number"]
        constraints = [
            models.UniqueConstraint(fields=["home", "number"], name="window_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.number} · {self.name}"

    @property
    def name(self) -> str:
        return pick(self.name_zh, self.name_en)


class Invitation(BaseModel):
    """An invitation to join an organisation with a role, sent to someone without an account.

    The token is only ever e-mailed (or texted); the database keeps its SHA-256 hash. Accepted
    once, by the person whose e-mail address or mobile number it was sent to, before it
    expires."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("mobile number"), max_length=20, blank=True)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires at"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone=""), name="invitation_has_contact"
            )
        ]

    def __str__(self) -> str:
        return f"{self.email or self.phone} · {self.get_role_display()} · {self.organisation}"

    @property
    def contact(self) -> str:
        return self.email or f"{self.phone[:6]}****{self.phone[-4:]}"
