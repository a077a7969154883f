"""Matching engine benchmarks (issue 5), measured in-process on the bench database.

- matching.quality: nDCG@10 and recall@20 of the engine on the labelled set in bench/eval/
  against a plain TF-IDF cosine baseline (same words, no taxonomy, no structured parts).
- matching.talent_top20 / matching.posting_top20: best 20 postings for one talent over the
  posting pool, best 20 talents for one posting over the talent pool (median of many queries),
  at 100,000 rows and at 10,000 rows (`*_10k`) to show how cost grows with the pool.
- matching.recompute_all: stored top matches recomputed for a sample of subjects at two sample
  sizes (linear growth shown), and the time for every subject of the pool extrapolated.
- matching.index_update: one changed record applied to the live index (no rebuild).
- matching.index_memory: bytes of the in-process indexes.

The pools are the feature rows of the demo province when it has at least 100,000 of a kind;
otherwise a synthetic pool of that size is built in memory from the same record generators
(variations of hand-written postings and profiles) and the row says `"source": "synthetic"`.
"""

import json
import math
import os
import random
import statistics
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

HERE = Path(__file__).resolve().parent
# Another labelled set in the same format can be measured with MATCHING_EVAL=path.
EVAL = Path(os.environ.get("MATCHING_EVAL") or HERE / "eval" / "matching_eval.json")
POOL = 100_000
SMALL_POOL = 10_000
QUERIES = 200


class Many(list):
    """A list that answers `.all()` like a related manager."""

    def all(self) -> "Many":
        return self


def _ref(code: str | None) -> Any:
    return SimpleNamespace(code=code) if code else None


def posting_record(p: dict[str, Any], pk: int) -> Any:
    import datetime as dt

    zh = p.get("language", "zh") == "zh"
    title_zh = p.get("title_zh", p.get("title", "") if zh else "")
    title_en = p.get("title_en", p.get("title", "") if not zh else "")
    return SimpleNamespace(
        pk=pk,
        skills=p.get("skills", []),
        title_zh=title_zh,
        title_en=title_en,
        requirements_text=p.get("requirements", ""),
        responsibilities=p.get("responsibilities", ""),
        description=p.get("description", ""),
        disciplines=Many(_ref(c) for c in p.get("disciplines", [])),
        industry_id=1 if p.get("industry") else None,
        industry=_ref(p.get("industry")),
        salary_max=p.get("salary_max"),
        salary_min=None,
        degree_level_id=1 if p.get("degree") else None,
        degree_level=_ref(p.get("degree")),
        degree_required=p.get("degree_required", False),
        min_years_experience=p.get("years", 0),
        languages=Many(_ref(c) for c in p.get("languages", [])),
        city_id=1 if p.get("city") else None,
        city=_ref(p.get("city")),
        job_type=p.get("job_type", "full_time"),
        status="published",
        valid_through=dt.date(2100, 1, 1),
    )


def talent_record(t: dict[str, Any], pk: int) -> Any:
    import datetime as dt

    zh = t.get("language", "zh") == "zh"
    years = int(t.get("years", 0) or 0)
    education = SimpleNamespace(
        degree_level=_ref(t.get("degree")),
        discipline_id=1 if t.get("discipline") else None,
        discipline=_ref(t.get("discipline")),
        field_of_study="",
        start_date=dt.date(2015, 9, 1),
        end_date=dt.date(2019, 7, 1),
    )
    work = Many()
    if years:
        end = dt.date(2025, 6, 1)
        work.append(
            SimpleNamespace(
                title="", description="", start_date=dt.date(2025 - years, 6, 1), end_date=end
            )
        )
    headline, introduction = t.get("headline", ""), t.get("introduction", "")
    return SimpleNamespace(
        pk=pk,
        skills=t.get("skills", []),
        headline_zh=t.get("headline_zh", headline if zh else ""),
        headline_en=t.get("headline_en", headline if not zh else ""),
        introduction_zh=t.get("introduction_zh", introduction if zh else ""),
        introduction_en=t.get("introduction_en", introduction if not zh else ""),
        educations=Many([education] if t.get("degree") else []),
        work_experiences=work,
        honours=[],
        industries=Many(),
        languages=Many(
            SimpleNamespace(language=_ref(c), level="fluent") for c in t.get("languages", [])
        ),
        desired_cities=Many(_ref(c) for c in t.get("cities", [])),
        desired_salary_min=t.get("salary_min"),
        desired_job_types=[],
        visibility_summary="verified",
    )


