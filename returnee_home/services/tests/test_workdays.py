"""China's working-day calendar: weekends, public holidays and make-up working days."""

import datetime as dt

import pytest

from returnee_home.core.workdays import (
    add_working_days,
    covered_years,
    is_working_day,
    working_days_between,
)

D = dt.date


def test_calendar_covers_2025_and_2026() -> None:
    assert {2025, 2026} <= set(covered_years())


@pytest.mark.parametrize(
    "day",
    [
        D(2025, 1, 1),  # New Year's Day, a Wednesday
        D(2025, 1, 28),  # Spring Festival eve
        D(2025, 2, 4),
        D(2025, 4, 4),
        D(2025, 5, 5),  # Labour Day holiday, a Monday
        D(2025, 6, 2),
        D(2025, 10, 8),  # National Day + Mid-Autumn, a Wednesday
        D(2026, 1, 2),
        D(2026, 2, 23),  # Spring Festival, a Monday
        D(2026, 4, 6),
        D(2026, 5, 5),
        D(2026, 6, 19),
        D(2026, 9, 25),
        D(2026, 10, 7),
    ],
)
def test_public_holidays_on_weekdays_are_days_off(day: dt.date) -> None:
    assert day.weekday() < 5
    assert not is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [
        D(2025, 1, 26),
        D(2025, 2, 8),
        D(2025, 4, 27),
        D(2025, 9, 28),
        D(2025, 10, 11),
        D(2026, 1, 4),
        D(2026, 2, 14),
        D(2026, 2, 28),
        D(2026, 5, 9),
        D(2026, 9, 20),
        D(2026, 10, 10),
    ],
)
def test_make_up_working_days_on_weekends_are_working_days(day: dt.date) -> None:
    assert day.weekday() >= 5
    assert is_working_day(day)


def test_ordinary_weekdays_and_weekends() -> None:
    assert is_working_day(D(2025, 3, 3))  # Monday
    assert not is_working_day(D(2025, 3, 1))  # Saturday
    assert not is_working_day(D(2025, 3, 2))  # Sunday
    # Outside the covered years plain weekdays count.
    assert is_working_day(D(2030, 1, 1))  # Tuesday


def test_add_working_days_skips_weekend() -> None:
    assert add_working_days(D(2025, 3, 7), 1) == D(2025, 3, 10)  # Friday → Monday
    assert add_working_days(D(2025, 3, 3), 5) == D(2025, 3, 10)
    assert add_working_days(D(2025, 3, 10), -1) == D(2025, 3, 7)
    assert add_working_days(D(2025, 3, 8), 0) == D(2025, 3, 10)
    assert add_working_days(D(2025, 3, 10), 0) == D(2025, 3, 10)


def test_add_working_days_across_national_day_2025() -> None:
    # Sat 27 Sep; Sun 28 Sep is a make-up day; 1–8 Oct off; Sat 11 Oct is a make-up day.
    assert add_working_days(D(2025, 9, 27), 1) == D(2025, 9, 28)
    assert add_working_days(D(2025, 9, 30), 1) == D(2025, 10, 9)
    assert add_working_days(D(2025, 9, 30), 3) == D(2025, 10, 11)


def test_add_working_days_across_spring_festival_2026() -> None:
    # Fri 13 Feb → Sat 14 Feb (make-up) → holiday 15–23 Feb → Tue 24 Feb.
    assert add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 14)
    assert add_working_days(D(2026, 2, 13), 2) == D(2026, 2, 24)


def test_working_days_between() -> None:
    assert working_days_between(D(2025, 3, 3), D(2025, 3, 3)) == 0
    assert working_days_between(D(2025, 3, 3), D(2025, 3, 10)) == 5
    assert working_days_between(D(2025, 3, 10), D(2025, 3, 3)) == -5
    assert working_days_between(D(2025, 9, 30), D(2025, 10, 9)) == 1
    assert working_days_between(D(2026, 2, 13), D(2026, 2, 24)) == 2


def test_round_trip() -> None:
    start = D(2025, 1, 20)
    for n in range(0, 40):
        end = add_working_days(start, n)
        assert working_days_between(start, end) == n
