from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _menu(request: Any) -> list[Any]:
    """Every signed-in person can keep a talent profile."""
    from django.urls import NoReverseMatch, reverse

    from returnee_home.core.navigation import NavLink

    if not request.user.is_authenticated:
        return []
    try:
        url = reverse("talent:profile")
    except NoReverseMatch:  # the pages are not mounted in this URLconf
        return []
    return [NavLink(section=_("My account"), label=_("My talent profile"), url=url)]


class TalentConfig(AppConfig):
    name = "returnee_home.talent"
    label = "talent"
    verbose_name = _("Talents")

    def ready(self) -> None:
        from returnee_home.accounts.personal_data import register_exporter
        from returnee_home.core.navigation import register
        from returnee_home.talent.exports import talent_export

        register(order=91, provider=_menu)
        register_exporter("talent", talent_export)
