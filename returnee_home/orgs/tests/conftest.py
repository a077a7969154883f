"""Fixtures of the orgs tests: one person per role, each in the Nanjing Home's world, and a
second city (Suzhou) to test the boundaries against."""

from typing import Any

import pytest
from django.test import Client

from returnee_home.accounts.tests.factories import UserFactory, activate_totp
from returnee_home.orgs.models import OrgKind, Role, VerificationStatus
from returnee_home.orgs.tests.factories import (
    HomeFactory,
    MembershipFactory,
    OrganisationFactory,
    WindowFactory,
    city,
)

TWO_FACTOR = {"staff", "manager", "city", "province", "expert"}


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    """Two Homes in two cities with every role around the first, and employers in both."""
    nanjing, suzhou = city("320100"), city("320500")
    province = OrganisationFactory(kind=OrgKind.PROVINCE, city=None, name_zh="江苏省人社厅")
    bureau = OrganisationFactory(kind=OrgKind.CITY_BUREAU, city=nanjing)
    home = HomeFactory(carrier__city=nanjing)
    WindowFactory(home=home, number=1)
    other_home = HomeFactory(carrier__city=suzhou)
    other_bureau = OrganisationFactory(kind=OrgKind.CITY_BUREAU, city=suzhou)
    employer = OrganisationFactory(
        kind=OrgKind.EMPLOYER,
        city=nanjing,
        verification_status=VerificationStatus.PENDING,
        business_licence="licences/nj.pdf",
    )
    other_employer = OrganisationFactory(
        kind=OrgKind.EMPLOYER,
        city=suzhou,
        verification_status=VerificationStatus.PENDING,
        business_licence="licences/sz.pdf",
    )
    recommender_org = OrganisationFactory(kind=OrgKind.RECOMMENDER, city=nanjing)
    partner_org = OrganisationFactory(kind=OrgKind.ALLIANCE_PARTNER, city=nanjing)
    people = {
        "talent": UserFactory(),
        "employer": MembershipFactory(organisation=employer, role=Role.EMPLOYER_CONTACT).user,
        "recommender": MembershipFactory(organisation=recommender_org, role=Role.RECOMMENDER).user,
        "staff": MembershipFactory(organisation=home.carrier, role=Role.HOME_STAFF).user,
        "manager": MembershipFactory(organisation=home.carrier, role=Role.HOME_MANAGER).user,
        "city": MembershipFactory(organisation=bureau, role=Role.CITY_ADMIN).user,
        "province": MembershipFactory(organisation=province, role=Role.PROVINCE_ADMIN).user,
        "expert": MembershipFactory(organisation=province, role=Role.EXPERT).user,
        "partner": MembershipFactory(organisation=partner_org, role=Role.PARTNER).user,
    }
    for name in TWO_FACTOR:
        activate_totp(people[name])
    other_staff = MembershipFactory(organisation=other_home.carrier, role=Role.HOME_STAFF)
    return {
        "nanjing": nanjing,
        "suzhou": suzhou,
        "province": province,
        "bureau": bureau,
        "home": home,
        "other_home": other_home,
        "other_bureau": other_bureau,
        "employer": employer,
        "other_employer": other_employer,
        "recommender_org": recommender_org,
        "partner_org": partner_org,
        "other_staff": other_staff,
        "people": people,
    }


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client
