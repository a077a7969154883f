"""The six conditions of seed §3, evaluated from what the carrier enters and what the platform
already knows. Each is met, not met, or needs evidence (declared but not yet backed by an
uploaded photo or document, or by the platform's own figures)."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from returnee_home.naming.models import CONDITION_LABELS, EQUIPMENT, EQUIPMENT_KEYS
from returnee_home.orgs.models import Home

MET, NOT_MET, NEEDS_EVIDENCE = "met", "not_met", "needs_evidence"
MIN_PERSON_TIMES = 500
MIN_STAFF = 3


DETAIL_LANGUAGES = ("zh-hans", "en")


def detail_key(language: str) -> str:
    """Where a stored result keeps its detail in `language`: detail_zh or detail_en."""
    return "detail_zh" if (language or "").startswith("zh") else "detail_en"


@dataclass
class ConditionResult:
    key: str
    status: str
    detail: str
    from_platform: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(CONDITION_LABELS[self.key])

    def as_dict(self) -> dict[str, Any]:
        return {"status": self.status, "detail": self.detail, "platform": self.from_platform}


@dataclass
class PlatformFigures:
    """What the platform knows about the carrier's Home, pre-filled on the form."""

    person_times: int | None
    person_times_sources: str
    staff_count: int
    window_count: int
    services_published: int
    demands_collected: int | None  # None: the source is not yet available
    matches_made: int | None


def platform_figures(home: Home, today: date | None = None) -> PlatformFigures:
    """The Home's person-times in the last 12 months (service records, when the records app
    provides them), its staff and windows, and the services its public page lists."""
    today = today or timezone.localdate()
    person_times: int | None = None
    sources = _("Service records are not yet available on the platform: the figure is declared.")
    try:
        from returnee_home.records.selectors import person_times as records_person_times
    except ImportError:
        records_person_times = None
    if records_person_times is not None:
        person_times = int(
            records_person_times(home=home, start=today - timedelta(days=365), end=today) or 0
        )
        sources = _("Counted from the platform's service records of the last 12 months.")
    from returnee_home.orgs.selectors import home_colleagues

    return PlatformFigures(
        person_times=person_times,
        person_times_sources=sources,
        staff_count=home_colleagues(home).count(),
        window_count=home.windows.filter(is_active=True).count(),
        services_published=home.service_categories.count(),
        demands_collected=None,
        matches_made=None,
    )


@dataclass
class FormFacts:
    """The values the conditions are evaluated on (from a saved application or a form)."""

    person_times_declared: int | None = None
    display_area: int | None = None
    exchange_area: int | None = None
    public_service_area: int | None = None
    staff: list[dict[str, Any]] = field(default_factory=list)  # {education, window_number}
    windows: list[dict[str, Any]] = field(default_factory=list)  # {number, staff_count}
    equipment: dict[str, int] = field(default_factory=dict)
    rules_items: str = ""
    rules_procedures: str = ""
    rules_management: str = ""
    rules_published_where: str = ""
    demands_collected: int = 0
    matches_made: int = 0
    evidence_conditions: set[str] = field(default_factory=set)


def facts_of(application: Any) -> FormFacts:
    """The facts of a saved application."""
    return FormFacts(
        person_times_declared=application.person_times_declared,
        display_area=application.display_area,
        exchange_area=application.exchange_area,
        public_service_area=application.public_service_area,
        staff=[
            {"education": s.education, "window_number": s.window_number}
            for s in application.staff.all()
        ],
        windows=[
            {"number": w.number, "staff_count": w.staff_count} for w in application.windows.all()
        ],
        equipment={k: int(v or 0) for k, v in (application.equipment or {}).items()},
        rules_items=application.rules_items,
        rules_procedures=application.rules_procedures,
        rules_management=application.rules_management,
        rules_published_where=application.rules_published_where,
        demands_collected=application.demands_collected,
        matches_made=application.matches_made,
        evidence_conditions={e.condition for e in application.evidence.all() if e.condition},
    )


def evaluate(facts: FormFacts, platform: PlatformFigures) -> list[ConditionResult]:
    """All six conditions, in the notice's order."""
    return [
        _scale(facts, platform),
        _premises(facts),
        _staff(facts, platform),
        _equipment(facts),
        _rules(facts, platform),
        _matching(facts, platform),
    ]


