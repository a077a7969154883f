"""Factories for talent profiles. Reference rows are made with get_or_create so that tests do
not depend on which reference files are shipped."""

import datetime

import factory

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.core.models import Country, DegreeLevel, Discipline, IndustryCluster, Language
from returnee_home.talent.models import (
    Education,
    LanguageLevel,
    LanguageSkill,
    ReturneeStatus,
    TalentProfile,
    WorkExperience,
)


def country(code: str = "GB", name_zh: str = "英国", name_en: str = "United Kingdom") -> Country:
    return Country.objects.get_or_create(
        code=code, defaults={"name_zh": name_zh, "name_en": name_en}
    )[0]


def china() -> Country:
    return country("CN", "中国", "China")


def degree_level(
    code: str = "master", name_zh: str = "硕士", name_en: str = "Master"
) -> DegreeLevel:
    return DegreeLevel.objects.get_or_create(
        code=code, defaults={"name_zh": name_zh, "name_en": name_en}
    )[0]


def discipline(
    code: str = "0812",
    name_zh: str = "计算机科学与技术",
    name_en: str = "Computer Science and Technology",
) -> Discipline:
    category = Discipline.objects.get_or_create(
        code=code[:2], defaults={"name_zh": "工学", "name_en": "Engineering"}
    )[0]
    return Discipline.objects.get_or_create(
        code=code, defaults={"name_zh": name_zh, "name_en": name_en, "parent": category}
    )[0]


def language(code: str = "en", name_zh: str = "英语", name_en: str = "English") -> Language:
    return Language.objects.get_or_create(
        code=code, defaults={"name_zh": name_zh, "name_en": name_en}
    )[0]


def industry(
    code: str = "ic-ai", name_zh: str = "人工智能", name_en: str = "Artificial intelligence"
) -> IndustryCluster:
    return IndustryCluster.objects.get_or_create(
        code=code, defaults={"name_zh": name_zh, "name_en": name_en}
    )[0]


class TalentProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TalentProfile
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)
    birth_year = 1992
    nationality = factory.LazyFunction(china)
    residence_country = factory.LazyFunction(china)
    returnee_status = ReturneeStatus.RETURNED
    return_date = datetime.date(2022, 9, 1)
    headline_zh = "人工智能算法工程师"
    headline_en = "AI algorithm engineer"
    introduction_zh = "在英国获得硕士学位，回国从事机器学习研究。"
    introduction_en = "Master's degree in the UK; back in China working on machine learning."


class EducationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Education

    profile = factory.SubFactory(TalentProfileFactory)
    country = factory.LazyFunction(country)
    institution_zh = "帝国理工学院"
    institution_en = "Imperial College London"
    degree_level = factory.LazyFunction(degree_level)
    discipline = factory.LazyFunction(discipline)
    field_of_study = "Machine learning"
    start_date = datetime.date(2019, 9, 1)
    end_date = datetime.date(2020, 10, 1)


class WorkExperienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkExperience

    profile = factory.SubFactory(TalentProfileFactory)
    organisation_name = "DeepMind"
    country = factory.LazyFunction(country)
    city = "London"
    title = "Research engineer"
    start_date = datetime.date(2020, 11, 1)
    end_date = datetime.date(2022, 8, 1)
    description = "Reinforcement learning research."


class LanguageSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LanguageSkill

    profile = factory.SubFactory(TalentProfileFactory)
    language = factory.LazyFunction(language)
    level = LanguageLevel.FLUENT
