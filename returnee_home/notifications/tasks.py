"""Background work of the inbox: e-mail copies of notifications."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from returnee_home.notifications.models import Notification
from returnee_home.notifications.selectors import wants_email_copies


def site_url(path: str) -> str:
    """An absolute address on the portal for e-mails (SITE_URL, else the embedded default)."""
    base = getattr(settings, "SITE_URL", "") or "http://127.0.0.1:8000"
    return base.rstrip("/") + path


@shared_task
def email_notification(notification_id: int) -> None:
    """E-mail one inbox message to its recipient, once, in the recipient's language, with a
    link to the message. Skips people without an e-mail address or with e-mail copies off."""
    notification = (
        Notification.objects.select_related("recipient")
        .filter(pk=notification_id, emailed_at__isnull=True)
        .first()
    )
    if notification is None:
        return
    recipient = notification.recipient
    if not recipient.email or not recipient.is_active or not wants_email_copies(recipient):
        return
    with translation.override(recipient.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "notification": notification,
            "recipient": recipient,
            "portal_name": settings.PORTAL_NAME,
            "open_url": site_url(reverse("notifications:open", args=[notification.pk])),
            "settings_url": site_url(reverse("notifications:settings")),
        }
        subject = render_to_string("notifications/email/subject.txt", context)
        message = render_to_string("notifications/email/body.txt", context)
    send_mail(
        subject=" ".join(subject.split())[:200],
        message=message,
        from_email=None,
        recipient_list=[recipient.email],
    )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
