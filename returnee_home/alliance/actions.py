"""Writes of the service alliance and of the platform suggestions. Each is one transaction,
writes an audit record for privileged changes, and notifies people after commit."""

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from returnee_home.alliance import selectors
from returnee_home.alliance.models import AllianceMembership, Offering, Suggestion
from returnee_home.core.audit import audit_record, diff, snapshot
from returnee_home.core.cache import public_pages_changed
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.core.models import City
from returnee_home.orgs import selectors as org_selectors
from returnee_home.orgs.models import (
    Home,
    Membership,
    Organisation,
    OrgKind,
    Role,
    VerificationStatus,
)

Status = AllianceMembership.Status
SuggestionStatus = Suggestion.Status

# The membership workflow: (from, to) → who may make the step. "admin" is the city admin of a
# city alliance or a province admin for the provincial alliance; "member" is the organisation's
# partner contact or the applicant.
MEMBERSHIP_TRANSITIONS: dict[tuple[str, str], tuple[str, ...]] = {
    (Status.APPLIED, Status.APPROVED): ("admin",),
    (Status.APPLIED, Status.REJECTED): ("admin",),
    (Status.APPLIED, Status.WITHDRAWN): ("member",),
    (Status.APPROVED, Status.SUSPENDED): ("admin",),
    (Status.APPROVED, Status.WITHDRAWN): ("admin", "member"),
    (Status.SUSPENDED, Status.APPROVED): ("admin",),
    (Status.SUSPENDED, Status.WITHDRAWN): ("admin", "member"),
}
# Steps that need a reason the organisation is told.
REASON_REQUIRED = {Status.REJECTED, Status.SUSPENDED}

# The triage of a suggestion by a province admin; every step carries a reply.
SUGGESTION_TRANSITIONS: dict[str, tuple[str, ...]] = {
    SuggestionStatus.SUBMITTED: (
        SuggestionStatus.ACCEPTED,
        SuggestionStatus.PLANNED,
        SuggestionStatus.DECLINED,
        SuggestionStatus.DONE,
    ),
    SuggestionStatus.ACCEPTED: (
        SuggestionStatus.PLANNED,
        SuggestionStatus.DECLINED,
        SuggestionStatus.DONE,
    ),
    SuggestionStatus.PLANNED: (SuggestionStatus.DONE, SuggestionStatus.DECLINED),
    SuggestionStatus.DECLINED: (),
    SuggestionStatus.DONE: (),
}

MEMBERSHIP_FIELDS = [
    "organisation",
    "member_type",
    "scope_city",
    "offer_zh",
    "offer_en",
    "contact_name",
    "contact_phone",
    "contact_email",
    "status",
    "decision_reason",
]
OFFERING_FIELDS = [
    "kind",
    "title_zh",
    "title_en",
    "description_zh",
    "description_en",
    "contact_method",
    "valid_from",
    "valid_until",
    "is_published",
]
SUGGESTION_FIELDS = [
    "city",
    "kind",
    "category",
    "title",
    "description",
    "priority",
    "contact_name",
    "contact_phone",
    "status",
    "reply",
]
JOINABLE_KINDS = selectors.JOINABLE_KINDS


def _notify(
    user: Any, *, kind: str, title: Any, body: Any, url: str, params: dict | None = None
) -> None:
    """Render lazily translated text (the title filled with `params`) in the recipient's
    language and put it in their inbox after commit."""
    from returnee_home.notifications.actions import notify

    if user is None:
        return
    with translation.override(getattr(user, "preferred_language", "") or "zh-hans"):
        title_text = str(title) % params if params else str(title)
        body_text = str(body)

    def send() -> None:
        notify(recipient=user, kind=kind, title=title_text, body=body_text, url=url)

    transaction.on_commit(send)


def _city_code(city: City | None) -> str:
    return city.code if city is not None else ""


# --- Applying ------------------------------------------------------------------------------


def _scope_for(organisation: Organisation, scope: str) -> City | None:
    if scope == "province":
        return None
    if scope != "city" or organisation.city_id is None:
        raise ApplicationError(
            "scope_invalid",
            gettext_lazy("Choose the alliance of your city or the provincial alliance."),
            fields={"scope": gettext_lazy("Choose an alliance.")},
        )
    return organisation.city.prefecture


