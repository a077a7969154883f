"""Workspace menu links of events."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import pgettext_lazy

from returnee_home.core.navigation import NavLink
from returnee_home.events.selectors import can_organise


def workspace_links(request: HttpRequest) -> list[NavLink]:
    user = request.user
    if not user.is_authenticated:
        return []
    section = pgettext_lazy("menu", "Events")
    links = [
        NavLink(section, pgettext_lazy("menu", "My event registrations"), reverse("events:mine")),
        NavLink(section, pgettext_lazy("menu", "Events calendar"), reverse("events:calendar")),
    ]
    if can_organise(user):
        links.append(
            NavLink(section, pgettext_lazy("menu", "Manage events"), reverse("events:manage_list"))
        )
    return links
