"""Figures only the province dashboard has: cities side by side and on the map, talent inflow,
the matching funnel, unmet demands and supply without demand, and the rating league table."""

from typing import Any

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from returnee_home.core.i18n import pick
from returnee_home.core.models import City
from returnee_home.dashboards.blocks import Block, share
from returnee_home.dashboards.figures import GOOD_MATCH_SCORE, ROW_KEYS, _month_label, short_name
from returnee_home.dashboards.periods import Period
from returnee_home.jobs import stats as jobs_stats
from returnee_home.jobs.models import JobPosting, PostingStatus
from returnee_home.matching.models import Direction, StoredMatch
from returnee_home.orgs import province_map
from returnee_home.talent import stats as talent_stats

MAP_METRICS = (
    ("period", gettext_lazy("Person-times in the period")),
    ("satisfied_share", gettext_lazy("Share satisfied")),
    ("hires", pgettext_lazy("dashboard", "Hires")),
    ("talents", gettext_lazy("New talents")),
)
MAP_CLASSES = 5
TOP = 10


def prefectures() -> list[City]:
    return list(City.objects.filter(parent__isnull=True).order_by("sort_order", "code"))


def prefecture_of(city: City) -> int:
    return city.parent_id or city.pk


def city_rows(homes: list[Any], rows: dict[int, dict[str, int]]) -> dict[int, dict[str, int]]:
    """Per-Home figures summed to each prefecture (counties count with their prefecture)."""
    by_city: dict[int, dict[str, int]] = {}
    for home in homes:
        target = by_city.setdefault(prefecture_of(home.city), dict.fromkeys(ROW_KEYS, 0))
        for key in ROW_KEYS:
            target[key] += rows[home.pk][key]
    return by_city


def talents_by_prefecture(period: Period, cities: list[City]) -> dict[int, int]:
    parent = {c.pk: c.parent_id or c.pk for c in City.objects.all()}
    result: dict[int, int] = {}
    for city_id, n in talent_stats.inflow_by_city(period.start, period.end).items():
        if city_id is not None:
            key = parent.get(city_id, city_id)
            result[key] = result.get(key, 0) + n
    return result


def province_map_context(
    cities: list[City], values: dict[int, float | None], metric: str
) -> dict[str, Any]:
    """The orgs province map, each city filled by the chosen figure's class (1–5, 0 none)."""
    known = [v for v in values.values() if v is not None]
    low, high = (min(known), max(known)) if known else (0, 0)
    context = province_map.map_context(cities, {c.pk: 0 for c in cities})
    for marker in context["markers"]:
        value = values.get(marker.city.pk)
        marker.value = value
        if value is None:
            marker.level = 0
        elif high == low:
            marker.level = MAP_CLASSES
        else:
            marker.level = 1 + min(MAP_CLASSES - 1, int((value - low) * MAP_CLASSES / (high - low)))
        marker.radius = 16
        marker.label_x, marker.label_y, marker.label_anchor = province_map._label_position(
            marker.city.code, marker.x, marker.y, marker.radius
        )
    context["metric_label"] = str(dict(MAP_METRICS).get(metric, ""))
    context["low"], context["high"] = low, high
    context["levels"] = list(range(1, MAP_CLASSES + 1))
    return context


def map_values(
    metric: str, cities: list[City], by_city: dict[int, dict[str, int]], talents: dict[int, int]
) -> dict[int, float | None]:
    values: dict[int, float | None] = {}
    for city in cities:
        row = by_city.get(city.pk)
        if metric == "talents":
            values[city.pk] = talents.get(city.pk, 0)
        elif row is None:
            values[city.pk] = None
        elif metric == "satisfied_share":
            values[city.pk] = share(row["satisfied"], row["rated"])
        else:
            values[city.pk] = row.get(metric, 0)
    return values


def inflow_blocks(period: Period, cities: list[City], talents: dict[int, int]) -> list[Block]:
    new_talents = _("New talents")
    months = talent_stats.inflow_by_month(period.start, period.end)
    blocks = [
        Block(
            "inflow_month",
            _("New talents by month"),
            [pgettext("dashboard", "Month"), new_talents],
            [[_month_label(m), months.get(m, 0)] for m in period.months()],
            chart="line",
        ),
        Block(
            "inflow_city",
            _("New talents by city of residence"),
            [pgettext("dashboard", "City"), new_talents],
            sorted(([c.name, talents.get(c.pk, 0)] for c in cities), key=lambda r: -r[1]),
            chart="hbar",
        ),
    ]
    titles = {
        "country": (
            _("New talents by country or region of study"),
            pgettext("dashboard", "Country or region"),
        ),
        "discipline": (_("New talents by discipline"), pgettext("dashboard", "Discipline")),
        "degree": (_("New talents by degree"), pgettext("dashboard", "Degree")),
    }
    for group, (title, heading) in titles.items():
        rows = talent_stats.inflow_by(group, period.start, period.end)
        blocks.append(
            Block(
                f"inflow_{group}",
                title,
                [heading, new_talents],
                [[pick(r["name_zh"], r["name_en"]) or "—", r["n"]] for r in rows[:TOP]],
                chart="hbar",
                note=_("The %(n)s largest of %(all)s.") % {"n": TOP, "all": len(rows)}
                if len(rows) > TOP
                else "",
            )
        )
    return blocks


