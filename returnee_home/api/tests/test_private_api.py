from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.api import actions
from returnee_home.api.models import ApiToken
from returnee_home.core.models import AuditRecord
from returnee_home.orgs.models import Role
from returnee_home.orgs.tests.factories import HomeFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_me_requires_authentication_with_the_error_shape(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    body = response.json()
    assert body["code"] == "not_authenticated"
    assert body["fields"] == {}
    assert "Authorization" in body["message"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_me_with_a_session(client_a, contact_a, employer_a):
    data = client_a.get("/api/v1/me").json()
    assert data["kind"] == "person"
    assert data["person"]["email"] == "chen@a.example.cn"
    [membership] = data["person"]["memberships"]
    assert membership["organisation_id"] == employer_a.pk
    assert membership["organisation_name"] == "甲科技有限公司"
    assert membership["role"] == "employer"
    assert membership["role_label"] not in ("", "Employer contact")  # Chinese by default


def test_me_with_a_token(client, token_a, employer_a):
    data = client.get("/api/v1/me", **bearer(token_a)).json()
    assert data["kind"] == "organisation"
    assert data["organisation"]["id"] == employer_a.pk
    assert data["token"]["name"] == "甲公司人事系统"
    assert "secret_hash" not in str(data)


def test_members_of_own_organisation_with_a_token(client, token_a, employer_a, contact_a):
    MembershipFactory.create_batch(2, organisation=employer_a, role=Role.EMPLOYER_CONTACT)
    response = client.get(f"/api/v1/organisations/{employer_a.pk}/members", **bearer(token_a))
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 3
    assert "chen@a.example.cn" in {m["email"] for m in data["items"]}


def test_a_token_of_org_a_cannot_read_org_b_members(client, token_a, employer_b, contact_b):
    response = client.get(f"/api/v1/organisations/{employer_b.pk}/members", **bearer(token_a))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_session_reads_only_its_own_organisations_members(client_a, employer_a, employer_b):
    assert client_a.get(f"/api/v1/organisations/{employer_a.pk}/members").status_code == 200
    assert client_a.get(f"/api/v1/organisations/{employer_b.pk}/members").status_code == 404
    home = HomeFactory()
    assert client_a.get(f"/api/v1/organisations/{home.carrier.pk}/members").status_code == 404


def test_the_token_is_stored_hashed_and_never_in_the_audit_log(token_a):
    stored = ApiToken.objects.get()
    assert token_a not in (stored.secret_hash, stored.prefix, stored.name)
    secret_part = token_a.split("_", 2)[2]
    for record in AuditRecord.objects.all():
        assert secret_part not in str(record.changes) + record.note + record.object_repr
    record = AuditRecord.objects.get(action="api.token.create")
    assert record.organisation_id == stored.organisation_id
    assert record.city_code == "320100"


def test_a_wrong_or_malformed_token_is_401(client, token_a):
    for text in (token_a[:-2] + "xx", "rh_deadbeef_nope", "garbage"):
        response = client.get("/api/v1/me", **bearer(text))
        assert response.status_code == 401
        assert response.json()["code"] in {"invalid_token", "not_authenticated"}


def test_a_revoked_token_is_401(client, token_a, contact_a):
    actions.api_token_revoke(actor=contact_a, token=ApiToken.objects.get())
    response = client.get("/api/v1/me", **bearer(token_a), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert response.json() == {
        "code": "token_revoked",
        "message": "The API token has been revoked.",
        "fields": {},
    }
    assert AuditRecord.objects.filter(action="api.token.revoke").count() == 1


def test_an_expired_token_is_401(client, contact_a, employer_a):
    token, text = actions.api_token_create(
        actor=contact_a,
        organisation=employer_a,
        name="short",
        expires_at=timezone.now() + timedelta(hours=1),
    )
    assert client.get("/api/v1/me", **bearer(text)).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get("/api/v1/me", **bearer(text))
    assert response.status_code == 401
    assert response.json()["code"] == "token_expired"
    assert response.json()["message"] == "接口令牌已过期。"


def test_token_use_records_last_used(client, token_a):
    assert ApiToken.objects.get().last_used_at is None
    client.get("/api/v1/me", **bearer(token_a))
    assert ApiToken.objects.get().last_used_at is not None


def test_token_use_is_throttled(client, token_a, settings):
    settings.API_TOKEN_RATE_PER_MINUTE = 3
    statuses = [client.get("/api/v1/me", **bearer(token_a)).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/me", **bearer(token_a), HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["code"] == "throttled"
    assert int(response["Retry-After"]) > 0


def test_only_manager_level_members_create_tokens_for_their_own_organisation(contact_a, employer_b):
    from returnee_home.core.errors import PermissionDeniedError

    with pytest.raises(PermissionDeniedError):
        actions.api_token_create(actor=contact_a, organisation=employer_b, name="x")
    home = HomeFactory()
    staff = MembershipFactory(organisation=home.carrier, role=Role.HOME_STAFF).user
    with pytest.raises(PermissionDeniedError):
        actions.api_token_create(actor=staff, organisation=home.carrier, name="x")
    manager = MembershipFactory(organisation=home.carrier, role=Role.HOME_MANAGER).user
    token, _text = actions.api_token_create(actor=manager, organisation=home.carrier, name="x")
    assert token.organisation == home.carrier
    with pytest.raises(PermissionDeniedError):
        actions.api_token_revoke(actor=staff, token=token)


def test_session_unsafe_methods_need_csrf(contact_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(contact_a)
    response = client.post("/api/v1/me")
    assert response.status_code in (403, 405)


def test_staff_without_two_factor_gets_403_json(client):
    staff = MembershipFactory(organisation=HomeFactory().carrier, role=Role.HOME_STAFF).user
    client.force_login(staff)
    response = client.get("/api/v1/me")
    assert response.status_code == 403
    assert response.json()["code"] == "two_factor_required"


def test_a_deactivated_person_session_is_not_a_caller(client):
    user = UserFactory()
    client.force_login(user)
    user.is_active = False
    user.save()
    assert client.get("/api/v1/me").status_code == 401
