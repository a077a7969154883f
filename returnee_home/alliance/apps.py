from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AllianceConfig(AppConfig):
    name = "returnee_home.alliance"
    label = "alliance"
    verbose_name = _("Service alliance and suggestions")

    def ready(self) -> None:
        from returnee_home.alliance.navigation import workspace_links
        from returnee_home.core.navigation import register

        register(order=60, provider=workspace_links)
        self._add_api_router()

    @staticmethod
    def _add_api_router() -> None:
        from returnee_home.alliance.api import router
        from returnee_home.api.api import api

        # ready() may run more than once (tests); a router is added to the API only once.
        if all(added is not router for _prefix, added in getattr(api, "_routers", [])):
            api.add_router("/alliance", router)
