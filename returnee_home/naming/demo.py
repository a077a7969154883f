"""Demo data, naming part: the closed first batch (2021) whose named Homes are the demo's Homes
named that year (one returned by its city before it was recommended, two rejected that later
joined another batch, one removed from the notice after an upheld objection, another objection
dismissed), and an open batch of this year whose applications, from the carriers of the Homes
still preparing, stand in every state an application can reach while its batch is open.

The open batch is built through the workflow's actions, so its events, audit records and
notifications are real. The 2021 batch is history: it is written directly, with dates in 2021,
because the actions date everything today and would issue new plaques. Each batch is created
whole or not at all, so a second run adds nothing."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from returnee_home.core.demo import places
from returnee_home.core.demo.registry import DemoContext
from returnee_home.naming import actions
from returnee_home.naming.models import (
    CONDITION_KEYS,
    DEFAULT_SCHEME,
    EQUIPMENT_KEYS,
    Application,
    ApplicationEvent,
    ApplicationStaff,
    ApplicationWindow,
    ExpertAssignment,
    NamingBatch,
    Objection,
    SiteVisit,
)
from returnee_home.orgs.demo import BATCHES
from returnee_home.orgs.models import (
    Home,
    Membership,
    Organisation,
    OrgKind,
    Role,
    VerificationStatus,
    Window,
)

ORDER = 50  # after orgs (20) for the Homes and people, and records (40) for person-times

S = Application.State
FIRST_YEAR, FIRST_LABEL, FIRST_NAMED_ON = BATCHES[0]
OPEN_NUMBER = 4  # the demo Homes were named in the three batches of orgs' BATCHES
REMOVED_2021 = "CZ03"  # removed from the 2021 notice after an upheld objection
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)
FORM_VALUES: dict[str, Any] = {
    "display_area": 80,
    "exchange_area": 60,
    "public_service_area": 120,
    "rules_items": "就业指导、项目申报、人事人才服务、待遇落实、创业孵化",
    "rules_procedures": "一次告知、受理、办理、反馈，限时办结",
    "rules_management": "首问负责制、限时办结制、服务承诺制",
    "rules_published_where": "服务大厅公示栏及本之家网页",
    "person_times_declared": 760,
    "demands_collected": 38,
    "matches_made": 11,
}
STAFF_NAMES = ["陈静", "刘洋", "周敏"]
EVIDENCE_TITLES = {
    "scale": "近12个月服务台账",
    "premises": "展示区、交流区和公共服务区照片",
    "staff": "工作人员学历证明",
    "equipment": "服务设备照片",
    "rules": "服务制度公示栏照片",
    "matching": "用人单位需求登记表",
}
# The open batch: where each preparing Home's application stands, one application in every state
# an application can reach while its batch is open. (In notice, removed and named follow the
# batch's closing and its public notice: the 2021 batch shows them.) orgs' demo keeps five Homes
# preparing; the other eight carriers are added here (`NEW_CARRIERS`).
OPEN_STATES = {
    "CZ03": S.DRAFT,
    "SQ02": S.RETURNED,
    "NJ04": S.SUBMITTED,
    "NJ05": S.CITY_ACCEPTED,
    "NT03": S.CITY_RECOMMENDED,
    "YC03": S.NOT_RECOMMENDED,
    "SZ04": S.REPORTED,
    "NJ06": S.RETURNED_TO_CITY,
    "ZJ03": S.MATERIAL_PASSED,
    "WX03": S.EXPERT_REVIEW,
    "TZ03": S.EVALUATED,
    "HA03": S.INSPECTED,
    "LY03": S.REJECTED,
}
# Carriers preparing to become Homes that apply for the first time in the open batch:
# (Home code, city code, kind, Chinese name, English name, address, slug).
NEW_CARRIERS = [
    ("NJ05", "320100", OrgKind.SERVICE_WINDOW, "南京市江宁区人才服务中心",
     "Jiangning District Talent Service Centre, Nanjing", "南京市江宁区天元中路118号",
     "nanjing-jiangning-centre"),
    ("NJ06", "320100", OrgKind.STARTUP_PARK, "南京麒麟科技创新园留学人员创业园",
     "Nanjing Qilin Science Park Overseas Students Pioneer Park", "南京市江宁区麒麟街道智汇路300号",
     "nanjing-qilin-park"),
    ("NT03", "320600", OrgKind.SERVICE_WINDOW, "南通市崇川区人才服务中心",
     "Chongchuan District Talent Service Centre, Nantong", "南通市崇川区工农路486号",
     "nantong-chongchuan"),
    ("YC03", "320900", OrgKind.STARTUP_PARK, "盐城经济技术开发区留学人员创业园",
     "Yancheng Economic and Technological Development Zone Pioneer Park",
     "盐城市亭湖区希望大道南路5号", "yancheng-etdz-park"),
    ("ZJ03", "321100", OrgKind.STARTUP_PARK, "镇江新区留学人员创业园",
     "Zhenjiang New Area Overseas Students Pioneer Park", "镇江市京口区大港通港路99号",
     "zhenjiang-new-area-park"),
    ("TZ03", "321200", OrgKind.SERVICE_WINDOW, "泰州市海陵区人才服务中心",
     "Hailing District Talent Service Centre, Taizhou", "泰州市海陵区青年南路55号",
     "taizhou-hailing"),
    ("HA03", "320800", OrgKind.SERVICE_WINDOW, "淮安市清江浦区人才服务中心",
     "Qingjiangpu District Talent Service Centre, Huai'an", "淮安市清江浦区健康东路18号",
     "huaian-qingjiangpu"),
    ("LY03", "320700", OrgKind.STARTUP_PARK, "连云港高新区留学人员创业园",
     "Lianyungang Hi-tech Zone Overseas Students Pioneer Park", "连云港市海州区花果山大道17号",
     "lianyungang-hitech-park"),
]  # fmt: skip
NEW_CARRIER_EXPLANATION = (
    "本单位今年开始在平台登记服务，平台记录的服务人次不足一年，已上传近12个月线下服务台账作为佐证。"
)


def seed(ctx: DemoContext) -> None:
    demo = ctx.shared["demo_users"]
    first = _first_batch(ctx, demo)
    second = _open_batch(ctx, demo)
    _assessments(demo)
    ctx.log(
        f"naming: {first.label} ({first.applications.count()} applications), "
        f"{second.label} ({second.applications.count()} applications)"
    )


# People ------------------------------------------------------------------------------------


def _manager_of(home: Home) -> Any:
    membership = (
        Membership.objects.filter(organisation=home.carrier, role=Role.HOME_MANAGER)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def _city_admin_for(home: Home, demo: dict[str, Any]) -> Any:
    prefecture = home.city.parent_id or home.city_id
    memberships = (
        Membership.objects.filter(
            role=Role.CITY_ADMIN,
            organisation__kind=OrgKind.CITY_BUREAU,
            organisation__city_id=prefecture,
        )
        .select_related("user")
        .order_by("pk")
    )
    users = [m.user for m in memberships]
    return next((u for u in users if u.pk == demo["city"].pk), users[0] if users else None)


def _other_experts(demo: dict[str, Any]) -> list[Any]:
    return [
        m.user
        for m in Membership.objects.filter(role=Role.EXPERT)
        .exclude(user=demo["expert"])
        .select_related("user")
        .order_by("pk")
    ]


# The closed first batch (history) ----------------------------------------------------------


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@transaction.atomic
def _first_batch(ctx: DemoContext, demo: dict[str, Any]) -> NamingBatch:
    batch = NamingBatch.objects.filter(year=FIRST_YEAR, number=1).first()
    if batch is not None:
        return batch
    batch = NamingBatch.objects.create(
        year=FIRST_YEAR,
        number=1,
        title_zh=f"{FIRST_YEAR}年第一批江苏省留学人员之家命名",
        title_en=f"First batch of Jiangsu Homes for Returned Overseas Students, {FIRST_YEAR}",
        notice_text_zh="各设区市人社局：现组织开展首批江苏省留学人员之家申报命名工作。",
        notice_text_en="The first batch of Homes is open to city talent-service centres.",
        application_deadline=dt.date(FIRST_YEAR, 3, 31),
        notice_working_days=5,
        carrier_kinds=[OrgKind.SERVICE_WINDOW, OrgKind.STARTUP_PARK],
        scoring_scheme=dict(DEFAULT_SCHEME),
        status=NamingBatch.Status.NAMED,
        opened_by=demo["province"],
        closed_at=_at(dt.date(FIRST_YEAR, 4, 1)),
        notice_published_on=dt.date(FIRST_YEAR, 6, 4),
        notice_ends_on=dt.date(FIRST_YEAR, 6, 10),
        named_on=FIRST_NAMED_ON,
    )
    named = list(
        Home.objects.filter(batch_label=FIRST_LABEL)
        .select_related("city", "carrier")
        .order_by("plaque_number")
    )
    experts = [demo["expert"], *_other_experts(demo)[:2]]
    for n, home in enumerate(named):
        returned_first = n == 1
        application = _history(ctx, batch, home, demo, S.NAMED, returned_first, experts, n)
        if home.code == places.DEMO_HOME_CODE:
            objection = Objection.objects.create(
                application=application,
                name="王先生",
                contact="13900000000",
                text="该中心周末不开放，服务时间与申报材料不符。",
                status=Objection.Status.DISMISSED,
                answer="经核查，该中心周六上午开放，已在服务大厅和网页公示，异议不成立。",
                answered_by=demo["province"],
                answered_at=_at(dt.date(FIRST_YEAR, 6, 9)),
            )
            filed = _at(dt.date(FIRST_YEAR, 6, 7))
            Objection.objects.filter(pk=objection.pk).update(created_at=filed, updated_at=filed)
    # Two start-up parks applied early and were rejected; both were named in a later batch.
    later = Home.objects.filter(batch_label=BATCHES[1][1]).select_related("city", "carrier")
    for n, home in enumerate(later.order_by("code")[:2]):
        _history(ctx, batch, home, demo, S.REJECTED, False, experts, len(named) + n)
    # A park proposed in the notice was removed after an upheld objection; it applies again now.
    removed_home = Home.objects.filter(code=REMOVED_2021, status=Home.Status.PREPARING).first()
    if removed_home is not None:
        application = _history(
            ctx, batch, removed_home, demo, S.REMOVED, False, experts, len(named) + 2
        )
        objection = Objection.objects.create(
            application=application,
            name="赵女士",
            contact="zhao@example.com",
            text="该园区申报的公共服务区实际为出租办公室，未对留学人员开放。",
            status=Objection.Status.UPHELD,
            answer="经实地复核，公共服务区已出租给企业使用，异议成立，该申报从拟命名名单中移出。",
            answered_by=demo["province"],
            answered_at=_at(dt.date(FIRST_YEAR, 6, 9)),
        )
        filed = _at(dt.date(FIRST_YEAR, 6, 8))
        Objection.objects.filter(pk=objection.pk).update(created_at=filed, updated_at=filed)
    _rank(batch)
    return batch


def _history(
    ctx: DemoContext,
    batch: NamingBatch,
    home: Home,
    demo: dict[str, Any],
    outcome: str,
    returned_first: bool,
    experts: list[Any],
    n: int,
) -> Application:
    """An application of 2021 with its steps, dated as they happened."""
    rng = ctx.rng_for("naming-2021", home.code)
    manager, city, province = _manager_of(home), _city_admin_for(home, demo), demo["province"]
    application = Application.objects.create(
        batch=batch,
        carrier=home.carrier,
        home=home,
        state=outcome,
        state_changed_at=_at(
            {S.NAMED: FIRST_NAMED_ON, S.REMOVED: dt.date(FIRST_YEAR, 6, 11)}.get(
                outcome, dt.date(FIRST_YEAR, 5, 6)
            )
        ),
        submitted_at=_at(dt.date(FIRST_YEAR, 3, 10 + n % 15)),
        created_by=manager,
        carrier_name=home.carrier.name_zh,
        carrier_kind=home.carrier.kind,
        address=home.address_zh,
        city=home.city,
        opening_hours=home.opening_hours_zh,
        contact_phone=home.phone,
        floor_area=home.floor_area,
        equipment={k: rng.randint(1, 4) for k in EQUIPMENT_KEYS},
        person_times_sources="申报数",
        conditions={k: {"status": "met", "detail": "", "platform": []} for k in CONDITION_KEYS},
        city_recommended=True,
        plaque_number=home.plaque_number if outcome == S.NAMED else "",
        **{**FORM_VALUES, "person_times_declared": rng.randrange(560, 2400, 10)},
    )
    windows = list(home.windows.order_by("number"))
    ApplicationWindow.objects.bulk_create(
        [
            ApplicationWindow(application=application, number=w.number, name=w.name_zh)
            for w in windows
        ]
    )
    ApplicationStaff.objects.bulk_create(
        [
            ApplicationStaff(
                application=application,
                name=name,
                post="窗口服务专员",
                window_number=windows[k % len(windows)].number if windows else None,
            )
            for k, name in enumerate(STAFF_NAMES)
        ]
    )
    steps: list[tuple[str, str, str, Any, dt.date, str]] = [
        ("submit", S.DRAFT, S.SUBMITTED, manager, dt.date(FIRST_YEAR, 3, 10), "")
    ]
    if returned_first:
        steps += [
            ("city_accept", S.SUBMITTED, S.CITY_ACCEPTED, city, dt.date(FIRST_YEAR, 3, 15), ""),
            (
                "city_return",
                S.CITY_ACCEPTED,
                S.RETURNED,
                city,
                dt.date(FIRST_YEAR, 3, 18),
                "设备清单缺少自助服务终端的照片，请补充后重新提交。",
            ),
            ("submit", S.RETURNED, S.SUBMITTED, manager, dt.date(FIRST_YEAR, 3, 24), ""),
        ]
    steps += [
        ("city_accept", S.SUBMITTED, S.CITY_ACCEPTED, city, dt.date(FIRST_YEAR, 3, 26), ""),
        (
            "city_recommend",
            S.CITY_ACCEPTED,
            S.CITY_RECOMMENDED,
            city,
            dt.date(FIRST_YEAR, 4, 8),
            "",
        ),
        ("report", S.CITY_RECOMMENDED, S.REPORTED, city, dt.date(FIRST_YEAR, 4, 12), ""),
    ]
    if outcome == S.REJECTED:
        steps.append(
            (
                "reject",
                S.REPORTED,
                S.REJECTED,
                province,
                dt.date(FIRST_YEAR, 5, 6),
                "年服务量不足500人次，公共服务区面积不达标，建议完善后下一批次申报。",
            )
        )
    else:
        steps += [
            (
                "material_pass",
                S.REPORTED,
                S.MATERIAL_PASSED,
                province,
                dt.date(FIRST_YEAR, 4, 26),
                "",
            ),
            (
                "experts_assign",
                S.MATERIAL_PASSED,
                S.EXPERT_REVIEW,
                province,
                dt.date(FIRST_YEAR, 4, 28),
                "",
            ),
            (
                "evaluation_close",
                S.EXPERT_REVIEW,
                S.EVALUATED,
                province,
                dt.date(FIRST_YEAR, 5, 14),
                "",
            ),
            ("inspect", S.EVALUATED, S.INSPECTED, province, dt.date(FIRST_YEAR, 5, 25), ""),
            ("notice_publish", S.INSPECTED, S.IN_NOTICE, province, dt.date(FIRST_YEAR, 6, 4), ""),
        ]
        if outcome == S.REMOVED:
            steps.append(
                (
                    "remove",
                    S.IN_NOTICE,
                    S.REMOVED,
                    province,
                    dt.date(FIRST_YEAR, 6, 11),
                    "公示期间收到异议，经核查异议成立，从拟命名名单中移出。",
                )
            )
        else:
            steps.append(("name", S.IN_NOTICE, S.NAMED, province, FIRST_NAMED_ON, ""))
        _history_reviews(application, city, province, experts, rng)
    for name, before, after, actor, day, reason in steps:
        event = ApplicationEvent.objects.create(
            application=application,
            actor=actor,
            transition=name,
            from_state=before,
            to_state=after,
            reason=reason,
        )
        ApplicationEvent.objects.filter(pk=event.pk).update(
            created_at=_at(day), updated_at=_at(day)
        )
    SiteVisit.objects.create(
        application=application,
        stage=SiteVisit.Stage.CITY,
        visited_on=dt.date(FIRST_YEAR, 4, 2),
        visitors="市人社局留学人员服务处",
        findings="场地、人员和设备与申报一致。",
        recorded_by=city,
    )
    return application


def _history_reviews(
    application: Application, city: Any, province: Any, experts: list[Any], rng: Any
) -> None:
    SiteVisit.objects.create(
        application=application,
        stage=SiteVisit.Stage.PROVINCE,
        visited_on=dt.date(FIRST_YEAR, 5, 25),
        visitors="省人社厅专业技术人员管理处、评审专家",
        condition_findings={k: "符合" for k in CONDITION_KEYS},
        recorded_by=province,
    )
    totals = []
    for expert in experts:
        scores = {k: max(1, v - rng.randint(0, 4)) for k, v in DEFAULT_SCHEME.items()}
        totals.append(sum(scores.values()))
        ExpertAssignment.objects.create(
            application=application,
            expert=expert,
            assigned_by=province,
            declared_at=_at(dt.date(FIRST_YEAR, 4, 29)),
            scores=scores,
            comments={"scale": "服务量充足，台账完整。"},
            total=totals[-1],
            submitted_at=_at(dt.date(FIRST_YEAR, 5, 10)),
        )
    mean = Decimal(sum(totals)) / len(totals)
    application.mean_score = mean.quantize(Decimal("0.01"))
    application.score_spread = Decimal(max(totals) - min(totals))
    application.save(update_fields=["mean_score", "score_spread", "updated_at"])


def _rank(batch: NamingBatch) -> None:
    scored = (
        batch.applications.filter(mean_score__isnull=False)
        .exclude(state__in=[S.REJECTED, S.REMOVED])
        .order_by("-mean_score", "pk")
    )
    for rank, application in enumerate(scored, start=1):
        Application.objects.filter(pk=application.pk).update(rank=rank)


# Annual assessments (through the action) ---------------------------------------------------


def _assessments(demo: dict[str, Any]) -> None:
    """Last year's assessment of the Homes named in 2021: most good, every fifth needing
    improvement (none suspended: the directory keeps every named Home)."""
    from returnee_home.naming.models import AnnualAssessment

    year = timezone.localdate().year - 1
    homes = Home.objects.filter(batch_label=FIRST_LABEL, status=Home.Status.NAMED).order_by("code")
    done = set(AnnualAssessment.objects.filter(year=year).values_list("home_id", flat=True))
    for n, home in enumerate(homes):
        if home.pk in done:
            continue
        improve = n % 5 == 4
        actions.assessment_record(
            actor=demo["province"],
            home=home,
            year=year,
            outcome=AnnualAssessment.Outcome.IMPROVE if improve else AnnualAssessment.Outcome.GOOD,
            notes="服务台账不够完整，需加强用人单位需求跟踪。" if improve else "",
        )


# The open batch (through the actions) ------------------------------------------------------


@transaction.atomic
def _open_batch(ctx: DemoContext, demo: dict[str, Any]) -> NamingBatch:
    year = timezone.localdate().year
    batch = NamingBatch.objects.filter(year=year, number=OPEN_NUMBER).first()
    if batch is not None:
        return batch
    batch = actions.batch_open(
        actor=demo["province"],
        year=year,
        number=OPEN_NUMBER,
        title_zh=f"{year}年江苏省留学人员之家申报命名（第四批）",
        title_en=f"Naming of Jiangsu Homes for Returned Overseas Students, {year} (fourth batch)",
        application_deadline=timezone.localdate() + dt.timedelta(days=45),
        notice_text_zh=(
            "各设区市人社局：现启动第四批江苏省留学人员之家申报工作。留学人员服务窗口和省级"
            "留学人员创业园可通过所在设区市人社局申报，对照六项条件填写基本情况表并上传佐证材料。"
        ),
        notice_text_en=(
            "Service windows and provincial start-up parks may apply through their city bureau "
            "against the six conditions, with the basic information form and evidence."
        ),
    )
    _new_carriers(ctx)
    others = _other_experts(demo)
    homes = {h.code: h for h in Home.objects.filter(code__in=OPEN_STATES).select_related("city")}
    for code, state in OPEN_STATES.items():
        home = homes.get(code)
        manager = _manager_of(home) if home else None
        if home is None or manager is None or home.status != Home.Status.PREPARING:
            continue
        _walk(batch, home, manager, _city_admin_for(home, demo), demo, others, state)
    return batch


def _new_carriers(ctx: DemoContext) -> None:
    """The carriers of `NEW_CARRIERS`, each with its Home (preparing, one window) and manager."""
    from returnee_home.accounts.demo import ensure_people
    from returnee_home.core.models import City
    from returnee_home.orgs.demo import ensure_memberships, person

    cities = {c.code: c for c in City.objects.filter(code__in={c[1] for c in NEW_CARRIERS})}
    specs = []
    for n, (code, city_code, kind, name_zh, name_en, address, slug) in enumerate(NEW_CARRIERS):
        city = cities[city_code]
        home = Home.objects.filter(code=code).first()
        if home is None:
            carrier = Organisation.objects.create(
                kind=kind,
                city=city,
                name_zh=name_zh,
                name_en=name_en,
                address=address,
                phone=f"0{510 + n}-8{n + 1}6{n + 2}8{n + 3}00",
                verification_status=VerificationStatus.VERIFIED,
            )
            home = Home.objects.create(
                carrier=carrier,
                code=code,
                slug=slug,
                name_zh=f"江苏省留学人员之家（{name_zh}）",
                name_en=f"Jiangsu Home for Returned Overseas Students ({name_en})",
                city=city,
                address_zh=address,
                latitude=city.latitude,
                longitude=city.longitude,
                opening_hours_zh="周一至周五 9:00–17:00",
                opening_hours_en="Monday to Friday 9:00–17:00",
                phone=carrier.phone,
                email=f"{code.lower()}@homes.demo.returnee.home",
                floor_area=400 + 60 * n,
                status=Home.Status.PREPARING,
            )
            Window.objects.create(home=home, number=1, name_zh="综合服务窗口", name_en="Services")
        specs.append((person(ctx, "s", 2_900_000 + n * 10), home))
    users, _created = ensure_people(ctx, [spec for spec, _home in specs])
    ensure_memberships(
        ctx, [(users[spec.email], home.carrier, Role.HOME_MANAGER, "主任") for spec, home in specs]
    )


def _fill(manager: Any, application: Application, *, complete: bool, new: bool) -> Application:
    staff = [
        {"name": name, "post": "窗口服务专员", "education": "bachelor", "window_number": 1}
        for name in STAFF_NAMES[: 3 if complete else 1]
    ]
    values = dict(FORM_VALUES)
    if not complete:
        values.update(public_service_area=None, demands_collected=6, matches_made=0)
    if new:
        values["unmet_explanation"] = NEW_CARRIER_EXPLANATION
    application = actions.application_update(
        actor=manager,
        application=application,
        values=values,
        equipment={k: 2 for k in EQUIPMENT_KEYS} | ({} if complete else {"self_service": 0}),
        staff=staff,
        windows=[
            {"id": w.pk, "name": w.name, "number": w.number, "staff_count": 1}
            for w in application.windows.all()
        ],
    )
    for key in CONDITION_KEYS if complete else ("scale",):
        actions.evidence_add(
            actor=manager,
            application=application,
            title=EVIDENCE_TITLES[key],
            upload=SimpleUploadedFile(f"{key}.png", PNG, content_type="image/png"),
            condition=key,
        )
    application.refresh_from_db()
    return application


def _walk(
    batch: NamingBatch,
    home: Home,
    manager: Any,
    city: Any,
    demo: dict[str, Any],
    others: list[Any],
    state: str,
) -> Application:
    """Start the Home's application and take the workflow's steps until it stands in `state`."""
    application = actions.application_start(actor=manager, batch=batch, carrier=home.carrier)
    new = home.code in {c[0] for c in NEW_CARRIERS}
    application = _fill(manager, application, complete=state != S.DRAFT, new=new)
    if state == S.DRAFT:
        return application
    actions.application_submit(actor=manager, application=application)
    if state == S.SUBMITTED:
        return application
    actions.application_step(actor=city, application=application, name="city_accept")
    if state == S.RETURNED:
        actions.application_step(
            actor=city,
            application=application,
            name="city_return",
            reason="请补充窗口工作人员的学历证明，并说明公共服务区的使用安排。",
        )
        return application
    if state == S.CITY_ACCEPTED:
        return application
    actions.site_visit_record(
        actor=city,
        application=application,
        stage=SiteVisit.Stage.CITY,
        visited_on=timezone.localdate() - dt.timedelta(days=3),
        visitors="市人社局留学人员服务处",
        findings="场地、人员、设备与申报一致，服务台账完整。",
    )
    if state == S.NOT_RECOMMENDED:
        actions.application_step(
            actor=city,
            application=application,
            name="city_not_recommend",
            reason="园区公共服务区尚在装修，窗口人员未到位，建议完善后参加下一批次。",
        )
        return application
    actions.application_recommend(actor=city, application=application)
    if state == S.CITY_RECOMMENDED:
        return application
    actions.summary_submit(actor=city, batch=batch, city=home.city, contact_phone=home.phone)
    if state == S.REPORTED:
        return application
    return _walk_province(batch, application, city, demo, others, state)


def _walk_province(
    batch: NamingBatch,
    application: Application,
    city: Any,
    demo: dict[str, Any],
    others: list[Any],
    state: str,
) -> Application:
    """The province's steps of the open batch, from a reported application to `state`."""
    province = demo["province"]
    if state == S.RETURNED_TO_CITY:
        actions.application_step(
            actor=province,
            application=application,
            name="material_return",
            reason="汇总表中服务人次与台账不一致，请市局核实后重新报送。",
        )
        return application
    if state == S.REJECTED:
        actions.application_step(
            actor=province,
            application=application,
            name="reject",
            reason="近12个月服务人次明显不足500人次，暂不具备命名条件。",
        )
        return application
    actions.application_step(actor=province, application=application, name="material_pass")
    if state == S.MATERIAL_PASSED:
        return application
    experts = [demo["expert"], *others[:1]]
    actions.experts_assign(actor=province, application=application, experts=experts)
    # In expert review the demo expert's evaluation awaits; later on everyone has scored.
    scorers = experts[1:] if state == S.EXPERT_REVIEW else experts
    for n, expert in enumerate(scorers):
        assignment = application.assignments.get(expert=expert)
        actions.assignment_declare(actor=expert, assignment=assignment)
        actions.assignment_score(
            actor=expert,
            assignment=assignment,
            scores={k: v - 3 - n for k, v in batch.scoring_scheme.items()},
            comments={"matching": "对接成效较好，建议加强用人单位需求跟踪。"},
        )
    if state == S.EXPERT_REVIEW:
        return application
    actions.evaluation_close(actor=province, application=application)
    if state == S.EVALUATED:
        return application
    actions.site_visit_record(
        actor=province,
        application=application,
        stage=SiteVisit.Stage.PROVINCE,
        visited_on=timezone.localdate() - dt.timedelta(days=1),
        visitors="省人社厅专业技术人员管理处、评审专家",
        condition_findings={k: "符合" for k in CONDITION_KEYS},
    )
    return application
