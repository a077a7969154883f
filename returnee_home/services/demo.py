"""Demo data of the services app: a bilingual catalogue of 32 items in the four categories,
offerings at every named Home, and online requests in every state (the demo talent has one
in each state). Idempotent: items by code, offerings by (Home, item), requests by a
deterministic form token."""

import datetime as dt
import uuid
from typing import Any

from django.utils import timezone

from returnee_home.core.models import ServiceCategory
from returnee_home.core.workdays import add_working_days
from returnee_home.orgs.models import Home, Window
from returnee_home.services.models import (
    CaseCounter,
    HomeOffering,
    RequestEvent,
    RequestState,
    ServiceFaq,
    ServiceItem,
    ServiceMaterial,
    ServiceRequest,
)
from returnee_home.services.search import search_words

ORDER = 35
NAMESPACE = uuid.UUID("6f1c2a4e-5b7d-4c1e-9a3f-2d8e7b6c5a41")
REQUESTS_BY_SCALE = {"tiny": 40, "small": 400, "medium": 4000, "large": 20000}

PASSPORT = ("护照", "Passport", "含出入境记录页", "Including the entry/exit stamp pages", True)
DEGREE = ("国外学历学位认证书", "Overseas degree certificate (CSCSE)", "", "", False)
ID_CARD = ("居民身份证", "Resident ID card", "", "", True)
CONTRACT = ("劳动合同", "Employment contract", "", "", False)
PLAN = ("项目申报书", "Project application form", "按模板填写", "Use the template", False)
LICENCE = ("营业执照", "Business licence", "", "", False)

