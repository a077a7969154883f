from celery import shared_task
from django.core.mail import send_mail
from django.utils import timezone

from returnee_home.notifications.models import Notification


@shared_task
def email_notification(notification_id: int) -> None:
    """E-mail one inbox message to its recipient, once."""
    notification = (
        Notification.objects.select_related("recipient")
        .filter(pk=notification_id, emailed_at__isnull=True)
        .first()
    )
    if notification is None or not notification.recipient.email:
        return
    send_mail(
        subject=notification.title,
        message=notification.body,
        from_email=None,
        recipient_list=[notification.recipient.email],
    )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
