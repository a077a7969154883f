import pytest
from django.core import mail
from django.utils import translation

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.notifications import actions, selectors
from returnee_home.notifications.models import Notification
from returnee_home.notifications.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def test_notify_emails_a_copy_in_the_recipients_language(django_capture_on_commit_callbacks):
    person = UserFactory(preferred_language="en", full_name="Li Lei")
    with django_capture_on_commit_callbacks(execute=True):
        notification = actions.notify(
            recipient=person, kind="service", title="Request accepted", body="We will call you."
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [person.email]
    assert message.subject == "[Jiangsu Home for Returned Overseas Students] Request accepted"
    assert "Dear Li Lei," in message.body
    assert "We will call you." in message.body
    assert f"/en/notifications/{notification.pk}/" in message.body
    assert "/en/notifications/settings/" in message.body
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_notify_emails_chinese_by_default_whatever_the_senders_language(
    django_capture_on_commit_callbacks,
):
    person = UserFactory(full_name="张三")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        notification = actions.notify(recipient=person, kind="x", title="申请已受理")
    message = mail.outbox[0]
    assert message.subject == "[江苏省留学人员之家] 申请已受理"
    assert "张三，您好：" in message.body
    assert f"/notifications/{notification.pk}/" in message.body
    assert "/en/" not in message.body


def test_no_email_copy_when_the_person_turned_copies_off(django_capture_on_commit_callbacks):
    person = UserFactory()
    actions.notification_preference_set(user=person, email_copies=False)
    with django_capture_on_commit_callbacks(execute=True):
        notification = actions.notify(recipient=person, kind="x", title="t")
    assert mail.outbox == []
    assert Notification.objects.get(pk=notification.pk).emailed_at is None
    # Still in the inbox.
    assert selectors.unread_count(person) == 1


def test_email_copies_default_on_and_can_be_turned_back_on(django_capture_on_commit_callbacks):
    person = UserFactory()
    assert selectors.wants_email_copies(person) is True
    actions.notification_preference_set(user=person, email_copies=False)
    assert selectors.wants_email_copies(person) is False
    actions.notification_preference_set(user=person, email_copies=True)
    with django_capture_on_commit_callbacks(execute=True):
        actions.notify(recipient=person, kind="x", title="t")
    assert len(mail.outbox) == 1


def test_notify_without_email_flag_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        actions.notify(recipient=UserFactory(), kind="x", title="t", email=False)
    assert mail.outbox == []


def test_email_is_sent_once_even_if_the_task_runs_twice(django_capture_on_commit_callbacks):
    from returnee_home.notifications.tasks import email_notification

    with django_capture_on_commit_callbacks(execute=True):
        notification = actions.notify(recipient=UserFactory(), kind="x", title="t")
    email_notification(notification.pk)
    assert len(mail.outbox) == 1


def test_mark_all_read_touches_only_the_persons_own_notifications():
    person, other = UserFactory(), UserFactory()
    NotificationFactory.create_batch(3, recipient=person)
    NotificationFactory(recipient=other)
    assert actions.notifications_mark_all_read(user=person) == 3
    assert selectors.unread_count(person) == 0
    assert selectors.unread_count(other) == 1


def test_mark_read_keeps_the_first_reading_time():
    notification = NotificationFactory()
    actions.notification_mark_read(user=notification.recipient, notification=notification)
    first = notification.read_at
    actions.notification_mark_read(user=notification.recipient, notification=notification)
    notification.refresh_from_db()
    assert notification.read_at == first
