"""Writes of the API app: creating, revoking and using API tokens."""

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from returnee_home.api.models import ApiToken
from returnee_home.api.selectors import token_manager_organisations
from returnee_home.core.audit import audit_record
from returnee_home.core.errors import ApplicationError, PermissionDeniedError
from returnee_home.orgs.models import Organisation

TOKEN_PREFIX = "rh"  # noqa: S105 (a public marker, not a secret)
# Writing last_used_at on every call would make each read a write; a minute is precise enough.
LAST_USED_PRECISION = timedelta(minutes=1)


def hash_token(token: str) -> str:
    """SHA-256 of the whole token: the secret is 256 random bits, so no salt or stretching is
    needed, and lookups stay one indexed query."""
    return hashlib.sha256(token.encode()).hexdigest()


def _split(token: str) -> str | None:
    """The prefix of a well-formed token `rh_<prefix>_<secret>`, else None."""
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or not parts[1] or not parts[2]:
        return None
    return parts[1]


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
