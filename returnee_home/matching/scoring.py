"""The two-sided score, vectorised over a segment of candidates.

Every match is between a *seeker* (a talent, or a talent project) and a *provider* (a job
posting, or a project demand); either may be the subject of a query. The score is

    topical ** 0.6  ×  requirements ** 0.2  ×  wishes ** 0.2

- topical: how close the two are in substance: the provider's required skills the seeker has
  (related skills of the same group earn part of the credit), the TF-IDF cosine of their terms
  (taxonomy concepts make it bilingual), and the disciplines;
- requirements: does the seeker meet the provider's conditions: degree, experience, languages;
- wishes: does the provider meet the seeker's: place, pay (salary or budget), kind of work
  (job type or cooperation mode), industry.

A part that does not apply (the posting names no language, the talent wants any city) is left
out of its average. In "strict" mode a required degree, a place outside the wanted cities, pay
below the least wanted, a kind of work not wanted and a missing required language exclude the
candidate; in "broad" mode they only lower the score."""

from dataclasses import dataclass
from typing import Any

import numpy as np

from returnee_home.matching.features import Doc
from returnee_home.matching.index import Segment, SideIndex, category_mask, related_mask

STRICT = "strict"
BROAD = "broad"
MODES = (STRICT, BROAD)

TEXT_SCALE = 2.2
GROUP_CREDIT = 0.3
TOPICAL_WEIGHTS = {"skills": 0.45, "text": 0.35, "discipline": 0.20}
REQUIREMENT_WEIGHTS = {"degree": 0.40, "experience": 0.35, "language": 0.25}
WISH_WEIGHTS = {"location": 0.40, "pay": 0.30, "mode": 0.15, "industry": 0.15}
NO_WISHES = 0.85
MIN_TOPICAL = 0.02
COMMON_SHARE = 0.25
PART_CODES = (
    "skills",
    "text",
    "discipline",
    "degree",
    "experience",
    "language",
    "location",
    "pay",
    "mode",
    "industry",
)


@dataclass
class Query:
    """The subject as seen from the candidates' index."""

    doc: Doc
    subject_is_seeker: bool
    mode: str
    qcols: np.ndarray
    qvals: np.ndarray
    skill_cols: np.ndarray
    group_cols: np.ndarray
    group_weights: np.ndarray
    disc_cols: np.ndarray
    related: int
    categories: int
    languages: int
    cities: int
    modes: int
    industries: int


def make_query(index: SideIndex, doc: Doc, *, mode: str, groups: dict[str, str]) -> Query:
    qcols, qvals = index.query_vector(doc)
    # Terms in more than a quarter of the rows weigh little (low IDF) but cost the most to
    # read: they stay in the query's norm and are left out of the sum.
    size = max(1, index.size())
    common = np.asarray([index.df(c) > COMMON_SHARE * size for c in qcols], bool)
    if common.any():
        qcols, qvals = qcols[~common], qvals[~common]
    group_count: dict[str, float] = {}
    for key in doc.skills:
        group = groups.get(key)
        if group:
            group_count[group] = group_count.get(group, 0.0) + 1.0
    group_keys = [k for k in group_count if k in index.vocab.col_of]
    return Query(
        doc=doc,
        subject_is_seeker=index.provider,
        mode=mode,
        qcols=qcols,
        qvals=qvals,
        skill_cols=index.cols(doc.skills),
        group_cols=index.cols(group_keys),
        group_weights=np.asarray([group_count[k] for k in group_keys], np.float32),
        disc_cols=index.cols([f"discipline:{c}" for c in doc.disciplines]),
        related=related_mask(doc.disciplines, index.related),
        categories=category_mask(doc.disciplines),
        languages=index.bits["languages"].mask(doc.languages, add=False),
        cities=index.bits["cities"].mask(doc.cities, add=False),
        modes=index.bits["modes"].mask(doc.modes, add=False),
        industries=index.bits["industries"].mask(doc.industries, add=False),
    )


