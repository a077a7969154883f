"""Catalogue, offerings and the request workflow: every legal and illegal step, case numbers,
uploads, notifications, service records."""

from typing import Any

import pytest

from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.core.models import AuditRecord
from returnee_home.notifications.models import Notification
from returnee_home.services import actions, selectors, workflow
from returnee_home.services.models import (
    RequestEvent,
    RequestMaterial,
    RequestState,
    ServiceFaq,
    ServiceRequest,
)
from returnee_home.services.tests.conftest import fake_pdf, pdf
from returnee_home.services.tests.factories import ServiceItemFactory

S = RequestState


def _to(state: str, case: ServiceRequest, svc: dict[str, Any]) -> ServiceRequest:
    """Drive a submitted request to `state` by legal steps."""
    staff, talent = svc["people"]["staff"], svc["people"]["talent"]
    paths = {
        S.SUBMITTED: [],
        S.ACCEPTED: [("accept", staff)],
        S.NEEDS_MORE: [("ask_more", staff)],
        S.RESUBMITTED: [("ask_more", staff), ("resubmit", talent)],
        S.COMPLETED: [("accept", staff), ("complete", staff)],
        S.REFUSED: [("refuse", staff)],
        S.WITHDRAWN: [("withdraw", talent)],
    }
    for step, actor in paths[state]:
        if step == "resubmit":
            case = actions.request_resubmit(actor=actor, request=case, message="补充")
        else:
            case = actions._step(actor=actor, request=case, step_name=step, message="说明")
    return case


def test_search_segmented_chinese_finds_longer_title(svc: dict[str, Any]) -> None:
    ServiceItemFactory(title_zh="职称评审受理", title_en="Professional title review")
    found = list(selectors.catalogue_items(q="人才公寓"))
    assert [i.pk for i in found] == [svc["item"].pk]
    assert [i.pk for i in selectors.catalogue_items(q="公寓补贴申请")] == [svc["item"].pk]
    assert [i.pk for i in selectors.catalogue_items(q="apartment")] == [svc["item"].pk]
    assert list(selectors.catalogue_items(q="火箭")) == []


def test_catalogue_city_filter(svc: dict[str, Any]) -> None:
    lonely = ServiceItemFactory()
    nanjing = list(selectors.catalogue_items(city=svc["nanjing"]))
    assert svc["item"] in nanjing and lonely not in nanjing


def test_submit_gives_case_number_due_date_event_and_notification(
    svc: dict[str, Any], submitted: ServiceRequest
) -> None:
    assert submitted.state == S.SUBMITTED
    assert submitted.case_number.startswith(f"{svc['home'].code}-")
    assert submitted.case_number.endswith("-0001")
    assert submitted.due_on is not None
    assert RequestMaterial.objects.filter(request=submitted).count() == 1
    assert RequestEvent.objects.filter(request=submitted, action="submit").count() == 1
    assert Notification.objects.filter(recipient=svc["people"]["talent"]).count() == 1


def test_case_numbers_unique_and_sequential(svc: dict[str, Any]) -> None:
    numbers = [
        actions.request_create(
            applicant=svc["people"]["talent"],
            item=svc["item"],
            home=svc["home"],
            files={svc["required"].pk: pdf()},
        ).case_number
        for _ in range(5)
    ]
    assert len(set(numbers)) == 5
    assert [n[-4:] for n in numbers] == ["0001", "0002", "0003", "0004", "0005"]
    other = actions.request_create(
        applicant=svc["people"]["talent"],
        item=svc["item"],
        home=svc["other_home"],
        files={svc["required"].pk: pdf()},
    )
    assert other.case_number.endswith("-0001")


def test_idempotency_key_makes_double_submission_harmless(svc: dict[str, Any]) -> None:
    import uuid

    key = uuid.uuid4()
    kwargs = dict(
        applicant=svc["people"]["talent"], item=svc["item"], home=svc["home"], idempotency_key=key
    )
    first = actions.request_create(files={svc["required"].pk: pdf()}, **kwargs)
    second = actions.request_create(files={svc["required"].pk: pdf()}, **kwargs)
    assert first.pk == second.pk
    assert ServiceRequest.objects.count() == 1


def test_missing_required_material_or_wrong_file_writes_nothing(svc: dict[str, Any]) -> None:
    talent = svc["people"]["talent"]
    with pytest.raises(ApplicationError) as missing:
        actions.request_create(applicant=talent, item=svc["item"], home=svc["home"])
    assert f"material_{svc['required'].pk}" in missing.value.fields
    with pytest.raises(ApplicationError) as wrong:
        actions.request_create(
            applicant=talent,
            item=svc["item"],
            home=svc["home"],
            files={svc["required"].pk: fake_pdf()},
        )
    assert wrong.value.code == "file_type"
    assert ServiceRequest.objects.count() == 0
    assert RequestMaterial.objects.count() == 0


