"""Many people register at once for an event with N places on PostgreSQL: exactly N are
confirmed, the rest wait in the order they got through, and no code is used twice."""

import threading
from typing import Any

import pytest
from django.db import connection

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.events import actions
from returnee_home.events.models import Registration, RegistrationStatus
from returnee_home.events.tests.factories import EventFactory
from returnee_home.orgs.tests.factories import HomeFactory

CAPACITY = 5
RACERS = 16


@pytest.fixture(autouse=True)
def _reference_data(transactional_db: Any) -> None:
    """Transactional tests flush the database afterwards: reload the shipped reference data."""
    from returnee_home.core.management.commands.load_reference import load_reference_data
    from returnee_home.core.models import City

    if not City.objects.exists():
        load_reference_data()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_registrations_fill_exactly_the_places_then_wait_in_order() -> None:
    event = EventFactory(home=HomeFactory(), capacity=CAPACITY)
    people = [UserFactory() for _ in range(RACERS)]
    barrier = threading.Barrier(RACERS)
    results: list[Registration] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(i: int) -> None:
        try:
            barrier.wait()
            registration = actions.registration_create(person=people[i], event=event)
            with lock:
                results.append(registration)
        except BaseException as error:  # noqa: BLE001 - collected for the assertions
            with lock:
                errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    rows = list(Registration.objects.filter(event=event).order_by("pk"))
    assert len(rows) == RACERS
    statuses = [r.status for r in rows]
    # Arrival order is the order in which each got the event's lock, which is the insert order.
    assert statuses == [RegistrationStatus.CONFIRMED] * CAPACITY + [
        RegistrationStatus.WAITLISTED
    ] * (RACERS - CAPACITY)
    assert len({r.code for r in rows}) == RACERS
    assert sorted(r.pk for r in rows[CAPACITY:]) == [r.pk for r in rows[CAPACITY:]]
