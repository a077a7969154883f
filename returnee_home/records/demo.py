"""Demo data of the records app: a year of service records at every Home that offers services
(counter, online and event channels), ratings with a realistic spread (mostly satisfied), and
a follow-up of every poor rating, in each state (awaiting contact, contacted, resolved, some
overdue), with some second ratings after resolution. The demo talent has a record in each
situation at the demo Home: unrated, rated, awaiting the Home's follow-up, and rateable again.

Record `i` has the synthetic source ("records.demo", i) and its own seeded generator, so a
second run adds nothing and a larger scale adds records `n..m`. Records, their ratings and
follow-ups are bulk-inserted one batch (one transaction) at a time."""

import contextlib
import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.utils import timezone

from returnee_home.core.demo import names
from returnee_home.core.demo.registry import DemoContext
from returnee_home.core.workdays import add_working_days
from returnee_home.records.actions import (
    CONTACT_WITHIN_WORKING_DAYS,
    RESOLVE_WITHIN_WORKING_DAYS,
)
from returnee_home.records.models import (
    Channel,
    FollowUp,
    Level,
    Rating,
    RatingTag,
    ServiceRecord,
)

ORDER = 40  # after services (35): records point at its items and Home offerings
SOURCE_TYPE = "records.demo"
TALENT_SOURCE_TYPE = "records.demo-talent"
RECORDS_BY_SCALE = {"tiny": 600, "small": 5_000, "medium": 100_000, "large": 1_050_000}
BATCH = 10_000
DAYS = 365

CHANNEL_WEIGHTS = {Channel.COUNTER: 58, Channel.ONLINE: 36, Channel.EVENT: 6}
LEVEL_WEIGHTS = {5: 63, 4: 24, 3: 8, 2: 3.5, 1: 1.5}
RATED_SHARE = 0.45  # of records with an account
WITH_ACCOUNT_SHARE = 0.7
GOOD_COMMENTS = [
    "工作人员很耐心，材料一次就讲清楚了。",
    "办理速度快，体验很好。",
    "Very helpful staff, everything explained in English.",
    "窗口环境整洁，等候时间短。",
    "",
    "",
]
POOR_COMMENTS = [
    "排队时间太长，叫号系统不清楚。",
    "材料要求前后说法不一致，跑了两次。",
    "The online form kept rejecting my passport scan.",
    "工作人员态度有待改进。",
]
CONTACT_NOTES = ["已电话联系本人，了解具体情况。", "Called the person and apologised."]
RESOLUTION_NOTES = [
    "已向本人说明材料要求，并优化一次告知清单。",
    "已调整窗口排班，高峰期增开窗口。",
    "Explained the procedure again and fixed the upload limit.",
]


@contextlib.contextmanager
def keep_given_created_at(*models: Any) -> Iterator[None]:
    """Let bulk_create store the generated `created_at` (a rating made last March) instead of
    the time of seeding, which `auto_now_add` would write."""
    fields = [m._meta.get_field("created_at") for m in models]
    for f in fields:
        f.auto_now_add = False
    try:
        yield
    finally:
        for f in fields:
            f.auto_now_add = True


class _World:
    """Who can be served where: the Homes with their offered items, and the talents."""

    def __init__(self) -> None:
        from returnee_home.services.models import HomeOffering
        from returnee_home.talent.models import TalentProfile

        offered: dict[int, list[int]] = {}
        for home_id, item_id in (
            HomeOffering.objects.filter(is_active=True)
            .order_by("home_id", "item_id")
            .values_list("home_id", "item_id")
        ):
            offered.setdefault(home_id, []).append(item_id)
        self.offered = offered
        self.home_ids = sorted(offered)
        # Bigger Homes serve more: a stable weight per Home.
        self.home_weights = [1 + (h * 7919) % 5 for h in self.home_ids]
        self.talent_ids = list(
            TalentProfile.objects.order_by("user_id").values_list("user_id", flat=True)
        )


def _aware(day: dt.date, rng: random.Random) -> dt.datetime:
    moment = dt.datetime.combine(day, dt.time(9 + rng.randrange(8), rng.randrange(60)))
    return timezone.make_aware(moment)


def _record(ctx: DemoContext, world: _World, i: int, today: dt.date) -> ServiceRecord:
    rng = ctx.rng_for("records.record", i)
    home_id = rng.choices(world.home_ids, weights=world.home_weights)[0]
    served_on = today - dt.timedelta(days=rng.randrange(DAYS))
    if served_on.weekday() >= 5 and rng.random() < 0.8:
        served_on -= dt.timedelta(days=served_on.weekday() - 4)  # few services at weekends
    with_account = world.talent_ids and rng.random() < WITH_ACCOUNT_SHARE
    record = ServiceRecord(
        person_id=rng.choice(world.talent_ids) if with_account else None,
        person_name="" if with_account else names.person_name(rng)[0],
        home_id=home_id,
        item_id=rng.choice(world.offered[home_id]),
        channel=rng.choices(list(CHANNEL_WEIGHTS), weights=list(CHANNEL_WEIGHTS.values()))[0],
        served_on=served_on,
        source_type=SOURCE_TYPE,
        source_id=str(i),
    )
    record.created_at = _aware(served_on, rng)
    return record


