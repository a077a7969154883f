from typing import Any

import pytest
from django.test import Client

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.talent.tests.factories import TalentProfileFactory


@pytest.fixture
def talent_user(db: Any) -> Any:
    return UserFactory(full_name="王小明")


@pytest.fixture
def profile(talent_user: Any) -> Any:
    return TalentProfileFactory(user=talent_user)


@pytest.fixture
def talent_client(talent_user: Any) -> Client:
    client = Client()
    client.force_login(talent_user)
    return client


@pytest.fixture(autouse=True)
def _default_language() -> Any:
    """A request to /en/ leaves English active in the thread; start each test in Chinese."""
    from django.utils import translation

    with translation.override("zh-hans"):
        yield
