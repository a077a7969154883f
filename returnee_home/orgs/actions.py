"""Writes of organisations, memberships, invitations and Homes. Each is one transaction and
writes an audit record; those that change a public page call `public_pages_changed()`."""

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from returnee_home.accounts.phone import normalize_mainland_mobile
from returnee_home.core.audit import audit_record, diff, snapshot
from returnee_home.core.cache import public_pages_changed
from returnee_home.core.errors import ApplicationError, PermissionDeniedError
from returnee_home.core.models import City, IndustryCluster, ServiceCategory
from returnee_home.orgs import selectors
from returnee_home.orgs.models import (
    CARRIER_KINDS,
    ROLES_BY_KIND,
    Home,
    Invitation,
    Membership,
    Organisation,
    OrgKind,
    Role,
    VerificationStatus,
    Window,
)
from returnee_home.orgs.uploads import check_document
from returnee_home.orgs.validators import normalize_credit_code

INVITATION_DAYS = 14

ORGANISATION_FIELDS = [
    "kind",
    "name_zh",
    "name_en",
    "city",
    "address",
    "website",
    "phone",
    "email",
    "description_zh",
    "description_en",
    "credit_code",
    "industry",
    "verification_status",
    "is_active",
]
HOME_FIELDS = [
    "carrier",
    "code",
    "slug",
    "name_zh",
    "name_en",
    "city",
    "address_zh",
    "address_en",
    "status",
    "plaque_number",
    "batch_label",
    "named_on",
]
HOME_PUBLIC_FIELDS = [
    "name_zh",
    "name_en",
    "address_zh",
    "address_en",
    "opening_hours_zh",
    "opening_hours_en",
    "phone",
    "email",
    "introduction_zh",
    "introduction_en",
    "floor_area",
]
WINDOW_FIELDS = ["number", "name_zh", "name_en", "is_active"]

# The verification workflow of an employer: (from, to) → who may make the step.
VERIFICATION_TRANSITIONS: dict[tuple[str, str], str] = {
    (VerificationStatus.PENDING, VerificationStatus.VERIFIED): "verifier",
    (VerificationStatus.PENDING, VerificationStatus.REJECTED): "verifier",
    (VerificationStatus.REJECTED, VerificationStatus.PENDING): "contact",
}


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _clean_credit_code(value: str, *, exclude_pk: int | None = None) -> str:
    try:
        code = normalize_credit_code(value)
    except ValidationError as exc:
        message = exc.messages[0]
        raise ApplicationError(
            "credit_code_invalid", message, fields={"credit_code": message}
        ) from exc
    duplicate = Organisation.objects.filter(credit_code=code)
    if exclude_pk:
        duplicate = duplicate.exclude(pk=exclude_pk)
    if duplicate.exists():
        message = gettext_lazy(
            "An organisation with this unified social credit code is already registered. "
            "Ask its contact to invite you instead."
        )
        raise ApplicationError("credit_code_taken", message, fields={"credit_code": message})
    return code


def _city_code(organisation: Organisation) -> str:
    return organisation.city.code if organisation.city_id else ""


# --- Organisations ------------------------------------------------------------------------


@transaction.atomic
def organisation_create(
    *,
    actor: Any,
    kind: str,
    name_zh: str,
    name_en: str = "",
    city: City,
    address: str = "",
    website: str = "",
    phone: str = "",
    email: str = "",
    description_zh: str = "",
    description_en: str = "",
    credit_code: str = "",
    industry: IndustryCluster | None = None,
) -> Organisation:
    """Create an organisation of any kind but the province, in a city the actor administers.

    An employer created by an administrator is verified by that administrator. Refuses a city
    outside the actor's scope and a duplicate or invalid credit code."""
    if kind == OrgKind.PROVINCE or kind not in OrgKind.values:
        raise ApplicationError("kind_invalid", _("This kind of organisation cannot be created."))
    probe = Organisation(kind=kind, city=city)
    if not selectors.can_administer(actor, probe):
        raise PermissionDeniedError(_("You may only create organisations in your own city."))
    code = _clean_credit_code(credit_code) if credit_code else ""
    organisation = Organisation(
        kind=kind,
        name_zh=name_zh,
        name_en=name_en,
        city=city,
        address=address,
        website=website,
        phone=phone,
        email=email,
        description_zh=description_zh,
        description_en=description_en,
        credit_code=code,
        industry=industry,
    )
    if kind == OrgKind.EMPLOYER:
        organisation.verified_at = timezone.now()
        organisation.verified_by = actor
    organisation.save()
    audit_record(
        actor=actor,
        action="organisation.create",
        obj=organisation,
        changes=diff({}, snapshot(organisation, ORGANISATION_FIELDS)),
        city_code=city.code,
        organisation_id=organisation.pk,
    )
    return organisation


