"""Pages of records: scoping (other Home, other city, wrong role), query counts that do not
grow with rows, the rating form, the follow-up steps, the .xlsx export and the API."""

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from returnee_home.accounts.tests.factories import activate_totp
from returnee_home.orgs.tests.conftest import client_for
from returnee_home.records import actions
from returnee_home.records.actions import service_day_counts_rebuild
from returnee_home.records.models import Channel, FollowUp, Rating
from returnee_home.records.tests.factories import (
    RatingFactory,
    ServiceItemFactory,
    ServiceRecordFactory,
)

pytestmark = pytest.mark.django_db
STATS = reverse("records:statistics")


def _poor(world: dict[str, Any], home: Any = None) -> FollowUp:
    person = world["people"]["talent"]
    record = ServiceRecordFactory(home=home or world["home"], person=person)
    return actions.rating_create(record=record, person=person, level=1).follow_up


@pytest.mark.parametrize("who", ["staff", "manager", "city", "province"])
def test_statistics_open_for_each_scope(world: dict[str, Any], who: str) -> None:
    ServiceRecordFactory(home=world["home"])
    response = client_for(world["people"][who]).get(STATS)
    assert response.status_code == 200
    assert response.context["figures"]["totals"]["year"] >= 1


@pytest.mark.parametrize("who", ["talent", "employer", "expert", "partner"])
def test_statistics_refused_to_other_roles(world: dict[str, Any], who: str) -> None:
    assert client_for(world["people"][who]).get(STATS).status_code == 403


def test_statistics_of_other_home_or_city_is_404(world: dict[str, Any]) -> None:
    other = world["other_home"]
    staff, city = world["people"]["staff"], world["people"]["city"]
    assert client_for(staff).get(STATS, {"home": other.pk}).status_code == 404
    assert client_for(staff).get(STATS, {"city": world["nanjing"].pk}).status_code == 404
    assert client_for(city).get(STATS, {"home": other.pk}).status_code == 404
    assert client_for(city).get(STATS, {"city": world["suzhou"].pk}).status_code == 404
    assert client_for(city).get(STATS, {"home": world["home"].pk}).status_code == 200
    province = client_for(world["people"]["province"])
    assert province.get(STATS, {"city": world["suzhou"].pk}).status_code == 200
    assert province.get(STATS, {"home": "x"}).status_code == 404


@pytest.mark.parametrize("who", ["manager", "city", "province"])
def test_statistics_query_count_constant(world: dict[str, Any], who: str) -> None:
    client = client_for(world["people"][who])
    ServiceRecordFactory(home=world["home"])
    _poor(world)
    # Both measured with the figures counted afresh (nothing served from the cache).
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        assert client.get(STATS).status_code == 200
    for _ in range(5):
        ServiceRecordFactory(home=world["home"], item=ServiceItemFactory())
        ServiceRecordFactory(home=world["other_home"])
        _poor(world)
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        assert client.get(STATS).status_code == 200
    assert len(many) == len(few)


def test_statistics_counts_month_and_channel(world: dict[str, Any]) -> None:
    today = timezone.localdate()
    item = ServiceItemFactory()
    ServiceRecordFactory.create_batch(3, home=world["home"], item=item, served_on=today)
    ServiceRecordFactory(home=world["home"], item=item, channel="online", served_on=today)
    ServiceRecordFactory(home=world["other_home"], served_on=today)
    # The factory writes records directly: recount the summaries `service_record_create` keeps.
    service_day_counts_rebuild()
    figures = client_for(world["people"]["manager"]).get(STATS).context["figures"]
    assert figures["totals"]["month"] == 4
    by_channel = {str(r["label"]): r["count"] for r in figures["by_channel"]}
    assert by_channel[str(Channel.COUNTER.label)] == 3
    assert figures["by_month"][-1]["count"] == 4
    assert figures["by_item"][0]["count"] == 4


