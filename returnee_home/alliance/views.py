"""Pages of the service alliance (public page, applying, deciding, offerings) and of the
platform suggestions (submit, triage, exports). Views parse input, call one action, render."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from returnee_home.alliance import actions, exports, selectors
from returnee_home.alliance.forms import (
    AllianceApplyForm,
    AlliancePartnerRegisterForm,
    DecisionForm,
    MembershipFilterForm,
    OfferingForm,
    PublicOfferingFilterForm,
    SuggestionFilterForm,
    SuggestionForm,
    TriageForm,
)
from returnee_home.alliance.models import AllianceMembership
from returnee_home.core.cache import public_page
from returnee_home.core.errors import ApplicationError, NotFoundError, apply_to_form
from returnee_home.core.models import City
from returnee_home.orgs import selectors as org_selectors
from returnee_home.orgs.views.scoping import workspace_view

PAGE_SIZE = 20
Status = AllianceMembership.Status
# The steps an admin is offered in each state: (target, name of the button's label).
ADMIN_STEPS = {
    Status.APPLIED: [(Status.APPROVED, "approve"), (Status.REJECTED, "reject")],
    Status.APPROVED: [(Status.SUSPENDED, "suspend"), (Status.WITHDRAWN, "withdraw")],
    Status.SUSPENDED: [(Status.APPROVED, "reinstate"), (Status.WITHDRAWN, "withdraw")],
}


# --- Public --------------------------------------------------------------------------------


@public_page
def alliance_home(request: HttpRequest) -> HttpResponse:
    """The service alliance: what it is, its current offerings (filtered) and its members."""
    form = PublicOfferingFilterForm(request.GET or None)
    kind, city, q = "", None, ""
    if form.is_bound and form.is_valid():
        kind = form.cleaned_data["kind"]
        city = form.cleaned_data["city"]
        q = form.cleaned_data["q"].strip()
    offerings = selectors.public_offerings(kind=kind, city=city, q=q)
    page = Paginator(offerings, PAGE_SIZE).get_page(request.GET.get("page"))
    params = {k: v for k, v in (("kind", kind), ("city", city and city.slug), ("q", q)) if v}
    context = {
        "form": form,
        "page_obj": page,
        "offerings": page.object_list,
        "members": list(selectors.public_members(city=city)),
        "selected_city": city,
        "query_string": urlencode(params),
        "filtered": bool(params),
    }
    return render(request, "alliance/public.html", context)


# --- Applying ------------------------------------------------------------------------------


@workspace_view
def apply(request: HttpRequest) -> HttpResponse:
    """Apply for an organisation the person belongs to; links to registering a new one."""
    organisations = selectors.joinable_organisations(request.user)
    form = AllianceApplyForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and organisations and form.is_valid():
        try:
            actions.alliance_membership_apply(user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("Your application has been sent to the alliance."))
            return redirect("alliance:mine")
    return render(request, "alliance/apply.html", {"form": form, "organisations": organisations})


@workspace_view
def register(request: HttpRequest) -> HttpResponse:
    """Register a new alliance-partner organisation and apply with it."""
    form = AlliancePartnerRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.alliance_partner_register(user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("Your organisation and its application have been sent."))
            return redirect("alliance:mine")
    return render(request, "alliance/register.html", {"form": form})


@workspace_view
def mine(request: HttpRequest) -> HttpResponse:
    """The person's applications and memberships, with each member's offerings."""
    rows = []
    for membership in selectors.my_memberships(request.user):
        rows.append(
            {
                "membership": membership,
                "is_contact": selectors.is_member_contact(request.user, membership),
            }
        )
    return render(request, "alliance/mine.html", {"rows": rows, "Status": Status})


@workspace_view
@require_POST
def withdraw(request: HttpRequest, membership_id: int) -> HttpResponse:
    """The member (or applicant) withdraws an application or a membership."""
    membership = selectors.membership_for_applicant_or_contact(request.user, membership_id)
    try:
        actions.alliance_membership_decide(
            actor=request.user, membership=membership, target=Status.WITHDRAWN
        )
    except ApplicationError as error:
        if error.status == 403:
            raise PermissionDenied(str(error.message)) from error
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The organisation has left the alliance."))
    return redirect("alliance:mine")


# --- Deciding ------------------------------------------------------------------------------


def _require_admin(request: HttpRequest) -> None:
    roles = org_selectors.roles_of(request.user)
    if not roles & {"city_admin", "province_admin"}:
        raise PermissionDenied


@workspace_view
def manage(request: HttpRequest) -> HttpResponse:
    """Applications and members of the alliances the person administers."""
    _require_admin(request)
    form = MembershipFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    queryset = selectors.memberships_to_decide(request.user, status=status)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page,
        "memberships": page.object_list,
        "query_string": urlencode({"status": status} if status else {}),
    }
    return render(request, "alliance/manage.html", context)


@workspace_view
def manage_detail(request: HttpRequest, membership_id: int) -> HttpResponse:
    """One application or member, with the steps the person may take."""
    _require_admin(request)
    membership = selectors.membership_for_admin(request.user, membership_id)
    form = DecisionForm(request.POST or None)
    steps = (
        ADMIN_STEPS.get(membership.status, [])
        if selectors.can_decide(request.user, membership)
        else []
    )
    if request.method == "POST":
        target = request.POST.get("target", "")
        if target not in {t for t, _label in steps}:
            raise PermissionDenied
        if form.is_valid():
            try:
                actions.alliance_membership_decide(
                    actor=request.user,
                    membership=membership,
                    target=target,
                    reason=form.cleaned_data["reason"],
                )
            except ApplicationError as error:
                apply_to_form(form, error)
            else:
                messages.success(request, _("The decision has been recorded."))
                return redirect("alliance:manage_detail", membership_id=membership.pk)
    context = {
        "membership": membership,
        "form": form,
        "steps": steps,
        "offerings": list(membership.offerings.all()),
    }
    return render(request, "alliance/manage_detail.html", context)


# --- Offerings -----------------------------------------------------------------------------


@workspace_view
def offering_create(request: HttpRequest, membership_id: int) -> HttpResponse:
    """A partner contact lists a new offering of their approved member."""
    membership = selectors.membership_for_contact(request.user, membership_id)
    form = OfferingForm(request.POST or None, membership=membership)
    if request.method == "POST" and form.is_valid():
        try:
            actions.offering_create(
                actor=request.user, membership=membership, **form.action_kwargs()
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The offering is listed."))
            return redirect("alliance:mine")
    return render(
        request,
        "alliance/offering_form.html",
        {"form": form, "membership": membership, "offering": None},
    )


@workspace_view
def offering_edit(request: HttpRequest, offering_id: int) -> HttpResponse:
    """A partner contact changes one of their member's offerings."""
    offering = selectors.offering_for_contact(request.user, offering_id)
    form = OfferingForm(request.POST or None, instance=offering, membership=offering.member)
    if request.method == "POST" and form.is_valid():
        try:
            actions.offering_update(actor=request.user, offering=offering, **form.action_kwargs())
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The offering has been saved."))
            return redirect("alliance:mine")
    return render(
        request,
        "alliance/offering_form.html",
        {"form": form, "membership": offering.member, "offering": offering},
    )