# --- Homes --------------------------------------------------------------------------------


@transaction.atomic
def home_create(
    *,
    actor: Any,
    carrier: Organisation,
    code: str,
    slug: str,
    name_zh: str,
    name_en: str = "",
    address_zh: str,
    address_en: str = "",
    status: str = Home.Status.PREPARING,
    plaque_number: str = "",
    batch_label: str = "",
    named_on: Any = None,
) -> Home:
    """Create the Home of a carrier (a service window or a start-up park).

    Refuses another kind of carrier, a carrier that already has a Home, a code or address name
    already in use, and a carrier outside the actor's scope."""
    if not selectors.can_administer(actor, carrier):
        raise PermissionDeniedError()
    if carrier.kind not in CARRIER_KINDS:
        raise ApplicationError(
            "carrier_kind",
            _("Only a service window or a start-up park can carry a Home."),
        )
    if Home.objects.filter(carrier=carrier).exists():
        raise ApplicationError("carrier_has_home", _("This organisation already carries a Home."))
    fields = {}
    if Home.objects.filter(code__iexact=code).exists():
        fields["code"] = _("This code is already used by another Home.")
    if Home.objects.filter(slug=slug).exists():
        fields["slug"] = _("This address name is already used by another Home.")
    if fields:
        raise ApplicationError("home_duplicate", next(iter(fields.values())), fields=fields)
    if status == Home.Status.NAMED and not named_on:
        named_on = timezone.localdate()
    home = Home.objects.create(
        carrier=carrier,
        code=code.upper(),
        slug=slug,
        name_zh=name_zh,
        name_en=name_en,
        city=carrier.city,
        address_zh=address_zh,
        address_en=address_en,
        status=status,
        plaque_number=plaque_number,
        batch_label=batch_label,
        named_on=named_on,
    )
    audit_record(
        actor=actor,
        action="home.create",
        obj=home,
        changes=diff({}, snapshot(home, HOME_FIELDS)),
        city_code=home.city.code,
        organisation_id=carrier.pk,
    )
    public_pages_changed()
    return home


@transaction.atomic
def home_update_public_details(
    *,
    actor: Any,
    home: Home,
    values: dict[str, Any],
    service_categories: list[ServiceCategory] | None = None,
) -> Home:
    """Change what the Home's public page says. Refuses anyone but its manager or an admin of
    its carrier, and fields outside the public details."""
    if not selectors.can_edit_home(actor, home):
        raise PermissionDeniedError()
    unknown = set(values) - set(HOME_PUBLIC_FIELDS)
    if unknown:
        raise ApplicationError("field_not_editable", _("These details cannot be changed here."))
    home = Home.objects.select_for_update().get(pk=home.pk)
    before = snapshot(home, HOME_PUBLIC_FIELDS)
    before["service_categories"] = ",".join(sorted(c.code for c in home.service_categories.all()))
    for name, value in values.items():
        setattr(home, name, value)
    home.full_clean(exclude=["carrier", "city"])
    home.save()
    if service_categories is not None:
        home.service_categories.set(service_categories)
    after = snapshot(home, HOME_PUBLIC_FIELDS)
    after["service_categories"] = ",".join(sorted(c.code for c in home.service_categories.all()))
    audit_record(
        actor=actor,
        action="home.update",
        obj=home,
        changes=diff(before, after),
        city_code=home.city.code,
        organisation_id=home.carrier_id,
    )
    public_pages_changed()
    return home


