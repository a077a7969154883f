"""The in-process index of one kind of record (talents, postings, projects or demands).

Rows live in segments: immutable NumPy arrays and SciPy sparse matrices (CSC, so that a query
reads only the columns of its own terms). A changed record is appended to a small delta segment
and its old row is marked dead, so an update never rebuilds the index; the delta is merged
into the main segment (a concatenation, not a re-read) when it grows. Term weights are TF-IDF
with the document frequencies of the first build; rows are L2-normalised once."""

import math
import threading
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse

from returnee_home.matching.features import Doc

DELTA_MERGE_ROWS = 5_000
MASK_BITS = 63


@dataclass
class Vocabulary:
    """Feature name → column, shared by every segment of an index; only grows."""

    col_of: dict[str, int] = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)
    idf: list[float] = field(default_factory=list)
    default_idf: float = 1.0

    def col(self, key: str, *, add: bool = True) -> int | None:
        col = self.col_of.get(key)
        if col is None and add:
            col = len(self.keys)
            self.col_of[key] = col
            self.keys.append(key)
            self.idf.append(self.default_idf)
        return col


@dataclass
class Bits:
    """Codes (cities, languages, modes, industries) → bit positions of an int64 mask."""

    positions: dict[str, int] = field(default_factory=dict)

    def mask(self, codes: list[str], *, add: bool = True) -> int:
        value = 0
        for code in codes:
            position = self.positions.get(code)
            if position is None:
                if not add:
                    continue
                position = len(self.positions) % MASK_BITS
                self.positions[code] = position
            value |= 1 << position
        return value


@dataclass
class Segment:
    """A block of rows. Matrices are (rows × vocabulary at build time), CSC."""

    ids: np.ndarray
    alive: np.ndarray
    X: Any  # TF-IDF terms, rows L2-normalised
    S: Any  # skills: 1 per skill had, or 1/len(required) per skill required
    G: Any  # skill groups: 1 per group had, or (required skills in group)/len(required)
    D: Any  # disciplines (1 per discipline)
    nskills: np.ndarray
    ndisc: np.ndarray
    degree: np.ndarray
    degree_required: np.ndarray
    years: np.ndarray
    languages: np.ndarray
    nlanguages: np.ndarray
    cities: np.ndarray
    money: np.ndarray
    modes: np.ndarray
    industries: np.ndarray
    related: np.ndarray  # bit mask of related-discipline clusters
    categories: np.ndarray  # bit mask of discipline categories (门类)
    skill_cols: list[tuple[int, ...]]

    @property
    def size(self) -> int:
        return int(self.ids.shape[0])

    def nbytes(self) -> int:
        total = 0
        for value in self.__dict__.values():
            if isinstance(value, np.ndarray):
                total += value.nbytes
            elif sparse.issparse(value):
                total += value.data.nbytes + value.indices.nbytes + value.indptr.nbytes
        total += sum(8 * len(cols) + 56 for cols in self.skill_cols)
        return total

    def columns(self, matrix: Any, cols: np.ndarray) -> Any:
        """The given columns of a matrix, ignoring columns newer than this segment."""
        cols = cols[cols < matrix.shape[1]]
        return matrix[:, cols], cols


