"""The organisers' pages: their events, the event form, one event's back office (status steps,
questions, registrations and approval, materials, feedback) and the phone-sized check-in desk."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from returnee_home.core.errors import ApplicationError, NotFoundError, apply_to_form
from returnee_home.events import actions, selectors, workflow
from returnee_home.events.forms import (
    CancelForm,
    CheckInForm,
    EventForm,
    MaterialForm,
    QuestionForm,
    ScheduleForm,
    WalkInForm,
)
from returnee_home.events.models import EventStatus, RegistrationStatus
from returnee_home.orgs.views.scoping import workspace_view


def _organiser(request: HttpRequest) -> None:
    if not selectors.can_organise(request.user):
        raise PermissionDenied(
            _("Only Home staff and city or province administrators organise events.")
        )


@workspace_view
def manage_list(request: HttpRequest) -> HttpResponse:
    _organiser(request)
    status = request.GET.get("status", "")
    rows = list(selectors.managed_events(request.user, status=status)[:300])
    return render(
        request,
        "events/manage_list.html",
        {"rows": rows, "status": status, "statuses": EventStatus.choices, "now": timezone.now()},
    )


def _save_event(request: HttpRequest, form: EventForm, event: Any = None) -> Any:
    cover = form.cleaned_data.get("cover") or None
    languages = list(form.cleaned_data["languages"])
    if event is None:
        return actions.event_create(
            actor=request.user, fields=form.event_fields(), languages=languages, cover=cover
        )
    return actions.event_update(
        actor=request.user,
        event=event,
        fields=form.event_fields(),
        languages=languages,
        cover=cover,
    )


@workspace_view
@require_http_methods(["GET", "POST"])
def event_new(request: HttpRequest) -> HttpResponse:
    _organiser(request)
    homes = selectors.organiser_homes(request.user)
    form = EventForm(
        request.POST or None,
        request.FILES or None,
        homes=homes,
        initial={"capacity": 50, "has_waiting_list": True},
    )
    if request.method == "POST" and form.is_valid():
        try:
            event = _save_event(request, form)
        except ApplicationError as error:
            if error.status == 403:
                raise
            apply_to_form(form, error)
        else:
            messages.success(
                request,
                _(
                    "The event was saved as a draft. Add questions if you need them, then publish it."
                ),
            )
            return redirect("events:manage", event.pk)
    return render(
        request,
        "events/event_form.html",
        {"form": form, "event": None},
        status=400 if request.method == "POST" else 200,
    )


@workspace_view
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.managed_event(request.user, event_id)
    homes = selectors.organiser_homes(request.user)
    form = EventForm(request.POST or None, request.FILES or None, instance=event, homes=homes)
    if request.method == "POST" and form.is_valid():
        try:
            _save_event(request, form, event)
        except ApplicationError as error:
            if error.status == 403:
                raise
            apply_to_form(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("events:manage", event.pk)
    return render(
        request,
        "events/event_form.html",
        {"form": form, "event": event},
        status=400 if request.method == "POST" else 200,
    )


def _manage_context(request: HttpRequest, event: Any, **forms: Any) -> dict[str, Any]:
    status = request.GET.get("registrations", "")
    steps = workflow.allowed_steps(event)
    return {
        "event": event,
        "steps": [(s, workflow.step_label(s)) for s in steps if s not in ("schedule", "cancel")],
        "can_schedule": "schedule" in steps,
        "can_cancel": "cancel" in steps,
        "counts": selectors.event_counts(event),
        "registrations": list(selectors.registrations_of_event(event, status=status)[:500]),
        "registration_filter": status,
        "registration_statuses": RegistrationStatus.choices,
        "questions": selectors.questions_of(event),
        "materials": list(event.materials.all()),
        "feedback": [
            r.feedback for r in selectors.registrations_of_event(event) if hasattr(r, "feedback")
        ],
        "schedule_form": forms.get("schedule_form") or ScheduleForm(),
        "cancel_form": forms.get("cancel_form") or CancelForm(),
        "question_form": forms.get("question_form") or QuestionForm(),
        "material_form": forms.get("material_form") or MaterialForm(),
        "editable": event.status
        not in (EventStatus.HELD, EventStatus.ARCHIVED, EventStatus.CANCELLED),
        "can_check_in": event.status
        in (EventStatus.PUBLISHED, EventStatus.REGISTRATION_CLOSED, EventStatus.HELD),
    }


@workspace_view
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, event_id: int) -> HttpResponse:
    """One event's back office; each form posts its `step`."""
    event = selectors.managed_event(request.user, event_id)
    if request.method == "GET":
        return render(request, "events/manage.html", _manage_context(request, event))
    step = request.POST.get("step", "")
    forms: dict[str, Any] = {}
    try:
        if step == "schedule":
            form = forms["schedule_form"] = ScheduleForm(request.POST)
            if form.is_valid():
                actions.event_step(
                    actor=request.user,
                    event=event,
                    step=step,
                    publish_at=form.cleaned_data["publish_at"],
                )
        elif step == "cancel":
            form = forms["cancel_form"] = CancelForm(request.POST)
            if form.is_valid():
                actions.event_step(
                    actor=request.user, event=event, step=step, reason=form.cleaned_data["reason"]
                )
        elif step == "question":
            form = forms["question_form"] = QuestionForm(request.POST)
            if form.is_valid():
                actions.question_add(actor=request.user, event=event, fields=form.cleaned_data)
        elif step == "delete_question":
            form = None
            actions.question_delete(
                actor=request.user, event=event, question_id=int(request.POST.get("question") or 0)
            )
        elif step == "material":
            form = forms["material_form"] = MaterialForm(request.POST, request.FILES)
            if form.is_valid():
                actions.material_add(actor=request.user, event=event, **form.cleaned_data)
        elif step in ("approve", "decline"):
            form = None
            registration = event.registrations.filter(
                pk=int(request.POST.get("registration") or 0)
            ).first()
            if registration is None:
                raise NotFoundError()
            actions.registration_decide(
                actor=request.user, registration=registration, approve=step == "approve"
            )
        else:
            form = None
            actions.event_step(actor=request.user, event=event, step=step)
    except ApplicationError as error:
        if error.status in (403, 404):
            raise
        if form is not None:
            apply_to_form(form, error)
        else:
            messages.error(request, str(error.message))
            return redirect("events:manage", event.pk)
    if form is not None and (not form.is_bound or form.errors):
        event = selectors.managed_event(request.user, event_id)
        return render(
            request, "events/manage.html", _manage_context(request, event, **forms), status=400
        )
    messages.success(request, _("Saved."))
    return redirect("events:manage", event.pk)


