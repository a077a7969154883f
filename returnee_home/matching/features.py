"""What the engine reads of a record: a `Doc` made of weighted terms (taxonomy concepts and
words, for the text similarity), the skills it has or requires, and the structured facts the
two-sided score compares (discipline, degree, experience, languages, place, pay, kind of work,
industry). Built from talents, postings, projects and demands alike, so one engine reads all.

The jobs models are read by their field names (jobs.models documents them) through the app
registry, so that this module imports without them."""

import datetime as dt
import math
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from django.apps import apps
from django.utils import timezone

from returnee_home.matching.taxonomy import Taxonomy, get_taxonomy
from returnee_home.matching.text import index_words, normalise

DEGREE_RANK = {"associate": 1, "bachelor": 2, "master": 3, "doctorate": 4, "postdoctoral": 5}
LANGUAGE_LEVELS_THAT_COUNT = {"working", "fluent", "native"}

# Weight of each source of terms: a skill someone lists says more than a word in a paragraph.
W_LISTED_SKILL = 3.0
W_TEXT_CONCEPT = 1.5
W_TITLE_CONCEPT = 2.5
W_GROUP = 0.7
W_OCCUPATION_SKILL = 0.6
W_DISCIPLINE = 2.0
W_DISCIPLINE_CATEGORY = 0.5
W_INDUSTRY = 1.0
W_WORD = 1.0
W_TITLE_WORD = 2.0