@workspace_view
@require_POST
def offering_delete(request: HttpRequest, offering_id: int) -> HttpResponse:
    offering = selectors.offering_for_contact(request.user, offering_id)
    actions.offering_delete(actor=request.user, offering=offering)
    messages.success(request, _("The offering has been removed."))
    return redirect("alliance:mine")


# --- Suggestions ---------------------------------------------------------------------------


def _suggestion_reader(request: HttpRequest) -> list[City]:
    cities = selectors.suggestion_cities(request.user)
    if not cities:
        raise PermissionDenied
    return cities


@workspace_view
def suggestions(request: HttpRequest) -> HttpResponse:
    """A city's own suggestions with the province's answers; every city's for the province."""
    cities = _suggestion_reader(request)
    form = SuggestionFilterForm(request.GET or None, cities=cities)
    filters: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v}
    queryset = selectors.suggestions_visible_to(request.user, **filters)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    params = {k: (v.pk if isinstance(v, City) else v) for k, v in filters.items()}
    context = {
        "form": form,
        "page_obj": page,
        "suggestions": page.object_list,
        "query_string": urlencode(params),
        "cities": cities,
        "can_submit": selectors.submitting_city(request.user) is not None,
        "is_province": org_selectors.is_province_admin(request.user),
    }
    return render(request, "alliance/suggestions.html", context)


@workspace_view
def suggestion_create(request: HttpRequest) -> HttpResponse:
    """A city admin sends a suggestion or individual need to the province."""
    city = selectors.submitting_city(request.user)
    if city is None:
        raise PermissionDenied
    form = SuggestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            suggestion = actions.suggestion_submit(
                actor=request.user, city=city, **form.cleaned_data
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("Your suggestion has been sent to the province."))
            return redirect("alliance:suggestion_detail", suggestion_id=suggestion.pk)
    return render(request, "alliance/suggestion_form.html", {"form": form, "city": city})


@workspace_view
def suggestion_detail(request: HttpRequest, suggestion_id: int) -> HttpResponse:
    """A suggestion and its answer; the province's triage form when an answer is allowed."""
    _suggestion_reader(request)
    suggestion = selectors.suggestion_for(request.user, suggestion_id)
    allowed = actions.SUGGESTION_TRANSITIONS.get(suggestion.status, ())
    can_triage = org_selectors.is_province_admin(request.user) and bool(allowed)
    form = TriageForm(request.POST or None, allowed=allowed) if can_triage else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                actions.suggestion_triage(
                    actor=request.user, suggestion=suggestion, **form.cleaned_data
                )
            except ApplicationError as error:
                apply_to_form(form, error)
            else:
                messages.success(request, _("The city has been sent your answer."))
                return redirect("alliance:suggestion_detail", suggestion_id=suggestion.pk)
    return render(
        request, "alliance/suggestion_detail.html", {"suggestion": suggestion, "form": form}
    )


@workspace_view
def suggestion_form_docx(request: HttpRequest) -> HttpResponse:
    """Attachment 3 of one city as .docx (a city admin's own city; any city for the province)."""
    cities = _suggestion_reader(request)
    wanted = request.GET.get("city", "")
    city = next((c for c in cities if str(c.pk) == wanted), None)
    if city is None:
        if wanted or len(cities) != 1:
            raise NotFoundError()
        city = cities[0]
    rows = selectors.suggestions_visible_to(request.user, city=city).order_by("created_at", "id")
    content = exports.suggestion_form_docx(city, rows)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    filename = f"attachment3-{city.slug}-{timezone.localdate():%Y%m%d}.docx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@workspace_view
def suggestions_xlsx(request: HttpRequest) -> HttpResponse:
    """Every suggestion the person may read as .xlsx."""
    _suggestion_reader(request)
    rows = selectors.suggestions_visible_to(request.user).order_by("city__sort_order", "created_at")
    response = HttpResponse(
        exports.suggestions_xlsx(rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = f"suggestions-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
