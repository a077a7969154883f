from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.core.models import AuditRecord, IndustryCluster
from returnee_home.orgs.models import Invitation, Membership, Organisation, OrgKind, Role
from returnee_home.orgs.tests.conftest import client_for
from returnee_home.orgs.tests.factories import MembershipFactory, OrganisationFactory
from returnee_home.orgs.tests.test_actions import PDF
from returnee_home.orgs.tests.test_validators import valid_code


def test_overview_shows_a_section_per_role(world: dict) -> None:
    people = world["people"]
    html = client_for(people["manager"]).get("/en/workspace/").content.decode()
    assert world["home"].name_en in html and "Colleagues" in html
    assert people["staff"].display_name in html and "Edit public details" in html
    html = client_for(people["city"]).get("/en/workspace/").content.decode()
    assert "Homes of the city" in html and world["home"].name_en in html
    assert world["other_home"].name_en not in html
    html = client_for(people["province"]).get("/en/workspace/").content.decode()
    assert html.count("<tr>") >= 14  # header + 13 cities
    html = client_for(people["employer"]).get("/en/workspace/").content.decode()
    assert world["employer"].name_en in html and "Awaiting verification" in html
    html = client_for(people["expert"]).get("/en/workspace/").content.decode()
    assert "No applications are assigned to you" in html
    html = client_for(people["talent"]).get("/en/workspace/").content.decode()
    assert "Register an employer" in html


def test_menu_lists_only_links_the_person_may_follow(world: dict) -> None:
    html = client_for(world["people"]["talent"]).get("/en/workspace/").content.decode()
    assert "/workspace/organisations/new/" not in html
    assert "/workspace/employers/verification/" not in html
    html = client_for(world["people"]["city"]).get("/en/workspace/").content.decode()
    assert "/en/workspace/organisations/new/" in html


@pytest.fixture
def industry(db: Any) -> IndustryCluster:
    return IndustryCluster.objects.create(
        code="IC", name_zh="集成电路", name_en="Integrated circuits"
    )


def employer_data(world: dict, industry: Any, **overrides: Any) -> dict[str, Any]:
    data = {
        "name_zh": "南京芯片示例有限公司",
        "name_en": "Nanjing Chip Example Co., Ltd.",
        "credit_code": valid_code("91320100MA1XY2W3U"),
        "address": "南京市江北新区研创园1号",
        "city": world["nanjing"].pk,
        "industry": industry.pk,
        "business_licence": SimpleUploadedFile("licence.pdf", PDF),
    }
    data.update(overrides)
    return data


def test_registration_form_shows_field_errors_in_chinese_and_keeps_input(
    world: dict, industry: Any
) -> None:
    client = client_for(world["people"]["talent"])
    data = employer_data(world, industry, credit_code="91320100MA1XY2W3U0")
    data["credit_code"] = data["credit_code"][:-1] + (
        "1" if data["credit_code"][-1] != "1" else "2"
    )
    html = client.post("/workspace/employers/register/", data).content.decode()
    assert "校验" in html  # the check-digit message, in Chinese
    assert 'value="南京芯片示例有限公司"' in html
    assert not Organisation.objects.filter(name_zh="南京芯片示例有限公司").exists()


def test_registration_refuses_a_disguised_file(world: dict, industry: Any) -> None:
    client = client_for(world["people"]["talent"])
    fake = SimpleUploadedFile("licence.pdf", b"<html>not a licence</html>" * 5)
    html = client.post(
        "/en/workspace/employers/register/", employer_data(world, industry, business_licence=fake)
    ).content.decode()
    assert "Upload a PDF, JPEG or PNG file." in html


def test_register_verify_and_download_licence(world: dict, industry: Any) -> None:
    contact = world["people"]["talent"]
    response = client_for(contact).post(
        "/workspace/employers/register/", employer_data(world, industry)
    )
    org = Organisation.objects.get(name_zh="南京芯片示例有限公司")
    assert response.status_code == 302 and org.verification_status == "pending"
    assert Membership.objects.filter(user=contact, organisation=org, role=Role.EMPLOYER_CONTACT)
    licence = client_for(contact).get(f"/workspace/organisations/{org.pk}/licence/")
    assert licence.status_code == 200 and licence["Content-Type"] == "application/pdf"
    assert b"".join(licence.streaming_content) == PDF
    staff = client_for(world["people"]["staff"])
    queue = staff.get("/en/workspace/employers/verification/").content.decode()
    assert "Nanjing Chip Example" in queue
    assert staff.post(f"/workspace/employers/{org.pk}/verify/").status_code == 302
    org.refresh_from_db()
    assert org.verification_status == "verified"
    assert AuditRecord.objects.filter(action="employer.verified", object_id=str(org.pk)).exists()


def test_duplicate_credit_code_is_refused_with_a_clear_message(world: dict, industry: Any) -> None:
    client = client_for(world["people"]["talent"])
    client.post("/en/workspace/employers/register/", employer_data(world, industry))
    html = (
        client_for(UserFactory())
        .post("/en/workspace/employers/register/", employer_data(world, industry))
        .content.decode()
    )
    assert "already registered" in html


def test_reject_requires_reason(world: dict) -> None:
    client = client_for(world["people"]["city"])
    url = f"/en/workspace/employers/{world['employer'].pk}/reject/"
    html = client.post(url, {"reason": ""}).content.decode()
    assert "This field is required." in html
    assert client.post(url, {"reason": "Licence is not legible"}).status_code == 302
    world["employer"].refresh_from_db()
    assert world["employer"].verification_status == "rejected"


