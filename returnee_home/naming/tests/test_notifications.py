"""Every actor is told what awaits them, in their own language."""

from typing import Any

import pytest

from returnee_home.naming import actions
from returnee_home.naming.models import DEFAULT_SCHEME, Application
from returnee_home.naming.tests.conftest import advance
from returnee_home.notifications.models import Notification

pytestmark = pytest.mark.django_db
S = Application.State
SCORES = {k: v - 2 for k, v in DEFAULT_SCHEME.items()}


def test_province_is_told_when_every_expert_has_scored(naming: dict[str, Any]) -> None:
    p = naming["people"]
    app = advance(naming, S.MATERIAL_PASSED)
    actions.experts_assign(
        actor=p["province"], application=app, experts=[p["expert"], naming["expert2"]]
    )
    assert Notification.objects.filter(recipient=p["expert"], kind="naming.expert_assigned")
    for n, expert in enumerate((p["expert"], naming["expert2"])):
        assignment = app.assignments.get(expert=expert)
        actions.assignment_declare(actor=expert, assignment=assignment)
        actions.assignment_score(actor=expert, assignment=assignment, scores=SCORES)
        told = Notification.objects.filter(recipient=p["province"], kind="naming.scored")
        assert told.count() == n  # only once the last expert has scored
    # A correction of a score does not tell the province again.
    actions.assignment_score(
        actor=p["expert"], assignment=app.assignments.get(expert=p["expert"]), scores=SCORES
    )
    assert Notification.objects.filter(recipient=p["province"], kind="naming.scored").count() == 1


def test_titles_are_in_the_recipients_language(naming: dict[str, Any]) -> None:
    p = naming["people"]
    p["city"].preferred_language = "en"
    p["city"].save(update_fields=["preferred_language"])
    advance(naming, S.SUBMITTED)
    title = Notification.objects.get(recipient=p["city"], kind="naming.submitted").title
    assert title.startswith("An application for naming awaits your review")
