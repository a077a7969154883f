"""A signed-in person's pages: register for an event, their registrations, the ticket with its
QR code, cancelling or leaving the waiting list, taking an offered place, materials, feedback."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from returnee_home.core.errors import ApplicationError, NotFoundError, apply_to_form
from returnee_home.events import actions, feeds, selectors
from returnee_home.events.forms import FeedbackForm, RegistrationForm
from returnee_home.events.models import RegistrationStatus
from returnee_home.events.views.public import _detail_context
from returnee_home.orgs.views.scoping import workspace_view

R = RegistrationStatus
RESULT_MESSAGES = {
    R.CONFIRMED: gettext_lazy("You are registered. Your check-in code and QR code are below."),
    R.PENDING: gettext_lazy("Your registration was received; the organiser will confirm it."),
    R.WAITLISTED: gettext_lazy(
        "The event is full: you are on the waiting list. We will tell you if a place becomes free."
    ),
}


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, event_id: int) -> HttpResponse:
    """The registration form (the event's questions); signed-in people only."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        event = selectors.public_event(event_id)
    except NotFoundError:
        from django.http import Http404

        raise Http404 from None
    questions = list(event.questions.all())
    form = RegistrationForm(request.POST or None, questions=questions)
    register_error = ""
    if request.method == "POST":
        if form.is_valid():
            try:
                registration = actions.registration_create(
                    person=request.user, event=event, answers=form.answers()
                )
            except ApplicationError as error:
                apply_to_form(form, error)
                register_error = str(error.message)
            else:
                messages.success(request, str(RESULT_MESSAGES[registration.status]))
                return redirect("events:ticket", registration.pk)
        context = _detail_context(request, event)
        context["form"] = form
        context["register_error"] = register_error or _("Please check your answers.")
        return render(request, "events/detail.html", context, status=400)
    return redirect("events:detail", event.pk)


@workspace_view
def mine(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    rows = list(selectors.registrations_of(request.user)[:200])
    upcoming = [r for r in rows if r.event.ends_at >= now]
    past = [r for r in rows if r.event.ends_at < now]
    upcoming.reverse()
    return render(request, "events/mine.html", {"upcoming": upcoming, "past": past})


@workspace_view
def ticket(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = selectors.registration_of(request.user, registration_id)
    event = registration.event
    now = timezone.now()
    materials = list(event.materials.all()) if selectors.may_see_materials(registration) else []
    feedback = (
        getattr(registration, "feedback", None) if hasattr(registration, "feedback") else None
    )
    can_rate = (
        registration.checked_in_at is not None and feedback is None and now >= event.starts_at
    )
    return render(
        request,
        "events/ticket.html",
        {
            "registration": registration,
            "event": event,
            "qr": feeds.qr_svg(registration.qr_payload)
            if registration.status == R.CONFIRMED
            else "",
            "materials": materials,
            "feedback": feedback,
            "feedback_form": FeedbackForm() if can_rate else None,
            "show_online_link": registration.status == R.CONFIRMED and bool(event.online_url),
            "is_past": event.ends_at < now,
            "answers": answers_shown(event, registration),
        },
    )


def answers_shown(event: Any, registration: Any) -> list[tuple[str, str]]:
    """(question, answer) in the question order; yes/no answers in words."""
    words = {"yes": _("Yes"), "no": _("No")}
    shown = []
    for question in event.questions.all():
        value = registration.answers.get(str(question.pk))
        if value:
            if question.kind == question.Kind.YES_NO:
                value = words.get(value, value)
            elif question.kind == question.Kind.CHOICE:
                value = dict(question.choice_list()).get(value, value)
            shown.append((question.label, value))
    return shown


@workspace_view
def ticket_qr(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = selectors.registration_of(request.user, registration_id)
    if registration.status != R.CONFIRMED:
        raise NotFoundError()
    response = HttpResponse(feeds.qr_png(registration.qr_payload), content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="ticket-{registration.code}.png"'
    response["Cache-Control"] = "private, no-store"
    return response


def _act(request: HttpRequest, registration_id: int, run: Any, done: str) -> HttpResponse:
    registration = selectors.registration_of(request.user, registration_id)
    try:
        run(person=request.user, registration=registration)
    except ApplicationError as error:
        if error.status == 404:
            raise
        messages.error(request, str(error.message))
    else:
        messages.success(request, done)
    return redirect("events:ticket", registration.pk)


@workspace_view
@require_POST
def cancel(request: HttpRequest, registration_id: int) -> HttpResponse:
    return _act(
        request,
        registration_id,
        actions.registration_cancel,
        _("Your registration has been cancelled."),
    )


@workspace_view
@require_POST
def accept_offer(request: HttpRequest, registration_id: int) -> HttpResponse:
    return _act(
        request, registration_id, actions.registration_accept_offer, _("The place is yours.")
    )


@workspace_view
@require_POST
def feedback(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = selectors.registration_of(request.user, registration_id)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            actions.feedback_submit(
                person=request.user,
                registration=registration,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )
        except ApplicationError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Thank you for your feedback."))
    else:
        messages.error(request, _("Choose a rating from 1 to 5."))
    return redirect("events:ticket", registration.pk)


@workspace_view
def material_file(request: HttpRequest, material_id: int) -> HttpResponse:
    material = selectors.material_for(request.user, material_id)
    if not material.file:
        raise NotFoundError()
    response = FileResponse(
        material.file.open("rb"),
        as_attachment=True,
        filename=material.original_name or material.file.name.rsplit("/", 1)[-1],
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
