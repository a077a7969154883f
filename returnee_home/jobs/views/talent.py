"""The talent's side: apply, follow and answer applications and invitations, manage projects;
and the project funnel pages shared by the owner, the interested organisation and staff;
saved searches."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from returnee_home.core.errors import ApplicationError, NotFoundError, apply_to_form
from returnee_home.jobs import actions, funnel, permissions, selectors
from returnee_home.jobs.forms import (
    ApplyForm,
    AttachmentForm,
    InterestForm,
    InterestMoveForm,
    MoveForm,
    ProjectForm,
    SaveSearchForm,
)
from returnee_home.jobs.models import ProjectStatus, SavedSearch, SearchKind
from returnee_home.jobs.saved import saved_search_create, search_url
from returnee_home.orgs.views.scoping import workspace_view
from returnee_home.talent.actions import profile_get_or_create_for


@workspace_view
def apply(request: HttpRequest, posting_id: int) -> HttpResponse:
    try:
        posting = selectors.posting_public(posting_id)
    except NotFoundError as exc:
        raise Http404 from exc
    form = ApplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = funnel.application_apply(
                actor=request.user, posting=posting, cover_note=form.cleaned_data["cover_note"]
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("Your application is sent."))
            return redirect("jobs:application", application.pk)
    return render(
        request,
        "jobs/talent/apply.html",
        {"posting": posting, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@workspace_view
def my_applications(request: HttpRequest) -> HttpResponse:
    rows = list(selectors.applications_of_talent(request.user).order_by("-updated_at")[:200])
    return render(request, "jobs/talent/applications.html", {"rows": rows})


@workspace_view
def application(request: HttpRequest, application_id: int) -> HttpResponse:
    """The talent's view of one application or invitation, with accept / decline / withdraw."""
    found = selectors.application_of_talent(request.user, application_id)
    form = MoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            funnel.application_move(
                actor=request.user,
                application=found,
                to_stage=data["to_stage"],
                note=data["note"],
                close_reason=data["close_reason"],
            )
        except ApplicationError as error:
            if error.status in (403, 404):
                raise
            apply_to_form(form, error)
        else:
            messages.success(request, _("Your answer is recorded."))
            return redirect("jobs:application", found.pk)
    return render(
        request,
        "jobs/talent/application.html",
        {
            "application": found,
            "moves": funnel.allowed_application_moves(request.user, found),
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


# --- Projects ----------------------------------------------------------------------------------


@workspace_view
def my_projects(request: HttpRequest) -> HttpResponse:
    rows = list(selectors.projects_of(request.user))
    return render(request, "jobs/talent/projects.html", {"rows": rows})


@workspace_view
def project_edit(request: HttpRequest, project_id: int | None = None) -> HttpResponse:
    project = selectors.project_to_manage(request.user, project_id) if project_id else None
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        owner = project.owner if project else profile_get_or_create_for(request.user)
        try:
            saved = actions.project_save(
                actor=request.user,
                owner=owner,
                project=project,
                data={**form.cleaned_data, "publish": "publish" in request.POST},
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The project is saved."))
            return redirect("jobs:project_manage", saved.pk)
    return render(
        request,
        "jobs/talent/project_form.html",
        {"form": form, "project": project},
        status=400 if request.method == "POST" else 200,
    )


@workspace_view
def project_manage(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.project_to_manage(request.user, project_id)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.attachment_add(
                actor=request.user,
                project=project,
                upload=form.cleaned_data["file"],
                caption=form.cleaned_data["caption"],
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The file is added."))
            return redirect("jobs:project_manage", project.pk)
    interests = list(
        selectors.interests_visible_to(request.user).filter(project=project).order_by("-id")
    )
    return render(
        request,
        "jobs/talent/project_manage.html",
        {"project": project, "form": form, "interests": interests},
        status=400 if request.method == "POST" else 200,
    )


@workspace_view
@require_POST
def project_status(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.project_to_manage(request.user, project_id)
    target = request.POST.get("status", "")
    if target not in ProjectStatus.values:
        raise Http404
    try:
        actions.project_set_status(actor=request.user, project=project, status=target)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The project's status is changed."))
    return redirect("jobs:project_manage", project.pk)


@workspace_view
@require_POST
def attachment_remove(request: HttpRequest, project_id: int, attachment_id: int) -> HttpResponse:
    project = selectors.project_to_manage(request.user, project_id)
    found = project.attachments.filter(pk=attachment_id).first()
    if found is None:
        raise Http404
    actions.attachment_remove(actor=request.user, attachment=found)
    messages.success(request, _("The file is removed."))
    return redirect("jobs:project_manage", project.pk)


@workspace_view
@require_POST
def project_interest(request: HttpRequest, project_id: int) -> HttpResponse:
    """Register an organisation's interest in a project (from its page or a roadshow)."""
    project = selectors.project_showcase(project_id, request.user)
    organisations = permissions.interest_organisations(request.user)
    if not organisations:
        raise Http404
    form = InterestForm(request.POST, organisations=organisations)
    if form.is_valid():
        data = form.cleaned_data
        event = None
        raw = request.POST.get("roadshow") or ""
        if raw.isdigit():
            event = project.pitches.filter(event_id=int(raw)).select_related("event").first()
            event = event.event if event else None
        try:
            interest = funnel.interest_register(
                actor=request.user,
                project=project,
                organisation=data["organisation"],
                interested_as=data["interested_as"],
                message=data["message"],
                source="roadshow" if event else "direct",
                roadshow=event,
            )
        except ApplicationError as error:
            if error.status in (403, 404):
                raise
            messages.error(request, str(error.message))
            if event is not None:
                return redirect("jobs:roadshow", event.pk)
        else:
            messages.success(request, _("Your interest is registered; the owner is told."))
            return redirect("jobs:interest", interest.pk)
    else:
        messages.error(request, _("Check the interest form."))
    return redirect("jobs:project", project.pk)


@workspace_view
def interest(request: HttpRequest, interest_id: int) -> HttpResponse:
    found = selectors.interest_for(request.user, interest_id)
    form = InterestMoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            funnel.interest_move(
                actor=request.user,
                interest=found,
                to_stage=data["to_stage"],
                note=data["note"],
                landed_city=data["landed_city"],
                landed_park=data["landed_park"],
            )
        except ApplicationError as error:
            if error.status in (403, 404):
                raise
            apply_to_form(form, error)
        else:
            messages.success(request, _("The project interest has moved on."))
            return redirect("jobs:interest", found.pk)
    return render(
        request,
        "jobs/talent/interest.html",
        {
            "interest": found,
            "moves": funnel.allowed_interest_moves(request.user, found),
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


@workspace_view
def my_interests(request: HttpRequest) -> HttpResponse:
    rows = list(selectors.interests_visible_to(request.user).order_by("-updated_at")[:200])
    return render(request, "jobs/talent/interests.html", {"rows": rows})


# --- Saved searches ----------------------------------------------------------------------------


@workspace_view
def saved_searches(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = SaveSearchForm(request.POST)
        kind = request.POST.get("kind", "")
        if form.is_valid() and kind in SearchKind.values:
            params = selectors.SearchFilters.from_mapping(request.POST).as_params()
            try:
                saved_search_create(
                    user=request.user,
                    kind=kind,
                    name=form.cleaned_data["name"],
                    params=params,
                    alert=form.cleaned_data["alert"],
                )
            except ApplicationError as error:
                messages.error(request, str(error.message))
            else:
                messages.success(request, _("The search is saved."))
        else:
            messages.error(request, _("Give the search a name."))
    rows = list(selectors.saved_searches_of(request.user))
    for row in rows:
        row.url = search_url(row)
    return render(request, "jobs/talent/saved_searches.html", {"rows": rows})


@workspace_view
@require_POST
def saved_search_delete(request: HttpRequest, search_id: int) -> HttpResponse:
    found: SavedSearch = selectors.saved_search_of(request.user, search_id)
    found.delete()
    messages.success(request, _("The saved search is deleted."))
    return redirect("jobs:saved_searches")
