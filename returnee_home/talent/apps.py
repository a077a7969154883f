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
    from returnee_home.talent import selectors

    links = [NavLink(section=_("My account"), label=_("My talent profile"), url=url)]
    links.append(
        NavLink(
            section=_("My account"),
            label=_("Requests for my contact details"),
            url=reverse("talent:contacts"),
        )
    )
    if selectors.employer_organisations(request.user):
        links.append(
            NavLink(section=_("Talents"), label=_("Find talents"), url=reverse("talent:search"))
        )
    if selectors.can_verify(request.user):
        links.append(
            NavLink(
                section=_("Talents"),
                label=_("Credential verification"),
                url=reverse("talent:verify_queue"),
            )
        )
    return links


class TalentConfig(AppConfig):
    name = "returnee_home.talent"
    label = "talent"
    verbose_name = _("Talents")

    def ready(self) -> None:
        from returnee_home.accounts.personal_data import register_eraser, register_exporter
        from returnee_home.core.navigation import register
        from returnee_home.talent.exports import talent_export

        register(order=91, provider=_menu)
        register_exporter("talent", talent_export)
        from returnee_home.talent.actions import profile_erase

        register_eraser("talent", profile_erase)