def test_file_too_large(svc: dict[str, Any], settings: Any) -> None:
    settings.UPLOAD_MAX_BYTES = 10
    with pytest.raises(ApplicationError) as error:
        actions.request_create(
            applicant=svc["people"]["talent"],
            item=svc["item"],
            home=svc["home"],
            files={svc["required"].pk: pdf()},
        )
    assert error.value.code == "file_too_large"
    assert ServiceRequest.objects.count() == 0


def test_item_not_offered_at_home(svc: dict[str, Any]) -> None:
    lonely = ServiceItemFactory()
    with pytest.raises(NotFoundError):
        actions.request_create(applicant=svc["people"]["talent"], item=lonely, home=svc["home"])


@pytest.mark.parametrize("start", [s for s in S if s != S.DRAFT])
@pytest.mark.parametrize("step", list(workflow.STEPS))
def test_every_transition_from_every_state(
    svc: dict[str, Any], submitted: ServiceRequest, start: str, step: str
) -> None:
    case = _to(start, submitted, svc)
    definition = workflow.STEPS[step]
    actor = svc["people"]["staff" if definition.actor == workflow.STAFF else "talent"]
    before = (case.state, RequestEvent.objects.count())
    kwargs: dict[str, Any] = {"message": "说明"}
    if step == "transfer":
        kwargs["to_home"] = svc["other_home"]
    if step == "resubmit":
        call = lambda: actions.request_resubmit(actor=actor, request=case, message="补充")  # noqa: E731
    elif step == "submit":
        call = lambda: actions.request_submit(actor=actor, request=case)  # noqa: E731
    else:
        call = lambda: actions._step(actor=actor, request=case, step_name=step, **kwargs)  # noqa: E731
    if start in definition.sources:
        after = call()
        assert after.state == definition.target
        assert RequestEvent.objects.count() == before[1] + 1
    else:
        with pytest.raises(ApplicationError):
            call()
        case.refresh_from_db()
        assert (case.state, RequestEvent.objects.count()) == before


@pytest.mark.parametrize("step", workflow.STAFF_STEPS)
def test_talent_cannot_take_staff_steps(
    svc: dict[str, Any], submitted: ServiceRequest, step: str
) -> None:
    with pytest.raises(PermissionDeniedError):
        actions._step(
            actor=svc["people"]["talent"],
            request=submitted,
            step_name=step,
            message="x",
            to_home=svc["other_home"],
        )
    submitted.refresh_from_db()
    assert submitted.state == S.SUBMITTED


@pytest.mark.parametrize("who", ["other_staff", "city", "province", "employer"])
def test_outsiders_cannot_act(svc: dict[str, Any], submitted: ServiceRequest, who: str) -> None:
    actor = svc["other_staff"].user if who == "other_staff" else svc["people"][who]
    with pytest.raises((NotFoundError, PermissionDeniedError)):
        actions.request_accept(actor=actor, request=submitted)
    with pytest.raises((NotFoundError, PermissionDeniedError)):
        actions.request_withdraw(actor=actor, request=submitted)
    submitted.refresh_from_db()
    assert submitted.state == S.SUBMITTED


def test_staff_cannot_take_applicant_steps(svc: dict[str, Any], submitted: ServiceRequest) -> None:
    with pytest.raises(PermissionDeniedError):
        actions.request_withdraw(actor=svc["people"]["staff"], request=submitted)


def test_refuse_requires_reason(svc: dict[str, Any], submitted: ServiceRequest) -> None:
    with pytest.raises(ApplicationError) as error:
        actions.request_refuse(actor=svc["people"]["manager"], request=submitted, message="  ")
    assert error.value.code == "message_required"
    submitted.refresh_from_db()
    assert submitted.state == S.SUBMITTED


def test_full_journey_notifies_every_step_and_records_service(
    svc: dict[str, Any], submitted: ServiceRequest
) -> None:
    from returnee_home.records.models import ServiceRecord

    staff, talent = svc["people"]["staff"], svc["people"]["talent"]
    case = actions.request_ask_more(actor=staff, request=submitted, message="请补充租赁合同")
    case = actions.request_resubmit(
        actor=talent, request=case, message="已补充", files={svc["optional"].pk: pdf("lease.pdf")}
    )
    case = actions.request_accept(actor=staff, request=case)
    case = actions.request_complete(
        actor=staff, request=case, message="补贴已核定", result_document=pdf("result.pdf")
    )
    assert case.state == S.COMPLETED and case.closed_at and case.result_document
    assert Notification.objects.filter(recipient=talent, kind="services.request").count() == 5
    assert ServiceRecord.objects.filter(person=talent, item=svc["item"]).count() == 1
    assert AuditRecord.objects.filter(action__startswith="services.request_").count() == 5
    steps = list(case.events.exclude(action="create").values_list("action", flat=True))
    assert steps == ["submit", "ask_more", "resubmit", "accept", "complete"]


