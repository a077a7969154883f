"""Matches in words, in the reader's language: each part of a score as a label, a percentage
and one sentence saying what it rests on."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from returnee_home.matching.engine import Match, Part
from returnee_home.matching.taxonomy import get_taxonomy

PROJECT_DIRECTIONS = ("project_demand", "demand_project")
PEOPLE_ONLY = ("degree", "experience", "language")  # parts that never apply to projects


@dataclass
class PartView:
    code: str
    label: str
    percent: int | None
    sentence: str
    matched: list[str]
    related: list[str]
    missing: list[str]

    @property
    def level(self) -> str:
        """good / fair / poor, for the bar's colour (with the number, never colour alone)."""
        if self.percent is None:
            return "none"
        return "good" if self.percent >= 75 else "fair" if self.percent >= 40 else "poor"


def part_label(code: str, direction: str) -> str:
    projects = direction in PROJECT_DIRECTIONS
    labels = {
        "skills": _("Keywords") if projects else _("Skills"),
        "text": pgettext("match part", "Subject"),
        "discipline": pgettext("match part", "Discipline"),
        "degree": pgettext("match part", "Degree"),
        "experience": pgettext("match part", "Experience"),
        "language": pgettext("match part", "Languages"),
        "location": pgettext("match part", "Location"),
        "pay": _("Budget") if projects else _("Salary"),
        "mode": _("Cooperation mode") if projects else _("Job type"),
        "industry": _("Field") if projects else pgettext("match part", "Industry"),
        "verified": pgettext("match part", "Verified credentials"),
    }
    return labels[code]


def _names(keys: list[str]) -> list[str]:
    taxonomy = get_taxonomy()
    return [taxonomy.name(k) if not k.startswith("free:") else k[5:] for k in keys]


def _sentence(part: Part, direction: str) -> str:
    value = part.value
    code = part.code
    if value is None:
        return _("Not asked for.")
    if code == "skills":
        detail = part.detail
        required = sum(len(detail.get(k, [])) for k in ("matched", "related", "missing"))
        if direction in PROJECT_DIRECTIONS:
            return ngettext(
                "%(matched)d of %(required)d keyword matched.",
                "%(matched)d of %(required)d keywords matched.",
                required,
            ) % {"matched": len(detail.get("matched", [])), "required": required}
        return ngettext(
            "%(matched)d of %(required)d required skill present.",
            "%(matched)d of %(required)d required skills present.",
            required,
        ) % {"matched": len(detail.get("matched", [])), "required": required}
    if code == "text":
        if value >= 0.6:
            return _("Very close in subject.")
        if value >= 0.25:
            return _("Related in subject.")
        return _("Little in common in subject.")
    if code == "discipline":
        if value >= 1:
            return _("Same discipline.")
        if value >= 0.5:
            return _("A closely related discipline.")
        if value > 0:
            return _("The same broad field of study.")
        return _("A different discipline, or none given.")
    if code == "degree":
        if value >= 1:
            return _("The degree asked for is met.")
        if value > 0:
            return _("One level below the degree asked for.")
        return _("Below the degree asked for, or no degree given.")
    if code == "experience":
        return (
            _("Enough years of experience.")
            if value >= 1
            else _("Fewer years of experience than asked for.")
        )
    if code == "language":
        return (
            _("Every language asked for is spoken.")
            if value >= 1
            else _("Some languages asked for are missing.")
        )
    if code == "location":
        return _("In a wanted city.") if value >= 1 else _("Not in a wanted city.")
    if code == "pay":
        projects = direction in PROJECT_DIRECTIONS
        if value >= 1:
            return _("Covers the funding sought.") if projects else _("Meets the salary wanted.")
        if abs(value - 0.7) < 1e-6:
            return _("Budget negotiable.") if projects else _("Salary negotiable.")
        return _("Below the funding sought.") if projects else _("Below the salary wanted.")
    if code == "mode":
        if direction in PROJECT_DIRECTIONS:
            return (
                _("A cooperation mode both want.")
                if value >= 1
                else _("No cooperation mode in common.")
            )
        return (
            _("A wanted kind of position.") if value >= 1 else _("Not a wanted kind of position.")
        )
    if code == "verified":
        return (
            _("Degree or returnee status verified by Home staff.")
            if value >= 1
            else _("Not verified by Home staff yet.")
        )
    if code == "industry":
        return _("A wanted industry.") if value >= 1 else _("Another industry.")
    return ""


def part_views(match: Match, direction: str) -> list[PartView]:
    views = []
    for part in match.parts:
        detail = part.detail
        views.append(
            PartView(
                code=part.code,
                label=part_label(part.code, direction),
                percent=part.percent,
                sentence=_sentence(part, direction),
                matched=_names(detail.get("matched", [])),
                related=_names(detail.get("related", [])),
                missing=_names(detail.get("missing", [])),
            )
        )
    return views


MISSING_WORDS = {
    "skills": lambda: _("your skills"),
    "education": lambda: _("an education entry with its discipline"),
    "cities": lambda: _("the cities you would work in"),
    "salary": lambda: _("the lowest salary you would accept"),
    "languages": lambda: _("the languages you speak"),
    "disciplines": lambda: _("the disciplines wanted"),
    "degree": lambda: _("the degree wanted"),
    "text": lambda: _("a description"),
}


def missing_words(codes: list[str]) -> list[str]:
    return [str(MISSING_WORDS[c]()) for c in codes if c in MISSING_WORDS]


def card(match: Match, record: Any, direction: str) -> dict[str, Any]:
    """What a match card shows: the record, the percentage and the parts that apply first."""
    parts = part_views(match, direction)
    separator = pgettext("list separator", ", ")
    never = PEOPLE_ONLY if direction in PROJECT_DIRECTIONS else ()
    not_asked = separator.join(p.label for p in parts if p.percent is None and p.code not in never)
    return {
        "match": match,
        "record": record,
        "percent": match.percent,
        "parts": [p for p in parts if p.percent is not None],
        "not_asked": not_asked,
    }
