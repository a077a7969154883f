"""Registration, the waiting list and its offers, approval, cancelling an event, check-in and
walk-ins (one service record each), materials, feedback, reminders and scheduled publishing."""

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.events import actions
from returnee_home.events.models import Event, EventStatus, Registration, RegistrationStatus
from returnee_home.events.tests.factories import EventFactory, QuestionFactory, in_days
from returnee_home.notifications.models import Notification
from returnee_home.records.models import ServiceRecord
from returnee_home.records.tests.factories import ServiceItemFactory

R = RegistrationStatus
pytestmark = pytest.mark.django_db


def register(event: Event, person: Any = None, **kwargs: Any) -> Registration:
    return actions.registration_create(person=person or UserFactory(), event=event, **kwargs)


def test_registration_confirms_until_full_then_waitlists_in_arrival_order(event: Event) -> None:
    first, second, third, fourth = (register(event) for _ in range(4))
    assert [first.status, second.status] == [R.CONFIRMED, R.CONFIRMED]
    assert [third.status, fourth.status] == [R.WAITLISTED, R.WAITLISTED]
    assert first.code != second.code and len(first.code) == 6
    kinds = Notification.objects.filter(recipient=third.user).values_list("kind", flat=True)
    assert list(kinds) == ["events.waitlisted"]


def test_registering_twice_is_refused_with_a_clear_message(event: Event) -> None:
    person = UserFactory()
    register(event, person)
    with pytest.raises(ApplicationError) as caught:
        register(event, person)
    assert caught.value.code == "already_registered"
    assert "已报名" in str(caught.value.message)
    assert Registration.objects.filter(event=event, user=person).count() == 1


def test_full_event_without_waiting_list_refuses(world: dict[str, Any]) -> None:
    event = EventFactory(home=world["home"], capacity=1, has_waiting_list=False)
    register(event)
    with pytest.raises(ApplicationError) as caught:
        register(event)
    assert caught.value.code == "event_full"
    assert event.registrations.count() == 1


def test_registration_after_the_deadline_or_before_opening_is_refused(
    world: dict[str, Any],
) -> None:
    closed = EventFactory(
        home=world["home"], registration_closes_at=timezone.now() - dt.timedelta(hours=1)
    )
    with pytest.raises(ApplicationError) as caught:
        register(closed)
    assert caught.value.code == "registration_closed"
    assert "报名已于" in str(caught.value.message)
    later = EventFactory(
        home=world["home"], registration_opens_at=timezone.now() + dt.timedelta(days=1)
    )
    with pytest.raises(ApplicationError) as caught:
        register(later)
    assert caught.value.code == "registration_not_open"
    draft = EventFactory(home=world["home"], status=EventStatus.DRAFT)
    with pytest.raises(ApplicationError):
        register(draft)
    assert not Registration.objects.exists()


def test_required_and_choice_answers_are_checked(event: Event) -> None:
    required = QuestionFactory(event=event, is_required=True)
    choice = QuestionFactory(
        event=event, kind="choice", choices_zh="线下\n线上", choices_en="In person\nOnline"
    )
    with pytest.raises(ApplicationError) as caught:
        register(event, answers={str(choice.pk): "其他"})
    assert set(caught.value.fields) == {f"q{required.pk}", f"q{choice.pk}"}
    assert not Registration.objects.exists()
    ok = register(event, answers={str(required.pk): "东南大学", str(choice.pk): "线上"})
    assert ok.answers == {str(required.pk): "东南大学", str(choice.pk): "线上"}


def test_cancellation_offers_the_place_to_the_first_waiting_then_the_next(event: Event) -> None:
    confirmed = [register(event) for _ in range(2)]
    waiting = [register(event) for _ in range(2)]
    actions.registration_cancel(person=confirmed[0].user, registration=confirmed[0])
    first, second = (Registration.objects.get(pk=w.pk) for w in waiting)
    assert first.status == R.OFFERED and second.status == R.WAITLISTED
    assert first.offer_expires_at <= event.starts_at
    assert Notification.objects.filter(recipient=first.user, kind="events.offered").exists()
    # The first declines: the next is offered.
    actions.registration_cancel(person=first.user, registration=first)
    assert Registration.objects.get(pk=second.pk).status == R.OFFERED
    taken = actions.registration_accept_offer(
        person=second.user, registration=Registration.objects.get(pk=second.pk)
    )
    assert taken.status == R.CONFIRMED
    assert event.registrations.filter(status=R.CONFIRMED).count() == 2


