"""Monthly reports: generation (an action, called by the task on the 1st of each month) and
the reports a person may download (scoped like the dashboards)."""

from datetime import date, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from returnee_home.core.errors import NotFoundError, PermissionDeniedError
from returnee_home.dashboards import exports, selectors
from returnee_home.dashboards.figures import Filters
from returnee_home.dashboards.models import MonthlyReport
from returnee_home.dashboards.periods import month_period
from returnee_home.dashboards.province import prefectures
from returnee_home.notifications.actions import notify
from returnee_home.orgs.models import Membership, Role
from returnee_home.orgs.selectors import admin_city_ids, is_province_admin

REPORT_LANGUAGE = "zh-hans"  # reports handed to superiors are in Chinese


def previous_month(today: date) -> date:
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


def _admins(city_id: int | None) -> list[Any]:
    memberships = Membership.objects.select_related("user", "organisation")
    if city_id is None:
        memberships = memberships.filter(role=Role.PROVINCE_ADMIN)
    else:
        memberships = memberships.filter(role=Role.CITY_ADMIN).filter(
            Q(organisation__city_id=city_id) | Q(organisation__city__parent_id=city_id)
        )
    users = {m.user.pk: m.user for m in memberships if m.user.is_active}
    return list(users.values())


def monthly_report_generate(*, month: date, city: Any = None) -> MonthlyReport:
    """Generate (or regenerate) the report of `month` for `city` (None: the province) and
    notify its admins. Refuses nothing: an empty month is an empty report."""
    period = month_period(month)
    filters = Filters()
    with translation.override(REPORT_LANGUAGE):
        if city is None:
            dashboard = selectors.build_province_dashboard(period, filters, "period")
        else:
            dashboard = selectors.build_city_dashboard(city, period, filters)
        xlsx = exports.workbook(dashboard, "")
        docx = exports.document(dashboard, "")
    level = MonthlyReport.Level.CITY if city is not None else MonthlyReport.Level.PROVINCE
    with transaction.atomic():
        report, _created = MonthlyReport.objects.get_or_create(level=level, city=city, month=month)
        stem = report.file_stem()
        report.xlsx.save(f"{stem}.xlsx", ContentFile(xlsx), save=False)
        report.docx.save(f"{stem}.docx", ContentFile(docx), save=False)
        report.save()
        url = reverse("dashboards:reports")
        for user in _admins(city.pk if city is not None else None):
            with translation.override(getattr(user, "preferred_language", "") or "zh-hans"):
                notify(
                    recipient=user,
                    kind="dashboards.monthly_report",
                    title=_("The monthly report for %(month)s is ready")
                    % {"month": f"{month:%Y-%m}"},
                    body=_("Download it as a workbook or a document from the reports page."),
                    url=url,
                )
    return report


def monthly_reports_generate(*, today: date | None = None) -> list[MonthlyReport]:
    """The previous month's report for every prefecture and for the province."""
    month = previous_month(today or timezone.localdate())
    made = [monthly_report_generate(month=month, city=city) for city in prefectures()]
    made.append(monthly_report_generate(month=month, city=None))
    return made


def check_can_see_reports(user: Any) -> None:
    if not (is_province_admin(user) or admin_city_ids(user)):
        raise PermissionDeniedError()


def reports_visible_to(user: Any) -> QuerySet[MonthlyReport]:
    """The province admin sees every report; a city admin their city's."""
    qs = MonthlyReport.objects.select_related("city")
    if is_province_admin(user):
        return qs
    cities = admin_city_ids(user)
    if cities:
        return qs.filter(level=MonthlyReport.Level.CITY, city_id__in=cities)
    return qs.none()


def report_for(user: Any, report_id: int) -> MonthlyReport:
    report = reports_visible_to(user).filter(pk=report_id).first()
    if report is None:
        raise NotFoundError()
    return report
