"""Administration of organisations, Homes and members by province and city admins (and, for
their own employer, its contacts)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from returnee_home.core.errors import ApplicationError, apply_to_form
from returnee_home.orgs import actions, selectors
from returnee_home.orgs.forms import (
    CREATABLE_KINDS,
    HomeCreateForm,
    InviteForm,
    OrganisationCreateForm,
)
from returnee_home.orgs.models import CARRIER_KINDS, Invitation, OrgKind
from returnee_home.orgs.views.scoping import workspace_view

ORGANISATION_PAGE_SIZE = 25


def _require_admin(request: HttpRequest) -> None:
    if not (selectors.is_province_admin(request.user) or selectors.is_city_admin(request.user)):
        raise PermissionDenied


@workspace_view
def organisation_list(request: HttpRequest) -> HttpResponse:
    """Organisations the admin administers, filtered by kind, city and name."""
    _require_admin(request)
    kind = request.GET.get("kind", "")
    kind = kind if kind in dict(CREATABLE_KINDS) or kind == OrgKind.PROVINCE else ""
    cities = list(selectors.cities_administered(request.user))
    city = next((c for c in cities if str(c.pk) == request.GET.get("city", "")), None)
    q = request.GET.get("q", "").strip()[:100]
    queryset = selectors.organisation_directory(
        request.user, kind=kind, city_id=city.pk if city else None, q=q
    )
    page = Paginator(queryset, ORGANISATION_PAGE_SIZE).get_page(request.GET.get("page"))
    params = {k: v for k, v in (("kind", kind), ("city", city and city.pk), ("q", q)) if v}
    context = {
        "page_obj": page,
        "organisations": page.object_list,
        "kinds": OrgKind.choices,
        "cities": cities,
        "selected_kind": kind,
        "selected_city": city,
        "q": q,
        "query_string": urlencode(params),
    }
    return render(request, "orgs/workspace/organisation_list.html", context)


@workspace_view
def organisation_create(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    form = OrganisationCreateForm(
        request.POST or None, cities=selectors.cities_administered(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            organisation = actions.organisation_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The organisation has been created."))
            return redirect("workspace:organisation_detail", org_id=organisation.pk)
    return render(request, "orgs/workspace/organisation_form.html", {"form": form})


@workspace_view
def organisation_detail(request: HttpRequest, org_id: int) -> HttpResponse:
    """An organisation's details, members, open invitations and Home, for those in scope."""
    user = request.user
    organisation = selectors.organisation_for_member(user, org_id)
    can_manage = selectors.can_manage_members(user, organisation)
    removable = set(selectors.invitable_roles(user, organisation)) if can_manage else set()
    members = list(selectors.organisation_members(organisation))
    home = getattr(organisation, "home", None) if organisation.kind in CARRIER_KINDS else None
    context = {
        "organisation": organisation,
        "members": members,
        "removable_roles": removable,
        "can_manage": can_manage,
        "can_administer": selectors.can_administer(user, organisation),
        "can_verify": selectors.can_verify_employer(user, organisation),
        "can_view_licence": selectors.can_view_licence(user, organisation),
        "can_correct": organisation.kind == OrgKind.EMPLOYER
        and organisation.verification_status == "rejected"
        and organisation.pk in selectors.member_organisation_ids(user),
        "invitations": list(selectors.open_invitations(organisation)) if can_manage else [],
        "home": home,
        "is_carrier": organisation.kind in CARRIER_KINDS,
    }
    return render(request, "orgs/workspace/organisation_detail.html", context)


def _accept_url(request: HttpRequest) -> Any:
    def build(token: str) -> str:
        return request.build_absolute_uri(
            reverse("workspace:invitation_accept", kwargs={"token": token})
        )

    return build


@workspace_view
def member_invite(request: HttpRequest, org_id: int) -> HttpResponse:
    """Add someone with a role, or invite them when they have no account yet."""
    organisation = selectors.organisation_for_member(request.user, org_id)
    roles = selectors.invitable_roles(request.user, organisation)
    if not roles:
        raise PermissionDenied
    form = InviteForm(request.POST or None, roles=roles)
    if request.method == "POST" and form.is_valid():
        try:
            result = actions.member_invite(
                actor=request.user,
                organisation=organisation,
                role=form.cleaned_data["role"],
                contact=form.cleaned_data["contact"],
                accept_url=_accept_url(request),
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            if isinstance(result, Invitation):
                messages.success(
                    request,
                    _("An invitation has been sent to %(contact)s.") % {"contact": result.contact},
                )
            else:
                messages.success(
                    request,
                    _("%(name)s has been added and notified.") % {"name": result.user.display_name},
                )
            return redirect("workspace:organisation_detail", org_id=organisation.pk)
    context = {"organisation": organisation, "form": form}
    return render(request, "orgs/workspace/member_invite.html", context)


@require_POST
@workspace_view
def member_remove(request: HttpRequest, org_id: int, membership_id: int) -> HttpResponse:
    organisation = selectors.organisation_for_member(request.user, org_id)
    membership = selectors.organisation_membership(organisation, membership_id)
    try:
        actions.membership_remove(actor=request.user, membership=membership)
    except ApplicationError as error:
        if error.status == 403:
            raise PermissionDenied from error
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("%(name)s no longer has the role %(role)s here.")
            % {"name": membership.user.display_name, "role": membership.get_role_display()},
        )
    return redirect("workspace:organisation_detail", org_id=organisation.pk)


@require_POST
@workspace_view
def invitation_revoke(request: HttpRequest, org_id: int, invitation_id: int) -> HttpResponse:
    organisation = selectors.organisation_for_member(request.user, org_id)
    invitation = selectors.organisation_invitation(organisation, invitation_id)
    actions.invitation_revoke(actor=request.user, invitation=invitation)
    messages.success(request, _("The invitation has been withdrawn."))
    return redirect("workspace:organisation_detail", org_id=organisation.pk)


@workspace_view
def home_create(request: HttpRequest, org_id: int) -> HttpResponse:
    """Create the Home of a service window or start-up park."""
    organisation = selectors.organisation_for_member(request.user, org_id)
    if not selectors.can_administer(request.user, organisation):
        raise PermissionDenied
    form = HomeCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            home = actions.home_create(
                actor=request.user, carrier=organisation, **form.cleaned_data
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The Home has been created."))
            return redirect("workspace:home_detail", home_id=home.pk)
    context = {"organisation": organisation, "form": form}
    return render(request, "orgs/workspace/home_create.html", context)
