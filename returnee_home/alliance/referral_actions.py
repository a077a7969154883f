"""Writes of referrals of service requests to alliance members (seed §5(3)).

A Home's staff refer an open request to a member serving the Home; the member's people accept
or decline and report back; the Home may cancel. Each step is one transaction on a locked row,
checked by `alliance.workflow`, written to the request's timeline (so the applicant follows it),
audited, and notified after commit. When the member reports the service provided, the request's
service record is written (one person-time, online) and the applicant is invited to rate it."""

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from returnee_home.alliance import referral_selectors as selectors
from returnee_home.alliance import workflow
from returnee_home.alliance.actions import _notify
from returnee_home.alliance.models import AllianceMembership, Offering, Referral
from returnee_home.core.audit import audit_record, diff, snapshot
from returnee_home.core.errors import ApplicationError, NotFoundError
from returnee_home.orgs.uploads import check_document

R = Referral.State
REFERRAL_FIELDS = ["member", "offering", "deadline", "note", "state"]
# Request states in which nobody should be served any more.
CLOSED_WITHOUT_SERVICE = ("refused", "withdrawn")
# Request states in which the Home is handling the request (not waiting on the applicant).
REFERABLE_STATES = ("submitted", "accepted", "resubmitted")


def _language(user: Any) -> str:
    return getattr(user, "preferred_language", "") or "zh-hans"


def _timeline(referral: Referral, *, actor: Any, action: str, message: str) -> None:
    """Write the step on the request's timeline (the applicant's and the staff's), without
    changing the request's state."""
    from returnee_home.services.models import RequestEvent

    request = referral.request
    RequestEvent.objects.create(
        request=request,
        actor=actor,
        action=action,
        from_state=request.state,
        to_state=request.state,
        message=message,
    )


def _member_name(referral: Referral) -> str:
    return referral.member.organisation.name


def _applicant_message(referral: Referral, step: str) -> str:
    """What the applicant reads on their timeline, in their language."""
    request = referral.request
    with translation.override(_language(request.applicant)):
        partner = _member_name(referral)
        if step == "create":
            return _("Referred to the alliance partner %(partner)s, to be served by %(date)s.") % {
                "partner": partner,
                "date": referral.deadline.isoformat(),
            }
        if step == "accept":
            return _("%(partner)s has accepted the referral.") % {"partner": partner}
        if step == "decline":
            return _(
                "%(partner)s cannot take the referral; your Home will arrange the service."
            ) % {"partner": partner}
        if step == "report_done":
            return _("%(partner)s reports the service provided: %(result)s") % {
                "partner": partner,
                "result": referral.result_note,
            }
        if step == "report_unable":
            return _("%(partner)s could not provide the service: %(result)s") % {
                "partner": partner,
                "result": referral.result_note,
            }
        return _("Your Home has cancelled the referral to %(partner)s.") % {"partner": partner}


def _referral_url(referral: Referral) -> str:
    return reverse("alliance:referral_detail", kwargs={"referral_id": referral.pk})


def _notify_applicant(referral: Referral, step: str) -> None:
    request = referral.request
    titles = {
        "create": gettext_lazy("Your request %(case)s has been referred to an alliance partner"),
        "report_done": gettext_lazy("The alliance partner has served your request %(case)s"),
        "report_unable": gettext_lazy("The alliance partner could not serve your request %(case)s"),
        "cancel": gettext_lazy("The referral of your request %(case)s was cancelled"),
    }
    if step not in titles:
        return
    _notify(
        request.applicant,
        kind="alliance.referral",
        title=titles[step],
        params={"case": request.case_number},
        body=_applicant_message(referral, step),
        url=reverse("services:my_request", kwargs={"request_id": request.pk}),
    )


def _notify_member(referral: Referral, step: str) -> None:
    titles = {
        "create": gettext_lazy("New referral from %(home)s: please answer by %(date)s"),
        "cancel": gettext_lazy("%(home)s has cancelled a referral"),
    }
    for user in selectors.member_people(referral.member):
        _notify(
            user,
            kind="alliance.referral_member",
            title=titles[step],
            params={"home": referral.home.name, "date": referral.deadline.isoformat()},
            body=referral.note if step == "create" else referral.cancel_reason,
            url=_referral_url(referral),
        )