def _open_application(
    *,
    user: Any,
    organisation: Organisation,
    member_type: str,
    scope: str,
    offer_zh: str,
    offer_en: str,
    contact_name: str,
    contact_phone: str,
    contact_email: str,
) -> AllianceMembership:
    scope_city = _scope_for(organisation, scope)
    if not (contact_name.strip() and contact_phone.strip()):
        raise ApplicationError(
            "contact_required", gettext_lazy("Give a contact person and a telephone number.")
        )
    membership = AllianceMembership(
        organisation=organisation,
        member_type=member_type,
        scope_city=scope_city,
        offer_zh=offer_zh,
        offer_en=offer_en,
        contact_name=contact_name.strip(),
        contact_phone=contact_phone.strip(),
        contact_email=contact_email.strip(),
        applicant=user,
    )
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as exc:
        raise ApplicationError(
            "already_applied",
            gettext_lazy(
                "This organisation has already applied to, or is a member of, this alliance."
            ),
            status=409,
        ) from exc
    audit_record(
        actor=user,
        action="alliance.apply",
        obj=membership,
        changes=diff({}, snapshot(membership, MEMBERSHIP_FIELDS)),
        city_code=_city_code(organisation.city),
        organisation_id=organisation.pk,
    )
    url = f"/alliance/manage/{membership.pk}/"
    for admin in selectors.deciders_of(membership):
        _notify(
            admin,
            kind="alliance.applied",
            title=gettext_lazy("%(organisation)s applies to join the service alliance"),
            params={"organisation": organisation.name},
            body=gettext_lazy("Review the application and approve or reject it."),
            url=url,
        )
    return membership


@transaction.atomic
def alliance_membership_apply(
    *,
    user: Any,
    organisation: Organisation,
    member_type: str,
    scope: str,
    offer_zh: str = "",
    offer_en: str = "",
    contact_name: str,
    contact_phone: str,
    contact_email: str = "",
) -> AllianceMembership:
    """Apply for an organisation the person belongs to, to join its city's alliance
    (`scope="city"`) or the provincial one (`"province"`).

    Refuses someone who is not a member of the organisation, an administration or a Home's
    carrier, and an organisation already applying to or belonging to that alliance."""
    if organisation.pk not in org_selectors.member_organisation_ids(user):
        raise NotFoundError()
    if organisation.kind not in JOINABLE_KINDS:
        raise ApplicationError(
            "organisation_not_joinable",
            gettext_lazy("Administrations and Homes cannot join the service alliance."),
        )
    return _open_application(
        user=user,
        organisation=organisation,
        member_type=member_type,
        scope=scope,
        offer_zh=offer_zh,
        offer_en=offer_en,
        contact_name=contact_name,
        contact_phone=contact_phone,
        contact_email=contact_email,
    )


@transaction.atomic
def alliance_partner_register(
    *,
    user: Any,
    name_zh: str,
    name_en: str = "",
    city: City,
    member_type: str,
    scope: str,
    description_zh: str = "",
    description_en: str = "",
    address: str = "",
    website: str = "",
    offer_zh: str = "",
    offer_en: str = "",
    contact_name: str,
    contact_phone: str,
    contact_email: str = "",
) -> AllianceMembership:
    """Register a new alliance-partner organisation (awaiting verification) and its application
    to join an alliance. The person becomes its partner contact when the application is
    approved. Refuses an empty Chinese name."""
    if not name_zh.strip():
        message = gettext_lazy("Give the organisation's name in Chinese.")
        raise ApplicationError("name_required", message, fields={"name_zh": message})
    organisation = Organisation.objects.create(
        kind=OrgKind.ALLIANCE_PARTNER,
        name_zh=name_zh.strip(),
        name_en=name_en.strip(),
        city=city,
        address=address,
        website=website,
        phone=contact_phone,
        email=contact_email,
        description_zh=description_zh,
        description_en=description_en,
        verification_status=VerificationStatus.PENDING,
    )
    audit_record(
        actor=user,
        action="alliance.partner_register",
        obj=organisation,
        changes=diff({}, snapshot(organisation, ["kind", "name_zh", "name_en", "city"])),
        city_code=city.code,
        organisation_id=organisation.pk,
    )
    return _open_application(
        user=user,
        organisation=organisation,
        member_type=member_type,
        scope=scope,
        offer_zh=offer_zh,
        offer_en=offer_en,
        contact_name=contact_name,
        contact_phone=contact_phone,
        contact_email=contact_email,
    )


