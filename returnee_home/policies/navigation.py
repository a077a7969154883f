"""Workspace menu links of the policy library."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import pgettext_lazy

from returnee_home.core.navigation import NavLink
from returnee_home.policies import selectors


def workspace_links(request: HttpRequest) -> list[NavLink]:
    user = request.user
    if not user.is_authenticated:
        return []
    section = pgettext_lazy("menu", "Policies")
    links = []
    if hasattr(user, "talent_profile"):
        links.append(
            NavLink(section, pgettext_lazy("menu", "My benefits"), reverse("policies:benefits"))
        )
    if selectors.can_manage_policies(user) or selectors.can_interpret(user):
        links.append(
            NavLink(
                section,
                pgettext_lazy("menu", "Manage policies"),
                reverse("policies:manage_list"),
            )
        )
    if selectors.can_manage_policies(user):
        links.append(
            NavLink(
                section,
                pgettext_lazy("menu", "Import policy files"),
                reverse("policies:manage_import"),
            )
        )
    return links
