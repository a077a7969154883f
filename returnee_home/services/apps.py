import sys

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "returnee_home.services"
    label = "services"
    verbose_name = _("Public services")

    def ready(self) -> None:
        from returnee_home.api.api import api
        from returnee_home.core.navigation import register
        from returnee_home.services.api import router
        from returnee_home.services.navigation import workspace_links

        register(order=30, provider=workspace_links)
        if router not in [r for _prefix, r in api._routers]:
            api.add_router("/services", router)
        if "pytest" not in sys.modules and "manage.py" not in sys.argv[0]:
            from returnee_home.services.search import warm_up

            warm_up()
