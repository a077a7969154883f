"""Abstract base model, the audit log and the reference data every app shares."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from returnee_home.core.i18n import pick


class BaseModel(models.Model):
    """Creation and update times for every table. Abstract only."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class BilingualNameMixin(models.Model):
    """A Chinese and an English name; `.name` shows the active language."""

    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self.name_zh, self.name_en)


class AuditRecord(models.Model):
    """One privileged action or workflow step: who, what, on which object, before/after, when,
    from where. Append-only: nothing in the product updates or deletes these rows except the
    retention purge of records older than the legal minimum."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("actor label"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=100, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    # Scope columns so that city and Home views of the log are one indexed filter.
    city_code = models.CharField(_("city code"), max_length=12, blank=True, db_index=True)
    organisation_id = models.BigIntegerField(_("organisation id"), null=True, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit record")
        verbose_name_plural = _("audit records")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"


class City(BilingualNameMixin, BaseModel):
    """A prefecture-level city of Jiangsu, or a province-administered county under its city."""

    class Kind(models.TextChoices):
        PREFECTURE = "prefecture", _("Prefecture-level city")
        COUNTY = "county", _("Province-administered county")

    code = models.CharField(_("administrative code"), max_length=12, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reports through"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="counties",
    )
    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["sort_order", "code"]

    @property
    def prefecture(self) -> "City":
        """The prefecture-level city whose bureau this place reports through."""
        return self.parent if self.parent_id else self  # type: ignore[return-value]


class ReferenceItem(BilingualNameMixin, BaseModel):
    """Common shape of the small bilingual code lists."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "code"]


class DegreeLevel(ReferenceItem):
    """Degree levels (bachelor, master, doctorate, ...)."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("degree level")
        verbose_name_plural = _("degree levels")


class Discipline(ReferenceItem):
    """China's discipline catalogue: categories (门类) and first-level disciplines (一级学科)."""

    parent = models.ForeignKey(
        "self",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta(ReferenceItem.Meta):
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")


class IndustryCluster(ReferenceItem):
    """Jiangsu's key industry clusters."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("industry cluster")
        verbose_name_plural = _("industry clusters")


class Country(ReferenceItem):
    """Countries and regions (ISO 3166 alpha-2 code)."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("country or region")
        verbose_name_plural = _("countries and regions")


class Language(ReferenceItem):
    """Languages (ISO 639-1 code)."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("language")
        verbose_name_plural = _("languages")


class ServiceCategory(ReferenceItem):
    """The seed's four kinds of public service: employment guidance, project applications,
    personnel and talent affairs, entitlements and benefits."""

    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta(ReferenceItem.Meta):
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")

    @property
    def description(self) -> str:
        return pick(self.description_zh, self.description_en)
