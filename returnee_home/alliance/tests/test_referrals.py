"""Referrals of service requests to alliance members: the workflow, who may take each step,
the request's timeline, the service record and rating, the pages and the API."""

import datetime as dt
import json
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from returnee_home.alliance import referral_actions as actions
from returnee_home.alliance.models import AllianceMembership, Referral
from returnee_home.alliance.tests.factories import AllianceMembershipFactory, OfferingFactory
from returnee_home.api.actions import api_token_create
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.notifications.models import Notification
from returnee_home.orgs.models import OrgKind, Role
from returnee_home.orgs.tests.factories import MembershipFactory, OrganisationFactory
from returnee_home.records.models import Rating, ServiceRecord
from returnee_home.records.selectors import person_times
from returnee_home.services import actions as service_actions
from returnee_home.services.models import RequestEvent
from returnee_home.services.tests.conftest import pdf, submitted, svc  # noqa: F401

pytestmark = pytest.mark.django_db
R = Referral.State


@pytest.fixture
def ref(svc: dict[str, Any], submitted: Any) -> dict[str, Any]:  # noqa: F811
    """An accepted request at the Nanjing Home, the Nanjing partner approved into the city's
    alliance with an offering for the Home, and a Suzhou member that does not serve it."""
    people = svc["people"]
    request = service_actions.request_accept(actor=people["staff"], request=submitted)
    member = AllianceMembershipFactory(organisation=svc["partner_org"])
    offering = OfferingFactory(member=member, title_zh="创业法律咨询")
    offering.homes.set([svc["home"]])
    suzhou_org = OrganisationFactory(kind=OrgKind.ALLIANCE_PARTNER, city=svc["suzhou"])
    suzhou_member = AllianceMembershipFactory(organisation=suzhou_org)
    colleague = MembershipFactory(organisation=svc["partner_org"], role=Role.EMPLOYER_CONTACT)
    return {
        **svc,
        "request": request,
        "member": member,
        "offering": offering,
        "suzhou_member": suzhou_member,
        "colleague": colleague.user,
    }


def refer(ref: dict[str, Any], **overrides: Any) -> Referral:
    kwargs = {
        "actor": ref["people"]["staff"],
        "request": ref["request"],
        "member": ref["member"],
        "offering": ref["offering"],
        "deadline": timezone.localdate() + dt.timedelta(days=7),
        "note": "申请人需要创业法律咨询，请电话联系。",
    }
    kwargs.update(overrides)
    return actions.referral_create(**kwargs)


def client_for(user: Any) -> Any:
    from returnee_home.orgs.tests.conftest import client_for as login

    return login(user)


# --- Referring ---------------------------------------------------------------------------------


