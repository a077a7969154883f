"""Personal API tokens on the services API: the token acts as its person with the session's
scope; read-only tokens cannot act; revoked and expired tokens, other people's cases and
organisation tokens are refused; calls are throttled per token."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.api import actions as api_actions
from returnee_home.api.models import PersonalToken
from returnee_home.services.models import RequestState

pytestmark = pytest.mark.django_db
BASE = "/api/v1/services"


def _token(user: Any, scope: str = "write", days: int = 30) -> str:
    _row, text = api_actions.personal_token_create(
        user=user, name="script", scope=scope, expires_at=timezone.now() + timedelta(days=days)
    )
    return text


def _get(path: str, token: str, **params: Any) -> Any:
    return Client().get(f"{BASE}{path}", params, HTTP_AUTHORIZATION=f"Bearer {token}")


def _post(path: str, token: str, body: dict[str, Any]) -> Any:
    return Client().post(
        f"{BASE}{path}", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )


def test_a_talent_token_lists_only_their_own_requests(svc: dict[str, Any], submitted) -> None:
    token = _token(svc["people"]["talent"], scope="read")
    response = _get("/requests", token)
    assert response.status_code == 200, response.content
    assert [r["id"] for r in response.json()["items"]] == [submitted.pk]
    detail = _get(f"/requests/{submitted.pk}", token)
    assert detail.status_code == 200
    assert detail.json()["case_number"] == submitted.case_number


def test_another_persons_token_gets_404_for_the_case(svc: dict[str, Any], submitted) -> None:
    stranger = _token(UserFactory())
    assert _get("/requests", stranger).json()["items"] == []
    response = _get(f"/requests/{submitted.pk}", stranger)
    assert response.status_code == 404
    assert set(response.json()) == {"code", "message", "fields"}
    # Staff of another Home cannot reach it through the workbench either.
    other = _token(svc["other_staff"].user)
    assert _get(f"/workbench/{submitted.pk}", other).status_code == 404
    assert _post(f"/workbench/{submitted.pk}/accept", other, {}).status_code == 404


def test_a_staff_token_works_the_homes_requests(svc: dict[str, Any], submitted) -> None:
    token = _token(svc["people"]["staff"])
    listed = _get("/workbench", token)
    assert listed.status_code == 200
    assert [r["id"] for r in listed.json()["items"]] == [submitted.pk]
    accepted = _post(f"/workbench/{submitted.pk}/accept", token, {"message": "收到"})
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["state"] == RequestState.ACCEPTED
    event = submitted.events.order_by("-pk").first()
    assert event.actor_id == svc["people"]["staff"].pk


def test_a_talent_token_is_not_a_staff_token(svc: dict[str, Any], submitted) -> None:
    response = _get("/workbench", _token(svc["people"]["talent"]))
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_a_read_only_token_cannot_take_a_step(svc: dict[str, Any], submitted) -> None:
    token = _token(svc["people"]["staff"], scope="read")
    assert _get("/workbench", token).status_code == 200
    response = _post(f"/workbench/{submitted.pk}/accept", token, {})
    assert response.status_code == 403
    assert response.json()["code"] == "insufficient_scope"
    submitted.refresh_from_db()
    assert submitted.state == RequestState.SUBMITTED


def test_revoked_and_expired_tokens_are_refused(svc: dict[str, Any], submitted) -> None:
    talent = svc["people"]["talent"]
    token = _token(talent)
    row = PersonalToken.objects.get(user=talent)
    api_actions.personal_token_revoke(user=talent, token=row)
    response = _get("/requests", token)
    assert response.status_code == 401
    assert response.json()["code"] == "token_revoked"

    expiring = _token(talent)
    PersonalToken.objects.filter(revoked_at__isnull=True).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    response = _get("/requests", expiring)
    assert response.status_code == 401
    assert response.json()["code"] == "token_expired"
    wrong = expiring[:-4] + "abcd"
    assert _get("/requests", wrong).json()["code"] == "invalid_token"


def test_an_organisation_token_does_not_act_for_a_person(svc: dict[str, Any]) -> None:
    _row, org_token = api_actions.api_token_create(
        actor=svc["people"]["manager"], organisation=svc["home"].carrier, name="Home system"
    )
    response = _get("/workbench", org_token)
    assert response.status_code == 403
    assert response.json()["code"] == "personal_token_required"


def test_a_deactivated_person_or_one_without_consent_is_refused(svc: dict[str, Any]) -> None:
    person = UserFactory()
    token = _token(person)
    person.is_active = False
    person.save(update_fields=["is_active"])
    assert _get("/requests", token).json()["code"] == "person_inactive"
    no_consent = UserFactory(consented=False)
    token = _token(no_consent)
    response = _get("/requests", token)
    assert response.status_code == 403
    assert response.json()["code"] == "consent_required"


@override_settings(API_TOKEN_RATE_PER_MINUTE=3)
def test_calls_are_throttled_per_token(svc: dict[str, Any]) -> None:
    from django.core.cache import cache

    cache.clear()
    first, second = _token(svc["people"]["talent"]), _token(svc["people"]["talent"])
    statuses = [_get("/requests", first).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = _get("/requests", first)
    assert limited.json()["code"] == "throttled"
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert _get("/requests", second).status_code == 200  # another token has its own budget


def test_the_token_records_its_last_use(svc: dict[str, Any]) -> None:
    token = _token(svc["people"]["talent"])
    assert PersonalToken.objects.get().last_used_at is None
    _get("/requests", token)
    assert PersonalToken.objects.get().last_used_at is not None


def test_openapi_documents_personal_tokens_on_person_operations(svc: dict[str, Any]) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["PersonalTokenAuth"]["scheme"] == "bearer"
    assert "rhp_" in schemes["PersonalTokenAuth"]["description"]
    for path, method in [
        ("/api/v1/services/requests", "get"),
        ("/api/v1/services/workbench/{request_id}/{step}", "post"),
        ("/api/v1/appointments/bookings", "post"),
        ("/api/v1/consultations/mine", "get"),
    ]:
        security = schema["paths"][path][method]["security"]
        assert {"PersonalTokenAuth": []} in security, path
    assert "rhp_" in schema["info"]["description"]
