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
