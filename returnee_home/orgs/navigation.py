"""The workspace menu links of organisations and Homes, only those the person may follow."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from returnee_home.core.navigation import NavLink
from returnee_home.orgs import selectors
from returnee_home.orgs.models import Role

HOME_ROLES = (Role.HOME_MANAGER, Role.HOME_STAFF)


def workspace_links(request: HttpRequest) -> list[NavLink]:
    user = request.user
    if not user.is_authenticated:
        return []
    links = [NavLink(_("Workspace"), _("Overview"), reverse("workspace:home"))]
    memberships = selectors.memberships_of(user)
    roles = selectors.roles_of(user)
    for m in memberships:
        if m.role in HOME_ROLES:
            home = getattr(m.organisation, "home", None)
            if home is not None:
                links.append(
                    NavLink(
                        _("My Home"),
                        home.name,
                        reverse("workspace:home_detail", kwargs={"home_id": home.pk}),
                    )
                )
                if m.role == Role.HOME_MANAGER:
                    links.append(
                        NavLink(
                            _("My Home"),
                            _("Edit public details"),
                            reverse("workspace:home_edit", kwargs={"home_id": home.pk}),
                        )
                    )
        elif m.role in (Role.EMPLOYER_CONTACT, Role.RECOMMENDER, Role.PARTNER):
            links.append(
                NavLink(
                    _("My organisations"),
                    m.organisation.name,
                    reverse("workspace:organisation_detail", kwargs={"org_id": m.organisation_id}),
                )
            )
    if roles & {Role.CITY_ADMIN, Role.PROVINCE_ADMIN}:
        section = _("Administration")
        links.append(NavLink(section, _("Organisations"), reverse("workspace:organisation_list")))
        links.append(
            NavLink(section, _("New organisation"), reverse("workspace:organisation_create"))
        )
    if roles & {Role.CITY_ADMIN, Role.PROVINCE_ADMIN, *HOME_ROLES}:
        links.append(
            NavLink(
                _("Employers"),
                _("Employer verification"),
                reverse("workspace:verification_queue"),
            )
        )
    links.append(
        NavLink(_("Employers"), _("Register an employer"), reverse("workspace:employer_register"))
    )
    return links