def _notify_home(referral: Referral, step: str) -> None:
    titles = {
        "accept": gettext_lazy("%(partner)s has accepted the referral of %(case)s"),
        "decline": gettext_lazy("%(partner)s has declined the referral of %(case)s"),
        "report_done": gettext_lazy("%(partner)s reports %(case)s served"),
        "report_unable": gettext_lazy("%(partner)s could not serve %(case)s"),
    }
    body = referral.answer if step in ("accept", "decline") else referral.result_note
    for user in selectors.home_people(referral.home):
        _notify(
            user,
            kind="alliance.referral_home",
            title=titles[step],
            params={"partner": _member_name(referral), "case": referral.request.case_number},
            body=body,
            url=_referral_url(referral),
        )


def _audit(referral: Referral, *, actor: Any, step: str, before: dict, note: str = "") -> None:
    audit_record(
        actor=actor,
        action=f"alliance.referral_{step}",
        obj=referral,
        changes=diff(before, snapshot(referral, REFERRAL_FIELDS)),
        note=note[:2000],
        city_code=referral.home.city.code,
        organisation_id=referral.member.organisation_id,
    )


# --- Referring ------------------------------------------------------------------------------


def _check_target(
    *,
    member: AllianceMembership,
    offering: Offering | None,
    home: Any,
    deadline: dt.date | None,
    note: str,
) -> None:
    if not selectors.serves_home(member, home):
        text = gettext_lazy("Choose an approved alliance member that serves this Home.")
        raise ApplicationError("member_invalid", text, fields={"member": text})
    if offering is not None and (
        offering.member_id != member.pk
        or offering.pk
        not in {o.pk for o in selectors.alliance_selectors.offerings_for_home(home, limit=500)}
    ):
        text = gettext_lazy("Choose one of this member's current offerings for this Home.")
        raise ApplicationError("offering_invalid", text, fields={"offering": text})
    if deadline is None or deadline < timezone.localdate():
        text = gettext_lazy("The deadline must be today or later.")
        raise ApplicationError("deadline_invalid", text, fields={"deadline": text})
    if not note.strip():
        text = gettext_lazy("Tell the partner what the person needs.")
        raise ApplicationError("note_required", text, fields={"note": text})


@transaction.atomic
def referral_create(
    *,
    actor: Any,
    request: Any,
    member: AllianceMembership,
    deadline: dt.date | None,
    note: str,
    offering: Offering | None = None,
) -> Referral:
    """A Home's staff refer an open request at their Home to an alliance member serving it.

    Refuses someone who is not staff of the request's Home (404), a request closed, waiting
    for the applicant's material, or already referred and not yet answered (409), a member that is not approved or does not
    serve the Home, an offering not the member's or not serving the Home, a past deadline and
    an empty note."""
    from returnee_home.services import selectors as service_selectors
    from returnee_home.services.models import ServiceRequest

    locked = (
        ServiceRequest.objects.select_for_update()
        .select_related("home", "home__city", "item", "applicant")
        .filter(pk=request.pk)
        .first()
    )
    if locked is None or not service_selectors.is_staff_of(actor, locked.home_id):
        raise NotFoundError()
    if locked.state == "draft":
        raise NotFoundError()
    if locked.state not in REFERABLE_STATES:
        raise ApplicationError(
            "request_closed",
            gettext_lazy(
                "Only a request the Home is handling can be referred (not one closed or "
                "waiting for the applicant's material)."
            ),
            status=409,
        )
    _check_target(member=member, offering=offering, home=locked.home, deadline=deadline, note=note)
    try:
        with transaction.atomic():
            referral = Referral.objects.create(
                request=locked,
                home=locked.home,
                member=member,
                offering=offering,
                deadline=deadline,
                note=note.strip(),
                referred_by=actor,
                state_changed_at=timezone.now(),
            )
    except IntegrityError as exc:
        raise ApplicationError(
            "already_referred",
            gettext_lazy(
                "This request is already referred to a partner who has not answered it yet."
            ),
            status=409,
        ) from exc
    _timeline(
        referral, actor=actor, action="referral", message=_applicant_message(referral, "create")
    )
    _audit(referral, actor=actor, step="create", before={}, note=note)
    _notify_member(referral, "create")
    _notify_applicant(referral, "create")
    return referral


# --- Answering and reporting ------------------------------------------------------------------


