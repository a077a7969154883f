"""Writes of the inbox. Other apps notify people only through `notify`."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from returnee_home.core.errors import NotFoundError
from returnee_home.notifications.models import Notification, NotificationPreference


def notify(
    *,
    recipient: Any,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    email: bool = True,
) -> Notification:
    """Put a message in the person's inbox; with `email`, also e-mail it after commit.

    `title` and `body` are stored as given: render them in the recipient's language before
    calling (use `django.utils.translation.override(recipient.preferred_language)`). The e-mail
    task skips people who turned e-mail copies off."""
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, title=str(title)[:200], body=str(body), url=url
    )
    if email and getattr(recipient, "email", None):
        from returnee_home.notifications.tasks import email_notification

        transaction.on_commit(lambda: email_notification.delay(notification.pk))
    return notification


def notification_mark_read(*, user: Any, notification: Notification) -> Notification:
    """Mark one of the person's notifications as read. Refuses nothing: reading twice keeps the
    first time. The caller has fetched the notification through `notification_of`."""
    if notification.recipient_id != user.pk:
        raise NotFoundError()
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now
    return notification


def notifications_mark_all_read(*, user: Any) -> int:
    """Mark every unread notification of the person as read; returns how many changed."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def notification_preference_set(*, user: Any, email_copies: bool) -> NotificationPreference:
    """Record whether the person wants e-mail copies of their notifications."""
    preference, _created = NotificationPreference.objects.select_for_update().get_or_create(
        user=user, defaults={"email_copies": email_copies}
    )
    if preference.email_copies != email_copies:
        preference.email_copies = email_copies
        preference.save(update_fields=["email_copies", "updated_at"])
    return preference
