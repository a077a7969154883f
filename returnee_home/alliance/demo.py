"""Demo data, service alliance and suggestions: most alliance-partner organisations approved
into their city's or the provincial alliance (a few applying, one rejected), two offerings per
member, and suggestions from several cities in every triage state. Adds only what is missing
(memberships by organisation, suggestions by city and subject)."""

import datetime as dt
from typing import Any

from returnee_home.alliance.models import AllianceMembership, MemberType, Offering, Suggestion
from returnee_home.core.demo.registry import DemoContext
from returnee_home.orgs.models import Home, Membership, Organisation, Role, VerificationStatus

ORDER = 60

Status = AllianceMembership.Status

# Partner kinds (from the organisation's description) → the seed's member types.
MEMBER_TYPES = [
    MemberType.ENTERPRISE,
    MemberType.TALENT_SERVICE,
    MemberType.ENTERPRISE,
    MemberType.MASS_ORGANISATION,
    MemberType.GOVERNMENT,
]
OFFERINGS = [
    (
        Offering.Kind.SERVICE,
        ("留学回国人员专属咨询服务", "Dedicated advice for returnees"),
        (
            "每周二、周四下午在合作的留学人员之家驻点，一对一解答留学人员的问题。",
            "One-to-one advice at partner Homes on Tuesday and Thursday afternoons.",
        ),
    ),
    (
        Offering.Kind.RESOURCE,
        ("创业场地与设备共享", "Shared start-up space and equipment"),
        (
            "为留学人员创业团队提供免费工位、会议室和实验设备预约。",
            "Free desks, meeting rooms and bookable lab equipment for returnee start-ups.",
        ),
    ),
    (
        Offering.Kind.POLICY,
        ("人才政策申报辅导", "Help with talent policy applications"),
        (
            "讲解省、市人才计划申报条件，协助准备申报材料。",
            "Explains provincial and city talent programmes and helps prepare applications.",
        ),
    ),
]
SUGGESTIONS = [
    (
        Suggestion.Category.FUNCTION,
        Suggestion.Kind.SUGGESTION,
        "增加线上预约提醒短信",
        "建议在预约前一天发送短信提醒，减少爽约。",
    ),
    (
        Suggestion.Category.DATA_SHARING,
        Suggestion.Kind.NEED,
        "与市人才服务平台共享人才库",
        "希望平台提供接口，与本市人才服务平台双向同步人才和岗位数据。",
    ),
    (
        Suggestion.Category.USABILITY,
        Suggestion.Kind.SUGGESTION,
        "优化手机端表单填写",
        "手机端填写服务申请时字段较多，建议分步填写并支持草稿保存。",
    ),
    (
        Suggestion.Category.CONTENT,
        Suggestion.Kind.SUGGESTION,
        "增加英文版政策解读",
        "海外人才阅读中文政策原文有困难，建议重要政策配英文解读。",
    ),
    (
        Suggestion.Category.OTHER,
        Suggestion.Kind.NEED,
        "县级市单独统计服务数据",
        "本市所辖县级市希望在看板中单独查看服务人次。",
    ),
]
REPLIES = {
    Suggestion.Status.ACCEPTED: "已收悉，将纳入下一版本需求评估。",
    Suggestion.Status.PLANNED: "已列入第三季度开发计划。",
    Suggestion.Status.DECLINED: "涉及跨部门数据，暂不具备条件，后续统筹考虑。",
    Suggestion.Status.DONE: "已上线，请各地试用并反馈。",
}
TRIAGE = list(Suggestion.Status)


