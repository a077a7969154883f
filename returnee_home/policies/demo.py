"""Demo data of the policy library: 64 policies written for the demo (national, provincial,
municipal in every city, district), each with a bilingual interpretation, many with
structured benefits linked to the service catalogue; some expired or superseded. At the
large scale, synthetic policies and interpretations bring the search index past 100,000
documents, bulk-inserted with words segmented once per sentence, not per document.

Idempotent: policies by document number; the synthetic ones are counted and topped up."""

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction

from returnee_home.core.demo.registry import DemoContext
from returnee_home.core.fulltext import index_words
from returnee_home.policies.actions import policy_index
from returnee_home.policies.demo_texts import (
    ACTIONS,
    CITY_TOPICS,
    DISTRICT_TOPICS,
    DISTRICTS,
    MATTERS,
    NATIONAL_DEPARTMENTS,
    NATIONAL_TOPICS,
    PROVINCIAL_DEPARTMENTS,
    PROVINCIAL_TOPICS,
    SENTENCES,
    SUBJECTS,
    TOPICS,
    Topic,
)
from returnee_home.policies.models import (
    Benefit,
    BenefitCondition,
    ConditionKind,
    Department,
    Interpretation,
    Level,
    Policy,
    PolicySearchEntry,
    Theme,
)
from returnee_home.policies.reference import ensure_themes

ORDER = 46  # after talent (30) and services (35)
SYNTHETIC_DOCUMENTS = {"large": 100_000}
SYNTHETIC_PREFIX = "苏人才综〔"


@dataclass
class PolicySpec:
    topic: Topic
    level: str
    place_zh: str
    place_en: str
    department: tuple[str, str]
    number: str
    published_on: dt.date
    city_code: str | None
    status: str = Policy.Status.IN_FORCE


def _specs(ctx: DemoContext) -> list[PolicySpec]:
    topics = {t.key: t for t in TOPICS}
    specs: list[PolicySpec] = []
    for i, key in enumerate(NATIONAL_TOPICS):
        zh, en, prefix = NATIONAL_DEPARTMENTS[i % len(NATIONAL_DEPARTMENTS)]
        year = 2019 + i % 6
        specs.append(
            PolicySpec(
                topics[key],
                Level.NATIONAL,
                "",
                "National",
                (zh, en),
                f"{prefix}〔{year}〕{11 + i * 7}号",
                dt.date(year, 3 + i % 9, 10 + i),
                None,
            )
        )
    for i, key in enumerate(PROVINCIAL_TOPICS):
        zh, en, prefix = PROVINCIAL_DEPARTMENTS[i % len(PROVINCIAL_DEPARTMENTS)]
        year = 2020 + i % 6
        specs.append(
            PolicySpec(
                topics[key],
                Level.PROVINCIAL,
                "江苏省",
                "Jiangsu",
                (zh, en),
                f"{prefix}〔{year}〕{30 + i * 3}号",
                dt.date(year, 1 + i % 12, 5 + i),
                None,
            )
        )
    prefectures = [c for c in ctx.cities.values() if c.parent_id is None]
    for n, city in enumerate(sorted(prefectures, key=lambda c: c.code)):
        short = city.name_zh.removesuffix("市")
        for j, key in enumerate(CITY_TOPICS[: 2 + n % 3]):
            year = 2021 + (n + j) % 5
            specs.append(
                PolicySpec(
                    topics[key],
                    Level.MUNICIPAL,
                    city.name_zh,
                    city.name_en,
                    (
                        f"{city.name_zh}人力资源和社会保障局",
                        f"{city.name_en} Human Resources and Social Security Bureau",
                    ),
                    f"{short}人社规〔{year}〕{n * 4 + j + 1}号",
                    dt.date(year, 2 + j * 3, 8 + n),
                    city.code,
                )
            )
    for n, (code, zh, en, prefix) in enumerate(DISTRICTS):
        for j, key in enumerate(DISTRICT_TOPICS[: 1 + n % 3]):
            year = 2022 + (n + j) % 4
            specs.append(
                PolicySpec(
                    topics[key],
                    Level.DISTRICT,
                    zh,
                    en,
                    (f"{zh}管理委员会" if "区" in zh[-2:] else zh, f"{en} Administration"),
                    f"{prefix}〔{year}〕{n * 5 + j + 2}号",
                    dt.date(year, 4 + j, 12 + n),
                    code,
                )
            )
    # Older versions, superseded by the current provincial rules.
    for key, year in (("rent", 2018), ("startup", 2017), ("apartment", 2019)):
        zh, en, prefix = PROVINCIAL_DEPARTMENTS[0]
        specs.append(
            PolicySpec(
                topics[key],
                Level.PROVINCIAL,
                "江苏省",
                "Jiangsu",
                (zh, en),
                f"{prefix}〔{year}〕{80 + year % 10}号",
                dt.date(year, 6, 1),
                None,
                Policy.Status.SUPERSEDED,
            )
        )
    specs.append(
        PolicySpec(
            topics["employment"],
            Level.PROVINCIAL,
            "江苏省",
            "Jiangsu",
            PROVINCIAL_DEPARTMENTS[0][:2],
            "苏人社发〔2016〕45号",
            dt.date(2016, 9, 1),
            None,
            Policy.Status.EXPIRED,
        )
    )
    return specs


