"""Demo data of matching: the taxonomy, the engine's feature rows for every talent, posting,
project and demand (in batches), some dismissals of the demo talent, and (up to the small
scale) the stored top matches both ways between talents and postings. Runs after jobs (55), whose records it reads."""

import time

from returnee_home.core.demo.registry import DemoContext
from returnee_home.matching import actions
from returnee_home.matching.features import jobs_model
from returnee_home.matching.models import Direction, FeedbackReason, MatchFeedback
from returnee_home.matching.taxonomy import load_taxonomy
from returnee_home.talent.models import TalentProfile

ORDER = 58
STORED_UP_TO_RANK = 1  # stored matches for everyone only up to the small scale


def seed(ctx: DemoContext) -> None:
    counts = load_taxonomy()
    started = time.monotonic()
    written = 0
    while True:
        done = actions.features_catch_up()
        if not any(done.values()):
            break
        written += sum(done.values())
        ctx.log(f"matching: {written} feature rows ({time.monotonic() - started:.0f}s)")
    _demo_feedback(ctx)
    if ctx.scale.rank <= STORED_UP_TO_RANK:
        # Both ways between talents and postings: a talent's suggested postings, and the
        # talents each posting matches (the dashboards' "demands with a good match").
        for direction in (Direction.POSTINGS_FOR_TALENT, Direction.TALENTS_FOR_POSTING):
            stored = actions.stored_matches_recompute(direction=direction)
            ctx.log(f"matching: {stored} stored matches ({direction.label})")
    ctx.log(
        f"matching: taxonomy of {counts['skills']} skills and {counts['synonyms']} synonyms; "
        f"{written} feature rows in {time.monotonic() - started:.0f}s"
    )


def _demo_feedback(ctx: DemoContext) -> None:
    """The demo talent dismissed one posting far from their field, with a reason."""
    model = jobs_model("JobPosting")
    user = ctx.shared.get("demo_users", {}).get("talent")
    if model is None or user is None:
        return
    profile = TalentProfile.objects.filter(user=user).first()
    posting = (
        model.objects.filter(status="published", industry__code="modern_finance")
        .order_by("pk")
        .first()
    )
    if profile is None or posting is None:
        return
    MatchFeedback.objects.get_or_create(
        direction=Direction.POSTINGS_FOR_TALENT,
        subject_id=profile.pk,
        object_id=posting.pk,
        defaults={"reason": FeedbackReason.NOT_RELEVANT, "created_by": user},
    )