def test_an_offer_past_its_deadline_lapses_and_goes_to_the_next(event: Event) -> None:
    confirmed = [register(event) for _ in range(2)]
    first, second = register(event), register(event)
    actions.registration_cancel(person=confirmed[0].user, registration=confirmed[0])
    Registration.objects.filter(pk=first.pk).update(
        offer_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    with pytest.raises(ApplicationError) as caught:
        actions.registration_accept_offer(
            person=first.user, registration=Registration.objects.get(pk=first.pk)
        )
    assert caught.value.code == "offer_expired"
    # The refusal rolled back; the periodic task lapses it and offers the next.
    assert actions.expire_offers() == 1
    assert Registration.objects.get(pk=first.pk).status == R.CANCELLED
    assert Registration.objects.get(pk=second.pk).status == R.OFFERED


def test_a_person_leaves_the_waiting_list(event: Event) -> None:
    for _ in range(2):
        register(event)
    waiting = register(event)
    left = actions.registration_cancel(person=waiting.user, registration=waiting)
    assert left.status == R.CANCELLED
    with pytest.raises(NotFoundError):
        actions.registration_cancel(person=UserFactory(), registration=waiting)


def test_registering_again_after_cancelling_goes_to_the_end_of_the_line(event: Event) -> None:
    person = UserFactory()
    mine = register(event, person)
    actions.registration_cancel(person=person, registration=mine)
    again = register(event, person)
    assert again.status == R.CONFIRMED and again.pk != mine.pk


def test_manual_approval_holds_the_place_and_a_decline_frees_it(world: dict[str, Any]) -> None:
    event = EventFactory(home=world["home"], capacity=1, requires_approval=True)
    pending = register(event)
    waiting = register(event)
    assert pending.status == R.PENDING and waiting.status == R.WAITLISTED
    to_approve = Notification.objects.filter(kind="events.to_approve")
    assert set(to_approve.values_list("recipient", flat=True)) == {
        world["people"]["staff"].pk,
        world["people"]["manager"].pk,
    }
    staff = world["people"]["staff"]
    with pytest.raises(NotFoundError):
        actions.registration_decide(
            actor=world["other_staff"].user, registration=pending, approve=True
        )
    actions.registration_decide(actor=staff, registration=pending, approve=False)
    assert Registration.objects.get(pk=pending.pk).status == R.DECLINED
    assert Registration.objects.get(pk=waiting.pk).status == R.OFFERED
    with pytest.raises(ApplicationError) as caught:
        register(event, pending.user)
    assert caught.value.code == "declined"


def test_cancelling_an_event_needs_a_reason_and_tells_everyone(
    event: Event, world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    people = [register(event) for _ in range(3)]
    staff = world["people"]["staff"]
    with pytest.raises(ApplicationError):
        actions.event_step(actor=staff, event=event, step="cancel", reason=" ")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.event_step(actor=staff, event=event, step="cancel", reason="场地临时维修")
    assert Event.objects.get(pk=event.pk).status == EventStatus.CANCELLED
    for r in people:
        assert Registration.objects.get(pk=r.pk).status == R.CANCELLED
        note = Notification.objects.get(recipient=r.user, kind="events.cancelled")
        assert "场地临时维修" in note.body
    assert len(mail.outbox) == 3


def test_status_machine_refuses_illegal_steps(event: Event, world: dict[str, Any]) -> None:
    staff = world["people"]["staff"]
    with pytest.raises(ApplicationError) as caught:
        actions.event_step(actor=staff, event=event, step="mark_held")
    assert caught.value.code == "not_started"
    with pytest.raises(ApplicationError):
        actions.event_step(actor=staff, event=event, step="archive")
    actions.event_step(actor=staff, event=event, step="close_registration")
    with pytest.raises(ApplicationError) as caught:
        register(event)
    assert caught.value.code == "registration_closed"


def test_scheduled_publication(world: dict[str, Any]) -> None:
    staff = world["people"]["staff"]
    event = EventFactory(home=world["home"], status=EventStatus.DRAFT)
    with pytest.raises(ApplicationError):
        actions.event_step(
            actor=staff,
            event=event,
            step="schedule",
            publish_at=timezone.now() - dt.timedelta(hours=1),
        )
    actions.event_step(
        actor=staff, event=event, step="schedule", publish_at=timezone.now() + dt.timedelta(hours=1)
    )
    assert actions.publish_due_events() == 0
    assert actions.publish_due_events(timezone.now() + dt.timedelta(hours=2)) == 1
    assert Event.objects.get(pk=event.pk).status == EventStatus.PUBLISHED


def test_create_refuses_another_home_and_bad_times(world: dict[str, Any]) -> None:
    staff = world["people"]["staff"]
    fields = {
        "home": world["other_home"],
        "kind": "lecture",
        "title_zh": "讲座",
        "description_zh": "内容",
        "starts_at": in_days(3),
        "ends_at": in_days(3, 16),
        "venue_zh": "报告厅",
        "capacity": 10,
    }
    with pytest.raises(PermissionDeniedError):
        actions.event_create(actor=staff, fields=fields)
    with pytest.raises(ApplicationError) as caught:
        actions.event_create(
            actor=staff, fields={**fields, "home": world["home"], "ends_at": in_days(3, 10)}
        )
    assert "ends_at" in caught.value.fields
    with pytest.raises(ApplicationError) as caught:
        actions.event_create(actor=staff, fields={**fields, "home": world["home"], "venue_zh": ""})
    assert caught.value.code == "no_place"
    city_admin = world["people"]["city"]
    created = actions.event_create(actor=city_admin, fields={**fields, "home": world["home"]})
    assert created.status == EventStatus.DRAFT
    assert not Event.objects.filter(home=world["other_home"]).exists()


def test_check_in_records_one_service_record_of_channel_event(world: dict[str, Any]) -> None:
    item = ServiceItemFactory()
    soon = timezone.now() + dt.timedelta(hours=1)
    event = EventFactory(
        home=world["home"], starts_at=soon, ends_at=soon + dt.timedelta(hours=2), service_item=item
    )
    registration = register(event)
    staff = world["people"]["staff"]
    checked = actions.registration_check_in(
        actor=staff, event=event, code=registration.code.lower()
    )
    assert checked.checked_in_at is not None
    record = ServiceRecord.objects.get()
    assert (record.channel, record.home, record.item, record.person) == (
        "event",
        world["home"],
        item,
        registration.user,
    )
    with pytest.raises(ApplicationError) as caught:
        actions.registration_check_in(
            actor=staff, event=event, code=f"RHEV:{event.pk}:{registration.code}"
        )
    assert caught.value.code == "already_checked_in"
    assert ServiceRecord.objects.count() == 1
    with pytest.raises(ApplicationError) as caught:
        actions.registration_check_in(actor=staff, event=event, code="ZZZZZZ")
    assert caught.value.code == "unknown_code"
    with pytest.raises(NotFoundError):
        actions.registration_check_in(
            actor=world["other_staff"].user, event=event, code=registration.code
        )


def test_waitlisted_cannot_check_in_but_a_walk_in_can(world: dict[str, Any]) -> None:
    soon = timezone.now() + dt.timedelta(hours=1)
    event = EventFactory(
        home=world["home"], capacity=1, starts_at=soon, ends_at=soon + dt.timedelta(hours=2)
    )
    register(event)
    waiting = register(event)
    staff = world["people"]["staff"]
    with pytest.raises(ApplicationError) as caught:
        actions.registration_check_in(actor=staff, event=event, code=waiting.code)
    assert caught.value.code == "not_confirmed"
    with pytest.raises(ApplicationError):
        actions.registration_walk_in(actor=staff, event=event, name="  ")
    walk_in = actions.registration_walk_in(
        actor=staff, event=event, name="王小明", phone="13800000000"
    )
    assert walk_in.is_walk_in and walk_in.checked_in_at
    record = ServiceRecord.objects.get()
    assert record.person is None and record.person_name == "王小明" and record.channel == "event"


def test_check_in_is_refused_long_before_the_event(event: Event, world: dict[str, Any]) -> None:
    registration = register(event)
    with pytest.raises(ApplicationError) as caught:
        actions.registration_check_in(
            actor=world["people"]["staff"], event=event, code=registration.code
        )
    assert caught.value.code == "check_in_closed"


def test_feedback_only_from_attendees_once(world: dict[str, Any]) -> None:
    start = timezone.now() - dt.timedelta(hours=1)
    event = EventFactory(home=world["home"], starts_at=start, ends_at=start + dt.timedelta(hours=3))
    registration = Registration.objects.create(
        event=event, user=UserFactory(), status=R.CONFIRMED, code="FEEDB1"
    )
    with pytest.raises(ApplicationError) as caught:
        actions.feedback_submit(person=registration.user, registration=registration, rating=5)
    assert caught.value.code == "not_attended"
    actions.registration_check_in(actor=world["people"]["staff"], event=event, code="FEEDB1")
    registration.refresh_from_db()
    with pytest.raises(ApplicationError):
        actions.feedback_submit(person=registration.user, registration=registration, rating=7)
    actions.feedback_submit(
        person=registration.user, registration=registration, rating=4, comment="很实用"
    )
    with pytest.raises(ApplicationError) as caught:
        actions.feedback_submit(person=registration.user, registration=registration, rating=5)
    assert caught.value.code == "already_rated"


def test_materials_need_a_link_or_a_real_file(world: dict[str, Any]) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    event = EventFactory(home=world["home"])
    staff = world["people"]["staff"]
    with pytest.raises(ApplicationError):
        actions.material_add(actor=staff, event=event, title_zh="课件")
    fake = SimpleUploadedFile("slides.pdf", b"not really a pdf", content_type="application/pdf")
    with pytest.raises(ApplicationError) as caught:
        actions.material_add(actor=staff, event=event, title_zh="课件", file=fake)
    assert caught.value.code == "invalid_file"
    material = actions.material_add(
        actor=staff, event=event, title_zh="回放", url="https://example.cn/replay"
    )
    assert material.pk


def test_reminders_the_day_before_once_each(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    tomorrow = EventFactory(home=world["home"], starts_at=in_days(1, 10), ends_at=in_days(1, 12))
    later = EventFactory(home=world["home"], starts_at=in_days(5), ends_at=in_days(5, 16))
    person = UserFactory(preferred_language="en")
    mine = register(tomorrow, person)
    register(later, person)
    mail.outbox.clear()
    from returnee_home.events.tasks import send_event_reminders

    with django_capture_on_commit_callbacks(execute=True):
        assert send_event_reminders.delay().get() == 1
    note = Notification.objects.get(recipient=person, kind="events.reminder")
    assert "tomorrow" in note.title and mine.code in note.body
    assert len(mail.outbox) == 1
    assert actions.send_reminders() == 0


def test_default_service_item_follows_the_kind(world: dict[str, Any]) -> None:
    training = ServiceItemFactory(code="EMP-005")
    event = EventFactory(home=world["home"], kind="training")
    assert actions.service_item_for(event) == training
    assert actions.service_item_for(EventFactory(home=world["home"], kind="roadshow")) is None


def test_periodic_tasks_publish_and_lapse(world: dict[str, Any]) -> None:
    from returnee_home.events.tasks import expire_waiting_list_offers, publish_scheduled_events

    due = EventFactory(
        home=world["home"],
        status=EventStatus.SCHEDULED,
        publish_at=timezone.now() - dt.timedelta(minutes=1),
    )
    assert publish_scheduled_events.delay().get() == 1
    assert Event.objects.get(pk=due.pk).status == EventStatus.PUBLISHED
    assert expire_waiting_list_offers.delay().get() == 0
