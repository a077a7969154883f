from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.core.errors import ApplicationError, PermissionDeniedError
from returnee_home.core.models import AuditRecord, IndustryCluster
from returnee_home.notifications.models import Notification
from returnee_home.orgs import actions, selectors
from returnee_home.orgs.models import (
    Home,
    Invitation,
    Membership,
    Organisation,
    OrgKind,
    Role,
    VerificationStatus,
)
from returnee_home.orgs.tests.factories import OrganisationFactory
from returnee_home.orgs.tests.test_validators import valid_code

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\0" * 40


def pdf(name: str = "licence.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def industry(db: Any) -> IndustryCluster:
    return IndustryCluster.objects.create(code="BIO", name_zh="生物医药", name_en="Biomedicine")


def register(user: Any, world: dict, industry: Any, **overrides: Any) -> Organisation:
    values = {
        "user": user,
        "name_zh": "南京示例生物科技有限公司",
        "name_en": "Nanjing Example Biotech Co., Ltd.",
        "credit_code": valid_code(),
        "address": "南京市江北新区药谷大道1号",
        "city": world["nanjing"],
        "industry": industry,
        "business_licence": pdf(),
    }
    values.update(overrides)
    return actions.employer_register(**values)


# --- Organisations and Homes ---------------------------------------------------------------


def test_province_admin_creates_organisations_of_each_kind(world: dict) -> None:
    admin = world["people"]["province"]
    for kind in [k for k in OrgKind.values if k != OrgKind.PROVINCE]:
        org = actions.organisation_create(
            actor=admin, kind=kind, name_zh=f"新机构{kind}", city=world["suzhou"]
        )
        assert org.kind == kind
        assert AuditRecord.objects.filter(action="organisation.create", object_id=str(org.pk))
    with pytest.raises(ApplicationError):
        actions.organisation_create(actor=admin, kind=OrgKind.PROVINCE, name_zh="x", city=None)


def test_city_admin_creates_only_in_their_city_and_counties(world: dict) -> None:
    admin = world["people"]["city"]
    org = actions.organisation_create(
        actor=admin, kind=OrgKind.EMPLOYER, name_zh="本市企业", city=world["nanjing"]
    )
    assert org.verification_status == VerificationStatus.VERIFIED
    with pytest.raises(PermissionDeniedError):
        actions.organisation_create(
            actor=admin, kind=OrgKind.EMPLOYER, name_zh="外市企业", city=world["suzhou"]
        )
    suzhou_admin = UserFactory()
    Membership.objects.create(
        user=suzhou_admin, organisation=world["other_bureau"], role=Role.CITY_ADMIN
    )
    from returnee_home.orgs.tests.factories import city

    kunshan = actions.organisation_create(
        actor=suzhou_admin, kind=OrgKind.SERVICE_WINDOW, name_zh="昆山窗口", city=city("320583")
    )
    assert kunshan.city.code == "320583"


def test_home_create_refuses_second_home_and_wrong_carrier(world: dict) -> None:
    admin = world["people"]["province"]
    carrier = OrganisationFactory(kind=OrgKind.STARTUP_PARK, city=world["suzhou"])
    home = actions.home_create(
        actor=admin,
        carrier=carrier,
        code="sz09",
        slug="suzhou-park",
        name_zh="苏州园区留学人员之家",
        address_zh="苏州工业园区1号",
        status=Home.Status.NAMED,
    )
    assert home.code == "SZ09" and home.city == world["suzhou"] and home.named_on
    with pytest.raises(ApplicationError) as info:
        actions.home_create(
            actor=admin, carrier=carrier, code="SZ10", slug="x", name_zh="x", address_zh="x"
        )
    assert info.value.code == "carrier_has_home"
    with pytest.raises(ApplicationError) as info:
        actions.home_create(
            actor=admin,
            carrier=world["employer"],
            code="SZ11",
            slug="y",
            name_zh="x",
            address_zh="x",
        )
    assert info.value.code == "carrier_kind"
    other = OrganisationFactory(kind=OrgKind.SERVICE_WINDOW, city=world["suzhou"])
    with pytest.raises(ApplicationError) as info:
        actions.home_create(
            actor=admin, carrier=other, code="SZ09", slug="suzhou-park", name_zh="x", address_zh="x"
        )
    assert set(info.value.fields) == {"code", "slug"}


def test_city_admin_cannot_create_home_in_another_city(world: dict) -> None:
    carrier = OrganisationFactory(kind=OrgKind.SERVICE_WINDOW, city=world["suzhou"])
    with pytest.raises(PermissionDeniedError):
        actions.home_create(
            actor=world["people"]["city"],
            carrier=carrier,
            code="Q1",
            slug="q1",
            name_zh="x",
            address_zh="x",
        )


def test_manager_updates_public_details_audited(
    world: dict, django_capture_on_commit_callbacks: Any
) -> None:
    home = world["home"]
    with django_capture_on_commit_callbacks(execute=True):
        actions.home_update_public_details(
            actor=world["people"]["manager"],
            home=home,
            values={"opening_hours_zh": "周一至周六 9:00-18:00", "phone": "025-12345678"},
        )
    home.refresh_from_db()
    assert home.opening_hours_zh == "周一至周六 9:00-18:00"
    record = AuditRecord.objects.get(action="home.update")
    assert record.changes["phone"] == ["", "025-12345678"]
    with pytest.raises(PermissionDeniedError):
        actions.home_update_public_details(
            actor=world["people"]["staff"], home=home, values={"phone": "1"}
        )
    with pytest.raises(ApplicationError):
        actions.home_update_public_details(
            actor=world["people"]["manager"], home=home, values={"status": "named"}
        )


def test_window_numbers_are_unique_per_home(world: dict) -> None:
    manager = world["people"]["manager"]
    window = actions.window_add(actor=manager, home=world["home"], number=2, name_zh="项目申报")
    with pytest.raises(ApplicationError) as info:
        actions.window_add(actor=manager, home=world["home"], number=2, name_zh="重复")
    assert "number" in info.value.fields
    actions.window_update(
        actor=manager,
        window=window,
        number=3,
        name_zh="项目申报",
        name_en="Projects",
        is_active=False,
    )
    window.refresh_from_db()
    assert (window.number, window.is_active) == (3, False)
    actions.window_remove(actor=manager, window=window)
    assert not world["home"].windows.filter(number=3).exists()


# --- Members and invitations ----------------------------------------------------------------


def test_inviting_an_existing_user_adds_and_notifies_them(world: dict) -> None:
    person = UserFactory(preferred_language="en")
    membership = actions.member_invite(
        actor=world["people"]["city"],
        organisation=world["home"].carrier,
        role=Role.HOME_STAFF,
        contact=person.email.upper(),
    )
    assert isinstance(membership, Membership) and membership.user == person
    note = Notification.objects.get(recipient=person)
    assert note.title.startswith("You have been added")
    with pytest.raises(ApplicationError) as info:
        actions.member_invite(
            actor=world["people"]["city"],
            organisation=world["home"].carrier,
            role=Role.HOME_STAFF,
            contact=person.email,
        )
    assert info.value.code == "already_member"


def test_invitation_is_mailed_hashed_and_accepted_by_the_invitee(
    world: dict, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invitation = actions.member_invite(
            actor=world["people"]["province"],
            organisation=world["recommender_org"],
            role=Role.RECOMMENDER,
            contact="new.person@example.cn",
            accept_url=lambda token: f"http://testserver/workspace/invitations/{token}/",
        )
    assert isinstance(invitation, Invitation)
    assert len(mail.outbox) == 1
    link = next(w for w in mail.outbox[0].body.split() if "/invitations/" in w)
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert invitation.token_hash != token and token not in invitation.token_hash
    stranger = UserFactory()
    with pytest.raises(PermissionDeniedError):
        actions.invitation_accept(user=stranger, token=token)
    invitee = UserFactory(email="new.person@example.cn")
    membership = actions.invitation_accept(user=invitee, token=token)
    assert membership.role == Role.RECOMMENDER
    with pytest.raises(ApplicationError) as info:
        actions.invitation_accept(user=invitee, token=token)
    assert info.value.code == "invitation_used"


def test_invitation_by_phone_is_texted(
    world: dict, django_capture_on_commit_callbacks: Any
) -> None:
    from returnee_home.accounts.sms import OutboxSmsBackend

    with override_settings(SMS_BACKEND="returnee_home.accounts.sms.OutboxSmsBackend"):
        with django_capture_on_commit_callbacks(execute=True):
            invitation = actions.member_invite(
                actor=world["people"]["employer"],
                organisation=world["employer"],
                role=Role.EMPLOYER_CONTACT,
                contact="138 1234 5678",
            )
    assert invitation.phone == "+8613812345678"
    assert len(OutboxSmsBackend.outbox) == 1


def test_expired_invitation_is_refused(world: dict) -> None:
    tokens: list[str] = []
    invitation = actions.member_invite(
        actor=world["people"]["province"],
        organisation=world["partner_org"],
        role=Role.PARTNER,
        contact="late@example.cn",
        accept_url=lambda token: tokens.append(token) or token,
    )
    invitee = UserFactory(email="late@example.cn")
    with pytest.raises(ApplicationError) as info:
        actions.invitation_accept(user=invitee, token="not-the-token")
    assert info.value.code == "invitation_unknown"
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(ApplicationError) as info:
        actions.invitation_accept(user=invitee, token=tokens[0])
    assert info.value.code == "invitation_expired"
    assert not Membership.objects.filter(user=invitee).exists()


def test_role_must_fit_kind_and_actor(world: dict) -> None:
    with pytest.raises(ApplicationError) as info:
        actions.member_invite(
            actor=world["people"]["province"],
            organisation=world["employer"],
            role=Role.HOME_STAFF,
            contact="a@example.cn",
        )
    assert info.value.code == "role_invalid"
    with pytest.raises(PermissionDeniedError):
        actions.member_invite(
            actor=world["people"]["city"],
            organisation=world["province"],
            role=Role.PROVINCE_ADMIN,
            contact="a@example.cn",
        )
    with pytest.raises(PermissionDeniedError):
        actions.member_invite(
            actor=world["people"]["city"],
            organisation=world["other_home"].carrier,
            role=Role.HOME_STAFF,
            contact="a@example.cn",
        )
    with pytest.raises(PermissionDeniedError):
        actions.member_invite(
            actor=world["people"]["employer"],
            organisation=world["other_employer"],
            role=Role.EMPLOYER_CONTACT,
            contact="a@example.cn",
        )


def test_last_province_admin_cannot_be_removed(world: dict) -> None:
    admin = world["people"]["province"]
    only = Membership.objects.get(user=admin, role=Role.PROVINCE_ADMIN)
    with pytest.raises(ApplicationError) as info:
        actions.membership_remove(actor=admin, membership=only)
    assert info.value.code == "last_province_admin"
    second = Membership.objects.create(
        user=UserFactory(), organisation=world["province"], role=Role.PROVINCE_ADMIN
    )
    actions.membership_remove(actor=admin, membership=second)
    assert AuditRecord.objects.filter(action="membership.delete").count() == 1


def test_city_admin_removes_only_in_their_city(world: dict) -> None:
    admin = world["people"]["city"]
    staff = Membership.objects.get(user=world["people"]["staff"])
    actions.membership_remove(actor=admin, membership=staff)
    with pytest.raises(PermissionDeniedError):
        actions.membership_remove(actor=admin, membership=world["other_staff"])


# --- Employers --------------------------------------------------------------------------------


def test_employer_registration_makes_a_pending_employer_with_contact(
    world: dict, industry: Any
) -> None:
    user = world["people"]["talent"]
    org = register(user, world, industry)
    assert org.verification_status == VerificationStatus.PENDING
    assert org.business_licence.name.endswith(".pdf")
    assert Membership.objects.filter(user=user, organisation=org, role=Role.EMPLOYER_CONTACT)
    assert not selectors.can_publish(org)
    with pytest.raises(ApplicationError) as info:
        register(UserFactory(), world, industry)
    assert info.value.code == "credit_code_taken" and "credit_code" in info.value.fields


def test_licence_checked_by_content_and_size(world: dict, industry: Any) -> None:
    fake = SimpleUploadedFile("licence.pdf", b"MZ\x90\x00 not a pdf" * 10)
    with pytest.raises(ApplicationError) as info:
        register(world["people"]["talent"], world, industry, business_licence=fake)
    assert info.value.code == "file_type"
    png = SimpleUploadedFile("scan.exe", PNG)
    org = register(world["people"]["talent"], world, industry, business_licence=png)
    assert org.business_licence.name.endswith(".png")
    with override_settings(UPLOAD_MAX_BYTES=10):
        with pytest.raises(ApplicationError) as info:
            register(
                UserFactory(),
                world,
                industry,
                business_licence=pdf(),
                credit_code=valid_code("91320100MA1P2Q3R5"),
            )
    assert info.value.code == "file_too_large"


def test_verification_by_home_staff_notifies_contact_in_their_language(
    world: dict, industry: Any
) -> None:
    contact = UserFactory(preferred_language="en")
    org = register(contact, world, industry)
    actions.employer_verify(actor=world["people"]["staff"], organisation=org)
    org.refresh_from_db()
    assert org.verification_status == VerificationStatus.VERIFIED and org.verified_at
    assert selectors.can_publish(org)
    note = Notification.objects.get(recipient=contact)
    assert "has been verified" in note.title
    with pytest.raises(ApplicationError) as info:
        actions.employer_verify(actor=world["people"]["staff"], organisation=org)
    assert info.value.code == "verification_step_invalid"


def test_rejection_needs_a_reason_and_staff_of_the_same_city(world: dict) -> None:
    org = world["employer"]
    with pytest.raises(ApplicationError) as info:
        actions.employer_reject(actor=world["people"]["city"], organisation=org, reason="  ")
    assert info.value.code == "reason_required"
    with pytest.raises(PermissionDeniedError):
        actions.employer_reject(
            actor=world["other_staff"].user, organisation=org, reason="营业执照模糊"
        )
    actions.employer_reject(actor=world["people"]["city"], organisation=org, reason="营业执照模糊")
    org.refresh_from_db()
    assert org.rejection_reason == "营业执照模糊"
    note = Notification.objects.get(recipient=world["people"]["employer"])
    assert "营业执照模糊" in note.body
    actions.employer_resubmit(
        actor=world["people"]["employer"],
        organisation=org,
        values={"address": "新地址"},
        business_licence=pdf(),
    )
    org.refresh_from_db()
    assert org.verification_status == VerificationStatus.PENDING and org.address == "新地址"


def test_can_publish_only_verified_active_employers(world: dict) -> None:
    verified = OrganisationFactory(kind=OrgKind.EMPLOYER)
    assert selectors.can_publish(verified)
    verified.is_active = False
    assert not selectors.can_publish(verified)
    assert not selectors.can_publish(world["employer"])
    assert not selectors.can_publish(world["recommender_org"])