def _scale(facts: FormFacts, platform: PlatformFigures) -> ConditionResult:
    if platform.person_times is not None:
        count = platform.person_times
        status = MET if count >= MIN_PERSON_TIMES else NOT_MET
        if status == NOT_MET and (facts.person_times_declared or 0) >= MIN_PERSON_TIMES:
            count = facts.person_times_declared or 0
            status = MET if "scale" in facts.evidence_conditions else NEEDS_EVIDENCE
            detail = _(
                "The platform counted %(platform)d; %(declared)d declared (records from before "
                "the platform need evidence)."
            ) % {"platform": platform.person_times, "declared": count}
            return ConditionResult("scale", status, detail, ["person_times"])
        detail = _("%(count)d person-times in the last 12 months (at least %(min)d).") % {
            "count": count,
            "min": MIN_PERSON_TIMES,
        }
        return ConditionResult("scale", status, detail, ["person_times"])
    count = facts.person_times_declared or 0
    if count < MIN_PERSON_TIMES:
        status = NOT_MET
    else:
        status = MET if "scale" in facts.evidence_conditions else NEEDS_EVIDENCE
    detail = _("%(count)d person-times declared (at least %(min)d). %(sources)s") % {
        "count": count,
        "min": MIN_PERSON_TIMES,
        "sources": platform.person_times_sources,
    }
    return ConditionResult("scale", status, detail)


def _premises(facts: FormFacts) -> ConditionResult:
    missing = [
        str(label)
        for value, label in (
            (facts.display_area, _("display area")),
            (facts.exchange_area, _("exchange area")),
            (facts.public_service_area, _("public-service area")),
        )
        if not value
    ]
    if missing:
        return ConditionResult(
            "premises", NOT_MET, _("Missing: %(areas)s.") % {"areas": "、".join(missing)}
        )
    if "premises" not in facts.evidence_conditions:
        return ConditionResult(
            "premises", NEEDS_EVIDENCE, _("All three areas declared; add photos of them.")
        )
    return ConditionResult("premises", MET, _("All three areas declared, with photos."))


def _staff(facts: FormFacts, platform: PlatformFigures) -> ConditionResult:
    qualified = sum(1 for s in facts.staff if s.get("education") and s["education"] != "below")
    unstaffed = [w["number"] for w in facts.windows if not w.get("staff_count")]
    short = len(facts.windows) > len(facts.staff)
    detail = _(
        "%(qualified)d of %(total)d staff with junior college or above (at least %(min)d); "
        "windows: %(windows)d; staff known on the platform: %(members)d."
    ) % {
        "qualified": qualified,
        "total": len(facts.staff),
        "min": MIN_STAFF,
        "windows": len(facts.windows),
        "members": platform.staff_count,
    }
    if unstaffed or short:
        detail += " " + _("Not every window has its own staff member.")
    status = MET if qualified >= MIN_STAFF and not unstaffed and not short else NOT_MET
    return ConditionResult("staff", status, detail, ["staff_count"])


def _equipment(facts: FormFacts) -> ConditionResult:
    labels = dict(EQUIPMENT)
    missing = [str(labels[k]) for k in EQUIPMENT_KEYS if not facts.equipment.get(k)]
    if missing:
        return ConditionResult(
            "equipment", NOT_MET, _("Missing: %(items)s.") % {"items": "、".join(missing)}
        )
    return ConditionResult("equipment", MET, _("Every item of the checklist is present."))


def _rules(facts: FormFacts, platform: PlatformFigures) -> ConditionResult:
    written = all((facts.rules_items, facts.rules_procedures, facts.rules_management))
    if not written:
        return ConditionResult(
            "rules",
            NOT_MET,
            _("Describe the service items, procedures and management rules."),
        )
    if platform.services_published:
        detail = _("The Home's page on the platform publishes %(count)d services.") % {
            "count": platform.services_published
        }
        return ConditionResult("rules", MET, detail, ["services_published"])
    if facts.rules_published_where.strip():
        status = MET if "rules" in facts.evidence_conditions else NEEDS_EVIDENCE
        return ConditionResult(
            "rules", status, _("Published at: %(where)s") % {"where": facts.rules_published_where}
        )
    return ConditionResult("rules", NOT_MET, _("Say where the rules are published."))


def _matching(facts: FormFacts, platform: PlatformFigures) -> ConditionResult:
    source = (
        _("Matching on the platform: source not yet available, figures are declared.")
        if platform.demands_collected is None
        else ""
    )
    demands, matches = facts.demands_collected or 0, facts.matches_made or 0
    detail = _("%(demands)d employers' demands collected, %(matches)d matches made.") % {
        "demands": demands,
        "matches": matches,
    }
    detail = f"{detail} {source}".strip()
    if not demands or not matches:
        return ConditionResult("matching", NOT_MET, detail)
    status = MET if "matching" in facts.evidence_conditions else NEEDS_EVIDENCE
    return ConditionResult("matching", status, detail)
