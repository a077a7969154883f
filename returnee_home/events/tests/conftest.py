"""Fixtures of the events tests: the orgs `world` (a Nanjing Home with every role, a Suzhou Home
with its own staff) plus a published event of the Nanjing Home next week."""

from typing import Any

import pytest

from returnee_home.events.tests.factories import EventFactory
from returnee_home.orgs.tests.conftest import client_for, world  # noqa: F401


@pytest.fixture
def event(world: dict[str, Any]) -> Any:  # noqa: F811
    return EventFactory(home=world["home"], capacity=2)


@pytest.fixture(autouse=True)
def _other_staff_two_factor(request: Any) -> None:
    """The Suzhou staff (used for boundary tests) has two-factor authentication like the rest."""
    if "world" in request.fixturenames:
        from returnee_home.accounts.tests.factories import activate_totp

        activate_totp(request.getfixturevalue("world")["other_staff"].user)
