"""Writes of the inbox. Other apps notify people only through `notify`."""

from typing import Any

from django.db import transaction

from returnee_home.notifications.models import Notification


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
    calling (use `django.utils.translation.override(recipient.preferred_language)`)."""
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, title=str(title)[:200], body=str(body), url=url
    )
    if email and getattr(recipient, "email", None):
        from returnee_home.notifications.tasks import email_notification

        transaction.on_commit(lambda: email_notification.delay(notification.pk))
    return notification
