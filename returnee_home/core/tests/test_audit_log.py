from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from returnee_home.accounts.tests.factories import UserFactory, activate_totp
from returnee_home.core.audit import audit_record
from returnee_home.core.models import AuditRecord
from returnee_home.core.navigation import workspace_menu
from returnee_home.orgs.models import OrgKind, Role
from returnee_home.orgs.tests.factories import HomeFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _record(actor=None, action="orgs.home.update", city_code="320100", **kwargs):  # type: ignore[no-untyped-def]
    return audit_record(
        actor=actor,
        action=action,
        object_type=kwargs.pop("object_type", "orgs.home"),
        object_id=kwargs.pop("object_id", "7"),
        object_repr=kwargs.pop("object_repr", "测试之家"),
        changes=kwargs.pop("changes", {"phone": ["025-1", "025-2"]}),
        city_code=city_code,
        **kwargs,
    )


def _rows(response) -> int:  # type: ignore[no-untyped-def]
    return response.content.decode().count('<td class="audit-when"><time datetime="')


def test_province_admin_sees_every_record_with_before_and_after(province_client, province_admin):
    actor = UserFactory(email="zhang.wei@example.cn", full_name="张伟")
    _record(actor=actor, city_code="320100")
    _record(city_code="320500", action="orgs.membership.remove")
    response = province_client.get("/audit/")
    html = response.content.decode()
    assert response.status_code == 200
    assert _rows(response) == 2
    assert "张伟" in html and "zhang.wei@example.cn" in html
    assert "orgs.membership.remove" in html
    assert "025-1" in html and "025-2" in html
    assert "南京市" in html and "苏州市" in html


def test_records_show_the_client_address(province_client):
    from returnee_home.core.request_context import current_ip

    token = current_ip.set("203.0.113.9")
    try:
        _record()
    finally:
        current_ip.reset(token)
    assert "203.0.113.9" in province_client.get("/audit/").content.decode()


def test_city_admin_sees_only_their_city_and_its_counties(suzhou_client):
    _record(city_code="320500", object_repr="苏州之家")
    _record(city_code="320583", object_repr="昆山之家")  # Kunshan reports through Suzhou
    _record(city_code="320100", object_repr="南京之家")
    _record(city_code="", object_repr="全省事项")
    html = suzhou_client.get("/audit/").content.decode()
    assert "苏州之家" in html and "昆山之家" in html
    assert "南京之家" not in html and "全省事项" not in html


def test_city_admin_cannot_widen_the_scope_with_the_city_filter(nanjing_client):
    _record(city_code="320500", object_repr="苏州之家")
    response = nanjing_client.get("/audit/?city=320500")
    assert "苏州之家" not in response.content.decode()
    assert _rows(response) == 0


@pytest.mark.parametrize("role", [Role.HOME_STAFF, Role.HOME_MANAGER])
def test_home_team_gets_403(role):  # type: ignore[no-untyped-def]
    member = MembershipFactory(organisation=HomeFactory().carrier, role=role).user
    activate_totp(member)
    client = Client()
    client.force_login(member)
    assert client.get("/audit/").status_code == 403


def test_employer_and_talent_get_403():
    employer = MembershipFactory(
        organisation=OrganisationFactory(kind=OrgKind.EMPLOYER), role=Role.EMPLOYER_CONTACT
    ).user
    for user in (employer, UserFactory()):
        client = Client()
        client.force_login(user)
        assert client.get("/audit/").status_code == 403


def test_expert_gets_403():
    org = OrganisationFactory(kind=OrgKind.PROVINCE, city=None)
    expert = MembershipFactory(organisation=org, role=Role.EXPERT).user
    activate_totp(expert)
    client = Client()
    client.force_login(expert)
    assert client.get("/audit/").status_code == 403


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/audit/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_filters(province_client):
    wang = UserFactory(email="wang@example.cn", full_name="王芳")
    _record(actor=wang, action="orgs.home.update", object_id="1", object_repr="甲")
    _record(
        action="orgs.membership.remove",
        object_type="orgs.membership",
        object_id="2",
        object_repr="乙",
        city_code="320500",
    )
    old = _record(action="orgs.home.update", object_id="3", object_repr="丙")
    AuditRecord.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=10))

    def shown(query: str) -> set[str]:
        html = province_client.get("/audit/?" + query).content.decode()
        return {name for name in ("甲", "乙", "丙") if f"<br>{name}" in html}

    assert shown("") == {"甲", "乙", "丙"}
    assert shown("actor=wang@") == {"甲"}
    assert shown("actor=王") == {"甲"}
    assert shown("action=orgs.membership") == {"乙"}
    assert shown("object_type=orgs.membership") == {"乙"}
    assert shown("object_id=3") == {"丙"}
    assert shown("city=320500") == {"乙"}
    today = timezone.localdate().isoformat()
    assert shown(f"date_from={today}") == {"甲", "乙"}
    earlier = (timezone.localdate() - timedelta(days=5)).isoformat()
    assert shown(f"date_to={earlier}") == {"丙"}


def test_invalid_filter_shows_a_field_error_and_keeps_input(province_client):
    html = province_client.get(
        "/en/audit/?actor=li&date_from=2026-03-10&date_to=2026-03-01"
    ).content.decode()
    assert "The end date is before the start date." in html
    assert 'value="li"' in html
    html = province_client.get("/audit/?date_from=2026-03-10&date_to=2026-03-01").content.decode()
    assert "截止日期早于起始日期。" in html


def test_pagination_and_constant_query_count(province_client):
    for i in range(3):
        _record(object_id=str(i), actor=UserFactory())
    province_client.get("/audit/")
    with CaptureQueriesContext(connection) as few:
        province_client.get("/audit/")
    for i in range(60):
        _record(object_id=str(100 + i), actor=UserFactory(), city_code="320500")
    with CaptureQueriesContext(connection) as many:
        response = province_client.get("/audit/")
    assert len(many) == len(few)
    assert _rows(response) == 50
    assert _rows(province_client.get("/audit/?page=2")) == 13


def test_no_edit_or_delete_route_exists(province_client):
    record = _record()
    for path in (f"/audit/{record.pk}/", f"/audit/{record.pk}/delete/"):
        assert province_client.post(path).status_code == 404
    assert province_client.post("/audit/").status_code == 405
    assert AuditRecord.objects.filter(pk=record.pk).exists()


def test_menu_link_only_for_province_and_city_admins(province_admin, nanjing_admin):
    def links(user):  # type: ignore[no-untyped-def]
        request = RequestFactory().get("/workspace/")
        request.user = user
        return [link["url"] for s in workspace_menu(request) for link in s["links"]]

    assert "/audit/" in links(province_admin)
    assert "/audit/" in links(nanjing_admin)
    staff = MembershipFactory(organisation=HomeFactory().carrier, role=Role.HOME_STAFF).user
    assert "/audit/" not in links(staff)
    assert "/audit/" not in links(UserFactory())


def test_record_count_in_both_languages(province_client):
    _record()
    _record()
    assert "2 records" in province_client.get("/en/audit/").content.decode()
    assert "共 2 条记录" in province_client.get("/audit/").content.decode()
