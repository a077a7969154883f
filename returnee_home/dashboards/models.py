"""Monthly reports: a city's or the province's dashboard of one calendar month, as .xlsx and
.docx, generated on the 1st of the next month and kept for download by its admins."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from returnee_home.core.models import BaseModel
from returnee_home.core.storage import private_storage


def report_path(instance: "MonthlyReport", filename: str) -> str:
    return f"dashboards/reports/{instance.month:%Y-%m}/{filename}"


class MonthlyReport(BaseModel):
    """The figures of one month for one city (with its counties) or the province.

    Refuses (at the database) two reports of the same month for the same city or province."""

    class Level(models.TextChoices):
        CITY = "city", pgettext_lazy("dashboard", "City")
        PROVINCE = "province", _("Province")

    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    city = models.ForeignKey(
        "core.City",
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month reported."))
    xlsx = models.FileField(
        _("workbook"), upload_to=report_path, storage=private_storage, blank=True
    )
    docx = models.FileField(
        _("document"), upload_to=report_path, storage=private_storage, blank=True
    )

    class Meta:
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        ordering = ["-month", "level", "city_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "city", "month"],
                condition=Q(city__isnull=False),
                name="monthlyreport_one_per_city_month",
            ),
            models.UniqueConstraint(
                fields=["level", "month"],
                condition=Q(city__isnull=True),
                name="monthlyreport_one_province_month",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.level} {self.city_id or ''} {self.month:%Y-%m}"

    def file_stem(self) -> str:
        place = self.city.slug if self.city_id and self.city else "province"
        return f"monthly-report-{place}-{self.month:%Y-%m}"
