from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "returnee_home.community"
    label = "community"
    verbose_name = _("Community")

    def ready(self) -> None:
        from returnee_home.accounts.personal_data import register_eraser, register_exporter
        from returnee_home.api.api import api
        from returnee_home.community import personal_data
        from returnee_home.community.api import router
        from returnee_home.community.navigation import workspace_links
        from returnee_home.core.navigation import register

        register(order=60, provider=workspace_links)
        api.add_router("/community", router)
        register_exporter("community", personal_data.export)
        register_eraser("community", personal_data.erase)
