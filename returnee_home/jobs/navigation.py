"""Workspace menu links of jobs: what each role does with postings, projects and the funnel."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import pgettext_lazy

from returnee_home.core.navigation import NavLink
from returnee_home.jobs import permissions
from returnee_home.jobs.collection import recommender_organisations


def workspace_links(request: HttpRequest) -> list[NavLink]:
    user = request.user
    if not user.is_authenticated:
        return []
    section = pgettext_lazy("menu", "Jobs and projects")
    links = [
        NavLink(section, pgettext_lazy("menu", "My applications"), reverse("jobs:my_applications")),
        NavLink(section, pgettext_lazy("menu", "My projects"), reverse("jobs:my_projects")),
        NavLink(section, pgettext_lazy("menu", "Saved searches"), reverse("jobs:saved_searches")),
    ]
    if permissions.employer_organisations(user):
        links += [
            NavLink(
                section, pgettext_lazy("menu", "Our job postings"), reverse("jobs:my_postings")
            ),
            NavLink(
                section, pgettext_lazy("menu", "Our project demands"), reverse("jobs:my_demands")
            ),
        ]
    if permissions.employer_organisations(user) or permissions.interest_organisations(user):
        links.append(
            NavLink(
                section, pgettext_lazy("menu", "Project interests"), reverse("jobs:my_interests")
            )
        )
    if recommender_organisations(user):
        links.append(
            NavLink(section, pgettext_lazy("menu", "Recommendations"), reverse("jobs:recommend"))
        )
    if permissions.is_staff(user):
        links += [
            NavLink(
                section, pgettext_lazy("menu", "Search the pool"), reverse("jobs:staff_search")
            ),
            NavLink(
                section, pgettext_lazy("menu", "Matching funnel"), reverse("jobs:staff_funnel")
            ),
            NavLink(section, pgettext_lazy("menu", "Imports"), reverse("jobs:imports")),
        ]
    return links
