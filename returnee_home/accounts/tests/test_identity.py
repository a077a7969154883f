"""Real-name verification: submission checks, encryption at rest, masking, the Home's queue,
decisions, notifications, scoping and the two-factor gate."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from returnee_home.accounts import actions
from returnee_home.accounts.models import IdentityDocument
from returnee_home.accounts.tests.conftest import signed_in
from returnee_home.accounts.tests.factories import (
    PNG_BYTES,
    VALID_RESIDENT_ID,
    IdentityDocumentFactory,
    UserFactory,
)
from returnee_home.core.errors import ApplicationError
from returnee_home.core.models import AuditRecord, Country
from returnee_home.notifications.models import Notification
from returnee_home.orgs.models import Role
from returnee_home.orgs.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _form(home: Any, **overrides: Any) -> dict[str, Any]:
    data = {
        "kind": "resident_id",
        "nationality": Country.objects.get(code="CN").pk,
        "full_name": "李四",
        "number": VALID_RESIDENT_ID,
        "home": home.pk,
        "scan": SimpleUploadedFile("id.png", PNG_BYTES, content_type="image/png"),
    }
    data.update(overrides)
    return data


def test_submission_is_encrypted_at_rest_and_masked(
    talent_client: Client, talent: Any, home: Any
) -> None:
    response = talent_client.post("/en/account/identity/", _form(home))
    assert response.status_code == 302
    document = IdentityDocument.objects.get(user=talent)
    assert document.number == VALID_RESIDENT_ID
    with connection.cursor() as cursor:
        cursor.execute("SELECT number FROM accounts_identitydocument WHERE id = %s", [document.pk])
        raw = cursor.fetchone()[0]
    assert VALID_RESIDENT_ID not in raw and "002X" not in raw
    assert document.number_masked == "1101**********002X"
    page = talent_client.get("/en/account/identity/").content.decode()
    assert "1101**********002X" in page and VALID_RESIDENT_ID not in page
    audit = AuditRecord.objects.get(action="accounts.identity_submitted")
    assert VALID_RESIDENT_ID not in str(audit.changes) + audit.object_repr + audit.note


def test_bad_checksum_is_refused_and_input_kept(talent_client: Client, home: Any) -> None:
    response = talent_client.post(
        "/en/account/identity/", _form(home, number="320102199001011234", full_name="王五")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "The last character does not match" in html
    assert 'value="王五"' in html and 'value="320102199001011234"' in html
    assert not IdentityDocument.objects.exists()


def test_pdf_named_file_that_is_really_text_is_refused(talent_client: Client, home: Any) -> None:
    fake = SimpleUploadedFile("passport.pdf", b"just some text, not a PDF", "application/pdf")
    response = talent_client.post("/en/account/identity/", _form(home, scan=fake))
    assert "Upload a PDF, JPEG or PNG file" in response.content.decode()
    assert not IdentityDocument.objects.exists()


def test_real_pdf_is_accepted_for_a_foreign_passport(talent_client: Client, home: Any) -> None:
    pdf = SimpleUploadedFile(
        "p.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "application/pdf"
    )
    response = talent_client.post(
        "/en/account/identity/",
        _form(
            home,
            kind="passport",
            nationality=Country.objects.get(code="GB").pk,
            number="123456789",
            scan=pdf,
        ),
    )
    assert response.status_code == 302
    assert IdentityDocument.objects.get().scan_content_type == "application/pdf"


def test_too_large_file_is_refused(talent_client: Client, home: Any, settings: Any) -> None:
    settings.UPLOAD_MAX_BYTES = 50
    response = talent_client.post("/en/account/identity/", _form(home))
    assert "too large" in response.content.decode()


def test_resident_id_needs_chinese_nationality(talent_client: Client, home: Any) -> None:
    response = talent_client.post(
        "/en/account/identity/", _form(home, nationality=Country.objects.get(code="GB").pk)
    )
    assert "for citizens of mainland China" in response.content.decode()


def test_queue_shows_only_the_staff_members_home(staff: Any, home: Any, other_home: Any) -> None:
    mine = IdentityDocumentFactory(home=home, full_name="本家申请人")
    IdentityDocumentFactory(home=other_home, full_name="别家申请人")
    page = signed_in(staff).get("/en/account/identity/review/").content.decode()
    assert "本家申请人" in page and "别家申请人" not in page
    assert mine.number not in page and mine.number_masked in page


def test_queue_query_count_does_not_grow(staff: Any, home: Any) -> None:
    client = signed_in(staff)
    IdentityDocumentFactory(home=home)
    client.get("/account/identity/review/")
    with CaptureQueriesContext(connection) as first:
        client.get("/account/identity/review/")
    for _ in range(5):
        IdentityDocumentFactory(home=home)
    with CaptureQueriesContext(connection) as second:
        client.get("/account/identity/review/")
    assert len(second) == len(first)


def test_other_homes_staff_get_404_and_talents_403(
    other_staff: Any, talent: Any, home: Any
) -> None:
    document = IdentityDocumentFactory(home=home)
    other = signed_in(other_staff)
    assert other.get(f"/account/identity/review/{document.pk}/").status_code == 404
    assert other.get(f"/account/identity/review/{document.pk}/scan/").status_code == 404
    assert (
        other.post(f"/account/identity/review/{document.pk}/", {"decision": "verify"}).status_code
        == 404
    )
    person = signed_in(talent)
    assert person.get("/account/identity/review/").status_code == 403
    assert person.get(f"/account/identity/review/{document.pk}/").status_code == 403
    # Someone else's own-scan link is not theirs either.
    assert person.get(f"/account/identity/{document.pk}/scan/").status_code == 404
    document.refresh_from_db()
    assert document.status == IdentityDocument.Status.PENDING


def test_city_admin_without_home_role_cannot_review(home: Any) -> None:
    from returnee_home.accounts.tests.factories import activate_totp

    admin = UserFactory()
    MembershipFactory(user=admin, organisation=home.carrier, role=Role.CITY_ADMIN)
    activate_totp(admin)
    assert signed_in(admin).get("/account/identity/review/").status_code == 403


def test_staff_sees_full_number_and_scan_then_verifies(
    staff: Any, home: Any, django_capture_on_commit_callbacks: Any
) -> None:
    person = UserFactory(preferred_language="en")
    document = IdentityDocumentFactory(user=person, home=home)
    client = signed_in(staff)
    page = client.get(f"/account/identity/review/{document.pk}/").content.decode()
    assert VALID_RESIDENT_ID in page
    scan = client.get(f"/account/identity/review/{document.pk}/scan/")
    assert scan.status_code == 200 and scan["Content-Type"] == "image/png"
    assert b"".join(scan.streaming_content) == PNG_BYTES
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/account/identity/review/{document.pk}/", {"decision": "verify"})
    assert response.status_code == 302
    document.refresh_from_db()
    person.refresh_from_db()
    assert document.status == "verified" and document.reviewer == staff
    assert person.is_real_name_verified
    note = Notification.objects.get(recipient=person, kind="accounts.identity_verified")
    assert note.title == "Your real name is verified"  # in the person's language
    audit = AuditRecord.objects.get(action="accounts.identity_verified")
    assert audit.actor == staff and VALID_RESIDENT_ID not in str(audit.changes) + audit.object_repr
    profile = signed_in(person).get("/en/account/").content.decode()
    assert '<span class="verified">' in profile
    # A second decision on the same document is refused.
    with pytest.raises(ApplicationError) as caught:
        actions.identity_document_reject(actor=staff, document=document, reason="x")
    assert caught.value.code == "illegal_transition"


def test_rejection_needs_a_reason_and_allows_resubmission(
    staff: Any, home: Any, talent: Any
) -> None:
    document = IdentityDocumentFactory(user=talent, home=home)
    client = signed_in(staff)
    response = client.post(
        f"/en/account/identity/review/{document.pk}/", {"decision": "reject", "reason": ""}
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    response = client.post(
        f"/account/identity/review/{document.pk}/",
        {"decision": "reject", "reason": "扫描件模糊，请重新上传"},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == "rejected" and document.rejection_reason.startswith("扫描件模糊")
    note = Notification.objects.get(recipient=talent, kind="accounts.identity_rejected")
    assert "扫描件模糊" in note.body
    talent.refresh_from_db()
    assert not talent.is_real_name_verified
    # Resubmission creates a new pending document; the rejected one stays as it was.
    response = signed_in(talent).post("/en/account/identity/", _form(home))
    assert response.status_code == 302
    assert IdentityDocument.objects.filter(user=talent, status="pending").count() == 1
    assert IdentityDocument.objects.filter(user=talent, status="rejected").count() == 1


def test_second_pending_and_duplicate_numbers_are_refused(talent: Any, home: Any) -> None:
    IdentityDocumentFactory(user=talent, home=home)
    cn = Country.objects.get(code="CN")
    scan = SimpleUploadedFile("a.png", PNG_BYTES)
    with pytest.raises(ApplicationError) as caught:
        actions.identity_document_submit(
            user=talent,
            kind="resident_id",
            full_name="李四",
            nationality=cn,
            number=VALID_RESIDENT_ID,
            scan=scan,
            home=home,
        )
    assert caught.value.code == "already_pending"
    IdentityDocumentFactory(status="verified", reviewed_at="2026-01-01T00:00:00Z", home=home)
    someone = UserFactory()
    with pytest.raises(ApplicationError) as caught:
        actions.identity_document_submit(
            user=someone,
            kind="resident_id",
            full_name="李四",
            nationality=cn,
            number=VALID_RESIDENT_ID,
            scan=SimpleUploadedFile("b.png", PNG_BYTES),
            home=home,
        )
    assert caught.value.code == "duplicate_document"


def test_staff_without_totp_is_sent_to_two_factor_setup_from_every_private_page(home: Any) -> None:
    staff = UserFactory()
    MembershipFactory(user=staff, organisation=home.carrier, role=Role.HOME_STAFF)
    client = signed_in(staff)
    for path in [
        "/workspace/",
        "/account/",
        "/account/identity/review/",
        "/en/account/",
        "/notifications/",
    ]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].endswith("/accounts/2fa/totp/activate/"), path
    # Set-up asks for the password again, then shows the QR code.
    response = client.get("/en/accounts/2fa/totp/activate/")
    assert "/reauthenticate/" in response["Location"]
    client.post(response["Location"], {"password": "correct-horse-battery"})
    page = client.get("/en/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    assert "data:image/svg+xml" in page.content.decode()  # QR code as an image, allowed by CSP


def test_with_totp_the_login_asks_for_the_code(staff: Any) -> None:
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    from returnee_home.accounts.tests.factories import DEMO_TOTP_SECRET

    client = Client()
    response = client.post(
        "/en/accounts/login/", {"login": staff.email, "password": "correct-horse-battery"}
    )
    assert response["Location"].endswith("/accounts/2fa/authenticate/")
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "<h1>" in page
    code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, next(yield_hotp_counters_from_time())))
    response = client.post("/en/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)