class SideIndex:
    """All rows of one kind. `provider` says which side of a match its rows are on: postings
    and demands require skills (S holds 1/len(required)); talents and projects have them."""

    def __init__(self, kind: str, *, provider: bool) -> None:
        self.kind = kind
        self.provider = provider
        self.vocab = Vocabulary()
        self.bits = {name: Bits() for name in ("cities", "languages", "modes", "industries")}
        self.main: Segment | None = None
        self.delta_docs: dict[int, Doc] = {}
        self.delta: Segment | None = None
        self.location: dict[int, tuple[str, int]] = {}  # object id → (segment, row)
        self.related: dict[str, tuple[int, ...]] = {}
        self.lock = threading.RLock()
        self.watermark: Any = None
        self.versions: dict[int, Any] = {}

    # --- building -------------------------------------------------------------------------

    def build(self, docs: list[Doc], related: dict[str, tuple[int, ...]]) -> None:
        """Replace everything by these docs (document frequencies are counted here)."""
        with self.lock:
            self.related = related
            self.vocab = Vocabulary()
            df: dict[str, int] = {}
            for doc in docs:
                for key in doc.terms:
                    df[key] = df.get(key, 0) + 1
            n = max(1, len(docs))
            self.vocab.default_idf = math.log((n + 1) / 1) + 1.0
            for key, count in sorted(df.items()):
                self.vocab.col(key)
                self.vocab.idf[-1] = math.log((n + 1) / (count + 1)) + 1.0
            self.main = self._segment(docs)
            self.delta_docs = {}
            self.delta = None
            self.location = {doc.id: ("main", row) for row, doc in enumerate(docs)}

    def upsert(self, docs: list[Doc]) -> None:
        """Add or replace rows without rebuilding: old rows die, new ones go to the delta."""
        if not docs:
            return
        with self.lock:
            for doc in docs:
                where = self.location.get(doc.id)
                if where is not None and where[0] == "main" and self.main is not None:
                    alive = self.main.alive.copy()
                    alive[where[1]] = False
                    self.main.alive = alive
                self.delta_docs[doc.id] = doc
            if len(self.delta_docs) >= DELTA_MERGE_ROWS:
                self._merge()
            else:
                ordered = list(self.delta_docs.values())
                self.delta = self._segment(ordered)
                for row, doc in enumerate(ordered):
                    self.location[doc.id] = ("delta", row)

    def remove(self, object_ids: list[int]) -> None:
        with self.lock:
            for object_id in object_ids:
                where = self.location.pop(object_id, None)
                if where is None:
                    continue
                if where[0] == "main" and self.main is not None:
                    alive = self.main.alive.copy()
                    alive[where[1]] = False
                    self.main.alive = alive
                else:
                    self.delta_docs.pop(object_id, None)
            ordered = list(self.delta_docs.values())
            self.delta = self._segment(ordered) if ordered else None
            for row, doc in enumerate(ordered):
                self.location[doc.id] = ("delta", row)

    def _merge(self) -> None:
        """Fold the delta into the main segment by concatenation."""
        ordered = list(self.delta_docs.values())
        delta = self._segment(ordered)
        main = self.main
        if main is None:
            self.main = delta
        else:
            self.main = _concat(main, delta, len(self.vocab.keys))
        offset = main.size if main is not None else 0
        for row, doc in enumerate(ordered):
            self.location[doc.id] = ("main", offset + row)
        self.delta_docs = {}
        self.delta = None

    def _segment(self, docs: list[Doc]) -> Segment:
        vocab = self.vocab
        n = len(docs)
        x_rows: list[int] = []
        x_cols: list[int] = []
        x_vals: list[float] = []
        s_rows: list[int] = []
        s_cols: list[int] = []
        s_vals: list[float] = []
        g_rows: list[int] = []
        g_cols: list[int] = []
        g_vals: list[float] = []
        d_trip: tuple[list[int], list[int]] = ([], [])
        skill_cols: list[tuple[int, ...]] = []
        arrays = {
            "nskills": np.zeros(n, np.int16),
            "ndisc": np.zeros(n, np.int16),
            "degree": np.zeros(n, np.int8),
            "degree_required": np.zeros(n, bool),
            "years": np.zeros(n, np.float32),
            "languages": np.zeros(n, np.int64),
            "nlanguages": np.zeros(n, np.int8),
            "cities": np.zeros(n, np.int64),
            "money": np.full(n, np.nan, np.float32),
            "modes": np.zeros(n, np.int64),
            "industries": np.zeros(n, np.int64),
            "related": np.zeros(n, np.int64),
            "categories": np.zeros(n, np.int64),
        }
        alive = np.zeros(n, bool)
        ids = np.zeros(n, np.int64)
        for row, doc in enumerate(docs):
            ids[row] = doc.id
            alive[row] = doc.active
            weights = {}
            for key, tf in doc.terms.items():
                col = vocab.col(key)
                assert col is not None
                weights[col] = tf * vocab.idf[col]
            norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
            for col, value in weights.items():
                x_rows.append(row)
                x_cols.append(col)
                x_vals.append(value / norm)
            cols = tuple(c for c in (vocab.col(k) for k in doc.skills) if c is not None)
            skill_cols.append(cols)
            share = 1.0 / len(cols) if (cols and self.provider) else 1.0
            groups: dict[int, float] = {}
            for key, col in zip(doc.skills, cols, strict=True):
                s_rows.append(row)
                s_cols.append(col)
                s_vals.append(share)
                group = _group_key(key)
                if group is not None:
                    gcol = vocab.col(group)
                    assert gcol is not None
                    groups[gcol] = (groups.get(gcol, 0.0) + share) if self.provider else 1.0
            for gcol, value in groups.items():
                g_rows.append(row)
                g_cols.append(gcol)
                g_vals.append(value)
            for code in doc.disciplines:
                _put(d_trip, row, vocab.col(f"discipline:{code}"))
            arrays["related"][row] = related_mask(doc.disciplines, self.related)
            arrays["categories"][row] = category_mask(doc.disciplines)
            arrays["nskills"][row] = len(cols)
            arrays["ndisc"][row] = len(doc.disciplines)
            arrays["degree"][row] = doc.degree
            arrays["degree_required"][row] = doc.degree_required
            arrays["years"][row] = doc.years
            arrays["languages"][row] = self.bits["languages"].mask(doc.languages)
            arrays["nlanguages"][row] = len(doc.languages)
            arrays["cities"][row] = self.bits["cities"].mask(doc.cities)
            if doc.money:
                arrays["money"][row] = doc.money
            arrays["modes"][row] = self.bits["modes"].mask(doc.modes)
            arrays["industries"][row] = self.bits["industries"].mask(doc.industries)
        width = len(vocab.keys)

        def matrix(rows: list[int], cols: list[int], vals: list[float] | None = None) -> Any:
            data = np.asarray(vals if vals is not None else [1.0] * len(rows), np.float32)
            return sparse.csc_matrix((data, (rows, cols)), shape=(n, width), dtype=np.float32)

        return Segment(
            ids=ids,
            alive=alive,
            X=matrix(x_rows, x_cols, x_vals),
            S=matrix(s_rows, s_cols, s_vals),
            G=matrix(g_rows, g_cols, g_vals),
            D=matrix(*d_trip),
            skill_cols=skill_cols,
            **arrays,
        )

    # --- reading ------------------------------------------------------------------------------

    def segments(self) -> list[tuple[str, Segment]]:
        with self.lock:
            out = []
            if self.main is not None:
                out.append(("main", self.main))
            if self.delta is not None:
                out.append(("delta", self.delta))
            return out

    def size(self) -> int:
        return sum(int(seg.alive.sum()) for _name, seg in self.segments())

    def nbytes(self) -> int:
        return sum(seg.nbytes() for _name, seg in self.segments())

    def df(self, col: int) -> int:
        """Rows of the main segment that have this term."""
        main = self.main
        if main is None or col >= main.X.shape[1]:
            return 0
        return int(main.X.indptr[col + 1] - main.X.indptr[col])

    def query_vector(self, doc: Doc) -> tuple[np.ndarray, np.ndarray]:
        """The doc's TF-IDF terms in this index's columns (unknown terms count in the norm:
        they make the doc less like every row alike)."""
        cols: list[int] = []
        vals: list[float] = []
        norm = 0.0
        for key, tf in doc.terms.items():
            col = self.vocab.col_of.get(key)
            weight = tf * (self.vocab.idf[col] if col is not None else self.vocab.default_idf)
            norm += weight * weight
            if col is not None:
                cols.append(col)
                vals.append(weight)
        norm = math.sqrt(norm) or 1.0
        return np.asarray(cols, np.int64), np.asarray(vals, np.float32) / norm

    def cols(self, keys: list[str]) -> np.ndarray:
        found = [self.vocab.col_of.get(k) for k in keys]
        return np.asarray([c for c in found if c is not None], np.int64)