def _follow_up(
    rng: random.Random, rating: Rating, home_id: int, today: dt.date, handler_id: int | None
) -> tuple[FollowUp, Rating | None]:
    """The follow-up of a poor first rating; its state follows its age (old ones resolved,
    a few left overdue), and some resolved ones have a second rating."""
    rated_on = timezone.localdate(rating.created_at)
    follow_up = FollowUp(
        rating=rating,
        home_id=home_id,
        contact_due=add_working_days(rated_on, CONTACT_WITHIN_WORKING_DAYS),
        resolve_due=add_working_days(rated_on, RESOLVE_WITHIN_WORKING_DAYS),
        created_at=rating.created_at,
        handled_by_id=handler_id,
    )
    age = (today - rated_on).days
    roll = rng.random()
    if age <= 1 or (age > 1 and roll < 0.04):
        return follow_up, None  # awaiting contact (overdue when older than a working day)
    follow_up.status = FollowUp.Status.CONTACTED
    follow_up.contacted_at = rating.created_at + dt.timedelta(hours=rng.randrange(2, 30))
    follow_up.contact_note = rng.choice(CONTACT_NOTES)
    if age <= 10 or roll < 0.10:
        return follow_up, None  # contacted, not resolved (overdue when past 15 working days)
    follow_up.status = FollowUp.Status.RESOLVED
    follow_up.resolved_at = follow_up.contacted_at + dt.timedelta(days=rng.randrange(1, 15))
    follow_up.resolution_note = rng.choice(RESOLUTION_NOTES)
    if rng.random() < 0.6:
        again = Rating(
            record_id=rating.record_id,
            person_id=rating.person_id,
            round=2,
            level=rng.choices([5, 4, 3, 2], weights=[45, 35, 15, 5])[0],
            created_at=follow_up.resolved_at + dt.timedelta(hours=rng.randrange(1, 72)),
        )
        return follow_up, again
    return follow_up, None


def _rate(
    ctx: DemoContext, records: list[ServiceRecord], today: dt.date, managers: dict[int, int]
) -> tuple[int, int]:
    first: list[Rating] = []
    for record in records:
        rng = ctx.rng_for("records.rating", record.source_id)
        if record.person_id is None or rng.random() >= RATED_SHARE:
            continue
        level = rng.choices(list(LEVEL_WEIGHTS), weights=list(LEVEL_WEIGHTS.values()))[0]
        poor = level <= Level.DISSATISFIED
        tags = rng.sample(RatingTag.values, k=rng.choice([0, 0, 1, 1, 2]))
        rated_at = min(record.created_at + dt.timedelta(hours=rng.randrange(1, 96)), ctx.now)
        first.append(
            Rating(
                record_id=record.pk,
                person_id=record.person_id,
                round=1,
                level=level,
                tags=tags,
                comment=rng.choice(POOR_COMMENTS if poor else GOOD_COMMENTS),
                created_at=rated_at,
            )
        )
    Rating.objects.bulk_create(first, batch_size=BATCH)
    homes = {r.pk: r.home_id for r in records}
    follow_ups, second = [], []
    for rating in first:
        if rating.level > Level.DISSATISFIED:
            continue
        rng = ctx.rng_for("records.follow-up", rating.record_id)
        home_id = homes[rating.record_id]
        follow_up, again = _follow_up(rng, rating, home_id, today, managers.get(home_id))
        follow_ups.append(follow_up)
        if again is not None:
            second.append(again)
    FollowUp.objects.bulk_create(follow_ups, batch_size=BATCH)
    Rating.objects.bulk_create(second, batch_size=BATCH)
    return len(first) + len(second), len(follow_ups)


def _manager_ids() -> dict[int, int]:
    """One manager per Home (by carrier), who signs the demo follow-ups."""
    from returnee_home.orgs.models import Home, Membership, Role

    carriers = dict(Home.objects.values_list("carrier_id", "pk"))
    found: dict[int, int] = {}
    for org_id, user_id in (
        Membership.objects.filter(role=Role.HOME_MANAGER, organisation_id__in=carriers)
        .order_by("pk")
        .values_list("organisation_id", "user_id")
    ):
        found.setdefault(carriers[org_id], user_id)
    return found


