"""Fixtures of the appointments tests: the orgs `world` (a Nanjing Home with every role, a
Suzhou Home with its own staff) plus an item offered at the Nanjing Home and slots tomorrow."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from returnee_home.accounts.tests.factories import activate_totp
from returnee_home.appointments.tests.factories import (
    OfferingFactory,
    ServiceItemFactory,
    SlotFactory,
)
from returnee_home.orgs.tests.conftest import client_for, world  # noqa: F401


@pytest.fixture
def desk(world: dict[str, Any]) -> dict[str, Any]:  # noqa: F811
    """The Nanjing Home's window 1, two items it offers there, and four free slots tomorrow."""
    home = world["home"]
    activate_totp(world["other_staff"].user)
    window = home.windows.get(number=1)
    item = ServiceItemFactory(title_zh="就业指导咨询", title_en="Employment guidance")
    second = ServiceItemFactory(title_zh="人才公寓申请", title_en="Talent apartment")
    OfferingFactory(home=home, item=item).windows.add(window)
    OfferingFactory(home=home, item=second)
    tz = timezone.get_default_timezone()
    day = timezone.localdate() + dt.timedelta(days=1)
    slots = [
        SlotFactory(
            window=window,
            starts_at=dt.datetime.combine(day, dt.time(9, 0), tzinfo=tz)
            + dt.timedelta(minutes=30 * i),
        )
        for i in range(4)
    ]
    return {**world, "window": window, "item": item, "second": second, "slots": slots, "day": day}