def _contact(org: Organisation) -> Any:
    membership = (
        Membership.objects.filter(organisation=org, role=Role.PARTNER)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def _plan(k: int, org: Organisation, demo_partner_org: Organisation | None) -> str:
    if demo_partner_org is not None and org.pk == demo_partner_org.pk:
        return Status.APPROVED
    if k == 5:
        return Status.REJECTED
    if k % 6 == 3:
        return Status.APPLIED
    return Status.APPROVED


def seed(ctx: DemoContext) -> None:
    partners: list[Organisation] = ctx.shared.get("partners", [])
    province_admin = ctx.shared.get("demo_users", {}).get("province")
    city_admins: dict[str, Any] = ctx.shared.get("city_admins", {})
    demo_partner = ctx.shared.get("demo_users", {}).get("partner")
    demo_partner_org = (
        Organisation.objects.filter(memberships__user=demo_partner, memberships__role=Role.PARTNER)
        .order_by("pk")
        .first()
        if demo_partner
        else None
    )
    homes_by_city: dict[int, list[Home]] = {}
    for home in Home.objects.filter(status=Home.Status.NAMED).order_by("code"):
        homes_by_city.setdefault(home.city.parent_id or home.city_id, []).append(home)
    created = 0
    for k, org in enumerate(partners):
        if AllianceMembership.objects.filter(organisation=org).exists():
            continue
        rng = ctx.rng_for("alliance", org.pk)
        status = _plan(k, org, demo_partner_org)
        province_scope = k % 5 == 4
        prefecture = org.city.prefecture if org.city_id else None
        decider = province_admin if province_scope else city_admins.get(prefecture.code)
        contact = _contact(org)
        member = AllianceMembership.objects.create(
            organisation=org,
            member_type=MEMBER_TYPES[k % len(MEMBER_TYPES)],
            scope_city=None if province_scope else prefecture,
            offer_zh=org.description_zh,
            offer_en=org.description_en,
            contact_name=contact.full_name or "联系人" if contact else "联系人",
            contact_phone=f"025-{rng.randint(5000_0000, 8999_9999)}",
            contact_email=getattr(contact, "email", ""),
            applicant=contact,
            status=status,
            decided_by=decider if status != Status.APPLIED else None,
            decided_at=ctx.now - dt.timedelta(days=rng.randint(10, 200))
            if status != Status.APPLIED
            else None,
            decision_reason="服务内容与留学人员需求关联不够紧密，请补充后重新申请。"
            if status == Status.REJECTED
            else "",
        )
        created += 1
        if status != Status.APPROVED:
            continue
        if org.verification_status != VerificationStatus.VERIFIED:
            org.verification_status = VerificationStatus.VERIFIED
            org.save(update_fields=["verification_status"])
        homes = homes_by_city.get(prefecture.pk, []) if prefecture else []
        for j in range(2):
            kind, title, text = OFFERINGS[(k + j) % len(OFFERINGS)]
            offering = Offering.objects.create(
                member=member,
                kind=kind,
                title_zh=f"{org.name_zh}·{title[0]}",
                title_en=f"{title[1]} ({org.name_en})" if org.name_en else title[1],
                description_zh=text[0],
                description_en=text[1],
                contact_method=member.contact_phone,
                valid_from=ctx.now.date() - dt.timedelta(days=30),
                valid_until=ctx.now.date() + dt.timedelta(days=365) if j else None,
            )
            if j == 1 and homes:
                offering.homes.set(homes[:2])
    suggestions = _suggestions(ctx, city_admins, province_admin)
    referrals = _referrals(ctx, demo_partner_org)
    ctx.log(
        f"alliance: {created} alliance memberships, {suggestions} platform suggestions, "
        f"{referrals} referrals"
    )


# Referrals of the demo Home's open requests to the demo partner: one awaiting an answer (past its
# deadline), one accepted, one reported done (the talent is invited to rate it).
REFERRAL_NOTES = [
    "申请人计划在南京创业，需要了解创业担保贷款和跨境结汇，请电话联系。",
    "申请人需要办理外籍配偶的相关咨询，请协助解答。",
    "申请人希望了解人才公寓申请后的租房金融服务。",
]


def _referrals(ctx: DemoContext, demo_partner_org: Organisation | None) -> int:
    """Through the referral actions, as the demo staff and the demo partner would."""
    from returnee_home.alliance import referral_actions, referral_selectors
    from returnee_home.alliance.models import Referral
    from returnee_home.alliance.referral_actions import REFERABLE_STATES
    from returnee_home.services.models import ServiceRequest

    demo = ctx.shared.get("demo_users", {})
    staff, partner = demo.get("staff"), demo.get("partner")
    member = (
        AllianceMembership.objects.filter(
            organisation=demo_partner_org, status=Status.APPROVED
        ).first()
        if demo_partner_org is not None
        else None
    )
    if member is None or staff is None or partner is None:
        return 0
    if Referral.objects.filter(member=member).exists():
        return 0
    requests = [
        r
        for r in ServiceRequest.objects.filter(
            state__in=REFERABLE_STATES, home__carrier__memberships__user=staff
        )
        .select_related("home", "home__city")
        .order_by("submitted_at", "pk")[:20]
        if referral_selectors.serves_home(member, r.home)
    ][:3]
    made = 0
    for n, request in enumerate(requests):
        offerings = referral_selectors.alliance_selectors.offerings_for_home(request.home)
        offering = next((o for o in offerings if o.member_id == member.pk), None)
        referral = referral_actions.referral_create(
            actor=staff,
            request=request,
            member=member,
            offering=offering,
            deadline=ctx.now.date() + dt.timedelta(days=5),
            note=REFERRAL_NOTES[n % len(REFERRAL_NOTES)],
        )
        made += 1
        if n == 0:
            Referral.objects.filter(pk=referral.pk).update(
                deadline=ctx.now.date() - dt.timedelta(days=2)
            )
            continue
        referral_actions.referral_accept(
            actor=partner, referral=referral, note="已安排客户经理联系。"
        )
        if n == 2:
            referral_actions.referral_report(
                actor=partner,
                referral=referral,
                done=True,
                note="已电话咨询，并为申请人制定了创业贷款方案。",
            )
    return made


def _suggestions(ctx: DemoContext, city_admins: dict[str, Any], province_admin: Any) -> int:
    created = 0
    codes = sorted(city_admins)[:5]
    n = 0
    for code in codes:
        admin = city_admins[code]
        city = ctx.cities[code]
        for category, kind, title, text in SUGGESTIONS[:3]:
            status = TRIAGE[n % len(TRIAGE)]
            n += 1
            rng = ctx.rng_for("suggestion", code, title)
            _obj, made = Suggestion.objects.get_or_create(
                city=city,
                title=title,
                defaults={
                    "submitted_by": admin,
                    "kind": kind,
                    "category": category,
                    "description": text,
                    "priority": rng.choice(list(Suggestion.Priority)),
                    "contact_name": admin.full_name or "联系人",
                    "contact_phone": f"0{rng.randint(510, 527)}-{rng.randint(5000_0000, 8999_9999)}",
                    "status": status,
                    "reply": REPLIES.get(status, ""),
                    "replied_by": province_admin if status in REPLIES else None,
                    "replied_at": ctx.now - dt.timedelta(days=rng.randint(1, 60))
                    if status in REPLIES
                    else None,
                },
            )
            created += made
    return created