def test_staff_refer_and_everyone_concerned_hears_of_it(
    ref: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        referral = refer(ref)
    assert referral.state == R.SENT
    assert referral.home == ref["home"]
    event = RequestEvent.objects.filter(request=ref["request"], action="referral").get()
    assert event.to_state == event.from_state == "accepted"
    assert ref["member"].organisation.name in event.message
    partner_kinds = set(
        Notification.objects.filter(recipient=ref["people"]["partner"]).values_list(
            "kind", flat=True
        )
    )
    assert "alliance.referral_member" in partner_kinds
    # Every person of the member organisation hears of it, not only the partner contact.
    assert Notification.objects.filter(
        recipient=ref["colleague"], kind="alliance.referral_member"
    ).exists()
    assert Notification.objects.filter(
        recipient=ref["people"]["talent"], kind="alliance.referral"
    ).exists()


@pytest.mark.parametrize("who", ["talent", "partner", "city", "other_staff"])
def test_only_the_requests_home_may_refer(ref: dict[str, Any], who: str) -> None:
    actor = ref["other_staff"].user if who == "other_staff" else ref["people"][who]
    with pytest.raises(NotFoundError):
        refer(ref, actor=actor)
    assert not Referral.objects.exists()


def test_member_must_serve_the_home(ref: dict[str, Any]) -> None:
    with pytest.raises(ApplicationError) as error:
        refer(ref, member=ref["suzhou_member"], offering=None)
    assert error.value.code == "member_invalid"
    AllianceMembership.objects.filter(pk=ref["member"].pk).update(status="suspended")
    ref["member"].refresh_from_db()
    with pytest.raises(ApplicationError):
        refer(ref)
    assert not Referral.objects.exists()


def test_offering_deadline_and_note_are_checked(ref: dict[str, Any]) -> None:
    other_offering = OfferingFactory(member=ref["suzhou_member"])
    cases = [
        ({"offering": other_offering}, "offering_invalid"),
        ({"deadline": timezone.localdate() - dt.timedelta(days=1)}, "deadline_invalid"),
        ({"note": "  "}, "note_required"),
    ]
    for overrides, code in cases:
        with pytest.raises(ApplicationError) as error:
            refer(ref, **overrides)
        assert error.value.code == code
    assert not Referral.objects.exists()


def test_one_open_referral_per_request_and_only_open_requests(ref: dict[str, Any]) -> None:
    refer(ref)
    with pytest.raises(ApplicationError) as error:
        refer(ref)
    assert error.value.status == 409
    assert Referral.objects.count() == 1
    Referral.objects.update(state=R.DECLINED)
    service_actions.request_ask_more(
        actor=ref["people"]["staff"], request=ref["request"], message="请补充材料"
    )
    with pytest.raises(ApplicationError) as error:
        refer(ref)  # waiting for the applicant's material
    assert error.value.code == "request_closed"
    from returnee_home.services.models import ServiceRequest

    ServiceRequest.objects.filter(pk=ref["request"].pk).update(state="accepted")
    service_actions.request_complete(
        actor=ref["people"]["staff"], request=ref["request"], message="已办结"
    )
    Referral.objects.update(state=R.DECLINED)
    with pytest.raises(ApplicationError) as error:
        refer(ref)
    assert error.value.code == "request_closed"


# --- The member's answer and report --------------------------------------------------------------


def test_member_accepts_and_reports_done_the_talent_rates_it_once_counted(
    ref: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    referral = refer(ref)
    partner, talent = ref["people"]["partner"], ref["people"]["talent"]
    with django_capture_on_commit_callbacks(execute=True):
        actions.referral_accept(actor=ref["colleague"], referral=referral, note="明天联系")
        referral = actions.referral_report(
            actor=partner,
            referral=referral,
            done=True,
            note="已提供法律咨询，出具意见书。",
            document=pdf("opinion.pdf"),
        )
    assert referral.state == R.DONE
    assert referral.result_document_name == "opinion.pdf"
    record = referral.service_record
    assert record is not None and record.channel == "online"
    assert record.person == talent and record.home == ref["home"]
    assert Notification.objects.filter(recipient=talent, kind="records.rate_invitation").exists()
    assert Notification.objects.filter(
        recipient=ref["people"]["staff"], kind="alliance.referral_home"
    ).exists()
    actions_on_timeline = list(
        RequestEvent.objects.filter(request=ref["request"]).values_list("action", flat=True)
    )
    assert ["referral", "referral_accept", "referral_done"] == [
        a for a in actions_on_timeline if a.startswith("referral")
    ]
    # The Home then completes the request: still one person-time for this request.
    service_actions.request_complete(
        actor=ref["people"]["staff"], request=referral.request, message="办结"
    )
    assert ServiceRecord.objects.filter(person=talent).count() == 1
    today = timezone.localdate()
    assert person_times(start=today, end=today, home=ref["home"]) == 1
    # The talent rates the partner's service like any other service.
    from returnee_home.records.actions import rating_create

    rating_create(record=record, person=talent, level=5, comment="律师很专业")
    assert Rating.objects.get(record=record).level == 5


def test_completed_request_then_report_counts_once(ref: dict[str, Any]) -> None:
    referral = refer(ref)
    actions.referral_accept(actor=ref["people"]["partner"], referral=referral)
    service_actions.request_complete(
        actor=ref["people"]["staff"], request=ref["request"], message="办结"
    )
    referral = actions.referral_report(
        actor=ref["people"]["partner"], referral=referral, done=True, note="已服务"
    )
    assert ServiceRecord.objects.count() == 1
    assert referral.service_record == ServiceRecord.objects.get()


def test_report_unable_records_no_service(ref: dict[str, Any]) -> None:
    referral = refer(ref)
    actions.referral_accept(actor=ref["people"]["partner"], referral=referral)
    referral = actions.referral_report(
        actor=ref["people"]["partner"], referral=referral, done=False, note="超出服务范围"
    )
    assert referral.state == R.UNABLE
    assert referral.service_record is None
    assert not ServiceRecord.objects.exists()


def test_illegal_steps_change_nothing(ref: dict[str, Any]) -> None:
    referral = refer(ref)
    partner, staff = ref["people"]["partner"], ref["people"]["staff"]
    with pytest.raises(ApplicationError) as error:
        actions.referral_report(actor=partner, referral=referral, done=True, note="提前报告")
    assert error.value.status == 409
    with pytest.raises(PermissionDeniedError):
        actions.referral_accept(actor=staff, referral=referral)
    with pytest.raises(PermissionDeniedError):
        actions.referral_cancel(actor=partner, referral=referral, note="不想做")
    with pytest.raises(ApplicationError) as error:
        actions.referral_decline(actor=partner, referral=referral, note="")
    assert error.value.code == "note_required"
    for outsider in (ref["people"]["talent"], ref["people"]["employer"], ref["other_staff"].user):
        with pytest.raises(NotFoundError):
            actions.referral_accept(actor=outsider, referral=referral)
    with pytest.raises(ApplicationError):
        actions.referral_report(
            actor=partner, referral=referral, done=True, note="x", document=pdf()
        )
    referral.refresh_from_db()
    assert referral.state == R.SENT and referral.answered_by is None
    assert not referral.result_document


def test_bad_document_is_refused(ref: dict[str, Any]) -> None:
    from returnee_home.services.tests.conftest import fake_pdf

    referral = refer(ref)
    actions.referral_accept(actor=ref["people"]["partner"], referral=referral)
    with pytest.raises(ApplicationError) as error:
        actions.referral_report(
            actor=ref["people"]["partner"],
            referral=referral,
            done=True,
            note="已服务",
            document=fake_pdf(),
        )
    assert error.value.fields and "document" in error.value.fields
    referral.refresh_from_db()
    assert referral.state == R.ACCEPTED


def test_withdrawn_request_lapses_the_referral_for_the_member(ref: dict[str, Any]) -> None:
    referral = refer(ref)
    service_actions.request_withdraw(actor=ref["people"]["talent"], request=ref["request"])
    with pytest.raises(ApplicationError) as error:
        actions.referral_accept(actor=ref["people"]["partner"], referral=referral)
    assert error.value.code == "request_closed"
    actions.referral_cancel(actor=ref["people"]["staff"], referral=referral, note="申请人已撤回")
    referral.refresh_from_db()
    assert referral.state == R.CANCELLED


def test_decline_lets_the_home_refer_again(ref: dict[str, Any]) -> None:
    referral = refer(ref)
    actions.referral_decline(actor=ref["people"]["partner"], referral=referral, note="人手不足")
    second = refer(ref)
    assert second.state == R.SENT
    assert Referral.objects.filter(request=ref["request"]).count() == 2


# --- Pages -------------------------------------------------------------------------------------


def test_staff_request_page_offers_referral_and_form_refers(ref: dict[str, Any]) -> None:
    staff = client_for(ref["people"]["staff"])
    page = staff.get(reverse("services:staff_request", args=[ref["request"].pk]))
    assert page.status_code == 200
    refer_url = reverse("alliance:referral_create", args=[ref["request"].pk])
    assert refer_url in page.content.decode()
    form_page = staff.get(refer_url)
    assert form_page.status_code == 200
    body = form_page.content.decode()
    assert ref["member"].organisation.name in body
    assert ref["suzhou_member"].organisation.name not in body
    deadline = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    response = staff.post(
        refer_url,
        {
            "member": ref["member"].pk,
            "offering": ref["offering"].pk,
            "deadline": deadline,
            "note": "请协助",
        },
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    page = staff.get(reverse("services:staff_request", args=[ref["request"].pk]))
    assert reverse("alliance:referral_detail", args=[referral.pk]) in page.content.decode()
    assert refer_url not in page.content.decode()


def test_referral_pages_are_scoped(ref: dict[str, Any]) -> None:
    referral = refer(ref)
    url = reverse("alliance:referral_detail", args=[referral.pk])
    assert client_for(ref["people"]["partner"]).get(url).status_code == 200
    assert client_for(ref["colleague"]).get(url).status_code == 200
    assert client_for(ref["people"]["staff"]).get(url).status_code == 200
    for outsider in (ref["people"]["talent"], ref["people"]["employer"], ref["other_staff"].user):
        assert client_for(outsider).get(url).status_code == 404
    create = reverse("alliance:referral_create", args=[ref["request"].pk])
    assert client_for(ref["people"]["partner"]).get(create).status_code == 404
    assert client_for(ref["people"]["talent"]).get(reverse("alliance:referrals")).status_code == 403


def test_member_answers_on_the_page_and_home_cannot(ref: dict[str, Any]) -> None:
    referral = refer(ref)
    url = reverse("alliance:referral_detail", args=[referral.pk])
    staff = client_for(ref["people"]["staff"])
    assert staff.post(url, {"step": "accept", "accept-note": ""}).status_code == 302
    referral.refresh_from_db()
    assert referral.state == R.SENT  # the Home is offered no accept form
    partner = client_for(ref["people"]["partner"])
    assert partner.post(url, {"step": "accept", "accept-note": "好的"}).status_code == 302
    response = partner.post(
        url,
        {"step": "report_done", "report_done-note": "已完成", "report_done-document": pdf()},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.state == R.DONE
    document = reverse("alliance:referral_document", args=[referral.pk])
    assert partner.get(document).status_code == 200
    assert staff.get(document).status_code == 200
    assert client_for(ref["people"]["talent"]).get(document).status_code == 200
    assert client_for(ref["people"]["employer"]).get(document).status_code == 404
    # The applicant sees the referral on their request's timeline.
    mine = client_for(ref["people"]["talent"]).get(
        reverse("services:my_request", args=[ref["request"].pk])
    )
    assert ref["member"].organisation.name in mine.content.decode()


def test_member_list_highlights_overdue_with_fixed_queries(ref: dict[str, Any]) -> None:
    referral = refer(ref)
    Referral.objects.filter(pk=referral.pk).update(deadline=timezone.localdate() - dt.timedelta(1))
    partner = client_for(ref["people"]["partner"])
    url = reverse("alliance:referrals")
    partner.get(url)
    with CaptureQueriesContext(connection) as first:
        response = partner.get(url)
    assert "referral-overdue" in response.content.decode()
    from returnee_home.services.tests.conftest import pdf as make_pdf

    for _n in range(3):
        other = service_actions.request_create(
            applicant=ref["people"]["talent"],
            item=ref["item"],
            home=ref["home"],
            files={ref["required"].pk: make_pdf()},
        )
        refer(ref, request=other)
    with CaptureQueriesContext(connection) as second:
        response = partner.get(url)
    assert response.content.decode().count("<tr") == 5
    assert len(second) == len(first)


# --- API ---------------------------------------------------------------------------------------


def test_api_lists_and_answers_for_the_member_by_session_and_token(ref: dict[str, Any]) -> None:
    referral = refer(ref)
    partner = client_for(ref["people"]["partner"])
    listed = partner.get("/api/v1/alliance/referrals").json()
    assert [r["id"] for r in listed["items"]] == [referral.pk]
    assert listed["items"][0]["state"] == "sent"
    _token, text = api_token_create(
        actor=ref["people"]["partner"], organisation=ref["partner_org"], name="系统"
    )
    auth = {"HTTP_AUTHORIZATION": f"Bearer {text}"}
    from django.test import Client

    api = Client()
    response = api.post(
        f"/api/v1/alliance/referrals/{referral.pk}/decline",
        data=json.dumps({"note": ""}),
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 400
    assert (
        set(response.json()) == {"code", "message", "fields"}
        and "note" in response.json()["fields"]
    )
    response = api.post(
        f"/api/v1/alliance/referrals/{referral.pk}/accept",
        data=json.dumps({"note": "收到"}),
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 200 and response.json()["state"] == "accepted"
    response = api.post(
        f"/api/v1/alliance/referrals/{referral.pk}/accept",
        data=json.dumps({}),
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 409
    assert (
        api.post(
            f"/api/v1/alliance/referrals/{referral.pk}/cancel",
            data=json.dumps({"note": "x"}),
            content_type="application/json",
            **auth,
        ).status_code
        == 404
    )


def test_api_refuses_other_organisations_and_anonymous(ref: dict[str, Any]) -> None:
    referral = refer(ref)
    from django.test import Client

    assert Client().get("/api/v1/alliance/referrals").status_code == 401
    _token, text = api_token_create(
        actor=ref["people"]["employer"], organisation=ref["employer"], name="系统"
    )
    auth = {"HTTP_AUTHORIZATION": f"Bearer {text}"}
    assert Client().get("/api/v1/alliance/referrals", **auth).json()["items"] == []
    assert Client().get(f"/api/v1/alliance/referrals/{referral.pk}", **auth).status_code == 404
    staff = client_for(ref["people"]["staff"])
    assert staff.get(f"/api/v1/alliance/referrals/{referral.pk}").status_code == 404
    response = client_for(ref["people"]["partner"]).get("/api/v1/alliance/referrals?state=nope")
    assert response.status_code == 400
