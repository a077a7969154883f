"""Figures of service requests for dashboards, grouped by Home in one query. A transferred
request counts at the Home that holds it now (the one it was transferred to)."""

from datetime import date

from django.db.models import Count, Q

from returnee_home.records.stats import day_bounds
from returnee_home.services.models import OPEN_STATES, RequestState, ServiceRequest


def requests_by_home(
    home_ids: list[int] | None, start: date, end: date, today: date
) -> dict[int, dict[str, int]]:
    """{home_id: {open, overdue, submitted, completed}}: open and overdue now; submitted and
    completed in the period."""
    low, high = day_bounds(start, end)
    qs = ServiceRequest.objects.exclude(state=RequestState.DRAFT)
    if home_ids is not None:
        qs = qs.filter(home_id__in=home_ids)
    # Three narrow queries, each read through its own (home, ...) index, rather than one scan
    # of every request for an OR of the three.
    rows: dict[int, dict[str, int]] = {}
    empty = {"open": 0, "overdue": 0, "submitted": 0, "completed": 0}
    for part in (
        qs.filter(state__in=OPEN_STATES)
        .values("home_id")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today))),
        qs.filter(submitted_at__gte=low, submitted_at__lt=high)
        .values("home_id")
        .annotate(submitted=Count("pk")),
        qs.filter(closed_at__gte=low, closed_at__lt=high, state=RequestState.COMPLETED)
        .values("home_id")
        .annotate(completed=Count("pk")),
    ):
        for row in part.order_by():
            rows.setdefault(row.pop("home_id"), dict(empty)).update(row)
    return rows