# (code, category, zh, en, days, mode, materials)
ITEMS: list[tuple[str, str, str, str, int, str, list[tuple]]] = [
    (
        "EMP-001",
        "employment",
        "就业政策咨询与职业指导",
        "Employment policy advice and career guidance",
        1,
        "both",
        [],
    ),
    (
        "EMP-002",
        "employment",
        "留学回国人员求职登记",
        "Job-seeker registration for returnees",
        3,
        "both",
        [ID_CARD, DEGREE],
    ),
    (
        "EMP-003",
        "employment",
        "岗位推荐与人岗对接",
        "Job recommendations and matching",
        5,
        "both",
        [ID_CARD],
    ),
    (
        "EMP-004",
        "employment",
        "就业见习岗位申请",
        "Apply for an internship placement",
        5,
        "both",
        [ID_CARD, DEGREE],
    ),
    (
        "EMP-005",
        "employment",
        "职业技能培训报名",
        "Sign up for vocational skills training",
        3,
        "both",
        [ID_CARD],
    ),
    (
        "EMP-006",
        "employment",
        "创业指导与创业培训",
        "Start-up coaching and training",
        5,
        "both",
        [ID_CARD, PLAN],
    ),
    (
        "EMP-007",
        "employment",
        "创业担保贷款申请受理",
        "Start-up guaranteed loan application",
        15,
        "both",
        [ID_CARD, LICENCE, PLAN],
    ),
    (
        "EMP-008",
        "employment",
        "灵活就业登记",
        "Registration of flexible employment",
        3,
        "both",
        [ID_CARD],
    ),
    (
        "PRJ-001",
        "projects",
        "省双创计划申报受理",
        "Jiangsu Innovation and Entrepreneurship Programme application",
        20,
        "both",
        [ID_CARD, DEGREE, PLAN],
    ),
    (
        "PRJ-002",
        "projects",
        "博士后科研资助申报",
        "Postdoctoral research funding application",
        20,
        "both",
        [ID_CARD, DEGREE, PLAN],
    ),
    (
        "PRJ-003",
        "projects",
        "留学人员科技活动择优资助申报",
        "Merit-based funding for returnees' research",
        20,
        "online",
        [DEGREE, PLAN],
    ),
    (
        "PRJ-004",
        "projects",
        "留学人员创业园入园申请",
        "Apply to join a returnee start-up park",
        15,
        "both",
        [LICENCE, PLAN],
    ),
    (
        "PRJ-005",
        "projects",
        "高层次人才项目路演报名",
        "Register a talent project for a roadshow",
        5,
        "online",
        [PLAN],
    ),
    (
        "PRJ-006",
        "projects",
        "科技成果转化对接服务",
        "Technology transfer matching service",
        10,
        "both",
        [PLAN],
    ),
    (
        "PRJ-007",
        "projects",
        "创新创业大赛报名",
        "Enter the innovation and start-up contest",
        5,
        "online",
        [PLAN],
    ),
    (
        "PRJ-008",
        "projects",
        "项目资金拨付进度查询",
        "Check the payment of project funding",
        3,
        "online",
        [],
    ),
    (
        "PER-001",
        "personnel",
        "留学回国人员证明开具",
        "Certificate of return from overseas study",
        5,
        "both",
        [PASSPORT, DEGREE],
    ),
    (
        "PER-002",
        "personnel",
        "国外学历学位认证代办",
        "Overseas degree verification on your behalf",
        10,
        "both",
        [PASSPORT, DEGREE],
    ),
    (
        "PER-003",
        "personnel",
        "职称评审受理",
        "Professional title review application",
        20,
        "both",
        [ID_CARD, DEGREE, CONTRACT],
    ),
    (
        "PER-004",
        "personnel",
        "人事代理与档案托管",
        "Personnel agency and personal file custody",
        5,
        "both",
        [ID_CARD],
    ),
    (
        "PER-005",
        "personnel",
        "人才引进落户办理",
        "Residence registration for recruited talent",
        10,
        "offline",
        [ID_CARD, DEGREE, CONTRACT],
    ),
    (
        "PER-006",
        "personnel",
        "外国人工作许可咨询",
        "Advice on foreigners' work permits",
        3,
        "both",
        [PASSPORT],
    ),
    (
        "PER-007",
        "personnel",
        "高层次人才认定",
        "Recognition as high-level talent",
        15,
        "both",
        [ID_CARD, DEGREE, CONTRACT],
    ),
    (
        "PER-008",
        "personnel",
        "专业技术资格证书查询与补办",
        "Replace a professional qualification certificate",
        10,
        "both",
        [ID_CARD],
    ),
    (
        "ENT-001",
        "entitlements",
        "申请人才公寓补贴",
        "Talent apartment subsidy",
        10,
        "both",
        [ID_CARD, CONTRACT],
    ),
    (
        "ENT-002",
        "entitlements",
        "人才公寓入住申请",
        "Apply to live in a talent apartment",
        10,
        "both",
        [ID_CARD, CONTRACT],
    ),
    (
        "ENT-003",
        "entitlements",
        "高层次人才子女入学协调",
        "School places for high-level talents' children",
        15,
        "offline",
        [ID_CARD],
    ),
    (
        "ENT-004",
        "entitlements",
        "配偶就业安置协调",
        "Help for spouses finding work",
        15,
        "offline",
        [ID_CARD],
    ),
    (
        "ENT-005",
        "entitlements",
        "留学人员购买国产免税车资格审核",
        "Eligibility for a duty-free domestic car",
        5,
        "both",
        [PASSPORT, DEGREE],
    ),
    (
        "ENT-006",
        "entitlements",
        "人才医疗保健服务绿色通道",
        "Fast-track health care for talent",
        5,
        "both",
        [ID_CARD],
    ),
    (
        "ENT-007",
        "entitlements",
        "社保补贴申领",
        "Claim a social insurance subsidy",
        10,
        "both",
        [ID_CARD, CONTRACT],
    ),
    (
        "ENT-008",
        "entitlements",
        "人才安家补贴申领",
        "Claim a settling-in allowance",
        15,
        "both",
        [ID_CARD, DEGREE, CONTRACT],
    ),
]

BASIS = (
    "《关于开展江苏省留学人员之家建设工作的通知》（苏人社发〔2020〕212号）",
    "Notice on building the Jiangsu Homes for Returned Overseas Students (Su Ren She Fa [2020] No. 212)",
)


