"""The matching engine: best postings for a talent, best talents for a posting, best demands for
a project, best projects for a demand, and partners (similar talents) for the community.

Each process keeps one `SideIndex` per kind of record, built from the stored feature rows on
first use and kept current by reading the rows changed since (never by a rebuild). Results carry
their score and its parts (`Match.parts`); `explain.py` words them in the reader's language.
A sparse subject (no skills, no education) still gets an answer: its missing parts are named."""

import threading
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.conf import settings
from django.utils import timezone

from returnee_home.matching.features import BUILDERS, Doc  # noqa: F401  (BUILDERS re-exported)
from returnee_home.matching.index import SideIndex, set_groups
from returnee_home.matching.models import Direction, FeatureRow, MatchFeedback
from returnee_home.matching.scoring import (
    BROAD,
    MIN_TOPICAL,
    MODES,
    PART_CODES,
    make_query,
    score_segment,
    topical_parts,
)
from returnee_home.matching.taxonomy import get_taxonomy

PROVIDER_KINDS = ("posting", "demand")
# direction → (subject kind, candidate kind)
DIRECTIONS = {
    Direction.POSTINGS_FOR_TALENT: ("talent", "posting"),
    Direction.TALENTS_FOR_POSTING: ("posting", "talent"),
    Direction.DEMANDS_FOR_PROJECT: ("project", "demand"),
    Direction.PROJECTS_FOR_DEMAND: ("demand", "project"),
}


@dataclass
class Part:
    """One part of a score: its value 0–1 (None when it does not apply) and what it rests on
    (`detail`: skill keys matched, related and missing; the numbers compared)."""

    code: str
    value: float | None
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def percent(self) -> int | None:
        return None if self.value is None else round(100 * self.value)


@dataclass
class Match:
    object_id: int
    score: float
    parts: list[Part]

    @property
    def percent(self) -> int:
        return round(100 * self.score)

    def part(self, code: str) -> Part | None:
        return next((p for p in self.parts if p.code == code), None)


@dataclass
class Result:
    """The matches of one query and what the subject lacks for better ones."""

    matches: list[Match]
    subject: Doc
    pool: int
    missing: list[str] = field(default_factory=list)


# --- The per-process indexes ------------------------------------------------------------------

_lock = threading.Lock()
_indexes: dict[str, SideIndex] = {}
_checked: dict[str, float] = {}


def _sync_seconds() -> float:
    return float(getattr(settings, "MATCHING_SYNC_SECONDS", 2.0))


_caught_up: dict[str, float] = {}


def _catch_up(kind: str) -> None:
    """Refresh the feature rows of records changed by other apps (at most every
    MATCHING_CATCH_UP_SECONDS per process; the scheduled `matching.catch_up` task does the same
    for every kind)."""
    interval = float(getattr(settings, "MATCHING_CATCH_UP_SECONDS", 10.0))
    if time.monotonic() - _caught_up.get(kind, -1e9) < interval:
        return
    _caught_up[kind] = time.monotonic()
    from returnee_home.matching.actions import features_catch_up

    features_catch_up((kind,))


def _rows_to_docs(rows: list[tuple[int, bool, dict[str, Any]]], kind: str) -> list[Doc]:
    docs = []
    for object_id, active, payload in rows:
        doc = Doc.from_payload(kind, object_id, payload)
        doc.active = bool(active and doc.active)
        docs.append(doc)
    return docs


