import datetime

import pytest
from django.db import IntegrityError, transaction

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.core.models import City
from returnee_home.talent.models import TalentProfile
from returnee_home.talent.tests.factories import (
    EducationFactory,
    LanguageSkillFactory,
    TalentProfileFactory,
    WorkExperienceFactory,
    china,
    industry,
)

pytestmark = pytest.mark.django_db


def test_one_profile_per_user() -> None:
    profile = TalentProfileFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        TalentProfile.objects.create(user=profile.user)


def test_database_refuses_education_ending_before_start() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        EducationFactory(start_date=datetime.date(2020, 9, 1), end_date=datetime.date(2019, 6, 1))


def test_database_refuses_work_ending_before_start() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkExperienceFactory(
            start_date=datetime.date(2020, 9, 1), end_date=datetime.date(2020, 8, 1)
        )


def test_is_overseas() -> None:
    assert EducationFactory().is_overseas
    assert not EducationFactory(country=china()).is_overseas


def test_showcase_is_off_by_default() -> None:
    profile = TalentProfile.objects.create(user=UserFactory())
    assert profile.showcase_consent is False
    assert profile.channel == "self"


def test_completeness_grows_with_the_profile() -> None:
    empty = TalentProfile.objects.create(user=UserFactory())
    assert empty.completeness == 0
    assert len(empty.missing_items) == 10

    profile = TalentProfileFactory()
    partial = profile.completeness
    assert 0 < partial < 100
    EducationFactory(profile=profile)
    WorkExperienceFactory(profile=profile)
    LanguageSkillFactory(profile=profile)
    profile.industries.add(industry())
    profile.desired_cities.add(City.objects.get(code="320100"))
    assert profile.completeness == 100
    assert profile.missing_items == []