def test_queue_query_count_does_not_grow(world: dict, django_assert_max_num_queries: Any) -> None:
    client = client_for(world["people"]["city"])
    with django_assert_max_num_queries(30) as ctx:
        client.get("/workspace/employers/verification/")
    before = len(ctx.captured_queries)
    for _ in range(10):
        OrganisationFactory(
            kind=OrgKind.EMPLOYER, city=world["nanjing"], verification_status="pending"
        )
    with django_assert_max_num_queries(before):
        assert client.get("/workspace/employers/verification/").status_code == 200


def test_organisation_list_query_count_does_not_grow(
    world: dict, django_assert_max_num_queries: Any
) -> None:
    client = client_for(world["people"]["province"])
    with django_assert_max_num_queries(30) as ctx:
        client.get("/workspace/organisations/")
    before = len(ctx.captured_queries)
    for _ in range(10):
        org = OrganisationFactory(kind=OrgKind.RECOMMENDER, city=world["suzhou"])
        MembershipFactory(organisation=org, role=Role.RECOMMENDER)
    with django_assert_max_num_queries(before):
        assert client.get("/workspace/organisations/").status_code == 200


def test_city_admin_list_shows_only_their_city(world: dict) -> None:
    html = client_for(world["people"]["city"]).get("/en/workspace/organisations/").content.decode()
    assert world["employer"].name_en in html
    assert world["other_employer"].name_en not in html
    assert world["province"].name_en not in html


def test_admin_creates_organisation_and_home_through_the_pages(world: dict) -> None:
    client = client_for(world["people"]["city"])
    response = client.post(
        "/workspace/organisations/new/",
        {
            "kind": "service_window",
            "name_zh": "南京江北新区留学人员服务窗口",
            "city": world["nanjing"].pk,
        },
    )
    org = Organisation.objects.get(name_zh="南京江北新区留学人员服务窗口")
    assert response.status_code == 302
    html = client.post(
        "/workspace/organisations/new/",
        {"kind": "employer", "name_zh": "外市", "city": world["suzhou"].pk},
    ).content.decode()
    assert 'value="外市"' in html and not Organisation.objects.filter(name_zh="外市").exists()
    response = client.post(
        f"/workspace/organisations/{org.pk}/home/new/",
        {
            "code": "NJ09",
            "slug": "nanjing-jiangbei",
            "name_zh": "江北新区留学人员之家",
            "address_zh": "南京市江北新区1号",
            "status": "preparing",
        },
    )
    assert response.status_code == 302
    assert org.home.slug == "nanjing-jiangbei"


def test_invite_by_page_sends_the_link(
    world: dict, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(world["people"]["employer"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/workspace/organisations/{world['employer'].pk}/invite/",
            {"contact": "colleague@example.cn", "role": "employer"},
        )
    assert response.status_code == 302
    assert mail.outbox[0].to == ["colleague@example.cn"]
    assert "http://testserver/workspace/invitations/" in mail.outbox[0].body
    invitation = Invitation.objects.get(email="colleague@example.cn")
    assert invitation.role == Role.EMPLOYER_CONTACT and invitation.expires_at


def test_accept_page_for_the_right_and_the_wrong_person(world: dict) -> None:
    from returnee_home.orgs import actions

    tokens: list[str] = []
    actions.member_invite(
        actor=world["people"]["city"],
        organisation=world["home"].carrier,
        role=Role.HOME_STAFF,
        contact="newstaff@example.cn",
        accept_url=lambda t: tokens.append(t) or t,
    )
    url = f"/en/workspace/invitations/{tokens[0]}/"
    wrong = client_for(UserFactory())
    assert wrong.post(url).status_code == 403
    invitee = UserFactory(email="newstaff@example.cn")
    client = client_for(invitee)
    assert "You are invited to join" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert Membership.objects.filter(user=invitee, role=Role.HOME_STAFF).exists()
    assert client_for(UserFactory()).get("/workspace/invitations/nonsense/").status_code == 404


def test_manager_adds_a_window_with_errors_kept(world: dict) -> None:
    manager = world["people"]["manager"]
    client = client_for(manager)
    url = f"/en/workspace/homes/{world['home'].pk}/windows/add/"
    html = client.post(url, {"new-number": 1, "new-name_zh": "重复窗口"}).content.decode()
    assert "Window 1 already exists" in html and 'value="重复窗口"' in html
    assert client.post(url, {"new-number": 7, "new-name_zh": "人才服务"}).status_code == 302
    assert world["home"].windows.filter(number=7).exists()


def test_removing_a_member_through_the_page(world: dict) -> None:
    province = world["people"]["province"]
    only = Membership.objects.get(user=province, role=Role.PROVINCE_ADMIN)
    client = client_for(province)
    url = f"/en/workspace/organisations/{world['province'].pk}/members/{only.pk}/remove/"
    response = client.post(url, follow=True)
    assert "at least one province admin" in response.content.decode()
    assert Membership.objects.filter(pk=only.pk).exists()
    expert = Membership.objects.get(user=world["people"]["expert"])
    url = f"/workspace/organisations/{world['province'].pk}/members/{expert.pk}/remove/"
    assert client.post(url).status_code == 302
    assert not Membership.objects.filter(pk=expert.pk).exists()