def _check_window_number(home: Home, number: int, exclude_pk: int | None = None) -> None:
    taken = Window.objects.filter(home=home, number=number)
    if exclude_pk:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        message = _("Window %(number)s already exists at this Home.") % {"number": number}
        raise ApplicationError("window_number_taken", message, fields={"number": message})


@transaction.atomic
def window_add(
    *, actor: Any, home: Home, number: int, name_zh: str, name_en: str = "", is_active: bool = True
) -> Window:
    """Add a service window to a Home. Refuses a number the Home already uses."""
    if not selectors.can_edit_home(actor, home):
        raise PermissionDeniedError()
    _check_window_number(home, number)
    window = Window.objects.create(
        home=home, number=number, name_zh=name_zh, name_en=name_en, is_active=is_active
    )
    audit_record(
        actor=actor,
        action="window.create",
        obj=window,
        changes=diff({}, snapshot(window, WINDOW_FIELDS)),
        city_code=home.city.code,
        organisation_id=home.carrier_id,
    )
    public_pages_changed()
    return window


@transaction.atomic
def window_update(
    *, actor: Any, window: Window, number: int, name_zh: str, name_en: str, is_active: bool
) -> Window:
    """Rename, renumber, open or close a window. Refuses a number already in use."""
    home = window.home
    if not selectors.can_edit_home(actor, home):
        raise PermissionDeniedError()
    _check_window_number(home, number, exclude_pk=window.pk)
    before = snapshot(window, WINDOW_FIELDS)
    window.number, window.name_zh, window.name_en = number, name_zh, name_en
    window.is_active = is_active
    window.save()
    audit_record(
        actor=actor,
        action="window.update",
        obj=window,
        changes=diff(before, snapshot(window, WINDOW_FIELDS)),
        city_code=home.city.code,
        organisation_id=home.carrier_id,
    )
    public_pages_changed()
    return window


@transaction.atomic
def window_remove(*, actor: Any, window: Window) -> None:
    """Remove a window from its Home."""
    home = window.home
    if not selectors.can_edit_home(actor, home):
        raise PermissionDeniedError()
    audit_record(
        actor=actor,
        action="window.delete",
        obj=window,
        changes=diff(snapshot(window, WINDOW_FIELDS), {}),
        city_code=home.city.code,
        organisation_id=home.carrier_id,
    )
    window.delete()
    public_pages_changed()


# --- Members and invitations --------------------------------------------------------------


def _find_user(contact: str) -> tuple[Any, str, str]:
    """(existing user or None, e-mail, phone) for an e-mail address or mainland mobile."""
    user_model = get_user_model()
    contact = (contact or "").strip()
    if "@" in contact:
        email = user_model.objects.normalize_email(contact)
        return user_model.objects.filter(email__iexact=email).first(), email, ""
    try:
        phone = normalize_mainland_mobile(contact)
    except ValidationError as exc:
        message = _("Enter an e-mail address or a mainland China mobile number.")
        raise ApplicationError("contact_invalid", message, fields={"contact": message}) from exc
    return user_model.objects.filter(phone=phone).first(), "", phone


def _notify_membership(membership: Membership) -> None:
    from returnee_home.notifications.actions import notify

    user = membership.user
    with translation.override(getattr(user, "preferred_language", "") or "zh-hans"):
        notify(
            recipient=user,
            kind="orgs.membership_added",
            title=_("You have been added to %(organisation)s")
            % {"organisation": membership.organisation.name},
            body=_("Your role: %(role)s. Open your workspace to see what you can do.")
            % {"role": membership.get_role_display()},
            url="/workspace/",
        )


