"""The alliance membership workflow, offerings and the suggestion triage, against the database."""

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied  # noqa: F401

from returnee_home.alliance import actions
from returnee_home.alliance.models import AllianceMembership, MemberType, Offering, Suggestion
from returnee_home.alliance.tests.factories import (
    AllianceMembershipFactory,
    OfferingFactory,
    SuggestionFactory,
)
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.core.models import AuditRecord
from returnee_home.notifications.models import Notification
from returnee_home.orgs.models import Membership, Organisation, OrgKind, Role, VerificationStatus
from returnee_home.orgs.tests.factories import MembershipFactory, OrganisationFactory

Status = AllianceMembership.Status
pytestmark = pytest.mark.django_db


def _apply(user: Any, org: Organisation, scope: str = "city") -> AllianceMembership:
    return actions.alliance_membership_apply(
        user=user,
        organisation=org,
        member_type=MemberType.ENTERPRISE,
        scope=scope,
        offer_zh="法律咨询",
        contact_name="王联络",
        contact_phone="025-88886666",
    )


def test_apply_and_approve_grants_partner_role(world, django_capture_on_commit_callbacks):
    employer_contact = world["people"]["employer"]
    employer = world["employer"]
    with django_capture_on_commit_callbacks(execute=True):
        membership = _apply(employer_contact, employer)
    assert membership.status == Status.APPLIED
    assert membership.scope_city == world["nanjing"]
    assert Notification.objects.filter(recipient=world["people"]["city"]).exists()
    with django_capture_on_commit_callbacks(execute=True):
        actions.alliance_membership_decide(
            actor=world["people"]["city"], membership=membership, target=Status.APPROVED
        )
    membership.refresh_from_db()
    assert membership.status == Status.APPROVED
    assert membership.decided_by == world["people"]["city"]
    assert Membership.objects.filter(
        user=employer_contact, organisation=employer, role=Role.PARTNER
    ).exists()
    assert AuditRecord.objects.filter(action="alliance.partner_role_grant").exists()
    assert AuditRecord.objects.filter(action="alliance.approved").exists()
    assert Notification.objects.filter(
        recipient=employer_contact, kind="alliance.approved"
    ).exists()


def test_register_new_partner_and_approval_verifies_it(world):
    talent = world["people"]["talent"]
    membership = actions.alliance_partner_register(
        user=talent,
        name_zh="南京留创法律服务中心",
        name_en="Nanjing Returnee Legal Centre",
        city=world["nanjing"],
        member_type=MemberType.TALENT_SERVICE,
        scope="city",
        contact_name="张三",
        contact_phone="13800000000",
    )
    org = membership.organisation
    assert org.kind == OrgKind.ALLIANCE_PARTNER
    assert org.verification_status == VerificationStatus.PENDING
    assert not Membership.objects.filter(user=talent, organisation=org).exists()
    actions.alliance_membership_decide(
        actor=world["people"]["city"], membership=membership, target=Status.APPROVED
    )
    org.refresh_from_db()
    assert org.verification_status == VerificationStatus.VERIFIED
    assert Membership.objects.filter(user=talent, organisation=org, role=Role.PARTNER).exists()


def test_apply_refuses_non_member_and_duplicates(world):
    with pytest.raises(NotFoundError):
        _apply(world["people"]["talent"], world["employer"])
    _apply(world["people"]["employer"], world["employer"])
    with pytest.raises(ApplicationError) as exc:
        _apply(world["people"]["employer"], world["employer"])
    assert exc.value.code == "already_applied"
    # The provincial alliance is a different alliance.
    assert _apply(world["people"]["employer"], world["employer"], "province").scope_city is None


def test_carrier_cannot_join(world):
    with pytest.raises(ApplicationError) as exc:
        _apply(world["people"]["manager"], world["home"].carrier)
    assert exc.value.code == "organisation_not_joinable"


def test_rejection_needs_reason_and_is_final(world):
    membership = _apply(world["people"]["employer"], world["employer"])
    city_admin = world["people"]["city"]
    with pytest.raises(ApplicationError) as exc:
        actions.alliance_membership_decide(
            actor=city_admin, membership=membership, target=Status.REJECTED
        )
    assert exc.value.code == "reason_required"
    actions.alliance_membership_decide(
        actor=city_admin, membership=membership, target=Status.REJECTED, reason="材料不全"
    )
    for target in (Status.APPROVED, Status.SUSPENDED, Status.WITHDRAWN):
        with pytest.raises(ApplicationError) as exc:
            actions.alliance_membership_decide(
                actor=city_admin, membership=membership, target=target, reason="x"
            )
        assert exc.value.status == 409
    membership.refresh_from_db()
    assert membership.status == Status.REJECTED


def test_suspend_reinstate_withdraw(world):
    membership = AllianceMembershipFactory(organisation=world["partner_org"])
    city_admin, partner = world["people"]["city"], world["people"]["partner"]
    actions.alliance_membership_decide(
        actor=city_admin, membership=membership, target=Status.SUSPENDED, reason="投诉核查"
    )
    actions.alliance_membership_decide(
        actor=city_admin, membership=membership, target=Status.APPROVED
    )
    # The partner may not suspend or approve, only withdraw.
    with pytest.raises(PermissionDeniedError):
        actions.alliance_membership_decide(
            actor=partner, membership=membership, target=Status.SUSPENDED, reason="x"
        )
    actions.alliance_membership_decide(
        actor=partner, membership=membership, target=Status.WITHDRAWN
    )
    membership.refresh_from_db()
    assert membership.status == Status.WITHDRAWN


