from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "returnee_home.jobs"
    label = "jobs"
    verbose_name = _("Jobs")

    def ready(self) -> None:
        from returnee_home.api.api import api
        from returnee_home.core.navigation import register
        from returnee_home.jobs.api import router
        from returnee_home.jobs.navigation import workspace_links

        register(order=50, provider=workspace_links)
        api.add_router("/jobs", router)
