"""The figures of each dashboard. Every figure is one grouped query over all the Homes shown
(never one query per Home), read from the daily person-times summary and the other apps'
`stats` modules."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from returnee_home.appointments.stats import bookings_by_home
from returnee_home.core.i18n import pick
from returnee_home.core.models import ServiceCategory
from returnee_home.dashboards.blocks import Block, Figure, change, share
from returnee_home.dashboards.periods import Period, _shift_months
from returnee_home.events.stats import events_by_home
from returnee_home.jobs.models import Application, ApplicationOrigin, ApplicationStage, JobPosting
from returnee_home.jobs.models import Channel as CollectionChannel
from returnee_home.matching.models import Direction, StoredMatch
from returnee_home.records import stats as records
from returnee_home.records.models import Channel, Level
from returnee_home.services.stats import requests_by_home

YEARLY_CONDITION = 500  # person-times a year, the first naming condition
GOOD_MATCH_SCORE = 0.5  # a stored match below this does not count as a good match


@dataclass
class Filters:
    """Filters of the person-time figures, kept in the URL beside the period."""

    channel: str = ""
    category_id: int | None = None

    @classmethod
    def from_params(cls, params: Any) -> "Filters":
        channel = params.get("channel", "")
        try:
            category_id = int(params.get("category") or 0) or None
        except ValueError:
            category_id = None
        return cls(channel if channel in Channel.values else "", category_id)

    def query(self) -> dict[str, str]:
        params = {}
        if self.channel:
            params["channel"] = self.channel
        if self.category_id:
            params["category"] = str(self.category_id)
        return params


def person_time_ranges(period: Period) -> dict[str, tuple[date, date]]:
    today = period.today
    week_start = today - timedelta(days=today.weekday())
    before_month, before_year = period.month_before(), period.year_before()
    return {
        "period": (period.start, period.end),
        "month_before": (before_month.start, before_month.end),
        "year_before": (before_year.start, before_year.end),
        "week": (week_start, today),
        "month": (today.replace(day=1), today),
        "year": (today.replace(month=1, day=1), today),
    }


def _person_times_by_home(
    home_ids: list[int] | None, period: Period, filters: Filters
) -> dict[int, dict[str, int]]:
    return records.person_times_in_ranges(
        home_ids,
        person_time_ranges(period),
        channel=filters.channel,
        category_id=filters.category_id,
    )


def _jobs_by_home(homes: list[Any], period: Period) -> dict[int, dict[str, int]]:
    """{home_id: {demands, matched, introductions, interviews, hires}}: postings the Home
    collected in the period (and how many of them have a good stored match), and the
    applications it introduced (interviews and hires among them, by when they happened)."""
    low, high = records.day_bounds(period.start, period.end)
    carrier_to_home = {h.carrier_id: h.pk for h in homes}
    good = StoredMatch.objects.filter(
        direction=Direction.TALENTS_FOR_POSTING,
        subject_id=OuterRef("pk"),
        score__gte=GOOD_MATCH_SCORE,
    )
    result: dict[int, dict[str, int]] = {}
    empty = {"demands": 0, "matched": 0, "introductions": 0, "interviews": 0, "hires": 0}
    for row in (
        JobPosting.objects.filter(
            source_organisation_id__in=list(carrier_to_home),
            created_at__gte=low,
            created_at__lt=high,
        )
        .values("source_organisation_id")
        .annotate(demands=Count("pk"), matched=Count("pk", filter=Q(Exists(good))))
        .order_by()
    ):
        home_id = carrier_to_home[row["source_organisation_id"]]
        result[home_id] = {**empty, "demands": row["demands"], "matched": row["matched"]}
    for row in (
        Application.objects.filter(home_id__in=list(carrier_to_home.values()))
        .filter(
            Q(created_at__gte=low, created_at__lt=high)
            | Q(interview_at__gte=low, interview_at__lt=high)
            | Q(hired_at__gte=low, hired_at__lt=high)
        )
        .values("home_id")
        .annotate(
            introductions=Count(
                "pk",
                filter=Q(
                    origin=ApplicationOrigin.INTRODUCTION, created_at__gte=low, created_at__lt=high
                ),
            ),
            interviews=Count("pk", filter=Q(interview_at__gte=low, interview_at__lt=high)),
            hires=Count(
                "pk",
                filter=Q(stage=ApplicationStage.HIRED, hired_at__gte=low, hired_at__lt=high),
            ),
        )
        .order_by()
    ):
        entry = result.setdefault(row["home_id"], dict(empty))
        entry.update(
            introductions=row["introductions"], interviews=row["interviews"], hires=row["hires"]
        )
    return result


ROW_KEYS = (
    "period",
    "month_before",
    "year_before",
    "week",
    "month",
    "year",
    "open",
    "overdue",
    "submitted",
    "completed",
    "today",
    "attended",
    "no_show",
    "cancelled",
    "rated",
    "satisfied",
    "poor",
    "level_sum",
    "follow_ups_open",
    "follow_ups_contacted",
    "follow_ups_overdue",
    "held",
    "attendance",
    "demands",
    "matched",
    "introductions",
    "interviews",
    "hires",
)


def home_rows(homes: list[Any], period: Period, filters: Filters) -> dict[int, dict[str, int]]:
    """Every per-Home figure for the Homes given, in a fixed number of queries (eleven)."""
    ids = [h.pk for h in homes]
    today = period.today
    rows = {pk: dict.fromkeys(ROW_KEYS, 0) for pk in ids}

    def merge(source: dict[int, dict[str, int]], rename: dict[str, str] | None = None) -> None:
        for home_id, values in source.items():
            if home_id in rows:
                for key, value in values.items():
                    rows[home_id][(rename or {}).get(key, key)] = value or 0

    merge(_person_times_by_home(ids, period, filters))
    merge(requests_by_home(ids, period.start, period.end, today))
    merge(bookings_by_home(ids, period.start, period.end, today))
    merge(records.ratings_by_home(ids, period.start, period.end))
    merge(
        records.follow_ups_by_home(ids, today),
        {
            "open": "follow_ups_open",
            "contacted": "follow_ups_contacted",
            "overdue": "follow_ups_overdue",
        },
    )
    merge(events_by_home(ids, period.start, period.end))
    merge(_jobs_by_home(homes, period))
    return rows


def short_name(home: Any) -> str:
    """A Home's own part of its name, e.g. "Nanjing Talent Service Centre" for "Jiangsu Home
    for Returned Overseas Students (Nanjing Talent Service Centre)": every Home shares the
    prefix, so charts and tables tell them apart by the part in brackets."""
    name = str(home.name)
    for left, right in (("（", "）"), ("(", ")")):
        if name.endswith(right) and left in name:
            return name[name.index(left) + 1 : -1]
    return name


def total(rows: list[dict[str, int]]) -> dict[str, int]:
    return {key: sum(r[key] for r in rows) for key in ROW_KEYS}


def projection(year_to_date: int, today: date) -> int:
    """Person-times expected by 31 December at this year's pace so far."""
    day_of_year = (today - today.replace(month=1, day=1)).days + 1
    days_in_year = (date(today.year, 12, 31) - today.replace(month=1, day=1)).days + 1
    return round(year_to_date * days_in_year / day_of_year)


