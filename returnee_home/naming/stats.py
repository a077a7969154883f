"""Figures of naming for dashboards: the applications of the current batch by state, for a city
(with its counties) or the province."""

from typing import Any

from django.db.models import Count

from returnee_home.naming.models import Application, NamingBatch


def current_batch() -> NamingBatch | None:
    """The batch open for applications, else the latest one."""
    return (
        NamingBatch.objects.filter(status=NamingBatch.Status.OPEN)
        .order_by("-year", "-number")
        .first()
        or NamingBatch.objects.order_by("-year", "-number").first()
    )


def applications_by_state(
    batch: NamingBatch | None, city_ids: list[int] | None
) -> list[dict[str, Any]]:
    """[{state, label, n}] in the workflow's order, states with no application left out."""
    if batch is None:
        return []
    qs = Application.objects.filter(batch=batch)
    if city_ids is not None:
        qs = qs.filter(city_id__in=city_ids)
    counts = {r["state"]: r["n"] for r in qs.values("state").annotate(n=Count("pk")).order_by()}
    return [
        {"state": state, "label": str(label), "n": counts[state]}
        for state, label in Application.State.choices
        if counts.get(state)
    ]
