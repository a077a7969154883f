"""The entitlement checker: which published benefits a person may qualify for, and why.

Rules are data (`BenefitCondition` rows) evaluated by the functions below, one per condition
kind; nothing a user or an admin types is ever executed. What we know about the person is a
`Facts`, built from a talent profile or from the visitor's questionnaire, where `None` means
"not known" so that the answer can say what to add rather than guess.

A condition is met, met on an unverified degree (staff have not yet checked the diploma),
not met, or unknown. A benefit's outcome is the worst of its conditions."""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from returnee_home.core.fulltext import normalise
from returnee_home.policies.models import Benefit, BenefitCondition, ConditionKind

HOME_COUNTRY_CODE = "CN"


@dataclass(frozen=True)
class Degree:
    level_code: str
    level_rank: int
    country_code: str
    discipline_codes: tuple[str, ...]
    verified: bool
    completed_on: dt.date | None

    @property
    def overseas(self) -> bool:
        return self.country_code != HOME_COUNTRY_CODE


@dataclass
class Facts:
    """What is known about the person; None (or an empty list where noted) is unknown."""

    birth_year: int | None = None
    degrees: list[Degree] | None = None  # None: unknown; []: known to have none
    return_date: dt.date | None = None
    returnee_status: str | None = None
    employed_city_id: int | None = None
    employed: bool | None = None
    residence_city_id: int | None = None
    founder: bool | None = None
    honours: list[str] | None = None
    today: dt.date = field(default_factory=timezone.localdate)


class Outcome:
    MET = "met"
    UNVERIFIED = "unverified"
    UNKNOWN = "unknown"
    NOT_MET = "not_met"


ORDER = {Outcome.MET: 0, Outcome.UNVERIFIED: 1, Outcome.UNKNOWN: 2, Outcome.NOT_MET: 3}


@dataclass
class ConditionResult:
    condition: BenefitCondition
    outcome: str
    reason: str


@dataclass
class BenefitResult:
    benefit: Benefit
    outcome: str
    conditions: list[ConditionResult]

    @property
    def reasons(self) -> list[str]:
        return [c.reason for c in self.conditions if c.outcome == Outcome.MET]

    @property
    def to_check(self) -> list[str]:
        return [
            c.reason for c in self.conditions if c.outcome in (Outcome.UNKNOWN, Outcome.UNVERIFIED)
        ]

    @property
    def unmet(self) -> list[str]:
        return [c.reason for c in self.conditions if c.outcome == Outcome.NOT_MET]

    @property
    def may_qualify(self) -> bool:
        return self.outcome != Outcome.NOT_MET


# --- Names for messages -----------------------------------------------------------------


@dataclass
class Names:
    """Display names of the codes that conditions hold, loaded once per evaluation run."""

    countries: dict[str, str] = field(default_factory=dict)
    disciplines: dict[str, str] = field(default_factory=dict)
    cities: dict[int, str] = field(default_factory=dict)
    city_ids: dict[str, int] = field(default_factory=dict)
    city_parents: dict[int, int] = field(default_factory=dict)
    degree_ranks: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls) -> "Names":
        from returnee_home.core.models import City, Country, DegreeLevel, Discipline

        names = cls()
        names.countries = {c.code: c.name for c in Country.objects.all()}
        names.disciplines = {d.code: d.name for d in Discipline.objects.all()}
        for city in City.objects.all():
            names.cities[city.pk] = city.name
            names.city_ids[city.code] = city.pk
            if city.parent_id:
                names.city_parents[city.pk] = city.parent_id
        names.degree_ranks = {d.code: d.sort_order for d in DegreeLevel.objects.all()}
        return names

    def join(self, values: Iterable[str]) -> str:
        values = list(values)
        return pgettext("list separator", ", ").join(values)


def _status_names() -> dict[str, str]:
    from returnee_home.talent.models import ReturneeStatus

    return {str(k): str(v) for k, v in ReturneeStatus.choices}


