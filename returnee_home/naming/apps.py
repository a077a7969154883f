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
        self._add_api_router()

    @staticmethod
    def _add_api_router() -> None:
        from returnee_home.api.api import api
        from returnee_home.naming.api import router

        # ready() may run more than once (tests); a router is added to the API only once.
        if all(added is not router for _prefix, added in getattr(api, "_routers", [])):
            api.add_router("/naming", router)