@dataclass
class Doc:
    """One record as the engine sees it. Lists, not sets, so that it stores as JSON."""

    kind: str
    id: int
    terms: dict[str, float] = field(default_factory=dict)
    skills: list[str] = field(default_factory=list)  # has (talent, project) or requires
    disciplines: list[str] = field(default_factory=list)
    degree: int = 0
    degree_required: bool = False
    years: float = 0.0
    languages: list[str] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)
    money: int | None = None  # salary / budget offered, or the least wanted / funding sought
    modes: list[str] = field(default_factory=list)  # job types or cooperation modes
    industries: list[str] = field(default_factory=list)
    active: bool = True

    def payload(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("kind")
        data.pop("id")
        data["terms"] = {k: round(v, 3) for k, v in self.terms.items()}
        return data

    @classmethod
    def from_payload(cls, kind: str, object_id: int, data: dict[str, Any]) -> "Doc":
        return cls(kind=kind, id=object_id, **data)

    @property
    def is_sparse(self) -> bool:
        return not self.terms


class _Terms:
    """Accumulates weighted terms, skills found and listed, in order."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.weights: Counter[str] = Counter()
        self.skills: list[str] = []

    def add(self, key: str, weight: float) -> None:
        self.weights[key] += weight

    def listed_skills(self, labels: list[str]) -> None:
        """Skills as someone typed them: a taxonomy skill, or kept as free text (`free:`)."""
        for label in labels or []:
            label = str(label).strip()
            if not label:
                continue
            key = self.taxonomy.concept_of(label)
            if key is None:
                key = "free:" + " ".join(self.taxonomy.words(label))[:80]
                for word in index_words(self.taxonomy.words(label)):
                    self.add("word:" + word, W_WORD)
            self._skill(key, W_LISTED_SKILL)

    def _skill(self, key: str, weight: float) -> None:
        if key.startswith(("skill:", "free:")) and key not in self.skills:
            self.skills.append(key)
        self.add(key, weight)
        group = self.taxonomy.group_of.get(key)
        if group:
            self.add(group, W_GROUP)

    def text(self, value: str, *, title: bool = False, skills: bool = True) -> None:
        """Concepts and leftover words of a free text. Skills found in it count as had (or
        required) when `skills` is on."""
        if not value:
            return
        words = self.taxonomy.words(value)
        concepts, leftover = self.taxonomy.find(words)
        for key in concepts:
            weight = W_TITLE_CONCEPT if title else W_TEXT_CONCEPT
            if key.startswith("skill:"):
                if skills:
                    self._skill(key, weight)
                else:
                    self.add(key, weight)
            elif key.startswith("occupation:"):
                self.add(key, weight)
                for skill in self.taxonomy.occupation_skills.get(key, ()):
                    self.add(skill, W_OCCUPATION_SKILL)
            else:
                self.add(key, weight * 0.8)
        for word in index_words(leftover):
            self.add("word:" + word, W_TITLE_WORD if title else W_WORD)

    def discipline(self, code: str) -> None:
        self.add(f"discipline:{code}", W_DISCIPLINE)
        self.add(f"dcat:{code[:2]}", W_DISCIPLINE_CATEGORY)

    def industry(self, code: str) -> None:
        self.add(f"industry:{code}", W_INDUSTRY)

    def result(self) -> dict[str, float]:
        # Repeats saturate: the tenth mention of a word is not ten times the first.
        return {k: 1.0 + math.log(v) if v > 1 else v for k, v in self.weights.items() if v > 0}


def _months(start: dt.date, end: dt.date | None) -> int:
    end = end or timezone.localdate()
    return max(0, (end.year - start.year) * 12 + end.month - start.month)


def talent_doc(profile: Any, taxonomy: Taxonomy | None = None) -> Doc:
    """A talent profile's doc. Reads related rows through `.all()` (prefetch them)."""
    taxonomy = taxonomy or get_taxonomy()
    terms = _Terms(taxonomy)
    terms.listed_skills(list(profile.skills or []))
    terms.text(profile.headline_zh, title=True)
    terms.text(profile.headline_en, title=True)
    terms.text(profile.introduction_zh)
    terms.text(profile.introduction_en)
    disciplines: list[str] = []
    degree = 0
    research_months = 0
    for education in profile.educations.all():
        rank = DEGREE_RANK.get(education.degree_level.code, 0)
        degree = max(degree, rank)
        if education.discipline_id and education.discipline.code not in disciplines:
            disciplines.append(education.discipline.code)
            terms.discipline(education.discipline.code)
        terms.text(education.field_of_study, title=True)
        if education.degree_level.code == "postdoctoral":
            research_months += _months(education.start_date, education.end_date)
    work_months = 0
    for work in profile.work_experiences.all():
        terms.text(work.title, title=True)
        terms.text(work.description)
        work_months += _months(work.start_date, work.end_date)
    for honour in profile.honours or []:
        terms.text(str(honour), skills=False)
    for industry in profile.industries.all():
        terms.industry(industry.code)
    languages = [
        skill.language.code
        for skill in profile.languages.all()
        if skill.level in LANGUAGE_LEVELS_THAT_COUNT
    ]
    cities = [city.code for city in profile.desired_cities.all()]
    return Doc(
        kind="talent",
        id=profile.pk,
        terms=terms.result(),
        skills=terms.skills,
        disciplines=disciplines,
        degree=degree,
        years=round((work_months + research_months) / 12, 1),
        languages=languages,
        cities=cities,
        money=profile.desired_salary_min,
        modes=list(profile.desired_job_types or []),
        industries=[industry.code for industry in profile.industries.all()],
        active=profile.visibility_summary != "hidden",
    )


def posting_doc(posting: Any, taxonomy: Taxonomy | None = None) -> Doc:
    """A job posting's doc: its listed skills are what it requires; when it lists none, the
    skills named in its requirements are. Active while published and open."""
    taxonomy = taxonomy or get_taxonomy()
    terms = _Terms(taxonomy)
    terms.listed_skills(list(posting.skills or []))
    listed = bool(terms.skills)
    terms.text(posting.title_zh, title=True, skills=False)
    terms.text(posting.title_en, title=True, skills=False)
    terms.text(posting.requirements_text, skills=not listed)
    terms.text(posting.responsibilities, skills=False)
    terms.text(posting.description, skills=False)
    disciplines = [d.code for d in posting.disciplines.all()]
    for code in disciplines:
        terms.discipline(code)
    if posting.industry_id:
        terms.industry(posting.industry.code)
    today = timezone.localdate()
    money = posting.salary_max or posting.salary_min
    return Doc(
        kind="posting",
        id=posting.pk,
        terms=terms.result(),
        skills=terms.skills,
        disciplines=disciplines,
        degree=DEGREE_RANK.get(posting.degree_level.code, 0) if posting.degree_level_id else 0,
        degree_required=bool(posting.degree_required),
        years=float(posting.min_years_experience or 0),
        languages=[language.code for language in posting.languages.all()],
        cities=[posting.city.code] if posting.city_id else [],
        money=money,
        modes=[posting.job_type] if posting.job_type else [],
        industries=[posting.industry.code] if posting.industry_id else [],
        active=posting.status == "published"
        and (posting.valid_through is None or posting.valid_through >= today),
    )


def project_doc(project: Any, taxonomy: Taxonomy | None = None) -> Doc:
    """A talent project's doc: its keywords are what it offers; it wants its funding, its
    cooperation modes and one of its preferred cities."""
    taxonomy = taxonomy or get_taxonomy()
    terms = _Terms(taxonomy)
    terms.listed_skills(list(project.keywords or []))
    terms.text(project.title_zh, title=True)
    terms.text(project.title_en, title=True)
    terms.text(project.summary)
    terms.text(project.results)
    terms.text(project.ip_held, skills=False)
    disciplines = [d.code for d in project.disciplines.all()]
    for code in disciplines:
        terms.discipline(code)
    if project.field_id:
        terms.industry(project.field.code)
    return Doc(
        kind="project",
        id=project.pk,
        terms=terms.result(),
        skills=terms.skills,
        disciplines=disciplines,
        cities=[city.code for city in project.preferred_cities.all()],
        money=project.funding_sought,
        modes=list(project.cooperation_modes or []),
        industries=[project.field.code] if project.field_id else [],
        active=bool(getattr(project, "is_visible", project.status == "published")),
    )


def demand_doc(demand: Any, taxonomy: Taxonomy | None = None) -> Doc:
    """A project demand's doc: its keywords (or the skills its problem names) are what it
    needs; it offers its budget, its cooperation modes and its city."""
    taxonomy = taxonomy or get_taxonomy()
    terms = _Terms(taxonomy)
    terms.listed_skills(list(demand.keywords or []))
    listed = bool(terms.skills)
    terms.text(demand.title_zh, title=True, skills=False)
    terms.text(demand.title_en, title=True, skills=False)
    terms.text(demand.problem_statement, skills=not listed)
    terms.text(demand.expected_results, skills=False)
    disciplines = [d.code for d in demand.disciplines.all()]
    for code in disciplines:
        terms.discipline(code)
    if demand.field_id:
        terms.industry(demand.field.code)
    today = timezone.localdate()
    return Doc(
        kind="demand",
        id=demand.pk,
        terms=terms.result(),
        skills=terms.skills,
        disciplines=disciplines,
        cities=[demand.city.code] if demand.city_id else [],
        money=demand.budget_max or demand.budget_min,
        modes=list(demand.cooperation_modes or []),
        industries=[demand.field.code] if demand.field_id else [],
        active=demand.status == "published"
        and (demand.deadline is None or demand.deadline >= today),
    )


# --- Loading records with what their docs read ------------------------------------------------


def jobs_model(name: str) -> Any:
    """A model of the jobs app, or None while that app has no such model."""
    try:
        return apps.get_model("jobs", name)
    except LookupError:
        return None


def talents_queryset() -> Any:
    from returnee_home.talent.models import TalentProfile

    return TalentProfile.objects.prefetch_related(
        "educations__degree_level",
        "educations__discipline",
        "work_experiences",
        "languages__language",
        "desired_cities",
        "industries",
    )


def postings_queryset() -> Any:
    model = jobs_model("JobPosting")
    return model.objects.select_related("degree_level", "city", "industry").prefetch_related(
        "disciplines", "languages"
    )


def projects_queryset() -> Any:
    model = jobs_model("TalentProject")
    return model.objects.select_related("field").prefetch_related("disciplines", "preferred_cities")


def demands_queryset() -> Any:
    model = jobs_model("ProjectDemand")
    return model.objects.select_related("field", "city").prefetch_related("disciplines")


BUILDERS = {
    "talent": (talents_queryset, talent_doc),
    "posting": (postings_queryset, posting_doc),
    "project": (projects_queryset, project_doc),
    "demand": (demands_queryset, demand_doc),
}


def normal_label(label: str) -> str:
    return normalise(label)