# --- One evaluator per condition kind ---------------------------------------------------

Evaluator = Callable[[BenefitCondition, Facts, Names], tuple[str, str]]


def _degrees(condition: BenefitCondition, facts: Facts) -> list[Degree] | None:
    if facts.degrees is None:
        return None
    if condition.overseas_only:
        return [d for d in facts.degrees if d.overseas]
    return list(facts.degrees)


def _best(degrees: list[Degree]) -> list[Degree]:
    """Verified degrees first, so a verified one is the reason when both would do."""
    return sorted(degrees, key=lambda d: (not d.verified, -d.level_rank))


def degree_min(c: BenefitCondition, facts: Facts, names: Names) -> tuple[str, str]:
    wanted = c.degree_level
    level_name = wanted.name if wanted else "?"
    where = _("obtained abroad") if c.overseas_only else ""
    degrees = _degrees(c, facts)
    if degrees is None:
        return Outcome.UNKNOWN, _(
            "Add your education to check the degree (%(level)s %(where)s)."
        ) % {
            "level": level_name,
            "where": where,
        }
    rank = wanted.sort_order if wanted else 0
    good = _best([d for d in degrees if d.level_rank >= rank])
    if not good:
        return Outcome.NOT_MET, _("Needs a degree of at least %(level)s %(where)s.") % {
            "level": level_name,
            "where": where,
        }
    if good[0].verified:
        return Outcome.MET, _("Your verified degree meets “%(level)s or higher”.") % {
            "level": level_name
        }
    return Outcome.UNVERIFIED, _(
        "Your degree meets “%(level)s or higher” once staff have verified it: ask your Home."
    ) % {"level": level_name}


def age_max(c: BenefitCondition, facts: Facts, names: Names) -> tuple[str, str]:
    limit = c.number or 0
    if facts.birth_year is None:
        return Outcome.UNKNOWN, _("Add your year of birth to check the age limit (%(n)d).") % {
            "n": limit
        }
    age = facts.today.year - facts.birth_year
    if age <= limit:
        return Outcome.MET, _("You are %(age)d, within the age limit of %(n)d.") % {
            "age": age,
            "n": limit,
        }
    return Outcome.NOT_MET, _("The age limit is %(n)d; you are %(age)d.") % {"age": age, "n": limit}


def return_within(c: BenefitCondition, facts: Facts, names: Names) -> tuple[str, str]:
    years = c.number or 0
    if facts.returnee_status == "abroad":
        return Outcome.NOT_MET, _("For people who have returned to China (within %(n)d years).") % {
            "n": years
        }
    if facts.return_date is None:
        return Outcome.UNKNOWN, _(
            "Add your date of return to check “returned within %(n)d years”."
        ) % {"n": years}
    try:
        limit = facts.return_date.replace(year=facts.return_date.year + years)
    except ValueError:  # 29 February
        limit = facts.return_date.replace(year=facts.return_date.year + years, day=28)
    if facts.today <= limit:
        return Outcome.MET, _("You returned on %(date)s, within %(n)d years.") % {
            "date": facts.return_date.isoformat(),
            "n": years,
        }
    return Outcome.NOT_MET, _("For people who returned within the last %(n)d years.") % {"n": years}


def study_country(c: BenefitCondition, facts: Facts, names: Names) -> tuple[str, str]:
    wanted = set(c.codes or [])
    listed = names.join(names.countries.get(code, code) for code in sorted(wanted))
    if facts.degrees is None:
        return Outcome.UNKNOWN, _("Add your education to check where you studied (%(list)s).") % {
            "list": listed
        }
    good = _best([d for d in facts.degrees if d.country_code in wanted])
    if not good:
        return Outcome.NOT_MET, _("For degrees from %(list)s.") % {"list": listed}
    country = names.countries.get(good[0].country_code, good[0].country_code)
    if good[0].verified:
        return Outcome.MET, _("You studied in %(country)s.") % {"country": country}
    return Outcome.UNVERIFIED, _(
        "You studied in %(country)s (the degree is not yet verified by staff)."
    ) % {"country": country}