# --- Deciding ------------------------------------------------------------------------------


def partner_role_grant(*, actor: Any, user: Any, organisation: Organisation) -> Membership | None:
    """Give the person the partner role in the organisation unless they hold it; audited.
    Called inside the approval's transaction."""
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=Role.PARTNER, defaults={"invited_by": actor}
    )
    if not created:
        return None
    audit_record(
        actor=actor,
        action="alliance.partner_role_grant",
        obj=membership,
        changes={"role": [None, Role.PARTNER]},
        city_code=_city_code(organisation.city),
        organisation_id=organisation.pk,
    )
    return membership


@transaction.atomic
def alliance_membership_decide(
    *, actor: Any, membership: AllianceMembership, target: str, reason: str = ""
) -> AllianceMembership:
    """Move a membership along its workflow: approve, reject, suspend, reinstate or withdraw.

    Refuses a step the workflow does not allow from the current state (409), an actor who may
    not make it (403; out of scope: 404), and a rejection or suspension without a reason. On
    approval the applicant gets the partner role and a new partner organisation is verified."""
    membership = (
        AllianceMembership.objects.select_for_update(of=("self",))
        .select_related("organisation__city", "scope_city")
        .get(pk=membership.pk)
    )
    allowed = MEMBERSHIP_TRANSITIONS.get((membership.status, target))
    if allowed is None:
        raise ApplicationError(
            "alliance_step_invalid",
            gettext_lazy("This membership is no longer in a state that allows this step."),
            status=409,
        )
    is_admin = selectors.can_decide(actor, membership)
    is_member = selectors.is_member_contact(actor, membership)
    if not is_admin and not is_member and not selectors.can_view_membership(actor, membership):
        raise NotFoundError()
    if not (("admin" in allowed and is_admin) or ("member" in allowed and is_member)):
        raise PermissionDeniedError()
    reason = (reason or "").strip()
    if target in REASON_REQUIRED and not reason:
        message = gettext_lazy("Give the reason; the organisation is told it.")
        raise ApplicationError("reason_required", message, fields={"reason": message})
    before = snapshot(membership, ["status", "decision_reason"])
    membership.status = target
    membership.decision_reason = reason
    if is_admin:
        membership.decided_by = actor
        membership.decided_at = timezone.now()
    membership.save()
    organisation = membership.organisation
    if target == Status.APPROVED:
        if membership.applicant is not None:
            partner_role_grant(actor=actor, user=membership.applicant, organisation=organisation)
        if (
            organisation.kind == OrgKind.ALLIANCE_PARTNER
            and organisation.verification_status == VerificationStatus.PENDING
        ):
            organisation.verification_status = VerificationStatus.VERIFIED
            organisation.verified_at = timezone.now()
            organisation.verified_by = actor
            organisation.save(update_fields=["verification_status", "verified_at", "verified_by"])
    audit_record(
        actor=actor,
        action=f"alliance.{target}",
        obj=membership,
        changes=diff(before, snapshot(membership, ["status", "decision_reason"])),
        note=reason,
        city_code=_city_code(membership.scope_city or organisation.city),
        organisation_id=organisation.pk,
    )
    public_pages_changed()
    _notify_decision(membership)
    return membership


DECISION_TITLES = {
    Status.APPROVED: gettext_lazy("%(organisation)s has joined the %(alliance)s"),
    Status.REJECTED: gettext_lazy("The application of %(organisation)s was not approved"),
    Status.SUSPENDED: gettext_lazy("%(organisation)s is suspended from the %(alliance)s"),
    Status.WITHDRAWN: gettext_lazy("%(organisation)s has left the %(alliance)s"),
}


def _notify_decision(membership: AllianceMembership) -> None:
    recipients = {m.user for m in selectors.partner_contacts(membership.organisation)}
    if membership.applicant is not None:
        recipients.add(membership.applicant)
    template = DECISION_TITLES[membership.status]
    for user in recipients:
        with translation.override(getattr(user, "preferred_language", "") or "zh-hans"):
            title = template % {
                "organisation": membership.organisation.name,
                "alliance": membership.scope_label,
            }
            body = (
                _("Reason: %(reason)s") % {"reason": membership.decision_reason}
                if membership.decision_reason
                else _("Open the service alliance in your workspace to see what you can do.")
            )
        _notify(
            user,
            kind=f"alliance.{membership.status}",
            title=title,
            body=body,
            url=("/alliance/mine/"),
        )


