"""The bilingual taxonomy: loading the shipped data files into the database, and the in-memory
lookup the engine uses to find concepts in what people write.

Concepts are named `kind:code` (`skill:machine_learning`, `discipline:0812`,
`industry:biomedicine`, `occupation:data_scientist`, `group:ai`). A text is cut into words
(text.tokens) and the longest run of words that is a known surface (a name or synonym in either
language, in normal form) becomes a concept: "ML", "机器学习" and "machine-learning" all become
`skill:machine_learning`. Words that are no concept stay words and are matched as text."""

import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.db import transaction

from returnee_home.core.models import Discipline, IndustryCluster
from returnee_home.matching import text as textmod
from returnee_home.matching.models import Concept, ConceptKind, Synonym

DATA_DIR = Path(__file__).resolve().parent / "data"
VERSION_KEY = "matching:taxonomy-version"
MAX_PHRASE_WORDS = 5


def _read(name: str) -> dict[str, Any]:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def _surface_words(surface: str, segmenter: textmod.Segmenter | None = None) -> str:
    """A surface in normal form as its words joined by single spaces (the form looked up)."""
    normal = textmod.normalise(surface)
    if segmenter is None:
        return normal
    return " ".join(textmod.tokens(normal, segmenter))


# --- Loading the data files -------------------------------------------------------------------


def load_taxonomy() -> dict[str, int]:
    """Create or update every shipped concept and synonym from `matching/data/*.json`.
    Idempotent; synonyms added by staff are kept. Returns counts per kind."""
    skills = _read("skills.json")
    occupations = _read("occupations.json")["occupations"]
    disciplines = _read("disciplines.json")
    industries = _read("industries.json")
    counts: dict[str, int] = {}
    with transaction.atomic():
        existing = {(c.kind, c.code): c for c in Concept.objects.all()}

        def upsert(kind: str, code: str, **values: Any) -> Concept:
            concept = existing.get((kind, code))
            if concept is None:
                concept = Concept.objects.create(kind=kind, code=code, **values)
                existing[(kind, code)] = concept
            else:
                changed = [k for k, v in values.items() if getattr(concept, k) != v]
                for name in changed:
                    setattr(concept, name, values[name])
                if changed:
                    concept.save(update_fields=[*changed, "updated_at"])
            return concept

        synonyms: list[tuple[Concept, str]] = []
        for row in skills["groups"]:
            concept = upsert(
                ConceptKind.GROUP, row["code"], name_zh=row["name_zh"], name_en=row["name_en"]
            )
            synonyms += [(concept, row["name_zh"]), (concept, row["name_en"])]
        for row in skills["skills"]:
            concept = upsert(
                ConceptKind.SKILL,
                row["code"],
                name_zh=row["name_zh"],
                name_en=row["name_en"],
                group=existing[(ConceptKind.GROUP, row["group"])],
                industries=row["industries"],
            )
            synonyms += [(concept, s) for s in (row["name_zh"], row["name_en"], *row["synonyms"])]
        counts["skills"] = len(skills["skills"])
        for row in occupations:
            concept = upsert(
                ConceptKind.OCCUPATION,
                row["code"],
                name_zh=row["name_zh"],
                name_en=row["name_en"],
                related_skills=row["skills"],
            )
            synonyms += [(concept, s) for s in (row["name_zh"], row["name_en"], *row["synonyms"])]
        counts["occupations"] = len(occupations)
        for discipline in Discipline.objects.filter(parent__isnull=False):
            concept = upsert(
                ConceptKind.DISCIPLINE,
                discipline.code,
                name_zh=discipline.name_zh,
                name_en=discipline.name_en,
                discipline=discipline,
            )
            extra = disciplines["synonyms"].get(discipline.code, [])
            synonyms += [(concept, s) for s in (discipline.name_zh, discipline.name_en, *extra)]
        counts["disciplines"] = len(disciplines["synonyms"])
        for industry in IndustryCluster.objects.all():
            concept = upsert(
                ConceptKind.INDUSTRY,
                industry.code,
                name_zh=industry.name_zh,
                name_en=industry.name_en,
                industry=industry,
            )
            extra = industries["synonyms"].get(industry.code, [])
            synonyms += [(concept, s) for s in (industry.name_zh, industry.name_en, *extra)]
        counts["industries"] = len(industries["synonyms"])
        have = set(Synonym.objects.values_list("concept_id", "normalised"))
        new: list[Synonym] = []
        for concept, surface in synonyms:
            normal = textmod.normalise(surface)[:200]
            if normal and (concept.pk, normal) not in have:
                have.add((concept.pk, normal))
                new.append(Synonym(concept=concept, text=surface[:200], normalised=normal))
        Synonym.objects.bulk_create(new, batch_size=2000)
        counts["synonyms"] = len(have)
        transaction.on_commit(taxonomy_changed)
    return counts


