"""Demo data of events: every named Home holds events of every kind over the past and the next
three months — policy briefings, forums, lectures, training classes, roadshows, meet-ups — with
registrations, waiting lists, approvals, attendance (one service record of channel "event" per
attendee), materials and feedback; and the demo talent's own: an event at the demo Home today
(for the check-in desk), one where they wait for a place, one they attended and rated.

Event `i` of a Home is generated from `ctx.rng_for("events", home.code, i)`; a Home that already
has `n` demo events gets events `n..target`, so a second run adds nothing and a larger scale
tops up. Rows are bulk-inserted in batches."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from returnee_home.core.demo.registry import DemoContext
from returnee_home.events.actions import CODE_ALPHABET, CODE_LENGTH, service_item_for
from returnee_home.events.models import (
    Event,
    EventKind,
    EventMaterial,
    EventStatus,
    Feedback,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
)
from returnee_home.records.demo import keep_given_created_at

ORDER = 45  # after records (40) and consultations (41): attendance adds service records
EVENTS_PER_HOME = {"tiny": 6, "small": 8, "medium": 10, "large": 12}
KINDS = list(EventKind.values)
R = RegistrationStatus
S = EventStatus

# kind → [(zh title, en title, zh description, en description)]
TOPICS: dict[str, list[tuple[str, str, str, str]]] = {
    "policy_briefing": [
        (
            "留学回国人员落户与住房补贴政策宣讲会",
            "Briefing: residence registration and housing subsidies for returnees",
            "人社部门工作人员逐条讲解留学回国人员落户、人才公寓和购房补贴政策，现场答疑。",
            "Staff of the HR bureau explain, point by point, residence registration, talent apartments and housing subsidies for returnees, with questions and answers.",
        ),
        (
            "高层次人才认定与待遇落实政策解读",
            "Policy briefing: high-level talent recognition and benefits",
            "解读高层次人才分类认定标准、申报流程以及子女入学、医疗保障等待遇落实办法。",
            "How high-level talent is recognised, how to apply, and how benefits such as school places and medical care are delivered.",
        ),
        (
            "留学人员创业扶持政策专场宣讲",
            "Briefing: start-up support for returned overseas students",
            "介绍创业启动资金、场地租金减免、创业担保贷款等扶持政策及申报时间安排。",
            "Seed funding, rent relief and guaranteed start-up loans: what exists, who qualifies and when to apply.",
        ),
    ],
    "forum": [
        (
            "海归人才与产业创新发展论坛",
            "Forum: returnee talent and industrial innovation",
            "邀请企业家、高校学者与海归创业者围绕集成电路、生物医药等重点产业开展对话。",
            "Entrepreneurs, university researchers and returnee founders discuss integrated circuits, biomedicine and other key industries.",
        ),
        (
            "长三角留学人员创新创业主题论坛",
            "Yangtze River Delta forum on returnee innovation and entrepreneurship",
            "聚焦长三角一体化背景下的人才流动、成果转化与跨区域合作。",
            "Talent mobility, technology transfer and cross-regional cooperation in the integrated Yangtze River Delta.",
        ),
    ],
    "lecture": [
        (
            "知识产权保护与专利布局讲座",
            "Lecture: protecting intellectual property and planning patents",
            "专利代理师讲解海外成果回国转化中的知识产权风险与专利申请策略。",
            "A patent attorney on IP risks when bringing research results home and on patent filing strategy.",
        ),
        (
            "国内职场文化与求职技巧讲座",
            "Lecture: workplace culture and job-hunting in China",
            "资深人力资源经理分享国内企业招聘流程、面试要点与职业发展建议。",
            "A senior HR manager on how Chinese employers recruit, what interviews look for, and career development.",
        ),
    ],
    "training": [
        (
            "留学人员创业能力提升培训班",
            "Training class: start-up skills for returnees",
            "为期一天的创业培训，涵盖商业计划书撰写、股权设计与融资路演。",
            "A one-day course on writing a business plan, designing equity and pitching to investors.",
        ),
        (
            "企业财税实务培训班",
            "Training class: tax and accounting for new companies",
            "面向初创企业负责人讲解公司注册、税务申报与社保缴纳实务。",
            "Company registration, tax returns and social insurance in practice, for founders of new companies.",
        ),
    ],
    "roadshow": [
        (
            "海归创业项目路演专场",
            "Roadshow: start-up projects of returnees",
            "十个海归创业项目现场路演，投资机构与园区代表点评对接。",
            "Ten returnee start-ups pitch on stage; investors and park representatives respond and follow up.",
        ),
        (
            "科技成果转化项目路演会",
            "Roadshow: technology transfer projects",
            "高校院所留学人员科技成果集中发布，企业现场洽谈合作。",
            "Researchers who studied abroad present results ready for transfer; companies discuss cooperation on the spot.",
        ),
    ],
    "meetup": [
        (
            "留学人员交流联谊会",
            "Networking meet-up for returned overseas students",
            "轻松的交流活动，结识同城海归伙伴，了解之家各项服务。",
            "An informal evening to meet fellow returnees in the city and learn what the Home offers.",
        ),
        (
            "海归青年人才沙龙",
            "Young returnee talent salon",
            "围绕职业发展与城市生活的主题沙龙，设有自由交流环节。",
            "A salon on careers and city life, with time to talk freely.",
        ),
    ],
}
HOURS = [(9, 30, 3), (14, 0, 2), (19, 0, 2)]
COMMENTS = [
    "讲解清楚，收获很大。",
    "希望多举办类似活动。",
    "Very useful, thank you.",
    "时间安排紧凑，内容实用。",
    "",
]


class _World:
    def __init__(self, ctx: DemoContext) -> None:
        from returnee_home.core.models import Language
        from returnee_home.orgs.models import Home
        from returnee_home.talent.models import TalentProfile

        self.homes = list(
            Home.objects.filter(status=Home.Status.NAMED).select_related("city").order_by("code")
        )
        self.talents = list(
            TalentProfile.objects.order_by("user_id").values_list("user_id", "user__full_name")[
                :5000
            ]
        )
        self.languages = {
            lang.code: lang for lang in Language.objects.filter(code__in=["zh", "en", "ja", "de"])
        }
        self.staff_of: dict[int, int | None] = {}


def _code(rng: Any, used: set[str]) -> str:
    while True:
        code = "".join(rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in used:
            used.add(code)
            return code


def _event(
    ctx: DemoContext, home: Any, n_home: int, i: int, per_home: int, now: dt.datetime
) -> tuple[Event, list[str]]:
    rng = ctx.rng_for("events", home.code, i)
    kind = KINDS[(i + n_home) % len(KINDS)]
    zh, en, dzh, den = rng.choice(TOPICS[kind])
    span = 180 / per_home
    day_offset = int(-90 + span * i + rng.uniform(0, span))
    hour, minute, length = rng.choice(HOURS)
    day = timezone.localdate(now) + dt.timedelta(days=day_offset)
    starts = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))
    ends = starts + dt.timedelta(hours=length)
    online = rng.random() < 0.3
    venue_only = not online or rng.random() < 0.5
    roll = rng.random()
    if ends < now:
        status = S.CANCELLED if roll < 0.05 else (S.ARCHIVED if day_offset < -30 else S.HELD)
    else:
        status = S.CANCELLED if roll < 0.04 else S.DRAFT if roll < 0.09 else S.PUBLISHED
        if status == S.PUBLISHED and day_offset < 3 and rng.random() < 0.3:
            status = S.REGISTRATION_CLOSED
    languages = (
        ["zh"] + (["en"] if rng.random() < 0.45 else []) + (["ja"] if rng.random() < 0.05 else [])
    )
    published = starts - dt.timedelta(days=rng.randint(14, 30))
    event = Event(
        home=home,
        kind=kind,
        title_zh=zh,
        title_en=en,
        description_zh=dzh,
        description_en=den,
        audience_zh="留学回国人员、在苏海外人才及用人单位人事负责人。",
        audience_en="Returned overseas students, overseas talent in Jiangsu and HR managers of employers.",
        starts_at=starts,
        ends_at=ends,
        venue_zh=f"{home.address_zh} 多功能厅" if venue_only else "",
        venue_en=f"Function room, {home.address_en}" if venue_only and home.address_en else "",
        online_url=f"https://meeting.returnee.home/{home.code.lower()}-{i}" if online else "",
        capacity=rng.choice([20, 30, 40, 60, 80, 120]),
        has_waiting_list=rng.random() < 0.85,
        requires_approval=kind in ("roadshow", "training") and rng.random() < 0.4,
        registration_closes_at=starts - dt.timedelta(hours=2),
        status=status,
        published_at=None if status == S.DRAFT else published,
        cancelled_at=published + dt.timedelta(days=5) if status == S.CANCELLED else None,
        cancel_reason="因场地调整，本场活动取消，后续将另行通知。" if status == S.CANCELLED else "",
        created_at=published - dt.timedelta(days=2),
    )
    return event, languages


def _registrations(
    ctx: DemoContext, world: _World, event: Event, now: dt.datetime
) -> list[Registration]:
    if event.status == S.DRAFT or not world.talents:
        return []
    rng = ctx.rng_for("events.registrations", event.pk)
    past = event.ends_at < now
    fill = rng.uniform(0.55, 1.0) if past else rng.uniform(0.2, 1.3)
    count = min(int(event.capacity * fill), len(world.talents))
    people = rng.sample(world.talents, count)
    used: set[str] = set()
    rows = []
    for n, (user_id, name) in enumerate(people):
        created = event.published_at + dt.timedelta(hours=1 + n * rng.uniform(0.5, 6))
        created = min(created, event.starts_at - dt.timedelta(hours=3))
        if n < event.capacity:
            status = R.CONFIRMED
            if event.requires_approval and not past and rng.random() < 0.3:
                status = R.PENDING
        elif event.has_waiting_list:
            status = R.WAITLISTED
        else:
            break
        if event.status == S.CANCELLED:
            status = R.CANCELLED
        elif rng.random() < 0.06:
            status = R.CANCELLED
        checked = (
            past and status == R.CONFIRMED and event.status != S.CANCELLED and rng.random() < 0.78
        )
        if past and status == R.WAITLISTED:
            status = R.CANCELLED
        rows.append(
            Registration(
                event=event,
                user_id=user_id,
                name=name[:100],
                status=status,
                code=_code(rng, used),
                confirmed_at=created if status == R.CONFIRMED else None,
                cancelled_at=created + dt.timedelta(days=1) if status == R.CANCELLED else None,
                checked_in_at=event.starts_at - dt.timedelta(minutes=rng.randint(0, 25))
                if checked
                else None,
                reminded_at=event.starts_at - dt.timedelta(days=1)
                if past and status == R.CONFIRMED
                else None,
                created_at=created,
            )
        )
    return rows


def _attendance_records(registrations: list[Registration], events: dict[int, Event]) -> list[Any]:
    from returnee_home.records.models import Channel, ServiceRecord

    items: dict[int, Any] = {}
    records = []
    for r in registrations:
        if r.checked_in_at is None:
            continue
        event = events[r.event_id]
        if event.pk not in items:
            items[event.pk] = service_item_for(event)
        item = items[event.pk]
        records.append(
            ServiceRecord(
                person_id=r.user_id,
                person_name=r.name,
                home_id=event.home_id,
                item=item,
                channel=Channel.EVENT,
                served_on=timezone.localdate(r.checked_in_at),
                source_type="events.registration",
                source_id=str(r.pk),
                created_at=r.checked_in_at,
            )
        )
    return records


def _extras(
    ctx: DemoContext, events: list[Event], registrations: list[Registration], now: dt.datetime
) -> None:
    materials, feedback, questions = [], [], []
    for event in events:
        rng = ctx.rng_for("events.extras", event.pk)
        if event.kind in ("training", "roadshow", "forum"):
            questions.append(
                RegistrationQuestion(
                    event=event,
                    label_zh="工作单位",
                    label_en="Employer or institution",
                    kind="text",
                    is_required=True,
                )
            )
        if event.status in (S.HELD, S.ARCHIVED):
            materials.append(
                EventMaterial(
                    event=event,
                    title_zh="活动课件",
                    title_en="Slides",
                    url=f"https://files.returnee.home/events/{event.pk}/slides.pdf",
                )
            )
            if rng.random() < 0.5:
                materials.append(
                    EventMaterial(
                        event=event,
                        title_zh="活动回放",
                        title_en="Recording",
                        url=f"https://video.returnee.home/events/{event.pk}",
                    )
                )
    for r in registrations:
        if r.checked_in_at is None:
            continue
        rng = ctx.rng_for("events.feedback", r.pk)
        if rng.random() < 0.4:
            feedback.append(
                Feedback(
                    registration=r,
                    rating=rng.choice([5, 5, 4, 4, 4, 3, 2]),
                    comment=rng.choice(COMMENTS),
                    created_at=r.checked_in_at + dt.timedelta(hours=3),
                )
            )
    RegistrationQuestion.objects.bulk_create(questions, batch_size=ctx.batch_size)
    EventMaterial.objects.bulk_create(materials, batch_size=ctx.batch_size)
    Feedback.objects.bulk_create(feedback, batch_size=ctx.batch_size)


def _home_events(ctx: DemoContext, world: _World, now: dt.datetime) -> None:
    from returnee_home.records.models import ServiceRecord

    per_home = EVENTS_PER_HOME.get(ctx.scale.name, EVENTS_PER_HOME["small"])
    have = dict(
        Event.objects.filter(created_by__isnull=True, home__in=world.homes)
        .values_list("home_id")
        .annotate(n=Count("pk"))
    )
    made_events = made_regs = 0
    pending: list[tuple[Event, list[str]]] = []

    def flush() -> None:
        nonlocal made_events, made_regs
        if not pending:
            return
        with (
            transaction.atomic(),
            keep_given_created_at(Event, Registration, Feedback, ServiceRecord),
        ):
            events = Event.objects.bulk_create([e for e, _langs in pending])
            if events and events[0].pk is None:
                raise RuntimeError(
                    "events demo needs a database that returns ids from bulk inserts"
                )
            through = Event.languages.through
            through.objects.bulk_create(
                [
                    through(event_id=e.pk, language_id=world.languages[c].pk)
                    for e, langs in pending
                    for c in langs
                    if c in world.languages
                ],
                batch_size=ctx.batch_size,
            )
            registrations = [r for e in events for r in _registrations(ctx, world, e, now)]
            registrations = Registration.objects.bulk_create(
                registrations, batch_size=ctx.batch_size
            )
            by_pk = {e.pk: e for e in events}
            ServiceRecord.objects.bulk_create(
                _attendance_records(registrations, by_pk),
                batch_size=ctx.batch_size,
                ignore_conflicts=True,
            )
            _extras(ctx, events, registrations, now)
        made_events += len(events)
        made_regs += len(registrations)
        pending.clear()
        ctx.log(f"events: {made_events} events, {made_regs} registrations so far")

    for n_home, home in enumerate(world.homes):
        for i in range(have.get(home.pk, 0), per_home):
            pending.append(_event(ctx, home, n_home, i, per_home, now))
        if len(pending) >= 200:
            flush()
    flush()
    ctx.log(
        f"events: {made_events} new events with {made_regs} registrations ({per_home} a Home at this scale)"
    )


def _demo_talent(ctx: DemoContext, world: _World, now: dt.datetime) -> None:
    """At the demo Home: an event later today (the talent and two others confirmed, two waiting;
    for the check-in desk), a full one next week where the talent waits, one last month the
    talent attended and rated."""
    person = ctx.shared.get("demo_users", {}).get("talent")
    home = ctx.shared.get("demo_home")
    if person is None or home is None:
        return
    staff = ctx.shared.get("demo_users", {}).get("staff")
    today = timezone.localdate(now)
    tz = timezone.get_default_timezone()
    plan = [
        (
            "今日政策沙龙：留学人员就业创业政策答疑",
            "Today's policy salon: questions on jobs and start-ups",
            0,
            3,
            S.PUBLISHED,
        ),
        (
            "人工智能产业海归人才专场交流会",
            "AI industry meet-up for returnee talent",
            7,
            2,
            S.PUBLISHED,
        ),
        (
            "留学人员职称评审政策讲座",
            "Lecture: professional title assessment for returnees",
            -30,
            40,
            S.HELD,
        ),
    ]
    others = [t for t in world.talents if t[0] != person.pk][:6]
    for n, (zh, en, days, capacity, status) in enumerate(plan):
        if Event.objects.filter(home=home, title_zh=zh).exists():
            continue
        start_time = dt.datetime.combine(today, dt.time(0), tzinfo=tz) + dt.timedelta(
            days=days, hours=(timezone.localtime(now).hour + 2) if days == 0 else 14
        )
        start_time = max(start_time, now + dt.timedelta(hours=1)) if days == 0 else start_time
        with transaction.atomic():
            event = Event.objects.create(
                home=home,
                kind=[EventKind.POLICY_BRIEFING, EventKind.MEETUP, EventKind.LECTURE][n],
                title_zh=zh,
                title_en=en,
                description_zh="面向留学回国人员的专场活动，现场有工作人员解答个人问题。",
                description_en="An event for returned overseas students; staff answer individual questions on the spot.",
                starts_at=start_time,
                ends_at=start_time + dt.timedelta(hours=2),
                venue_zh=f"{home.address_zh} 一楼活动室",
                venue_en=f"Activity room, 1F, {home.address_en}",
                capacity=capacity,
                has_waiting_list=True,
                status=status,
                registration_closes_at=start_time - dt.timedelta(minutes=30),
                published_at=start_time - dt.timedelta(days=10),
                created_by=staff,
            )
            event.languages.set(
                [lang for code, lang in world.languages.items() if code in ("zh", "en")]
            )
            used: set[str] = set()
            rng = ctx.rng_for("events.demo_talent", n)
            if n == 0:
                people = (
                    [(person.pk, person.full_name, R.CONFIRMED)]
                    + [(u, nm, R.CONFIRMED) for u, nm in others[:2]]
                    + [(u, nm, R.WAITLISTED) for u, nm in others[2:4]]
                )
            elif n == 1:
                people = [(u, nm, R.CONFIRMED) for u, nm in others[:2]] + [
                    (person.pk, person.full_name, R.WAITLISTED)
                ]
            else:
                people = [(person.pk, person.full_name, R.CONFIRMED)] + [
                    (u, nm, R.CONFIRMED) for u, nm in others[:4]
                ]
            for user_id, name, reg_status in people:
                registration = Registration.objects.create(
                    event=event,
                    user_id=user_id,
                    name=(name or "")[:100],
                    status=reg_status,
                    code=_code(rng, used),
                    confirmed_at=now if reg_status == R.CONFIRMED else None,
                    checked_in_at=start_time if status == S.HELD else None,
                    checked_in_by=staff if status == S.HELD else None,
                )
                if status == S.HELD:
                    _record(registration, event, staff)
                    if user_id == person.pk:
                        Feedback.objects.create(
                            registration=registration,
                            rating=5,
                            comment="讲解非常清楚，解决了我的职称评审问题。",
                        )
            if status == S.HELD:
                EventMaterial.objects.create(
                    event=event,
                    title_zh="讲座课件",
                    title_en="Lecture slides",
                    url="https://files.returnee.home/events/title-assessment.pdf",
                )
    ctx.log("events: the demo talent's registrations")


def _record(registration: Registration, event: Event, staff: Any) -> None:
    from returnee_home.records.actions import service_record_create

    service_record_create(
        person=registration.user,
        home=event.home,
        item=service_item_for(event),
        channel="event",
        served_on=timezone.localdate(registration.checked_in_at),
        source=registration,
        actor=staff,
        person_name=registration.name,
    )


def seed(ctx: DemoContext) -> None:
    world = _World(ctx)
    if not world.homes:
        ctx.log("events: no named Homes; no events made")
        return
    now = ctx.now
    demo_talent = ctx.shared.get("demo_users", {}).get("talent")
    if demo_talent is not None:
        # The demo talent's own registrations are the curated ones below, not random ones.
        world.talents = [t for t in world.talents if t[0] != demo_talent.pk]
    _home_events(ctx, world, now)
    _demo_talent(ctx, world, now)
