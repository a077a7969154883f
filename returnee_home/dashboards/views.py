"""Dashboards of a Home, a city and the province (each with its .xlsx export), the monthly
reports, and the public statistics page."""

from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext

from returnee_home.core.cache import public_page
from returnee_home.core.errors import NotFoundError
from returnee_home.dashboards import exports, open_data, reports, selectors
from returnee_home.dashboards.figures import Filters
from returnee_home.dashboards.periods import CHOICES, period_from
from returnee_home.dashboards.province import MAP_METRICS
from returnee_home.orgs.views.scoping import workspace_view
from returnee_home.records.models import Channel

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        raise NotFoundError() from None


def filters_text(filters: Filters) -> str:
    parts = []
    if filters.channel:
        parts.append(f"{pgettext('dashboard', 'Channel')}: {Channel(filters.channel).label}")
    if filters.category_id:
        names = {c.pk: c.name for c in selectors.categories()}
        parts.append(
            f"{pgettext('dashboard', 'Service category')}: {names.get(filters.category_id, '—')}"
        )
    return "; ".join(parts)


def _render(
    request: HttpRequest, dashboard: selectors.Dashboard, scope: dict[str, str], scope_id: int
) -> HttpResponse:
    query = {**scope, **dashboard.period.query(), **dashboard.filters.query()}
    if dashboard.metric:
        query["metric"] = dashboard.metric
    context: dict[str, Any] = {
        "dashboard": dashboard,
        "scope": scope,
        "query": urlencode(query),
        "period_choices": CHOICES,
        "channels": Channel.choices,
        "categories": selectors.categories(),
        "metrics": MAP_METRICS,
        "filters_text": filters_text(dashboard.filters),
        "export_url": reverse(f"dashboards:{dashboard.level}_export") + "?" + urlencode(query),
    }
    # The body is the same for everyone looking at this dashboard: rendered once per version.
    context["body"] = selectors.cached_html(
        (dashboard.level, scope_id, request.get_full_path()),
        lambda: mark_safe(render_to_string("dashboards/includes/body.html", context)),  # noqa: S308
        dashboard,
    )
    return render(request, "dashboards/dashboard.html", context)


def _export(dashboard: selectors.Dashboard, name: str) -> HttpResponse:
    body = exports.workbook(dashboard, filters_text(dashboard.filters))
    response = HttpResponse(body, content_type=XLSX)
    filename = f"dashboard-{name}-{dashboard.period.start}-{dashboard.period.end}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@workspace_view
def index(request: HttpRequest) -> HttpResponse:
    level = selectors.dashboard_level(request.user)
    if level is None:
        raise Http404
    url = reverse(f"dashboards:{level}")
    return redirect(f"{url}?{request.GET.urlencode()}" if request.GET else url)


def _home(request: HttpRequest) -> selectors.Dashboard:
    home = selectors.home_for(request.user, _int_or_none(request.GET.get("home")))
    return selectors.home_dashboard(
        home, period_from(request.GET), Filters.from_params(request.GET)
    )


@workspace_view
def home(request: HttpRequest) -> HttpResponse:
    home_obj = selectors.home_for(request.user, _int_or_none(request.GET.get("home")))
    dashboard = selectors.home_dashboard(
        home_obj, period_from(request.GET), Filters.from_params(request.GET)
    )
    home_id = request.GET.get("home")
    return _render(request, dashboard, {"home": home_id} if home_id else {}, home_obj.pk)


@workspace_view
def home_export(request: HttpRequest) -> HttpResponse:
    return _export(_home(request), "home")


def _city(request: HttpRequest) -> selectors.Dashboard:
    city = selectors.city_for(request.user, _int_or_none(request.GET.get("city")))
    return selectors.city_dashboard(
        city, period_from(request.GET), Filters.from_params(request.GET)
    )


@workspace_view
def city(request: HttpRequest) -> HttpResponse:
    city_obj = selectors.city_for(request.user, _int_or_none(request.GET.get("city")))
    dashboard = selectors.city_dashboard(
        city_obj, period_from(request.GET), Filters.from_params(request.GET)
    )
    city_id = request.GET.get("city")
    return _render(request, dashboard, {"city": city_id} if city_id else {}, city_obj.pk)


@workspace_view
def city_export(request: HttpRequest) -> HttpResponse:
    return _export(_city(request), "city")


def _province(request: HttpRequest) -> selectors.Dashboard:
    selectors.check_province(request.user)
    return selectors.province_dashboard(
        period_from(request.GET),
        Filters.from_params(request.GET),
        request.GET.get("metric", "period"),
    )


@workspace_view
def province(request: HttpRequest) -> HttpResponse:
    return _render(request, _province(request), {}, 0)


@workspace_view
def province_export(request: HttpRequest) -> HttpResponse:
    return _export(_province(request), "province")


@workspace_view
def report_list(request: HttpRequest) -> HttpResponse:
    reports.check_can_see_reports(request.user)
    rows = list(reports.reports_visible_to(request.user)[:120])
    return render(request, "dashboards/reports.html", {"reports": rows})


@workspace_view
def report_download(request: HttpRequest, report_id: int, kind: str) -> HttpResponse:
    report = reports.report_for(request.user, report_id)
    stored = report.xlsx if kind == "xlsx" else report.docx
    if not stored:
        raise Http404
    with stored.open("rb") as handle:
        body = handle.read()
    response = HttpResponse(body, content_type=XLSX if kind == "xlsx" else DOCX)
    response["Content-Disposition"] = f'attachment; filename="{report.file_stem()}.{kind}"'
    response["Cache-Control"] = "private, no-store"
    return response


@public_page
def public_statistics(request: HttpRequest) -> HttpResponse:
    data = open_data.public_figures(today=timezone.localdate())
    return render(
        request, "dashboards/public.html", {"data": data, "threshold": open_data.THRESHOLD}
    )
