"""Writes of the API app: creating, revoking and using API tokens (an organisation's, and a
person's own)."""

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from returnee_home.api.models import ApiToken, PersonalToken, TokenScope
from returnee_home.api.selectors import token_manager_organisations
from returnee_home.core.audit import audit_record
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.orgs.models import Organisation

TOKEN_PREFIX = "rh"  # noqa: S105 (a public marker, not a secret)
PERSONAL_TOKEN_PREFIX = "rhp"  # noqa: S105
# A personal token always expires; the longest it may live.
PERSONAL_TOKEN_MAX_DAYS = 366
# Writing last_used_at on every call would make each read a write; a minute is precise enough.
LAST_USED_PRECISION = timedelta(minutes=1)


def hash_token(token: str) -> str:
    """SHA-256 of the whole token: the secret is 256 random bits, so no salt or stretching is
    needed, and lookups stay one indexed query."""
    return hashlib.sha256(token.encode()).hexdigest()


def _split(token: str, marker: str = TOKEN_PREFIX) -> str | None:
    """The prefix of a well-formed token `<marker>_<prefix>_<secret>`, else None."""
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] != marker or not parts[1] or not parts[2]:
        return None
    return parts[1]


def is_personal_token(token_text: str) -> bool:
    return token_text.startswith(f"{PERSONAL_TOKEN_PREFIX}_")


def _organisation_scope(organisation: Organisation) -> dict[str, Any]:
    return {
        "city_code": organisation.city.code if organisation.city_id else "",
        "organisation_id": organisation.pk,
    }


@transaction.atomic
def api_token_create(
    *,
    actor: Any,
    organisation: Organisation,
    name: str,
    expires_at: datetime | None = None,
) -> tuple[ApiToken, str]:
    """Create a token for the organisation and return it with the full token text, which is
    never stored and cannot be shown again. Refuses people who are not a manager-level member
    of that organisation, and expiry times in the past."""
    if organisation.pk not in {o.pk for o in token_manager_organisations(actor)}:
        raise PermissionDeniedError(_("You can create API tokens only for your own organisation."))
    if expires_at is not None and expires_at <= timezone.now():
        raise ApplicationError(
            "expiry_in_past",
            _("The expiry date must be in the future."),
            fields={"expires_on": _("The expiry date must be in the future.")},
        )
    name = name.strip()
    if not name:
        raise ApplicationError(
            "name_required",
            _("Give the token a name."),
            fields={"name": _("Give the token a name.")},
        )
    prefix = secrets.token_hex(4)
    while ApiToken.objects.filter(prefix=prefix).exists():
        prefix = secrets.token_hex(4)
    full_token = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        organisation=organisation,
        name=name[:100],
        prefix=prefix,
        secret_hash=hash_token(full_token),
        created_by=actor,
        expires_at=expires_at,
    )
    audit_record(
        actor=actor,
        action="api.token.create",
        obj=token,
        changes={
            "name": [None, token.name],
            "prefix": [None, token.prefix],
            "expires_at": [None, expires_at.isoformat() if expires_at else None],
        },
        **_organisation_scope(organisation),
    )
    return token, full_token


@transaction.atomic
def api_token_revoke(*, actor: Any, token: ApiToken) -> ApiToken:
    """Revoke a token for good. Refuses people who do not manage the token's organisation and
    tokens already revoked."""
    token = ApiToken.objects.select_for_update().select_related("organisation").get(pk=token.pk)
    if token.organisation_id not in {o.pk for o in token_manager_organisations(actor)}:
        raise PermissionDeniedError(_("You can revoke API tokens only of your own organisation."))
    if token.revoked_at is not None:
        raise ApplicationError("already_revoked", _("This token is already revoked."))
    token.revoked_at = timezone.now()
    token.revoked_by = actor
    token.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
    audit_record(
        actor=actor,
        action="api.token.revoke",
        obj=token,
        changes={"revoked_at": [None, token.revoked_at.isoformat()]},
        **_organisation_scope(token.organisation),
    )
    return token


def api_token_authenticate(token_text: str) -> ApiToken:
    """The usable token for this text, with its organisation; records when it was last used.
    Refuses unknown, revoked and expired tokens and tokens of deactivated organisations
    (ApplicationError, 401)."""
    prefix = _split(token_text)
    token = (
        ApiToken.objects.select_related("organisation", "organisation__city")
        .filter(prefix=prefix)
        .first()
        if prefix
        else None
    )
    if token is None or not hmac.compare_digest(token.secret_hash, hash_token(token_text)):
        raise ApplicationError("invalid_token", _("The API token is not valid."), status=401)
    if token.is_revoked:
        raise ApplicationError("token_revoked", _("The API token has been revoked."), status=401)
    if token.is_expired:
        raise ApplicationError("token_expired", _("The API token has expired."), status=401)
    if not token.organisation.is_active:
        raise ApplicationError(
            "organisation_inactive", _("The token's organisation is deactivated."), status=401
        )
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


