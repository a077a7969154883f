"""The funnel, as two explicit state machines: a talent's way to a job (apply / invite / staff
introduction → interview → offer → hired, or closed with a reason) and a project's way to
landing (interest → meeting → agreement → landed in a city or park, or closed).

Each move is allowed to one side (talent, employer, staff), is recorded as a step, and notifies
the other side in their own language."""

from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from returnee_home.core.audit import audit_record
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.jobs import permissions
from returnee_home.jobs.models import (
    Application,
    ApplicationOrigin,
    ApplicationStage,
    ApplicationStep,
    CloseReason,
    InterestSource,
    InterestStage,
    InterestStep,
    InvestorKind,
    JobPosting,
    PostingStatus,
    ProjectInterest,
    TalentProject,
)
from returnee_home.jobs.tallies import FUNNEL
from returnee_home.notifications.actions import notify
from returnee_home.orgs.models import Membership, Role

A = ApplicationStage
TALENT, EMPLOYER, STAFF = "talent", "employer", "staff"
OPEN_STAGES = (A.INVITED, A.APPLIED, A.INTRODUCED, A.INTERVIEW, A.OFFER)

# (from, to) → the sides that may make the move.
APPLICATION_MOVES: dict[tuple[str, str], frozenset[str]] = {
    (A.INVITED, A.APPLIED): frozenset({TALENT}),
    (A.INVITED, A.DECLINED): frozenset({TALENT}),
    (A.APPLIED, A.INTERVIEW): frozenset({EMPLOYER, STAFF}),
    (A.INTRODUCED, A.INTERVIEW): frozenset({EMPLOYER, STAFF}),
    (A.INTERVIEW, A.OFFER): frozenset({EMPLOYER, STAFF}),
    (A.OFFER, A.HIRED): frozenset({EMPLOYER, STAFF}),
    **{(stage, A.CLOSED): frozenset({TALENT, EMPLOYER, STAFF}) for stage in OPEN_STAGES},
}

S = InterestStage
PROJECT_OPEN = (S.INTEREST, S.MEETING, S.AGREEMENT)
OWNER, INTERESTED = "owner", "interested"
INTEREST_MOVES: dict[tuple[str, str], frozenset[str]] = {
    (S.INTEREST, S.MEETING): frozenset({OWNER, INTERESTED, STAFF}),
    (S.MEETING, S.AGREEMENT): frozenset({OWNER, INTERESTED, STAFF}),
    (S.AGREEMENT, S.LANDED): frozenset({OWNER, INTERESTED, STAFF}),
    **{(stage, S.CLOSED): frozenset({OWNER, INTERESTED, STAFF}) for stage in PROJECT_OPEN},
}


def application_sides(user: Any, application: Application, acting_org: Any = None) -> set[str]:
    """The sides the person (or an organisation's API token, `acting_org`) acts for."""
    sides = set()
    if acting_org is not None:
        return {EMPLOYER} if acting_org.pk == application.posting.employer_id else set()
    if application.profile.user_id == getattr(user, "pk", None):
        sides.add(TALENT)
    if permissions.may_manage_for(user, application.posting.employer):
        sides.add(EMPLOYER)
    if permissions.is_staff(user):
        sides.add(STAFF)
    return sides


def allowed_application_moves(user: Any, application: Application) -> list[str]:
    sides = application_sides(user, application)
    return [
        to
        for (frm, to), who in APPLICATION_MOVES.items()
        if frm == application.stage and who & sides
    ]


def _employer_contacts(organisation_id: int) -> list[Any]:
    return [
        m.user
        for m in Membership.objects.filter(
            organisation_id=organisation_id, role=Role.EMPLOYER_CONTACT, user__is_active=True
        ).select_related("user")
    ]


