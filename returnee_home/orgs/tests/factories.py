import factory

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.core.models import City
from returnee_home.orgs.models import Home, Membership, Organisation, OrgKind, Role, Window


def city(code: str = "320100") -> City:
    return City.objects.get(code=code)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrgKind.SERVICE_WINDOW
    name_zh = factory.Sequence(lambda n: f"测试机构{n}")
    name_en = factory.Sequence(lambda n: f"Test Organisation {n}")
    city = factory.LazyFunction(city)
    address = "南京市鼓楼区测试路1号"


class HomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Home

    carrier = factory.SubFactory(OrganisationFactory)
    city = factory.SelfAttribute("carrier.city")
    code = factory.Sequence(lambda n: f"T{n:03d}")
    slug = factory.Sequence(lambda n: f"test-home-{n}")
    name_zh = factory.Sequence(lambda n: f"测试留学人员之家{n}")
    name_en = factory.Sequence(lambda n: f"Test Home {n}")
    address_zh = "南京市鼓楼区测试路1号"
    address_en = "1 Test Road, Gulou District, Nanjing"
    opening_hours_zh = "周一至周五 9:00-17:00"
    opening_hours_en = "Mon-Fri 9:00-17:00"
    status = Home.Status.NAMED


class WindowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Window

    home = factory.SubFactory(HomeFactory)
    number = factory.Sequence(lambda n: n + 1)
    name_zh = "综合服务窗口"
    name_en = "General services"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.HOME_STAFF
