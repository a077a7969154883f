"""Demo data of the consultations app: questions to the Homes and to the province in Chinese
and English, in every state (e-mail not confirmed, awaiting an answer — some past their time —
and answered), some handed over, some published with consent; and the demo talent's own
questions in each state.

Question `i` has a private-link hash derived from the demo seed and `i`, so a second run adds
nothing and a larger scale adds questions `n..m`, bulk-inserted in batches."""

import datetime as dt
import hashlib
from typing import Any

from django.db import transaction
from django.utils import timezone

from returnee_home.consultations.models import ANSWER_WITHIN_WORKING_DAYS, Consultation, Handover
from returnee_home.core.demo import names
from returnee_home.core.demo.registry import DemoContext
from returnee_home.core.workdays import add_working_days
from returnee_home.records.demo import keep_given_created_at

ORDER = 41  # after services (35), for its items
QUESTIONS_BY_SCALE = {"tiny": 40, "small": 300, "medium": 2_000, "large": 8_000}
S = Consultation.Status

QUESTIONS = [
    (
        "zh-hans",
        "人才公寓补贴申请条件",
        "我是今年从英国回国的硕士，在南京一家企业工作，请问可以申请人才公寓补贴吗？需要哪些材料？",
        "可以申请。请携带学历学位认证、劳动合同和社保缴纳证明，到之家窗口或网上提交。",
    ),
    (
        "zh-hans",
        "留学回国人员落户办理",
        "博士毕业回国，配偶和孩子能否一同落户？办理时限是多久？",
        "配偶及未成年子女可随迁落户，材料齐全后10个工作日内办结。",
    ),
    (
        "zh-hans",
        "创业项目申报时间",
        "今年的留学人员创业创新项目什么时候开始申报？是否需要先注册公司？",
        "申报通知预计下月发布，申报时企业须已在本省注册。",
    ),
    (
        "zh-hans",
        "学历认证需要多长时间",
        "国外学历学位认证一般需要多少个工作日？能否加急？",
        "教育部留学服务中心认证一般为10个工作日，不提供加急服务。",
    ),
    (
        "en",
        "Work permit for my spouse",
        "I returned from Canada with a Canadian passport. Can my spouse work in Suzhou, and "
        "which office issues the permit?",
        "Yes. Your spouse applies for a work permit through the employer; our window can "
        "check the materials with you first.",
    ),
    (
        "en",
        "Recognition of a foreign PhD",
        "Do I need to have my German doctorate recognised before applying for the talent subsidy?",
        "Yes, the recognition certificate is required; apply online, it usually takes ten "
        "working days.",
    ),
    (
        "en",
        "Appointment in English",
        "Can I book an appointment at the counter with a staff member who speaks English?",
        "Yes. Book any slot and mention it in the note; an English-speaking colleague will serve "
        "you.",
    ),
]
HANDOVER_NOTES = ["属于苏州市政策范围，请苏州之家答复。", "涉及省级政策，请省级统一答复。"]


def token_hash(ctx: DemoContext, key: str) -> str:
    return hashlib.sha256(f"demo-consultation:{ctx.seed}:{key}".encode()).hexdigest()


class _World:
    def __init__(self, ctx: DemoContext) -> None:
        from returnee_home.orgs.models import Home
        from returnee_home.services.models import ServiceItem
        from returnee_home.talent.models import TalentProfile

        self.homes = list(Home.objects.filter(status=Home.Status.NAMED).order_by("code"))
        self.categories = ctx.service_categories
        self.items_by_category: dict[int, list[int]] = {}
        for pk, category_id in ServiceItem.objects.order_by("pk").values_list("pk", "category_id"):
            self.items_by_category.setdefault(category_id, []).append(pk)
        self.talents = list(
            TalentProfile.objects.order_by("user_id").values_list(
                "user_id", "user__email", "user__full_name"
            )[:5000]
        )


def _question(ctx: DemoContext, world: _World, i: int, today: dt.date) -> dict[str, Any]:
    rng = ctx.rng_for("consultations.question", i)
    language, subject, question, answer = rng.choice(QUESTIONS)
    category = rng.choice(world.categories)
    items = world.items_by_category.get(category.pk, [])
    home = None if rng.random() < 0.12 or not world.homes else rng.choice(world.homes)
    asked = timezone.make_aware(
        dt.datetime.combine(today - dt.timedelta(days=rng.randrange(120)), dt.time(8 + i % 12))
    )
    if world.talents and rng.random() < 0.6:
        asker_id, email, name = rng.choice(world.talents)
    else:
        asker_id, name = None, names.person_name(rng)[1 if language == "en" else 0]
        email = f"visitor{i}@example.com"
    roll = rng.random()
    age = (today - asked.date()).days
    if asker_id is None and roll < 0.08:
        status = S.UNCONFIRMED
    elif age < 8 or roll < 0.15:
        status = S.OPEN  # recent ones, and a few left past their time
    else:
        status = S.ANSWERED
    fields: dict[str, Any] = {
        "asker_id": asker_id,
        "name": name[:100],
        "email": email,
        "home": home,
        "category": category,
        "item_id": rng.choice(items) if items and rng.random() < 0.7 else None,
        "language": language,
        "subject": subject,
        "question": question,
        "consent_to_publish": rng.random() < 0.4,
        "status": status,
        "token_hash": token_hash(ctx, str(i)),
        "created_at": asked,
    }
    if status != S.UNCONFIRMED:
        fields["submitted_at"] = asked + dt.timedelta(minutes=rng.randrange(1, 600))
        fields["due_on"] = add_working_days(asked.date(), ANSWER_WITHIN_WORKING_DAYS)
    if status == S.ANSWERED:
        fields["answer"] = answer
        fields["answered_at"] = fields["submitted_at"] + dt.timedelta(hours=rng.randrange(2, 70))
    return fields


