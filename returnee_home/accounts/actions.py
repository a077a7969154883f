"""Writes of the accounts app: profile, consent, deletion, real-name verification.

Every change of state goes through one of these functions; each runs in one transaction,
writes an audit record when it is privileged and schedules e-mail or SMS after commit.
Document numbers never reach the audit log or the log: only their masked form is shown.
"""

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from returnee_home.accounts import personal_data
from returnee_home.accounts.models import ConsentRecord, IdentityDocument, User
from returnee_home.accounts.selectors import current_privacy_version, reviewable_home_ids
from returnee_home.accounts.uploads import ALLOWED_DOCUMENT_TYPES, validate_document_upload
from returnee_home.accounts.validators import (
    mask_number,
    validate_passport,
    validate_resident_id,
)
from returnee_home.core.audit import audit_record
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.core.fields import blind_index
from returnee_home.core.models import Country
from returnee_home.notifications.actions import notify
from returnee_home.orgs.models import Home

# The real-name workflow: (from, to) pairs that may happen. Anything else is refused.
IDENTITY_TRANSITIONS = {
    (IdentityDocument.Status.PENDING, IdentityDocument.Status.VERIFIED),
    (IdentityDocument.Status.PENDING, IdentityDocument.Status.REJECTED),
}


# --- Profile and language -------------------------------------------------------------------


def user_update_profile(
    *, user: User, full_name: str, name_en: str, preferred_language: str
) -> User:
    """Change the person's names and preferred language. Refuses an unknown language."""
    if preferred_language not in dict(settings.LANGUAGES):
        raise ApplicationError(
            "invalid_language",
            gettext_lazy("Choose one of the offered languages."),
            fields={"preferred_language": gettext_lazy("Choose one of the offered languages.")},
        )
    user.full_name = full_name.strip()
    user.name_en = name_en.strip()
    user.preferred_language = preferred_language
    user.save(update_fields=["full_name", "name_en", "preferred_language"])
    return user


# --- Consent (PIPL) -------------------------------------------------------------------------


def consent_accept(*, user: User, ip_address: str | None = None) -> ConsentRecord:
    """Record that the person accepts the current personal-data notice."""
    return ConsentRecord.objects.create(
        user=user, version=current_privacy_version(), accepted=True, ip_address=ip_address
    )


@transaction.atomic
def consent_withdraw(*, user: User, ip_address: str | None = None) -> ConsentRecord:
    """Record that the person withdraws consent; private pages stay closed until they accept
    again. Refuses when there is no current acceptance to withdraw."""
    from returnee_home.accounts.selectors import has_current_consent

    if not has_current_consent(user):
        raise ApplicationError(
            "no_consent", gettext_lazy("There is no current consent to withdraw.")
        )
    record = ConsentRecord.objects.create(
        user=user, version=current_privacy_version(), accepted=False, ip_address=ip_address
    )
    audit_record(actor=user, action="accounts.consent_withdrawn", obj=user, note=record.version)
    return record


# --- Deletion -------------------------------------------------------------------------------


def deletion_due_date(user: User) -> datetime.datetime | None:
    if not user.deletion_requested_at:
        return None
    return user.deletion_requested_at + datetime.timedelta(
        days=int(settings.ACCOUNT_DELETION_GRACE_DAYS)
    )


@transaction.atomic
def account_deletion_request(*, user: User, password: str) -> User:
    """Schedule the account for deletion after the grace period. Refuses a wrong password or a
    second request."""
    if not user.has_usable_password() or not user.check_password(password):
        message = gettext_lazy("The password is not correct.")
        raise ApplicationError("wrong_password", message, fields={"password": message})
    if user.deletion_requested_at:
        raise ApplicationError(
            "already_requested", gettext_lazy("Deletion of this account is already scheduled.")
        )
    user.deletion_requested_at = timezone.now()
    user.save(update_fields=["deletion_requested_at"])
    audit_record(
        actor=user,
        action="accounts.deletion_requested",
        obj=user,
        changes={"deletion_requested_at": [None, user.deletion_requested_at.isoformat()]},
    )
    due = timezone.localtime(deletion_due_date(user))
    with translation.override(user.preferred_language):
        notify(
            recipient=user,
            kind="accounts.deletion_requested",
            title=_("Your account will be deleted"),
            body=_(
                "You asked us to delete your account. It will be deleted on %(date)s. Until "
                "then you can sign in and cancel the request on your account page."
            )
            % {"date": due.strftime("%Y-%m-%d %H:%M")},
            url=reverse("accounts:delete"),
        )
    return user