def _notify_application(application: Application, actor: Any, to_stage: str) -> None:
    """Tell the side that did not make the move."""
    posting = application.posting
    talent_user = application.profile.user
    others = []
    if talent_user.pk != getattr(actor, "pk", None):
        others.append(("talent", [talent_user]))
    contacts = [
        u for u in _employer_contacts(posting.employer_id) if u.pk != getattr(actor, "pk", None)
    ]
    if contacts:
        others.append(("employer", contacts))
    for side, people in others:
        for person in people:
            with translation.override(getattr(person, "preferred_language", None) or "zh-hans"):
                stage_label = str(ApplicationStage(to_stage).label)
                title = gettext("%(posting)s: %(stage)s") % {
                    "posting": posting.title,
                    "stage": stage_label,
                }
                body = gettext("The application for “%(posting)s” is now at: %(stage)s.") % {
                    "posting": posting.title,
                    "stage": stage_label,
                }
                url_name = "jobs:application" if side == "talent" else "jobs:candidate"
                notify(
                    recipient=person,
                    kind="jobs.application",
                    title=title,
                    body=body,
                    url=reverse(url_name, args=[application.pk]),
                )


def _record(application: Application, frm: str, to: str, actor: Any, note: str = "") -> None:
    """Record the step and bring the matching funnel figures up to date."""
    ApplicationStep.objects.create(
        application=application, from_stage=frm, to_stage=to, actor=actor, note=note
    )
    FUNNEL.refresh([application.pk])


def _open_posting(posting: JobPosting) -> None:
    if posting.status != PostingStatus.PUBLISHED:
        raise ApplicationError(
            "posting_closed", _("This posting is not open for applications."), status=409
        )


def _start(
    *,
    actor: Any,
    posting: JobPosting,
    profile: Any,
    origin: str,
    stage: str,
    note: str,
    home: Any = None,
) -> Application:
    _open_posting(posting)
    try:
        with transaction.atomic():
            application = Application.objects.create(
                posting=posting,
                profile=profile,
                origin=origin,
                stage=stage,
                cover_note=note if origin == ApplicationOrigin.APPLY else "",
                invitation_message=note if origin != ApplicationOrigin.APPLY else "",
                contact_shared=stage in (A.APPLIED,),
                home=home,
                created_by=actor,
            )
    except IntegrityError as exc:
        raise ApplicationError(
            "already_connected",
            _("This talent and this posting are already connected."),
            status=409,
        ) from exc
    _record(application, "", stage, actor, note)
    audit_record(
        actor=actor,
        action=f"jobs.application_{origin}",
        obj=application,
        organisation_id=posting.employer_id,
    )
    _notify_application(application, actor, stage)
    return application


def application_apply(*, actor: Any, posting: JobPosting, cover_note: str) -> Application:
    """A talent applies to a published posting with a cover note; their contact details are
    shared with the employer. Refuses people without a talent profile, a closed posting, an
    empty note and a second application to the same posting."""
    from returnee_home.talent.models import TalentProfile

    profile = TalentProfile.objects.filter(user_id=getattr(actor, "pk", None)).first()
    if profile is None:
        raise ApplicationError(
            "no_profile", _("Fill in your talent profile before applying."), status=409
        )
    cover_note = (cover_note or "").strip()
    if not cover_note:
        raise ApplicationError(
            "invalid",
            _("Write a short cover note."),
            fields={"cover_note": _("Write a short cover note.")},
        )
    with transaction.atomic():
        existing = Application.objects.filter(posting=posting, profile=profile).first()
        if existing is not None and existing.stage == A.INVITED:
            # Applying after an invitation is accepting it, with a note.
            existing.cover_note = cover_note[:5000]
            existing.save(update_fields=["cover_note", "updated_at"])
            return application_move(actor=actor, application=existing, to_stage=A.APPLIED)
        return _start(
            actor=actor,
            posting=posting,
            profile=profile,
            origin=ApplicationOrigin.APPLY,
            stage=A.APPLIED,
            note=cover_note[:5000],
        )


def application_invite(
    *, actor: Any, posting: JobPosting, profile: Any, message: str = "", acting_org: Any = None
) -> Application:
    """The posting's employer (or staff) invites a talent to apply. The talent sees who
    invited them; the employer sees no contact details until the talent accepts. Refuses
    anyone else, a closed posting, and a talent already connected to the posting."""
    if acting_org is not None:
        if acting_org.pk != posting.employer_id:
            raise PermissionDeniedError()
    elif not (permissions.may_manage_for(actor, posting.employer) or permissions.is_staff(actor)):
        raise PermissionDeniedError()
    if profile.user_id == getattr(actor, "pk", None):
        raise ApplicationError("invalid", _("You cannot invite yourself."))
    with transaction.atomic():
        return _start(
            actor=actor,
            posting=posting,
            profile=profile,
            origin=ApplicationOrigin.INVITE,
            stage=A.INVITED,
            note=(message or "").strip()[:2000],
        )


