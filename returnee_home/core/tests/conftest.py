"""Fixtures for the audit-log tests: province admin, city admin (Nanjing), a Home's staff."""

import pytest
from django.test import Client

from returnee_home.accounts.tests.factories import UserFactory, activate_totp
from returnee_home.orgs.models import OrgKind, Role
from returnee_home.orgs.tests.factories import MembershipFactory, OrganisationFactory, city


def _signed_in(user) -> Client:  # type: ignore[no-untyped-def]
    activate_totp(user)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def province_admin():  # type: ignore[no-untyped-def]
    org = OrganisationFactory(kind=OrgKind.PROVINCE, city=None, name_zh="江苏省人社厅")
    return MembershipFactory(
        organisation=org, role=Role.PROVINCE_ADMIN, user=UserFactory(full_name="省管理员")
    ).user


@pytest.fixture
def nanjing_admin():  # type: ignore[no-untyped-def]
    org = OrganisationFactory(kind=OrgKind.CITY_BUREAU, city=city("320100"))
    return MembershipFactory(organisation=org, role=Role.CITY_ADMIN).user


@pytest.fixture
def suzhou_admin():  # type: ignore[no-untyped-def]
    org = OrganisationFactory(kind=OrgKind.CITY_BUREAU, city=city("320500"))
    return MembershipFactory(organisation=org, role=Role.CITY_ADMIN).user


@pytest.fixture
def province_client(province_admin) -> Client:  # type: ignore[no-untyped-def]
    return _signed_in(province_admin)


@pytest.fixture
def nanjing_client(nanjing_admin) -> Client:  # type: ignore[no-untyped-def]
    return _signed_in(nanjing_admin)


@pytest.fixture
def suzhou_client(suzhou_admin) -> Client:  # type: ignore[no-untyped-def]
    return _signed_in(suzhou_admin)