def related_mask(codes: list[str], related: dict[str, tuple[int, ...]]) -> int:
    """Bits of the related-discipline clusters of these discipline codes."""
    value = 0
    for code in codes:
        for cluster in related.get(code, ()):
            value |= 1 << (cluster % MASK_BITS)
    return value


def category_mask(codes: list[str]) -> int:
    """Bits of the discipline categories (the first two digits) of these codes."""
    value = 0
    for code in codes:
        if code[:2].isdigit():
            value |= 1 << (int(code[:2]) % MASK_BITS)
    return value


_GROUPS: dict[str, str] = {}


def set_groups(group_of: dict[str, str]) -> None:
    """The taxonomy's skill → group map, used when rows are built."""
    _GROUPS.clear()
    _GROUPS.update(group_of)


def _group_key(skill: str) -> str | None:
    return _GROUPS.get(skill)


def _put(trip: tuple[list[int], list[int]], row: int, col: int | None) -> None:
    if col is not None:
        trip[0].append(row)
        trip[1].append(col)


def _concat(a: Segment, b: Segment, width: int) -> Segment:
    def stack(m1: Any, m2: Any) -> Any:
        m1 = m1.tocsr()
        m2 = m2.tocsr()
        m1.resize((m1.shape[0], width))
        m2.resize((m2.shape[0], width))
        return sparse.vstack([m1, m2]).tocsc()

    values: dict[str, Any] = {}
    for name, value in a.__dict__.items():
        other = getattr(b, name)
        if isinstance(value, np.ndarray):
            values[name] = np.concatenate([value, other])
        elif sparse.issparse(value):
            values[name] = stack(value, other)
        else:
            values[name] = list(value) + list(other)
    return Segment(**values)