def _records(ctx: DemoContext, world: _World) -> None:
    target = RECORDS_BY_SCALE.get(ctx.scale.name, RECORDS_BY_SCALE["small"])
    have = ServiceRecord.objects.filter(source_type=SOURCE_TYPE).count()
    if have >= target:
        ctx.log(f"records: {have} service records already ({target} at this scale)")
        return
    today = timezone.localdate(ctx.now)
    managers = _manager_ids()
    ratings = follow_ups = 0
    with keep_given_created_at(ServiceRecord, Rating, FollowUp):
        for start in range(have, target, BATCH):
            stop = min(start + BATCH, target)
            with transaction.atomic():
                records = [_record(ctx, world, i, today) for i in range(start, stop)]
                ServiceRecord.objects.bulk_create(records, batch_size=BATCH)
                if records and records[0].pk is None:  # a backend that returns no ids
                    by_source = dict(
                        ServiceRecord.objects.filter(
                            source_type=SOURCE_TYPE, source_id__in=[r.source_id for r in records]
                        ).values_list("source_id", "pk")
                    )
                    for r in records:
                        r.pk = by_source[r.source_id]
                added = _rate(ctx, records, today, managers)
            ratings += added[0]
            follow_ups += added[1]
            if (stop // BATCH) % 10 == 0 or stop == target:
                ctx.log(f"records: {stop}/{target} service records")
    ctx.log(
        f"records: {target - have} new service records, {ratings} ratings, {follow_ups} follow-ups"
    )


def _demo_talent(ctx: DemoContext, world: _World) -> None:
    """Five records of the demo talent at the demo Home: unrated; rated very satisfied; rated
    dissatisfied with the follow-up awaiting contact (overdue), contacted but past its time,
    and resolved, so that it may be rated again."""
    person = ctx.shared.get("demo_users", {}).get("talent")
    home = ctx.shared.get("demo_home")
    if person is None or home is None or not world.offered.get(home.pk):
        return
    if ServiceRecord.objects.filter(source_type=TALENT_SOURCE_TYPE).exists():
        return
    today = timezone.localdate(ctx.now)
    items = world.offered[home.pk]
    manager_id = _manager_ids().get(home.pk)
    plan = [  # (days ago, channel, first level or None, follow-up state)
        (2, Channel.COUNTER, None, None),
        (40, Channel.ONLINE, Level.VERY_SATISFIED, None),
        (6, Channel.COUNTER, Level.DISSATISFIED, FollowUp.Status.OPEN),
        (30, Channel.COUNTER, Level.VERY_DISSATISFIED, FollowUp.Status.RESOLVED),
        (35, Channel.ONLINE, Level.DISSATISFIED, FollowUp.Status.CONTACTED),
    ]
    with transaction.atomic(), keep_given_created_at(ServiceRecord, Rating, FollowUp):
        for n, (days, channel, level, state) in enumerate(plan, start=1):
            served_on = today - dt.timedelta(days=days)
            at = timezone.make_aware(dt.datetime.combine(served_on, dt.time(10, 30)))
            record = ServiceRecord.objects.create(
                person=person,
                home=home,
                item_id=items[n % len(items)],
                channel=channel,
                served_on=served_on,
                source_type=TALENT_SOURCE_TYPE,
                source_id=str(n),
                created_at=at,
            )
            if level is None:
                continue
            rating = Rating.objects.create(
                record=record,
                person=person,
                level=level,
                tags=[RatingTag.WAITING] if state else [RatingTag.ATTITUDE],
                comment=POOR_COMMENTS[0] if state else GOOD_COMMENTS[0],
                created_at=at + dt.timedelta(hours=3),
            )
            if state is None:
                continue
            rated_on = served_on
            follow_up = FollowUp(
                rating=rating,
                home=home,
                contact_due=add_working_days(rated_on, CONTACT_WITHIN_WORKING_DAYS),
                resolve_due=add_working_days(rated_on, RESOLVE_WITHIN_WORKING_DAYS),
                created_at=rating.created_at,
            )
            if state != FollowUp.Status.OPEN:
                follow_up.status = state
                follow_up.handled_by_id = manager_id
                follow_up.contacted_at = at + dt.timedelta(days=1)
                follow_up.contact_note = CONTACT_NOTES[0]
            if state == FollowUp.Status.RESOLVED:
                follow_up.resolved_at = at + dt.timedelta(days=5)
                follow_up.resolution_note = RESOLUTION_NOTES[1]
            follow_up.save()
    ctx.log(f"records: the demo talent's {len(plan)} service records")


def seed(ctx: DemoContext) -> None:
    world = _World()
    if not world.home_ids:
        ctx.log("records: no Home offers a service item yet; no service records made")
        return
    _records(ctx, world)
    _demo_talent(ctx, world)
