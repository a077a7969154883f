from typing import Any

import pytest

from returnee_home.orgs.tests.conftest import client_for, world  # noqa: F401
from returnee_home.policies.reference import ensure_themes


@pytest.fixture(autouse=True)
def _themes(db: Any) -> None:
    ensure_themes()
