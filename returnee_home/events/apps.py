from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "returnee_home.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from returnee_home.api.api import api
        from returnee_home.core.navigation import register
        from returnee_home.events.api import router
        from returnee_home.events.navigation import workspace_links

        register(order=45, provider=workspace_links)
        api.add_router("/events", router)