@transaction.atomic
def member_invite(
    *,
    actor: Any,
    organisation: Organisation,
    role: str,
    contact: str,
    accept_url: Any = None,
) -> Membership | Invitation:
    """Give someone a role in an organisation. An existing user becomes a member at once and
    is notified; anyone else receives an invitation by e-mail or SMS.

    `accept_url(token)` builds the absolute link of the acceptance page. Refuses a role the
    organisation's kind does not have, one the actor may not give, and a duplicate."""
    if role not in ROLES_BY_KIND.get(organisation.kind, ()):
        message = _("This role does not exist in this kind of organisation.")
        raise ApplicationError("role_invalid", message, fields={"role": message})
    if role not in selectors.invitable_roles(actor, organisation):
        raise PermissionDeniedError(_("You may not give this role."))
    user, email, phone = _find_user(contact)
    if user is not None:
        if Membership.objects.filter(user=user, organisation=organisation, role=role).exists():
            message = _("This person already has this role here.")
            raise ApplicationError("already_member", message, fields={"contact": message})
        membership = Membership.objects.create(
            user=user, organisation=organisation, role=role, invited_by=actor
        )
        audit_record(
            actor=actor,
            action="membership.create",
            obj=membership,
            changes={"user": [None, str(user.pk)], "role": [None, role]},
            city_code=_city_code(organisation),
            organisation_id=organisation.pk,
        )
        _notify_membership(membership)
        return membership

    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organisation=organisation,
        role=role,
        email=email,
        phone=phone,
        token_hash=_hash_token(token),
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
        invited_by=actor,
    )
    audit_record(
        actor=actor,
        action="invitation.create",
        obj=invitation,
        changes={"role": [None, role], "contact": [None, invitation.contact]},
        city_code=_city_code(organisation),
        organisation_id=organisation.pk,
    )
    link = accept_url(token) if accept_url else token
    _send_invitation(invitation, link)
    return invitation


def _send_invitation(invitation: Invitation, link: str) -> None:
    context = {
        "organisation": invitation.organisation,
        "role": invitation.get_role_display(),
        "link": link,
        "days": INVITATION_DAYS,
    }
    subject = _("Invitation to join %(organisation)s on Returnee Home") % {
        "organisation": invitation.organisation.name
    }
    if invitation.email:
        body = render_to_string("orgs/email/invitation.txt", context)
        to = [invitation.email]
        transaction.on_commit(lambda: send_mail(str(subject), body, None, to))
    else:
        from returnee_home.accounts.sms import send_sms

        text = _("%(subject)s: %(link)s") % {"subject": subject, "link": link}
        phone = invitation.phone
        transaction.on_commit(lambda: send_sms(phone, str(text)))


def invitation_by_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("organisation", "organisation__city")
        .filter(token_hash=_hash_token(token or ""))
        .first()
    )


