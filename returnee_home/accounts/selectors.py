"""Reads of accounts data, scoped to the person asking. Views reach private objects only here."""

from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from returnee_home.accounts.models import ConsentRecord, IdentityDocument, User
from returnee_home.core.errors import NotFoundError, PermissionDeniedError
from returnee_home.orgs.models import Home, Role
from returnee_home.orgs.selectors import memberships_of

REVIEWER_ROLES = frozenset({Role.HOME_STAFF, Role.HOME_MANAGER})


def current_privacy_version() -> str:
    return str(settings.PRIVACY_POLICY_VERSION)


def latest_consent(user: Any) -> ConsentRecord | None:
    return (
        ConsentRecord.objects.filter(user=user, purpose="platform")
        .order_by("-created_at", "-pk")
        .first()
    )


def has_current_consent(user: Any) -> bool:
    """True when the person's latest decision is an acceptance of the current notice."""
    consent = latest_consent(user)
    return bool(consent and consent.accepted and consent.version == current_privacy_version())


def consent_history(user: Any) -> QuerySet[ConsentRecord]:
    return ConsentRecord.objects.filter(user=user).order_by("-created_at", "-pk")


def identity_documents_of(user: Any) -> QuerySet[IdentityDocument]:
    """The person's own submissions, newest first."""
    return IdentityDocument.objects.filter(user=user).select_related(
        "home", "nationality", "reviewer"
    )


def own_identity_document(user: Any, pk: int) -> IdentityDocument:
    try:
        return identity_documents_of(user).get(pk=pk)
    except IdentityDocument.DoesNotExist:
        raise NotFoundError() from None


def reviewable_home_ids(user: Any) -> set[int]:
    """The Homes whose real-name queue the person works: staff or manager of the carrier."""
    carrier_ids = {m.organisation_id for m in memberships_of(user) if m.role in REVIEWER_ROLES}
    if not carrier_ids:
        return set()
    cached = getattr(user, "_reviewable_home_ids", None)
    if cached is None:
        cached = set(Home.objects.filter(carrier_id__in=carrier_ids).values_list("pk", flat=True))
        user._reviewable_home_ids = cached
    return cached


def is_identity_reviewer(user: Any) -> bool:
    return bool(reviewable_home_ids(user))


def identity_review_queue(
    user: Any, *, status: str | None = IdentityDocument.Status.PENDING
) -> QuerySet[IdentityDocument]:
    """Submissions to the person's Homes (pending by default, oldest first).

    Refuses people who review for no Home (403)."""
    home_ids = reviewable_home_ids(user)
    if not home_ids:
        raise PermissionDeniedError()
    documents = IdentityDocument.objects.filter(home_id__in=home_ids).select_related(
        "user", "home", "nationality", "reviewer"
    )
    if status:
        documents = documents.filter(status=status)
    order = "created_at" if status == IdentityDocument.Status.PENDING else "-created_at"
    return documents.order_by(order, "pk")


def identity_document_for_review(user: Any, pk: int) -> IdentityDocument:
    """One submission to one of the person's Homes; another Home's answers 404, no role 403."""
    try:
        return identity_review_queue(user, status=None).get(pk=pk)
    except IdentityDocument.DoesNotExist:
        raise NotFoundError() from None


def homes_for_submission(user: Any) -> QuerySet[Home]:
    """Homes a person may send their document to: every named Home, theirs first in the form."""
    return (
        Home.objects.filter(status=Home.Status.NAMED)
        .select_related("city")
        .order_by("city__sort_order", "code")
    )


def deletion_due(now: Any) -> QuerySet[User]:
    """Accounts whose deletion grace period has ended and that are not yet anonymised."""
    import datetime

    cutoff = now - datetime.timedelta(days=int(settings.ACCOUNT_DELETION_GRACE_DAYS))
    return User.objects.filter(
        deletion_requested_at__isnull=False, deletion_requested_at__lte=cutoff, is_active=True
    )
