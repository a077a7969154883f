"""Reads of the policy library, scoped: the public sees published policies only; province
admins manage every policy and benefit, city admins those of their city; Home staff and
managers write interpretations of any published policy."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from returnee_home.core.errors import NotFoundError, PermissionDeniedError
from returnee_home.core.fulltext import ParsedQuery, parse_query, ranked
from returnee_home.core.models import City
from returnee_home.orgs.models import Role
from returnee_home.orgs.selectors import admin_city_ids, is_province_admin, roles_of
from returnee_home.policies.models import (
    Benefit,
    Department,
    Interpretation,
    Policy,
    PolicyAttachment,
    PolicySearchEntry,
    Theme,
)

INTERPRETER_ROLES = {Role.PROVINCE_ADMIN, Role.CITY_ADMIN, Role.HOME_MANAGER, Role.HOME_STAFF}


# --- Who may do what --------------------------------------------------------------------


def can_manage_policies(user: Any) -> bool:
    """Province admins and city admins manage policies and benefits."""
    return is_province_admin(user) or bool(admin_city_ids(user))


def can_interpret(user: Any) -> bool:
    return bool(roles_of(user) & INTERPRETER_ROLES)


def owner_city_for(user: Any) -> City | None:
    """The city a city admin's new policies and benefits belong to (None: the province's)."""
    if is_province_admin(user):
        return None
    cities = City.objects.filter(pk__in=admin_city_ids(user), parent__isnull=True)
    return cities.order_by("sort_order", "code").first()


def can_edit_policy(user: Any, policy: Policy) -> bool:
    if is_province_admin(user):
        return True
    return policy.owner_city_id is not None and policy.owner_city_id in admin_city_ids(user)


def can_edit_benefit(user: Any, benefit: Benefit) -> bool:
    if is_province_admin(user):
        return True
    return benefit.owner_city_id is not None and benefit.owner_city_id in admin_city_ids(user)


# --- Public reads -----------------------------------------------------------------------


def themes() -> list[Theme]:
    return list(Theme.objects.all())


def departments() -> QuerySet[Department]:
    return Department.objects.filter(policies__is_published=True).distinct().order_by("name_zh")


def _detail_related(qs: QuerySet[Policy]) -> QuerySet[Policy]:
    return qs.select_related("department", "superseded_by", "owner_city").prefetch_related(
        "themes",
        "cities",
        "attachments",
        Prefetch("supersedes", queryset=Policy.objects.filter(is_published=True)),
        Prefetch(
            "interpretations",
            queryset=Interpretation.objects.filter(is_published=True).order_by("created_at"),
            to_attr="published_interpretations",
        ),
        Prefetch(
            "benefits",
            queryset=Benefit.objects.filter(status=Benefit.Status.PUBLISHED)
            .select_related("service_item")
            .prefetch_related("conditions__degree_level"),
            to_attr="published_benefits",
        ),
    )


def public_policy(policy_id: int) -> Policy:
    """A published policy with everything its page shows."""
    policy = _detail_related(Policy.objects.filter(is_published=True)).filter(pk=policy_id).first()
    if policy is None:
        raise NotFoundError()
    return policy


@dataclass
class PolicyFilters:
    """The filters of the policy search (all optional)."""

    q: str = ""
    level: str = ""
    department: Department | None = None
    theme: Theme | None = None
    city: City | None = None
    status: str = ""
    published_from: dt.date | None = None
    published_to: dt.date | None = None

    @property
    def is_empty(self) -> bool:
        return not any(
            (
                self.q,
                self.level,
                self.department,
                self.theme,
                self.city,
                self.status,
                self.published_from,
                self.published_to,
            )
        )


def _filter_policies(qs: QuerySet[Any], filters: PolicyFilters, prefix: str = "") -> QuerySet[Any]:
    if filters.level:
        qs = qs.filter(**{f"{prefix}level": filters.level})
    if filters.department:
        qs = qs.filter(**{f"{prefix}department": filters.department})
    if filters.theme:
        qs = qs.filter(**{f"{prefix}themes": filters.theme})
    if filters.city:
        # A policy applies to a city when it names the city (or its prefecture) or names none.
        places = [filters.city.pk] + ([filters.city.parent_id] if filters.city.parent_id else [])
        qs = qs.filter(
            Q(**{f"{prefix}cities__in": places}) | Q(**{f"{prefix}cities__isnull": True})
        )
    if filters.status:
        qs = qs.filter(**{f"{prefix}status": filters.status})
    if filters.published_from:
        qs = qs.filter(**{f"{prefix}published_on__gte": filters.published_from})
    if filters.published_to:
        qs = qs.filter(**{f"{prefix}published_on__lte": filters.published_to})
    return qs


@dataclass
class SearchHit:
    """One result: a policy, or an interpretation of one."""

    policy: Policy
    interpretation: Interpretation | None
    rank: float


@dataclass
class SearchResults:
    query: ParsedQuery
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0


def search_entries(filters: PolicyFilters, *, published_only: bool = True) -> QuerySet[Any]:
    """Ranked index entries matching the query and the filters (a query is required)."""
    entries = PolicySearchEntry.objects.all()
    if published_only:
        entries = entries.filter(is_public=True)
    entries = _filter_policies(entries, filters, prefix="policy__")
    if filters.city or filters.theme:
        entries = entries.distinct()
    return ranked(entries, parse_query(filters.q))


def search(
    filters: PolicyFilters, *, offset: int = 0, limit: int = 20, published_only: bool = True
) -> SearchResults:
    """Policies and interpretations matching `filters.q`, best first; without a query, the
    policies matching the filters, newest first."""
    query = parse_query(filters.q)
    if query.is_empty:
        policies = Policy.objects.filter(is_published=True) if published_only else Policy.objects
        policies = _filter_policies(policies.all(), filters)
        if filters.city or filters.theme:
            policies = policies.distinct()
        total = policies.count()
        page = list(
            policies.select_related("department")
            .prefetch_related("themes")
            .order_by("-published_on", "-id")[offset : offset + limit]
        )
        return SearchResults(query, [SearchHit(p, None, 0.0) for p in page], total)
    entries = search_entries(filters, published_only=published_only)
    total = entries.count()
    rows = list(
        entries.values_list("policy_id", "interpretation_id", "rank")[offset : offset + limit]
    )
    policies = Policy.objects.select_related("department").prefetch_related("themes")
    by_id = {p.pk: p for p in policies.filter(pk__in={r[0] for r in rows})}
    interpretations = Interpretation.objects.in_bulk([r[1] for r in rows if r[1]])
    hits = [
        SearchHit(by_id[pid], interpretations.get(iid) if iid else None, float(rank or 0))
        for pid, iid, rank in rows
        if pid in by_id
    ]
    return SearchResults(query, hits, total)


def attachment_for(user: Any, attachment_id: int) -> PolicyAttachment:
    """An attachment of a published policy, or of one the person manages."""
    attachment = PolicyAttachment.objects.select_related("policy").filter(pk=attachment_id).first()
    if attachment is None:
        raise NotFoundError()
    if attachment.policy.is_published:
        return attachment
    if getattr(user, "is_authenticated", False) and can_edit_policy(user, attachment.policy):
        return attachment
    raise NotFoundError()


# --- Workspace reads --------------------------------------------------------------------


def managed_policies(user: Any) -> QuerySet[Policy]:
    """Every policy a province admin; a city admin's city's and the published others (read
    only); what interpreters see: published policies."""
    if is_province_admin(user):
        return Policy.objects.all()
    cities = admin_city_ids(user)
    if cities:
        return Policy.objects.filter(Q(owner_city_id__in=cities) | Q(is_published=True))
    if can_interpret(user):
        return Policy.objects.filter(is_published=True)
    return Policy.objects.none()


def workspace_policy(user: Any, policy_id: int) -> Policy:
    if not (can_manage_policies(user) or can_interpret(user)):
        raise PermissionDeniedError()
    policy = (
        _detail_related(managed_policies(user))
        .prefetch_related(
            "sources",
            Prefetch(
                "interpretations",
                queryset=Interpretation.objects.select_related("author"),
                to_attr="all_interpretations",
            ),
            Prefetch(
                "benefits",
                queryset=Benefit.objects.prefetch_related("conditions__degree_level"),
                to_attr="all_benefits",
            ),
        )
        .filter(pk=policy_id)
        .first()
    )
    if policy is None:
        raise NotFoundError()
    return policy


def editable_policy(user: Any, policy_id: int) -> Policy:
    policy = workspace_policy(user, policy_id)
    if not can_edit_policy(user, policy):
        raise PermissionDeniedError()
    return policy


def interpretation_for_editing(user: Any, interpretation_id: int) -> Interpretation:
    interpretation = (
        Interpretation.objects.select_related("policy").filter(pk=interpretation_id).first()
    )
    if interpretation is None:
        raise NotFoundError()
    workspace_policy(user, interpretation.policy_id)
    if interpretation.author_id != user.pk and not can_edit_policy(user, interpretation.policy):
        raise PermissionDeniedError()
    return interpretation


def benefit_for_editing(user: Any, benefit_id: int) -> Benefit:
    if not can_manage_policies(user):
        raise PermissionDeniedError()
    benefit = (
        Benefit.objects.select_related("policy", "service_item")
        .prefetch_related("conditions__degree_level")
        .filter(pk=benefit_id)
        .first()
    )
    if benefit is None:
        raise NotFoundError()
    if not can_edit_benefit(user, benefit):
        raise NotFoundError()
    return benefit


def published_benefits() -> QuerySet[Benefit]:
    """Every published benefit of a published, in-force policy, ready to evaluate."""
    return (
        Benefit.objects.filter(
            status=Benefit.Status.PUBLISHED,
            policy__is_published=True,
            policy__status=Policy.Status.IN_FORCE,
        )
        .select_related("policy", "service_item", "policy__department")
        .prefetch_related("conditions__degree_level", "policy__themes")
        .order_by("policy__published_on", "id")
    )
