"""Workspace menu links of service records: own services for everyone signed in; statistics and
follow-ups for the roles that see them."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import pgettext_lazy

from returnee_home.core.navigation import NavLink
from returnee_home.orgs.models import Role
from returnee_home.orgs.selectors import admin_city_ids, is_province_admin, roles_of
from returnee_home.records.selectors import can_see_statistics


def workspace_links(request: HttpRequest) -> list[NavLink]:
    user = request.user
    if not user.is_authenticated:
        return []
    section = pgettext_lazy("menu", "Services and ratings")
    links = [NavLink(section, pgettext_lazy("menu", "My services"), reverse("records:mine"))]
    if can_see_statistics(user):
        links.append(
            NavLink(
                section, pgettext_lazy("menu", "Service statistics"), reverse("records:statistics")
            )
        )
    if Role.HOME_MANAGER in roles_of(user) or admin_city_ids(user) or is_province_admin(user):
        links.append(
            NavLink(
                section, pgettext_lazy("menu", "Rating follow-ups"), reverse("records:follow_ups")
            )
        )
    return links
