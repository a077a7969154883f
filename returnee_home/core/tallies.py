"""Summary tables kept current by the code that writes the records ("tallies").

A tally has two tables:

* **facts**: what each owner (a talent, an application, a posting) counts for right now — one
  row per owner and key, e.g. "talent 7, registered on 2026-03-04, counts once for country 12";
* **totals**: the facts summed per key and month — the table the dashboards read.

An action that changes an owner calls `Tally.refresh(owner_ids)` in its transaction. The tally
recomputes the owner's facts from the records (the `facts_of` function the app gives), compares
them with the stored ones and moves only the difference into the totals, so that the totals are
right whatever the change was, and a change that does not touch what is counted writes nothing.
`rebuild()` recounts everything after a bulk load that bypassed the actions (the demo seed, a
migration).

Reading: `sums()` adds the totals of the whole months inside a period to the facts of the days
at its edges, so that any range of days is exact and costs about the same as a month (a period
ending today reads the current month's total: nothing is counted on a day still to come).
"""

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import Count, F, Sum
from django.utils import timezone

Key = tuple[Any, ...]
FactsOf = Callable[[list[int]], list[dict[str, Any]]]
CHUNK = 2000


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(day: dt.date) -> dt.date:
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def split_period(start: dt.date, end: dt.date) -> tuple[tuple[dt.date, dt.date] | None, list]:
    """((first month, last month) of the whole months inside [start, end], or None), and the
    day ranges left at the edges."""
    first = start if start.day == 1 else next_month(start)
    after_last = next_month(end) if next_month(end) - dt.timedelta(days=1) == end else None
    if after_last is None:
        after_last = end.replace(day=1)
    if first >= after_last:
        return None, [(start, end)]
    edges = []
    if start < first:
        edges.append((start, first - dt.timedelta(days=1)))
    if after_last <= end:
        edges.append((after_last, end))
    last_month = (after_last - dt.timedelta(days=1)).replace(day=1)
    return (first, last_month), edges


def add_counts(
    target: dict[Key, dict[str, int]], key: Key, counts: dict[str, int], sign: int = 1
) -> None:
    row = target.setdefault(key, {})
    for name, value in counts.items():
        row[name] = row.get(name, 0) + sign * value


def apply_deltas(model: type[models.Model], names: Iterable[str], deltas: dict[Key, dict]) -> None:
    """Add each key's changes to its row of `model` (created when missing), concurrency-safe:
    an update first; an insert in a savepoint if there was no row; the update again if another
    transaction inserted it meanwhile."""
    names = tuple(names)
    for key, changes in deltas.items():
        changes = {name: value for name, value in changes.items() if value}
        if not changes:
            continue
        lookup = dict(zip(names, key, strict=True))
        increments = {name: F(name) + value for name, value in changes.items()}
        if model.objects.filter(**lookup).update(**increments):
            continue
        try:
            with transaction.atomic():
                model.objects.create(**lookup, **changes)
        except IntegrityError:
            model.objects.filter(**lookup).update(**increments)


def increment(model: type[models.Model], **lookup: Any) -> None:
    """Count one more in the summary row of `lookup` (created when missing)."""
    apply_deltas(model, lookup, {tuple(lookup.values()): {"count": 1}})


def replace_totals(
    model: type[models.Model], names: Iterable[str], sums: dict[Key, dict[str, int]]
) -> int:
    """Empty a summary table and write `sums` ({key: {count column: n}}) in its place (a
    recount after a bulk load). Returns the number of rows."""
    names = tuple(names)
    model.objects.all().delete()
    model.objects.bulk_create(
        [model(**dict(zip(names, key, strict=True)), **counts) for key, counts in sums.items()],
        batch_size=1000,
    )
    return len(sums)


