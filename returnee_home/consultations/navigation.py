"""Workspace menu links of consultations."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import pgettext_lazy

from returnee_home.core.navigation import NavLink
from returnee_home.orgs.models import Role
from returnee_home.orgs.selectors import roles_of


def workspace_links(request: HttpRequest) -> list[NavLink]:
    user = request.user
    if not user.is_authenticated:
        return []
    section = pgettext_lazy("menu", "Consultations")
    links = [NavLink(section, pgettext_lazy("menu", "My questions"), reverse("consultations:mine"))]
    if roles_of(user) & {Role.HOME_MANAGER, Role.HOME_STAFF, Role.PROVINCE_ADMIN}:
        links.append(
            NavLink(
                section,
                pgettext_lazy("menu", "Questions to answer"),
                reverse("consultations:workbench"),
            )
        )
    return links
