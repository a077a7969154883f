from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    name = "returnee_home.policies"
    label = "policies"
    verbose_name = _("Policies")

    def ready(self) -> None:
        from returnee_home.api.api import api
        from returnee_home.core.navigation import register
        from returnee_home.policies.api import benefits_router, router
        from returnee_home.policies.navigation import workspace_links

        register(order=45, provider=workspace_links)
        api.add_router("/policies", router)
        api.add_router("/benefits", benefits_router)