@dataclass(frozen=True)
class Tally:
    facts: type[models.Model]
    totals: type[models.Model]
    owner: str  # the facts' owner column, e.g. "profile_id"
    keys: tuple[str, ...]  # columns of a fact copied to its total, besides the month
    facts_of: FactsOf  # owner ids -> the facts they count for now (dicts of fact columns)
    counts: tuple[str, ...] = ()  # count columns of a fact; none: each fact counts 1 ("count")
    day: str = "day"  # the fact's day; its month is the total's "month"
    # Facts are never dated after today (a registration, a start, a publication): a period that
    # ends today may then be read as if it ran to the end of the month, from the totals alone.
    past_only: bool = True

    @property
    def count_names(self) -> tuple[str, ...]:
        return self.counts or ("count",)

    def _total_key(self, fact: dict[str, Any]) -> Key:
        return (month_of(fact[self.day]), *(fact[k] for k in self.keys))

    def _fact_counts(self, fact: dict[str, Any]) -> dict[str, int]:
        return {name: int(fact[name]) for name in self.counts} if self.counts else {"count": 1}

    def _columns(self) -> list[str]:
        return [self.owner, self.day, *self.keys, *self.counts]

    def refresh(self, owner_ids: Iterable[int]) -> None:
        """Recount these owners' facts and move the difference into the totals (call inside the
        transaction that changed them)."""
        ids = sorted(set(owner_ids))
        if not ids:
            return
        columns = self._columns()
        with transaction.atomic():
            stored = list(self.facts.objects.filter(**{f"{self.owner}__in": ids}).values(*columns))
            current = self.facts_of(ids)

            def signature(rows: list[dict[str, Any]]) -> list[Key]:
                return sorted(tuple(r[c] for c in columns) for r in rows)

            if signature(stored) == signature(current):
                return
            deltas: dict[Key, dict[str, int]] = {}
            for fact in stored:
                add_counts(deltas, self._total_key(fact), self._fact_counts(fact), -1)
            for fact in current:
                add_counts(deltas, self._total_key(fact), self._fact_counts(fact))
            self.facts.objects.filter(**{f"{self.owner}__in": ids}).delete()
            self.facts.objects.bulk_create([self.facts(**fact) for fact in current])
            apply_deltas(self.totals, ("month", *self.keys), deltas)

    @transaction.atomic
    def rebuild(self, owner_ids: Iterable[int]) -> int:
        """Recount every fact and total from the records (all owners given). Returns the number
        of total rows."""
        self.facts.objects.all().delete()
        sums: dict[Key, dict[str, int]] = {}
        ids = sorted(owner_ids)
        for i in range(0, len(ids), CHUNK):
            facts = self.facts_of(ids[i : i + CHUNK])
            self.facts.objects.bulk_create([self.facts(**f) for f in facts], batch_size=1000)
            for fact in facts:
                add_counts(sums, self._total_key(fact), self._fact_counts(fact))
        return replace_totals(self.totals, ("month", *self.keys), sums)

    def sums(
        self, start: dt.date | None, end: dt.date | None, by: tuple[str, ...], **filters: Any
    ) -> dict[Key, dict[str, int]]:
        """{values of `by`: {count: sum}} over the days [start, end] (None: all time), from the
        totals of whole months and the facts of the edge days. `by` may name "month"."""
        result: dict[Key, dict[str, int]] = {}
        names = self.count_names
        totals = self.totals.objects.filter(**filters)
        edges: list[tuple[dt.date, dt.date]] = []
        if start is not None and end is not None:
            if self.past_only and end >= timezone.localdate():
                end = next_month(end) - dt.timedelta(days=1)
            span, edges = split_period(start, end)
            totals = None if span is None else totals.filter(month__gte=span[0], month__lte=span[1])
        if totals is not None:
            sums = {name: Sum(name) for name in names}
            for row in totals.values(*by).annotate(**sums).order_by():
                add_counts(result, tuple(row[b] for b in by), {n: row[n] or 0 for n in names})
        fact_by = tuple(self.day if b == "month" else b for b in by)
        for low, high in edges:
            qs = self.facts.objects.filter(
                **filters, **{f"{self.day}__gte": low, f"{self.day}__lte": high}
            )
            sums = {n: Sum(n) for n in self.counts} if self.counts else {"count": Count("pk")}
            for row in qs.values(*fact_by).annotate(**sums).order_by():
                key = tuple(month_of(row[self.day]) if b == "month" else row[b] for b in by)
                add_counts(result, key, {n: row[n] or 0 for n in names})
        return result


def grouped(rows: dict[Key, dict[str, int]], name: str = "count") -> Counter:
    """{first key value: count} of `sums()` grouped by one column."""
    result: Counter = Counter()
    for key, counts in rows.items():
        result[key[0]] += counts.get(name, 0)
    return result