def test_statistics_export_is_a_workbook(world: dict[str, Any]) -> None:
    ServiceRecordFactory(home=world["home"])
    response = client_for(world["people"]["city"]).get(reverse("records:statistics_export"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) >= 5
    assert (
        client_for(world["people"]["talent"]).get(reverse("records:statistics_export")).status_code
        == 403
    )


def test_person_rates_own_record_and_errors_keep_input(world: dict[str, Any]) -> None:
    person = world["people"]["talent"]
    record = ServiceRecordFactory(home=world["home"], person=person)
    client = client_for(person)
    url = reverse("records:rate", args=[record.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"comment": "留着"})
    assert response.status_code == 400
    assert "留着" in response.content.decode()
    response = client.post(url, {"level": "2", "tags": ["attitude"], "comment": "慢"})
    assert response.status_code == 302
    assert FollowUp.objects.count() == 1
    assert client.post(url, {"level": "5"}).status_code == 400
    assert Rating.objects.count() == 1
    assert client_for(world["people"]["staff"]).get(url).status_code == 404


def test_follow_up_pages_scoped(world: dict[str, Any]) -> None:
    follow_up = _poor(world)
    url = reverse("records:follow_up", args=[follow_up.pk])
    for who in ("manager", "city", "province"):
        assert client_for(world["people"][who]).get(url).status_code == 200
    assert client_for(world["people"]["staff"]).get(url).status_code == 404
    other_staff = world["other_staff"].user
    activate_totp(other_staff)
    assert client_for(other_staff).get(url).status_code == 404
    # The city admin sees it but may not act on it.
    response = client_for(world["people"]["city"]).post(url, {"step": "contact", "note": "x"})
    assert response.status_code == 403
    manager = client_for(world["people"]["manager"])
    assert manager.post(url, {"step": "contact", "note": ""}).status_code == 400
    assert manager.post(url, {"step": "contact", "note": "电话"}).status_code == 302
    assert manager.post(url, {"step": "resolve", "note": "解决"}).status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.RESOLVED


def test_follow_up_list_overdue_first(world: dict[str, Any]) -> None:
    fresh = _poor(world)
    late = _poor(world)
    FollowUp.objects.filter(pk=late.pk).update(contact_due=dt.date(2020, 1, 1))
    _poor(world, home=world["other_home"])
    response = client_for(world["people"]["manager"]).get(reverse("records:follow_ups"))
    rows = response.context["rows"]
    assert [f.pk for f in rows] == [late.pk, fresh.pk]
    assert (
        client_for(world["people"]["province"])
        .get(reverse("records:follow_ups"))
        .context["rows"]
        .__len__()
        == 3
    )


def test_api_own_records_with_a_personal_token(world: dict[str, Any]) -> None:
    import datetime as dt

    from django.test import Client
    from django.utils import timezone

    from returnee_home.api.actions import personal_token_create

    person = world["people"]["talent"]
    record = ServiceRecordFactory(home=world["home"], person=person)
    ServiceRecordFactory(home=world["home"], person=world["people"]["staff"])
    _token, text = personal_token_create(
        user=person, name="script", scope="read", expires_at=timezone.now() + dt.timedelta(days=7)
    )
    response = Client().get("/api/v1/records/mine", HTTP_AUTHORIZATION=f"Bearer {text}")
    assert response.status_code == 200
    assert [r["id"] for r in response.json()] == [record.pk]
    response = Client().post(
        f"/api/v1/records/mine/{record.pk}/rating",
        json.dumps({"level": 4}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {text}",
    )
    assert response.status_code == 403  # a read-only token changes nothing
    assert not record.ratings.exists()


def test_api_own_records_and_rating(world: dict[str, Any]) -> None:
    person = world["people"]["talent"]
    record = ServiceRecordFactory(home=world["home"], person=person)
    other = ServiceRecordFactory(home=world["home"], person=world["people"]["staff"])
    client = client_for(person)
    data = client.get("/api/v1/records/mine").json()
    assert [r["id"] for r in data] == [record.pk]
    url = f"/api/v1/records/mine/{record.pk}/rating"
    response = client.post(url, json.dumps({"level": 9}), content_type="application/json")
    assert response.status_code in (400, 422)
    assert "code" in response.json()
    response = client.post(url, json.dumps({"level": 4}), content_type="application/json")
    assert response.status_code == 201
    assert response.json()["ratings"][0]["level"] == 4
    response = client.post(url, json.dumps({"level": 4}), content_type="application/json")
    assert response.status_code == 409
    assert response.json()["code"] == "already_rated"
    response = client.post(
        f"/api/v1/records/mine/{other.pk}/rating",
        json.dumps({"level": 4}),
        content_type="application/json",
    )
    assert response.status_code == 404


def test_api_statistics_scoped(world: dict[str, Any]) -> None:
    RatingFactory(record__home=world["home"])
    data = client_for(world["people"]["staff"]).get("/api/v1/records/statistics").json()
    assert data["scope"] == "home" and data["year"] == 1
    assert (
        client_for(world["people"]["talent"]).get("/api/v1/records/statistics").status_code == 403
    )
    response = client_for(world["people"]["staff"]).get(
        "/api/v1/records/statistics", {"home": world["other_home"].pk}
    )
    assert response.status_code == 404
    assert client_for(world["people"]["talent"]).get("/api/v1/records/mine").status_code == 200


def test_personal_data_export_has_own_records(world: dict[str, Any]) -> None:
    from returnee_home.records.exports import export_personal_records

    person = world["people"]["talent"]
    RatingFactory(record__home=world["home"], record__person=person)
    ServiceRecordFactory(home=world["home"])
    data = export_personal_records(person)
    assert len(data["service_records"]) == 1
    assert data["service_records"][0]["ratings"][0]["level"] == 5


def test_statistics_are_cached_until_a_new_record_is_made(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    """A repeated view is served from the cache; a new service record shows at once."""
    client = client_for(world["people"]["manager"])
    with CaptureQueriesContext(connection) as cold:
        first = client.get(STATS)
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as warm:
        client.get(STATS)
    assert len(warm.captured_queries) < len(cold.captured_queries)
    person = world["people"]["talent"]
    item = ServiceItemFactory()
    with django_capture_on_commit_callbacks(execute=True):
        actions.service_record_create(
            person=person,
            home=world["home"],
            item=item,
            channel=Channel.COUNTER,
            served_on=timezone.localdate(),
            source=item,
        )
    fresh = client.get(STATS)
    assert (
        first.context["figures"]["totals"]["year"] + 1 == fresh.context["figures"]["totals"]["year"]
    )
