"""Factories of service records and ratings; a service item made directly (the catalogue's own
factories live in the services app)."""

import datetime as dt
from typing import Any

import factory

from returnee_home.core.models import ServiceCategory
from returnee_home.orgs.tests.factories import HomeFactory
from returnee_home.records.models import Channel, Rating, ServiceRecord
from returnee_home.services.models import ServiceItem


class ServiceItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceItem

    category = factory.LazyFunction(lambda: ServiceCategory.objects.order_by("pk").first())
    code = factory.Sequence(lambda n: f"TST-{n:04d}")
    slug = factory.Sequence(lambda n: f"test-item-{n}")
    title_zh = factory.Sequence(lambda n: f"测试事项{n}")
    title_en = factory.Sequence(lambda n: f"Test item {n}")


class ServiceRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceRecord

    home = factory.SubFactory(HomeFactory)
    item = factory.SubFactory(ServiceItemFactory)
    channel = Channel.COUNTER
    served_on = factory.LazyFunction(dt.date.today)
    source_type = "tests.source"
    source_id = factory.Sequence(str)


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rating

    record = factory.SubFactory(ServiceRecordFactory)
    person = factory.LazyAttribute(lambda o: o.record.person)
    level = 5


def source(pk: int = 1) -> Any:
    """A stand-in for the visit, request or attendance that caused a record."""
    return ServiceItem(pk=pk)
