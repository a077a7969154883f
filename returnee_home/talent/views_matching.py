"""Talent pages of issue 5: skills and wishes, visibility, the CV (private, served only
through a permission check), contact requests; staff verification of degrees and returnee
status; the anonymised talent search of verified employers."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from returnee_home.core.errors import ApplicationError, NotFoundError, apply_to_form
from returnee_home.orgs.views.scoping import workspace_view
from returnee_home.talent import actions, selectors
from returnee_home.talent.forms import (
    ContactRequestForm,
    CvForm,
    TalentSearchForm,
    VerifyForm,
    VisibilityForm,
    WishesForm,
)
from returnee_home.talent.models import VISIBILITY_SECTIONS, TalentProfile


def _own(request: HttpRequest) -> TalentProfile:
    profile = selectors.profile_of(request.user)
    if profile is None:
        actions.profile_get_or_create_for(request.user)
        profile = selectors.profile_of(request.user)
    assert profile is not None
    return profile


@workspace_view
@require_http_methods(["GET", "POST"])
def wishes(request: HttpRequest) -> HttpResponse:
    """Skills, honours and what the person wants (least salary, kinds of position, start)."""
    profile = _own(request)
    if request.method == "POST":
        form = WishesForm(request.POST)
        if form.is_valid():
            try:
                actions.profile_update_wishes(user=request.user, **form.cleaned_data)
            except ApplicationError as error:
                apply_to_form(form, error)
            else:
                messages.success(request, _("Your skills and wishes have been saved."))
                return redirect(reverse("talent:profile") + "#skills")
    else:
        form = WishesForm(
            initial={
                "skills": "\n".join(profile.skills or []),
                "honours": "\n".join(profile.honours or []),
                "desired_salary_min": profile.desired_salary_min,
                "desired_job_types": profile.desired_job_types,
                "available_from": profile.available_from,
            }
        )
    return render(
        request,
        "talent/wishes.html",
        {"form": form, "profile": profile, "page_title": _("Skills and wishes")},
    )


@workspace_view
@require_http_methods(["GET", "POST"])
def visibility(request: HttpRequest) -> HttpResponse:
    """Who sees each section: public showcase, verified employers, after I accept, hidden."""
    profile = _own(request)
    if request.method == "POST":
        form = VisibilityForm(request.POST)
        if form.is_valid():
            try:
                actions.profile_set_visibility(user=request.user, **form.cleaned_data)
            except ApplicationError as error:
                apply_to_form(form, error)
            else:
                messages.success(request, _("Your visibility settings have been saved."))
                return redirect(reverse("talent:profile") + "#visibility")
    else:
        form = VisibilityForm(initial={s: profile.visibility_of(s) for s in VISIBILITY_SECTIONS})
    return render(
        request,
        "talent/visibility.html",
        {"form": form, "profile": profile, "page_title": _("Who sees my profile")},
    )


@workspace_view
@require_http_methods(["GET", "POST"])
def cv_upload(request: HttpRequest) -> HttpResponse:
    profile = _own(request)
    if request.method == "POST":
        form = CvForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                actions.profile_cv_upload(user=request.user, upload=form.cleaned_data["cv"])
            except ApplicationError as error:
                apply_to_form(form, error)
            else:
                messages.success(request, _("Your CV has been uploaded."))
                return redirect(reverse("talent:profile") + "#cv")
        return render(request, "talent/cv.html", _cv_context(form, profile), status=400)
    return render(request, "talent/cv.html", _cv_context(CvForm(), profile))


def _cv_context(form: CvForm, profile: TalentProfile) -> dict[str, Any]:
    return {"form": form, "profile": profile, "page_title": _("My CV"), "multipart": True}


@workspace_view
@require_POST
def cv_remove(request: HttpRequest) -> HttpResponse:
    actions.profile_cv_remove(user=request.user)
    messages.success(request, _("Your CV has been deleted."))
    return redirect(reverse("talent:profile") + "#cv")


@workspace_view
def cv_download(request: HttpRequest, profile_id: int) -> FileResponse:
    """The CV file, for its owner, verification staff and employers the talent allows."""
    profile = TalentProfile.objects.filter(pk=profile_id).first()
    if profile is None or not selectors.can_read_cv(request.user, profile):
        raise Http404
    extension = profile.cv.name.rsplit(".", 1)[-1]
    response = FileResponse(
        profile.cv.open("rb"), as_attachment=True, filename=f"cv-{profile.pk}.{extension}"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@workspace_view
def contacts(request: HttpRequest) -> HttpResponse:
    """Requests for the person's contact details, to accept or decline."""
    return render(
        request,
        "talent/contacts.html",
        {"grants": list(selectors.contact_requests_of(request.user))},
    )


