"""Service records are idempotent per source and item; ratings open follow-ups with
working-day deadlines; a person rates again once after the follow-up is resolved."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.core.models import AuditRecord
from returnee_home.core.workdays import add_working_days
from returnee_home.notifications.models import Notification
from returnee_home.records import actions, selectors
from returnee_home.records.models import Channel, FollowUp, Rating, ServiceRecord
from returnee_home.records.tests.factories import ServiceItemFactory, source

pytestmark = pytest.mark.django_db


def _record(world: dict[str, Any], person: Any, **kwargs: Any) -> ServiceRecord:
    defaults = {
        "person": person,
        "home": world["home"],
        "item": ServiceItemFactory(),
        "channel": Channel.COUNTER,
        "served_on": timezone.localdate(),
        "source": source(1),
    }
    defaults.update(kwargs)
    return actions.service_record_create(**defaults)


def test_same_source_twice_is_one_record(world: dict[str, Any]) -> None:
    person = world["people"]["talent"]
    item = ServiceItemFactory()
    first = _record(world, person, item=item, source=source(7))
    again = _record(world, person, item=item, source=source(7))
    assert first.pk == again.pk
    assert ServiceRecord.objects.count() == 1
    # The invitation to rate was sent once.
    assert Notification.objects.filter(kind="records.rate_invitation").count() == 1


def test_two_items_on_one_day_are_two_person_times(world: dict[str, Any]) -> None:
    person = world["people"]["talent"]
    today = timezone.localdate()
    _record(world, person, item=ServiceItemFactory(), source=source(8))
    _record(world, person, item=ServiceItemFactory(), source=source(8))
    assert selectors.person_times(home=world["home"], start=today, end=today) == 2


def test_walk_in_without_account_needs_a_name(world: dict[str, Any]) -> None:
    with pytest.raises(ApplicationError) as error:
        _record(world, None)
    assert error.value.code == "person_required"
    record = _record(world, None, person_name="王先生")
    assert record.person_label == "王先生"
    assert not Notification.objects.exists()


def test_unknown_channel_is_refused(world: dict[str, Any]) -> None:
    with pytest.raises(ApplicationError):
        _record(world, None, person_name="x", channel="fax")
    assert not ServiceRecord.objects.exists()


def test_person_times_by_city_month_and_channel(world: dict[str, Any]) -> None:
    person = world["people"]["talent"]
    jan, feb = dt.date(2025, 1, 10), dt.date(2025, 2, 3)
    _record(world, person, served_on=jan, source=source(1))
    _record(world, person, served_on=feb, source=source(2), channel=Channel.ONLINE)
    _record(world, person, served_on=feb, source=source(3), home=world["other_home"])
    assert selectors.person_times(start=jan, end=jan.replace(day=31)) == 1
    assert selectors.person_times(city=world["nanjing"], start=jan, end=feb) == 2
    assert selectors.person_times(city=world["suzhou"], start=jan, end=feb) == 1
    assert (
        selectors.person_times(home=world["home"], start=jan, end=feb, channel=Channel.ONLINE) == 1
    )


def test_poor_rating_opens_follow_up_with_working_day_deadlines(world: dict[str, Any]) -> None:
    person = world["people"]["talent"]
    record = _record(world, person)
    rating = actions.rating_create(
        record=record, person=person, level=2, tags=["attitude"], comment="太慢"
    )
    follow_up = rating.follow_up
    today = timezone.localdate()
    assert follow_up.contact_due == add_working_days(today, 1)
    assert follow_up.resolve_due == add_working_days(today, 15)
    manager = world["people"]["manager"]
    assert Notification.objects.filter(recipient=manager, kind="records.follow_up").exists()
    assert not Notification.objects.filter(
        recipient=world["people"]["staff"], kind="records.follow_up"
    ).exists()


def test_good_rating_opens_no_follow_up(world: dict[str, Any]) -> None:
    person = world["people"]["talent"]
    actions.rating_create(record=_record(world, person), person=person, level=4)
    assert not FollowUp.objects.exists()


def test_one_rating_per_record_and_only_own(world: dict[str, Any]) -> None:
    person = world["people"]["talent"]
    record = _record(world, person)
    with pytest.raises(NotFoundError):
        actions.rating_create(record=record, person=UserFactory(), level=5)
    actions.rating_create(record=record, person=person, level=5)
    with pytest.raises(ApplicationError) as error:
        actions.rating_create(record=record, person=person, level=1)
    assert error.value.code == "already_rated"
    assert Rating.objects.count() == 1


def test_bad_level_and_tag_are_refused(world: dict[str, Any]) -> None:
    person = world["people"]["talent"]
    record = _record(world, person)
    with pytest.raises(ApplicationError) as error:
        actions.rating_create(record=record, person=person, level=9)
    assert "level" in error.value.fields
    with pytest.raises(ApplicationError) as error:
        actions.rating_create(record=record, person=person, level=3, tags=["bribes"])
    assert "tags" in error.value.fields
    assert not Rating.objects.exists()


def test_follow_up_state_machine_and_second_rating(world: dict[str, Any]) -> None:
    person, manager = world["people"]["talent"], world["people"]["manager"]
    record = _record(world, person)
    follow_up = actions.rating_create(record=record, person=person, level=1).follow_up
    # Staff and other Homes' staff may not handle it.
    for outsider in (world["people"]["staff"], world["other_staff"].user):
        with pytest.raises(PermissionDeniedError):
            actions.follow_up_record_contact(follow_up=follow_up, actor=outsider, note="x")
    # Resolving before the contact is illegal and changes nothing.
    with pytest.raises(ApplicationError) as error:
        actions.follow_up_resolve(follow_up=follow_up, actor=manager, note="done")
    assert error.value.code == "illegal_transition"
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.OPEN
    # No second rating while the follow-up is open.
    with pytest.raises(ApplicationError):
        actions.rating_create(record=record, person=person, level=4)
    with pytest.raises(ApplicationError) as error:
        actions.follow_up_record_contact(follow_up=follow_up, actor=manager, note=" ")
    assert "note" in error.value.fields
    actions.follow_up_record_contact(follow_up=follow_up, actor=manager, note="电话联系")
    actions.follow_up_resolve(follow_up=follow_up, actor=manager, note="已补办")
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.RESOLVED
    assert AuditRecord.objects.filter(action__startswith="records.follow_up").count() == 2
    assert Notification.objects.filter(recipient=person, kind="records.rate_again").exists()
    second = actions.rating_create(record=record, person=person, level=4)
    assert second.round == 2
    assert list(record.ratings.values_list("level", flat=True)) == [1, 4]
    # Only once more.
    with pytest.raises(ApplicationError):
        actions.rating_create(record=record, person=person, level=5)


def test_overdue_follow_ups_come_first(world: dict[str, Any]) -> None:
    person = world["people"]["talent"]
    late = actions.rating_create(
        record=_record(world, person, source=source(1)), person=person, level=1
    ).follow_up
    fresh = actions.rating_create(
        record=_record(world, person, source=source(2)), person=person, level=1
    ).follow_up
    FollowUp.objects.filter(pk=late.pk).update(
        contact_due=dt.date(2020, 1, 2), resolve_due=dt.date(2099, 1, 1)
    )
    ordered = list(selectors.overdue_first(FollowUp.objects.all(), timezone.localdate()))
    assert ordered[0].pk == late.pk
    assert ordered[1].pk == fresh.pk
    late.refresh_from_db()
    assert late.is_overdue(timezone.localdate())