def _handovers(ctx: DemoContext, created: list[Consultation], homes: list[Any]) -> list[Handover]:
    """About one question in ten came to its present place by a hand-over."""
    handovers = []
    for c in created:
        rng = ctx.rng_for("consultations.handover", c.token_hash)
        if c.status == S.UNCONFIRMED or rng.random() >= 0.1 or not homes:
            continue
        origin = rng.choice([h for h in homes if h.pk != c.home_id] or homes)
        handovers.append(
            Handover(
                consultation=c,
                from_home=origin,
                to_home=c.home,
                note=HANDOVER_NOTES[0 if c.home_id else 1],
                created_at=c.submitted_at or c.created_at,
            )
        )
    return handovers


def _questions(ctx: DemoContext, world: _World) -> None:
    target = QUESTIONS_BY_SCALE.get(ctx.scale.name, QUESTIONS_BY_SCALE["small"])
    today = timezone.localdate(ctx.now)
    new = 0
    for start in range(0, target, ctx.batch_size):
        indexes = range(start, min(start + ctx.batch_size, target))
        hashes = {token_hash(ctx, str(i)) for i in indexes}
        have = set(
            Consultation.objects.filter(token_hash__in=hashes).values_list("token_hash", flat=True)
        )
        batch = [_question(ctx, world, i, today) for i in indexes]
        batch = [Consultation(**f) for f in batch if f["token_hash"] not in have]
        if not batch:
            continue
        with transaction.atomic(), keep_given_created_at(Consultation, Handover):
            created = Consultation.objects.bulk_create(batch)
            if created and created[0].pk is None:
                created = list(
                    Consultation.objects.filter(token_hash__in=[c.token_hash for c in batch])
                )
            Handover.objects.bulk_create(_handovers(ctx, created, world.homes))
        new += len(created)
    ctx.log(f"consultations: {new} new questions ({target} at this scale)")


def _demo_talent(ctx: DemoContext, world: _World) -> None:
    """The demo talent asked the demo Home three questions: one awaiting an answer, one past
    its time, one answered; and the province one, handed over from the demo Home."""
    person = ctx.shared.get("demo_users", {}).get("talent")
    home = ctx.shared.get("demo_home")
    if person is None or home is None or not world.categories:
        return
    today = timezone.localdate(ctx.now)
    plan = [  # (key, days ago, status, to the province)
        ("talent-open", 1, S.OPEN, False),
        ("talent-overdue", 9, S.OPEN, False),
        ("talent-answered", 20, S.ANSWERED, False),
        ("talent-province", 3, S.OPEN, True),
    ]
    have = set(
        Consultation.objects.filter(
            token_hash__in=[token_hash(ctx, key) for key, *_rest in plan]
        ).values_list("token_hash", flat=True)
    )
    category = world.categories[0]
    items = world.items_by_category.get(category.pk, [])
    for n, (key, days, status, province) in enumerate(plan):
        if token_hash(ctx, key) in have:
            continue
        language, subject, question, answer = QUESTIONS[n]
        asked = timezone.make_aware(
            dt.datetime.combine(today - dt.timedelta(days=days), dt.time(10))
        )
        with transaction.atomic(), keep_given_created_at(Consultation, Handover):
            c = Consultation.objects.create(
                asker=person,
                name=person.full_name,
                email=person.email,
                home=None if province else home,
                category=category,
                item_id=items[0] if items else None,
                language=language,
                subject=subject,
                question=question,
                consent_to_publish=True,
                status=status,
                token_hash=token_hash(ctx, key),
                submitted_at=asked,
                due_on=add_working_days(asked.date(), ANSWER_WITHIN_WORKING_DAYS),
                answer=answer if status == S.ANSWERED else "",
                answered_at=asked + dt.timedelta(days=1) if status == S.ANSWERED else None,
                created_at=asked,
            )
            if province:
                Handover.objects.create(
                    consultation=c,
                    from_home=home,
                    to_home=None,
                    note=HANDOVER_NOTES[1],
                    created_at=asked + dt.timedelta(hours=2),
                )
    ctx.log("consultations: the demo talent's questions")


def seed(ctx: DemoContext) -> None:
    world = _World(ctx)
    if not world.categories:
        ctx.log("consultations: no service categories; no questions made")
        return
    _questions(ctx, world)
    _demo_talent(ctx, world)