def _column_sum(seg: Segment, matrix: Any, cols: np.ndarray, weights: Any = None) -> np.ndarray:
    """Row sums of the given columns of a CSC matrix (weighted per column when given), read
    straight from its arrays: the cost is the entries of those columns, not the rows."""
    n = seg.size
    keep = cols < matrix.shape[1]
    cols = cols[keep]
    if cols.size == 0:
        return np.zeros(n, np.float32)
    starts = matrix.indptr[cols]
    lengths = matrix.indptr[cols + 1] - starts
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(n, np.float32)
    shifts = starts - np.concatenate(([0], np.cumsum(lengths)[:-1]))
    positions = np.repeat(shifts, lengths) + np.arange(total)
    values = matrix.data[positions]
    if weights is not None:
        values = values * np.repeat(np.asarray(weights, np.float32)[keep], lengths)
    return np.bincount(matrix.indices[positions], weights=values, minlength=n).astype(np.float32)


def _popcount(values: Any) -> Any:
    return np.bitwise_count(np.asarray(values, np.int64))


def topical_parts(seg: Segment, q: Query) -> dict[str, np.ndarray]:
    """The substance parts for every row (sparse column sums: cost grows with the rows that
    share a term with the query), and `topical`, their weighted mean."""
    n = seg.size
    doc = q.doc
    cosine = _column_sum(seg, seg.X, q.qcols, q.qvals)
    text = np.minimum(1.0, cosine * TEXT_SCALE)
    if q.subject_is_seeker:
        exact = _column_sum(seg, seg.S, q.skill_cols)
        grouped = _column_sum(seg, seg.G, q.group_cols)
        skills_apply = seg.nskills > 0
    else:
        required = max(1, len(doc.skills))
        exact = _column_sum(seg, seg.S, q.skill_cols) / required
        grouped = _column_sum(seg, seg.G, q.group_cols, q.group_weights) / required
        skills_apply = np.full(n, bool(doc.skills))
    grouped = np.maximum(grouped, exact)
    skills = np.minimum(1.0, exact + GROUP_CREDIT * (grouped - exact))
    same = _column_sum(seg, seg.D, q.disc_cols) > 0
    related = np.bitwise_and(seg.related, q.related) != 0
    category = np.bitwise_and(seg.categories, q.categories) != 0
    discipline = np.where(same, 1.0, np.where(related, 0.6, np.where(category, 0.25, 0.0)))
    disc_apply = (seg.ndisc > 0) if q.subject_is_seeker else np.full(n, bool(doc.disciplines))
    w_sk, w_tx, w_dc = (TOPICAL_WEIGHTS[k] for k in ("skills", "text", "discipline"))
    weight = w_tx + w_sk * skills_apply + w_dc * disc_apply
    topical = (w_tx * text + w_sk * skills * skills_apply + w_dc * discipline * disc_apply) / weight
    return {
        "text": text.astype(np.float32),
        "skills": skills.astype(np.float32),
        "skills_applies": np.asarray(skills_apply, bool),
        "discipline": discipline.astype(np.float32),
        "discipline_applies": np.asarray(disc_apply, bool),
        "topical": topical.astype(np.float32),
    }