def index_for(kind: str) -> SideIndex:
    """This process's index of `kind`, current to within MATCHING_SYNC_SECONDS."""
    taxonomy = get_taxonomy()
    if kind not in _pinned:
        _catch_up(kind)
    with _lock:
        index = _indexes.get(kind)
        if index is not None and kind in _pinned:
            return index
        if index is None or index.related is not taxonomy.discipline_related:
            index = SideIndex(kind, provider=kind in PROVIDER_KINDS)
            set_groups(taxonomy.group_of)
            watermark = timezone.now()
            rows = list(
                FeatureRow.objects.filter(kind=kind).values_list("object_id", "active", "payload")
            )
            index.build(_rows_to_docs(rows, kind), taxonomy.discipline_related)
            index.watermark = watermark
            _indexes[kind] = index
            _checked[kind] = time.monotonic()
            return index
        if time.monotonic() - _checked.get(kind, 0.0) >= _sync_seconds():
            _checked[kind] = time.monotonic()
            since = index.watermark
            index.watermark = timezone.now()
            rows = list(
                FeatureRow.objects.filter(kind=kind, updated_at__gte=since).values_list(
                    "object_id", "active", "payload"
                )
            )
            if rows:
                set_groups(taxonomy.group_of)
                index.upsert(_rows_to_docs(rows, kind))
        return index


_pinned: set[str] = set()


def use_index(kind: str, index: SideIndex) -> None:
    """Install an index built elsewhere (the benchmark's synthetic pool): never synced."""
    with _lock:
        _indexes[kind] = index
        _pinned.add(kind)
        _checked[kind] = time.monotonic() + 10**9


def forget_indexes() -> None:
    with _lock:
        _indexes.clear()
        _checked.clear()
        _pinned.clear()
        _caught_up.clear()


def build_index(kind: str, docs: list[Doc]) -> SideIndex:
    """A fresh index of the given docs (for the benchmark and tests)."""
    taxonomy = get_taxonomy()
    set_groups(taxonomy.group_of)
    index = SideIndex(kind, provider=kind in PROVIDER_KINDS)
    index.build(docs, taxonomy.discipline_related)
    return index


# --- Queries ------------------------------------------------------------------------------


def excluded_ids(direction: str, subject_id: int | None) -> set[int]:
    """Candidates the subject's side dismissed or rejected: never shown again."""
    if subject_id is None:
        return set()
    return set(
        MatchFeedback.objects.filter(direction=direction, subject_id=subject_id).values_list(
            "object_id", flat=True
        )
    )


FIRST_PASS = 50  # rows scored in full per result wanted, before the bound prunes the rest


def _best_rows(seg: Any, query: Any, limit: int, exclude: set[int] | None) -> dict[str, Any]:
    """Score in full only the rows that can reach the top `limit`: the score is at most
    topical ** 0.6 (the other factors are at most 1), so after scoring the most topical rows,
    any row whose bound is below the `limit`-th score found cannot enter the top."""
    topical = topical_parts(seg, query)
    mask = seg.alive & (topical["topical"] > MIN_TOPICAL)
    if exclude:
        mask &= ~np.isin(seg.ids, np.fromiter(exclude, np.int64, len(exclude)))
    rows = np.flatnonzero(mask)
    first = min(rows.size, max(limit * FIRST_PASS, 500))
    if first < rows.size:
        order = np.argpartition(-topical["topical"][rows], first - 1)
        head, tail = rows[order[:first]], rows[order[first:]]
    else:
        head, tail = rows, rows[:0]
    scored = score_segment(seg, query, head, topical)
    if tail.size:
        found = scored["score"][scored["candidate"]]
        if found.size >= limit:
            threshold = np.partition(-found, limit - 1)[limit - 1] * -1
            tail = tail[np.power(topical["topical"][tail], 0.6) >= threshold]
        if tail.size:
            more = score_segment(seg, query, tail, topical)
            scored = {k: np.concatenate([scored[k], more[k]]) for k in scored}
    return scored


