"""Pages of the alliance and the suggestions: role boundaries, the public page, exports."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from returnee_home.alliance.models import AllianceMembership, Offering, Suggestion
from returnee_home.alliance.tests.factories import (
    AllianceMembershipFactory,
    OfferingFactory,
    SuggestionFactory,
)
from returnee_home.orgs.models import OrgKind, Role
from returnee_home.orgs.tests.conftest import client_for
from returnee_home.orgs.tests.factories import MembershipFactory, OrganisationFactory

Status = AllianceMembership.Status
pytestmark = pytest.mark.django_db


def test_public_page_shows_only_current_offerings_of_approved_members(client, world):
    approved = AllianceMembershipFactory(organisation=world["partner_org"])
    OfferingFactory(member=approved, title_zh="当前服务", title_en="Current service")
    OfferingFactory(
        member=approved,
        title_zh="过期服务",
        valid_until=timezone.localdate() - dt.timedelta(days=1),
    )
    OfferingFactory(
        member=approved,
        title_zh="未来服务",
        valid_from=timezone.localdate() + dt.timedelta(days=3),
    )
    OfferingFactory(member=approved, title_zh="未发布服务", is_published=False)
    pending = AllianceMembershipFactory(status=Status.APPLIED)
    OfferingFactory(member=pending, title_zh="待审服务")
    suspended = AllianceMembershipFactory(status=Status.SUSPENDED)
    OfferingFactory(member=suspended, title_zh="暂停服务")
    body = client.get(reverse("alliance:public")).content.decode()
    assert "当前服务" in body
    for hidden in ("过期服务", "未来服务", "未发布服务", "待审服务", "暂停服务"):
        assert hidden not in body
    english = client.get("/en/alliance/").content.decode()
    assert "Current service" in english
    assert "Service alliance" in english


def test_public_page_filters(client, world):
    member = AllianceMembershipFactory(organisation=world["partner_org"])
    OfferingFactory(member=member, title_zh="南京政策", kind=Offering.Kind.POLICY)
    suzhou_member = AllianceMembershipFactory(
        organisation=OrganisationFactory(kind=OrgKind.ALLIANCE_PARTNER, city=world["suzhou"])
    )
    OfferingFactory(member=suzhou_member, title_zh="苏州资源", kind=Offering.Kind.RESOURCE)
    body = client.get(reverse("alliance:public"), {"city": world["suzhou"].slug}).content.decode()
    assert "苏州资源" in body and "南京政策" not in body
    body = client.get(reverse("alliance:public"), {"kind": "policy"}).content.decode()
    assert "南京政策" in body and "苏州资源" not in body
    body = client.get(reverse("alliance:public"), {"q": "苏州"}).content.decode()
    assert "苏州资源" in body and "南京政策" not in body


def test_public_page_query_count_is_fixed(client, world):
    member = AllianceMembershipFactory(organisation=world["partner_org"])
    OfferingFactory(member=member)
    url = reverse("alliance:public") + "?kind=service"
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url + "&x=1")
    for _ in range(5):
        OfferingFactory(member=AllianceMembershipFactory())
    with CaptureQueriesContext(connection) as second:
        client.get(url + "&x=2")
    assert len(second) == len(first)


def test_home_offerings_include(world):
    from django.template.loader import render_to_string

    from returnee_home.alliance.selectors import offerings_for_home

    member = AllianceMembershipFactory(organisation=world["partner_org"])
    for_home = OfferingFactory(member=member, title_zh="本之家专享")
    for_home.homes.set([world["home"]])
    OfferingFactory(member=member, title_zh="全市通用")
    suzhou_member = AllianceMembershipFactory(
        organisation=OrganisationFactory(kind=OrgKind.ALLIANCE_PARTNER, city=world["suzhou"])
    )
    OfferingFactory(member=suzhou_member, title_zh="苏州专享")
    province_member = AllianceMembershipFactory(scope_city=None)
    OfferingFactory(member=province_member, title_zh="全省通用")
    titles = {o.title_zh for o in offerings_for_home(world["home"])}
    assert titles == {"本之家专享", "全市通用", "全省通用"}
    html = render_to_string(
        "alliance/includes/home_offerings.html",
        {"offerings": offerings_for_home(world["home"])},
    )
    assert "本之家专享" in html


def test_partner_journey_pages(world):
    partner = world["people"]["partner"]
    membership = AllianceMembershipFactory(organisation=world["partner_org"])
    client = client_for(partner)
    assert client.get(reverse("alliance:mine")).status_code == 200
    response = client.post(
        reverse("alliance:offering_create", args=[membership.pk]),
        {
            "kind": "service",
            "title_zh": "创业辅导",
            "title_en": "Start-up coaching",
            "contact_method": "025-1",
            "homes": [world["home"].pk],
            "is_published": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    offering = Offering.objects.get(title_zh="创业辅导")
    assert client.get(reverse("alliance:offering_edit", args=[offering.pk])).status_code == 200
    # Another partner: 404 on both the member and the offering.
    stranger = MembershipFactory(
        organisation=OrganisationFactory(kind=OrgKind.ALLIANCE_PARTNER), role=Role.PARTNER
    ).user
    other = client_for(stranger)
    assert other.get(reverse("alliance:offering_edit", args=[offering.pk])).status_code == 404
    assert other.post(reverse("alliance:offering_delete", args=[offering.pk])).status_code == 404
    assert other.get(reverse("alliance:offering_create", args=[membership.pk])).status_code == 404
    # Partners do not administer.
    assert client.get(reverse("alliance:manage")).status_code == 403
    assert client.get(reverse("alliance:suggestions")).status_code == 403


def test_apply_page_and_decision_page(world):
    employer = world["people"]["employer"]
    client = client_for(employer)
    response = client.post(
        reverse("alliance:apply"),
        {
            "organisation": world["employer"].pk,
            "member_type": "enterprise",
            "scope": "city",
            "contact_name": "王",
            "contact_phone": "025-1",
        },
    )
    assert response.status_code == 302
    membership = AllianceMembership.objects.get(organisation=world["employer"])
    detail = reverse("alliance:manage_detail", args=[membership.pk])
    # The other city's admin: 404; the partner: 403.
    other_admin = MembershipFactory(organisation=world["other_bureau"], role=Role.CITY_ADMIN).user
    from returnee_home.accounts.tests.factories import activate_totp

    activate_totp(other_admin)
    assert client_for(other_admin).get(detail).status_code == 404
    assert client_for(other_admin).post(detail, {"target": "approved"}).status_code == 404
    assert client_for(world["people"]["partner"]).get(detail).status_code == 403
    city = client_for(world["people"]["city"])
    assert membership.organisation.name in city.get(reverse("alliance:manage")).content.decode()
    assert city.post(detail, {"target": "rejected", "reason": ""}).status_code == 200
    assert city.post(detail, {"target": "approved"}).status_code == 302
    membership.refresh_from_db()
    assert membership.status == Status.APPROVED
    # A step not offered in this state is refused.
    assert city.post(detail, {"target": "rejected", "reason": "x"}).status_code == 403


def test_suggestion_lists_are_scoped(world):
    own = SuggestionFactory(city=world["nanjing"], title="南京的建议")
    other = SuggestionFactory(city=world["suzhou"], title="苏州的建议")
    city = client_for(world["people"]["city"])
    body = city.get(reverse("alliance:suggestions")).content.decode()
    assert "南京的建议" in body and "苏州的建议" not in body
    assert city.get(reverse("alliance:suggestion_detail", args=[other.pk])).status_code == 404
    assert city.get(reverse("alliance:suggestion_detail", args=[own.pk])).status_code == 200
    # The city may not triage.
    response = city.post(
        reverse("alliance:suggestion_detail", args=[own.pk]), {"status": "done", "reply": "x"}
    )
    assert response.status_code == 403
    province = client_for(world["people"]["province"])
    body = province.get(reverse("alliance:suggestions")).content.decode()
    assert "南京的建议" in body and "苏州的建议" in body
    body = province.get(
        reverse("alliance:suggestions"), {"city": world["suzhou"].pk}
    ).content.decode()
    assert "苏州的建议" in body and "南京的建议" not in body
    response = province.post(
        reverse("alliance:suggestion_detail", args=[own.pk]),
        {"status": "planned", "reply": "纳入计划"},
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == Suggestion.Status.PLANNED
    assert (
        "纳入计划"
        in city.get(reverse("alliance:suggestion_detail", args=[own.pk])).content.decode()
    )
    for name in ("staff", "partner", "talent", "expert"):
        assert (
            client_for(world["people"][name]).get(reverse("alliance:suggestions")).status_code
            == 403
        )


def test_city_admin_submits_suggestion(world):
    city = client_for(world["people"]["city"])
    response = city.post(
        reverse("alliance:suggestion_create"),
        {
            "kind": "need",
            "category": "usability",
            "title": "手机端分步填写",
            "description": "字段太多",
            "priority": "medium",
            "contact_name": "李",
            "contact_phone": "025-2",
        },
    )
    assert response.status_code == 302
    assert Suggestion.objects.get(title="手机端分步填写").city == world["nanjing"]
    assert (
        client_for(world["people"]["province"]).get(reverse("alliance:suggestion_create"))
    ).status_code == 403


def test_docx_export(world):
    SuggestionFactory(
        city=world["nanjing"],
        title="增加预约提醒",
        description="建议提前一天短信提醒",
        status=Suggestion.Status.PLANNED,
        reply="已列入计划",
    )
    SuggestionFactory(city=world["suzhou"], title="苏州的建议")
    city = client_for(world["people"]["city"])
    response = city.get(reverse("alliance:suggestion_docx"))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "附件3" in text
    assert "江苏省留学人员之家线上平台建设意见建议表" in text
    assert "南京市" in text
    section = document.sections[0]
    assert {round(section.page_width.cm, 1), round(section.page_height.cm, 1)} == {21.0, 29.7}
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells][:4] == [
        "序号",
        "类型",
        "类别",
        "意见建议或个性化需求",
    ]
    row = [c.text for c in table.rows[1].cells]
    assert row[0] == "1" and row[2] == "功能"
    assert "增加预约提醒" in row[3] and row[4] == "高"
    assert "已列入计划" in row[6] and "已列入开发计划" not in row[6]
    assert "苏州的建议" not in "".join(c.text for r in table.rows for c in r.cells)
    # Another city's form: 404 for a city admin.
    assert (
        city.get(reverse("alliance:suggestion_docx"), {"city": world["suzhou"].pk}).status_code
        == 404
    )


def test_xlsx_export(world):
    SuggestionFactory(city=world["nanjing"], title="南京的建议", category="data_sharing")
    SuggestionFactory(city=world["suzhou"], title="苏州的建议")
    province = client_for(world["people"]["province"])
    response = province.get(reverse("alliance:suggestions_xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("序号", "城市", "类型", "类别", "标题", "意见建议或个性化需求")
    titles = {r[4] for r in rows[1:]}
    assert titles == {"南京的建议", "苏州的建议"}
    nanjing = next(r for r in rows[1:] if r[4] == "南京的建议")
    assert nanjing[1] == "南京市" and nanjing[3] == "数据共享" and nanjing[10] == "待答复"
    city_rows = list(
        load_workbook(
            io.BytesIO(
                client_for(world["people"]["city"])
                .get(reverse("alliance:suggestions_xlsx"))
                .content
            )
        ).active.iter_rows(values_only=True)
    )
    assert [r[4] for r in city_rows[1:]] == ["南京的建议"]


def test_menu_links_by_role(world):
    from django.test import RequestFactory

    from returnee_home.alliance.navigation import workspace_links

    def urls(user):
        request = RequestFactory().get("/")
        request.user = user
        return {link.url for link in workspace_links(request)}

    assert reverse("alliance:manage") in urls(world["people"]["city"])
    assert reverse("alliance:suggestions") in urls(world["people"]["province"])
    partner_urls = urls(world["people"]["partner"])
    assert reverse("alliance:mine") in partner_urls
    assert reverse("alliance:manage") not in partner_urls
    assert urls(world["people"]["talent"]) == set()
