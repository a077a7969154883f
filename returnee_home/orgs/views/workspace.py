"""The workspace overview (one section per role the person holds) and the Home pages of its
staff and manager."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from returnee_home.core.errors import ApplicationError, apply_to_form
from returnee_home.naming.selectors import assessments_of_home
from returnee_home.orgs import actions, selectors
from returnee_home.orgs.forms import HomePublicForm, WindowForm
from returnee_home.orgs.models import Role
from returnee_home.orgs.views.scoping import workspace_view


def account_url() -> str:
    """The accounts app's page for the person: profile, consent, data and deletion."""
    return reverse("accounts:home")


@workspace_view
def home(request: HttpRequest) -> HttpResponse:
    """One section for each role the person holds, each with its own real data."""
    user = request.user
    memberships = selectors.memberships_of(user)
    roles = selectors.roles_of(user)
    context: dict[str, Any] = {
        "memberships": memberships,
        "roles": roles,
        "account_url": account_url(),
        "Role": Role,
    }
    if roles & {Role.HOME_MANAGER, Role.HOME_STAFF}:
        context["my_homes"] = selectors.my_homes(user)
        context["managed_carrier_ids"] = selectors.member_organisation_ids(
            user, (Role.HOME_MANAGER,)
        )
    if Role.CITY_ADMIN in roles:
        context["city_admin"] = selectors.city_overview(selectors.admin_city_ids(user))
        context["admin_cities"] = [
            m.organisation.city for m in memberships if m.role == Role.CITY_ADMIN
        ]
    if Role.PROVINCE_ADMIN in roles:
        context["province_rows"] = selectors.province_overview()
    if roles & {Role.HOME_MANAGER, Role.HOME_STAFF, Role.CITY_ADMIN, Role.PROVINCE_ADMIN}:
        context["pending_count"] = selectors.employer_verification_queue(user).count()
    member_orgs = [
        m for m in memberships if m.role in (Role.EMPLOYER_CONTACT, Role.RECOMMENDER, Role.PARTNER)
    ]
    context["member_orgs"] = [
        {"membership": m, "members": list(selectors.organisation_members(m.organisation))}
        for m in member_orgs
    ]
    context["expert_memberships"] = [m for m in memberships if m.role == Role.EXPERT]
    return render(request, "orgs/workspace_home.html", context)


@workspace_view
def home_detail(request: HttpRequest, home_id: int) -> HttpResponse:
    """A Home's details, windows and colleagues, for its staff and its city's admins."""
    home = selectors.home_for_member(request.user, home_id)
    context = {
        "home": home,
        "windows": list(home.windows.all()),
        "services": list(home.service_categories.all()),
        "colleagues": list(selectors.home_colleagues(home)),
        "can_edit": selectors.can_edit_home(request.user, home),
        "assessments": assessments_of_home(home),
    }
    return render(request, "orgs/workspace/home_detail.html", context)


@workspace_view
def home_edit(request: HttpRequest, home_id: int) -> HttpResponse:
    """The manager edits the Home's public details, windows and services."""
    home = selectors.home_for_member(request.user, home_id)
    if not selectors.can_edit_home(request.user, home):
        raise PermissionDenied
    form = HomePublicForm(request.POST or None, instance=home)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "service_categories"}
        try:
            actions.home_update_public_details(
                actor=request.user,
                home=home,
                values=values,
                service_categories=list(form.cleaned_data["service_categories"]),
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The Home's public details have been saved."))
            return redirect("workspace:home_edit", home_id=home.pk)
    return render(request, "orgs/workspace/home_edit.html", _edit_context(home, form))


def _edit_context(home: Any, form: Any, window_forms: dict | None = None) -> dict[str, Any]:
    window_forms = window_forms or {}
    windows = selectors.home_windows(home)
    rows = [
        {
            "window": w,
            "form": window_forms.get(
                w.pk,
                WindowForm(
                    prefix=f"w{w.pk}",
                    initial={
                        "number": w.number,
                        "name_zh": w.name_zh,
                        "name_en": w.name_en,
                        "is_active": w.is_active,
                    },
                ),
            ),
        }
        for w in windows
    ]
    new_form = window_forms.get("new") or WindowForm(
        prefix="new", initial={"number": (windows[-1].number + 1) if windows else 1}
    )
    return {"home": home, "form": form, "window_rows": rows, "new_window_form": new_form}


@require_POST
@workspace_view
def window_add(request: HttpRequest, home_id: int) -> HttpResponse:
    home = selectors.home_for_member(request.user, home_id)
    if not selectors.can_edit_home(request.user, home):
        raise PermissionDenied
    form = WindowForm(request.POST, prefix="new")
    if form.is_valid():
        try:
            actions.window_add(actor=request.user, home=home, **form.cleaned_data)
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The window has been added."))
            return redirect("workspace:home_edit", home_id=home.pk)
    context = _edit_context(home, HomePublicForm(instance=home), {"new": form})
    return render(request, "orgs/workspace/home_edit.html", context, status=400)


@require_POST
@workspace_view
def window_update(request: HttpRequest, home_id: int, window_id: int) -> HttpResponse:
    home = selectors.home_for_member(request.user, home_id)
    if not selectors.can_edit_home(request.user, home):
        raise PermissionDenied
    window = selectors.home_window(home, window_id)
    form = WindowForm(request.POST, prefix=f"w{window.pk}")
    if form.is_valid():
        try:
            actions.window_update(actor=request.user, window=window, **form.cleaned_data)
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(
                request, _("Window %(number)s has been saved.") % {"number": window.number}
            )
            return redirect("workspace:home_edit", home_id=home.pk)
    context = _edit_context(home, HomePublicForm(instance=home), {window.pk: form})
    return render(request, "orgs/workspace/home_edit.html", context, status=400)


@require_POST
@workspace_view
def window_remove(request: HttpRequest, home_id: int, window_id: int) -> HttpResponse:
    home = selectors.home_for_member(request.user, home_id)
    if not selectors.can_edit_home(request.user, home):
        raise PermissionDenied
    window = selectors.home_window(home, window_id)
    actions.window_remove(actor=request.user, window=window)
    messages.success(request, _("The window has been removed."))
    return redirect("workspace:home_edit", home_id=home.pk)
