from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "returnee_home.matching"
    label = "matching"
    verbose_name = _("Matching")
