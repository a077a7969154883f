"""The state machine of an online request (办件), in one place.

    draft ──submit──▶ submitted ──accept──▶ accepted ──complete──▶ completed
                        │  ▲                  │    ▲
                        │  └──transfer        │    └── refuse ──▶ refused (from any open state)
                        │                 ask_more
                        │                     ▼
                        │                needs_more ──resubmit──▶ resubmitted ──accept/ask_more/…
    withdraw (applicant) from draft and every open state ──▶ withdrawn

Each step names the states it may start from, the state it leads to, who may take it
(the applicant, or the staff/manager of the request's current Home) and whether a message is
required. `check()` refuses everything else with an ApplicationError; actions call it first."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from returnee_home.core.errors import ApplicationError, PermissionDeniedError
from returnee_home.services.models import RequestState as S

APPLICANT = "applicant"
STAFF = "staff"


@dataclass(frozen=True)
class Step:
    name: str
    label: Any
    sources: tuple[str, ...]
    target: str | None  # None: the state does not change (transfer keeps it open at the new Home)
    actor: str
    message_required: bool = False


STEPS: dict[str, Step] = {
    step.name: step
    for step in (
        Step(
            "submit", pgettext_lazy("request step", "Submitted"), (S.DRAFT,), S.SUBMITTED, APPLICANT
        ),
        Step(
            "resubmit",
            pgettext_lazy("request step", "Supplemented"),
            (S.NEEDS_MORE,),
            S.RESUBMITTED,
            APPLICANT,
        ),
        Step(
            "withdraw",
            pgettext_lazy("request step", "Withdrawn"),
            (S.DRAFT, S.SUBMITTED, S.ACCEPTED, S.NEEDS_MORE, S.RESUBMITTED),
            S.WITHDRAWN,
            APPLICANT,
        ),
        Step(
            "accept",
            pgettext_lazy("request step", "Accepted"),
            (S.SUBMITTED, S.RESUBMITTED),
            S.ACCEPTED,
            STAFF,
        ),
        Step(
            "ask_more",
            pgettext_lazy("request step", "More material requested"),
            (S.SUBMITTED, S.ACCEPTED, S.RESUBMITTED),
            S.NEEDS_MORE,
            STAFF,
            message_required=True,
        ),
        Step(
            "complete",
            pgettext_lazy("request step", "Completed"),
            (S.ACCEPTED, S.RESUBMITTED),
            S.COMPLETED,
            STAFF,
            message_required=True,
        ),
        Step(
            "refuse",
            pgettext_lazy("request step", "Refused"),
            (S.SUBMITTED, S.ACCEPTED, S.NEEDS_MORE, S.RESUBMITTED),
            S.REFUSED,
            STAFF,
            message_required=True,
        ),
        Step(
            "transfer",
            pgettext_lazy("request step", "Transferred"),
            (S.SUBMITTED, S.ACCEPTED, S.RESUBMITTED),
            S.SUBMITTED,
            STAFF,
            message_required=True,
        ),
    )
}
STAFF_STEPS = tuple(name for name, step in STEPS.items() if step.actor == STAFF)
APPLICANT_STEPS = tuple(name for name, step in STEPS.items() if step.actor == APPLICANT)


def step_label(name: str) -> Any:
    step = STEPS.get(name)
    return step.label if step else name


def allowed_steps(state: str, actor_kind: str) -> list[str]:
    """The steps the given kind of actor may take from this state, in table order."""
    return [n for n, s in STEPS.items() if s.actor == actor_kind and state in s.sources]


def check(*, step_name: str, state: str, actor_kind: str | None, message: str = "") -> Step:
    """The step, if actor_kind may take it from state with this message; else raise."""
    step = STEPS.get(step_name)
    if step is None:
        raise ApplicationError("unknown_step", _("This step does not exist."))
    if actor_kind != step.actor:
        raise PermissionDeniedError(_("You may not take this step on this request."))
    if state not in step.sources:
        raise ApplicationError(
            "illegal_transition",
            _("This step is not possible while the request is “%(state)s”.")
            % {"state": S(state).label},
            status=409,
        )
    if step.message_required and not message.strip():
        text = _("Write a message: it is sent to the applicant and kept in the timeline.")
        raise ApplicationError("message_required", text, fields={"message": text})
    return step