@workspace_view
@require_POST
def contact_answer(request: HttpRequest, grant_id: int) -> HttpResponse:
    accept = request.POST.get("answer") == "accept"
    actions.contact_answer(user=request.user, grant_id=grant_id, accept=accept)
    messages.success(
        request,
        _("Your contact details are now visible to this organisation.")
        if accept
        else _("This organisation cannot see your contact details."),
    )
    return redirect("talent:contacts")


# --- Staff verification -------------------------------------------------------------------


@workspace_view
def verify_queue(request: HttpRequest) -> HttpResponse:
    if not selectors.can_verify(request.user):
        raise PermissionDenied
    q = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.verification_queue(request.user, q=q), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "talent/verify_queue.html", {"page": page, "q": q})


@workspace_view
@require_http_methods(["GET", "POST"])
def verify_profile(request: HttpRequest, profile_id: int) -> HttpResponse:
    profile = selectors.profile_for_staff(request.user, profile_id)
    if request.method == "POST":
        form = VerifyForm(request.POST)
        form.is_valid()
        verified = bool(form.cleaned_data.get("verified"))
        note = form.cleaned_data.get("note", "")
        target = request.POST.get("target", "")
        if target == "returnee":
            actions.returnee_status_verify(
                actor=request.user, profile_id=profile.pk, verified=verified, note=note
            )
        elif target.startswith("education-") and target[10:].isdigit():
            education_id = int(target[10:])
            if not any(e.pk == education_id for e in profile.educations.all()):
                raise NotFoundError()
            actions.education_verify(
                actor=request.user, education_id=education_id, verified=verified, note=note
            )
        else:
            raise Http404
        messages.success(request, _("The verification has been recorded."))
        return redirect("talent:verify_profile", profile_id=profile.pk)
    return render(request, "talent/verify_profile.html", {"profile": profile, "form": VerifyForm()})


# --- Employers: anonymised search ---------------------------------------------------------


@workspace_view
def search(request: HttpRequest) -> HttpResponse:
    """Anonymised profiles for verified employers: no name, no contact; filters."""
    organisations = selectors.employer_organisations(request.user)
    if not organisations:
        raise PermissionDenied
    form = TalentSearchForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v not in (None, "", False)}
    page = Paginator(selectors.anonymised_search(**filters), 20).get_page(request.GET.get("page"))
    grants = selectors.grants_for_organisations(
        [o.pk for o in organisations], [p.pk for p in page.object_list]
    )
    cards = []
    for profile in page.object_list:
        grant = grants.get(profile.pk)
        accepted = grant is not None and grant.status == "accepted"
        cards.append(
            {
                "profile": profile,
                "sections": selectors.visible_sections(
                    profile, employer_verified=True, accepted=accepted
                ),
                "grant": grant,
            }
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "talent/search.html",
        {"form": form, "page": page, "cards": cards, "query": query.urlencode()},
    )


@workspace_view
def employer_profile(request: HttpRequest, profile_id: int) -> HttpResponse:
    """One profile as a verified employer sees it; contact details only once accepted."""
    profile, sections, grant = selectors.profile_for_employer(request.user, profile_id)
    pending = selectors.grants_for_organisations(
        [o.pk for o in selectors.employer_organisations(request.user)], [profile.pk]
    ).get(profile.pk)
    return render(
        request,
        "talent/employer_profile.html",
        {
            "profile": profile,
            "sections": sections,
            "grant": grant,
            "request_state": pending,
            "form": ContactRequestForm(),
            "can_read_cv": "cv" in sections and bool(profile.cv),
        },
    )


@workspace_view
@require_POST
def contact_request(request: HttpRequest, profile_id: int) -> HttpResponse:
    organisations = selectors.employer_organisations(request.user)
    if not organisations:
        raise PermissionDenied
    form = ContactRequestForm(request.POST)
    if form.is_valid():
        try:
            actions.contact_request(
                user=request.user,
                organisation=organisations[0],
                profile_id=profile_id,
                message=form.cleaned_data["message"],
            )
        except ApplicationError as error:
            if error.status in (403, 404):
                raise
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Your request has been sent to the talent."))
    return redirect("talent:employer_profile", profile_id=profile_id)
