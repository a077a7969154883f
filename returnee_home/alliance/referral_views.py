"""Pages of referrals of service requests to alliance members: the Home's referral form, the
lists of referrals addressed to a member and made by a Home, one referral with the steps the
person may take, and its result document. Views parse input, call one action, render."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from returnee_home.alliance import referral_actions as actions
from returnee_home.alliance import referral_selectors as selectors
from returnee_home.alliance import workflow
from returnee_home.alliance.forms import ReferralFilterForm, ReferralForm, ReferralStepForm
from returnee_home.core.errors import ApplicationError, apply_to_form
from returnee_home.core.workdays import add_working_days
from returnee_home.orgs.views.scoping import workspace_view

PAGE_SIZE = 20
DEFAULT_WORKING_DAYS = 5


def _mark_overdue(referrals: Any) -> list[Any]:
    today = timezone.localdate()
    rows = list(referrals)
    for referral in rows:
        referral.overdue = referral.is_overdue(today)
    return rows


@workspace_view
def referrals(request: HttpRequest) -> HttpResponse:
    """Referrals addressed to the person's alliance members (`side=member`) or made by their
    Homes (`side=home`), overdue first, filtered by state."""
    is_member = selectors.is_member_person(request.user)
    is_home = bool(selectors.referring_home_ids(request.user))
    if not (is_member or is_home):
        raise PermissionDenied
    side = request.GET.get("side", "")
    if side not in ("member", "home"):
        side = "member" if is_member else "home"
    form = ReferralFilterForm(request.GET or None)
    state = form.cleaned_data["state"] if form.is_bound and form.is_valid() else ""
    if side == "member":
        queryset = selectors.referrals_to_member(request.user, state=state)
    else:
        queryset = selectors.referrals_by_homes(request.user, state=state)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    params = {"side": side, **({"state": state} if state else {})}
    context = {
        "form": form,
        "side": side,
        "page_obj": page,
        "referrals": _mark_overdue(page.object_list),
        "is_member": is_member,
        "is_home": is_home,
        "query_string": urlencode(params),
    }
    return render(request, "alliance/referrals.html", context)


@workspace_view
@require_http_methods(["GET", "POST"])
def referral_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    """One referral: the request, the Home's note, the answers and report; the steps the person
    may take now."""
    referral, kind = selectors.referral_for(request.user, referral_id)
    steps = workflow.allowed_steps(referral.state, kind)
    bound = request.POST.get("step", "") if request.method == "POST" else ""
    if request.method == "POST" and bound not in workflow.STEPS:
        raise Http404
    forms = {
        step: ReferralStepForm(
            request.POST if step == bound else None,
            request.FILES if step == bound else None,
            step=step,
            prefix=step,
        )
        for step in steps
    }
    if request.method == "POST":
        form = forms.get(bound)
        if form is None:
            messages.error(
                request,
                _("This step is not possible while the referral is “%(state)s”.")
                % {"state": referral.get_state_display()},
            )
            return redirect("alliance:referral_detail", referral_id=referral.pk)
        if form.is_valid():
            try:
                actions.referral_step(
                    actor=request.user,
                    referral=referral,
                    step_name=bound,
                    note=form.cleaned_data.get("note", ""),
                    document=form.cleaned_data.get("document"),
                )
            except ApplicationError as error:
                if error.status == 403:
                    raise PermissionDenied(str(error.message)) from error
                apply_to_form(form, error)
            else:
                messages.success(
                    request, _("Done: %(step)s.") % {"step": workflow.STEPS[bound].label}
                )
                return redirect("alliance:referral_detail", referral_id=referral.pk)
    context = {
        "referral": referral,
        "kind": kind,
        "forms": forms,
        "overdue": referral.is_overdue(timezone.localdate()),
        "record": referral.service_record,
    }
    return render(
        request,
        "alliance/referral_detail.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@workspace_view
@require_http_methods(["GET", "POST"])
def referral_create(request: HttpRequest, request_id: int) -> HttpResponse:
    """A Home's staff refer an open request at their Home to an alliance member."""
    from returnee_home.services import selectors as service_selectors

    case = service_selectors.request_for_staff(request.user, request_id)
    members = selectors.referral_targets(case.home)
    initial = {"deadline": add_working_days(timezone.localdate(), DEFAULT_WORKING_DAYS)}
    form = ReferralForm(request.POST or None, members=members, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.referral_create(actor=request.user, request=case, **form.cleaned_data)
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The request has been referred to the partner."))
            return redirect("services:staff_request", request_id=case.pk)
    context = {"case": case, "form": form, "members": members}
    return render(request, "alliance/referral_form.html", context)


@workspace_view
def referral_document(request: HttpRequest, referral_id: int) -> FileResponse:
    """The result document of a referral, for the member, the Home and the applicant."""
    referral = selectors.referral_with_document(request.user, referral_id)
    return FileResponse(
        referral.result_document.open("rb"),
        as_attachment=True,
        filename=referral.result_document_name or "result",
    )
