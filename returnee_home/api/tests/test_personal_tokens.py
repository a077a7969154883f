"""The personal API tokens page: any signed-in person creates (shown once, stored hashed, with
a scope and an expiry), sees the last use of, and revokes their own tokens; staff need
two-factor authentication; nobody reaches another person's token."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from returnee_home.accounts.tests.factories import UserFactory, activate_totp
from returnee_home.api import actions
from returnee_home.api.models import PersonalToken
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.core.models import AuditRecord
from returnee_home.orgs.models import Role
from returnee_home.orgs.tests.factories import HomeFactory, MembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("returnee_home.api.tests.urls")]
PAGE = "/en/api-tokens/personal/"


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _secret(html: str) -> str:
    start = html.index('class="token-secret">') + len('class="token-secret">')
    return html[start : html.index("</output>", start)]


def test_a_talent_creates_a_token_shown_once_and_stored_hashed():
    talent = UserFactory(email="li@example.cn")
    client = _client(talent)
    response = client.post(PAGE, {"name": "My script", "scope": "read", "valid_for": "30"})
    html = response.content.decode()
    assert response.status_code == 200, html
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    token = PersonalToken.objects.get()
    full = _secret(html)
    assert full.startswith(f"rhp_{token.prefix}_")
    assert token.user == talent and token.scope == "read"
    assert full not in (token.secret_hash, token.prefix, token.name)
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    me = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {full}").json()
    assert me["kind"] == "person" and me["person"]["email"] == "li@example.cn"
    assert me["token"]["scope"] == "read"
    again = client.get(PAGE).content.decode()
    assert full not in again
    assert f"rhp_{token.prefix}_…" in again and "Read only" in again
    assert "never" not in again  # last use is shown
    secret_part = full.split("_", 2)[2]
    record = AuditRecord.objects.get(action="api.personal_token.create")
    assert secret_part not in str(record.changes) + record.note + record.object_repr


def test_the_page_is_in_chinese_and_explains_errors():
    client = _client(UserFactory())
    response = client.post("/api-tokens/personal/", {"name": "", "scope": "admin"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "我的接口令牌" in html and "权限" in html
    assert not PersonalToken.objects.exists()


def test_revoke_own_token_and_not_anyone_elses():
    owner, other = UserFactory(), UserFactory()
    row, full = actions.personal_token_create(
        user=owner, name="x", scope="write", expires_at=timezone.now() + timedelta(days=5)
    )
    # Another person cannot see or revoke it: 404, and it keeps working.
    assert _client(other).post(f"{PAGE}{row.pk}/revoke/").status_code == 404
    assert "rhp_" + row.prefix not in _client(other).get(PAGE).content.decode()
    with pytest.raises(NotFoundError):
        actions.personal_token_revoke(user=other, token=row)
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {full}").status_code == 200
    response = _client(owner).post(f"{PAGE}{row.pk}/revoke/", follow=True)
    assert "is revoked" in response.content.decode()
    row.refresh_from_db()
    assert row.revoked_at is not None
    answer = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {full}")
    assert answer.status_code == 401 and answer.json()["code"] == "token_revoked"
    with pytest.raises(ApplicationError):
        actions.personal_token_revoke(user=owner, token=row)
    assert AuditRecord.objects.filter(action="api.personal_token.revoke").count() == 1


def test_staff_need_two_factor_to_create_a_token():
    home = HomeFactory()
    staff = MembershipFactory(organisation=home.carrier, role=Role.HOME_STAFF).user
    with pytest.raises(PermissionDeniedError) as refused:
        actions.personal_token_create(
            user=staff, name="x", scope="read", expires_at=timezone.now() + timedelta(days=5)
        )
    assert refused.value.code == "two_factor_required"
    # Without two-factor the page itself is closed (the account gate sends them to set it up).
    assert _client(staff).get(PAGE).status_code == 302
    activate_totp(staff)
    row, full = actions.personal_token_create(
        user=staff, name="x", scope="read", expires_at=timezone.now() + timedelta(days=5)
    )
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {full}").status_code == 200
    # If two-factor is later removed, the token stops working until it is set up again.
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=staff).delete()
    answer = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {full}")
    assert answer.status_code == 403 and answer.json()["code"] == "two_factor_required"


def test_expiry_must_be_within_a_year_and_in_the_future():
    person = UserFactory()
    for when in (timezone.now() - timedelta(minutes=1), timezone.now() + timedelta(days=400)):
        with pytest.raises(ApplicationError) as refused:
            actions.personal_token_create(user=person, name="x", scope="read", expires_at=when)
        assert refused.value.code == "invalid_expiry"
    with pytest.raises(ApplicationError):
        actions.personal_token_create(
            user=person, name="x", scope="root", expires_at=timezone.now() + timedelta(days=1)
        )
    assert not PersonalToken.objects.exists()


def test_the_menu_links_everyone_to_their_tokens():
    html = _client(UserFactory()).get("/en/account/").content.decode()
    assert PAGE in html


def test_anonymous_visitors_are_sent_to_sign_in():
    response = Client().get(PAGE)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
