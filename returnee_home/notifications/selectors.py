"""Reads of the inbox: a person only ever reaches their own notifications."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from returnee_home.notifications.models import Notification, NotificationPreference


def notifications_of(user: Any) -> QuerySet[Notification]:
    """The person's notifications, newest first."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def notification_of(user: Any, notification_id: int) -> Notification:
    """One of the person's notifications; another person's (or a missing) id is a 404."""
    notification = notifications_of(user).filter(pk=notification_id).first()
    if notification is None:
        raise Http404("No such notification")
    return notification


def unread_count(user: Any) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def wants_email_copies(user: Any) -> bool:
    """Whether the person wants e-mail copies (on unless they turned it off)."""
    preference = NotificationPreference.objects.filter(user=user).only("email_copies").first()
    return True if preference is None else preference.email_copies