def _items(ctx: Any) -> list[ServiceItem]:
    categories = {c.code: c for c in ServiceCategory.objects.all()}
    existing = {i.code: i for i in ServiceItem.objects.all()}
    new: list[ServiceItem] = []
    for order, (code, cat, zh, en, days, mode, _materials) in enumerate(ITEMS):
        if code in existing or cat not in categories:
            continue
        summary_zh = f"为留学回国人员和海外人才提供“{zh}”服务，一次告知所需材料，全程可查。"
        summary_en = f"{en}, for returned overseas students and overseas talent; told once, tracked throughout."
        new.append(
            ServiceItem(
                category=categories[cat],
                code=code,
                slug=code.lower(),
                title_zh=zh,
                title_en=en,
                summary_zh=summary_zh,
                summary_en=summary_en,
                eligibility_zh="在江苏就业创业的留学回国人员、海外高层次人才及其家属。",
                eligibility_en="Returned overseas students and overseas talent working or starting a business in Jiangsu, and their families.",
                basis_zh=BASIS[0],
                basis_en=BASIS[1],
                time_limit_days=days,
                mode=mode,
                where_zh="提供此服务的各留学人员之家服务窗口（见下方列表）。",
                where_en="The service windows of the Homes listed below.",
                contact_zh="江苏省留学人员之家服务热线 025-12345678",
                contact_en="Jiangsu Returnee Home hotline +86 25 1234 5678",
                sort_order=order,
                search_text=search_words(zh, en, summary_zh, summary_en, code),
            )
        )
    created = ServiceItem.objects.bulk_create(new)
    by_code = {i.code: i for i in created}
    materials, faqs = [], []
    for code, _cat, _zh, _en, days, _mode, mats in ITEMS:
        item = by_code.get(code)
        if item is None:
            continue
        for n, (mzh, men, nzh, nen, original) in enumerate(mats):
            materials.append(
                ServiceMaterial(
                    item=item,
                    name_zh=mzh,
                    name_en=men,
                    note_zh=nzh,
                    note_en=nen,
                    is_required=n == 0 or original,
                    original_required=original,
                    sort_order=n,
                )
            )
        faqs.append(
            ServiceFaq(
                item=item,
                question_zh="办理需要多长时间？",
                question_en="How long does it take?",
                answer_zh=f"材料齐全后{days}个工作日内办结。",
                answer_en=f"Within {days} working days once your materials are complete.",
            )
        )
    ServiceMaterial.objects.bulk_create(materials)
    ServiceFaq.objects.bulk_create(faqs)
    ctx.log(f"services: {len(created)} new catalogue items")
    return list(ServiceItem.objects.order_by("code"))


def _offerings(ctx: Any, items: list[ServiceItem]) -> None:
    homes = list(Home.objects.filter(status=Home.Status.NAMED).order_by("code"))
    have = set(HomeOffering.objects.values_list("home_id", "item_id"))
    windows: dict[int, list[int]] = {}
    for w in Window.objects.filter(is_active=True).values("home_id", "pk"):
        windows.setdefault(w["home_id"], []).append(w["pk"])
    new = []
    for home in homes:
        rng = ctx.rng_for("services-offering", home.code)
        for item in items:
            core = item.code.endswith(("001", "002")) or home.pk == getattr(
                ctx.shared.get("demo_home"), "pk", None
            )
            if (home.pk, item.pk) not in have and (core or rng.random() < 0.6):
                new.append(
                    HomeOffering(
                        home=home,
                        item=item,
                        hours_zh="工作日 9:00-17:00",
                        hours_en="Working days 9:00-17:00",
                    )
                )
    created = HomeOffering.objects.bulk_create(new)
    through = HomeOffering.windows.through
    links = []
    for o in created:
        ids = windows.get(o.home_id, [])
        if ids:
            links.append(through(homeoffering_id=o.pk, window_id=ids[o.item_id % len(ids)]))
    through.objects.bulk_create(links)
    ctx.log(f"services: {len(created)} new Home offerings")


STATE_PATHS = {
    RequestState.DRAFT: [],
    RequestState.SUBMITTED: ["submit"],
    RequestState.ACCEPTED: ["submit", "accept"],
    RequestState.NEEDS_MORE: ["submit", "ask_more"],
    RequestState.RESUBMITTED: ["submit", "ask_more", "resubmit"],
    RequestState.COMPLETED: ["submit", "accept", "complete"],
    RequestState.REFUSED: ["submit", "refuse"],
    RequestState.WITHDRAWN: ["submit", "withdraw"],
}
TARGET = {
    "submit": RequestState.SUBMITTED,
    "accept": RequestState.ACCEPTED,
    "ask_more": RequestState.NEEDS_MORE,
    "resubmit": RequestState.RESUBMITTED,
    "complete": RequestState.COMPLETED,
    "refuse": RequestState.REFUSED,
    "withdraw": RequestState.WITHDRAWN,
}
MESSAGES = {
    "ask_more": "请补充上传劳动合同首页及签字页。",
    "resubmit": "已补充上传。",
    "complete": "已办结，结果已通过站内信发送。",
    "refuse": "不符合申请条件：申请人未在本市就业。",
    "withdraw": "",
}


