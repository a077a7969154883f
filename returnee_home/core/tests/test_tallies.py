"""Splitting a period into whole months (read from a tally's totals) and edge days (read from
its facts): every day of the period is covered exactly once."""

import datetime as dt

import pytest

from returnee_home.core.tallies import split_period

D = dt.date


@pytest.mark.parametrize(
    ("start", "end", "months", "edges"),
    [
        (D(2026, 11, 1), D(2026, 11, 30), (D(2026, 11, 1), D(2026, 11, 1)), []),
        (D(2026, 11, 1), D(2026, 11, 26), None, [(D(2026, 11, 1), D(2026, 11, 26))]),
        (
            D(2026, 1, 15),
            D(2026, 3, 10),
            (D(2026, 2, 1), D(2026, 2, 1)),
            [(D(2026, 1, 15), D(2026, 1, 31)), (D(2026, 3, 1), D(2026, 3, 10))],
        ),
        (
            D(2025, 12, 31),
            D(2026, 12, 31),
            (D(2026, 1, 1), D(2026, 12, 1)),
            [(D(2025, 12, 31), D(2025, 12, 31))],
        ),
        (D(2024, 2, 1), D(2024, 2, 29), (D(2024, 2, 1), D(2024, 2, 1)), []),
        (D(2026, 5, 31), D(2026, 6, 1), None, [(D(2026, 5, 31), D(2026, 6, 1))]),
    ],
)
def test_split_period(start: D, end: D, months: tuple | None, edges: list) -> None:
    assert split_period(start, end) == (months, edges)


def test_every_day_is_covered_once() -> None:
    start = D(2025, 1, 1)
    for offset in range(0, 400, 7):
        for length in (0, 1, 27, 31, 62, 365):
            low = start + dt.timedelta(days=offset)
            high = low + dt.timedelta(days=length)
            span, edges = split_period(low, high)
            days = []
            for a, b in edges:
                days += [a + dt.timedelta(days=i) for i in range((b - a).days + 1)]
            if span is not None:
                day = span[0]
                while day <= span[1]:
                    nxt = (day + dt.timedelta(days=32)).replace(day=1)
                    days += [day + dt.timedelta(days=i) for i in range((nxt - day).days)]
                    day = nxt
            assert sorted(days) == [low + dt.timedelta(days=i) for i in range(length + 1)]