def discipline(c: BenefitCondition, facts: Facts, names: Names) -> tuple[str, str]:
    wanted = set(c.codes or [])
    listed = names.join(names.disciplines.get(code, code) for code in sorted(wanted))
    degrees = _degrees(c, facts)
    if degrees is None or (degrees and not any(d.discipline_codes for d in degrees)):
        return Outcome.UNKNOWN, _("Add the discipline of your degree to check this (%(list)s).") % {
            "list": listed
        }
    good = _best([d for d in degrees if wanted & set(d.discipline_codes)])
    if not good:
        return Outcome.NOT_MET, _("For degrees in %(list)s.") % {"list": listed}
    if good[0].verified:
        return Outcome.MET, _("Your discipline is one of %(list)s.") % {"list": listed}
    return Outcome.UNVERIFIED, _(
        "Your discipline is one of %(list)s (the degree is not yet verified by staff)."
    ) % {"list": listed}


def _city_matches(city_id: int | None, codes: list[str], names: Names) -> bool:
    if city_id is None:
        return False
    if not codes:
        return True  # any city of the province
    wanted = {names.city_ids.get(code) for code in codes}
    return city_id in wanted or names.city_parents.get(city_id) in wanted


def _cities_listed(codes: list[str], names: Names) -> str:
    if not codes:
        return _("any city of Jiangsu")
    return names.join(names.cities.get(names.city_ids.get(code, 0), code) for code in codes)


def employed_in(c: BenefitCondition, facts: Facts, names: Names) -> tuple[str, str]:
    listed = _cities_listed(c.codes or [], names)
    if facts.employed is None:
        return Outcome.UNKNOWN, _("Add your current job to check employment in %(list)s.") % {
            "list": listed
        }
    if not facts.employed:
        return Outcome.NOT_MET, _("For people employed in %(list)s.") % {"list": listed}
    if facts.employed_city_id is None:
        return Outcome.UNKNOWN, _("Add the city you work in to check employment in %(list)s.") % {
            "list": listed
        }
    if _city_matches(facts.employed_city_id, c.codes or [], names):
        return Outcome.MET, _("You work in %(city)s.") % {
            "city": names.cities.get(facts.employed_city_id, "")
        }
    return Outcome.NOT_MET, _("For people employed in %(list)s.") % {"list": listed}


def lives_in(c: BenefitCondition, facts: Facts, names: Names) -> tuple[str, str]:
    listed = _cities_listed(c.codes or [], names)
    if facts.residence_city_id is None:
        return Outcome.UNKNOWN, _("Add your current city to check this (%(list)s).") % {
            "list": listed
        }
    if _city_matches(facts.residence_city_id, c.codes or [], names):
        return Outcome.MET, _("You live in %(city)s.") % {
            "city": names.cities.get(facts.residence_city_id, "")
        }
    return Outcome.NOT_MET, _("For people living in %(list)s.") % {"list": listed}


def founder(c: BenefitCondition, facts: Facts, names: Names) -> tuple[str, str]:
    if facts.founder is None:
        return Outcome.UNKNOWN, _("Tell us whether you founded a start-up to check this.")
    if facts.founder:
        return Outcome.MET, _("You founded a start-up.")
    return Outcome.NOT_MET, _("For founders of a start-up.")


def programme(c: BenefitCondition, facts: Facts, names: Names) -> tuple[str, str]:
    wanted = [str(code) for code in c.codes or []]
    listed = names.join(wanted)
    if not facts.honours:
        return Outcome.UNKNOWN, _(
            "Add your honours and talent-programme titles to check this (%(list)s)."
        ) % {"list": listed}
    held = [normalise(h).lower() for h in facts.honours]
    for keyword in wanted:
        key = normalise(keyword).lower()
        if any(key in h for h in held):
            return Outcome.MET, _("You hold the title “%(title)s”.") % {"title": keyword}
    return Outcome.NOT_MET, _("For holders of %(list)s.") % {"list": listed}


