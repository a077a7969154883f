"""Workspace menu links of the service alliance and the platform suggestions, only for the
people who may follow them."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from returnee_home.alliance import referral_selectors, selectors
from returnee_home.core.navigation import NavLink
from returnee_home.orgs import selectors as org_selectors
from returnee_home.orgs.models import Role


def workspace_links(request: HttpRequest) -> list[NavLink]:
    user = request.user
    if not user.is_authenticated:
        return []
    section = _("Service alliance")
    roles = org_selectors.roles_of(user)
    links = []
    if Role.PARTNER in roles or selectors.joinable_organisations(user):
        links.append(NavLink(section, _("My alliance membership"), reverse("alliance:mine")))
    member_roles = {Role.PARTNER, Role.EMPLOYER_CONTACT, Role.RECOMMENDER}
    if roles & {Role.HOME_STAFF, Role.HOME_MANAGER} or (
        roles & member_roles and referral_selectors.is_member_person(user)
    ):
        links.append(
            NavLink(section, _("Referrals to alliance members"), reverse("alliance:referrals"))
        )
    if roles & {Role.CITY_ADMIN, Role.PROVINCE_ADMIN}:
        links.append(NavLink(section, _("Alliance applications"), reverse("alliance:manage")))
        links.append(NavLink(section, _("Platform suggestions"), reverse("alliance:suggestions")))
    return links