def taxonomy_changed() -> None:
    """Every process rebuilds its lookup on its next use (a version in the shared cache)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)


# --- The in-memory lookup ---------------------------------------------------------------------


@dataclass
class Taxonomy:
    """Everything the engine needs of the taxonomy, read once per process and version."""

    names: dict[str, tuple[str, str]] = field(default_factory=dict)
    surfaces: dict[str, tuple[str, ...]] = field(default_factory=dict)
    group_of: dict[str, str] = field(default_factory=dict)
    occupation_skills: dict[str, tuple[str, ...]] = field(default_factory=dict)
    discipline_related: dict[str, tuple[int, ...]] = field(default_factory=dict)
    segmenter: Any = None

    def name(self, key: str) -> str:
        """A concept's name in the active language (the key itself when unknown)."""
        from returnee_home.core.i18n import pick

        names = self.names.get(key)
        return pick(*names) if names else key.split(":", 1)[-1]

    def words(self, text: str) -> list[str]:
        return textmod.tokens(textmod.normalise(text), self.segmenter)

    def find(self, words: list[str]) -> tuple[list[str], list[str]]:
        """(concept keys, leftover words) of a text already cut into words: at each position
        the longest known phrase wins."""
        concepts: list[str] = []
        leftover: list[str] = []
        i, n = 0, len(words)
        while i < n:
            for size in range(min(MAX_PHRASE_WORDS, n - i), 0, -1):
                phrase = " ".join(words[i : i + size])
                keys = self.surfaces.get(phrase)
                if keys is None and size == 1:
                    keys = self.surfaces.get(textmod.stem(phrase))
                elif keys is None:
                    keys = self.surfaces.get(" ".join(textmod.stem(w) for w in words[i : i + size]))
                if keys:
                    concepts.extend(keys)
                    i += size
                    break
            else:
                leftover.append(words[i])
                i += 1
        return concepts, leftover

    def concept_of(self, label: str) -> str | None:
        """The concept a whole label (a skill as typed) names, or None for free text."""
        keys = self.surfaces.get(" ".join(self.words(label)))
        if not keys:
            return None
        skills = [k for k in keys if k.startswith("skill:")]
        return (skills or list(keys))[0]


_lock = threading.Lock()
_state: dict[str, Any] = {"version": None, "taxonomy": None}


def _build() -> Taxonomy:
    taxonomy = Taxonomy()
    concepts = list(Concept.objects.select_related("group"))
    for concept in concepts:
        taxonomy.names[concept.key] = (concept.name_zh, concept.name_en)
        if concept.kind == ConceptKind.SKILL and concept.group_id:
            taxonomy.group_of[concept.key] = concept.group.key  # type: ignore[union-attr]
        if concept.kind == ConceptKind.OCCUPATION:
            taxonomy.occupation_skills[concept.key] = tuple(
                f"skill:{code}" for code in concept.related_skills
            )
    rows = list(Synonym.objects.values_list("normalised", "concept__kind", "concept__code"))
    taxonomy.segmenter = textmod.Segmenter([normal for normal, _k, _c in rows])
    surfaces: dict[str, list[str]] = {}
    for normal, kind, code in rows:
        if kind == ConceptKind.GROUP:
            continue  # group names are for display; a group is never found in text
        key = f"{kind}:{code}"
        words = textmod.tokens(normal, taxonomy.segmenter)
        for form in {" ".join(words), " ".join(textmod.stem(w) for w in words)}:
            if form and key not in surfaces.setdefault(form, []):
                surfaces[form].append(key)
    taxonomy.surfaces = {form: tuple(keys) for form, keys in surfaces.items()}
    related = _read("disciplines.json").get("related", [])
    by_code: dict[str, list[int]] = {}
    for number, cluster in enumerate(related):
        for code in cluster:
            by_code.setdefault(code, []).append(number)
    taxonomy.discipline_related = {code: tuple(v) for code, v in by_code.items()}
    return taxonomy


VERSION_CHECK_SECONDS = 1.0


def get_taxonomy() -> Taxonomy:
    """This process's taxonomy, rebuilt when staff changed a synonym or the data was reloaded
    (the shared version is read at most once a second)."""
    now = time.monotonic()
    if _state["taxonomy"] is not None and now - _state.get("checked", 0.0) < VERSION_CHECK_SECONDS:
        return _state["taxonomy"]
    version = cache.get(VERSION_KEY, 0)
    _state["checked"] = now
    with _lock:
        if _state["taxonomy"] is None or _state["version"] != version:
            _state["taxonomy"] = _build()
            _state["version"] = version
        return _state["taxonomy"]


def forget_taxonomy() -> None:
    """Drop this process's copy (tests load a different taxonomy)."""
    with _lock:
        _state["taxonomy"] = None
        _state["version"] = None
        _state["checked"] = 0.0