def test_decisions_are_scoped(world):
    membership = _apply(world["people"]["employer"], world["employer"])
    other_city_admin = MembershipFactory(
        organisation=world["other_bureau"], role=Role.CITY_ADMIN
    ).user
    with pytest.raises(NotFoundError):
        actions.alliance_membership_decide(
            actor=other_city_admin, membership=membership, target=Status.APPROVED
        )
    # A province admin decides the provincial alliance, not a city's.
    with pytest.raises(PermissionDeniedError):
        actions.alliance_membership_decide(
            actor=world["people"]["province"], membership=membership, target=Status.APPROVED
        )
    provincial = _apply(world["people"]["employer"], world["employer"], "province")
    with pytest.raises(NotFoundError):
        actions.alliance_membership_decide(
            actor=world["people"]["city"], membership=provincial, target=Status.APPROVED
        )
    actions.alliance_membership_decide(
        actor=world["people"]["province"], membership=provincial, target=Status.APPROVED
    )


def _offering_kwargs(**extra: Any) -> dict[str, Any]:
    return {
        "kind": Offering.Kind.SERVICE,
        "title_zh": "知识产权咨询",
        "title_en": "IP advice",
        "contact_method": "025-1234567",
        **extra,
    }


def test_offering_rules(world):
    membership = AllianceMembershipFactory(organisation=world["partner_org"])
    partner = world["people"]["partner"]
    offering = actions.offering_create(
        actor=partner, membership=membership, homes=[world["home"]], **_offering_kwargs()
    )
    assert list(offering.homes.all()) == [world["home"]]
    with pytest.raises(ApplicationError) as exc:
        actions.offering_create(
            actor=partner, membership=membership, homes=[world["other_home"]], **_offering_kwargs()
        )
    assert exc.value.code == "outside_alliance"
    with pytest.raises(ApplicationError) as exc:
        actions.offering_create(
            actor=partner,
            membership=membership,
            **_offering_kwargs(valid_from=dt.date(2030, 1, 2), valid_until=dt.date(2030, 1, 1)),
        )
    assert exc.value.code == "dates_invalid"
    # Another partner cannot touch it.
    stranger = MembershipFactory(
        organisation=OrganisationFactory(kind=OrgKind.ALLIANCE_PARTNER), role=Role.PARTNER
    ).user
    with pytest.raises(NotFoundError):
        actions.offering_update(actor=stranger, offering=offering, **_offering_kwargs())
    with pytest.raises(NotFoundError):
        actions.offering_delete(actor=stranger, offering=offering)
    actions.offering_update(actor=partner, offering=offering, **_offering_kwargs(title_zh="新标题"))
    offering.refresh_from_db()
    assert offering.title_zh == "新标题"


def test_pending_member_cannot_list_offerings(world):
    membership = AllianceMembershipFactory(organisation=world["partner_org"], status=Status.APPLIED)
    with pytest.raises(ApplicationError) as exc:
        actions.offering_create(
            actor=world["people"]["partner"], membership=membership, **_offering_kwargs()
        )
    assert exc.value.code == "member_not_approved"


def test_suggestion_submit_and_triage(world, django_capture_on_commit_callbacks):
    city_admin, province = world["people"]["city"], world["people"]["province"]
    with django_capture_on_commit_callbacks(execute=True):
        suggestion = actions.suggestion_submit(
            actor=city_admin,
            city=world["nanjing"],
            kind=Suggestion.Kind.NEED,
            category=Suggestion.Category.DATA_SHARING,
            title="共享人才库",
            description="希望与市平台共享数据。",
            priority=Suggestion.Priority.HIGH,
            contact_name="李处长",
            contact_phone="025-83276000",
        )
    assert Notification.objects.filter(recipient=province).exists()
    with pytest.raises(PermissionDeniedError):
        actions.suggestion_triage(
            actor=city_admin, suggestion=suggestion, status="accepted", reply="好"
        )
    with pytest.raises(ApplicationError):
        actions.suggestion_triage(actor=province, suggestion=suggestion, status="done", reply=" ")
    with django_capture_on_commit_callbacks(execute=True):
        actions.suggestion_triage(
            actor=province, suggestion=suggestion, status="planned", reply="已列入计划"
        )
    assert Notification.objects.filter(
        recipient=city_admin, kind="alliance.suggestion_answered"
    ).exists()
    # planned → accepted is not a step of the triage.
    with pytest.raises(ApplicationError) as exc:
        actions.suggestion_triage(
            actor=province, suggestion=suggestion, status="accepted", reply="x"
        )
    assert exc.value.status == 409
    actions.suggestion_triage(actor=province, suggestion=suggestion, status="done", reply="已上线")
    with pytest.raises(ApplicationError):
        actions.suggestion_triage(
            actor=province, suggestion=suggestion, status="declined", reply="x"
        )


def test_suggestion_only_for_own_city(world):
    with pytest.raises(PermissionDeniedError):
        actions.suggestion_submit(
            actor=world["people"]["city"],
            city=world["suzhou"],
            kind="suggestion",
            category="other",
            title="x",
            description="y",
            priority="low",
            contact_name="a",
            contact_phone="1",
        )
    SuggestionFactory()  # keeps the factory exercised
    OfferingFactory()
