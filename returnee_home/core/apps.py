from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "returnee_home.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from returnee_home.core import private_cache

        if getattr(settings, "PRIVATE_PAGE_CACHE", True):
            connection_created.connect(private_cache.install, dispatch_uid="private-page-cache")
            private_cache.install_on_open_connections()

        from returnee_home.core.navigation import register
        from returnee_home.core.views_audit import audit_menu_links

        register(order=95, provider=audit_menu_links)