def _record_service(referral: Referral, actor: Any) -> Any:
    """The request's one service record (one person-time, online), with the invitation to
    rate. Keyed on the request, so the Home's own completion of the request finds this record
    and counts nothing twice (and the other way round)."""
    from returnee_home.records.actions import service_record_create
    from returnee_home.records.models import Channel

    request = referral.request
    return service_record_create(
        person=request.applicant,
        home=referral.home,
        item=request.item,
        channel=Channel.ONLINE,
        served_on=timezone.localdate(),
        source=request,
        actor=actor,
    )


@transaction.atomic
def referral_step(
    *,
    actor: Any,
    referral: Referral,
    step_name: str,
    note: str = "",
    document: Any = None,
    organisation: Any = None,
) -> Referral:
    """Take one step of the referral workflow (see `alliance.workflow`): the member's accept,
    decline, report_done or report_unable, or the Home's cancel. A partner system acting
    through its API token passes its `organisation` (and no actor): it acts as the member when
    the referral is addressed to that organisation.

    Refuses someone who is neither the member's people nor the referring Home's staff (404), a
    step of the other side (403), a step the state does not allow (409), a missing note, a
    member no longer approved accepting, a request withdrawn or refused (409) and a document
    that is not a PDF, JPEG or PNG."""
    locked = (
        Referral.objects.select_for_update(of=("self",))
        .select_related(
            "request",
            "request__applicant",
            "request__item",
            "home",
            "home__city",
            "member",
            "member__organisation",
        )
        .filter(pk=referral.pk)
        .first()
    )
    kind = None
    if locked is not None and organisation is not None:
        kind = workflow.MEMBER if locked.member.organisation_id == organisation.pk else None
    elif locked is not None:
        kind = selectors.actor_kind(actor, locked)
    if locked is None or kind is None:
        raise NotFoundError()
    step = workflow.check(step_name=step_name, state=locked.state, actor_kind=kind, note=note)
    if kind == workflow.MEMBER and locked.request.state in CLOSED_WITHOUT_SERVICE:
        raise ApplicationError(
            "request_closed",
            gettext_lazy("The request has been withdrawn or refused; the referral has lapsed."),
            status=409,
        )
    if step_name == "accept" and locked.member.status != AllianceMembership.Status.APPROVED:
        raise ApplicationError(
            "member_not_approved",
            gettext_lazy("Only approved alliance members can take referrals."),
            status=409,
        )
    if document and step_name != "report_done":
        document = None
    if document:
        check_document(document, field="document")
    before = snapshot(locked, REFERRAL_FIELDS)
    now = timezone.now()
    note = note.strip()
    if step_name in ("accept", "decline"):
        locked.answered_by, locked.answer = actor, note
    elif step_name in ("report_done", "report_unable"):
        locked.reported_by, locked.reported_at, locked.result_note = actor, now, note
        if document:
            locked.result_document = document
            locked.result_document_name = str(getattr(document, "name", ""))[:200]
    else:
        locked.cancel_reason = note
    locked.state = step.target
    locked.state_changed_at = now
    if step_name == "report_done":
        locked.service_record = _record_service(locked, actor)
    locked.save()
    _timeline(
        locked,
        actor=actor,
        action=f"referral_{step_name.removeprefix('report_')}",
        message=_applicant_message(locked, step_name),
    )
    _audit(locked, actor=actor, step=step_name, before=before, note=note)
    if kind == workflow.MEMBER:
        _notify_home(locked, step_name)
    else:
        _notify_member(locked, step_name)
    _notify_applicant(locked, step_name)
    return locked


def referral_accept(*, actor: Any, referral: Referral, note: str = "") -> Referral:
    """The member accepts the referral (see `referral_step`)."""
    return referral_step(actor=actor, referral=referral, step_name="accept", note=note)


def referral_decline(*, actor: Any, referral: Referral, note: str) -> Referral:
    """The member declines the referral with a reason the Home reads."""
    return referral_step(actor=actor, referral=referral, step_name="decline", note=note)


def referral_report(
    *, actor: Any, referral: Referral, done: bool, note: str, document: Any = None
) -> Referral:
    """The member reports back: the service provided (with an optional document; the
    applicant is invited to rate it) or that it could not be provided."""
    return referral_step(
        actor=actor,
        referral=referral,
        step_name="report_done" if done else "report_unable",
        note=note,
        document=document,
    )


def referral_cancel(*, actor: Any, referral: Referral, note: str) -> Referral:
    """The referring Home cancels an open referral, with a reason the member reads."""
    return referral_step(actor=actor, referral=referral, step_name="cancel", note=note)
