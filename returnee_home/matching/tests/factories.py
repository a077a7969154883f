"""Factories of the records the engine matches. Job postings, demands and projects are the
jobs app's models, read by their documented field names."""

import datetime as dt
from typing import Any

import factory
from django.apps import apps
from django.utils import timezone

from returnee_home.core.models import City, DegreeLevel, Discipline, IndustryCluster, Language
from returnee_home.orgs.models import OrgKind
from returnee_home.orgs.tests.factories import OrganisationFactory


def ref(model: Any, code: str) -> Any:
    return model.objects.get(code=code)


def city(code: str = "320100") -> City:
    return ref(City, code)


def degree(code: str) -> DegreeLevel:
    return ref(DegreeLevel, code)


def discipline(code: str) -> Discipline:
    return ref(Discipline, code)


def industry(code: str) -> IndustryCluster:
    return ref(IndustryCluster, code)


def language(code: str) -> Language:
    return ref(Language, code)


class EmployerFactory(OrganisationFactory):
    kind = OrgKind.EMPLOYER


class JobPostingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = apps.get_model("jobs", "JobPosting")
        skip_postgeneration_save = True

    employer = factory.SubFactory(EmployerFactory)
    title_zh = "机器学习工程师"
    title_en = "Machine learning engineer"
    description = "我们是一家人工智能企业。"
    requirements_text = "熟悉深度学习框架。"
    skills = factory.LazyFunction(lambda: ["机器学习", "Python", "PyTorch"])
    min_years_experience = 0
    city = factory.LazyFunction(city)
    status = "published"
    job_type = "full_time"
    valid_through = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))
    published_at = factory.LazyFunction(lambda: dt.datetime.now(dt.UTC))

    @factory.post_generation
    def disciplines(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.disciplines.set(extracted)

    @factory.post_generation
    def languages(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.languages.set(extracted)


class ProjectDemandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = apps.get_model("jobs", "ProjectDemand")
        skip_postgeneration_save = True

    organisation = factory.SubFactory(EmployerFactory)
    title_zh = "锂电池固态电解质联合研发"
    title_en = "Joint R&D on solid electrolytes for lithium batteries"
    problem_statement = "需要提升固态电池的离子电导率。"
    keywords = factory.LazyFunction(lambda: ["固态电池", "电池材料"])
    cooperation_modes = factory.LazyFunction(lambda: ["joint_rd"])
    city = factory.LazyFunction(city)
    status = "published"
    deadline = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=90))


class TalentProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = apps.get_model("jobs", "TalentProject")
        skip_postgeneration_save = True

    owner = factory.SubFactory("returnee_home.talent.tests.factories.TalentProfileFactory")
    title_zh = "高离子电导率硫化物固态电解质"
    title_en = "High-conductivity sulfide solid electrolytes"
    summary = "Solid-state battery electrolyte with high ionic conductivity."
    keywords = factory.LazyFunction(lambda: ["solid-state batteries", "electrochemistry"])
    cooperation_modes = factory.LazyFunction(lambda: ["joint_rd", "licensing"])
    status = "published"
