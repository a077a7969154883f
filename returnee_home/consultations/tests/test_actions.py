"""Consultations: anonymous questions wait for e-mail confirmation, throttled per address;
answers, hand-overs and publication with consent only; staff of other Homes refused."""

from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from returnee_home.consultations import actions
from returnee_home.consultations.models import Consultation, Handover
from returnee_home.core.errors import ApplicationError, PermissionDeniedError
from returnee_home.core.models import ServiceCategory
from returnee_home.core.workdays import add_working_days
from returnee_home.notifications.models import Notification
from returnee_home.records.tests.factories import ServiceItemFactory
from returnee_home.services.models import ServiceFaq

pytestmark = pytest.mark.django_db


def _ask(world: dict[str, Any], asker: Any = None, **kwargs: Any) -> tuple[Consultation, str]:
    item = kwargs.pop("item", None)
    defaults = {
        "asker": asker,
        "home": world["home"],
        "category": item.category if item else ServiceCategory.objects.first(),
        "item": item,
        "subject": "人才公寓",
        "question": "如何申请人才公寓补贴?",
        "language": "zh-hans",
        "email": "" if asker else "asker@example.com",
        "ip_address": "10.0.0.1",
    }
    defaults.update(kwargs)
    return actions.consultation_ask(**defaults)


def test_anonymous_question_waits_for_email_confirmation(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        consultation, token = _ask(world)
    assert consultation.status == Consultation.Status.UNCONFIRMED
    assert consultation.due_on is None
    assert len(mail.outbox) == 1 and token in mail.outbox[0].body
    found = actions.consultation_by_token(token)
    confirmed = actions.consultation_confirm(consultation=found)
    assert confirmed.status == Consultation.Status.OPEN
    assert confirmed.due_on == add_working_days(timezone.localdate(), 3)
    again = actions.consultation_confirm(consultation=found)
    assert again.due_on == confirmed.due_on


def test_anonymous_needs_email_and_is_throttled(world: dict[str, Any]) -> None:
    with pytest.raises(ApplicationError) as error:
        _ask(world, email="")
    assert "email" in error.value.fields
    for _ in range(actions.ANONYMOUS_PER_HOUR):
        _ask(world, ip_address="10.9.9.9")
    with pytest.raises(ApplicationError) as error:
        _ask(world, ip_address="10.9.9.9")
    assert error.value.status == 429
    assert Consultation.objects.count() == actions.ANONYMOUS_PER_HOUR


def test_signed_in_question_goes_to_staff_at_once(world: dict[str, Any]) -> None:
    consultation, _ = _ask(world, asker=world["people"]["talent"], language="en")
    assert consultation.status == Consultation.Status.OPEN
    assert consultation.due_on is not None


def test_answer_by_home_staff_only_and_asker_notified(world: dict[str, Any]) -> None:
    person = world["people"]["talent"]
    consultation, _ = _ask(world, asker=person)
    for outsider in (world["other_staff"].user, world["people"]["city"], person):
        with pytest.raises(PermissionDeniedError):
            actions.consultation_answer(consultation=consultation, actor=outsider, answer="x")
    answered = actions.consultation_answer(
        consultation=consultation, actor=world["people"]["staff"], answer="请携带学历认证。"
    )
    assert answered.status == Consultation.Status.ANSWERED
    assert Notification.objects.filter(recipient=person, kind="consultations.answered").exists()
    with pytest.raises(ApplicationError) as error:
        actions.consultation_answer(
            consultation=consultation, actor=world["people"]["staff"], answer="again"
        )
    assert error.value.code == "illegal_transition"


def test_unconfirmed_question_cannot_be_answered(world: dict[str, Any]) -> None:
    consultation, _ = _ask(world)
    with pytest.raises(ApplicationError):
        actions.consultation_answer(
            consultation=consultation, actor=world["people"]["staff"], answer="x"
        )


def test_hand_over_to_other_home_and_province(world: dict[str, Any]) -> None:
    consultation, _ = _ask(world, asker=world["people"]["talent"])
    staff = world["people"]["staff"]
    with pytest.raises(ApplicationError) as error:
        actions.consultation_hand_over(
            consultation=consultation, actor=staff, to_home=world["other_home"], note=""
        )
    assert "note" in error.value.fields
    moved = actions.consultation_hand_over(
        consultation=consultation, actor=staff, to_home=world["other_home"], note="苏州办理"
    )
    assert moved.home_id == world["other_home"].pk
    with pytest.raises(PermissionDeniedError):
        actions.consultation_answer(consultation=moved, actor=staff, answer="x")
    to_province = actions.consultation_hand_over(
        consultation=moved, actor=world["other_staff"].user, to_home=None, note="省级政策"
    )
    assert to_province.is_for_province
    assert Handover.objects.count() == 2
    actions.consultation_answer(
        consultation=to_province, actor=world["people"]["province"], answer="答复"
    )


def test_publish_only_with_consent(world: dict[str, Any]) -> None:
    staff = world["people"]["staff"]
    item = ServiceItemFactory()
    without, _ = _ask(world, asker=world["people"]["talent"], item=item)
    actions.consultation_answer(consultation=without, actor=staff, answer="答")
    with pytest.raises(ApplicationError) as error:
        actions.consultation_publish(
            consultation=without, actor=staff, question_zh="问", answer_zh="答"
        )
    assert error.value.code == "no_consent"
    consenting, _ = _ask(world, asker=world["people"]["talent"], item=item, consent_to_publish=True)
    with pytest.raises(ApplicationError) as error:
        actions.consultation_publish(
            consultation=consenting, actor=staff, question_zh="问", answer_zh="答"
        )
    assert error.value.code == "not_answered"
    actions.consultation_answer(consultation=consenting, actor=staff, answer="答")
    faq = actions.consultation_publish(
        consultation=consenting, actor=staff, question_zh="如何申请?", answer_zh="携带材料。"
    )
    assert faq.item_id == item.pk and faq.source == ServiceFaq.Source.CONSULTATION
    with pytest.raises(ApplicationError):
        actions.consultation_publish(
            consultation=consenting, actor=staff, question_zh="问", answer_zh="答"
        )
    assert ServiceFaq.objects.count() == 1


def _titles(user: Any, kind: str) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user, kind=kind).values_list("title", flat=True)
    )


