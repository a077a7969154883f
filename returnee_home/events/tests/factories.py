"""Factories of events: a published event of a Home starting in a week, questions,
registrations."""

import datetime as dt

import factory
from django.utils import timezone

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.events.models import (
    Event,
    EventKind,
    EventStatus,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
)
from returnee_home.orgs.tests.factories import HomeFactory


def in_days(days: float, hour: int = 14) -> dt.datetime:
    tz = timezone.get_default_timezone()
    day = timezone.localdate() + dt.timedelta(days=int(days))
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=tz)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    home = factory.SubFactory(HomeFactory)
    kind = EventKind.POLICY_BRIEFING
    title_zh = factory.Sequence(lambda n: f"留学人员政策宣讲会{n}")
    title_en = factory.Sequence(lambda n: f"Policy briefing for returnees {n}")
    description_zh = "介绍留学回国人员落户、住房补贴和创业扶持政策。"
    description_en = "An introduction to residence, housing subsidies and start-up support."
    starts_at = factory.LazyFunction(lambda: in_days(7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    venue_zh = "南京市鼓楼区测试路1号三楼报告厅"
    venue_en = "Lecture hall, 3F, 1 Test Road, Gulou, Nanjing"
    capacity = 30
    status = EventStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def languages(obj: Event, create: bool, extracted: list | None, **kwargs: object) -> None:
        from returnee_home.core.models import Language

        if create:
            codes = extracted if extracted is not None else ["zh"]
            obj.languages.set(Language.objects.filter(code__in=codes))


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegistrationQuestion

    event = factory.SubFactory(EventFactory)
    label_zh = "您的工作单位"
    label_en = "Your employer"
    kind = RegistrationQuestion.Kind.TEXT


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    name = factory.LazyAttribute(lambda o: o.user.full_name if o.user else "访客")
    status = RegistrationStatus.CONFIRMED
    code = factory.Sequence(lambda n: f"T{n:05d}")