def headline(row: dict[str, int], period: Period, *, homes: int = 1) -> list[Figure]:
    """The headline figures of a Home, a city or the province (`row` summed over its Homes)."""
    target = YEARLY_CONDITION * homes
    projected = projection(row["year"], period.today)
    no_show_base = row["attended"] + row["no_show"]
    return [
        Figure("period", _("Person-times in the period"), row["period"]),
        Figure("week", _("Person-times this week"), row["week"]),
        Figure("month", _("Person-times this month"), row["month"]),
        Figure(
            "year",
            _("Person-times this year"),
            row["year"],
            note=_("%(target)s a year required; %(projected)s projected by 31 December")
            % {"target": target, "projected": projected},
            alert=projected < target,
        ),
        Figure(
            "month_on_month",
            _("Month-on-month change"),
            change(row["period"], row["month_before"]),
            unit="%",
        ),
        Figure(
            "year_on_year",
            _("Year-on-year change"),
            change(row["period"], row["year_before"]),
            unit="%",
        ),
        Figure("open", _("Open requests"), row["open"]),
        Figure("overdue", _("Overdue requests"), row["overdue"], alert=bool(row["overdue"])),
        Figure("today", _("Appointments today"), row["today"]),
        Figure("no_show_rate", _("No-show rate"), share(row["no_show"], no_show_base), unit="%"),
        Figure("satisfied", _("Share satisfied"), share(row["satisfied"], row["rated"]), unit="%"),
        Figure("poor", _("Poor ratings"), row["poor"], alert=bool(row["poor"])),
        Figure(
            "follow_ups_overdue",
            _("Overdue follow-ups"),
            row["follow_ups_overdue"],
            alert=bool(row["follow_ups_overdue"]),
        ),
        Figure("held", _("Events held"), row["held"]),
        Figure("attendance", _("Event attendance"), row["attendance"]),
        Figure("demands", _("Employer demands collected"), row["demands"]),
        Figure("matched", _("Demands with a good match"), row["matched"]),
        Figure("introductions", pgettext("dashboard", "Introductions"), row["introductions"]),
        Figure("hires", pgettext("dashboard", "Hires"), row["hires"]),
    ]


