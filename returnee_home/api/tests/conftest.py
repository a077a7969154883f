"""API fixtures: a city's Homes, organisations, a signed-in member and a token per organisation."""

import pytest
from django.test import Client

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.api import actions
from returnee_home.orgs.models import OrgKind, Role, VerificationStatus
from returnee_home.orgs.tests.factories import MembershipFactory, OrganisationFactory, city


@pytest.fixture
def employer_a():  # type: ignore[no-untyped-def]
    return OrganisationFactory(kind=OrgKind.EMPLOYER, name_zh="甲科技有限公司", name_en="A Tech")


@pytest.fixture
def employer_b():  # type: ignore[no-untyped-def]
    return OrganisationFactory(
        kind=OrgKind.EMPLOYER, name_zh="乙生物有限公司", name_en="B Bio", city=city("320500")
    )


@pytest.fixture
def contact_a(employer_a):  # type: ignore[no-untyped-def]
    return MembershipFactory(
        organisation=employer_a,
        role=Role.EMPLOYER_CONTACT,
        user=UserFactory(full_name="陈甲", email="chen@a.example.cn"),
    ).user


@pytest.fixture
def contact_b(employer_b):  # type: ignore[no-untyped-def]
    return MembershipFactory(organisation=employer_b, role=Role.EMPLOYER_CONTACT).user


@pytest.fixture
def client_a(contact_a) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(contact_a)
    return client


@pytest.fixture
def token_a(contact_a, employer_a) -> str:  # type: ignore[no-untyped-def]
    _token, text = actions.api_token_create(
        actor=contact_a, organisation=employer_a, name="甲公司人事系统"
    )
    return text


@pytest.fixture
def pending_employer():  # type: ignore[no-untyped-def]
    return OrganisationFactory(
        kind=OrgKind.EMPLOYER,
        name_zh="待审核公司",
        verification_status=VerificationStatus.PENDING,
    )
