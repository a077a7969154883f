"""The event's status machine in one place: which moves exist, and what each requires.

draft → scheduled (publish later) or published; scheduled → published or back to draft;
published ⇄ registration closed; published or registration closed → held (once started);
held → archived; anything before held → cancelled."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from returnee_home.core.errors import ApplicationError
from returnee_home.events.models import EventStatus

S = EventStatus

# step name → (allowed from, to, label of the button)
STEPS: dict[str, tuple[tuple[str, ...], str, Any]] = {
    "publish": ((S.DRAFT, S.SCHEDULED), S.PUBLISHED, pgettext_lazy("event step", "Publish now")),
    "schedule": ((S.DRAFT,), S.SCHEDULED, pgettext_lazy("event step", "Schedule publication")),
    "unschedule": ((S.SCHEDULED,), S.DRAFT, pgettext_lazy("event step", "Back to draft")),
    "close_registration": (
        (S.PUBLISHED,),
        S.REGISTRATION_CLOSED,
        pgettext_lazy("event step", "Close registration"),
    ),
    "reopen_registration": (
        (S.REGISTRATION_CLOSED,),
        S.PUBLISHED,
        pgettext_lazy("event step", "Reopen registration"),
    ),
    "mark_held": (
        (S.PUBLISHED, S.REGISTRATION_CLOSED),
        S.HELD,
        pgettext_lazy("event step", "Mark as held"),
    ),
    "archive": ((S.HELD,), S.ARCHIVED, pgettext_lazy("event step", "Archive")),
    "cancel": (
        (S.DRAFT, S.SCHEDULED, S.PUBLISHED, S.REGISTRATION_CLOSED),
        S.CANCELLED,
        pgettext_lazy("event step", "Cancel the event"),
    ),
}


def allowed_steps(event: Any, now: Any = None) -> list[str]:
    """The steps that may be taken on the event now (the buttons the organiser sees)."""
    now = now or timezone.now()
    steps = []
    for name, (sources, _target, _label) in STEPS.items():
        if event.status not in sources:
            continue
        if name == "mark_held" and now < event.starts_at:
            continue
        if name == "reopen_registration" and now >= event.registration_deadline:
            continue
        steps.append(name)
    return steps


def check_step(event: Any, step: str, now: Any = None) -> str:
    """The status the step leads to; refuses an unknown step or one not allowed now."""
    if step not in STEPS:
        raise ApplicationError("invalid_step", _("Unknown step."))
    if step not in allowed_steps(event, now):
        if step == "mark_held" and event.status in STEPS[step][0]:
            raise ApplicationError(
                "not_started", _("An event can be marked as held only once it has started.")
            )
        raise ApplicationError(
            "invalid_transition",
            _("This step is not possible while the event is “%(status)s”.")
            % {"status": event.get_status_display()},
            status=409,
        )
    return STEPS[step][1]


def step_label(step: str) -> Any:
    return STEPS[step][2]


def shown_status(event: Any, now: Any = None) -> str:
    """The status the public sees: a scheduled event whose time has come counts as published
    even before the periodic task has switched it."""
    now = now or timezone.now()
    if event.status == S.SCHEDULED and event.publish_at and event.publish_at <= now:
        return S.PUBLISHED
    return event.status