def _body(spec: PolicySpec, rng: random.Random) -> tuple[str, str]:
    place = spec.place_zh or "全国"
    numbered = "\n".join(
        f"第{'一二三四五六七八九'[i]}条 {p.format(place=place)}"
        for i, p in enumerate(spec.topic.body_zh)
    )
    zh = (
        f"各有关单位：\n为深入实施人才强省战略，进一步做好留学回国人员服务工作，现就有关事项通知如下。\n"
        f"{numbered}\n本办法自印发之日起施行，由{spec.department[0]}负责解释。"
    )
    en = "\n\n".join(
        [f"Issued by {spec.department[1]}."]
        + [f"Article {i + 1}. {p}" for i, p in enumerate(spec.topic.body_en)]
        + ["In force from the date of issue."]
    )
    return zh, en


def _condition_rows(ctx: DemoContext, spec: PolicySpec, benefit: Benefit) -> list[BenefitCondition]:
    rows = []
    conditions = list(spec.topic.benefit.conditions)  # type: ignore[union-attr]
    if spec.city_code and not any(kind == "employed_in" for kind, _ in conditions):
        # A city's or district's benefit is for the people of that city.
        conditions.append(("lives_in", {"codes": [spec.city_code]}))
    for kind, options in conditions:  # type: ignore[union-attr]
        codes = list(options.get("codes", []))
        if kind == "employed_in" and options.get("city") and spec.city_code:
            codes = [spec.city_code]
        rows.append(
            BenefitCondition(
                benefit=benefit,
                kind=ConditionKind(kind),
                number=options.get("number"),
                degree_level=ctx.degree_levels.get(options.get("degree", "")),
                codes=codes,
                overseas_only=options.get("overseas_only", True),
            )
        )
    return rows


