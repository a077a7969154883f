"""The employer's workspace: its postings and demands (create, edit, publish, withdraw), the
candidates of each posting, and inviting a talent from the matching pages."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from returnee_home.core.errors import ApplicationError, apply_to_form
from returnee_home.jobs import actions, funnel, permissions, selectors
from returnee_home.jobs.forms import DemandForm, InviteForm, MoveForm, PostingForm
from returnee_home.jobs.models import DemandStatus, PostingStatus
from returnee_home.orgs.views.scoping import workspace_view
from returnee_home.talent.models import TalentProfile


def _employer_or_403(request: HttpRequest) -> Any:
    organisations = permissions.employer_organisations(request.user)
    if not organisations:
        raise PermissionDenied
    return organisations[0]


@workspace_view
def my_postings(request: HttpRequest) -> HttpResponse:
    _employer_or_403(request)
    rows = list(selectors.postings_managed_by(request.user)[:200])
    return render(request, "jobs/employer/postings.html", {"rows": rows})


def _posting_data(form: Any, publish: bool) -> dict[str, Any]:
    return {**form.cleaned_data, "publish": publish}


@workspace_view
def posting_edit(request: HttpRequest, posting_id: int | None = None) -> HttpResponse:
    employer = _employer_or_403(request)
    posting = selectors.posting_to_manage(request.user, posting_id) if posting_id else None
    if posting is not None:
        employer = posting.employer
    form = PostingForm(request.POST or None, instance=posting)
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.posting_save(
                actor=request.user,
                employer=employer,
                posting=posting,
                data=_posting_data(form, "publish" in request.POST),
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            if saved.status == PostingStatus.PUBLISHED:
                messages.success(request, _("The posting is published."))
            else:
                messages.success(request, _("The posting is saved as a draft."))
            return redirect("jobs:my_postings")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "jobs/employer/posting_form.html",
        {"form": form, "posting": posting, "employer": employer},
        status=status,
    )


@workspace_view
@require_POST
def posting_status(request: HttpRequest, posting_id: int) -> HttpResponse:
    posting = selectors.posting_to_manage(request.user, posting_id)
    target = request.POST.get("status", "")
    if target not in PostingStatus.values:
        messages.error(request, _("Unknown status."))
        return redirect("jobs:my_postings")
    try:
        actions.posting_set_status(actor=request.user, posting=posting, status=target)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The posting's status is changed."))
    return redirect("jobs:my_postings")


@workspace_view
def posting_candidates(request: HttpRequest, posting_id: int) -> HttpResponse:
    posting = selectors.posting_to_manage(request.user, posting_id)
    rows = list(
        selectors.candidates_of_employer(request.user)
        .filter(posting=posting)
        .select_related("profile__current_city")
        .order_by("-updated_at")
    )
    return render(request, "jobs/employer/candidates.html", {"posting": posting, "rows": rows})


@workspace_view
def candidate(request: HttpRequest, application_id: int) -> HttpResponse:
    """An application as the employer (or staff) sees it: the talent's contact only once
    shared; the moves the person may make."""
    application = selectors.candidate_for(request.user, application_id)
    form = MoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            funnel.application_move(
                actor=request.user,
                application=application,
                to_stage=data["to_stage"],
                note=data["note"],
                close_reason=data["close_reason"],
                interview_at=data["interview_at"],
            )
        except ApplicationError as error:
            if error.status in (403, 404):
                raise
            apply_to_form(form, error)
        else:
            messages.success(request, _("The application has moved on."))
            return redirect("jobs:candidate", application.pk)
    moves = funnel.allowed_application_moves(request.user, application)
    return render(
        request,
        "jobs/employer/candidate.html",
        {"application": application, "moves": moves, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@workspace_view
def posting_invite(request: HttpRequest, posting_id: int, profile_id: int) -> HttpResponse:
    """Invite a talent (from the matching pages) to apply. GET shows a confirmation with an
    optional message; POST sends the invitation. The talent stays anonymous until they
    accept."""
    posting = selectors.posting_for_invitation(request.user, posting_id)
    profile = TalentProfile.objects.select_related("current_city").filter(pk=profile_id).first()
    if profile is None:
        from django.http import Http404

        raise Http404
    form = InviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            application = funnel.application_invite(
                actor=request.user,
                posting=posting,
                profile=profile,
                message=form.cleaned_data["message"],
            )
        except ApplicationError as error:
            if error.status in (403, 404):
                raise
            messages.error(request, str(error.message))
            return redirect("jobs:posting_candidates", posting.pk)
        messages.success(request, _("The invitation is sent. You will be told when they answer."))
        if permissions.may_manage_for(request.user, posting.employer):
            return redirect("jobs:candidate", application.pk)
        return redirect("jobs:staff_funnel")
    return render(
        request, "jobs/employer/invite.html", {"posting": posting, "profile": profile, "form": form}
    )


# --- Demands -----------------------------------------------------------------------------------


@workspace_view
def my_demands(request: HttpRequest) -> HttpResponse:
    _employer_or_403(request)
    rows = list(selectors.demands_managed_by(request.user)[:200])
    return render(request, "jobs/employer/demands.html", {"rows": rows})


@workspace_view
def demand_edit(request: HttpRequest, demand_id: int | None = None) -> HttpResponse:
    organisation = _employer_or_403(request)
    demand = selectors.demand_to_manage(request.user, demand_id) if demand_id else None
    if demand is not None:
        organisation = demand.organisation
    form = DemandForm(request.POST or None, instance=demand)
    if request.method == "POST" and form.is_valid():
        try:
            actions.demand_save(
                actor=request.user,
                organisation=organisation,
                demand=demand,
                data={**form.cleaned_data, "publish": "publish" in request.POST},
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The demand is saved."))
            return redirect("jobs:my_demands")
    return render(
        request,
        "jobs/employer/demand_form.html",
        {"form": form, "demand": demand},
        status=400 if request.method == "POST" else 200,
    )


@workspace_view
@require_POST
def demand_status(request: HttpRequest, demand_id: int) -> HttpResponse:
    demand = selectors.demand_to_manage(request.user, demand_id)
    target = request.POST.get("status", "")
    if target not in DemandStatus.values:
        messages.error(request, _("Unknown status."))
        return redirect("jobs:my_demands")
    try:
        actions.demand_set_status(actor=request.user, demand=demand, status=target)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The demand's status is changed."))
    return redirect("jobs:my_demands")
