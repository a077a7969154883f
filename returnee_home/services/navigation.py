"""Workspace menu links of the services app, only those the person may follow."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from returnee_home.core.navigation import NavLink
from returnee_home.services import selectors


def workspace_links(request: HttpRequest) -> list[NavLink]:
    user = request.user
    if not user.is_authenticated:
        return []
    section = pgettext_lazy("menu section", "Services")
    links = [NavLink(section, _("My service requests"), reverse("services:my_requests"))]
    for home in selectors.staff_homes(user):
        links.append(
            NavLink(
                section,
                _("Request workbench · %(home)s") % {"home": home.name},
                reverse("services:workbench", kwargs={"home_id": home.pk}),
            )
        )
    for home in selectors.managed_homes(user):
        links.append(
            NavLink(
                section,
                _("Services offered · %(home)s") % {"home": home.name},
                reverse("services:offerings", kwargs={"home_id": home.pk}),
            )
        )
    if selectors.can_edit_catalogue(user):
        links.append(NavLink(section, _("Service catalogue"), reverse("services:admin_items")))
    return links
