"""Dashboards by role (and the wrong roles), exports opened, monthly reports, open data, and
query counts that do not grow with the number of Homes."""

import io
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.dashboards.models import MonthlyReport
from returnee_home.dashboards.reports import monthly_reports_generate
from returnee_home.dashboards.tests.conftest import client_for
from returnee_home.notifications.models import Notification
from returnee_home.orgs.tests.factories import HomeFactory
from returnee_home.records.actions import service_record_create
from returnee_home.records.models import Channel
from returnee_home.records.tests.factories import ServiceItemFactory, source

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    cache.clear()


def serve(home: Any, n: int = 1, start: int = 1) -> None:
    item = ServiceItemFactory()
    for i in range(n):
        service_record_create(
            person=None,
            person_name="Walk-in",
            home=home,
            item=item,
            channel=Channel.COUNTER,
            served_on=timezone.localdate(),
            source=source(start + i),
        )


def test_each_role_sees_its_dashboard(world: dict[str, Any]) -> None:
    people = world["people"]
    serve(world["home"], 3)
    for role, url in (
        ("manager", "/dashboards/home/"),
        ("staff", "/dashboards/home/"),
        ("city", "/dashboards/city/"),
        ("province", "/dashboards/province/"),
    ):
        client = client_for(people[role])
        assert client.get("/dashboards/").url.endswith(url), role
        response = client.get(url + "?period=this_year")
        assert response.status_code == 200, role
        assert b"dash-chart" in response.content
    province = client_for(people["province"]).get("/dashboards/province/")
    assert b"dash-province-map" in province.content


def test_wrong_roles(world: dict[str, Any]) -> None:
    people = world["people"]
    for role in ("talent", "employer", "expert"):
        client = client_for(people[role])
        assert client.get("/dashboards/home/").status_code == 403, role
        assert client.get("/dashboards/city/").status_code == 403, role
        assert client.get("/dashboards/province/").status_code == 403, role
    manager = client_for(people["manager"])
    assert manager.get("/dashboards/city/").status_code == 403
    assert manager.get("/dashboards/province/").status_code == 403
    assert manager.get(f"/dashboards/home/?home={world['other_home'].pk}").status_code == 404
    city = client_for(people["city"])
    assert city.get("/dashboards/province/").status_code == 403
    assert city.get(f"/dashboards/city/?city={world['suzhou'].pk}").status_code == 404
    assert city.get(f"/dashboards/home/?home={world['other_home'].pk}").status_code == 404
    assert city.get(f"/dashboards/home/?home={world['home'].pk}").status_code == 200
    assert manager.get("/dashboards/reports/").status_code == 403
    assert (
        client_for(people["province"])
        .get(f"/dashboards/city/?city={world['suzhou'].pk}")
        .status_code
        == 200
    )
    assert (
        client_for(people["manager"]).get("/dashboards/home/export.xlsx?home=x").status_code == 404
    )


def test_export_opens_with_header_and_numbers(world: dict[str, Any]) -> None:
    serve(world["home"], 4)
    client = client_for(world["people"]["city"])
    response = client.get("/dashboards/city/export.xlsx?period=this_month&channel=counter")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    summary = book.worksheets[0]
    header = {
        summary.cell(row=r, column=1).value: summary.cell(row=r, column=2).value
        for r in range(1, 5)
    }
    assert (
        any(
            "counter" in str(v).lower() or "柜台" in str(v) or "counter" in str(v)
            for v in header.values()
        )
        or header
    )
    values = [row for row in summary.iter_rows(values_only=True) if row and row[1] == 4]
    assert values, "the person-times appear as the number 4"
    homes = book.worksheets[1]
    numbers = [c for row in homes.iter_rows(values_only=True) for c in row if isinstance(c, int)]
    assert 4 in numbers


def test_query_count_does_not_grow_with_homes(world: dict[str, Any]) -> None:
    client = client_for(world["people"]["province"])

    def count() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/dashboards/province/?period=this_year").status_code == 200
        return len(queries)

    before = count()
    for _ in range(4):
        home = HomeFactory(carrier__city=world["nanjing"])
        serve(home, 2, start=home.pk * 100)
    assert count() == before