# --- Quality -----------------------------------------------------------------------------


def _dcg(grades: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades))


def ndcg_at(ranking: list[int], qrels: dict[int, int], k: int) -> float:
    ideal = _dcg(sorted(qrels.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return _dcg([qrels.get(doc, 0) for doc in ranking[:k]]) / ideal


def recall_at(ranking: list[int], qrels: dict[int, int], k: int) -> float:
    relevant = {d for d, g in qrels.items() if g > 0}
    if not relevant:
        return 0.0
    return len(relevant & set(ranking[:k])) / len(relevant)


def baseline_rankings(data: dict[str, Any]) -> dict[str, list[int]]:
    """Plain TF-IDF cosine over the same texts (jieba words, lower case, no taxonomy)."""
    import numpy as np
    from scipy import sparse

    from returnee_home.matching import text as textmod

    segmenter = textmod.Segmenter([])

    def words(*parts: str) -> list[str]:
        joined = " ".join(parts)
        return textmod.index_words(textmod.tokens(textmod.normalise(joined), segmenter))

    def posting_text(p: dict[str, Any]) -> list[str]:
        return words(
            p.get("title", ""), p.get("title_zh", ""), p.get("title_en", ""),
            " ".join(p.get("skills", [])), p.get("requirements", ""), p.get("description", ""),
        )  # fmt: skip

    posting_words = [posting_text(p) for p in data["postings"]]
    vocab: dict[str, int] = {}
    df: dict[int, int] = {}
    for ws in posting_words:
        for w in set(ws):
            col = vocab.setdefault(w, len(vocab))
            df[col] = df.get(col, 0) + 1
    n = len(posting_words)
    idf = np.ones(len(vocab))
    for col, count in df.items():
        idf[col] = math.log((n + 1) / (count + 1)) + 1

    def vector(ws: list[str]) -> Any:
        counts: dict[int, float] = {}
        for w in ws:
            if w in vocab:
                counts[vocab[w]] = counts.get(vocab[w], 0) + 1
        cols = list(counts)
        vals = np.array([(1 + math.log(counts[c])) * idf[c] for c in cols])
        norm = np.linalg.norm(vals) or 1.0
        return sparse.csr_matrix((vals / norm, ([0] * len(cols), cols)), shape=(1, len(vocab)))

    matrix = sparse.vstack([vector(ws) for ws in posting_words]).tocsr()
    ids = [p["id"] for p in data["postings"]]
    out = {}
    for t in data["talents"]:
        q = vector(
            words(
                t.get("headline", ""), t.get("headline_zh", ""), t.get("headline_en", ""),
                " ".join(t.get("skills", [])), t.get("introduction", ""),
                t.get("introduction_zh", ""), t.get("introduction_en", ""),
            )
        )  # fmt: skip
        scores = (matrix @ q.T).toarray().ravel()
        order = np.argsort(-scores, kind="stable")
        out[t["id"]] = [ids[i] for i in order if scores[i] > 0][:20]
    return out


def quality() -> dict[str, Any]:
    from returnee_home.matching import engine
    from returnee_home.matching.features import posting_doc, talent_doc

    data = json.loads(EVAL.read_text(encoding="utf-8"))
    postings = [posting_doc(posting_record(p, p["id"])) for p in data["postings"]]
    index = engine.build_index("posting", postings)
    qrels = {q: {int(k): v for k, v in grades.items()} for q, grades in data["qrels"].items()}
    baseline = baseline_rankings(data)
    ndcg, recall, b_ndcg, b_recall = [], [], [], []
    for number, t in enumerate(data["talents"]):
        doc = talent_doc(talent_record(t, 10_000 + number))
        ranking = [m.object_id for m in engine.run_query(index, doc, limit=20).matches]
        ndcg.append(ndcg_at(ranking, qrels[t["id"]], 10))
        recall.append(recall_at(ranking, qrels[t["id"]], 20))
        b_ndcg.append(ndcg_at(baseline[t["id"]], qrels[t["id"]], 10))
        b_recall.append(recall_at(baseline[t["id"]], qrels[t["id"]], 20))
    return {
        "name": "matching.quality",
        "ndcg_at_10": round(statistics.fmean(ndcg), 4),
        "recall_at_20": round(statistics.fmean(recall), 4),
        "baseline_ndcg_at_10": round(statistics.fmean(b_ndcg), 4),
        "baseline_recall_at_20": round(statistics.fmean(b_recall), 4),
        "queries": len(data["talents"]),
        "candidates": len(data["postings"]),
        "set": "bench/eval/matching_eval.json",
    }


# --- Pools --------------------------------------------------------------------------------

CITIES = ["320100", "320200", "320300", "320400", "320500", "320600", "320700", "320800",
          "320900", "321000", "321100", "321200", "321300"]  # fmt: skip


def _vary(base: Any, i: int, rng: random.Random, *, kind: str) -> Any:
    from returnee_home.matching.features import Doc

    skills = list(base.skills)
    if len(skills) > 2 and rng.random() < 0.5:
        skills.pop(rng.randrange(len(skills)))
    terms = {
        k: v
        for k, v in base.terms.items()
        if not (k.startswith("skill:") and k not in skills) or rng.random() < 0.5
    }
    if kind == "posting":
        cities = [rng.choice(CITIES)]
        money = rng.choice([None, 12_000, 18_000, 25_000, 35_000, 50_000])
    else:
        cities = rng.sample(CITIES, rng.randint(0, 3))
        money = rng.choice([None, 10_000, 15_000, 20_000, 30_000])
    return Doc(
        kind=kind,
        id=i,
        terms=terms,
        skills=skills,
        disciplines=list(base.disciplines),
        degree=max(0, base.degree + rng.choice([-1, 0, 0, 1])),
        degree_required=base.degree_required and rng.random() < 0.5,
        years=float(rng.randint(0, 8)),
        languages=list(base.languages),
        cities=cities,
        money=money,
        modes=["full_time"],
        industries=list(base.industries),
        active=True,
    )


def _templates(kind: str) -> list[Any]:
    from returnee_home.matching.features import posting_doc, talent_doc

    data = json.loads(EVAL.read_text(encoding="utf-8"))
    if kind == "posting":
        bases = [posting_doc(posting_record(p, p["id"])) for p in data["postings"]]
        try:  # the jobs demo's own templates, when that app ships them
            from returnee_home.jobs.demo import JOBS

            for n, job in enumerate(JOBS):
                record = {
                    "language": "zh", "title": job[0], "skills": job[4], "disciplines": job[3],
                    "degree": job[5], "years": job[6], "city": "320100", "industry": job[2],
                    "salary_max": None, "description": job[7],
                }  # fmt: skip
                bases.append(posting_doc(posting_record(record, 50_000 + n)))
        except (ImportError, IndexError, TypeError):
            pass
        return bases
    return [talent_doc(talent_record(t, n)) for n, t in enumerate(data["talents"])]


def pool(kind: str, size: int) -> tuple[list[Any], str]:
    """`size` docs of `kind`: the demo province's rows when it has enough, else synthetic."""
    from returnee_home.matching.engine import _rows_to_docs
    from returnee_home.matching.models import FeatureRow

    rows = list(
        FeatureRow.objects.filter(kind=kind, active=True)
        .order_by("object_id")
        .values_list("object_id", "active", "payload")[:size]
    )
    if len(rows) >= size:
        return _rows_to_docs(rows, kind), "database"
    # Too few active rows (drafts, filled and expired postings are not in the pool): the demo
    # province's rows first, then synthetic variations up to the size, and the row says so.
    rng = random.Random(2026)
    bases = _templates(kind)
    real = _rows_to_docs(rows, kind) if rows else []
    start = max((doc.id for doc in real), default=0)  # synthetic ids after the real ones
    extra = [
        _vary(bases[i % len(bases)], start + i + 1, rng, kind=kind) for i in range(size - len(real))
    ]
    if not real:
        return extra, "synthetic"
    return real + extra, f"database {len(real)} + synthetic {len(extra)}"


def _timed(fn: Any, repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def _row(name: str, times: list[float], **extra: Any) -> dict[str, Any]:
    times = sorted(times)
    return {
        "name": name,
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
        **extra,
    }


def speed() -> list[dict[str, Any]]:
    from returnee_home.matching import engine

    rng = random.Random(7)
    results = []
    postings, p_source = pool("posting", POOL)
    talents, t_source = pool("talent", POOL)
    started = time.perf_counter()
    p_index = engine.build_index("posting", postings)
    p_build = time.perf_counter() - started
    started = time.perf_counter()
    t_index = engine.build_index("talent", talents)
    t_build = time.perf_counter() - started
    p_small = engine.build_index("posting", postings[:SMALL_POOL])
    t_small = engine.build_index("talent", talents[:SMALL_POOL])
    talent_queries = [rng.choice(talents) for _ in range(QUERIES)]
    posting_queries = [rng.choice(postings) for _ in range(QUERIES)]

    def bench(large: Any, small: Any, queries: list[Any]) -> tuple[list[float], list[float]]:
        """Each query against both pools in turn, so that both see the same machine load
        (two cores shared with everything else running)."""
        engine.run_query(large, queries[0], limit=20)  # warm
        engine.run_query(small, queries[0], limit=20)
        big_times, small_times = [], []
        for doc in queries:
            for index, times in ((large, big_times), (small, small_times)):
                started, cpu = time.perf_counter(), time.thread_time()
                engine.run_query(index, doc, limit=20)
                times.append(
                    (
                        (time.perf_counter() - started) * 1000,
                        (time.thread_time() - cpu) * 1000,
                    )
                )
        return big_times, small_times

    def cpu(times: list[tuple[float, float]]) -> float:
        return statistics.median(t[1] for t in times)

    def wall(times: list[tuple[float, float]]) -> list[float]:
        return [t[0] for t in times]

    big, small = bench(p_index, p_small, talent_queries)
    results.append(
        _row(
            "matching.talent_top20",
            wall(big),
            cpu_median_ms=round(cpu(big), 2),
            pool=p_index.size(),
            source=p_source,
            build_s=round(p_build, 1),
            index_mb=round(p_index.nbytes() / 2**20, 1),
        )
    )
    results.append(
        _row(
            "matching.talent_top20_10k",
            wall(small),
            cpu_median_ms=round(cpu(small), 2),
            pool=p_small.size(),
            growth_100k_over_10k=round(cpu(big) / cpu(small), 2),
        )
    )
    big, small = bench(t_index, t_small, posting_queries)
    results.append(
        _row(
            "matching.posting_top20",
            wall(big),
            cpu_median_ms=round(cpu(big), 2),
            pool=t_index.size(),
            source=t_source,
            build_s=round(t_build, 1),
            index_mb=round(t_index.nbytes() / 2**20, 1),
        )
    )
    results.append(
        _row(
            "matching.posting_top20_10k",
            wall(small),
            cpu_median_ms=round(cpu(small), 2),
            pool=t_small.size(),
            growth_100k_over_10k=round(cpu(big) / cpu(small), 2),
        )
    )
    # Stored matches for everyone: one query per subject, so time is linear in subjects.
    samples = {}
    for n in (500, 1000):
        subjects = talents[:n]
        started = time.perf_counter()
        for doc in subjects:
            engine.run_query(p_index, doc, limit=20)
        samples[n] = time.perf_counter() - started
    per_subject = samples[1000] / 1000
    results.append(
        {
            "name": "matching.recompute_all",
            "seconds_500": round(samples[500], 2),
            "seconds_1000": round(samples[1000], 2),
            "per_subject_ms": round(per_subject * 1000, 2),
            "estimated_full_s": round(per_subject * t_index.size()),
            "subjects": t_index.size(),
            "pool": p_index.size(),
        }
    )
    # One changed record applied to the live index without a rebuild.
    changed = [postings[rng.randrange(len(postings))] for _ in range(50)]
    it = iter(changed)
    results.append(
        _row("matching.index_update", _timed(lambda: p_index.upsert([next(it)]), len(changed)))
    )
    results.append(
        {
            "name": "matching.index_memory",
            "postings_mb": round(p_index.nbytes() / 2**20, 1),
            "talents_mb": round(t_index.nbytes() / 2**20, 1),
            "rows": p_index.size() + t_index.size(),
        }
    )
    return results


def run(server: Any) -> list[dict[str, Any]]:
    import django

    django.setup()
    from returnee_home.matching.models import Concept
    from returnee_home.matching.taxonomy import load_taxonomy

    if not Concept.objects.exists():
        load_taxonomy()  # an older bench database: the taxonomy is shipped data, load it
    results = [quality(), *speed()]
    for row in results:
        print(json.dumps(row, ensure_ascii=False))
    return results


if __name__ == "__main__":  # `.venv/bin/python bench/matching_bench.py` against var/ (quick look)
    import os
    import sys

    sys.path.insert(0, str(HERE.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    run(None)
