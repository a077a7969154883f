"""The naming workflow as one table: every step an application can take, from which states, to
which state, by which role, whether a reason is required, and what the step records.

`transition_apply` is the only code that changes `Application.state`. It checks the actor's
role and scope, moves the application with a conditional update (so that two reviewers acting
at once cannot both succeed), writes an `ApplicationEvent` and an audit record. Actions in
`actions.py` call it after recording what the step needs (a site visit, scores, a summary)."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from returnee_home.core.audit import audit_record
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.naming.models import Application, ApplicationEvent
from returnee_home.orgs import selectors as org_selectors
from returnee_home.orgs.models import Role

S = Application.State

CARRIER = "carrier"  # the manager of the application's carrier
CITY = "city"  # a city admin of the application's city (or its prefecture)
PROVINCE = "province"  # a province admin


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    actor: str
    label: Any
    needs_reason: bool = False
    records: Any = ""


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition(
            "submit",
            (S.DRAFT, S.RETURNED),
            S.SUBMITTED,
            CARRIER,
            _("Submit to the city bureau"),
            records=_("the conditions as evaluated at submission; the form is locked"),
        ),
        Transition(
            "city_accept",
            (S.SUBMITTED,),
            S.CITY_ACCEPTED,
            CITY,
            _("Accept for preliminary review"),
        ),
        Transition(
            "city_return",
            (S.SUBMITTED, S.CITY_ACCEPTED, S.RETURNED_TO_CITY),
            S.RETURNED,
            CITY,
            _("Return to the carrier"),
            needs_reason=True,
            records=_("the reasons; the form is editable again"),
        ),
        Transition(
            "city_recommend",
            (S.CITY_ACCEPTED, S.RETURNED_TO_CITY),
            S.CITY_RECOMMENDED,
            CITY,
            _("Recommend to the province"),
            records=_("requires a recorded site visit"),
        ),
        Transition(
            "city_not_recommend",
            (S.CITY_ACCEPTED, S.RETURNED_TO_CITY),
            S.NOT_RECOMMENDED,
            CITY,
            _("Do not recommend"),
            needs_reason=True,
        ),
        Transition(
            "report",
            (S.CITY_RECOMMENDED,),
            S.REPORTED,
            CITY,
            _("Report in the city's summary form"),
            records=_("the frozen summary form"),
        ),
        Transition(
            "material_pass",
            (S.REPORTED,),
            S.MATERIAL_PASSED,
            PROVINCE,
            _("Pass the material review"),
        ),
        Transition(
            "material_return",
            (S.REPORTED,),
            S.RETURNED_TO_CITY,
            PROVINCE,
            _("Return to the city"),
            needs_reason=True,
        ),
        Transition(
            "reject",
            (S.REPORTED, S.MATERIAL_PASSED, S.EVALUATED, S.INSPECTED),
            S.REJECTED,
            PROVINCE,
            _("Reject"),
            needs_reason=True,
        ),
        Transition(
            "experts_assign",
            (S.MATERIAL_PASSED,),
            S.EXPERT_REVIEW,
            PROVINCE,
            _("Assign experts"),
            records=_("at least two experts, none from the carrier"),
        ),
        Transition(
            "evaluation_close",
            (S.EXPERT_REVIEW,),
            S.EVALUATED,
            PROVINCE,
            _("Close the expert evaluation"),
            records=_("mean, spread, outliers and rank; every expert must have scored"),
        ),
        Transition(
            "inspect",
            (S.EVALUATED,),
            S.INSPECTED,
            PROVINCE,
            _("Record the site inspection"),
            records=_("findings per condition"),
        ),
        Transition(
            "notice_publish",
            (S.INSPECTED,),
            S.IN_NOTICE,
            PROVINCE,
            _("Publish in the public notice"),
            records=_("the notice period in working days"),
        ),
        Transition(
            "remove",
            (S.IN_NOTICE,),
            S.REMOVED,
            PROVINCE,
            _("Remove after an upheld objection"),
            needs_reason=True,
        ),
        Transition(
            "name",
            (S.IN_NOTICE,),
            S.NAMED,
            PROVINCE,
            _("Name the Home"),
            records=_("plaque number, batch and date; the Home becomes public"),
        ),
    )
}

# Days a state may wait for its next step before the workbench highlights it as overdue.
OVERDUE_AFTER_DAYS: dict[str, int] = {
    S.SUBMITTED: 10,
    S.CITY_ACCEPTED: 20,
    S.CITY_RECOMMENDED: 10,
    S.RETURNED_TO_CITY: 10,
    S.REPORTED: 15,
    S.MATERIAL_PASSED: 10,
    S.EXPERT_REVIEW: 15,
    S.EVALUATED: 20,
}

# Who acts next in each state (for the workbenches).
WAITING_ON: dict[str, str] = {
    S.DRAFT: CARRIER,
    S.RETURNED: CARRIER,
    S.SUBMITTED: CITY,
    S.CITY_ACCEPTED: CITY,
    S.CITY_RECOMMENDED: CITY,
    S.RETURNED_TO_CITY: CITY,
    S.REPORTED: PROVINCE,
    S.MATERIAL_PASSED: PROVINCE,
    S.EXPERT_REVIEW: PROVINCE,
    S.EVALUATED: PROVINCE,
    S.INSPECTED: PROVINCE,
    S.IN_NOTICE: PROVINCE,
}

EDITABLE_STATES = (S.DRAFT, S.RETURNED)


def is_overdue(application: Application, now: Any = None) -> bool:
    days = OVERDUE_AFTER_DAYS.get(application.state)
    if days is None or application.state_changed_at is None:
        return False
    return (now or timezone.now()) - application.state_changed_at > timedelta(days=days)


def actor_kind_allowed(user: Any, application: Application, actor: str) -> bool:
    """Whether `user` acts as `actor` for this application (role and scope)."""
    if actor == CARRIER:
        return application.carrier_id in org_selectors.member_organisation_ids(
            user, (Role.HOME_MANAGER,)
        )
    if actor == CITY:
        prefecture = application.city.parent_id or application.city_id
        return prefecture in org_selectors.admin_city_ids(user)
    if actor == PROVINCE:
        return org_selectors.is_province_admin(user)
    return False


def available(user: Any, application: Application) -> list[Transition]:
    """The steps the person may take now (for buttons; the action still checks)."""
    return [
        t
        for t in TRANSITIONS.values()
        if application.state in t.sources and actor_kind_allowed(user, application, t.actor)
    ]


def check(user: Any, application: Application, name: str, reason: str = "") -> Transition:
    """Refuse the step unless it exists, the actor may take it and the state allows it."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise NotFoundError()
    if not actor_kind_allowed(user, application, transition.actor):
        raise PermissionDeniedError(
            _("Only %(role)s may take the step “%(step)s”.")
            % {"role": ACTOR_LABELS[transition.actor], "step": transition.label}
        )
    if application.state not in transition.sources:
        raise ApplicationError(
            "wrong_state",
            _("The step “%(step)s” is not possible while the application is “%(state)s”.")
            % {"step": transition.label, "state": application.get_state_display()},
            status=409,
        )
    if transition.needs_reason and not reason.strip():
        message = _("Give the reasons for this step.")
        raise ApplicationError("reason_required", message, fields={"reason": message})
    return transition


