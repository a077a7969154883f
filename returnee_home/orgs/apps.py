from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "returnee_home.orgs"
    label = "orgs"
    verbose_name = _("Organisations and Homes")

    def ready(self) -> None:
        from returnee_home.core.navigation import register
        from returnee_home.orgs.navigation import workspace_links

        register(order=10, provider=workspace_links)
