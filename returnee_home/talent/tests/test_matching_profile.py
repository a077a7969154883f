"""Issue 5 on the talent side: skills and wishes, visibility, the private CV, staff
verification with a badge, employers' anonymised search and contact requests."""

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from returnee_home.accounts.tests.factories import PNG_BYTES, activate_totp
from returnee_home.core.models import AuditRecord
from returnee_home.orgs.models import OrgKind, Role, VerificationStatus
from returnee_home.orgs.tests.factories import MembershipFactory, OrganisationFactory
from returnee_home.talent import actions
from returnee_home.talent.models import ContactGrant, TalentProfile
from returnee_home.talent.tests.factories import EducationFactory, TalentProfileFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def employer_user(db: Any) -> Any:
    organisation = OrganisationFactory(
        kind=OrgKind.EMPLOYER, verification_status=VerificationStatus.VERIFIED
    )
    return MembershipFactory(organisation=organisation, role=Role.EMPLOYER_CONTACT).user


@pytest.fixture
def staff_user(db: Any) -> Any:
    user = MembershipFactory(role=Role.HOME_STAFF).user
    activate_totp(user)
    return user


def test_skills_and_wishes_are_saved_as_typed(talent_client: Client, talent_user: Any) -> None:
    response = talent_client.post(
        reverse("talent:wishes"),
        {
            "skills": "机器学习, PCB design\nML，GMP",
            "honours": "江苏省“双创人才”\n",
            "desired_salary_min": "25000",
            "desired_job_types": ["full_time", "postdoc"],
            "available_from": "2026-12-01",
        },
    )
    assert response.status_code == 302
    profile = TalentProfile.objects.get(user=talent_user)
    assert profile.skills == ["机器学习", "PCB design", "ML", "GMP"]
    assert profile.honours == ["江苏省“双创人才”"]
    assert profile.desired_salary_min == 25000
    assert profile.desired_job_types == ["full_time", "postdoc"]
    page = talent_client.get(reverse("talent:profile")).content.decode()
    assert "PCB design" in page


def test_bad_wishes_are_refused_with_a_message_and_nothing_saved(
    talent_client: Client, talent_user: Any
) -> None:
    response = talent_client.post(
        reverse("talent:wishes"), {"skills": "x" * 81, "desired_salary_min": "20000"}
    )
    assert response.status_code == 200
    assert "80" in response.content.decode()
    assert not TalentProfile.objects.filter(user=talent_user, desired_salary_min=20000).exists()


def test_visibility_is_set_per_section_and_audited(talent_client: Client, talent_user: Any) -> None:
    data = {"summary": "public", "education": "verified", "work": "on_accept", "skills": "hidden"}
    response = talent_client.post(reverse("talent:visibility"), {**data, "cv": "hidden"})
    assert response.status_code == 302
    profile = TalentProfile.objects.get(user=talent_user)
    assert (profile.visibility_summary, profile.visibility_work) == ("public", "on_accept")
    assert AuditRecord.objects.filter(action="talent.visibility_changed").exists()
    bad = talent_client.post(reverse("talent:visibility"), {**data, "cv": "everyone"})
    assert bad.status_code == 200


def test_cv_upload_is_sniffed_private_and_served_with_a_permission_check(
    talent_client: Client, talent_user: Any, employer_user: Any
) -> None:
    fake = SimpleUploadedFile("cv.pdf", b"MZ not a pdf at all", content_type="application/pdf")
    refused = talent_client.post(reverse("talent:cv"), {"cv": fake})
    assert refused.status_code == 400
    assert "PDF" in refused.content.decode()
    upload = SimpleUploadedFile("我的简历.pdf", PDF, content_type="application/pdf")
    assert talent_client.post(reverse("talent:cv"), {"cv": upload}).status_code == 302
    profile = TalentProfile.objects.get(user=talent_user)
    assert (
        profile.cv.name.startswith(f"talent/cv/{profile.pk}/cv") and "简历" not in profile.cv.name
    )
    url = reverse("talent:cv_download", args=[profile.pk])
    assert talent_client.get(url).status_code == 200
    # The default CV visibility is "after I accept": an employer without acceptance gets 404.
    assert _client(employer_user).get(url).status_code == 404
    assert Client().get(url).status_code == 302
    actions.profile_cv_remove(user=talent_user)