def returnee_status(c: BenefitCondition, facts: Facts, names: Names) -> tuple[str, str]:
    labels = _status_names()
    listed = names.join(labels.get(code, code) for code in c.codes or [])
    if facts.returnee_status is None:
        return Outcome.UNKNOWN, _("Tell us whether you have returned to China to check this.")
    if facts.returnee_status in (c.codes or []):
        return Outcome.MET, _("Your status: %(status)s.") % {
            "status": labels.get(facts.returnee_status, facts.returnee_status)
        }
    return Outcome.NOT_MET, _("For: %(list)s.") % {"list": listed}


EVALUATORS: dict[str, Evaluator] = {
    ConditionKind.DEGREE_MIN: degree_min,
    ConditionKind.AGE_MAX: age_max,
    ConditionKind.YEARS_SINCE_RETURN_MAX: return_within,
    ConditionKind.STUDY_COUNTRY: study_country,
    ConditionKind.DISCIPLINE: discipline,
    ConditionKind.EMPLOYED_IN_CITY: employed_in,
    ConditionKind.RESIDENT_IN_CITY: lives_in,
    ConditionKind.STARTUP_FOUNDER: founder,
    ConditionKind.PROGRAMME_TITLE: programme,
    ConditionKind.RETURNEE_STATUS: returnee_status,
}


def evaluate(benefit: Benefit, facts: Facts, names: Names) -> BenefitResult:
    """The outcome of one benefit for these facts (reads `benefit.conditions.all()`)."""
    results = []
    for condition in benefit.conditions.all():
        outcome, reason = EVALUATORS[condition.kind](condition, facts, names)
        results.append(ConditionResult(condition, outcome, " ".join(reason.split())))
    worst = max((r.outcome for r in results), key=ORDER.__getitem__, default=Outcome.MET)
    return BenefitResult(benefit, worst, results)


def evaluate_all(benefits: Iterable[Benefit], facts: Facts, names: Names) -> list[BenefitResult]:
    """Every benefit's result, the most certain first (met, then unverified, then unknown,
    then not met)."""
    results = [evaluate(b, facts, names) for b in benefits]
    return sorted(results, key=lambda r: (ORDER[r.outcome], r.benefit.pk))


# --- Facts from a profile ---------------------------------------------------------------


def _founder_of(profile: Any) -> bool | None:
    # Another issue may add the field; absent or empty means we do not know.
    for name in ("is_startup_founder", "startup_founder", "is_founder"):
        value = getattr(profile, name, None)
        if isinstance(value, bool):
            return value
    return None


def facts_from_profile(profile: Any, *, today: dt.date | None = None) -> Facts:
    """Facts from a talent profile (prefetch educations with country, degree level and
    discipline, and work experiences with country)."""
    educations = list(profile.educations.all())
    degrees = [
        Degree(
            level_code=e.degree_level.code,
            level_rank=e.degree_level.sort_order,
            country_code=e.country.code,
            discipline_codes=tuple(
                code
                for code in (
                    e.discipline.code if e.discipline_id else "",
                    e.discipline.parent.code if e.discipline_id and e.discipline.parent_id else "",
                )
                if code
            ),
            verified=bool(e.verified),
            completed_on=e.end_date,
        )
        for e in educations
        if e.end_date is None or e.end_date <= (today or timezone.localdate())
    ]
    jobs = list(profile.work_experiences.all())
    current = [j for j in jobs if j.end_date is None]
    employed: bool | None
    if current:
        employed = any(j.country.code == HOME_COUNTRY_CODE for j in current)
    elif jobs:
        employed = False
    else:
        employed = None
    honours = getattr(profile, "honours", None)
    if isinstance(honours, str):
        honours = [line for line in honours.splitlines() if line.strip()]
    return Facts(
        birth_year=profile.birth_year,
        degrees=degrees if educations else None,
        return_date=profile.return_date,
        returnee_status=profile.returnee_status or None,
        employed=employed,
        employed_city_id=profile.current_city_id if employed else None,
        residence_city_id=profile.current_city_id,
        founder=_founder_of(profile),
        honours=list(honours) if honours else None,
        today=today or timezone.localdate(),
    )