def _requests(ctx: Any) -> None:
    from returnee_home.talent.models import TalentProfile

    target = REQUESTS_BY_SCALE.get(ctx.scale.name, 40)
    keys = [uuid.uuid5(NAMESPACE, f"request-{i}") for i in range(target)]
    have = set(
        ServiceRequest.objects.filter(idempotency_key__in=keys).values_list(
            "idempotency_key", flat=True
        )
    )
    offerings = list(
        HomeOffering.objects.filter(is_active=True, home__status=Home.Status.NAMED)
        .exclude(item__mode="offline")
        .select_related("home", "item")
        .order_by("pk")
    )
    if not offerings:
        return
    demo_users = ctx.shared.get("demo_users") or {}
    demo_talent, demo_staff = demo_users.get("talent"), demo_users.get("staff")
    demo_home = ctx.shared.get("demo_home")
    talent_ids = list(TalentProfile.objects.order_by("pk").values_list("user_id", flat=True)[:2000])
    if demo_talent is None and not talent_ids:
        return
    counters: dict[tuple[int, dt.date], int] = {
        (c.home_id, c.day): c.last for c in CaseCounter.objects.all()
    }
    today = timezone.localdate()
    states = list(STATE_PATHS)
    rows, plans = [], []
    for i, key in enumerate(keys):
        if key in have:
            continue
        rng = ctx.rng_for("services-request", i)
        if i < len(states) and demo_talent is not None:
            state, applicant_id = states[i], demo_talent.pk
            offering = next(
                (o for o in offerings if demo_home and o.home_id == demo_home.pk), offerings[0]
            )
            offering = (
                offerings[offerings.index(offering) + i % 5]
                if len(offerings) > offerings.index(offering) + 5
                else offering
            )
        else:
            state = rng.choice(
                states[1:] + [RequestState.SUBMITTED, RequestState.ACCEPTED, RequestState.COMPLETED]
            )
            applicant_id = rng.choice(talent_ids) if talent_ids else demo_talent.pk
            offering = rng.choice(offerings)
        days_ago = (
            rng.randint(0, 40)
            if state
            in (
                RequestState.SUBMITTED,
                RequestState.ACCEPTED,
                RequestState.NEEDS_MORE,
                RequestState.RESUBMITTED,
            )
            else rng.randint(5, 300)
        )
        submitted_on = today - dt.timedelta(days=days_ago)
        submitted_at = timezone.make_aware(
            dt.datetime.combine(submitted_on, dt.time(9 + rng.randint(0, 7), rng.randint(0, 59)))
        )
        request = ServiceRequest(
            applicant_id=applicant_id,
            item=offering.item,
            home=offering.home,
            state=state,
            description="希望尽快办理，谢谢。"
            if rng.random() < 0.6
            else "Please process my request, thank you.",
            idempotency_key=key,
        )
        if state != RequestState.DRAFT:
            slot = (offering.home_id, submitted_on)
            counters[slot] = counters.get(slot, 0) + 1
            request.case_number = f"{offering.home.code}-{submitted_on:%Y%m%d}-{counters[slot]:04d}"
            request.submitted_at = submitted_at
            request.due_on = add_working_days(submitted_on, offering.item.time_limit_days)
        if state in (RequestState.COMPLETED, RequestState.REFUSED, RequestState.WITHDRAWN):
            request.closed_at = submitted_at + dt.timedelta(days=rng.randint(1, 10))
            if state == RequestState.COMPLETED:
                request.result_note = MESSAGES["complete"]
        rows.append(request)
        plans.append((submitted_at, STATE_PATHS[state]))
    created = []
    for start in range(0, len(rows), ctx.batch_size):
        created += ServiceRequest.objects.bulk_create(rows[start : start + ctx.batch_size])
    events = []
    for request, (submitted_at, path) in zip(created, plans, strict=True):
        state, at = RequestState.DRAFT, submitted_at
        for n, step in enumerate(path):
            staff_step = step in ("accept", "ask_more", "complete", "refuse")
            actor_id = (
                (
                    demo_staff.pk
                    if demo_staff and demo_home and request.home_id == demo_home.pk
                    else None
                )
                if staff_step
                else request.applicant_id
            )
            events.append(
                RequestEvent(
                    request_id=request.pk,
                    actor_id=actor_id,
                    action=step,
                    from_state=state,
                    to_state=TARGET[step],
                    message=MESSAGES.get(step, ""),
                )
            )
            state = TARGET[step]
            at = at + dt.timedelta(hours=n * 20)
    RequestEvent.objects.bulk_create(events, batch_size=ctx.batch_size)
    for (home_id, day), last in counters.items():
        CaseCounter.objects.update_or_create(home_id=home_id, day=day, defaults={"last": last})
    ctx.log(f"services: {len(created)} new requests ({target} at this scale)")


def seed(ctx: Any) -> None:
    items = _items(ctx)
    _offerings(ctx, items)
    _requests(ctx)