def score_segment(
    seg: Segment, q: Query, rows: np.ndarray | None = None, topical: dict | None = None
) -> dict[str, np.ndarray]:
    """Score and parts of the given rows (every row by default), in the order given;
    `candidate` marks those that may be ranked (alive, on topic, through strict filters)."""
    doc = q.doc
    topical = topical if topical is not None else topical_parts(seg, q)
    if rows is None:
        rows = np.arange(seg.size)
    n = rows.size
    if q.subject_is_seeker:
        s_degree, p_degree = doc.degree, seg.degree[rows].astype(np.int16)
        s_years, p_years = doc.years, seg.years[rows]
        s_lang, p_lang, p_nlang = q.languages, seg.languages[rows], seg.nlanguages[rows]
        s_cities, p_cities, s_ncities = q.cities, seg.cities[rows], len(doc.cities)
        s_money, p_money = (doc.money or np.nan), seg.money[rows]
        s_modes, p_modes, s_nmodes = q.modes, seg.modes[rows], len(doc.modes)
        s_ind, p_ind, s_nind = q.industries, seg.industries[rows], len(doc.industries)
        p_degree_required = seg.degree_required[rows]
    else:
        s_degree, p_degree = seg.degree[rows].astype(np.int16), doc.degree
        s_years, p_years = seg.years[rows], doc.years
        s_lang, p_lang, p_nlang = seg.languages[rows], q.languages, len(doc.languages)
        s_cities, p_cities = seg.cities[rows], q.cities
        s_ncities = (s_cities != 0).astype(np.int8)
        s_money, p_money = seg.money[rows], (doc.money or np.nan)
        s_modes, p_modes = seg.modes[rows], q.modes
        s_nmodes = (s_modes != 0).astype(np.int8)
        s_ind, p_ind = seg.industries[rows], q.industries
        s_nind = (s_ind != 0).astype(np.int8)
        p_degree_required = doc.degree_required

    def full(value: Any, dtype: Any = np.float32) -> np.ndarray:
        return np.broadcast_to(np.asarray(value, dtype), (n,))

    degree_apply = full(p_degree > 0, bool)
    degree = full(np.where(s_degree >= p_degree, 1.0, np.where(s_degree == p_degree - 1, 0.5, 0.0)))
    experience_apply = full(np.asarray(p_years) > 0, bool)
    experience = full(np.minimum(1.0, np.asarray(s_years) / np.maximum(np.asarray(p_years), 0.1)))
    language_apply = full(np.asarray(p_nlang) > 0, bool)
    shared_langs = _popcount(np.bitwise_and(s_lang, p_lang))
    language = full(shared_langs / np.maximum(np.asarray(p_nlang), 1))
    location_apply = full((np.asarray(s_ncities) > 0) & (np.asarray(p_cities) != 0), bool)
    location = full(np.where(np.bitwise_and(s_cities, p_cities) != 0, 1.0, 0.15))
    wanted, offered = np.asarray(s_money, np.float32), np.asarray(p_money, np.float32)
    pay_apply = full(~np.isnan(wanted), bool)
    with np.errstate(invalid="ignore", divide="ignore"):
        short = np.clip(1.0 - 2.0 * (wanted - offered) / wanted, 0.0, 1.0)
    pay = full(np.where(np.isnan(offered), 0.7, np.where(offered >= wanted, 1.0, short)))
    mode_apply = full((np.asarray(s_nmodes) > 0) & (np.asarray(p_modes) != 0), bool)
    mode = full(np.where(np.bitwise_and(s_modes, p_modes) != 0, 1.0, 0.0))
    industry_apply = full((np.asarray(s_nind) > 0) & (np.asarray(p_ind) != 0), bool)
    industry = full(np.where(np.bitwise_and(s_ind, p_ind) != 0, 1.0, 0.4))

    parts = {
        "skills": (topical["skills"][rows], topical["skills_applies"][rows]),
        "text": (topical["text"][rows], full(True, bool)),
        "discipline": (topical["discipline"][rows], topical["discipline_applies"][rows]),
        "degree": (degree, degree_apply),
        "experience": (experience, experience_apply),
        "language": (language, language_apply),
        "location": (location, location_apply),
        "pay": (pay, pay_apply),
        "mode": (mode, mode_apply),
        "industry": (industry, industry_apply),
    }
    on_topic = topical["topical"][rows]
    requirements = _mean(parts, REQUIREMENT_WEIGHTS, default=1.0)
    wishes = _mean(parts, WISH_WEIGHTS, default=NO_WISHES)
    score = np.power(on_topic, 0.6) * np.power(requirements, 0.2) * np.power(wishes, 0.2)
    candidate = seg.alive[rows] & (on_topic > MIN_TOPICAL)
    if q.mode == STRICT:
        below_degree = full(p_degree_required, bool) & degree_apply & (degree < 1.0)
        candidate &= ~below_degree
        candidate &= ~(location_apply & (location < 1.0))
        candidate &= ~(pay_apply & ~np.isnan(full(offered)) & (pay < 1.0))
        candidate &= ~(mode_apply & (mode < 1.0))
        candidate &= ~(language_apply & (language < 1.0))
    out = {"score": score.astype(np.float32), "candidate": candidate, "rows": rows}
    for code, (value, applies) in parts.items():
        out[code] = np.asarray(value, np.float32)
        out[code + "_applies"] = np.asarray(applies, bool)
    return out


def _mean(parts: dict[str, Any], weights: dict[str, float], *, default: float) -> np.ndarray:
    total = 0.0
    weight = 0.0
    for code, share in weights.items():
        value, applies = parts[code]
        # NaN (e.g. pay when no salary is wanted) must not leak from a part that does not apply.
        total = total + share * np.where(applies, value, 0.0)
        weight = weight + share * applies
    weight = np.asarray(weight, np.float32)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(weight > 0, np.asarray(total) / np.maximum(weight, 1e-9), default)