@transaction.atomic
def account_deletion_cancel(*, user: User) -> User:
    """Keep the account. Refuses when no deletion is scheduled."""
    if not user.deletion_requested_at:
        raise ApplicationError(
            "not_requested", gettext_lazy("Deletion of this account is not scheduled.")
        )
    before = user.deletion_requested_at.isoformat()
    user.deletion_requested_at = None
    user.save(update_fields=["deletion_requested_at"])
    audit_record(
        actor=user,
        action="accounts.deletion_cancelled",
        obj=user,
        changes={"deletion_requested_at": [before, None]},
    )
    return user


@transaction.atomic
def account_purge(*, user: User, now: datetime.datetime | None = None) -> User:
    """Anonymise an account whose grace period has ended: contact details, names, documents
    and files, consents, memberships and inbox go; audit records stay, naming only the
    anonymised account. Refuses an account with no deletion request or a period not yet over."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    from returnee_home.notifications.models import Notification
    from returnee_home.orgs.models import Membership

    now = now or timezone.now()
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    due = deletion_due_date(user)
    if due is None or due > now:
        raise ApplicationError(
            "not_due", gettext_lazy("This account's deletion period has not ended.")
        )
    personal_data.erase(user)
    files = [d.scan.name for d in user.identity_documents.all() if d.scan]
    user.identity_documents.all().delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    Membership.objects.filter(user=user).delete()
    Notification.objects.filter(recipient=user).delete()
    user.consents.all().delete()
    user.email = f"deleted-{user.pk}@invalid"
    user.phone = None
    user.phone_verified = False
    user.full_name = ""
    user.name_en = ""
    user.is_real_name_verified = False
    user.is_active = False
    user.set_unusable_password()
    user.save()
    audit_record(actor=None, action="accounts.account_purged", obj=user, object_repr=f"#{user.pk}")

    def delete_files() -> None:
        from returnee_home.core.storage import private_storage

        storage = private_storage()
        for name in files:
            storage.delete(name)

    transaction.on_commit(delete_files)
    return user


def purge_due_accounts(*, now: datetime.datetime | None = None) -> int:
    """Anonymise every account whose grace period has ended. Returns how many."""
    from returnee_home.accounts.selectors import deletion_due

    now = now or timezone.now()
    count = 0
    for user in deletion_due(now):
        account_purge(user=user, now=now)
        count += 1
    return count


# --- Real-name verification -----------------------------------------------------------------


def _clean_number(kind: str, number: str, nationality: Country) -> str:
    try:
        if kind == IdentityDocument.Kind.RESIDENT_ID:
            if nationality.code.upper() != "CN":
                raise ValidationError(
                    gettext_lazy("A resident ID card is for citizens of mainland China."),
                    code="id_nationality",
                )
            return validate_resident_id(number)
        if kind == IdentityDocument.Kind.PASSPORT:
            return validate_passport(number, nationality_code=nationality.code)
    except ValidationError as error:
        field = "nationality" if error.code == "id_nationality" else "number"
        raise ApplicationError(
            "invalid_number", error.messages[0], fields={field: error.messages[0]}
        ) from None
    raise ApplicationError(
        "invalid_kind",
        gettext_lazy("Choose a document type."),
        fields={"kind": gettext_lazy("Choose a document type.")},
    )


@transaction.atomic
def identity_document_submit(
    *,
    user: User,
    kind: str,
    full_name: str,
    nationality: Country,
    number: str,
    scan: Any,
    home: Home,
) -> IdentityDocument:
    """Send an identity document to a Home for verification.

    Refuses a malformed number, a scan that is not a PDF/JPEG/PNG or is too large, a Home that
    is not open, a second pending submission, an already verified person, and a number that is
    already verified for another account."""
    clean = _clean_number(kind, number, nationality)
    if not scan:
        message = gettext_lazy("Upload a scan or photo of the document.")
        raise ApplicationError("scan_required", message, fields={"scan": message})
    try:
        content_type = validate_document_upload(scan)
    except ValidationError as error:
        raise ApplicationError(
            "invalid_scan", error.messages[0], fields={"scan": error.messages[0]}
        ) from None
    if home.status != Home.Status.NAMED:
        message = gettext_lazy("Choose a Home that is open.")
        raise ApplicationError("home_closed", message, fields={"home": message})
    User.objects.select_for_update().filter(pk=user.pk).first()
    if user.identity_documents.filter(status=IdentityDocument.Status.PENDING).exists():
        raise ApplicationError(
            "already_pending",
            gettext_lazy("You already have a document awaiting verification."),
        )
    if user.is_real_name_verified:
        raise ApplicationError(
            "already_verified", gettext_lazy("Your real name is already verified.")
        )
    index = blind_index(clean)
    taken = (
        IdentityDocument.objects.filter(number_index=index, status=IdentityDocument.Status.VERIFIED)
        .exclude(user=user)
        .exists()
    )
    if taken:
        message = gettext_lazy(
            "This document is already verified for another account. Please contact a Home."
        )
        raise ApplicationError("duplicate_document", message, fields={"number": message})
    document = IdentityDocument(
        user=user,
        kind=kind,
        full_name=full_name.strip(),
        nationality=nationality,
        number=clean,
        number_index=index,
        number_masked=mask_number(clean),
        home=home,
        scan_content_type=content_type,
    )
    scan.name = f"scan{ALLOWED_DOCUMENT_TYPES[content_type]}"
    document.scan = scan
    document.save()
    audit_record(
        actor=user,
        action="accounts.identity_submitted",
        obj=document,
        object_repr=document.get_kind_display(),
        changes={"status": [None, document.status], "home": [None, str(home.pk)]},
        city_code=home.city.code,
        organisation_id=home.carrier_id,
    )
    return document


def _lock_for_review(actor: User, document: IdentityDocument) -> IdentityDocument:
    if document.home_id not in reviewable_home_ids(actor):
        raise NotFoundError()
    return (
        IdentityDocument.objects.select_for_update()
        .select_related("user", "home", "home__city")
        .get(pk=document.pk)
    )


def _transition(document: IdentityDocument, target: str) -> str:
    source = document.status
    if (source, target) not in IDENTITY_TRANSITIONS:
        raise ApplicationError(
            "illegal_transition",
            gettext_lazy("This document has already been reviewed."),
            status=409,
        )
    document.status = target
    return source


@transaction.atomic
def identity_document_verify(*, actor: User, document: IdentityDocument) -> IdentityDocument:
    """Confirm the person's identity: the document becomes verified, the person real-name
    verified, and they are told. Refuses reviewers of other Homes (404), the person themself
    and documents already reviewed."""
    document = _lock_for_review(actor, document)
    if document.user_id == actor.pk:
        raise PermissionDeniedError(gettext_lazy("You cannot verify your own document."))
    source = _transition(document, IdentityDocument.Status.VERIFIED)
    document.reviewer = actor
    document.reviewed_at = timezone.now()
    document.save(update_fields=["status", "reviewer", "reviewed_at", "updated_at"])
    person = document.user
    person.is_real_name_verified = True
    person.save(update_fields=["is_real_name_verified"])
    audit_record(
        actor=actor,
        action="accounts.identity_verified",
        obj=document,
        object_repr=f"{document.get_kind_display()} · {person.display_name}",
        changes={"status": [source, document.status]},
        city_code=document.home.city.code,
        organisation_id=document.home.carrier_id,
    )
    with translation.override(person.preferred_language):
        notify(
            recipient=person,
            kind="accounts.identity_verified",
            title=_("Your real name is verified"),
            body=_(
                "%(home)s has verified your identity document. Your profile now shows the "
                "verified badge."
            )
            % {"home": document.home.name},
            url=reverse("accounts:identity"),
        )
    return document


@transaction.atomic
def identity_document_reject(
    *, actor: User, document: IdentityDocument, reason: str
) -> IdentityDocument:
    """Refuse the document with a reason the person reads; they may submit a new one.
    Refuses an empty reason, reviewers of other Homes (404) and documents already reviewed."""
    reason = (reason or "").strip()
    if not reason:
        message = gettext_lazy("Give the reason, so that the person can correct it.")
        raise ApplicationError("reason_required", message, fields={"reason": message})
    document = _lock_for_review(actor, document)
    if document.user_id == actor.pk:
        raise PermissionDeniedError(gettext_lazy("You cannot review your own document."))
    source = _transition(document, IdentityDocument.Status.REJECTED)
    document.reviewer = actor
    document.reviewed_at = timezone.now()
    document.rejection_reason = reason
    document.save(
        update_fields=["status", "reviewer", "reviewed_at", "rejection_reason", "updated_at"]
    )
    person = document.user
    audit_record(
        actor=actor,
        action="accounts.identity_rejected",
        obj=document,
        object_repr=f"{document.get_kind_display()} · {person.display_name}",
        changes={"status": [source, document.status]},
        note=reason,
        city_code=document.home.city.code,
        organisation_id=document.home.carrier_id,
    )
    with translation.override(person.preferred_language):
        notify(
            recipient=person,
            kind="accounts.identity_rejected",
            title=_("Your identity document was not accepted"),
            body=_("%(home)s could not verify your document. Reason: %(reason)s")
            % {"home": document.home.name, "reason": reason},
            url=reverse("accounts:identity"),
        )
    return document


# --- Password reset by SMS code (people who signed up with a mobile number only) ------------

PHONE_RESET_SESSION_KEY = "accounts_phone_password_reset"
PHONE_RESET_TIMEOUT_SECONDS = 15 * 60
PHONE_RESET_MAX_ATTEMPTS = 3


def _code_digest(code: str, phone: str) -> str:
    from django.utils.crypto import salted_hmac

    return salted_hmac("accounts.phone_reset", f"{phone}:{code}").hexdigest()


def phone_password_reset_start(*, session: Any, phone: str) -> None:
    """Text a 6-digit code to the number if an account uses it. The page that follows looks
    the same either way, so that nobody learns which numbers have accounts."""
    import secrets
    import time

    from allauth.account.adapter import get_adapter

    adapter = get_adapter()
    user = (
        User.objects.filter(phone=phone, is_active=True, deletion_requested_at__isnull=True)
        .order_by("pk")
        .first()
    )
    code = f"{secrets.randbelow(1_000_000):06d}"
    session[PHONE_RESET_SESSION_KEY] = {
        "phone": phone,
        "user_id": user.pk if user else None,
        "digest": _code_digest(code, phone),
        "expires": time.time() + PHONE_RESET_TIMEOUT_SECONDS,
        "attempts": 0,
    }
    if user is None:
        adapter.send_unknown_account_sms(phone)
        return
    with translation.override(user.preferred_language):
        text = _(
            "[Returnee Home] Your code to reset your password is %(code)s. It expires in 15 "
            "minutes. If you did not ask for it, ignore this message."
        ) % {"code": code}
    from returnee_home.accounts.sms import send_sms

    send_sms(phone, text)


def phone_password_reset_pending(session: Any) -> dict[str, Any] | None:
    import time

    state = session.get(PHONE_RESET_SESSION_KEY)
    if not state or state["expires"] < time.time():
        return None
    return state


@transaction.atomic
def phone_password_reset_complete(*, session: Any, code: str, password: str) -> User:
    """Set a new password when the code matches. Refuses an expired or unknown process, and a
    wrong code (after three wrong codes the process ends and a new code must be requested)."""
    import hmac

    from django.contrib.auth import password_validation

    state = phone_password_reset_pending(session)
    if state is None:
        raise ApplicationError(
            "reset_expired",
            gettext_lazy("The code has expired. Ask for a new one."),
        )
    matches = hmac.compare_digest(state["digest"], _code_digest(code.strip(), state["phone"]))
    if not matches or state["user_id"] is None:
        state["attempts"] += 1
        if state["attempts"] >= PHONE_RESET_MAX_ATTEMPTS:
            session.pop(PHONE_RESET_SESSION_KEY, None)
            raise ApplicationError(
                "reset_too_many_attempts",
                gettext_lazy("Too many wrong codes. Ask for a new one."),
            )
        session[PHONE_RESET_SESSION_KEY] = state
        message = gettext_lazy("The code is not correct.")
        raise ApplicationError("wrong_code", message, fields={"code": message})
    user = User.objects.select_for_update().get(pk=state["user_id"])
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ApplicationError(
            "weak_password", error.messages[0], fields={"password1": " ".join(error.messages)}
        ) from None
    user.set_password(password)
    user.phone_verified = True
    user.save(update_fields=["password", "phone_verified"])
    session.pop(PHONE_RESET_SESSION_KEY, None)
    audit_record(actor=user, action="accounts.password_reset_by_sms", obj=user)
    return user
