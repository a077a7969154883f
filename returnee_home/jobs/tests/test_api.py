"""The jobs API: public search, writes by organisation tokens (scoped), upsert by external id,
errors by field, the funnel."""

from typing import Any

import pytest
from django.test import Client

from returnee_home.api.actions import api_token_create
from returnee_home.jobs.models import Application, JobPosting
from returnee_home.jobs.tests.conftest import client_for
from returnee_home.orgs.models import Role
from returnee_home.orgs.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _token(world: dict[str, Any], organisation: Any) -> str:
    manager = MembershipFactory(organisation=organisation, role=Role.EMPLOYER_CONTACT).user
    if organisation.kind != "employer":
        manager = MembershipFactory(organisation=organisation, role=Role.HOME_MANAGER).user
        from returnee_home.accounts.tests.factories import activate_totp

        activate_totp(manager)
    return api_token_create(actor=manager, organisation=organisation, name="HR system")[1]


def _body(**extra: Any) -> dict[str, Any]:
    return {
        "external_id": "HR-9",
        "title_zh": "芯片设计工程师",
        "title_en": "IC design engineer",
        "city": "320100",
        "industry": "integrated_circuits",
        "degree_level": "master",
        "disciplines": ["0809"],
        "languages": ["en"],
        "skills": ["Verilog", "数字电路"],
        "salary_min": 25000,
        "salary_max": 45000,
        "valid_through": "2099-06-30",
        "publish": True,
        **extra,
    }


def _post(token: str, path: str, body: dict[str, Any]) -> Any:
    return Client().post(
        f"/api/v1/jobs{path}",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_public_search_and_read(world: dict[str, Any]) -> None:
    body = Client().get("/api/v1/jobs/postings", {"q": "机器学习"}).json()
    assert body["count"] == 1 and body["items"][0]["title_zh"] == "机器学习算法工程师"
    one = Client().get(f"/api/v1/jobs/postings/{world['posting'].pk}").json()
    assert one["employer_name"] == world["employer"].name_zh


def test_employer_token_creates_then_updates_by_external_id(world: dict[str, Any]) -> None:
    token = _token(world, world["employer"])
    first = _post(token, "/postings", _body())
    assert first.status_code == 201, first.content
    again = _post(token, "/postings", _body(title_zh="资深芯片设计工程师"))
    assert again.status_code == 200
    assert JobPosting.objects.filter(external_id="HR-9").count() == 1
    posting = JobPosting.objects.get(external_id="HR-9")
    assert posting.title_zh == "资深芯片设计工程师" and posting.channel == "api"
    assert posting.status == "published"


def test_employer_token_cannot_write_for_another_employer(world: dict[str, Any]) -> None:
    token = _token(world, world["employer"])
    answer = _post(token, "/postings", _body(employer=world["other_employer"].credit_code))
    assert answer.status_code == 403
    other_posting = JobPosting.objects.create(
        employer=world["other_employer"],
        title_zh="别家岗位",
        city=world["posting"].city,
        valid_through="2099-01-01",
    )
    answer = Client().put(
        f"/api/v1/jobs/postings/{other_posting.pk}",
        _body(),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert answer.status_code == 404


def test_home_token_collects_for_any_employer(world: dict[str, Any]) -> None:
    token = _token(world, world["home"].carrier)
    answer = _post(token, "/postings", _body(employer=world["other_employer"].credit_code))
    assert answer.status_code == 201
    posting = JobPosting.objects.get(external_id="HR-9")
    assert posting.source_organisation == world["home"].carrier
    assert posting.employer == world["other_employer"]


def test_errors_name_the_field(world: dict[str, Any]) -> None:
    token = _token(world, world["employer"])
    answer = _post(token, "/postings", _body(salary_min=50000))
    assert answer.status_code == 400 and "salary_min" in answer.json()["fields"]
    answer = _post(token, "/postings", _body(city="999999", industry="nope", languages=["xx"]))
    body = answer.json()
    assert answer.status_code == 400 and body["code"] == "unknown_code"
    assert set(body["fields"]) == {"city", "industry", "languages"}
    answer = Client().post(
        "/api/v1/jobs/postings?lang=en",
        _body(salary_min=50000),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert "lowest salary" in answer.json()["message"]
    assert not JobPosting.objects.filter(external_id="HR-9").exists()


def test_anonymous_write_is_refused(world: dict[str, Any]) -> None:
    answer = Client().post("/api/v1/jobs/postings", _body(), content_type="application/json")
    assert answer.status_code == 401
    assert answer.json()["code"] == "not_authenticated"


def test_rate_limit_answers_429_with_retry_after(world: dict[str, Any], settings: Any) -> None:
    settings.API_TOKEN_RATE_PER_MINUTE = 2
    token = _token(world, world["employer"])
    for _ in range(2):
        Client().get("/api/v1/jobs/postings/mine", HTTP_AUTHORIZATION=f"Bearer {token}")
    answer = Client().get("/api/v1/jobs/postings/mine", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert answer.status_code == 429 and int(answer["Retry-After"]) >= 1


def test_funnel_through_the_api(world: dict[str, Any]) -> None:
    token = _token(world, world["employer"])
    answer = _post(
        token, f"/postings/{world['posting'].pk}/invite", {"profile_id": world["talent"].pk}
    )
    assert answer.status_code == 201
    assert answer.json()["talent_email"] is None
    application = Application.objects.get()
    talent = client_for(world["people"]["talent"])
    answer = talent.post(
        f"/api/v1/jobs/applications/{application.pk}/move",
        {"to_stage": "applied"},
        content_type="application/json",
    )
    assert answer.status_code == 200
    answer = _post(token, f"/applications/{application.pk}/move", {"to_stage": "interview"})
    assert answer.status_code == 200 and answer.json()["talent_email"]
    answer = _post(token, f"/applications/{application.pk}/move", {"to_stage": "hired"})
    assert answer.status_code == 409


def test_other_employer_token_cannot_move(world: dict[str, Any]) -> None:
    from returnee_home.jobs.tests.factories import ApplicationFactory

    application = ApplicationFactory(posting=world["posting"])
    token = _token(world, world["other_employer"])
    answer = _post(token, f"/applications/{application.pk}/move", {"to_stage": "interview"})
    assert answer.status_code == 404


def test_talent_push_by_collecting_organisation(world: dict[str, Any]) -> None:
    token = _token(world, world["home"].carrier)
    body = {
        "external_id": "P-1",
        "full_name": "赵敏",
        "email": "zhao.min@example.com",
        "current_city_code": "320100",
        "skills": ["CRISPR", "基因编辑"],
    }
    assert _post(token, "/talents", body).status_code == 201
    assert _post(token, "/talents", body).status_code == 200
    employer_token = _token(world, world["employer"])
    assert _post(employer_token, "/talents", {**body, "external_id": "P-2"}).status_code == 403


def test_openapi_documents_the_jobs_operations(world: dict[str, Any]) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    assert "/api/v1/jobs/postings" in schema["paths"]
    assert "/api/v1/jobs/applications/{application_id}/move" in schema["paths"]
