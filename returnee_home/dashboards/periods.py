"""The period a dashboard covers, read from and written back to the URL so that a view can be
shared: this month, last month, this year or a custom range of days (Asia/Shanghai dates)."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import pgettext, pgettext_lazy

CHOICES = (
    ("this_month", pgettext_lazy("dashboard", "This month")),
    ("last_month", pgettext_lazy("dashboard", "Last month")),
    ("this_year", pgettext_lazy("dashboard", "This year")),
    ("custom", pgettext_lazy("dashboard", "Custom range")),
)
LONGEST_RANGE_DAYS = 3 * 366


def _shift_months(day: date, months: int) -> date:
    """The same day `months` later (earlier when negative), clamped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (31, 30, 29, 28):
        if day.day <= candidate:
            try:
                return date(year, month, min(day.day, candidate))
            except ValueError:
                continue
    return date(year, month, 28)


def _month_end(day: date) -> date:
    return _shift_months(day.replace(day=1), 1) - timedelta(days=1)


@dataclass(frozen=True)
class Period:
    """A range of days, both ends included."""

    kind: str
    start: date
    end: date
    today: date

    @property
    def label(self) -> str:
        return str(dict(CHOICES)[self.kind])

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def description(self) -> str:
        return pgettext("dashboard period", "%(label)s: %(start)s – %(end)s") % {
            "label": self.label,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
        }

    def month_before(self) -> "Period":
        """The same days one month earlier (month-on-month)."""
        if self.kind in ("this_month", "last_month"):
            start = _shift_months(self.start, -1)
            end = min(_month_end(start), _shift_months(self.end, -1))
            return Period("custom", start, end, self.today)
        return Period(
            "custom", _shift_months(self.start, -1), _shift_months(self.end, -1), self.today
        )

    def year_before(self) -> "Period":
        """The same days one year earlier (year-on-year)."""
        return Period(
            "custom", _shift_months(self.start, -12), _shift_months(self.end, -12), self.today
        )

    def months(self) -> list[date]:
        """First days of the months the period touches, oldest first."""
        result, cursor = [], self.start.replace(day=1)
        while cursor <= self.end:
            result.append(cursor)
            cursor = _shift_months(cursor, 1)
        return result

    def query(self) -> dict[str, str]:
        params = {"period": self.kind}
        if self.kind == "custom":
            params.update(start=self.start.isoformat(), end=self.end.isoformat())
        return params


def _parse_day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def period_from(params: Any, *, today: date | None = None) -> Period:
    """The period asked for in the query string; this month when absent or invalid. A custom
    range ends no later than today, is put in order, and is at most about three years long."""
    today = today or timezone.localdate()
    kind = params.get("period") or "this_month"
    if kind == "last_month":
        end = today.replace(day=1) - timedelta(days=1)
        return Period(kind, end.replace(day=1), end, today)
    if kind == "this_year":
        return Period(kind, today.replace(month=1, day=1), today, today)
    if kind == "custom":
        start, end = _parse_day(params.get("start")), _parse_day(params.get("end"))
        if start and end:
            start, end = min(start, end), max(start, end)
            end = min(end, today)
            start = max(min(start, end), end - timedelta(days=LONGEST_RANGE_DAYS))
            return Period(kind, start, end, today)
    return Period("this_month", today.replace(day=1), today, today)


def month_period(month_start: date) -> Period:
    """A whole calendar month (the monthly reports)."""
    return Period("custom", month_start, _month_end(month_start), _month_end(month_start))