def application_introduce(
    *, actor: Any, posting: JobPosting, profile: Any, note: str = ""
) -> Application:
    """A Home's staff connects a talent with a posting (staff introduction), recorded for the
    Home. Both sides are told; contact details are shared because staff introduced them."""
    if not permissions.is_staff(actor):
        raise PermissionDeniedError()
    with transaction.atomic():
        application = _start(
            actor=actor,
            posting=posting,
            profile=profile,
            origin=ApplicationOrigin.INTRODUCTION,
            stage=A.INTRODUCED,
            note=(note or "").strip()[:2000],
            home=permissions.home_of_staff(actor),
        )
        application.contact_shared = True
        application.save(update_fields=["contact_shared", "updated_at"])
    return application


def application_move(
    *,
    actor: Any,
    application: Application,
    to_stage: str,
    note: str = "",
    close_reason: str = "",
    interview_at: Any = None,
    acting_org: Any = None,
) -> Application:
    """Move an application one step. Refuses a move the state machine does not have, a side
    that may not make it (e.g. a talent giving themselves an offer), closing without a reason,
    and stale moves (another person moved it first)."""
    with transaction.atomic():
        application = (
            Application.objects.select_for_update()
            .select_related("posting__employer", "profile__user")
            .get(pk=application.pk)
        )
        sides = application_sides(actor, application, acting_org)
        if not sides:
            raise NotFoundError()
        frm = application.stage
        allowed = APPLICATION_MOVES.get((frm, to_stage))
        if allowed is None:
            raise ApplicationError(
                "invalid_transition",
                _("An application at “%(current)s” cannot move to “%(target)s”.")
                % {
                    "current": application.get_stage_display(),
                    "target": ApplicationStage(to_stage).label,
                },
                status=409,
            )
        if not (allowed & sides):
            raise PermissionDeniedError()
        fields = ["stage", "updated_at"]
        if to_stage == A.CLOSED:
            if close_reason not in CloseReason.values:
                raise ApplicationError(
                    "reason_required",
                    _("Choose why the application is closed."),
                    fields={"close_reason": _("Choose why the application is closed.")},
                )
            application.close_reason = close_reason
            application.close_note = (note or "").strip()[:2000]
            fields += ["close_reason", "close_note"]
        if to_stage == A.APPLIED:
            application.contact_shared = True
            fields.append("contact_shared")
        if to_stage == A.INTERVIEW and interview_at:
            application.interview_at = interview_at
            fields.append("interview_at")
        if to_stage == A.HIRED:
            application.hired_at = timezone.now()
            fields.append("hired_at")
        application.stage = to_stage
        application.save(update_fields=fields)
        _record(application, frm, to_stage, actor, note)
        audit_record(
            actor=actor,
            action=f"jobs.application_{to_stage}",
            obj=application,
            changes={"stage": [frm, to_stage]},
            organisation_id=application.posting.employer_id,
        )
        _notify_application(application, actor, to_stage)
    return application


# --- Projects ----------------------------------------------------------------------------------


def interest_sides(user: Any, interest: ProjectInterest) -> set[str]:
    sides = set()
    if interest.project.owner.user_id == getattr(user, "pk", None):
        sides.add(OWNER)
    if any(o.pk == interest.organisation_id for o in permissions.interest_organisations(user)):
        sides.add(INTERESTED)
    if permissions.is_staff(user):
        sides.add(STAFF)
    return sides


def allowed_interest_moves(user: Any, interest: ProjectInterest) -> list[str]:
    sides = interest_sides(user, interest)
    return [
        to for (frm, to), who in INTEREST_MOVES.items() if frm == interest.stage and who & sides
    ]


