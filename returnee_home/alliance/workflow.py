"""The state machine of a referral of a service request to an alliance member, in one place.

    (refer, by the Home) ──▶ sent ──accept──▶ accepted ──report_done──▶ done
                              │                  │
                              │ decline          └──report_unable──▶ unable
                              ▼
                          declined
    cancel (by the Home) from sent and accepted ──▶ cancelled

Each step names the states it may start from, the state it leads to, who may take it (the
staff or manager of the referring Home, or the people of the member organisation) and whether
a note is required. `check()` refuses everything else with an ApplicationError; the actions in
`referral_actions` call it first, on a locked row."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from returnee_home.alliance.models import Referral
from returnee_home.core.errors import ApplicationError, PermissionDeniedError

R = Referral.State

HOME = "home"  # staff or manager of the referring Home
MEMBER = "member"  # a person of the member organisation


@dataclass(frozen=True)
class Step:
    name: str
    label: Any
    sources: tuple[str, ...]
    target: str
    actor: str
    note_required: bool = False


STEPS: dict[str, Step] = {
    step.name: step
    for step in (
        Step("accept", pgettext_lazy("referral step", "Accept"), (R.SENT,), R.ACCEPTED, MEMBER),
        Step(
            "decline",
            pgettext_lazy("referral step", "Decline"),
            (R.SENT,),
            R.DECLINED,
            MEMBER,
            note_required=True,
        ),
        Step(
            "report_done",
            pgettext_lazy("referral step", "Report the service provided"),
            (R.ACCEPTED,),
            R.DONE,
            MEMBER,
            note_required=True,
        ),
        Step(
            "report_unable",
            pgettext_lazy("referral step", "Report that it could not be provided"),
            (R.ACCEPTED,),
            R.UNABLE,
            MEMBER,
            note_required=True,
        ),
        Step(
            "cancel",
            pgettext_lazy("referral step", "Cancel the referral"),
            (R.SENT, R.ACCEPTED),
            R.CANCELLED,
            HOME,
            note_required=True,
        ),
    )
}
MEMBER_STEPS = tuple(name for name, step in STEPS.items() if step.actor == MEMBER)
HOME_STEPS = tuple(name for name, step in STEPS.items() if step.actor == HOME)


def allowed_steps(state: str, actor_kind: str | None) -> list[str]:
    """The steps the given kind of actor may take from this state, in table order."""
    return [n for n, s in STEPS.items() if s.actor == actor_kind and state in s.sources]


def check(*, step_name: str, state: str, actor_kind: str | None, note: str = "") -> Step:
    """The step, if `actor_kind` may take it from `state` with this note; else raise: an
    unknown step (400), a wrong actor (403), a wrong state (409), a missing note (400)."""
    step = STEPS.get(step_name)
    if step is None:
        raise ApplicationError("unknown_step", _("This step does not exist."))
    if actor_kind != step.actor:
        raise PermissionDeniedError(_("You may not take this step on this referral."))
    if state not in step.sources:
        raise ApplicationError(
            "illegal_transition",
            _("This step is not possible while the referral is “%(state)s”.")
            % {"state": R(state).label},
            status=409,
        )
    if step.note_required and not note.strip():
        text = _("Write a note: the other side reads it and it is kept with the referral.")
        raise ApplicationError("note_required", text, fields={"note": text})
    return step
