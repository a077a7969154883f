from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "returnee_home.matching"
    label = "matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        from returnee_home.api.api import api
        from returnee_home.core.navigation import register
        from returnee_home.matching.api import router
        from returnee_home.matching.navigation import workspace_links

        register(order=55, provider=workspace_links)
        api.add_router("/matching", router)
