"""Consent (recorded, asked again on a new version), data download, deletion with grace period."""

import datetime
import json
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from returnee_home.accounts import actions, personal_data
from returnee_home.accounts.models import ConsentRecord, IdentityDocument, User
from returnee_home.accounts.tasks import purge_deleted_accounts
from returnee_home.accounts.tests.conftest import signed_in
from returnee_home.accounts.tests.factories import IdentityDocumentFactory, UserFactory
from returnee_home.core.errors import ApplicationError
from returnee_home.core.models import AuditRecord
from returnee_home.core.storage import private_storage
from returnee_home.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_consent_is_recorded_with_version_and_address(talent: Any) -> None:
    client = Client(REMOTE_ADDR="203.0.113.9")
    client.force_login(talent)
    with override_settings(PRIVACY_POLICY_VERSION="2027-03"):
        response = client.get("/account/")
        assert response.status_code == 302
        assert response["Location"].startswith("/account/consent/?next=")
        # The public portal stays readable; the notice too.
        assert client.get("/account/privacy/").status_code == 200
        response = client.post("/account/consent/", {"next": "/account/"})
        assert response.status_code == 200  # box not ticked: refused, page again
        response = client.post("/account/consent/", {"accept": "on", "next": "/account/"})
        assert response["Location"] == "/account/"
        record = ConsentRecord.objects.filter(user=talent).order_by("-created_at").first()
        assert (record.version, record.accepted, record.ip_address) == (
            "2027-03",
            True,
            "203.0.113.9",
        )
        page = client.get("/en/account/").content.decode()
        assert "2027-03" in page and "2026-11" in page  # consent history shows both


def test_consent_gate_answers_api_with_json(talent: Any) -> None:
    client = signed_in(talent)
    with override_settings(PRIVACY_POLICY_VERSION="2027-03"):
        response = client.get("/api/v1/cities")
    assert response.status_code == 403
    assert response.json()["code"] == "consent_required"


def test_withdrawing_consent_is_audited_and_closes_private_pages(talent: Any) -> None:
    client = signed_in(talent)
    response = client.post("/account/consent/withdraw/")
    assert response.status_code == 302
    assert AuditRecord.objects.filter(action="accounts.consent_withdrawn", actor=talent).exists()
    assert client.get("/workspace/")["Location"].startswith("/account/consent/")
    # The person can still leave with their data.
    assert client.get("/account/my-data/?download=1").status_code == 200


def test_export_contains_everything_held_about_the_person(talent: Any, home: Any) -> None:
    document = IdentityDocumentFactory(user=talent, home=home)
    Notification.objects.create(recipient=talent, kind="x", title="你好")
    AuditRecord.objects.create(actor=talent, action="test.action", object_type="x")
    personal_data.register_exporter("tests.extra", lambda user: {"pk": user.pk})
    try:
        response = signed_in(talent).get("/en/account/my-data/?download=1")
    finally:
        personal_data._exporters.pop("tests.extra")
    assert response["Content-Disposition"].startswith("attachment;")
    body = response.content.decode()
    data = json.loads(body)["data"]
    assert data["accounts.user"]["email"] == talent.email
    assert data["accounts.user"]["full_name"] == "李四"
    assert data["accounts.consents"][0]["version"] == "2026-11" or data["accounts.consents"]
    assert data["accounts.identity_documents"][0]["number_masked"] == document.number_masked
    assert document.number not in body  # never the full number
    assert data["accounts.notifications"][0]["title"] == "你好"
    assert data["accounts.audit_records"][0]["action"] == "test.action"
    assert data["tests.extra"] == {"pk": talent.pk}


def test_deletion_needs_the_password_and_keeps_typed_errors(talent: Any) -> None:
    client = signed_in(talent)
    response = client.post("/en/account/delete/", {"password": "wrong"})
    assert "The password is not correct." in response.content.decode()
    talent.refresh_from_db()
    assert talent.deletion_requested_at is None
    response = client.post("/en/account/delete/", {"password": "correct-horse-battery"})
    assert response.status_code == 302
    talent.refresh_from_db()
    assert talent.deletion_requested_at is not None
    assert AuditRecord.objects.filter(action="accounts.deletion_requested").count() == 1
    assert Notification.objects.filter(recipient=talent, kind="accounts.deletion_requested")
    page = client.get("/en/account/").content.decode()
    assert "scheduled for deletion" in page
    client.post("/en/account/delete/cancel/")
    talent.refresh_from_db()
    assert talent.deletion_requested_at is None
    assert AuditRecord.objects.filter(action="accounts.deletion_cancelled").count() == 1


def test_purge_anonymises_after_the_grace_period_and_keeps_audit(
    talent: Any, home: Any, django_capture_on_commit_callbacks: Any
) -> None:
    document = IdentityDocumentFactory(user=talent, home=home)
    scan_name = document.scan.name
    assert private_storage().exists(scan_name)
    actions.account_deletion_request(user=talent, password="correct-horse-battery")
    requested = talent.deletion_requested_at
    with pytest.raises(ApplicationError):
        actions.account_purge(user=talent)  # too early
    assert purge_deleted_accounts() == 0
    later = requested + datetime.timedelta(days=15, minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.purge_due_accounts(now=later) == 1
    talent.refresh_from_db()
    assert talent.email == f"deleted-{talent.pk}@invalid"
    assert (talent.phone, talent.full_name, talent.is_active) == (None, "", False)
    assert not talent.has_usable_password()
    assert not IdentityDocument.objects.filter(user=talent).exists()
    assert not private_storage().exists(scan_name)
    assert not EmailAddress.objects.filter(user=talent).exists()
    assert not ConsentRecord.objects.filter(user=talent).exists()
    assert AuditRecord.objects.filter(action="accounts.deletion_requested", actor=talent).exists()
    assert AuditRecord.objects.filter(action="accounts.account_purged").exists()
    assert not Client().login(email=f"deleted-{talent.pk}@invalid", password="x")


def test_purge_command_runs_the_same_action(talent: Any) -> None:
    User.objects.filter(pk=talent.pk).update(
        deletion_requested_at=timezone.now() - datetime.timedelta(days=16)
    )
    call_command("purge_deleted_accounts", verbosity=0)
    talent.refresh_from_db()
    assert not talent.is_active and talent.email.endswith("@invalid")


def test_language_choice_is_stored_and_applied(talent: Any) -> None:
    client = signed_in(talent)
    response = client.post(
        "/account/profile/",
        {"full_name": "李四", "name_en": "Li Si", "preferred_language": "en"},
    )
    assert response["Location"] == "/en/account/"
    talent.refresh_from_db()
    assert (talent.preferred_language, talent.name_en) == ("en", "Li Si")
    response = client.post(
        "/en/account/profile/", {"full_name": "李四", "preferred_language": "xx"}
    )
    assert response.status_code == 200
    assert 'value="李四"' in response.content.decode()


def test_unconsented_user_factory_option() -> None:
    user = UserFactory(consented=False)
    assert signed_in(user).get("/account/").status_code == 302