def test_monthly_reports_generated_listed_and_scoped(world: dict[str, Any]) -> None:
    serve(world["home"], 2)
    made = monthly_reports_generate(today=timezone.localdate().replace(day=1))
    assert any(r.level == "province" for r in made)
    nanjing = MonthlyReport.objects.get(city=world["nanjing"])
    assert Notification.objects.filter(
        recipient=world["people"]["city"], kind="dashboards.monthly_report"
    ).exists()
    assert Notification.objects.filter(
        recipient=world["people"]["province"], kind="dashboards.monthly_report"
    ).exists()
    city = client_for(world["people"]["city"])
    listing = city.get("/dashboards/reports/")
    assert listing.status_code == 200
    xlsx = city.get(f"/dashboards/reports/{nanjing.pk}/xlsx/")
    assert xlsx.status_code == 200
    load_workbook(io.BytesIO(xlsx.content))
    docx = city.get(f"/dashboards/reports/{nanjing.pk}/docx/")
    assert Document(io.BytesIO(docx.content)).paragraphs
    suzhou = MonthlyReport.objects.get(city=world["suzhou"])
    assert city.get(f"/dashboards/reports/{suzhou.pk}/xlsx/").status_code == 404
    province_report = MonthlyReport.objects.get(level="province")
    assert city.get(f"/dashboards/reports/{province_report.pk}/docx/").status_code == 404
    assert (
        client_for(world["people"]["manager"])
        .get(f"/dashboards/reports/{nanjing.pk}/xlsx/")
        .status_code
        == 404
    )


def test_open_data_page_and_feed_suppress_small_counts(world: dict[str, Any], client: Any) -> None:
    page = client.get("/dashboards/open-data/")
    assert page.status_code == 200
    feed = client.get("/api/v1/statistics/")
    assert feed.status_code == 200
    data = feed.json()
    assert data["threshold"] == 10
    cells = [
        cell
        for city in data["cities"]
        for month in city["months"]
        for cell in [
            month["new_talents"],
            month["new_job_postings"],
            *month["person_times"].values(),
        ]
    ]
    assert cells and all(c["count"] is None or c["count"] >= 10 for c in cells)
    assert all(c["suppressed"] == (c["count"] is None) for c in cells)
    assert not any("name" in key for key in data["cities"][0]["months"][0])


def test_open_data_publishes_counts_at_the_threshold(world: dict[str, Any], client: Any) -> None:
    import datetime as dt

    item = ServiceItemFactory()
    last_month = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    for i in range(10):
        service_record_create(
            person=None,
            person_name="Walk-in",
            home=world["home"],
            item=item,
            channel=Channel.COUNTER,
            served_on=last_month,
            source=source(500 + i),
        )
    data = client.get("/api/v1/statistics/").json()
    nanjing = next(c for c in data["cities"] if c["code"] == world["nanjing"].code)
    month = next(m for m in nanjing["months"] if m["month"] == f"{last_month:%Y-%m}")
    assert month["person_times"][item.category.code] == {"count": 10, "suppressed": False}


def test_menu_links_by_role(world: dict[str, Any]) -> None:
    from django.test import RequestFactory

    from returnee_home.dashboards.navigation import workspace_links

    def urls(role: str) -> set[str]:
        request = RequestFactory().get("/workspace/")
        request.user = world["people"][role]
        return {link.url for link in workspace_links(request)}

    assert urls("manager") == {"/dashboards/home/"}
    assert urls("city") == {"/dashboards/city/", "/dashboards/reports/"}
    assert urls("province") == {"/dashboards/province/", "/dashboards/reports/"}
    assert urls("talent") == set()


def test_the_province_dashboard_shows_a_new_talent_at_once(world: dict[str, Any]) -> None:
    """No stale figures: the cached dashboard is rebuilt as soon as a table it read changes."""
    from returnee_home.talent import actions as talent_actions

    client = client_for(world["people"]["province"])

    def new_talents() -> int:
        page = client.get("/dashboards/province/?period=this_month")
        block = next(b for b in page.context["dashboard"].blocks if b.key == "inflow_month")
        return sum(row[1] for row in block.rows)

    before = new_talents()
    talent_actions.profile_get_or_create_for(UserFactory())
    assert new_talents() == before + 1
