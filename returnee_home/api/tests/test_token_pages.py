from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from returnee_home.accounts.tests.factories import UserFactory, activate_totp
from returnee_home.api.models import ApiToken
from returnee_home.core.models import AuditRecord
from returnee_home.orgs.models import OrgKind, Role
from returnee_home.orgs.tests.factories import HomeFactory, MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("returnee_home.api.tests.urls")]


def test_create_shows_the_full_token_once_and_audits(client_a, employer_a):
    response = client_a.post(
        "/en/api-tokens/", {"organisation": employer_a.pk, "name": "HR system"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    token = ApiToken.objects.get()
    assert "Copy the token now" in html
    start = html.index('class="token-secret">') + len('class="token-secret">')
    full = html[start : html.index("</output>", start)]
    assert full.startswith(f"rh_{token.prefix}_")
    # The token works, and the list page never shows it again.
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {full}").status_code == 200
    again = client_a.get("/en/api-tokens/").content.decode()
    assert full not in again
    assert f"rh_{token.prefix}_…" in again
    assert AuditRecord.objects.filter(action="api.token.create", object_id=str(token.pk)).exists()


def test_create_with_errors_keeps_input_and_explains_in_chinese(client_a, employer_a):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client_a.post(
        "/api-tokens/", {"organisation": employer_a.pk, "name": "人事系统", "expires_on": yesterday}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "有效期须晚于今天。" in html
    assert 'value="人事系统"' in html
    assert not ApiToken.objects.exists()
    response = client_a.post("/api-tokens/", {"organisation": employer_a.pk, "name": ""})
    assert "此项为必填项" in response.content.decode() or "这个字段是必填项" in (
        response.content.decode()
    )


def test_cannot_create_for_another_organisation(client_a, employer_b):
    response = client_a.post("/api-tokens/", {"organisation": employer_b.pk, "name": "x"})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_expiry_date_sets_end_of_day(client_a, employer_a):
    day = timezone.localdate() + timedelta(days=30)
    client_a.post(
        "/api-tokens/",
        {"organisation": employer_a.pk, "name": "x", "expires_on": day.isoformat()},
    )
    token = ApiToken.objects.get()
    assert timezone.localtime(token.expires_at).date() == day + timedelta(days=1)
    assert timezone.localtime(token.expires_at).hour == 0


def test_revoke(client_a, token_a):
    token = ApiToken.objects.get()
    response = client_a.post(f"/api-tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "已撤销" in client_a.get("/api-tokens/").content.decode()
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token_a}").status_code == 401


def test_revoke_another_organisations_token_is_404(contact_b, token_a):
    client = Client()
    client.force_login(contact_b)
    token = ApiToken.objects.get()
    assert client.post(f"/api-tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_list_shows_only_own_organisations_tokens(client_a, contact_b, employer_b, token_a):
    from returnee_home.api import actions

    actions.api_token_create(actor=contact_b, organisation=employer_b, name="乙公司系统")
    html = client_a.get("/api-tokens/").content.decode()
    assert "甲公司人事系统" in html
    assert "乙公司系统" not in html


def test_revoke_needs_post_and_csrf(contact_a, token_a):
    token = ApiToken.objects.get()
    client = Client(enforce_csrf_checks=True)
    client.force_login(contact_a)
    assert client.get(f"/api-tokens/{token.pk}/revoke/").status_code == 405
    assert client.post(f"/api-tokens/{token.pk}/revoke/").status_code == 403


@pytest.mark.parametrize("role", [Role.HOME_STAFF])
def test_home_staff_cannot_manage_tokens(role):  # type: ignore[no-untyped-def]
    staff = MembershipFactory(organisation=HomeFactory().carrier, role=role).user
    activate_totp(staff)
    client = Client()
    client.force_login(staff)
    assert client.get("/api-tokens/").status_code == 403


def test_talent_and_anonymous_cannot_manage_tokens(client):
    assert client.get("/api-tokens/").status_code == 302
    client.force_login(UserFactory())
    assert client.get("/api-tokens/").status_code == 403


def test_home_manager_and_city_admin_manage_their_own_organisation():
    home = HomeFactory()
    manager = MembershipFactory(organisation=home.carrier, role=Role.HOME_MANAGER).user
    bureau = OrganisationFactory(kind=OrgKind.CITY_BUREAU)
    admin = MembershipFactory(organisation=bureau, role=Role.CITY_ADMIN).user
    for user, org in ((manager, home.carrier), (admin, bureau)):
        activate_totp(user)
        client = Client()
        client.force_login(user)
        assert client.get("/api-tokens/").status_code == 200
        client.post("/api-tokens/", {"organisation": org.pk, "name": "系统"})
        assert ApiToken.objects.filter(organisation=org).count() == 1
    # The city admin does not manage the Home's token by being in the same city.
    admin_client = Client()
    admin_client.force_login(admin)
    home_token = ApiToken.objects.get(organisation=home.carrier)
    assert admin_client.post(f"/api-tokens/{home_token.pk}/revoke/").status_code == 404


def test_menu_link_for_managers_only(contact_a):
    from django.test import RequestFactory

    from returnee_home.core.navigation import workspace_menu

    def urls(user):  # type: ignore[no-untyped-def]
        request = RequestFactory().get("/workspace/")
        request.user = user
        return [link["url"] for s in workspace_menu(request) for link in s["links"]]

    assert "/api-tokens/" in urls(contact_a)
    assert "/api-tokens/" not in urls(UserFactory())