@workspace_view
@require_http_methods(["GET", "POST"])
def check_in(request: HttpRequest, event_id: int) -> HttpResponse:
    """The door: type or scan a code, or add a walk-in; the latest check-ins below."""
    event = selectors.managed_event(request.user, event_id)
    code_form = CheckInForm()
    walk_in_form = WalkInForm()
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("step") == "walk_in":
                walk_in_form = WalkInForm(request.POST)
                if walk_in_form.is_valid():
                    registration = actions.registration_walk_in(
                        actor=request.user, event=event, **walk_in_form.cleaned_data
                    )
                    messages.success(
                        request,
                        _("Walk-in %(name)s added and checked in.")
                        % {"name": registration.person_label},
                    )
                    return redirect("events:check_in", event.pk)
            else:
                code_form = CheckInForm(request.POST)
                if code_form.is_valid():
                    registration = actions.registration_check_in(
                        actor=request.user, event=event, code=code_form.cleaned_data["code"]
                    )
                    messages.success(
                        request,
                        _("Checked in: %(name)s (%(code)s).")
                        % {"name": registration.person_label, "code": registration.code},
                    )
                    return redirect("events:check_in", event.pk)
        except ApplicationError as error:
            if error.status == 403:
                raise
            target = walk_in_form if request.POST.get("step") == "walk_in" else code_form
            target.add_error(None, str(error.message))
        status = 400
    return render(
        request,
        "events/check_in.html",
        {
            "event": event,
            "code_form": code_form,
            "walk_in_form": walk_in_form,
            "counts": selectors.event_counts(event),
            "recent": selectors.recent_check_ins(event),
        },
        status=status,
    )


@workspace_view
@require_http_methods(["GET"])
def registrations_export(request: HttpRequest, event_id: int) -> HttpResponse:
    """The event's registrations as .xlsx (with the status filter of the page); recorded in
    the audit log, as it hands personal data out of the platform."""
    from returnee_home.core.audit import audit_record
    from returnee_home.events.exports import registrations_workbook

    event = selectors.managed_event(request.user, event_id)
    status = request.GET.get("registrations", "")
    registrations = list(selectors.registrations_of_event(event, status=status))
    body = registrations_workbook(event, registrations)
    audit_record(
        actor=request.user,
        action="events.registrations_export",
        obj=event,
        changes={"rows": [None, len(registrations)], "status": [None, status]},
    )
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    filename = f"event-{event.pk}-registrations-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
