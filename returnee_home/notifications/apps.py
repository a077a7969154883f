from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "returnee_home.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from returnee_home.core.navigation import register
        from returnee_home.notifications.navigation import message_links

        register(order=80, provider=message_links)