def _notify_interest(interest: ProjectInterest, actor: Any, stage: str) -> None:
    project = interest.project
    owner = project.owner.user
    people = [owner] if owner.pk != getattr(actor, "pk", None) else []
    people += [
        m.user
        for m in Membership.objects.filter(organisation_id=interest.organisation_id).select_related(
            "user"
        )
        if m.user_id != getattr(actor, "pk", None)
    ]
    for person in people:
        with translation.override(getattr(person, "preferred_language", None) or "zh-hans"):
            label = str(InterestStage(stage).label)
            notify(
                recipient=person,
                kind="jobs.project_interest",
                title=gettext("%(project)s: %(stage)s")
                % {"project": project.title, "stage": label},
                body=gettext("%(organisation)s and the project “%(project)s”: %(stage)s.")
                % {
                    "organisation": interest.organisation.name,
                    "project": project.title,
                    "stage": label,
                },
                url=reverse("jobs:interest", args=[interest.pk]),
            )


def interest_register(
    *,
    actor: Any,
    project: TalentProject,
    organisation: Any,
    interested_as: str,
    message: str = "",
    source: str = InterestSource.DIRECT,
    demand: Any = None,
    roadshow: Any = None,
) -> ProjectInterest:
    """An employer, park or investor registers interest in a visible project (from its page, a
    demand or a roadshow). Refuses organisations the person does not act for, invisible
    projects, and a second interest of the same organisation."""
    if not any(o.pk == organisation.pk for o in permissions.interest_organisations(actor)):
        raise PermissionDeniedError()
    if not project.is_visible:
        raise NotFoundError()
    if interested_as not in InvestorKind.values:
        raise ApplicationError(
            "invalid",
            _("Choose whether you are an employer, a park or an investor."),
            fields={"interested_as": _("Choose one.")},
        )
    try:
        with transaction.atomic():
            interest = ProjectInterest.objects.create(
                project=project,
                organisation=organisation,
                interested_as=interested_as,
                message=(message or "").strip()[:2000],
                source=source,
                demand=demand,
                roadshow=roadshow,
                created_by=actor,
            )
            InterestStep.objects.create(
                interest=interest, to_stage=S.INTEREST, actor=actor, note=interest.message
            )
            audit_record(
                actor=actor,
                action="jobs.interest_register",
                obj=interest,
                organisation_id=organisation.pk,
            )
            _notify_interest(interest, actor, S.INTEREST)
    except IntegrityError as exc:
        raise ApplicationError(
            "already_interested",
            _("Your organisation has already registered interest in this project."),
            status=409,
        ) from exc
    return interest


def interest_move(
    *,
    actor: Any,
    interest: ProjectInterest,
    to_stage: str,
    note: str = "",
    landed_city: Any = None,
    landed_park: str = "",
) -> ProjectInterest:
    """Move a project interest one step. Landing needs the city (and the park, if any);
    closing needs a reason. Refuses moves outside the state machine and outsiders."""
    with transaction.atomic():
        interest = (
            ProjectInterest.objects.select_for_update()
            .select_related("project__owner__user", "organisation")
            .get(pk=interest.pk)
        )
        sides = interest_sides(actor, interest)
        if not sides:
            raise NotFoundError()
        frm = interest.stage
        allowed = INTEREST_MOVES.get((frm, to_stage))
        if allowed is None:
            raise ApplicationError(
                "invalid_transition",
                _("This project interest cannot move to that stage now."),
                status=409,
            )
        if not (allowed & sides):
            raise PermissionDeniedError()
        fields = ["stage", "updated_at"]
        if to_stage == S.LANDED:
            if landed_city is None:
                raise ApplicationError(
                    "city_required",
                    _("Say in which city the project landed."),
                    fields={"landed_city": _("Choose the city.")},
                )
            interest.landed_city = landed_city
            interest.landed_park = (landed_park or "").strip()[:200]
            interest.landed_at = timezone.now()
            fields += ["landed_city", "landed_park", "landed_at"]
        if to_stage == S.CLOSED:
            if not (note or "").strip():
                raise ApplicationError(
                    "reason_required",
                    _("Say why this is closed."),
                    fields={"note": _("Say why this is closed.")},
                )
            interest.close_note = note.strip()[:2000]
            fields.append("close_note")
        interest.stage = to_stage
        interest.save(update_fields=fields)
        InterestStep.objects.create(
            interest=interest, from_stage=frm, to_stage=to_stage, actor=actor, note=note
        )
        audit_record(
            actor=actor,
            action=f"jobs.interest_{to_stage}",
            obj=interest,
            changes={"stage": [frm, to_stage]},
            organisation_id=interest.organisation_id,
        )
        _notify_interest(interest, actor, to_stage)
    return interest
