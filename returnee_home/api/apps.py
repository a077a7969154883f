from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "returnee_home.api"
    label = "api"
    verbose_name = _("Open API")

    def ready(self) -> None:
        from returnee_home.api.views import token_menu_links
        from returnee_home.core.navigation import register

        register(order=92, provider=token_menu_links)
