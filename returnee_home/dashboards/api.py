"""Public JSON feed of the open statistics (/api/v1/statistics/): the same figures as the
public statistics page, small counts suppressed."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router

from returnee_home.core.private_cache import cached_until_written
from returnee_home.dashboards.open_data import public_figures

router = Router(tags=["statistics"])
CACHE_SECONDS = 600


@router.get("/", auth=None, summary="Open statistics by city, month and category")
def statistics(request: HttpRequest) -> dict[str, Any]:
    """Person-times by city, month and service category; new talents and new job postings by
    city and month, over the last twelve whole months. A count below `threshold` is null with
    `suppressed: true`."""
    today = timezone.localdate()
    return cached_until_written(
        f"dashboards:open-data:{today.isoformat()}",
        lambda: public_figures(today=today),
        CACHE_SECONDS,
    )
