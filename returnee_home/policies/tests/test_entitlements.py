"""The entitlement checker: rules evaluated against a profile or a questionnaire, with the
reasons and what is missing; verified degrees count, unverified ones are flagged."""

import datetime
from typing import Any

import pytest
from django.utils import translation

from returnee_home.core.models import DegreeLevel
from returnee_home.policies.entitlements import (
    Names,
    Outcome,
    evaluate,
    facts_from_answers,
    facts_from_profile,
)
from returnee_home.policies.models import ConditionKind
from returnee_home.policies.tests.factories import BenefitFactory, condition, traditional
from returnee_home.talent.tests.factories import (
    EducationFactory,
    TalentProfileFactory,
    WorkExperienceFactory,
    china,
)

TODAY = datetime.date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


@pytest.fixture
def benefit(db: Any) -> Any:
    benefit = BenefitFactory()
    condition(
        benefit, ConditionKind.DEGREE_MIN, degree_level=DegreeLevel.objects.get(code="master")
    )
    condition(benefit, ConditionKind.AGE_MAX, number=40)
    condition(benefit, ConditionKind.YEARS_SINCE_RETURN_MAX, number=5)
    condition(benefit, ConditionKind.EMPLOYED_IN_CITY, codes=["320100"])
    return benefit


def _profile(**fields: Any) -> Any:
    from returnee_home.orgs.tests.factories import city

    fields.setdefault("current_city", city("320100"))
    fields.setdefault("birth_year", 1992)
    fields.setdefault("return_date", datetime.date(2023, 3, 1))
    return TalentProfileFactory(**fields)


def _facts(profile: Any) -> Any:
    from returnee_home.talent.models import TalentProfile

    fresh = TalentProfile.objects.prefetch_related(
        "educations__degree_level",
        "educations__country",
        "educations__discipline__parent",
        "work_experiences__country",
    ).get(pk=profile.pk)
    return facts_from_profile(fresh, today=TODAY)


def test_verified_degree_and_job_qualify_with_reasons(benefit: Any) -> None:
    profile = _profile()
    EducationFactory(
        profile=profile, degree_level=DegreeLevel.objects.get(code="doctorate"), verified=True
    )
    WorkExperienceFactory(profile=profile, country=china(), end_date=None)
    result = evaluate(benefit, _facts(profile), Names.load())
    assert result.outcome == Outcome.MET
    assert any("verified degree" in r for r in result.reasons)
    assert any("You are 34" in r for r in result.reasons)
    assert any("You work in Nanjing" in r for r in result.reasons)


def test_unverified_degree_is_flagged(benefit: Any) -> None:
    profile = _profile()
    EducationFactory(profile=profile, verified=False)
    WorkExperienceFactory(profile=profile, country=china(), end_date=None)
    result = evaluate(benefit, _facts(profile), Names.load())
    assert result.outcome == Outcome.UNVERIFIED
    assert any("verified" in r for r in result.to_check)


def test_missing_data_is_unknown_with_what_to_add(benefit: Any) -> None:
    profile = _profile(birth_year=None, return_date=None)
    result = evaluate(benefit, _facts(profile), Names.load())
    assert result.outcome == Outcome.UNKNOWN
    hints = " ".join(result.to_check)
    assert "year of birth" in hints and "date of return" in hints
    assert "Add your education" in hints and "current job" in hints


def test_domestic_degree_and_age_fail(benefit: Any) -> None:
    profile = _profile(birth_year=1970)
    EducationFactory(profile=profile, country=china(), verified=True)
    result = evaluate(benefit, _facts(profile), Names.load())
    assert result.outcome == Outcome.NOT_MET
    assert any("obtained abroad" in r for r in result.unmet)
    assert any("age limit is 40" in r for r in result.unmet)


def test_programme_titles_and_founder_read_with_fallbacks(db: Any) -> None:
    benefit = BenefitFactory()
    condition(benefit, ConditionKind.PROGRAMME_TITLE, codes=["江苏特聘教授"])
    condition(benefit, ConditionKind.STARTUP_FOUNDER)
    profile = _profile(honours=[traditional("江苏特聘教授（2024）")])
    result = evaluate(benefit, _facts(profile), Names.load())
    titles, founder = result.conditions
    assert titles.outcome == Outcome.MET  # Traditional characters match too
    assert founder.outcome == Outcome.UNKNOWN  # the profile has no founder field (yet)


def test_questionnaire(benefit: Any) -> None:
    from returnee_home.core.models import Country
    from returnee_home.orgs.tests.factories import city

    facts = facts_from_answers(
        {
            "birth_year": 1995,
            "degree": DegreeLevel.objects.get(code="master"),
            "degree_country": Country.objects.get(code="GB"),
            "returned": "returned",
            "return_date": datetime.date(2024, 1, 1),
            "work_city": city("320100"),
        },
        today=TODAY,
    )
    assert evaluate(benefit, facts, Names.load()).outcome == Outcome.MET
    empty = evaluate(benefit, facts_from_answers({}, today=TODAY), Names.load())
    assert empty.outcome == Outcome.UNKNOWN
