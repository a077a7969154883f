"""Factories of the services app."""

import factory

from returnee_home.core.models import ServiceCategory
from returnee_home.services.models import HomeOffering, ServiceItem, ServiceMaterial
from returnee_home.services.search import search_words


def category(code: str = "employment") -> ServiceCategory:
    return ServiceCategory.objects.filter(code=code).first() or ServiceCategory.objects.first()


class ServiceItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceItem
        skip_postgeneration_save = True

    category = factory.LazyFunction(category)
    code = factory.Sequence(lambda n: f"T-{n:03d}")
    slug = factory.Sequence(lambda n: f"test-item-{n}")
    title_zh = factory.Sequence(lambda n: f"测试服务事项{n}")
    title_en = factory.Sequence(lambda n: f"Test service {n}")
    summary_zh = "测试用的服务事项。"
    summary_en = "A service item for tests."
    time_limit_days = 5

    @factory.post_generation
    def indexed(obj: ServiceItem, create: bool, extracted: object, **kwargs: object) -> None:
        obj.search_text = search_words(obj.title_zh, obj.title_en, obj.summary_zh, obj.summary_en)
        if create:
            ServiceItem.objects.filter(pk=obj.pk).update(search_text=obj.search_text)


class ServiceMaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceMaterial

    item = factory.SubFactory(ServiceItemFactory)
    name_zh = factory.Sequence(lambda n: f"材料{n}")
    name_en = factory.Sequence(lambda n: f"Material {n}")
    is_required = True


class HomeOfferingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HomeOffering

    item = factory.SubFactory(ServiceItemFactory)
    is_active = True