def progress(row: dict[str, int], period: Period, homes: int = 1) -> dict[str, Any]:
    target = YEARLY_CONDITION * homes
    projected = projection(row["year"], period.today)
    return {
        "target": target,
        "year": row["year"],
        "projected": projected,
        "percent": min(100, round(100 * row["year"] / target)) if target else 0,
        "projected_percent": min(100, round(100 * projected / target)) if target else 0,
    }


# --- Blocks shared by every level -----------------------------------------------------------


def _month_label(month: date) -> str:
    return f"{month.year}-{month.month:02d}"


def trend_months(period: Period) -> tuple[date, date]:
    """The months shown in the trend: the period's, and at least the twelve up to its end."""
    start = min(period.start.replace(day=1), _shift_months(period.end.replace(day=1), -11))
    return start, period.end


def person_time_blocks(
    home_ids: list[int] | None, period: Period, filters: Filters, *, items: bool
) -> list[Block]:
    """By month (twelve months at least), channel, service category and (one Home) item."""

    def grouped(start: date, end: date, by: str) -> dict[Any, int]:
        return records.person_times_grouped(
            home_ids, start, end, by, channel=filters.channel, category_id=filters.category_id
        )

    start, end = trend_months(period)
    per_month = grouped(start, end, "month")
    months, cursor = [], start
    while cursor <= end:
        months.append(cursor)
        cursor = _shift_months(cursor, 1)
    person_times = _("Person-times")
    blocks = [
        Block(
            "by_month",
            _("Person-times by month"),
            [pgettext("dashboard", "Month"), person_times],
            [[_month_label(m), per_month.get(m, 0)] for m in months],
            chart="line",
        )
    ]
    channel_counts = grouped(period.start, period.end, "channel")
    blocks.append(
        Block(
            "by_channel",
            _("Person-times by channel"),
            [pgettext("dashboard", "Channel"), person_times],
            [[str(label), channel_counts.get(value, 0)] for value, label in Channel.choices],
        )
    )
    category_counts = grouped(period.start, period.end, "category_id")
    categories = list(ServiceCategory.objects.order_by("sort_order", "pk"))
    rows = [[c.name, category_counts.get(c.pk, 0)] for c in categories]
    if category_counts.get(None):
        rows.append([_("No service item"), category_counts[None]])
    blocks.append(
        Block(
            "by_category",
            _("Person-times by service category"),
            [pgettext("dashboard", "Category"), person_times],
            rows,
            chart="hbar",  # category names are long: labels beside the bars, not under them
        )
    )
    if items and home_ids:
        item_rows = records.person_times_by_item(home_ids, period.start, period.end)
        if filters.channel or filters.category_id:
            item_rows = _filtered_items(home_ids, period, filters)
        blocks.append(
            Block(
                "by_item",
                _("Person-times by service item"),
                [pgettext("dashboard", "Service item"), person_times],
                [
                    [pick(r["item__title_zh"], r["item__title_en"]) or _("No service item"), r["n"]]
                    for r in item_rows[:15]
                ],
                chart="hbar",
                note=_("The 15 items served most.") if len(item_rows) > 15 else "",
            )
        )
    return blocks


def _filtered_items(home_ids: list[int], period: Period, filters: Filters) -> list[dict[str, Any]]:
    from returnee_home.records.models import ServiceRecord

    qs = ServiceRecord.objects.filter(
        home_id__in=home_ids, served_on__gte=period.start, served_on__lte=period.end
    )
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    if filters.category_id:
        qs = qs.filter(item__category_id=filters.category_id)
    return list(
        qs.values("item_id", "item__title_zh", "item__title_en")
        .annotate(n=Count("pk"))
        .order_by("-n", "item_id")
    )


def rating_block(home_ids: list[int] | None, period: Period) -> Block:
    counts = records.ratings_by_level(home_ids, period.start, period.end)
    return Block(
        "ratings",
        _("Ratings by level of satisfaction"),
        [pgettext("dashboard", "Satisfaction"), pgettext("dashboard", "Ratings")],
        [[str(label), counts.get(level, 0)] for level, label in Level.choices],
    )


def follow_up_block(row: dict[str, int]) -> Block:
    return Block(
        "follow_ups",
        _("Follow-ups of poor ratings not yet resolved"),
        [pgettext("dashboard", "Status"), pgettext("dashboard", "Follow-ups")],
        [
            [_("Awaiting contact"), row["follow_ups_open"]],
            [pgettext("dashboard", "Contacted"), row["follow_ups_contacted"]],
            [pgettext("dashboard", "Overdue"), row["follow_ups_overdue"]],
        ],
    )