def test_notification_in_recipients_language(svc: dict[str, Any]) -> None:
    talent = svc["people"]["talent"]
    talent.preferred_language = "en"
    talent.save()
    actions.request_create(
        applicant=talent, item=svc["item"], home=svc["home"], files={svc["required"].pk: pdf()}
    )
    assert "has been submitted" in Notification.objects.get(recipient=talent).title


def test_transfer_keeps_case_number_and_moves_scope(
    svc: dict[str, Any], submitted: ServiceRequest
) -> None:
    number = submitted.case_number
    case = actions.request_transfer(
        actor=svc["people"]["staff"], request=submitted, to_home=svc["other_home"], message="属地"
    )
    assert case.case_number == number and case.home == svc["other_home"]
    with pytest.raises(NotFoundError):
        selectors.request_for_staff(svc["people"]["staff"], case.pk)
    assert selectors.request_for_staff(svc["other_staff"].user, case.pk).pk == case.pk


def test_transfer_to_home_not_offering_refused(
    svc: dict[str, Any], submitted: ServiceRequest
) -> None:
    from returnee_home.orgs.tests.factories import HomeFactory

    with pytest.raises(ApplicationError):
        actions.request_transfer(
            actor=svc["people"]["staff"], request=submitted, to_home=HomeFactory(), message="x"
        )
    submitted.refresh_from_db()
    assert submitted.home == svc["home"]


def test_catalogue_edit_only_by_province_and_audited(svc: dict[str, Any]) -> None:
    with pytest.raises(PermissionDeniedError):
        actions.service_item_create(
            actor=svc["people"]["city"],
            category=svc["item"].category,
            code="X-1",
            slug="x-1",
            title_zh="测试",
        )
    item = actions.service_item_create(
        actor=svc["people"]["province"],
        category=svc["item"].category,
        code="X-1",
        slug="x-1",
        title_zh="留学回国人员证明开具",
        materials=[{"name_zh": "护照", "is_required": True, "original_required": True}],
    )
    assert item.materials.get().original_required
    assert [i.pk for i in selectors.catalogue_items(q="留学回国")] == [item.pk]
    with pytest.raises(ApplicationError):
        actions.service_item_create(
            actor=svc["people"]["province"],
            category=svc["item"].category,
            code="X-1",
            slug="x-2",
            title_zh="重复",
        )
    actions.service_item_set_active(actor=svc["people"]["province"], item=item, active=False)
    assert item not in selectors.catalogue_items()
    assert AuditRecord.objects.filter(action="services.item_retire").exists()


def test_offering_only_by_manager_of_that_home(svc: dict[str, Any]) -> None:
    item = ServiceItemFactory()
    with pytest.raises(PermissionDeniedError):
        actions.home_offering_set(
            actor=svc["people"]["staff"], home=svc["home"], item=item, offered=True
        )
    with pytest.raises(PermissionDeniedError):
        actions.home_offering_set(
            actor=svc["people"]["manager"], home=svc["other_home"], item=item, offered=True
        )
    window = svc["home"].windows.first()
    offering = actions.home_offering_set(
        actor=svc["people"]["manager"],
        home=svc["home"],
        item=item,
        offered=True,
        windows=[window],
        hours_zh="周二上午",
    )
    assert list(offering.windows.all()) == [window]
    assert item in [o.item for o in selectors.offerings_for_home(svc["home"])]


def test_faq_entry_create(svc: dict[str, Any]) -> None:
    faq = actions.faq_entry_create(
        item=svc["item"], question_zh="要多久？", answer_zh="三个工作日。", source="consultation"
    )
    assert faq.source == ServiceFaq.Source.CONSULTATION
    with pytest.raises(ApplicationError):
        actions.faq_entry_create(item=svc["item"], question_zh="无答案")


def test_home_staff_told_of_new_requests(svc: dict[str, Any], submitted: ServiceRequest) -> None:
    for who in ("staff", "manager"):
        assert (
            Notification.objects.filter(
                recipient=svc["people"][who], kind="services.workbench"
            ).count()
            == 1
        )
    assert not Notification.objects.filter(recipient=svc["other_staff"].user).exists()
    actions.request_transfer(
        actor=svc["people"]["staff"], request=submitted, to_home=svc["other_home"], message="属地"
    )
    assert (
        Notification.objects.filter(
            recipient=svc["other_staff"].user, kind="services.workbench"
        ).count()
        == 1
    )
