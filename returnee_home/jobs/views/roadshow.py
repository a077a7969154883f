"""A roadshow's page: the projects pitching, with interest forms for employers, parks and
investors; the organiser's staff add and remove pitches."""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from returnee_home.core.errors import ApplicationError, NotFoundError
from returnee_home.jobs import permissions, roadshows
from returnee_home.jobs.forms import InterestForm
from returnee_home.jobs.models import RoadshowPitch, TalentProject
from returnee_home.orgs.views.scoping import workspace_view


class PitchForm(forms.Form):
    project_id = forms.IntegerField(label=gettext_lazy("project number"), min_value=1)


def roadshow(request: HttpRequest, event_id: int) -> HttpResponse:
    try:
        event = roadshows.roadshow(event_id)
    except NotFoundError as exc:
        raise Http404 from exc
    user = request.user if request.user.is_authenticated else None
    organisations = permissions.interest_organisations(user) if user else []
    return render(
        request,
        "jobs/roadshow.html",
        {
            "event": event,
            "pitches": list(roadshows.pitches(event, user)),
            "interest_form": InterestForm(organisations=organisations) if organisations else None,
            "may_organise": user is not None and roadshows.may_organise(user, event),
            "pitch_form": PitchForm(),
        },
    )


@workspace_view
@require_POST
def pitch_add(request: HttpRequest, event_id: int) -> HttpResponse:
    try:
        event = roadshows.roadshow(event_id)
    except NotFoundError as exc:
        raise Http404 from exc
    form = PitchForm(request.POST)
    project = None
    if form.is_valid():
        project = TalentProject.objects.filter(pk=form.cleaned_data["project_id"]).first()
    if project is None:
        messages.error(request, _("There is no project with this number."))
        return redirect("jobs:roadshow", event.pk)
    try:
        roadshows.pitch_add(actor=request.user, event=event, project=project)
    except ApplicationError as error:
        if error.status == 403:
            raise
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The project is on the programme."))
    return redirect("jobs:roadshow", event.pk)


@workspace_view
@require_POST
def pitch_remove(request: HttpRequest, event_id: int, pitch_id: int) -> HttpResponse:
    pitch = (
        RoadshowPitch.objects.select_related("event__home")
        .filter(pk=pitch_id, event_id=event_id)
        .first()
    )
    if pitch is None:
        raise Http404
    roadshows.pitch_remove(actor=request.user, pitch=pitch)
    messages.success(request, _("The project is taken off the programme."))
    return redirect("jobs:roadshow", event_id)
