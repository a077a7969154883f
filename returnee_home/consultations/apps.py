from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "returnee_home.consultations"
    label = "consultations"
    verbose_name = _("Consultations")

    def ready(self) -> None:
        from returnee_home.api.api import api
        from returnee_home.consultations.api import router
        from returnee_home.consultations.navigation import workspace_links
        from returnee_home.core.navigation import register

        register(order=41, provider=workspace_links)
        api.add_router("/consultations", router)