def test_staff_of_the_home_are_told_of_a_new_question_in_their_language(
    world: dict[str, Any],
) -> None:
    people = world["people"]
    people["manager"].preferred_language = "en"
    people["manager"].save(update_fields=["preferred_language"])
    people["staff"].preferred_language = "zh-hans"
    people["staff"].save(update_fields=["preferred_language"])
    _ask(world, asker=people["talent"], subject="Housing")
    assert _titles(people["manager"], "consultations.arrived") == ["New question: Housing"]
    assert _titles(people["staff"], "consultations.arrived") == ["新咨询：Housing"]
    for outsider in (world["other_staff"].user, people["province"], people["city"]):
        assert not _titles(outsider, "consultations.arrived")


def test_visitor_question_reaches_staff_only_once_confirmed(world: dict[str, Any]) -> None:
    staff = world["people"]["staff"]
    consultation, token = _ask(world)
    assert not _titles(staff, "consultations.arrived")
    actions.consultation_confirm(consultation=consultation)
    actions.consultation_confirm(consultation=consultation)
    assert len(_titles(staff, "consultations.arrived")) == 1


def test_question_to_the_province_goes_to_its_admins(world: dict[str, Any]) -> None:
    people = world["people"]
    _ask(world, asker=people["talent"], home=None)
    assert len(_titles(people["province"], "consultations.arrived")) == 1
    assert not _titles(people["expert"], "consultations.arrived")
    assert not _titles(people["staff"], "consultations.arrived")


def test_receivers_of_a_hand_over_are_told_but_not_the_sender(world: dict[str, Any]) -> None:
    people = world["people"]
    consultation, _ = _ask(world, asker=people["talent"])
    moved = actions.consultation_hand_over(
        consultation=consultation, actor=people["staff"], to_home=world["other_home"], note="苏州"
    )
    assert len(_titles(world["other_staff"].user, "consultations.handed_over")) == 1
    assert not _titles(people["staff"], "consultations.handed_over")
    actions.consultation_hand_over(
        consultation=moved, actor=world["other_staff"].user, to_home=None, note="省级"
    )
    assert len(_titles(people["province"], "consultations.handed_over")) == 1
