"""Background work of the matching engine (eager in the embedded default): thin wrappers of
actions. `matching.catch_up` keeps the feature rows current whichever app changed a record;
`matching.recompute_all` refreshes the stored top matches (schedule it nightly)."""

from celery import shared_task

from returnee_home.matching import actions
from returnee_home.matching.models import Direction


@shared_task(name="matching.refresh_features")
def refresh_features(kind: str, object_ids: list[int]) -> int:
    return actions.features_refresh(kind=kind, object_ids=list(object_ids))


@shared_task(name="matching.catch_up")
def catch_up() -> dict[str, int]:
    return actions.features_catch_up()


@shared_task(name="matching.recompute_all")
def recompute_all() -> dict[str, int]:
    return {
        direction: actions.stored_matches_recompute(direction=direction)
        for direction in Direction.values
    }
