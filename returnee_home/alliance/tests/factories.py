"""Factories of the alliance tests."""

import factory

from returnee_home.alliance.models import AllianceMembership, MemberType, Offering, Suggestion
from returnee_home.orgs.models import OrgKind
from returnee_home.orgs.tests.factories import OrganisationFactory, city


class AllianceMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AllianceMembership

    organisation = factory.SubFactory(OrganisationFactory, kind=OrgKind.ALLIANCE_PARTNER)
    member_type = MemberType.ENTERPRISE
    scope_city = factory.LazyAttribute(lambda o: o.organisation.city.prefecture)
    offer_zh = "法律咨询"
    contact_name = "王联络"
    contact_phone = "025-88886666"
    status = AllianceMembership.Status.APPROVED


class OfferingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offering

    member = factory.SubFactory(AllianceMembershipFactory)
    kind = Offering.Kind.SERVICE
    title_zh = factory.Sequence(lambda n: f"联盟服务{n}")
    title_en = ""
    description_zh = "为留学人员提供服务。"
    contact_method = "025-88886666"


class SuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Suggestion

    city = factory.LazyFunction(city)
    kind = Suggestion.Kind.SUGGESTION
    category = Suggestion.Category.FUNCTION
    title = factory.Sequence(lambda n: f"建议{n}")
    description = "建议增加预约提醒。"
    priority = Suggestion.Priority.HIGH
    contact_name = "李处长"
    contact_phone = "025-83276000"
