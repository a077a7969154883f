"""Fixtures of the naming tests: the orgs `world` plus a preparing Home in Nanjing whose
manager applies, a batch, and helpers to walk an application to any state."""

from typing import Any

import pytest
from django.utils import timezone

from returnee_home.accounts.tests.factories import UserFactory, activate_totp
from returnee_home.naming import actions
from returnee_home.naming.models import Application, SiteVisit
from returnee_home.naming.tests.factories import BatchFactory, fill_complete
from returnee_home.orgs.models import Home, OrgKind, Role
from returnee_home.orgs.tests.conftest import client_for, world  # noqa: F401
from returnee_home.orgs.tests.factories import HomeFactory, MembershipFactory, WindowFactory

__all__ = ["client_for", "world"]


@pytest.fixture
def naming(world: dict[str, Any]) -> dict[str, Any]:  # noqa: F811
    """A preparing Home (Nanjing) with its manager, a second expert, a batch, and a preparing
    Home in Suzhou with its own manager."""
    applicant = HomeFactory(
        carrier__city=world["nanjing"],
        carrier__kind=OrgKind.STARTUP_PARK,
        status=Home.Status.PREPARING,
    )
    WindowFactory(home=applicant, number=1)
    manager = MembershipFactory(organisation=applicant.carrier, role=Role.HOME_MANAGER).user
    activate_totp(manager)
    expert2 = MembershipFactory(organisation=world["province"], role=Role.EXPERT).user
    activate_totp(expert2)
    other = HomeFactory(carrier__city=world["suzhou"], status=Home.Status.PREPARING)
    other_manager = MembershipFactory(organisation=other.carrier, role=Role.HOME_MANAGER).user
    activate_totp(other_manager)
    suzhou_admin = MembershipFactory(organisation=world["other_bureau"], role=Role.CITY_ADMIN).user
    activate_totp(suzhou_admin)
    return {
        **world,
        "applicant": applicant,
        "manager": manager,
        "expert2": expert2,
        "other_applicant": other,
        "other_manager": other_manager,
        "suzhou_admin": suzhou_admin,
        "batch": BatchFactory(),
        "outsider": UserFactory(),
    }


def advance(n: dict[str, Any], to: str) -> Application:
    """An application of the Nanjing applicant walked through the workflow up to state `to`."""
    p = n["people"]
    S = Application.State
    app = actions.application_start(
        actor=n["manager"], batch=n["batch"], carrier=n["applicant"].carrier
    )
    if to == S.DRAFT:
        return app
    app = fill_complete(n["manager"], app)
    steps = [
        (S.SUBMITTED, lambda a: actions.application_submit(actor=n["manager"], application=a)),
        (
            S.CITY_ACCEPTED,
            lambda a: actions.application_step(actor=p["city"], application=a, name="city_accept"),
        ),
        (
            S.CITY_RECOMMENDED,
            lambda a: (
                actions.site_visit_record(
                    actor=p["city"],
                    application=a,
                    stage=SiteVisit.Stage.CITY,
                    visited_on=timezone.localdate(),
                    visitors="王科长、李科员",
                    findings="场地齐备",
                ),
                actions.application_recommend(actor=p["city"], application=a),
            ),
        ),
        (
            S.REPORTED,
            lambda a: actions.summary_submit(actor=p["city"], batch=n["batch"], city=n["nanjing"]),
        ),
        (
            S.MATERIAL_PASSED,
            lambda a: actions.application_step(
                actor=p["province"], application=a, name="material_pass"
            ),
        ),
        (
            S.EXPERT_REVIEW,
            lambda a: actions.experts_assign(
                actor=p["province"], application=a, experts=[p["expert"], n["expert2"]]
            ),
        ),
        (S.EVALUATED, lambda a: _score_and_close(n, a)),
        (
            S.INSPECTED,
            lambda a: actions.site_visit_record(
                actor=p["province"],
                application=a,
                stage=SiteVisit.Stage.PROVINCE,
                visited_on=timezone.localdate(),
                visitors="省专家和留学人员服务中心",
                condition_findings={
                    k: "符合"
                    for k in ("scale", "premises", "staff", "equipment", "rules", "matching")
                },
            ),
        ),
        (
            S.IN_NOTICE,
            lambda a: (
                actions.batch_close(actor=p["province"], batch=n["batch"]),
                actions.notice_publish(actor=p["province"], batch=n["batch"]),
            ),
        ),
    ]
    for state, step in steps:
        step(app)
        app.refresh_from_db()
        assert app.state == state
        if state == to:
            return app
    raise AssertionError(f"unknown state {to}")


def _score_and_close(n: dict[str, Any], app: Application) -> None:
    for expert, base in ((n["people"]["expert"], 15), (n["expert2"], 14)):
        assignment = app.assignments.get(expert=expert)
        actions.assignment_declare(actor=expert, assignment=assignment)
        actions.assignment_score(
            actor=expert,
            assignment=assignment,
            scores={
                k: base for k in ("scale", "premises", "staff", "equipment", "rules", "matching")
            }
            | {"equipment": 8},
            comments={"scale": "服务量充足"},
        )
    actions.evaluation_close(actor=n["people"]["province"], application=app)