def run_query(
    index: SideIndex,
    doc: Doc,
    *,
    mode: str = BROAD,
    limit: int = 20,
    exclude: set[int] | None = None,
) -> Result:
    """The best `limit` rows of `index` for `doc`, with explained parts."""
    if mode not in MODES:
        mode = BROAD
    taxonomy = get_taxonomy()
    query = make_query(index, doc, mode=mode, groups=taxonomy.group_of)
    found_scores: list[np.ndarray] = []
    found_refs: list[tuple[Any, np.ndarray, dict[str, np.ndarray]]] = []
    pool = 0
    for _name, seg in index.segments():
        pool += int(seg.alive.sum())
        scored = _best_rows(seg, query, limit, exclude)
        keep = np.flatnonzero(scored["candidate"])
        if keep.size == 0:
            continue
        found_scores.append(scored["score"][keep])
        found_refs.append((seg, keep, scored))
    matches: list[Match] = []
    if found_scores:
        scores = np.concatenate(found_scores)
        owners = np.concatenate([np.full(r.size, i) for i, (_s, r, _x) in enumerate(found_refs)])
        positions = np.concatenate([r for _s, r, _x in found_refs])
        k = min(limit, scores.size)
        top = np.argpartition(-scores, k - 1)[:k] if k < scores.size else np.arange(scores.size)
        top = top[np.argsort(-scores[top], kind="stable")]
        for t in top:
            seg, _keep, scored = found_refs[int(owners[t])]
            matches.append(_match(index, seg, int(positions[t]), scored, query, taxonomy))
    return Result(matches=matches, subject=doc, pool=pool, missing=missing_of(doc))


def _match(
    index: SideIndex, seg: Any, at: int, scored: dict[str, Any], query: Any, taxonomy: Any
) -> Match:
    """The match at position `at` of the scored rows."""
    row = int(scored["rows"][at])
    parts = []
    for code in PART_CODES:
        applies = bool(scored[code + "_applies"][at])
        value = float(scored[code][at]) if applies else None
        parts.append(Part(code=code, value=value))
    row_skills = [index.vocab.keys[c] for c in seg.skill_cols[row]]
    if query.subject_is_seeker:
        has, required = list(query.doc.skills), row_skills
    else:
        has, required = row_skills, list(query.doc.skills)
    skills = next(p for p in parts if p.code == "skills")
    skills.detail = skill_detail(has, required, taxonomy)
    return Match(object_id=int(seg.ids[row]), score=float(scored["score"][at]), parts=parts)


def skill_detail(has: list[str], required: list[str], taxonomy: Any = None) -> dict[str, list[str]]:
    """Which required skills the seeker has, has a related skill for, or lacks."""
    groups = (taxonomy or get_taxonomy()).group_of
    has_set = set(has)
    has_groups = {groups.get(k) for k in has} - {None}
    matched = [k for k in required if k in has_set]
    related = [k for k in required if k not in has_set and groups.get(k) in has_groups]
    missing = [k for k in required if k not in has_set and k not in related]
    return {"matched": matched, "related": related, "missing": missing}


def missing_of(doc: Doc) -> list[str]:
    """What a sparse subject could add for better matches (codes worded by explain.py)."""
    missing = []
    if not doc.skills:
        missing.append("skills")
    if doc.kind == "talent":
        if not doc.disciplines:
            missing.append("education")
        if not doc.cities:
            missing.append("cities")
        if doc.money is None:
            missing.append("salary")
        if not doc.languages:
            missing.append("languages")
    elif doc.kind == "posting":
        if not doc.disciplines:
            missing.append("disciplines")
        if not doc.degree:
            missing.append("degree")
    if not doc.terms:
        missing.append("text")
    return missing


# --- The four directions and partners -----------------------------------------------------


def subject_doc(kind: str, record: Any) -> Doc:
    """The doc of a record as it is now (read from the record, not from the stored row, so a
    person sees the effect of an edit at once)."""
    _queryset, build = BUILDERS[kind]
    return build(record, get_taxonomy())


def matches_for(
    direction: str,
    record: Any,
    *,
    mode: str = BROAD,
    limit: int = 20,
    exclude: set[int] | None = None,
) -> Result:
    """The best candidates for `record` read in `direction` (a Direction value), minus what
    its side dismissed or rejected."""
    subject_kind, candidate_kind = DIRECTIONS[direction]  # type: ignore[index]
    doc = subject_doc(subject_kind, record)
    hidden = excluded_ids(direction, record.pk) | (exclude or set())
    return run_query(index_for(candidate_kind), doc, mode=mode, limit=limit, exclude=hidden)