def test_staff_verify_a_degree_and_returnee_status_with_a_badge(
    staff_user: Any, talent_client: Client, profile: TalentProfile
) -> None:
    education = EducationFactory(profile=profile)
    client = _client(staff_user)
    assert client.get(reverse("talent:verify_queue")).status_code == 200
    url = reverse("talent:verify_profile", args=[profile.pk])
    client.post(
        url, {"target": f"education-{education.pk}", "verified": "on", "note": "学历认证书"}
    )
    client.post(url, {"target": "returnee", "verified": "on"})
    education.refresh_from_db()
    profile.refresh_from_db()
    assert education.verified and education.verified_by == staff_user
    assert profile.returnee_status_verified
    assert AuditRecord.objects.filter(action="talent.degree_verified").exists()
    page = talent_client.get("/en/talent/").content.decode()
    assert "Verified" in page


def test_only_staff_verify(
    talent_client: Client, profile: TalentProfile, employer_user: Any
) -> None:
    assert talent_client.get(reverse("talent:verify_queue")).status_code == 403
    assert (
        _client(employer_user).get(reverse("talent:verify_profile", args=[profile.pk])).status_code
        == 404
    )
    with pytest.raises(Exception):  # noqa: B017
        actions.returnee_status_verify(actor=profile.user, profile_id=profile.pk, verified=True)


def test_employers_search_anonymised_profiles(employer_user: Any, profile: TalentProfile) -> None:
    profile.skills = ["芯片验证", "UVM"]
    profile.save()
    hidden = TalentProfileFactory(skills=["芯片验证"], visibility_summary="hidden")
    response = _client(employer_user).get(reverse("talent:search"), {"skill": "芯片"})
    assert response.status_code == 200
    page = response.content.decode()
    assert f"/talent/search/{profile.pk}/" in page
    assert f"/talent/search/{hidden.pk}/" not in page
    assert profile.user.full_name not in page and profile.user.email not in page


def test_only_verified_employers_search(talent_client: Client, db: Any) -> None:
    pending = OrganisationFactory(kind=OrgKind.EMPLOYER, verification_status="pending")
    user = MembershipFactory(organisation=pending, role=Role.EMPLOYER_CONTACT).user
    assert _client(user).get(reverse("talent:search")).status_code == 403
    assert talent_client.get(reverse("talent:search")).status_code == 403


def test_contact_details_appear_only_after_the_talent_accepts(
    employer_user: Any, talent_client: Client, profile: TalentProfile
) -> None:
    employer = _client(employer_user)
    url = reverse("talent:employer_profile", args=[profile.pk])
    assert profile.user.email not in employer.get(url).content.decode()
    employer.post(reverse("talent:contact_request", args=[profile.pk]), {"message": "您好"})
    grant = ContactGrant.objects.get()
    assert grant.status == "pending"
    assert profile.user.email not in employer.get(url).content.decode()
    assert "您好" in talent_client.get(reverse("talent:contacts")).content.decode()
    talent_client.post(reverse("talent:contact_answer", args=[grant.pk]), {"answer": "accept"})
    assert profile.user.email in employer.get(url).content.decode()
    talent_client.post(reverse("talent:contact_answer", args=[grant.pk]), {"answer": "decline"})
    grant.refresh_from_db()
    assert grant.status == "withdrawn"
    assert profile.user.email not in employer.get(url).content.decode()


def test_another_person_cannot_answer_a_request(
    employer_user: Any, profile: TalentProfile, db: Any
) -> None:
    organisation = employer_user.memberships.first().organisation
    grant = actions.contact_request(
        user=employer_user, organisation=organisation, profile_id=profile.pk
    )
    other = TalentProfileFactory().user
    response = _client(other).post(
        reverse("talent:contact_answer", args=[grant.pk]), {"answer": "accept"}
    )
    assert response.status_code == 404
    grant.refresh_from_db()
    assert grant.status == "pending"


def test_png_bytes_are_a_valid_cv(talent_user: Any) -> None:
    upload = SimpleUploadedFile("scan.png", PNG_BYTES, content_type="image/png")
    profile = actions.profile_cv_upload(user=talent_user, upload=upload)
    assert profile.cv.name.endswith(".png")
    assert io.BytesIO(profile.cv.read()).read(4) == PNG_BYTES[:4]
    actions.profile_cv_remove(user=talent_user)
