"""Employer registration, the verification queue, the licence download and invitations."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from returnee_home.core.errors import ApplicationError, apply_to_form
from returnee_home.orgs import actions, selectors
from returnee_home.orgs.forms import (
    EmployerCorrectionForm,
    EmployerForm,
    RejectForm,
    employer_initial,
)
from returnee_home.orgs.views.scoping import workspace_view

LICENCE_CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}


@workspace_view
def employer_register(request: HttpRequest) -> HttpResponse:
    """A signed-in person registers an employer and becomes its contact."""
    form = EmployerForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = actions.employer_register(user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(
                request,
                _(
                    "The employer has been registered. A Home or the city's HR bureau will "
                    "verify it; you will be notified."
                ),
            )
            return redirect("workspace:organisation_detail", org_id=organisation.pk)
    return render(request, "orgs/workspace/employer_register.html", {"form": form})


@workspace_view
def employer_correct(request: HttpRequest, org_id: int) -> HttpResponse:
    """A rejected employer's contact corrects its details and submits them again."""
    organisation = selectors.organisation_for_member(request.user, org_id)
    if organisation.pk not in selectors.member_organisation_ids(request.user):
        raise PermissionDenied
    form = EmployerCorrectionForm(
        request.POST or None, request.FILES or None, initial=employer_initial(organisation)
    )
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "business_licence"}
        try:
            actions.employer_resubmit(
                actor=request.user,
                organisation=organisation,
                values=values,
                business_licence=form.cleaned_data.get("business_licence") or None,
            )
        except ApplicationError as error:
            if error.status == 403:
                raise PermissionDenied from error
            apply_to_form(form, error)
        else:
            messages.success(request, _("The corrected details have been submitted."))
            return redirect("workspace:organisation_detail", org_id=organisation.pk)
    context = {"organisation": organisation, "form": form}
    return render(request, "orgs/workspace/employer_correct.html", context)


@workspace_view
def verification_queue(request: HttpRequest) -> HttpResponse:
    """Employers awaiting verification in the person's city."""
    user = request.user
    if not (selectors.verification_city_ids(user) or selectors.is_province_admin(user)):
        raise PermissionDenied
    employers = list(selectors.employer_verification_queue(user)[:200])
    return render(request, "orgs/workspace/verification_queue.html", {"employers": employers})


@require_POST
@workspace_view
def employer_verify(request: HttpRequest, org_id: int) -> HttpResponse:
    organisation = selectors.organisation_for_member(request.user, org_id)
    if not selectors.can_verify_employer(request.user, organisation):
        raise PermissionDenied
    try:
        actions.employer_verify(actor=request.user, organisation=organisation)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("%(name)s has been verified.") % {"name": organisation.name})
    return redirect("workspace:verification_queue")


@workspace_view
def employer_reject(request: HttpRequest, org_id: int) -> HttpResponse:
    organisation = selectors.organisation_for_member(request.user, org_id)
    if not selectors.can_verify_employer(request.user, organisation):
        raise PermissionDenied
    form = RejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.employer_reject(
                actor=request.user, organisation=organisation, reason=form.cleaned_data["reason"]
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(
                request, _("%(name)s has been rejected.") % {"name": organisation.name}
            )
            return redirect("workspace:verification_queue")
    context = {"organisation": organisation, "form": form}
    return render(request, "orgs/workspace/employer_reject.html", context)


@never_cache
@workspace_view
def licence(request: HttpRequest, org_id: int) -> FileResponse:
    """The business licence, to the employer's contacts and to those who verify it."""
    organisation = selectors.organisation_for_member(request.user, org_id)
    if not selectors.can_view_licence(request.user, organisation):
        raise Http404
    extension = organisation.business_licence.name.rsplit(".", 1)[-1].lower()
    try:
        handle = organisation.business_licence.open("rb")
    except OSError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        content_type=LICENCE_CONTENT_TYPES.get(extension, "application/octet-stream"),
        filename=f"licence-{organisation.pk}.{extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@workspace_view
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Shows what the invitation is for; accepting makes the signed-in person a member."""
    invitation = actions.invitation_by_token(token)
    if invitation is None:
        raise Http404
    error = None
    if request.method == "POST":
        try:
            membership = actions.invitation_accept(user=request.user, token=token)
        except ApplicationError as exc:
            error = exc.message
        else:
            messages.success(
                request,
                _("You are now %(role)s of %(organisation)s.")
                % {
                    "role": membership.get_role_display(),
                    "organisation": membership.organisation.name,
                },
            )
            return redirect("workspace:home")
    context = {"invitation": invitation, "error": error}
    return render(
        request, "orgs/workspace/invitation_accept.html", context, status=403 if error else 200
    )
