from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "returnee_home.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from returnee_home.core.navigation import register
        from returnee_home.core.views_audit import audit_menu_links

        register(order=95, provider=audit_menu_links)