@transaction.atomic
def invitation_accept(*, user: Any, token: str) -> Membership:
    """Make the signed-in person a member as invited. Refuses an unknown, used or expired
    invitation, and a person whose e-mail or mobile is not the one invited."""
    invitation = invitation_by_token(token)
    if invitation is None:
        raise ApplicationError("invitation_unknown", _("This invitation link is not valid."))
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise ApplicationError("invitation_used", _("This invitation has already been accepted."))
    if invitation.expires_at <= timezone.now():
        raise ApplicationError(
            "invitation_expired",
            _("This invitation has expired. Ask the person who invited you to send a new one."),
        )
    matches = (invitation.email and (user.email or "").lower() == invitation.email.lower()) or (
        invitation.phone and user.phone == invitation.phone
    )
    if not matches:
        raise PermissionDeniedError(
            _("This invitation was sent to %(contact)s: sign in with that account to accept it.")
            % {"contact": invitation.contact},
            code="invitation_other_person",
        )
    membership, _created = Membership.objects.get_or_create(
        user=user,
        organisation=invitation.organisation,
        role=invitation.role,
        defaults={"invited_by": invitation.invited_by},
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    audit_record(
        actor=user,
        action="invitation.accept",
        obj=invitation,
        changes={"membership": [None, str(membership.pk)]},
        city_code=_city_code(invitation.organisation),
        organisation_id=invitation.organisation_id,
    )
    return membership


@transaction.atomic
def invitation_revoke(*, actor: Any, invitation: Invitation) -> None:
    """Withdraw an invitation nobody has accepted yet."""
    if not selectors.can_manage_members(actor, invitation.organisation):
        raise PermissionDeniedError()
    if invitation.accepted_at:
        raise ApplicationError("invitation_used", _("This invitation has already been accepted."))
    audit_record(
        actor=actor,
        action="invitation.revoke",
        obj=invitation,
        changes={"role": [invitation.role, None]},
        city_code=_city_code(invitation.organisation),
        organisation_id=invitation.organisation_id,
    )
    invitation.delete()


@transaction.atomic
def membership_remove(*, actor: Any, membership: Membership) -> None:
    """Take a role away. Refuses removing the last province admin, and anyone whose role the
    actor could not have given."""
    organisation = membership.organisation
    if membership.role not in selectors.invitable_roles(actor, organisation):
        raise PermissionDeniedError()
    if membership.role == Role.PROVINCE_ADMIN:
        remaining = (
            Membership.objects.select_for_update()
            .filter(role=Role.PROVINCE_ADMIN, organisation__is_active=True)
            .exclude(pk=membership.pk)
        )
        if not remaining.exists():
            raise ApplicationError(
                "last_province_admin",
                _("The province must keep at least one province admin."),
            )
    audit_record(
        actor=actor,
        action="membership.delete",
        obj=membership,
        changes={"user": [str(membership.user_id), None], "role": [membership.role, None]},
        city_code=_city_code(organisation),
        organisation_id=organisation.pk,
    )
    membership.delete()
    if organisation.kind in CARRIER_KINDS:
        public_pages_changed()  # the Home's public staff count


# --- Employers ----------------------------------------------------------------------------


@transaction.atomic
def employer_register(
    *,
    user: Any,
    name_zh: str,
    name_en: str = "",
    credit_code: str,
    address: str,
    city: City,
    industry: IndustryCluster | None,
    business_licence: Any,
    phone: str = "",
    email: str = "",
    website: str = "",
) -> Organisation:
    """Register an employer awaiting verification, with the person as its contact.

    Refuses an invalid or already registered credit code and a licence that is not a PDF,
    JPEG or PNG within the size limit."""
    code = _clean_credit_code(credit_code)
    extension = check_document(business_licence, field="business_licence")
    business_licence.name = f"licence.{extension}"
    organisation = Organisation(
        kind=OrgKind.EMPLOYER,
        name_zh=name_zh,
        name_en=name_en,
        credit_code=code,
        address=address,
        city=city,
        industry=industry,
        phone=phone,
        email=email,
        website=website,
        verification_status=VerificationStatus.PENDING,
    )
    organisation.business_licence = business_licence
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as exc:  # two people registering the same code at once
        message = gettext_lazy(
            "An organisation with this unified social credit code is already registered."
        )
        raise ApplicationError(
            "credit_code_taken", message, fields={"credit_code": message}
        ) from exc
    Membership.objects.create(user=user, organisation=organisation, role=Role.EMPLOYER_CONTACT)
    audit_record(
        actor=user,
        action="employer.register",
        obj=organisation,
        changes=diff({}, snapshot(organisation, ORGANISATION_FIELDS)),
        city_code=city.code,
        organisation_id=organisation.pk,
    )
    return organisation


def _employer_step(
    *, actor: Any, organisation: Organisation, target: str, reason: str = ""
) -> Organisation:
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    who = VERIFICATION_TRANSITIONS.get((organisation.verification_status, target))
    if who is None:
        raise ApplicationError(
            "verification_step_invalid",
            _("This employer is no longer in a state that allows this step."),
            status=409,
        )
    if who == "verifier" and not selectors.can_verify_employer(actor, organisation):
        raise PermissionDeniedError()
    if who == "contact" and organisation.pk not in selectors.member_organisation_ids(
        actor, (Role.EMPLOYER_CONTACT,)
    ):
        raise PermissionDeniedError()
    before = snapshot(organisation, ["verification_status", "rejection_reason"])
    organisation.verification_status = target
    if target == VerificationStatus.VERIFIED:
        organisation.verified_at = timezone.now()
        organisation.verified_by = actor
        organisation.rejection_reason = ""
    elif target == VerificationStatus.REJECTED:
        organisation.rejection_reason = reason
    organisation.save()
    audit_record(
        actor=actor,
        action=f"employer.{target}",
        obj=organisation,
        changes=diff(before, snapshot(organisation, ["verification_status", "rejection_reason"])),
        note=reason,
        city_code=_city_code(organisation),
        organisation_id=organisation.pk,
    )
    return organisation


def _notify_contacts(organisation: Organisation, kind: str) -> None:
    from returnee_home.notifications.actions import notify

    for membership in selectors.organisation_members(organisation).filter(
        role=Role.EMPLOYER_CONTACT
    ):
        user = membership.user
        with translation.override(getattr(user, "preferred_language", "") or "zh-hans"):
            if kind == "verified":
                title = _("%(organisation)s has been verified") % {
                    "organisation": organisation.name
                }
                body = _("Your organisation can now use the employer services of Returnee Home.")
            else:
                title = _("%(organisation)s could not be verified") % {
                    "organisation": organisation.name
                }
                body = _("Reason: %(reason)s. Correct the details and submit them again.") % {
                    "reason": organisation.rejection_reason
                }
            notify(
                recipient=user,
                kind=f"orgs.employer_{kind}",
                title=title,
                body=body,
                url=f"/workspace/organisations/{organisation.pk}/",
            )


@transaction.atomic
def employer_verify(*, actor: Any, organisation: Organisation) -> Organisation:
    """Verify a pending employer; its contacts are notified. Refuses anyone outside the
    employer's city (Home staff or city admin) and an employer not awaiting verification."""
    organisation = _employer_step(
        actor=actor, organisation=organisation, target=VerificationStatus.VERIFIED
    )
    _notify_contacts(organisation, "verified")
    return organisation


@transaction.atomic
def employer_reject(*, actor: Any, organisation: Organisation, reason: str) -> Organisation:
    """Reject a pending employer with a reason the contacts are told. Refuses an empty reason."""
    reason = (reason or "").strip()
    if not reason:
        message = _("Give the reason, so that the employer can correct it.")
        raise ApplicationError("reason_required", message, fields={"reason": message})
    organisation = _employer_step(
        actor=actor, organisation=organisation, target=VerificationStatus.REJECTED, reason=reason
    )
    _notify_contacts(organisation, "rejected")
    return organisation


@transaction.atomic
def employer_resubmit(
    *, actor: Any, organisation: Organisation, values: dict[str, Any], business_licence: Any
) -> Organisation:
    """A rejected employer's contact corrects the details and asks again. Refuses a new credit
    code that is invalid or taken, and a licence of the wrong kind or size."""
    if "credit_code" in values:
        values["credit_code"] = _clean_credit_code(
            values["credit_code"], exclude_pk=organisation.pk
        )
    if business_licence is not None:
        extension = check_document(business_licence, field="business_licence")
        business_licence.name = f"licence.{extension}"
    allowed = {"name_zh", "name_en", "credit_code", "address", "city", "industry"}
    organisation = _employer_step(
        actor=actor, organisation=organisation, target=VerificationStatus.PENDING
    )
    before = snapshot(organisation, sorted(allowed))
    for name, value in values.items():
        if name in allowed:
            setattr(organisation, name, value)
    if business_licence is not None:
        organisation.business_licence = business_licence
    organisation.save()
    changes = diff(before, snapshot(organisation, sorted(allowed)))
    if business_licence is not None:
        changes["business_licence"] = ["", "new file"]
    audit_record(
        actor=actor,
        action="employer.correct",
        obj=organisation,
        changes=changes,
        city_code=_city_code(organisation),
        organisation_id=organisation.pk,
    )
    return organisation
