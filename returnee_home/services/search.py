"""Catalogue search: the words indexed for a service item, the condition a query puts on them,
and the ranking of the items found.

Segmentation, normalisation (Traditional → Simplified, full-width → half-width) and the query
syntax (every word required, `A OR B`, `-word`) come from `core.fulltext`, so that the
catalogue reads a query exactly as the other searches of the portal do. The catalogue is small
(tens of items), so it is matched on its `search_text` column (jieba's words plus the raw
text, so a substring still matches) with the same SQL on PostgreSQL and SQLite, not through a
separate full-text index table.

Ranking (`ranked`): items matching more of the searched words first; among those, items with
more of the words in the title (Chinese or English) first; then the catalogue's own order.
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from returnee_home.core import fulltext

TITLE_FIELDS = ("title_zh", "title_en")
# Annotation names on ranked querysets (shown to nobody; read by tests and templates).
MATCHED = "search_matched"
IN_TITLE = "search_in_title"


def warm_up() -> None:
    """Load jieba's dictionary in a daemon thread so the first search does not wait for it."""
    fulltext.warm_up()


def search_words(*texts: str) -> str:
    """The words to index for the given texts, space separated (search-engine cut, so both
    人才公寓 and 人才, 公寓 are there), then the normalised raw texts so a substring still
    matches."""
    joined = " ".join(t for t in texts if t)
    words = fulltext.index_words(joined)
    return (words + " " + fulltext.normalise(joined).lower())[:20000]


def _term_condition(term: fulltext.Term, fields: Iterable[str]) -> Q:
    """The word found in any of the fields, or, failing that, all of its finer parts in one."""
    condition = Q()
    for name in fields:
        found = Q(**{f"{name}__icontains": term.word})
        if term.parts:
            every_part = Q()
            for part in term.parts:
                every_part &= Q(**{f"{name}__icontains": part})
            found |= every_part
        condition |= found
    return condition


def query_condition(query: str, field: str = "search_text") -> Q | None:
    """A condition matching rows whose search words contain every word of the query (`A OR B`:
    either; `-word`: not); None for an empty query. A word that is not found as written matches
    when all of its finer parts are found (人才公寓 → 人才 + 公寓)."""
    parsed = fulltext.parse_query(query, max_length=100)
    if parsed.is_empty:
        return None
    condition = Q()
    for group in parsed.groups:
        either = Q()
        for term in group:
            either |= _term_condition(term, [field])
        condition &= either
    for term in parsed.excluded:
        condition &= ~_term_condition(term, [field])
    return condition


def _count(conditions: list[Q]) -> Any:
    parts = [
        Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())
        for condition in conditions
    ]
    total: Any = parts[0]
    for part in parts[1:]:
        total = total + part
    return Coalesce(total, Value(0), output_field=IntegerField())


def ranked(
    queryset: QuerySet[Any],
    query: str,
    *,
    field: str = "search_text",
    title_fields: Iterable[str] = TITLE_FIELDS,
) -> QuerySet[Any]:
    """`queryset` filtered by the query and ordered best first: more searched words matched,
    then more of them in the title, then the queryset's own order. Each row carries
    `search_matched` and `search_in_title`. An empty query returns the queryset unchanged."""
    parsed = fulltext.parse_query(query, max_length=100)
    condition = query_condition(query, field)
    if condition is None:
        return queryset
    terms = [term for group in parsed.groups for term in group]
    title_fields = tuple(title_fields)
    previous_order = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
    return (
        queryset.filter(condition)
        .annotate(
            **{
                MATCHED: _count([_term_condition(t, [field]) for t in terms]),
                IN_TITLE: _count([_term_condition(t, title_fields) for t in terms]),
            }
        )
        .order_by(f"-{MATCHED}", f"-{IN_TITLE}", *previous_order)
    )
