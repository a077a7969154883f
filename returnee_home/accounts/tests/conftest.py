"""Fixtures of the accounts tests, chained as the domain is: Home → staff → signed-in client."""

from typing import Any

import pytest
from django.test import Client

from returnee_home.accounts.tests.factories import UserFactory, activate_totp
from returnee_home.orgs.models import Role
from returnee_home.orgs.tests.factories import HomeFactory, MembershipFactory


@pytest.fixture
def home(db: Any) -> Any:
    return HomeFactory()


@pytest.fixture
def other_home(db: Any) -> Any:
    return HomeFactory()


def _staff(home: Any, role: str = Role.HOME_STAFF) -> Any:
    user = UserFactory()
    MembershipFactory(user=user, organisation=home.carrier, role=role)
    activate_totp(user)
    return user


@pytest.fixture
def staff(home: Any) -> Any:
    return _staff(home)


@pytest.fixture
def other_staff(other_home: Any) -> Any:
    return _staff(other_home)


@pytest.fixture
def talent(db: Any) -> Any:
    return UserFactory(full_name="李四", preferred_language="zh-hans")


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def talent_client(talent: Any) -> Client:
    return signed_in(talent)


@pytest.fixture
def staff_client(staff: Any) -> Client:
    return signed_in(staff)
