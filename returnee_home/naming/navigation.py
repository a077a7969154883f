"""The workspace menu links of the naming workflow, only for the roles that may follow them."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from returnee_home.core.navigation import NavLink
from returnee_home.orgs import selectors as org_selectors
from returnee_home.orgs.models import Role

WORKBENCH_ROLES = frozenset({Role.HOME_MANAGER, Role.CITY_ADMIN, Role.PROVINCE_ADMIN, Role.EXPERT})


def workspace_links(request: HttpRequest) -> list[NavLink]:
    """The naming workbench (carriers' managers, city and province admins, experts), the batch
    list (province admins) and the expert's queue (experts)."""
    user = request.user
    if not user.is_authenticated:
        return []
    roles = org_selectors.roles_of(user)
    if not roles & WORKBENCH_ROLES:
        return []
    section = _("Naming of Homes")
    links = [NavLink(section, _("Naming workbench"), reverse("naming:workbench"))]
    if Role.PROVINCE_ADMIN in roles:
        links.append(NavLink(section, _("Naming batches"), reverse("naming:batch_list")))
        links.append(NavLink(section, _("Annual assessment"), reverse("naming:assessments")))
    if Role.EXPERT in roles:
        links.append(NavLink(section, _("Applications to score"), reverse("naming:expert_queue")))
    return links
