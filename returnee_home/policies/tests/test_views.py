"""Pages: public library (cached, invalidated on writes), benefits, and the workspace with
its role boundaries."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from returnee_home.core.models import DegreeLevel
from returnee_home.policies.models import Benefit, ConditionKind, Level, Policy
from returnee_home.policies.tests.factories import (
    BenefitFactory,
    InterpretationFactory,
    PolicyFactory,
    condition,
)
from returnee_home.policies.tests.test_importer import GOOD
from returnee_home.talent.tests.factories import EducationFactory, TalentProfileFactory

from .conftest import client_for


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


def test_public_search_highlights_and_is_cached(
    db: Any, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    policy = PolicyFactory()
    url = reverse("policies:list") + "?q=人才公寓"
    first = client.get(url)
    assert first.status_code == 200
    assert "<mark>人才公寓</mark>" in first.content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"
    from returnee_home.policies.actions import policy_save

    with django_capture_on_commit_callbacks(execute=True):
        policy_save(
            actor=_province_admin(),
            policy=policy,
            data={
                "title_zh": "关于博士后资助的通知",
                "body_zh": "博士后",
                "title_en": "",
                "body_en": "",
            },
            themes=[],
            cities=[],
        )
    after = client.get(url)
    assert after["X-Page-Cache"] == "miss"
    assert "博士后资助" not in after.content.decode()


def _province_admin() -> Any:
    from returnee_home.orgs.models import OrgKind, Role
    from returnee_home.orgs.tests.factories import MembershipFactory, OrganisationFactory

    org = OrganisationFactory(kind=OrgKind.PROVINCE, city=None)
    return MembershipFactory(organisation=org, role=Role.PROVINCE_ADMIN).user


def test_bad_filter_is_explained(db: Any, client: Client) -> None:
    response = client.get(
        reverse("policies:list") + "?published_from=2024-05-01&published_to=2024-01-01"
    )
    assert "The end of the date range is before its start." in response.content.decode()


def test_detail_shows_interpretations_and_benefits_but_not_drafts(db: Any, client: Client) -> None:
    policy = PolicyFactory()
    InterpretationFactory(policy=policy)
    benefit = BenefitFactory(policy=policy)
    condition(benefit, ConditionKind.AGE_MAX, number=45)
    page = client.get(reverse("policies:detail", args=[policy.pk])).content.decode()
    assert "Talent apartments at a glance" in page and "Aged 45 or under" in page
    draft = PolicyFactory(is_published=False)
    assert client.get(reverse("policies:detail", args=[draft.pk])).status_code == 404


def test_talent_sees_benefits_with_reasons(world: dict[str, Any]) -> None:
    talent = world["people"]["talent"]
    profile = TalentProfileFactory(user=talent, birth_year=1990)
    EducationFactory(profile=profile, verified=True)
    benefit = BenefitFactory()
    condition(
        benefit, ConditionKind.DEGREE_MIN, degree_level=DegreeLevel.objects.get(code="master")
    )
    condition(benefit, ConditionKind.PROGRAMME_TITLE, codes=["双创人才"])
    page = client_for(talent).get(reverse("policies:benefits")).content.decode()
    assert "Rent subsidy for returnees" in page
    assert "Your verified degree meets" in page
    assert "Add your honours and talent-programme titles" in page


def test_visitor_questionnaire(db: Any, client: Client) -> None:
    benefit = BenefitFactory()
    condition(benefit, ConditionKind.AGE_MAX, number=35)
    page = client.get(reverse("policies:benefits")).content.decode()
    assert "Check benefits" in page
    answered = client.get(reverse("policies:benefits") + "?questionnaire=1&birth_year=2000")
    assert "You are" in answered.content.decode()
    future = client.get(reverse("policies:benefits") + "?questionnaire=1&birth_year=2990")
    assert "The year of birth is in the future." in future.content.decode()


@pytest.mark.parametrize("role", ["talent", "employer", "partner"])
def test_workspace_is_closed_to_other_roles(world: dict[str, Any], role: str) -> None:
    client = client_for(world["people"][role])
    assert client.get(reverse("policies:manage_list")).status_code == 403
    assert client.get(reverse("policies:manage_import")).status_code == 403


def test_home_staff_interpret_but_do_not_import(world: dict[str, Any]) -> None:
    staff = client_for(world["people"]["staff"])
    policy = PolicyFactory()
    assert staff.get(reverse("policies:manage_list")).status_code == 200
    assert staff.get(reverse("policies:manage_import")).status_code == 403
    assert staff.get(reverse("policies:manage_edit", args=[policy.pk])).status_code == 403
    response = staff.post(
        reverse("policies:interpretation_new", args=[policy.pk]),
        {"title_zh": "解读", "body_zh": "通俗解读", "is_published": "on"},
    )
    assert response.status_code == 302
    assert policy.interpretations.get().author == world["people"]["staff"]


def test_city_admin_scope(world: dict[str, Any]) -> None:
    city_admin = client_for(world["people"]["city"])
    provincial = PolicyFactory()
    draft_elsewhere = PolicyFactory(
        is_published=False, level=Level.MUNICIPAL, owner_city=world["suzhou"]
    )
    assert city_admin.get(reverse("policies:manage_edit", args=[provincial.pk])).status_code == 403
    assert (
        city_admin.get(reverse("policies:manage_detail", args=[draft_elsewhere.pk])).status_code
        == 404
    )
    upload = SimpleUploadedFile("provincial.txt", GOOD.replace("市级", "省级").encode())
    response = city_admin.post(reverse("policies:manage_import"), {"files": [upload]})
    assert "City admins import municipal and district policies only." in response.content.decode()
    assert not Policy.objects.filter(document_number="宁人社〔2024〕7号").exists()
    upload = SimpleUploadedFile("municipal.txt", GOOD.encode())
    response = city_admin.post(reverse("policies:manage_import"), {"files": [upload]})
    policy = Policy.objects.get(document_number="宁人社〔2024〕7号")
    assert policy.owner_city == world["nanjing"]
    assert city_admin.get(reverse("policies:manage_edit", args=[policy.pk])).status_code == 200


def test_province_imports_and_reports_by_line(world: dict[str, Any]) -> None:
    admin = client_for(world["people"]["province"])
    bad = SimpleUploadedFile("bad.txt", GOOD.replace("2024-03-01", "2024/13/45").encode())
    good = SimpleUploadedFile("good.txt", GOOD.encode())
    response = admin.post(
        reverse("policies:manage_import"), {"files": [bad, good], "publish": "on"}
    )
    page = response.content.decode()
    assert "Line 1: “2024/13/45” is not a date" in page
    assert "Imported as a new policy." in page
    assert Policy.objects.count() == 1


def test_benefit_form_and_publishing_notifies(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    from returnee_home.notifications.models import Notification

    talent = world["people"]["talent"]
    profile = TalentProfileFactory(user=talent, birth_year=1990)
    EducationFactory(profile=profile, verified=True)
    policy = PolicyFactory()
    admin = client_for(world["people"]["province"])
    data = {
        "title_zh": "博士安家补贴",
        "what_you_get_zh": "一次性安家补贴",
        "amount_period": "once",
        "amount_yuan": "100000",
        "conditions-TOTAL_FORMS": "2",
        "conditions-INITIAL_FORMS": "0",
        "conditions-0-kind": "age_max",
        "conditions-0-number": "",
        "conditions-1-kind": "",
    }
    response = admin.post(reverse("policies:benefit_new", args=[policy.pk]), data)
    assert response.status_code == 400
    assert "needs a number" in response.content.decode()
    assert not Benefit.objects.exists()
    data["conditions-0-number"] = "45"
    response = admin.post(reverse("policies:benefit_new", args=[policy.pk]), data)
    assert response.status_code == 302
    benefit = Benefit.objects.get()
    assert benefit.status == Benefit.Status.DRAFT
    city_admin = client_for(world["people"]["city"])
    step = reverse("policies:benefit_step", args=[benefit.pk, "publish"])
    assert city_admin.post(step).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(step)
    benefit.refresh_from_db()
    assert benefit.status == Benefit.Status.PUBLISHED
    notice = Notification.objects.get(recipient=talent)
    assert "博士安家补贴" in notice.title
    admin.post(reverse("policies:benefit_step", args=[benefit.pk, "withdraw"]))
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(step)
    assert Notification.objects.filter(recipient=talent).count() == 1  # told once


def test_attachments_only_for_published_or_managers(world: dict[str, Any], client: Client) -> None:
    from returnee_home.policies.actions import attachment_add

    admin = world["people"]["province"]
    policy = PolicyFactory(is_published=False)
    pdf = SimpleUploadedFile("form.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF")
    attachment = attachment_add(actor=admin, policy=policy, title="申报表", upload=pdf)
    url = reverse("policies:attachment", args=[attachment.pk])
    assert client.get(url).status_code == 404
    assert client_for(admin).get(url).status_code == 200
    fake = SimpleUploadedFile("evil.pdf", b"<script>alert(1)</script>")
    response = client_for(admin).post(
        reverse("policies:manage_attachment", args=[policy.pk]), {"title": "x", "file": fake}
    )
    assert response.status_code == 302
    assert policy.attachments.count() == 1


def test_search_page_queries_do_not_grow_with_results(world: dict[str, Any]) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(world["people"]["talent"])  # signed in: not served from the cache
    url = reverse("policies:list") + "?q=人才公寓"

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    for _ in range(2):
        InterpretationFactory(policy=PolicyFactory())
    few = count()
    for _ in range(6):
        InterpretationFactory(policy=PolicyFactory())
    assert count() == few