# --- Offerings -----------------------------------------------------------------------------


def _check_offering(
    *,
    membership: AllianceMembership,
    title_zh: str,
    valid_from: dt.date | None,
    valid_until: dt.date | None,
    cities: list[City],
    homes: list[Home],
) -> None:
    if not membership.is_approved:
        raise ApplicationError(
            "member_not_approved",
            gettext_lazy("Only approved alliance members can list offerings."),
            status=409,
        )
    if not title_zh.strip():
        message = gettext_lazy("Give the title in Chinese.")
        raise ApplicationError("title_required", message, fields={"title_zh": message})
    if valid_from and valid_until and valid_until < valid_from:
        message = gettext_lazy("The end date must not be before the start date.")
        raise ApplicationError("dates_invalid", message, fields={"valid_until": message})
    allowed_cities = selectors.servable_city_ids(membership)
    if any(c.pk not in allowed_cities for c in cities) or any(
        h.city_id not in allowed_cities for h in homes
    ):
        message = gettext_lazy("Choose only cities and Homes within your alliance.")
        raise ApplicationError("outside_alliance", message, fields={"cities": message})


@transaction.atomic
def offering_create(
    *,
    actor: Any,
    membership: AllianceMembership,
    kind: str,
    title_zh: str,
    title_en: str = "",
    description_zh: str = "",
    description_en: str = "",
    contact_method: str,
    cities: list[City] | QuerySet[City] = (),  # type: ignore[assignment]
    homes: list[Home] | QuerySet[Home] = (),  # type: ignore[assignment]
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
    is_published: bool = True,
) -> Offering:
    """List a new offering of an approved member. Refuses someone who is not the member's
    partner contact (404), a member not approved, dates out of order and cities or Homes outside
    the member's alliance."""
    if not selectors.is_member_contact(actor, membership):
        raise NotFoundError()
    cities, homes = list(cities), list(homes)
    _check_offering(
        membership=membership,
        title_zh=title_zh,
        valid_from=valid_from,
        valid_until=valid_until,
        cities=cities,
        homes=homes,
    )
    offering = Offering.objects.create(
        member=membership,
        kind=kind,
        title_zh=title_zh.strip(),
        title_en=title_en.strip(),
        description_zh=description_zh,
        description_en=description_en,
        contact_method=contact_method,
        valid_from=valid_from,
        valid_until=valid_until,
        is_published=is_published,
    )
    offering.cities.set(cities)
    offering.homes.set(homes)
    audit_record(
        actor=actor,
        action="alliance.offering_create",
        obj=offering,
        changes=diff({}, snapshot(offering, OFFERING_FIELDS)),
        organisation_id=membership.organisation_id,
    )
    public_pages_changed()
    return offering


@transaction.atomic
def offering_update(
    *,
    actor: Any,
    offering: Offering,
    kind: str,
    title_zh: str,
    title_en: str = "",
    description_zh: str = "",
    description_en: str = "",
    contact_method: str,
    cities: list[City] | QuerySet[City] = (),  # type: ignore[assignment]
    homes: list[Home] | QuerySet[Home] = (),  # type: ignore[assignment]
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
    is_published: bool = True,
) -> Offering:
    """Change an offering. Refuses the same as `offering_create`."""
    membership = offering.member
    if not selectors.is_member_contact(actor, membership):
        raise NotFoundError()
    cities, homes = list(cities), list(homes)
    _check_offering(
        membership=membership,
        title_zh=title_zh,
        valid_from=valid_from,
        valid_until=valid_until,
        cities=cities,
        homes=homes,
    )
    before = snapshot(offering, OFFERING_FIELDS)
    offering.kind = kind
    offering.title_zh = title_zh.strip()
    offering.title_en = title_en.strip()
    offering.description_zh = description_zh
    offering.description_en = description_en
    offering.contact_method = contact_method
    offering.valid_from = valid_from
    offering.valid_until = valid_until
    offering.is_published = is_published
    offering.save()
    offering.cities.set(cities)
    offering.homes.set(homes)
    audit_record(
        actor=actor,
        action="alliance.offering_update",
        obj=offering,
        changes=diff(before, snapshot(offering, OFFERING_FIELDS)),
        organisation_id=membership.organisation_id,
    )
    public_pages_changed()
    return offering


