"""Working days in mainland China: Monday to Friday, minus the official public holidays, plus
the weekend days the State Council turns into make-up working days (调休上班).

The calendar lives in core/reference/holidays_cn.json, one entry per year from the State
Council's annual notice. Years not in the file count plain weekdays."""

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path

CALENDAR_FILE = Path(__file__).resolve().parent / "reference" / "holidays_cn.json"


@lru_cache(maxsize=1)
def _calendar() -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """(days off, make-up working days) read once per process."""
    data = json.loads(CALENDAR_FILE.read_text(encoding="utf-8"))
    holidays: set[dt.date] = set()
    workdays: set[dt.date] = set()
    for year in data["years"].values():
        for days in year["holidays"].values():
            holidays.update(dt.date.fromisoformat(day) for day in days)
        workdays.update(dt.date.fromisoformat(day) for day in year["workdays"])
    return frozenset(holidays), frozenset(workdays)


def covered_years() -> list[int]:
    """The years the calendar file has a State Council notice for."""
    data = json.loads(CALENDAR_FILE.read_text(encoding="utf-8"))
    return sorted(int(year) for year in data["years"])


def is_working_day(day: dt.date) -> bool:
    """True on a weekday that is not a public holiday, and on a make-up working day."""
    if isinstance(day, dt.datetime):
        day = day.date()
    holidays, workdays = _calendar()
    if day in workdays:
        return True
    if day in holidays:
        return False
    return day.weekday() < 5


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The date n working days after start (start itself not counted; n=0 gives start, or the
    next working day when start is not one). Negative n counts backwards."""
    if isinstance(start, dt.datetime):
        start = start.date()
    day = start
    if n == 0:
        while not is_working_day(day):
            day += dt.timedelta(days=1)
        return day
    step = dt.timedelta(days=1 if n > 0 else -1)
    remaining = abs(n)
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(a: dt.date, b: dt.date) -> int:
    """Working days after a up to and including b; negative when b is before a.

    So a request due on b, looked at on a, is "due in N working days" (N > 0), due today
    (N == 0), or "overdue by -N working days" (N < 0)."""
    if isinstance(a, dt.datetime):
        a = a.date()
    if isinstance(b, dt.datetime):
        b = b.date()
    if a == b:
        return 0
    sign = 1
    if b < a:
        a, b, sign = b, a, -1
    count = 0
    day = a
    while day < b:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return sign * count
