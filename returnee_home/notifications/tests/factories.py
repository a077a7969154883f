import factory

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.notifications.models import Notification


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = "test"
    title = factory.Sequence(lambda n: f"您的服务申请已受理 {n}")
    body = "工作人员将在三个工作日内与您联系。"
    url = ""
