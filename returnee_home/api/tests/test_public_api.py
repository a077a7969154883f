import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from returnee_home.core.models import ServiceCategory
from returnee_home.orgs.models import Home, OrgKind, Role
from returnee_home.orgs.tests.factories import (
    HomeFactory,
    MembershipFactory,
    OrganisationFactory,
    WindowFactory,
    city,
)

pytestmark = pytest.mark.django_db


def test_openapi_schema_is_openapi_3_with_every_path(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Returnee Home API"
    assert {
        "/api/v1/cities",
        "/api/v1/cities/{code}",
        "/api/v1/homes",
        "/api/v1/homes/{slug}",
        "/api/v1/organisations",
        "/api/v1/organisations/{organisation_id}",
        "/api/v1/me",
        "/api/v1/organisations/{organisation_id}/members",
    } <= set(schema["paths"])
    me = schema["paths"]["/api/v1/me"]["get"]
    assert me["security"]  # authentication declared
    assert {"401", "403"} <= set(me["responses"])
    schemes = schema["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())
    # Every referenced component exists.
    text = response.content.decode()
    for name in schema["components"]["schemas"]:
        assert f'"#/components/schemas/{name}"' in text or name


def test_openapi_schema_validates_against_the_spec(client):
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(client.get("/api/v1/openapi.json").json())


def test_docs_page_uses_only_local_static_files(client):
    response = client.get("/api/v1/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-Hans">' in html
    assert "cdn" not in html.lower()
    assert "<script>" not in html  # no inline script: CSP allows only files from 'self'
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "/static/api/docs-init.js" in html
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_cities_list_has_13_prefectures_with_their_counties(client):
    data = client.get("/api/v1/cities").json()
    assert len(data) == 13
    suzhou = next(c for c in data if c["code"] == "320500")
    assert suzhou["name"] == "苏州市"
    assert [c["code"] for c in suzhou["counties"]] == ["320583"]


def test_city_detail_and_english_names(client):
    data = client.get("/api/v1/cities/320583?lang=en").json()
    assert data["parent_code"] == "320500"
    assert data["name"] == data["name_en"]
    assert client.get("/api/v1/cities/320100", HTTP_ACCEPT_LANGUAGE="en").json()["name"] == (
        "Nanjing"
    )


def test_homes_list_shows_only_named_homes_and_paginates(client):
    HomeFactory.create_batch(3)
    HomeFactory(status=Home.Status.PREPARING, name_zh="筹备中的之家")
    HomeFactory(status=Home.Status.SUSPENDED, name_zh="暂停的之家")
    data = client.get("/api/v1/homes?page_size=2").json()
    assert data["count"] == 3
    assert data["pages"] == 2
    assert len(data["items"]) == 2
    second = client.get("/api/v1/homes?page_size=2&page=2").json()
    assert len(second["items"]) == 1
    names = {h["name"] for h in data["items"] + second["items"]}
    assert "筹备中的之家" not in names and "暂停的之家" not in names


def test_homes_filter_by_city_kind_and_text(client):
    nanjing = HomeFactory(name_zh="南京江北之家")
    park = OrganisationFactory(kind=OrgKind.STARTUP_PARK, city=city("320500"))
    suzhou = HomeFactory(carrier=park, name_zh="苏州工业园区之家")
    kunshan_carrier = OrganisationFactory(city=city("320583"))
    kunshan = HomeFactory(carrier=kunshan_carrier, name_zh="昆山之家")

    def slugs(query: str) -> set[str]:
        return {h["slug"] for h in client.get("/api/v1/homes?" + query).json()["items"]}

    assert slugs("city=320100") == {nanjing.slug}
    assert slugs("city=320500") == {suzhou.slug, kunshan.slug}  # counties included
    assert slugs("city=320583") == {kunshan.slug}
    assert slugs("kind=startup_park") == {suzhou.slug}
    assert slugs("q=江北") == {nanjing.slug}


def test_home_detail_named_only_with_public_fields(client):
    home = HomeFactory(plaque_number="苏留家〔2021〕001号", batch_label="2021 年第一批")
    home.service_categories.add(ServiceCategory.objects.first())
    WindowFactory(home=home, number=1)
    MembershipFactory(organisation=home.carrier, role=Role.HOME_STAFF)
    MembershipFactory(organisation=home.carrier, role=Role.HOME_MANAGER)
    data = client.get(f"/api/v1/homes/{home.slug}").json()
    assert data["plaque_number"] == "苏留家〔2021〕001号"
    assert data["staff_count"] == 2
    assert [w["number"] for w in data["windows"]] == [1]
    assert len(data["services"]) == 1
    assert data["url"] == f"/homes/{home.slug}/"
    assert "members" not in data and "credit_code" not in data
    preparing = HomeFactory(status=Home.Status.PREPARING)
    response = client.get(f"/api/v1/homes/{preparing.slug}")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "未找到。", "fields": {}}


def test_organisations_only_verified_and_active(client, employer_a, pending_employer):
    OrganisationFactory(kind=OrgKind.EMPLOYER, name_zh="已停用公司", is_active=False)
    data = client.get("/api/v1/organisations?kind=employer").json()
    names = {o["name"] for o in data["items"]}
    assert names == {"甲科技有限公司"}
    item = data["items"][0]
    assert set(item) == {
        "id",
        "kind",
        "kind_label",
        "name",
        "name_zh",
        "name_en",
        "city",
        "address",
        "website",
        "description",
        "industry",
    }
    assert client.get(f"/api/v1/organisations/{pending_employer.pk}").status_code == 404
    assert client.get(f"/api/v1/organisations/{employer_a.pk}").json()["name_en"] == "A Tech"


def test_organisations_filter_by_city(client, employer_a, employer_b):
    data = client.get("/api/v1/organisations?city=320500&kind=employer").json()
    assert [o["id"] for o in data["items"]] == [employer_b.pk]


def test_list_query_counts_do_not_grow(client):
    HomeFactory.create_batch(2)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/api/v1/homes").status_code == 200
    for home in HomeFactory.create_batch(10):
        home.service_categories.add(*ServiceCategory.objects.all())
    with CaptureQueriesContext(connection) as many:
        assert len(client.get("/api/v1/homes").json()["items"]) == 12
    assert len(many) == len(few)

    with CaptureQueriesContext(connection) as orgs_few:
        client.get("/api/v1/organisations")
    OrganisationFactory.create_batch(10, kind=OrgKind.EMPLOYER)
    with CaptureQueriesContext(connection) as orgs_many:
        client.get("/api/v1/organisations")
    assert len(orgs_many) == len(orgs_few)

    with CaptureQueriesContext(connection) as cities:
        client.get("/api/v1/cities")
    assert len(cities) <= 2


def test_validation_errors_name_each_field_in_the_requests_language(client):
    response = client.get("/api/v1/homes?page=0&page_size=abc&kind=castle")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid"
    assert body["message"] == "部分输入无效。"
    assert set(body["fields"]) == {"page", "page_size", "kind"}
    assert body["fields"]["page_size"] == "请输入整数。"
    english = client.get("/api/v1/homes?page=0&lang=en").json()
    assert english["fields"] == {"page": "Enter a number of at least 1."}
    assert english["message"] == "Some of the input is not valid."


def test_unknown_objects_are_404_json(client):
    for path in ("/api/v1/cities/999999", "/api/v1/homes/nope", "/api/v1/organisations/999999"):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 404
        assert response.json() == {"code": "not_found", "message": "Not found.", "fields": {}}
        assert response["Content-Language"] == "en"


def test_anonymous_throttle_answers_429_json(client, monkeypatch):
    from ninja.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "allow_request", lambda self, request: False)
    monkeypatch.setattr(AnonRateThrottle, "wait", lambda self: 30)
    response = client.get("/api/v1/cities")
    assert response.status_code == 429
    assert response.json()["code"] == "throttled"
    assert response["Retry-After"] == "30"