def facts_from_answers(data: dict[str, Any], *, today: dt.date | None = None) -> Facts:
    """Facts from the visitor's questionnaire (`QuestionnaireForm.cleaned_data`). Answers are
    the visitor's own word, so a stated degree counts as met; staff verify it on application."""
    degree = data.get("degree")
    degrees: list[Degree] | None = None
    if degree is not None:
        country = data.get("degree_country")
        discipline = data.get("discipline")
        codes = ()
        if discipline is not None:
            codes = tuple(
                c
                for c in (discipline.code, discipline.parent.code if discipline.parent_id else "")
                if c
            )
        degrees = [
            Degree(
                level_code=degree.code,
                level_rank=degree.sort_order,
                country_code=country.code if country else "",
                discipline_codes=codes,
                verified=True,
                completed_on=None,
            )
        ]
        if country is None:
            degrees = None  # where it was obtained decides most conditions: ask for it
    founder_answer = data.get("founder") or ""
    honours = [h.strip() for h in (data.get("honours") or "").replace("，", ",").split(",")]
    work_city = data.get("work_city")
    return Facts(
        birth_year=data.get("birth_year"),
        degrees=degrees,
        return_date=data.get("return_date"),
        returnee_status=data.get("returned") or None,
        employed=True if work_city else None,
        employed_city_id=work_city.pk if work_city else None,
        residence_city_id=work_city.pk if work_city else None,
        founder={"yes": True, "no": False}.get(founder_answer),
        honours=[h for h in honours if h] or None,
        today=today or timezone.localdate(),
    )


def describe(condition: BenefitCondition, names: Names) -> str:
    """The condition in words, for the policy page and the workspace."""
    kind = condition.kind
    codes = [str(c) for c in condition.codes or []]
    if kind == ConditionKind.DEGREE_MIN:
        level = condition.degree_level.name if condition.degree_level else "?"
        if condition.overseas_only:
            return _("A degree of at least %(level)s obtained abroad") % {"level": level}
        return _("A degree of at least %(level)s") % {"level": level}
    if kind == ConditionKind.AGE_MAX:
        return _("Aged %(n)d or under") % {"n": condition.number or 0}
    if kind == ConditionKind.YEARS_SINCE_RETURN_MAX:
        return _("Returned to China within the last %(n)d years") % {"n": condition.number or 0}
    if kind == ConditionKind.STUDY_COUNTRY:
        return _("Studied in %(list)s") % {
            "list": names.join(names.countries.get(c, c) for c in codes)
        }
    if kind == ConditionKind.DISCIPLINE:
        return _("Studied %(list)s") % {
            "list": names.join(names.disciplines.get(c, c) for c in codes)
        }
    if kind == ConditionKind.EMPLOYED_IN_CITY:
        return _("Employed in %(list)s") % {"list": _cities_listed(codes, names)}
    if kind == ConditionKind.RESIDENT_IN_CITY:
        return _("Living in %(list)s") % {"list": _cities_listed(codes, names)}
    if kind == ConditionKind.STARTUP_FOUNDER:
        return _("Founder of a start-up")
    if kind == ConditionKind.PROGRAMME_TITLE:
        return _("Holds a title: %(list)s") % {"list": names.join(codes)}
    labels = _status_names()
    return _("Status: %(list)s") % {"list": names.join(labels.get(c, c) for c in codes)}
