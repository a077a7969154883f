from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "returnee_home.records"
    label = "records"
    verbose_name = _("Service records and ratings")

    def ready(self) -> None:
        from returnee_home.accounts.personal_data import register_exporter
        from returnee_home.core.navigation import register
        from returnee_home.records.exports import export_personal_records
        from returnee_home.records.navigation import workspace_links

        register(order=40, provider=workspace_links)
        register_exporter("records", export_personal_records)
        from returnee_home.api.api import api
        from returnee_home.records.api import router

        api.add_router("/records", router)
