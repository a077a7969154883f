from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "returnee_home.dashboards"
    label = "dashboards"
    verbose_name = _("Dashboards")

    def ready(self) -> None:
        from returnee_home.api.api import api
        from returnee_home.core.navigation import register
        from returnee_home.dashboards.api import router
        from returnee_home.dashboards.navigation import workspace_links

        register(order=45, provider=workspace_links)
        api.add_router("/statistics", router)