# --- Personal tokens -------------------------------------------------------------------------


def _has_totp(user: Any) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def _person_scope(user: Any) -> dict[str, Any]:
    from returnee_home.orgs.selectors import memberships_of

    membership = next(iter(memberships_of(user)), None)
    if membership is None:
        return {}
    organisation = membership.organisation
    return _organisation_scope(organisation)


def _new_prefix(model: type[ApiToken] | type[PersonalToken]) -> str:
    prefix = secrets.token_hex(4)
    while model.objects.filter(prefix=prefix).exists():
        prefix = secrets.token_hex(4)
    return prefix


@transaction.atomic
def personal_token_create(
    *, user: Any, name: str, scope: str, expires_at: datetime
) -> tuple[PersonalToken, str]:
    """Create a token with which the person's own program calls the API as them, and return it
    with the full token text (never stored, never shown again). Refuses people whose role needs
    two-factor authentication but who have not set it up, an unknown scope, a missing name and
    an expiry in the past or more than a year ahead."""
    from returnee_home.orgs.selectors import requires_two_factor

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise PermissionDeniedError()
    if requires_two_factor(user) and not _has_totp(user):
        raise PermissionDeniedError(
            _("Set up two-factor authentication before you create an API token."),
            code="two_factor_required",
        )
    name = name.strip()
    if not name:
        raise ApplicationError(
            "name_required",
            _("Give the token a name."),
            fields={"name": _("Give the token a name.")},
        )
    if scope not in TokenScope.values:
        text = _("Choose read only or read and write.")
        raise ApplicationError("invalid_scope", text, fields={"scope": text})
    now = timezone.now()
    if expires_at <= now or expires_at > now + timedelta(days=PERSONAL_TOKEN_MAX_DAYS):
        text = _("A token is valid for at most a year, and its expiry must be in the future.")
        raise ApplicationError("invalid_expiry", text, fields={"valid_for": text})
    prefix = _new_prefix(PersonalToken)
    full_token = f"{PERSONAL_TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    token = PersonalToken.objects.create(
        user=user,
        name=name[:100],
        prefix=prefix,
        secret_hash=hash_token(full_token),
        scope=scope,
        expires_at=expires_at,
    )
    audit_record(
        actor=user,
        action="api.personal_token.create",
        obj=token,
        changes={
            "name": [None, token.name],
            "prefix": [None, token.prefix],
            "scope": [None, scope],
            "expires_at": [None, expires_at.isoformat()],
        },
        **_person_scope(user),
    )
    return token, full_token


@transaction.atomic
def personal_token_revoke(*, user: Any, token: PersonalToken) -> PersonalToken:
    """Revoke one of the person's own tokens for good. Refuses other people's tokens (as not
    found) and tokens already revoked."""
    token = PersonalToken.objects.select_for_update().filter(pk=token.pk, user=user).first()
    if token is None:
        raise NotFoundError()
    if token.revoked_at is not None:
        raise ApplicationError("already_revoked", _("This token is already revoked."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at", "updated_at"])
    audit_record(
        actor=user,
        action="api.personal_token.revoke",
        obj=token,
        changes={"revoked_at": [None, token.revoked_at.isoformat()]},
        **_person_scope(user),
    )
    return token


def personal_token_authenticate(token_text: str) -> PersonalToken:
    """The usable personal token for this text, with its person; records when it was last used.
    Refuses unknown, revoked and expired tokens and deactivated people (401), and people who
    would be stopped at the door in a browser: a role that needs two-factor authentication
    without it, or no acceptance of the current personal-data notice (403)."""
    from returnee_home.accounts.selectors import has_current_consent
    from returnee_home.orgs.selectors import requires_two_factor

    prefix = _split(token_text, PERSONAL_TOKEN_PREFIX)
    token = (
        PersonalToken.objects.select_related("user").filter(prefix=prefix).first()
        if prefix
        else None
    )
    if token is None or not hmac.compare_digest(token.secret_hash, hash_token(token_text)):
        raise ApplicationError("invalid_token", _("The API token is not valid."), status=401)
    if token.is_revoked:
        raise ApplicationError("token_revoked", _("The API token has been revoked."), status=401)
    if token.is_expired:
        raise ApplicationError("token_expired", _("The API token has expired."), status=401)
    user = token.user
    if not user.is_active:
        raise ApplicationError(
            "person_inactive", _("The token's account is deactivated."), status=401
        )
    if requires_two_factor(user) and not _has_totp(user):
        raise PermissionDeniedError(
            _("Set up two-factor authentication before using this."), code="two_factor_required"
        )
    if not has_current_consent(user):
        raise PermissionDeniedError(
            _("Accept the current personal-data notice before using this."),
            code="consent_required",
        )
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        PersonalToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