@transaction.atomic
def offering_delete(*, actor: Any, offering: Offering) -> None:
    """Remove an offering. Refuses anyone but the member's partner contacts (404)."""
    if not selectors.is_member_contact(actor, offering.member):
        raise NotFoundError()
    audit_record(
        actor=actor,
        action="alliance.offering_delete",
        obj=offering,
        changes=diff(snapshot(offering, OFFERING_FIELDS), {}),
        organisation_id=offering.member.organisation_id,
    )
    offering.delete()
    public_pages_changed()


# --- Suggestions ---------------------------------------------------------------------------


@transaction.atomic
def suggestion_submit(
    *,
    actor: Any,
    city: City,
    kind: str,
    category: str,
    title: str,
    description: str,
    priority: str,
    contact_name: str,
    contact_phone: str,
) -> Suggestion:
    """A city admin sends the province a suggestion or individual need for the online platform;
    the province admins are notified. Refuses anyone but an admin of that city."""
    if not selectors.can_submit_suggestion(actor, city):
        raise PermissionDeniedError()
    if not description.strip():
        message = gettext_lazy("Describe the suggestion or need.")
        raise ApplicationError("description_required", message, fields={"description": message})
    suggestion = Suggestion.objects.create(
        city=city,
        submitted_by=actor,
        kind=kind,
        category=category,
        title=title.strip(),
        description=description.strip(),
        priority=priority,
        contact_name=contact_name.strip(),
        contact_phone=contact_phone.strip(),
    )
    audit_record(
        actor=actor,
        action="alliance.suggestion_submit",
        obj=suggestion,
        changes=diff({}, snapshot(suggestion, SUGGESTION_FIELDS)),
        city_code=city.code,
    )
    for admin in selectors.province_admins():
        _notify(
            admin,
            kind="alliance.suggestion_submitted",
            title=gettext_lazy("New platform suggestion from %(city)s"),
            params={"city": city.name},
            body=suggestion.title,
            url=f"/alliance/suggestions/{suggestion.pk}/",
        )
    return suggestion


@transaction.atomic
def suggestion_triage(*, actor: Any, suggestion: Suggestion, status: str, reply: str) -> Suggestion:
    """A province admin accepts, plans, declines or completes a suggestion with a reply the city
    sees and is notified of. Refuses anyone else (403), a step the triage does not allow from
    the current state (409) and an empty reply."""
    if not org_selectors.is_province_admin(actor):
        raise PermissionDeniedError()
    suggestion = (
        Suggestion.objects.select_for_update(of=("self",))
        .select_related("city")
        .get(pk=suggestion.pk)
    )
    if status not in SUGGESTION_TRANSITIONS.get(suggestion.status, ()):
        raise ApplicationError(
            "suggestion_step_invalid",
            gettext_lazy("This suggestion is no longer in a state that allows this answer."),
            status=409,
        )
    if not reply.strip():
        message = gettext_lazy("Write the reply the city will read.")
        raise ApplicationError("reply_required", message, fields={"reply": message})
    before = snapshot(suggestion, ["status", "reply"])
    suggestion.status = status
    suggestion.reply = reply.strip()
    suggestion.replied_by = actor
    suggestion.replied_at = timezone.now()
    suggestion.save()
    audit_record(
        actor=actor,
        action=f"alliance.suggestion_{status}",
        obj=suggestion,
        changes=diff(before, snapshot(suggestion, ["status", "reply"])),
        city_code=suggestion.city.code,
    )
    recipients = {m.user for m in selectors.city_admin_memberships(suggestion.city)}
    if suggestion.submitted_by is not None:
        recipients.add(suggestion.submitted_by)
    for user in recipients:
        with translation.override(getattr(user, "preferred_language", "") or "zh-hans"):
            title = _("The province answered “%(title)s”: %(status)s") % {
                "title": suggestion.title,
                "status": suggestion.get_status_display(),
            }
        _notify(
            user,
            kind="alliance.suggestion_answered",
            title=title,
            body=suggestion.reply,
            url=f"/alliance/suggestions/{suggestion.pk}/",
        )
    return suggestion