def funnel_blocks(period: Period) -> list[Block]:
    columns = [
        pgettext("dashboard", "Matched"),
        pgettext("dashboard", "Interviewed"),
        pgettext("dashboard", "Offered"),
        pgettext("dashboard", "Hired"),
        _("Hired per 100"),
    ]
    titles = {
        "city": (_("Matching funnel by city"), pgettext("dashboard", "City")),
        "industry": (_("Matching funnel by industry"), pgettext("dashboard", "Industry")),
        "channel": (_("Matching funnel by collection channel"), pgettext("dashboard", "Channel")),
    }
    blocks = []
    for group, (title, heading) in titles.items():
        rows = [
            [r["label"], r["matched"], r["interviewed"], r["offered"], r["hired"], r["rate"]]
            for r in jobs_stats.funnel_by(group, period.start, period.end)
        ]
        blocks.append(
            Block(
                f"funnel_{group}",
                title,
                [heading, *columns],
                rows[:15],
                chart="stack",
                chart_columns=4,
                note=_("Applications, invitations and introductions started in the period."),
            )
        )
    return blocks


def unmet_demands_block() -> Block:
    """Published postings without a good stored match, newest first (the publication index
    finds the first ten without sorting every posting)."""
    good = StoredMatch.objects.filter(
        direction=Direction.TALENTS_FOR_POSTING,
        subject_id=OuterRef("pk"),
        score__gte=GOOD_MATCH_SCORE,
    )
    postings = (
        JobPosting.objects.filter(status=PostingStatus.PUBLISHED)
        .filter(~Exists(good))
        .select_related("employer", "city")
        .order_by("-published_at", "-pk")[:TOP]
    )
    return Block(
        "unmet_demands",
        _("Top unmet demands"),
        [pgettext("dashboard", "Job posting"), pgettext("dashboard", "Positions")],
        [
            [
                f"{pick(p.title_zh, p.title_en)} · {pick(p.employer.name_zh, p.employer.name_en)}"
                f" · {p.city.name}",
                p.headcount,
            ]
            for p in postings
        ],
        chart="",
        note=_("The newest published postings with no stored match scoring %(score)s or more.")
        % {"score": GOOD_MATCH_SCORE},
        links=[reverse("jobs:posting", args=[p.pk]) for p in postings],
    )


def supply_without_demand_block() -> Block:
    """Disciplines with the most talents and the fewest published postings asking for them."""
    talents = [r for r in talent_stats.inflow_by("discipline", None, None) if r["id"]]
    postings = jobs_stats.demand_by_discipline()
    ranked = sorted(talents, key=lambda r: (-r["n"] / (postings.get(r["id"], 0) + 1), r["id"]))
    return Block(
        "supply_without_demand",
        _("Top supply without demand"),
        [
            pgettext("dashboard", "Discipline"),
            pgettext("dashboard", "Talents"),
            _("Published postings"),
        ],
        [
            [pick(r["name_zh"], r["name_en"]), r["n"], postings.get(r["id"], 0)]
            for r in ranked[:TOP]
        ],
        chart="",
        note=_("Ranked by talents per published posting asking for the discipline."),
    )


def league_block(homes: list[Any], rows: dict[int, dict[str, int]]) -> Block:
    """好差评 league table: Homes by share satisfied, then by average level, then by ratings."""
    rated = [h for h in homes if rows[h.pk]["rated"]]
    ranked = sorted(
        rated,
        key=lambda h: (
            -rows[h.pk]["satisfied"] / rows[h.pk]["rated"],
            -rows[h.pk]["level_sum"] / rows[h.pk]["rated"],
            -rows[h.pk]["rated"],
            h.code,
        ),
    )
    return Block(
        "league",
        _("Rating league table of Homes"),
        [
            pgettext("dashboard", "Home"),
            pgettext("dashboard", "Ratings"),
            _("Satisfied %"),
            _("Average (1–5)"),
            _("Poor ratings"),
        ],
        [
            [
                short_name(h),
                rows[h.pk]["rated"],
                share(rows[h.pk]["satisfied"], rows[h.pk]["rated"]),
                round(rows[h.pk]["level_sum"] / rows[h.pk]["rated"], 2),
                rows[h.pk]["poor"],
            ]
            for h in ranked
        ],
        chart="",
        note=_("Homes without a rating in the period are left out."),
    )
