"""Background work of the community (thin: calls actions)."""

from celery import shared_task

from returnee_home.community.actions import send_message_digests


@shared_task(name="community.send_message_digests")
def message_digests() -> int:
    """Tell people about unread direct messages, one digest each (run every 10 minutes)."""
    return send_message_digests()
