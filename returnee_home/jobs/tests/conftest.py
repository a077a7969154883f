"""Fixtures of the jobs tests: an employer with its contact, a talent, a Home with staff, a
recommending institution, and a second employer to test the boundaries against."""

from typing import Any

import pytest
from django.test import Client

from returnee_home.accounts.tests.factories import UserFactory, activate_totp
from returnee_home.jobs.tests.factories import EmployerFactory, JobPostingFactory
from returnee_home.orgs.models import OrgKind, Role
from returnee_home.orgs.tests.factories import HomeFactory, MembershipFactory, OrganisationFactory
from returnee_home.talent.tests.factories import TalentProfileFactory


@pytest.fixture(autouse=True)
def _default_language() -> Any:
    from django.utils import translation

    with translation.override("zh-hans"):
        yield


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    employer = EmployerFactory()
    other_employer = EmployerFactory()
    home = HomeFactory()
    park = HomeFactory(carrier__kind=OrgKind.STARTUP_PARK)
    recommender_org = OrganisationFactory(kind=OrgKind.RECOMMENDER)
    talent = TalentProfileFactory(user=UserFactory(full_name="王小明"))
    other_talent = TalentProfileFactory()
    people = {
        "talent": talent.user,
        "other_talent": other_talent.user,
        "employer": MembershipFactory(organisation=employer, role=Role.EMPLOYER_CONTACT).user,
        "other_employer": MembershipFactory(
            organisation=other_employer, role=Role.EMPLOYER_CONTACT
        ).user,
        "staff": MembershipFactory(organisation=home.carrier, role=Role.HOME_STAFF).user,
        "park": MembershipFactory(organisation=park.carrier, role=Role.HOME_MANAGER).user,
        "recommender": MembershipFactory(organisation=recommender_org, role=Role.RECOMMENDER).user,
        "visitor": UserFactory(),
    }
    for name in ("staff", "park"):
        activate_totp(people[name])
    return {
        "employer": employer,
        "other_employer": other_employer,
        "home": home,
        "park": park,
        "recommender_org": recommender_org,
        "talent": talent,
        "other_talent": other_talent,
        "posting": JobPostingFactory(employer=employer),
        "people": people,
    }


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client
