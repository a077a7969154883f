"""Two reviewers acting at once: exactly one succeeds (PostgreSQL, real concurrent
transactions)."""

import threading
from typing import Any

import pytest
from django.db import connection

from returnee_home.core.errors import ApplicationError
from returnee_home.naming import actions
from returnee_home.naming.models import Application, ApplicationEvent
from returnee_home.naming.tests.conftest import advance

S = Application.State


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_city_admins_acting_at_once_only_one_succeeds(naming: dict[str, Any]) -> None:
    from returnee_home.orgs.models import Role
    from returnee_home.orgs.tests.factories import MembershipFactory

    app = advance(naming, S.SUBMITTED)
    second = MembershipFactory(organisation=naming["bureau"], role=Role.CITY_ADMIN).user
    # The same step by two admins: once one has accepted, the other's accept is out of state.
    # (Two different steps may both be legal one after the other, e.g. accept then return.)
    actors = [(naming["people"]["city"], "city_accept", ""), (second, "city_accept", "")]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def act(user: Any, name: str, reason: str) -> None:
        try:
            barrier.wait()
            actions.application_step(
                actor=user, application=Application.objects.get(pk=app.pk), name=name, reason=reason
            )
            outcomes.append("ok")
        except ApplicationError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=a) for a in actors]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(outcomes) == 2 and outcomes.count("ok") == 1, outcomes
    assert set(outcomes) - {"ok"} <= {"concurrent_change", "wrong_state"}
    assert (
        ApplicationEvent.objects.filter(application=app).exclude(transition="submit").count() == 1
    )
