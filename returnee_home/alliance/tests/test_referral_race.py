"""Two people of the member reporting a referral at once, and two staff referring the same
request at once: exactly one succeeds (PostgreSQL, real concurrent transactions)."""

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from returnee_home.alliance import referral_actions as actions
from returnee_home.alliance.models import Referral
from returnee_home.alliance.tests.test_referrals import ref, refer  # noqa: F401
from returnee_home.core.errors import ApplicationError
from returnee_home.records.models import ServiceRecord
from returnee_home.services.models import RequestEvent
from returnee_home.services.tests.conftest import submitted, svc  # noqa: F401


def race(*calls: Callable[[], Any]) -> list[str]:
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []

    def run(call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            call()
            outcomes.append("ok")
        except ApplicationError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_reports_at_once_only_one_succeeds(ref: dict[str, Any]) -> None:  # noqa: F811
    referral = refer(ref)
    actions.referral_accept(actor=ref["people"]["partner"], referral=referral)

    def report(user: Any) -> Callable[[], Any]:
        return lambda: actions.referral_report(
            actor=user,
            referral=Referral.objects.get(pk=referral.pk),
            done=True,
            note="已服务",
        )

    outcomes = race(report(ref["people"]["partner"]), report(ref["colleague"]))
    assert sorted(outcomes) == ["illegal_transition", "ok"], outcomes
    assert ServiceRecord.objects.count() == 1
    assert RequestEvent.objects.filter(action="referral_done").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_staff_referring_at_once_make_one_referral(ref: dict[str, Any]) -> None:  # noqa: F811
    from returnee_home.orgs.models import Role
    from returnee_home.orgs.tests.factories import MembershipFactory

    second = MembershipFactory(organisation=ref["home"].carrier, role=Role.HOME_STAFF).user

    def make(user: Any) -> Callable[[], Any]:
        return lambda: actions.referral_create(
            actor=user,
            request=ref["request"],
            member=ref["member"],
            deadline=timezone.localdate() + dt.timedelta(days=3),
            note="请协助",
        )

    outcomes = race(make(ref["people"]["staff"]), make(second))
    assert sorted(outcomes) == ["already_referred", "ok"], outcomes
    assert Referral.objects.count() == 1
