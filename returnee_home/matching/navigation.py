"""Workspace menu links of matching, by role."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import pgettext_lazy

from returnee_home.core.navigation import NavLink
from returnee_home.matching import selectors


def workspace_links(request: HttpRequest) -> list[NavLink]:
    user = request.user
    if not user.is_authenticated:
        return []
    section = pgettext_lazy("menu", "Matching")
    links = [
        NavLink(section, pgettext_lazy("menu", "Matches for me"), reverse("matching:mine")),
        NavLink(
            section,
            pgettext_lazy("menu", "Matches for my projects"),
            reverse("matching:my_projects"),
        ),
    ]
    if selectors.employer_ids(user):
        links.append(
            NavLink(
                section,
                pgettext_lazy("menu", "Matches for my organisation"),
                reverse("matching:employer"),
            )
        )
    if selectors.is_matching_staff(user):
        links.append(
            NavLink(section, pgettext_lazy("menu", "Matching engine"), reverse("matching:staff"))
        )
    return links
