"""Factories of the policy library. Policies are indexed for search the way actions do it."""

import datetime
from pathlib import Path
from typing import Any

import factory
from django.conf import settings

from returnee_home.policies.actions import interpretation_index, policy_index
from returnee_home.policies.models import (
    Benefit,
    BenefitCondition,
    ConditionKind,
    Department,
    Interpretation,
    Level,
    Policy,
    Theme,
)
from returnee_home.policies.reference import ensure_themes

SEED_DIR = Path(settings.BASE_DIR).parent / "shared" / "seed"


def traditional(text: str) -> str:
    """Simplified text in Traditional characters (test inputs are converted at run time, so
    that no Traditional text is written into the product's sources)."""
    import opencc

    return str(opencc.OpenCC("s2t").convert(text))


def with_readings(text: str, readings: dict[int, str]) -> str:
    """`text` with a pinyin reading in brackets after the character at each given index."""
    return "".join(ch + (f"({readings[i]})" if i in readings else "") for i, ch in enumerate(text))


def seed_file(name: str) -> Path:
    return SEED_DIR / name


def theme(code: str = "housing") -> Theme:
    ensure_themes()
    return Theme.objects.get(code=code)


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("name_zh",)

    name_zh = "江苏省人力资源和社会保障厅"
    name_en = "Jiangsu Provincial Department of Human Resources and Social Security"


class PolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Policy
        skip_postgeneration_save = True

    title_zh = factory.Sequence(lambda n: f"关于做好留学回国人员人才公寓保障工作的通知（{n}）")
    title_en = factory.Sequence(lambda n: f"Notice on talent apartments for returnees ({n})")
    document_number = factory.Sequence(lambda n: f"苏人社发〔2024〕{n + 1}号")
    level = Level.PROVINCIAL
    department = factory.SubFactory(DepartmentFactory)
    published_on = datetime.date(2024, 5, 10)
    body_zh = "为吸引留学回国人员来苏创新创业，对符合条件的人员提供人才公寓和租房补贴。"
    body_en = "Returnees who qualify get a talent apartment or a rent subsidy."
    is_published = True

    @factory.post_generation
    def themes(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            self.themes.set(extracted if extracted is not None else [theme("housing")])
            policy_index(self)


class InterpretationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interpretation
        skip_postgeneration_save = True

    policy = factory.SubFactory(PolicyFactory)
    title_zh = "一图读懂人才公寓申请"
    title_en = "Talent apartments at a glance"
    body_zh = "硕士及以上学历的留学回国人员可以申请，租期三年。"
    body_en = "Returnees with a master's degree or higher may apply; the lease is three years."

    @factory.post_generation
    def index(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            interpretation_index(self)


class BenefitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Benefit

    policy = factory.SubFactory(PolicyFactory)
    title_zh = "留学回国人员租房补贴"
    title_en = "Rent subsidy for returnees"
    what_you_get_zh = "每月租房补贴，最长三年。"
    what_you_get_en = "A monthly rent subsidy for up to three years."
    amount_yuan = 2000
    amount_period = Benefit.AmountPeriod.MONTHLY
    status = Benefit.Status.PUBLISHED


def condition(benefit: Benefit, kind: str, **fields: Any) -> BenefitCondition:
    return BenefitCondition.objects.create(benefit=benefit, kind=ConditionKind(kind), **fields)
