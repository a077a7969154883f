from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from returnee_home.notifications.models import Notification


def unread(request: HttpRequest) -> dict[str, Any]:
    """Unread count for the header, computed only when a template uses it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    return {
        "unread_notifications": SimpleLazyObject(
            lambda: Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        )
    }
