"""Many people race for one slot on PostgreSQL: exactly one wins, the others hear "just taken",
and nothing half-written remains (no second booking, no stray notification)."""

import threading
from typing import Any

import pytest
from django.db import connection

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.appointments import actions
from returnee_home.appointments.models import ACTIVE_BOOKING_STATUSES, Booking, Visit
from returnee_home.appointments.tests.factories import OfferingFactory, SlotFactory
from returnee_home.core.errors import ApplicationError
from returnee_home.notifications.models import Notification
from returnee_home.orgs.tests.factories import HomeFactory, WindowFactory
from returnee_home.records.tests.factories import ServiceItemFactory

RACERS = 12


@pytest.fixture(autouse=True)
def _reference_data(transactional_db: Any) -> None:
    """Transactional tests flush the database afterwards: reload the shipped reference data."""
    from returnee_home.core.management.commands.load_reference import load_reference_data
    from returnee_home.core.models import City

    if not City.objects.exists():
        load_reference_data()


def _race(target: Any, count: int) -> tuple[list[Any], list[BaseException]]:
    barrier = threading.Barrier(count)
    results: list[Any] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(i: int) -> None:
        try:
            barrier.wait()
            outcome = target(i)
            with lock:
                results.append(outcome)
        except BaseException as error:  # noqa: BLE001 - collected for the assertions
            with lock:
                errors.append(error)
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_many_people_race_for_one_slot_exactly_one_wins() -> None:
    home = HomeFactory()
    window = WindowFactory(home=home, number=1)
    item = ServiceItemFactory()
    OfferingFactory(home=home, item=item)
    slot = SlotFactory(window=window)
    people = [UserFactory() for _ in range(RACERS)]

    def book(i: int) -> Booking:
        return actions.booking_create(person=people[i], home=home, item=item, slot_id=slot.pk)

    results, errors = _race(book, RACERS)
    assert len(results) == 1
    assert len(errors) == RACERS - 1
    assert all(isinstance(e, ApplicationError) and e.code == "slot_taken" for e in errors)
    winner = results[0]
    assert list(Booking.objects.filter(slot=slot, status__in=ACTIVE_BOOKING_STATUSES)) == [winner]
    assert Booking.objects.count() == 1
    assert list(Notification.objects.values_list("recipient_id", flat=True)) == [winner.person_id]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_walk_ins_get_distinct_queue_numbers() -> None:
    home = HomeFactory()
    staff = UserFactory()

    def walk_in(i: int) -> Visit:
        return actions.visit_walk_in(actor=staff, home=home, name=f"访客{i}")

    results, errors = _race(walk_in, 8)
    assert not errors
    assert sorted(v.queue_number for v in results) == list(range(1, 9))
