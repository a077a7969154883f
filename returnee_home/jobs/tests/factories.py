"""Factories for postings, demands, projects and the funnel."""

import datetime

import factory
from django.utils import timezone

from returnee_home.jobs.models import (
    Application,
    ApplicationOrigin,
    ApplicationStage,
    JobPosting,
    PostingStatus,
    ProjectDemand,
    ProjectStatus,
    TalentProject,
)
from returnee_home.orgs.models import OrgKind
from returnee_home.orgs.tests.factories import OrganisationFactory, city
from returnee_home.talent.tests.factories import TalentProfileFactory


class EmployerFactory(OrganisationFactory):
    kind = OrgKind.EMPLOYER
    name_zh = factory.Sequence(lambda n: f"江苏测试科技有限公司{n}")
    name_en = factory.Sequence(lambda n: f"Jiangsu Test Technology Co. {n}")
    credit_code = factory.Sequence(lambda n: f"91320100TEST{n:06d}")


class JobPostingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobPosting
        skip_postgeneration_save = True

    employer = factory.SubFactory(EmployerFactory)
    title_zh = "机器学习算法工程师"
    title_en = "Machine Learning Engineer"
    description = "负责推荐系统和自然语言处理算法的研发。"
    responsibilities = "设计、训练和部署模型。"
    requirements_text = "硕士及以上学历，有海外留学经历者优先。"
    skills = factory.LazyFunction(lambda: ["机器学习", "Python"])
    city = factory.LazyFunction(city)
    salary_min = 20000
    salary_max = 35000
    valid_through = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    status = PostingStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    search_text = "机器学习 算法 工程师 machine learning engineer python 推荐系统"

    @factory.post_generation
    def search_entry(obj: JobPosting, create: bool, extracted: object, **kwargs: object) -> None:
        """Index the posting as the actions do (full-text entry)."""
        if create:
            from returnee_home.jobs.actions import posting_index

            posting_index(obj)


class ProjectDemandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectDemand

    organisation = factory.SubFactory(EmployerFactory)
    title_zh = "动力电池热管理技术攻关"
    title_en = "Battery thermal management"
    problem_statement = "需要提升动力电池低温性能。"
    keywords = factory.LazyFunction(lambda: ["电池", "热管理"])
    city = factory.LazyFunction(city)
    status = "published"
    published_at = factory.LazyFunction(timezone.now)
    search_text = "动力 电池 热管理 battery thermal management"


class TalentProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TalentProject

    owner = factory.SubFactory(TalentProfileFactory)
    title_zh = "柔性钙钛矿太阳能电池"
    title_en = "Flexible perovskite solar cells"
    summary = "效率达到24%的柔性组件。"
    results = "中试线样品通过第三方检测。"
    keywords = factory.LazyFunction(lambda: ["钙钛矿", "光伏"])
    stage = "pilot"
    status = ProjectStatus.PUBLISHED
    showcase_public = True
    published_at = factory.LazyFunction(timezone.now)
    search_text = "柔性 钙钛矿 太阳能 电池 flexible perovskite solar cells"


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    posting = factory.SubFactory(JobPostingFactory)
    profile = factory.SubFactory(TalentProfileFactory)
    origin = ApplicationOrigin.APPLY
    stage = ApplicationStage.APPLIED
    cover_note = "我有五年机器学习经验。"
    contact_shared = True