def seed(ctx: DemoContext) -> None:
    ensure_themes()
    themes = {t.code: t for t in Theme.objects.all()}
    existing = set(Policy.objects.values_list("document_number", flat=True))
    specs = [s for s in _specs(ctx) if s.number not in existing]
    from returnee_home.services.models import ServiceItem

    items = {i.code: i for i in ServiceItem.objects.all()}
    created = 0
    with transaction.atomic():
        for index, spec in enumerate(specs):
            rng = ctx.rng_for("policy", spec.number)
            department, _ = Department.objects.get_or_create(
                name_zh=spec.department[0], defaults={"name_en": spec.department[1]}
            )
            body_zh, body_en = _body(spec, rng)
            city = ctx.cities.get(spec.city_code) if spec.city_code else None
            policy = Policy.objects.create(
                title_zh=spec.topic.title_zh.format(place=spec.place_zh),
                title_en=spec.topic.title_en.format(place_en=spec.place_en).strip(),
                document_number=spec.number,
                level=spec.level,
                department=department,
                published_on=spec.published_on,
                effective_from=spec.published_on + dt.timedelta(days=30),
                expires_on=spec.published_on.replace(year=spec.published_on.year + 5)
                if spec.status == Policy.Status.EXPIRED
                else None,
                status=spec.status,
                body_zh=body_zh,
                body_en=body_en,
                source_url=f"https://www.jshrss.gov.cn/demo/policy-{index + 1}.html",
                owner_city=city if spec.level in (Level.MUNICIPAL, Level.DISTRICT) else None,
                is_published=True,
            )
            policy.themes.set([themes[c] for c in spec.topic.themes])
            if city is not None:
                policy.cities.set([city])
            Interpretation.objects.create(
                policy=policy,
                title_zh=f"一图读懂：{policy.title_zh}",
                title_en=f"In brief: {policy.title_en}",
                body_zh=spec.topic.reading_zh,
                body_en=spec.topic.reading_en,
            )
            benefit_spec = spec.topic.benefit
            if benefit_spec is not None and spec.status == Policy.Status.IN_FORCE:
                opening = spec.published_on + dt.timedelta(days=30)
                benefit = Benefit.objects.create(
                    policy=policy,
                    title_zh=f"{spec.place_zh}{benefit_spec.title_zh}"
                    if spec.place_zh
                    else benefit_spec.title_zh,
                    title_en=f"{benefit_spec.title_en} ({spec.place_en})",
                    what_you_get_zh=benefit_spec.get_zh,
                    what_you_get_en=benefit_spec.get_en,
                    amount_yuan=benefit_spec.amount,
                    amount_period=benefit_spec.period,
                    how_to_apply_zh="向就近的留学人员之家窗口提交申请，或在网上平台办理。",
                    how_to_apply_en="Apply at the nearest Home's window or online.",
                    service_item=items.get(benefit_spec.service),
                    apply_from=opening,
                    apply_until=(ctx.now.date() + dt.timedelta(days=60 + rng.randint(0, 240)))
                    if rng.random() < 0.5
                    else None,
                    status=Benefit.Status.PUBLISHED,
                    published_at=ctx.now,
                    owner_city=policy.owner_city,
                )
                BenefitCondition.objects.bulk_create(_condition_rows(ctx, spec, benefit))
            policy_index(policy)
            created += 1
        _link_superseded()
    ctx.log(f"  policies: {created} demo policies")
    target = SYNTHETIC_DOCUMENTS.get(ctx.scale.name)
    if target:
        _synthetic(ctx, target)


def _link_superseded() -> None:
    for old in Policy.objects.filter(status=Policy.Status.SUPERSEDED, superseded_by__isnull=True):
        newer = (
            Policy.objects.filter(
                level=old.level, status=Policy.Status.IN_FORCE, title_zh=old.title_zh
            )
            .exclude(pk=old.pk)
            .order_by("-published_on")
            .first()
        )
        if newer:
            old.superseded_by = newer
            old.save(update_fields=["superseded_by", "updated_at"])