ACTOR_LABELS = {
    CARRIER: _("the carrier's manager"),
    CITY: _("the city bureau's admin"),
    PROVINCE: _("a province admin"),
}


def transition_apply(
    *, actor: Any, application: Application, name: str, reason: str = "", note: str = ""
) -> Application:
    """Move the application by the step `name`. Call inside the action's transaction.

    Refuses a wrong role or scope (403), a wrong state (409), a missing reason, and a state
    that changed under the caller's feet (409: someone else acted first)."""
    transition = check(actor, application, name, reason)
    now = timezone.now()
    before = application.state
    updates: dict[str, Any] = {"state": transition.target, "state_changed_at": now}
    if name == "submit":
        updates["submitted_at"] = now
    changed = Application.objects.filter(pk=application.pk, state=before).update(
        **updates, updated_at=now
    )
    if changed != 1:
        raise ApplicationError(
            "concurrent_change",
            _("Someone else has just acted on this application. Reload the page."),
            status=409,
        )
    for key, value in updates.items():
        setattr(application, key, value)
    ApplicationEvent.objects.create(
        application=application,
        actor=actor if getattr(actor, "pk", None) else None,
        transition=name,
        from_state=before,
        to_state=transition.target,
        reason=reason.strip(),
    )
    audit_record(
        actor=actor,
        action=f"naming.{name}",
        obj=application,
        changes={"state": [before, transition.target]},
        note=(reason.strip() or note)[:1000],
        city_code=application.city.code,
        organisation_id=application.carrier_id,
    )
    return application