def activity_block(row: dict[str, int]) -> Block:
    """Requests, appointments, events and matching of the period in one table."""
    return Block(
        "activity",
        _("Requests, appointments, events and matching"),
        [pgettext("dashboard", "Figure"), pgettext("dashboard", "Number")],
        [
            [_("Requests submitted"), row["submitted"]],
            [_("Requests completed"), row["completed"]],
            [_("Appointments attended"), row["attended"]],
            [_("Appointments missed (no-show)"), row["no_show"]],
            [_("Appointments cancelled"), row["cancelled"]],
            [_("Events held"), row["held"]],
            [_("Event attendance"), row["attendance"]],
            [_("Employer demands collected"), row["demands"]],
            [_("Demands with a good match"), row["matched"]],
            [pgettext("dashboard", "Introductions"), row["introductions"]],
            [pgettext("dashboard", "Interviews"), row["interviews"]],
            [pgettext("dashboard", "Hires"), row["hires"]],
        ],
        chart="hbar",
    )


COMPARISON_COLUMNS = (
    ("period", "Person-times"),
    ("month_on_month", "Month-on-month %"),
    ("year_on_year", "Year-on-year %"),
    ("year", "This year"),
    ("open", "Open requests"),
    ("overdue", "Overdue requests"),
    ("no_show_rate", "No-show rate %"),
    ("satisfied_share", "Satisfied %"),
    ("poor", "Poor ratings"),
    ("follow_ups_overdue", "Overdue follow-ups"),
    ("held", "Events held"),
    ("attendance", "Event attendance"),
    ("demands", "Demands collected"),
    ("introductions", "Introductions"),
    ("hires", "Hires"),
)


def comparison_columns() -> list[str]:
    labels = {
        "period": _("Person-times"),
        "month_on_month": _("Month-on-month %"),
        "year_on_year": _("Year-on-year %"),
        "year": pgettext("dashboard", "This year"),
        "open": _("Open requests"),
        "overdue": _("Overdue requests"),
        "no_show_rate": _("No-show rate %"),
        "satisfied_share": _("Satisfied %"),
        "poor": _("Poor ratings"),
        "follow_ups_overdue": _("Overdue follow-ups"),
        "held": _("Events held"),
        "attendance": _("Event attendance"),
        "demands": _("Demands collected"),
        "introductions": pgettext("dashboard", "Introductions"),
        "hires": pgettext("dashboard", "Hires"),
    }
    return [labels[key] for key, _label in COMPARISON_COLUMNS]


def comparison_values(row: dict[str, int]) -> list[Any]:
    derived = {
        "month_on_month": change(row["period"], row["month_before"]),
        "year_on_year": change(row["period"], row["year_before"]),
        "no_show_rate": share(row["no_show"], row["attended"] + row["no_show"]),
        "satisfied_share": share(row["satisfied"], row["rated"]),
    }
    return [derived[key] if key in derived else row[key] for key, _label in COMPARISON_COLUMNS]


def comparison_block(
    key: str, title: str, first: str, labelled: list[tuple[str, str, dict[str, int]]]
) -> Block:
    """Homes (or cities) side by side, ranked by person-times in the period, with a total."""
    ranked = sorted(labelled, key=lambda x: (-x[2]["period"], x[0]))
    rows = [[label, *comparison_values(row)] for label, _url, row in ranked]
    links = [url for _label, url, _row in ranked]
    if ranked:
        rows.append(
            [pgettext("dashboard", "Total"), *comparison_values(total([r for _l, _u, r in ranked]))]
        )
        links.append("")
    return Block(
        key,
        title,
        [first, *comparison_columns()],
        rows,
        chart="hbar",
        links=links,
        summary=_ranking_summary(ranked),
        chart_columns=1,
        chart_rows=len(ranked),
    )


def _ranking_summary(ranked: list[tuple[str, str, dict[str, int]]]) -> str:
    if not ranked:
        return _("No figures for this period.")
    first, last = ranked[0], ranked[-1]
    return _(
        "Ranked by person-times in the period: first %(first)s (%(first_n)s), last %(last)s "
        "(%(last_n)s), %(total)s in all."
    ) % {
        "first": first[0],
        "first_n": first[2]["period"],
        "last": last[0],
        "last_n": last[2]["period"],
        "total": sum(r[2]["period"] for r in ranked),
    }


CHANNEL_LABELS = dict(CollectionChannel.choices)
