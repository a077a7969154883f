from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NamingConfig(AppConfig):
    name = "returnee_home.naming"
    label = "naming"
    verbose_name = _("Naming of Homes")

    def ready(self) -> None:
        from returnee_home.core.navigation import register
        from returnee_home.naming.navigation import workspace_links

        register(order=40, provider=workspace_links)
