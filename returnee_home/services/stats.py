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
    in_period = Q(submitted_at__gte=low, submitted_at__lt=high)
    closed_in_period = Q(closed_at__gte=low, closed_at__lt=high)
    return {
        row.pop("home_id"): row
        for row in qs.filter(Q(state__in=OPEN_STATES) | in_period | closed_in_period)
        .values("home_id")
        .annotate(
            open=Count("pk", filter=Q(state__in=OPEN_STATES)),
            overdue=Count("pk", filter=Q(state__in=OPEN_STATES, due_on__lt=today)),
            submitted=Count("pk", filter=in_period),
            completed=Count("pk", filter=closed_in_period & Q(state=RequestState.COMPLETED)),
        )
        .order_by()
    }