def _synthetic(ctx: DemoContext, target: int) -> None:
    """Top the index up to `target` documents: two interpretations per synthetic policy."""
    have = PolicySearchEntry.objects.count()
    if have >= target:
        return
    needed_policies = (target - have + 2) // 3
    start = Policy.objects.filter(document_number__startswith=SYNTHETIC_PREFIX).count()
    department, _ = Department.objects.get_or_create(
        name_zh="江苏省人才工作综合协调办公室",
        defaults={"name_en": "Jiangsu Talent Work Coordination Office"},
    )
    theme_list = list(Theme.objects.all())
    # Segment each phrase once; documents are combinations of them.
    subject_words = [index_words(zh, en) for zh, en in SUBJECTS]
    matter_words = [index_words(zh, en) for zh, en in MATTERS]
    action_words = [index_words(zh, en) for zh, en in ACTIONS]
    sentence_words = [index_words(zh, en) for zh, en in SENTENCES]
    cities = [c for c in ctx.cities.values() if c.parent_id is None]
    ThemeLink = Policy.themes.through
    batch = ctx.batch_size
    for offset in range(start, start + needed_policies, batch):
        count = min(batch, start + needed_policies - offset)
        policies, heads, bodies, themes = [], [], [], []
        for i in range(offset, offset + count):
            rng = ctx.rng_for("synthetic-policy", i)
            s, m, a = (
                rng.randrange(len(SUBJECTS)),
                rng.randrange(len(MATTERS)),
                rng.randrange(len(ACTIONS)),
            )
            city = cities[i % len(cities)]
            chosen = rng.sample(range(len(SENTENCES)), 4)
            year = 2015 + i % 11
            title_zh = f"{city.name_zh}关于{SUBJECTS[s][0]}{MATTERS[m][0]}的{ACTIONS[a][0]}"
            title_en = f"{city.name_en}: {ACTIONS[a][1]} on {MATTERS[m][1]} for {SUBJECTS[s][1]}"
            policies.append(
                Policy(
                    title_zh=title_zh,
                    title_en=title_en[:300],
                    document_number=f"{SYNTHETIC_PREFIX}{year}〕{i + 1}号",
                    level=Level.MUNICIPAL if i % 3 else Level.DISTRICT,
                    department=department,
                    published_on=dt.date(year, 1 + i % 12, 1 + i % 28),
                    status=Policy.Status.IN_FORCE if i % 7 else Policy.Status.EXPIRED,
                    body_zh="\n".join(SENTENCES[k][0] for k in chosen),
                    body_en=" ".join(SENTENCES[k][1] for k in chosen),
                    owner_city=city,
                    is_published=True,
                )
            )
            heads.append(f"{subject_words[s]} {matter_words[m]} {action_words[a]} {year}")
            bodies.append(" ".join(sentence_words[k] for k in chosen))
            themes.append(theme_list[m % len(theme_list)])
        with transaction.atomic():
            created = Policy.objects.bulk_create(policies)
            ThemeLink.objects.bulk_create(
                [
                    ThemeLink(policy_id=p.pk, theme_id=t.pk)
                    for p, t in zip(created, themes, strict=True)
                ]
            )
            interpretations = []
            for p in created:
                interpretations.append(
                    Interpretation(
                        policy=p,
                        title_zh=f"政策解读：{p.title_zh}",
                        title_en=f"Explained: {p.title_en}"[:300],
                        body_zh=p.body_zh,
                        body_en=p.body_en,
                    )
                )
                interpretations.append(
                    Interpretation(
                        policy=p,
                        title_zh=f"问答：{p.title_zh}",
                        title_en=f"Questions and answers: {p.title_en}"[:300],
                        body_zh=p.body_zh,
                        body_en=p.body_en,
                    )
                )
            interpretations = Interpretation.objects.bulk_create(interpretations)
            entries = []
            for k, p in enumerate(created):
                entries.append(
                    PolicySearchEntry(
                        policy=p, head_words=heads[k], body_words=bodies[k], is_public=True
                    )
                )
                for interpretation in interpretations[2 * k : 2 * k + 2]:
                    entries.append(
                        PolicySearchEntry(
                            policy=p,
                            interpretation=interpretation,
                            head_words=heads[k],
                            body_words=bodies[k],
                            is_public=True,
                        )
                    )
            PolicySearchEntry.objects.bulk_create(entries, batch_size=batch)
        ctx.log(f"  policies: synthetic {offset + count - start}/{needed_policies} policies")
