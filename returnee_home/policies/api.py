"""API of the policy library (public: search and detail) and of the entitlement checker
(the signed-in talent's benefits)."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from returnee_home.api.auth import person_auth
from returnee_home.api.schemas import ErrorOut
from returnee_home.core.errors import ApplicationError, NotFoundError
from returnee_home.core.fulltext import excerpt, highlight
from returnee_home.core.models import City
from returnee_home.policies import selectors
from returnee_home.policies.entitlements import Names, describe, evaluate_all, facts_from_profile
from returnee_home.policies.models import Department, Level, Policy, Theme

router = Router(tags=["policies"])
benefits_router = Router(tags=["benefits"])

ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class SearchFilters(Schema):
    q: str = Field("", max_length=200, description="Words in Chinese or English (either script)")
    level: str = Field("", description="national, provincial, municipal or district")
    department: int | None = Field(None, description="Issuing department id")
    theme: str = Field("", description="Theme code, e.g. housing")
    city: str = Field("", description="City administrative code, e.g. 320100")
    status: str = Field("", description="in_force, expired or superseded")
    published_from: dt.date | None = None
    published_to: dt.date | None = None
    offset: int = Field(0, ge=0, le=10_000)
    limit: int = Field(20, ge=1, le=100)


class ThemeOut(Schema):
    code: str
    name: str
    name_zh: str
    name_en: str


class PolicySummary(Schema):
    id: int
    title: str
    title_zh: str
    title_en: str
    document_number: str
    level: str
    department: str
    themes: list[ThemeOut]
    published_on: dt.date
    status: str
    url: str


class InterpretationOut(Schema):
    id: int
    title: str
    title_zh: str
    title_en: str
    body_zh: str
    body_en: str


class SearchHitOut(Schema):
    kind: str = Field(..., description="policy or interpretation")
    rank: float
    policy: PolicySummary
    interpretation: InterpretationOut | None = None
    title_html: str = Field(..., description="Title with the matched words in <mark> (escaped)")
    excerpt_html: str = Field(..., description="Text around the first match, marked (escaped)")


class SearchOut(Schema):
    total: int
    offset: int
    terms: list[str]
    items: list[SearchHitOut]


class ConditionOut(Schema):
    kind: str
    text: str


class BenefitOut(Schema):
    id: int
    title: str
    title_zh: str
    title_en: str
    what_you_get: str
    amount_yuan: int | None
    amount_period: str
    how_to_apply: str
    service_item_url: str | None
    apply_from: dt.date | None
    apply_until: dt.date | None
    conditions: list[ConditionOut]


class AttachmentOut(Schema):
    title: str
    size: int
    url: str


class PolicyOut(PolicySummary):
    effective_from: dt.date | None
    expires_on: dt.date | None
    superseded_by: int | None
    body_zh: str
    body_en: str
    source_url: str
    cities: list[str]
    interpretations: list[InterpretationOut]
    benefits: list[BenefitOut]
    attachments: list[AttachmentOut]


class BenefitResultOut(Schema):
    benefit: BenefitOut
    policy: PolicySummary
    outcome: str = Field(..., description="met, unverified, unknown or not_met")
    reasons: list[str]
    to_check: list[str]
    unmet: list[str]


def _summary(policy: Policy) -> dict[str, Any]:
    return {
        "id": policy.pk,
        "title": policy.title,
        "title_zh": policy.title_zh,
        "title_en": policy.title_en,
        "document_number": policy.document_number,
        "level": policy.level,
        "department": policy.department.name,
        "themes": [
            {"code": t.code, "name": t.name, "name_zh": t.name_zh, "name_en": t.name_en}
            for t in policy.themes.all()
        ],
        "published_on": policy.published_on,
        "status": policy.status,
        "url": reverse("policies:detail", args=[policy.pk]),
    }


def _interpretation(i: Any) -> dict[str, Any]:
    return {
        "id": i.pk,
        "title": i.title,
        "title_zh": i.title_zh,
        "title_en": i.title_en,
        "body_zh": i.body_zh,
        "body_en": i.body_en,
    }


def _benefit(benefit: Any, names: Names) -> dict[str, Any]:
    item = benefit.service_item
    return {
        "id": benefit.pk,
        "title": benefit.title,
        "title_zh": benefit.title_zh,
        "title_en": benefit.title_en,
        "what_you_get": benefit.what_you_get,
        "amount_yuan": benefit.amount_yuan,
        "amount_period": benefit.amount_period,
        "how_to_apply": benefit.how_to_apply,
        "service_item_url": reverse("services:item", args=[item.slug])
        if item and item.is_active
        else None,
        "apply_from": benefit.apply_from,
        "apply_until": benefit.apply_until,
        "conditions": [
            {"kind": c.kind, "text": describe(c, names)} for c in benefit.conditions.all()
        ],
    }


def _invalid(field: str, message: Any) -> ApplicationError:
    return ApplicationError("invalid", message, fields={field: message}, status=400)


def _filters(query: SearchFilters) -> selectors.PolicyFilters:
    if query.level and query.level not in Level.values:
        raise _invalid("level", _("Unknown policy level."))
    if query.status and query.status not in Policy.Status.values:
        raise _invalid("status", _("Unknown status."))
    department = theme = city = None
    if query.department is not None:
        department = Department.objects.filter(pk=query.department).first()
        if department is None:
            raise _invalid("department", _("Unknown department."))
    if query.theme:
        theme = Theme.objects.filter(code=query.theme).first()
        if theme is None:
            raise _invalid("theme", _("Unknown theme."))
    if query.city:
        city = City.objects.filter(code=query.city).first()
        if city is None:
            raise _invalid("city", _("Unknown city code."))
    if query.published_from and query.published_to and query.published_to < query.published_from:
        raise _invalid("published_to", _("The end of the date range is before its start."))
    return selectors.PolicyFilters(
        q=query.q,
        level=query.level,
        department=department,
        theme=theme,
        city=city,
        status=query.status,
        published_from=query.published_from,
        published_to=query.published_to,
    )


@router.get(
    "",
    response={200: SearchOut, **ERRORS},
    auth=None,
    summary="Search published policies and interpretations",
)
def search(request: HttpRequest, query: Query[SearchFilters]) -> Any:
    """Ranked full-text search in Chinese or English (Traditional characters find Simplified
    ones). Words are all required; `A OR B` either; `-word` excludes. Without `q`, the
    policies matching the filters, newest first."""
    results = selectors.search(_filters(query), offset=query.offset, limit=query.limit)
    terms = results.query.terms
    items = []
    for hit in results.hits:
        source = hit.interpretation or hit.policy
        body = hit.interpretation.body if hit.interpretation else hit.policy.body_zh
        items.append(
            {
                "kind": "interpretation" if hit.interpretation else "policy",
                "rank": hit.rank,
                "policy": _summary(hit.policy),
                "interpretation": _interpretation(hit.interpretation)
                if hit.interpretation
                else None,
                "title_html": str(highlight(source.title, terms)),
                "excerpt_html": str(excerpt(body, terms)),
            }
        )
    return {"total": results.total, "offset": query.offset, "terms": terms, "items": items}


@router.get(
    "/{int:policy_id}", response={200: PolicyOut, **ERRORS}, auth=None, summary="One policy"
)
def detail(request: HttpRequest, policy_id: int) -> Any:
    try:
        policy = selectors.public_policy(policy_id)
    except NotFoundError as exc:
        raise NotFoundError(_("No published policy has this id.")) from exc
    names = Names.load()
    return {
        **_summary(policy),
        "effective_from": policy.effective_from,
        "expires_on": policy.expires_on,
        "superseded_by": policy.superseded_by_id,
        "body_zh": policy.body_zh,
        "body_en": policy.body_en,
        "source_url": policy.source_url,
        "cities": [c.code for c in policy.cities.all()],
        "interpretations": [_interpretation(i) for i in policy.published_interpretations],
        "benefits": [_benefit(b, names) for b in policy.published_benefits],
        "attachments": [
            {
                "title": a.title,
                "size": a.size,
                "url": reverse("policies:attachment", args=[a.pk]),
            }
            for a in policy.attachments.all()
        ],
    }


@benefits_router.get(
    "",
    response={200: list[BenefitResultOut], **ERRORS},
    auth=person_auth,
    summary="Benefits the signed-in talent may qualify for",
)
def my_benefits(request: HttpRequest, include_not_met: bool = False) -> Any:
    """Every published benefit evaluated against the caller's talent profile, the most
    certain first, with the reasons, what is still unknown and what is not met."""
    from returnee_home.talent.models import TalentProfile

    user = getattr(request.auth, "user", None)  # type: ignore[attr-defined]
    if user is None:
        raise ApplicationError(
            "person_required", _("Sign in as a person to see your benefits."), status=403
        )
    profile = (
        TalentProfile.objects.filter(user=user)
        .prefetch_related(
            "educations__degree_level",
            "educations__country",
            "educations__discipline__parent",
            "work_experiences__country",
        )
        .first()
    )
    if profile is None:
        raise ApplicationError(
            "no_talent_profile",
            _("Create your talent profile first; the checker reads it."),
            status=404,
        )
    names = Names.load()
    results = evaluate_all(selectors.published_benefits(), facts_from_profile(profile), names)
    return [
        {
            "benefit": _benefit(r.benefit, names),
            "policy": _summary(r.benefit.policy),
            "outcome": r.outcome,
            "reasons": r.reasons,
            "to_check": r.to_check,
            "unmet": r.unmet,
        }
        for r in results
        if include_not_met or r.may_qualify
    ]
