"""Workspace menu links of the dashboards, by role."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import pgettext_lazy

from returnee_home.core.navigation import NavLink
from returnee_home.dashboards.selectors import dashboard_level
from returnee_home.orgs.selectors import admin_city_ids, is_province_admin


def workspace_links(request: HttpRequest) -> list[NavLink]:
    user = request.user
    if not user.is_authenticated:
        return []
    level = dashboard_level(user)
    if level is None:
        return []
    section = pgettext_lazy("menu", "Dashboards")
    links = []
    if level == "province":
        links.append(
            NavLink(
                section, pgettext_lazy("menu", "Province dashboard"), reverse("dashboards:province")
            )
        )
    if level in ("province", "city") and admin_city_ids(user) or level == "city":
        links.append(
            NavLink(section, pgettext_lazy("menu", "City dashboard"), reverse("dashboards:city"))
        )
    if level == "home":
        links.append(
            NavLink(section, pgettext_lazy("menu", "Home dashboard"), reverse("dashboards:home"))
        )
    if is_province_admin(user) or admin_city_ids(user):
        links.append(
            NavLink(
                section, pgettext_lazy("menu", "Monthly reports"), reverse("dashboards:reports")
            )
        )
    return links
