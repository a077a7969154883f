"""Reads of organisations, memberships and Homes, scoped to the person asking."""

from typing import Any

from django.db.models import QuerySet

from returnee_home.orgs.models import TWO_FACTOR_ROLES, Home, Membership


def memberships_of(user: Any) -> list[Membership]:
    """The person's memberships, loaded once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_memberships_cache", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, organisation__is_active=True).select_related(
                "organisation", "organisation__city"
            )
        )
        user._memberships_cache = cached
    return cached


def roles_of(user: Any) -> set[str]:
    return {m.role for m in memberships_of(user)}


def requires_two_factor(user: Any) -> bool:
    return bool(roles_of(user) & TWO_FACTOR_ROLES)


def public_homes() -> QuerySet[Home]:
    """Homes shown in the public directory: the named ones."""
    return Home.objects.filter(status=Home.Status.NAMED).select_related("city", "carrier")