def postings_for_talent(profile: Any, **options: Any) -> Result:
    return matches_for(Direction.POSTINGS_FOR_TALENT, profile, **options)


# A talent whose degree or returnee status staff have verified ranks a little higher than an
# otherwise equal one who is not verified, and the match says why.
VERIFIED_BONUS = 0.03


def verified_talent_ids(profile_ids: list[int]) -> set[int]:
    """Of these talent profiles, those with a staff-verified degree or returnee status."""
    from django.db.models import Q

    from returnee_home.talent.models import TalentProfile

    return set(
        TalentProfile.objects.filter(pk__in=profile_ids)
        .filter(Q(returnee_status_verified=True) | Q(educations__verified=True))
        .values_list("pk", flat=True)
    )


def with_verification(matches: list[Match], limit: int) -> list[Match]:
    """Add the "verified" part to talent matches, raise verified talents by VERIFIED_BONUS and
    keep the best `limit`."""
    verified = verified_talent_ids([m.object_id for m in matches])
    for match in matches:
        if match.object_id in verified:
            match.score = min(1.0, match.score + VERIFIED_BONUS)
            match.parts.append(Part(code="verified", value=1.0))
        else:
            match.parts.append(Part(code="verified", value=0.0))
    matches.sort(key=lambda m: -m.score)
    return matches[:limit]


def talents_for_posting(posting: Any, **options: Any) -> Result:
    limit = options.pop("limit", 20)
    # Look a little further, so that a verified talent just below the cut can rise into it.
    result = matches_for(Direction.TALENTS_FOR_POSTING, posting, limit=limit + 10, **options)
    result.matches = with_verification(result.matches, limit)
    return result


def demands_for_project(project: Any, **options: Any) -> Result:
    return matches_for(Direction.DEMANDS_FOR_PROJECT, project, **options)


def projects_for_demand(demand: Any, **options: Any) -> Result:
    return matches_for(Direction.PROJECTS_FOR_DEMAND, demand, **options)


def partners_for(profile: Any, *, limit: int = 10) -> list[tuple[int, float, list[str]]]:
    """Talents most like this one (shared skills and subject), for partner-finding in the
    community: [(profile id, similarity 0–1, shared skill keys)], the person excluded."""
    doc = subject_doc("talent", profile)
    index = index_for("talent")
    qcols, qvals = index.query_vector(doc)
    skill_cols = index.cols(doc.skills)
    best: list[tuple[float, int, Any, int]] = []
    for _name, seg in index.segments():
        sub, kept = seg.columns(seg.X, qcols)
        cosine = np.asarray(sub @ qvals[: kept.size], np.float32).ravel() if kept.size else 0
        shared = np.zeros(seg.size, np.float32)
        if skill_cols.size:
            sub_s, kept_s = seg.columns(seg.S, skill_cols)
            if kept_s.size:
                shared = np.asarray(sub_s.sum(axis=1), np.float32).ravel()
        overlap = shared / max(1, len(doc.skills))
        similarity = 0.6 * np.minimum(1.0, np.asarray(cosine) * 1.5) + 0.4 * overlap
        similarity = np.where(seg.alive & (seg.ids != profile.pk), similarity, -1.0)
        k = min(limit, seg.size)
        if k == 0:
            continue
        top = np.argpartition(-similarity, k - 1)[:k]
        best.extend((float(similarity[r]), int(seg.ids[r]), seg, int(r)) for r in top)
    best.sort(key=lambda item: -item[0])
    own = set(doc.skills)
    out = []
    for value, object_id, seg, row in best[:limit]:
        if value <= 0:
            continue
        keys = [index.vocab.keys[c] for c in seg.skill_cols[row]]
        out.append((object_id, value, [k for k in keys if k in own]))
    return out
