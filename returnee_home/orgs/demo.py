"""Demo data, organisations part: the provincial department, the 13 city bureaus, the Homes
(carrier, windows, services, plaque) with their staff and managers, city and province admins,
experts, employers, recommending institutions and alliance partners, and the demo logins'
memberships. Adds only what is missing (organisations by kind, city and name or by credit code;
Homes by code; memberships by user, organisation and role)."""

import datetime as dt
from decimal import Decimal
from typing import Any

from returnee_home.accounts.demo import PersonSpec, ensure_people
from returnee_home.core.demo import codes, names, places, texts
from returnee_home.core.demo.registry import DemoContext
from returnee_home.orgs.models import (
    Home,
    Membership,
    Organisation,
    OrgKind,
    Role,
    VerificationStatus,
    Window,
)

ORDER = 20

PROVINCE_NAME = (
    "江苏省人力资源和社会保障厅",
    "Jiangsu Provincial Department of Human Resources and Social Security",
)
DEMO_EMPLOYER = ("江苏紫金芯微电子有限公司", "Jiangsu Zijin Xinwei Microelectronics Co., Ltd.")
DEMO_EMPLOYER_SERIAL = 999_999

# Naming batches: (year, label, date named). Named Homes are spread over them in order.
BATCHES = [
    (2021, "2021年第一批", dt.date(2021, 6, 18)),
    (2022, "2022年第二批", dt.date(2022, 9, 26)),
    (2024, "2024年第三批", dt.date(2024, 5, 20)),
]

# Where employers are, roughly by the size of each city's economy.
EMPLOYER_CITY_WEIGHTS = {
    "320500": 22,
    "320100": 18,
    "320200": 12,
    "320400": 8,
    "320600": 7,
    "320583": 6,
    "320300": 4,
    "321000": 4,
    "321100": 3,
    "321200": 3,
    "320900": 3,
    "320800": 3,
    "320700": 2,
    "321300": 2,
    "321283": 1,
    "321322": 1,
}
FAVOURED_INDUSTRIES = {
    "software": 3,
    "integrated_circuits": 3,
    "biomedicine": 3,
    "artificial_intelligence": 3,
    "high_end_equipment": 2,
    "new_energy_vehicles": 2,
    "iot": 2,
    "advanced_materials": 2,
}
EXPERT_TITLES = [
    ("南京大学教授", "Professor, Nanjing University"),
    ("东南大学教授", "Professor, Southeast University"),
    ("苏州大学教授", "Professor, Soochow University"),
    (
        "江苏省产业技术研究院研究员",
        "Research Fellow, Jiangsu Industrial Technology Research Institute",
    ),
    ("江南大学教授", "Professor, Jiangnan University"),
    ("南京航空航天大学教授", "Professor, Nanjing University of Aeronautics and Astronautics"),
]
PARTNER_DESCRIPTIONS = {
    "bank": (
        "为留学回国人员和创业企业提供结汇、开户和科技金融服务。",
        "Currency exchange, accounts and technology finance for returnees and start-ups.",
    ),
    "law": (
        "提供公司设立、知识产权和劳动用工等法律咨询。",
        "Legal advice on company formation, intellectual property and employment.",
    ),
    "hospital": (
        "为高层次人才提供就医绿色通道和健康管理服务。",
        "Priority medical appointments and health management for senior talents.",
    ),
    "talent_service": (
        "提供人才招聘、人事代理和政策申报代办服务。",
        "Recruitment, personnel agency and help with policy applications.",
    ),
    "university": (
        "对接高校科研资源，开展产学研合作和人才培训。",
        "Links to university research, industry partnerships and training.",
    ),
    "ip": (
        "提供专利申请、商标注册和知识产权运营服务。",
        "Patent filing, trademark registration and IP management.",
    ),
}


def seed(ctx: DemoContext) -> None:
    province = _org(
        OrgKind.PROVINCE,
        PROVINCE_NAME,
        city=None,
        address=("南京市鼓楼区汉中路58号", "58 Hanzhong Road, Gulou District, Nanjing"),
    )
    bureaus = _city_bureaus(ctx)
    homes = _homes(ctx)
    _home_people(ctx, homes)
    _admins_and_experts(ctx, province, bureaus)
    admins = ctx.shared["city_admins"]
    employers = _employers(ctx, admins)
    recommenders = _recommenders(ctx)
    partners = _partners(ctx)
    _demo_memberships(ctx, province, bureaus, homes, recommenders, partners)
    ctx.shared.update(
        province=province,
        bureaus=bureaus,
        homes=homes,
        employers=employers,
        recommenders=recommenders,
        partners=partners,
    )
    ctx.log(
        f"orgs: {len(bureaus)} city bureaus, {len(homes)} Homes, {len(employers)} employers, "
        f"{len(recommenders)} recommending institutions, {len(partners)} alliance partners"
    )


# Organisations -----------------------------------------------------------------------------


def _org(
    kind: str,
    name: tuple[str, str],
    *,
    city: Any,
    address: tuple[str, str] = ("", ""),
    **fields: Any,
) -> Organisation:
    """The organisation of this kind, city and Chinese name, created if missing."""
    org = Organisation.objects.filter(kind=kind, city=city, name_zh=name[0]).first()
    if org is None:
        org = Organisation.objects.create(
            kind=kind,
            city=city,
            name_zh=name[0],
            name_en=name[1],
            address=address[0],
            verification_status=VerificationStatus.VERIFIED,
            **fields,
        )
    return org


def _prefectures(ctx: DemoContext) -> list[Any]:
    return [c for c in ctx.cities.values() if c.kind == "prefecture"]


def _city_bureaus(ctx: DemoContext) -> dict[str, Organisation]:
    bureaus = {}
    for n, city in enumerate(_prefectures(ctx)):
        place = places.PLACES[city.code]
        bureaus[city.code] = _org(
            OrgKind.CITY_BUREAU,
            (
                f"{city.name_zh}人力资源和社会保障局",
                f"{city.name_en} Municipal Human Resources and Social Security Bureau",
            ),
            city=city,
            address=places.address(place, place.districts[0], place.roads[0], 100 + n),
            credit_code=codes.credit_code(division=city.code, serial=800_000 + n, category="11"),
            phone=codes.landline(ctx.rng_for("bureau", city.code), place.area_code),
        )
    return bureaus


def _homes(ctx: DemoContext) -> dict[str, Home]:
    homes: dict[str, Home] = {}
    named = [c for c in places.CARRIERS if c.home_code not in places.PREPARING_HOMES]
    # City talent-service centres were named first, start-up parks next, the rest last.
    batch_of: dict[str, int] = {}
    for carrier in named:
        batch_of[carrier.home_code] = (
            0
            if carrier.home_code.endswith("01")
            else (1 if carrier.kind == "startup_park" and carrier.home_code.endswith("02") else 2)
        )
    for n, carrier in enumerate(places.CARRIERS):
        rng = ctx.rng_for("home", carrier.home_code)
        city = ctx.cities[carrier.city_code]
        place = places.PLACES[carrier.city_code]
        address = places.address(place, carrier.district, carrier.road, carrier.number)
        org = _org(
            carrier.kind,
            (carrier.name_zh, carrier.name_en),
            city=city,
            address=address,
            credit_code=codes.credit_code(division=city.code, serial=700_000 + n, category="12"),
            phone=codes.landline(rng, place.area_code),
        )
        home = Home.objects.filter(code=carrier.home_code).first()
        if home is None:
            home = _create_home(ctx, rng, carrier, org, city, address, batch_of)
        homes[carrier.home_code] = home
    return homes


def _create_home(
    ctx: DemoContext,
    rng: Any,
    carrier: places.Carrier,
    org: Organisation,
    city: Any,
    address: tuple[str, str],
    batch_of: dict[str, int],
) -> Home:
    hours = rng.choice(texts.HOME_HOURS)
    intro = texts.home_introduction(carrier.name_zh, carrier.name_en, city.name_zh, city.name_en)
    status, plaque, label, named_on = Home.Status.PREPARING, "", "", None
    if carrier.home_code in batch_of:
        year, label, named_on = BATCHES[batch_of[carrier.home_code]]
        status = Home.Status.NAMED
        # Plaques are numbered in the order of CARRIERS within each year.
        plaque = codes.plaque_number(year, _plaque_index(carrier.home_code, batch_of, year))
    jitter = Decimal(rng.randint(-150, 150)) / Decimal(10_000)
    home = Home.objects.create(
        carrier=org,
        code=carrier.home_code,
        slug=carrier.slug,
        name_zh=f"江苏省留学人员之家（{carrier.name_zh}）",
        name_en=f"Jiangsu Home for Returned Overseas Students ({carrier.name_en})",
        city=city,
        address_zh=address[0],
        address_en=address[1],
        latitude=(city.latitude + jitter) if city.latitude is not None else None,
        longitude=(city.longitude - jitter) if city.longitude is not None else None,
        opening_hours_zh=hours[0],
        opening_hours_en=hours[1],
        phone=org.phone,
        email=f"{carrier.home_code.lower()}@homes.demo.returnee.home",
        introduction_zh=intro[0],
        introduction_en=intro[1],
        floor_area=rng.randrange(200, 1600, 10),
        status=status,
        plaque_number=plaque,
        batch_label=label,
        named_on=named_on,
    )
    window_count = rng.randint(2, 5) if status == Home.Status.NAMED else 1
    Window.objects.bulk_create(
        [
            Window(home=home, number=k + 1, name_zh=w[0], name_en=w[1])
            for k, w in enumerate(texts.WINDOWS[:window_count])
        ]
    )
    categories = ctx.service_categories
    if status != Home.Status.NAMED:
        categories = categories[:2]
    elif rng.random() < 0.3:
        categories = rng.sample(categories, 3)
    home.service_categories.set(categories)
    return home


def _plaque_index(code: str, batch_of: dict[str, int], year: int) -> int:
    in_year = [
        c.home_code
        for c in places.CARRIERS
        if c.home_code in batch_of and BATCHES[batch_of[c.home_code]][0] == year
    ]
    return in_year.index(code) + 1


# People in organisations -------------------------------------------------------------------


def person(
    ctx: DemoContext,
    kind: str,
    serial: int,
    *,
    domain: str = "example.com",
    language: str | None = None,
) -> PersonSpec:
    """A generated person of `kind` (one letter: s staff, a admin, x expert, e employer
    contact, r recommender, p partner) with a unique serial."""
    rng = ctx.rng_for("person", kind, serial)
    full_name, name_en = names.person_name(rng)
    return PersonSpec(
        email=f"{names.ascii_handle(name_en)}.{kind}{serial}@{domain}",
        full_name=full_name,
        name_en=name_en,
        phone=codes.mobile_number(serial) if rng.random() < 0.7 else None,
        preferred_language=language or ("en" if rng.random() < 0.1 else "zh-hans"),
        date_joined=ctx.now - dt.timedelta(days=rng.randint(30, 1500)),
    )


def ensure_memberships(ctx: DemoContext, rows: list[tuple[Any, Organisation, str, str]]) -> None:
    """Memberships (user, organisation, role, title), created in bulk where missing."""
    existing: set[tuple[int, int, str]] = set()
    user_ids = sorted({u.pk for u, _o, _r, _t in rows})
    for chunk in ctx.chunks(user_ids):
        existing.update(
            Membership.objects.filter(user_id__in=chunk).values_list(
                "user_id", "organisation_id", "role"
            )
        )
    new = []
    for user, org, role, title in rows:
        key = (user.pk, org.pk, str(role))
        if key not in existing:
            existing.add(key)
            new.append(Membership(user=user, organisation=org, role=role, title=title))
    for chunk in ctx.chunks(new):
        Membership.objects.bulk_create(chunk)


def _home_people(ctx: DemoContext, homes: dict[str, Home]) -> None:
    """Two to five staff and one manager per Home (the demo Home gets the demo logins too)."""
    specs: list[tuple[PersonSpec, Home, str, str]] = []
    for n, (code, home) in enumerate(sorted(homes.items())):
        rng = ctx.rng_for("home-staff", code)
        count = rng.randint(2, 5) if home.status == Home.Status.NAMED else 1
        specs.append((person(ctx, "s", 2_000_000 + n * 100), home, Role.HOME_MANAGER, "主任"))
        for k in range(count):
            title = rng.choice(texts.STAFF_TITLES)[0]
            specs.append(
                (person(ctx, "s", 2_000_000 + n * 100 + k + 1), home, Role.HOME_STAFF, title)
            )
    users, _created = ensure_people(ctx, [s for s, _h, _r, _t in specs])
    ensure_memberships(ctx, [(users[s.email], h.carrier, r, t) for s, h, r, t in specs])


def _admins_and_experts(
    ctx: DemoContext, province: Organisation, bureaus: dict[str, Organisation]
) -> None:
    rows: list[tuple[PersonSpec, Organisation, str, str]] = []
    city_admin_emails: dict[str, str] = {}
    for n, (code, bureau) in enumerate(sorted(bureaus.items())):
        for k in range(1 + ctx.rng_for("city-admins", code).randint(0, 1)):
            spec = person(ctx, "a", 2_100_000 + n * 10 + k)
            city_admin_emails.setdefault(code, spec.email)
            rows.append((spec, bureau, Role.CITY_ADMIN, "留学人员服务处科员"))
    for k in range(2):
        rows.append(
            (person(ctx, "a", 2_150_000 + k), province, Role.PROVINCE_ADMIN, "专业技术人员管理处")
        )
    for k in range(ctx.scale.experts):
        title = ctx.rng_for("expert", k).choice(EXPERT_TITLES)[0]
        rows.append((person(ctx, "x", 2_200_000 + k), province, Role.EXPERT, title))
    users, _created = ensure_people(ctx, [s for s, _o, _r, _t in rows])
    ensure_memberships(ctx, [(users[s.email], o, r, t) for s, o, r, t in rows])
    ctx.shared["city_admins"] = {code: users[e] for code, e in city_admin_emails.items()}


# Employers ---------------------------------------------------------------------------------


def employer_specs(ctx: DemoContext) -> list[dict[str, Any]]:
    """The first `scale.employers` employers, each the same at every scale."""
    city_codes = list(EMPLOYER_CITY_WEIGHTS)
    city_weights = list(EMPLOYER_CITY_WEIGHTS.values())
    industry_codes = sorted(ctx.industries)
    industry_weights = [FAVOURED_INDUSTRIES.get(c, 1) for c in industry_codes]
    used: set[str] = {DEMO_EMPLOYER[0]}
    specs = []
    for i in range(ctx.scale.employers):
        rng = ctx.rng_for("employer", i)
        city_code = rng.choices(city_codes, weights=city_weights)[0]
        industry_code = rng.choices(industry_codes, weights=industry_weights)[0]
        place = places.PLACES[city_code]
        for _attempt in range(20):
            prefix = (place.short_zh, place.short_en) if rng.random() < 0.7 else ("江苏", "Jiangsu")
            name = texts.company_name(rng, industry_code=industry_code, prefix=prefix)
            if name[0] not in used:
                break
        else:
            name = (f"{name[0]}（{i}）", f"{name[1]} ({i})")
        used.add(name[0])
        roll = rng.random()
        status = (
            VerificationStatus.VERIFIED
            if roll < 0.85
            else VerificationStatus.PENDING
            if roll < 0.97
            else VerificationStatus.REJECTED
        )
        specs.append(
            {
                "index": i,
                "city_code": city_code,
                "industry_code": industry_code,
                "name": name,
                "status": status,
                "founded": rng.randint(1995, 2024),
                "address": places.random_address(rng, place),
                "phone": codes.landline(rng, place.area_code),
                "credit_code": codes.credit_code(division=city_code, serial=i),
                "contacts": 2 if rng.random() < 0.2 else 1,
                "verified_days_ago": rng.randint(10, 900),
            }
        )
    return specs


def _employers(ctx: DemoContext, city_admins: dict[str, Any]) -> list[Organisation]:
    specs = employer_specs(ctx)
    demo = {
        "index": DEMO_EMPLOYER_SERIAL,
        "city_code": "320100",
        "industry_code": "integrated_circuits",
        "name": DEMO_EMPLOYER,
        "status": VerificationStatus.VERIFIED,
        "founded": 2016,
        "address": (
            "南京市江宁区双龙大道1688号",
            "1688 Shuanglong Avenue, Jiangning District, Nanjing",
        ),
        "phone": "025-52101688",
        "credit_code": codes.credit_code(division="320100", serial=DEMO_EMPLOYER_SERIAL),
        "contacts": 1,
        "verified_days_ago": 400,
    }
    specs.append(demo)
    existing = {}
    for chunk in ctx.chunks([s["credit_code"] for s in specs]):
        existing.update(
            {o.credit_code: o for o in Organisation.objects.filter(credit_code__in=chunk)}
        )
    new = []
    for s in specs:
        if s["credit_code"] in existing:
            continue
        industry = ctx.industries[s["industry_code"]]
        desc = texts.employer_description(
            s["name"][0], industry.name_zh, industry.name_en, s["founded"]
        )
        # Employers report through the prefecture's bureau (counties through their city's).
        prefecture = ctx.cities[s["city_code"]].parent_id and ctx.cities[s["city_code"]].parent
        bureau_city = (prefecture or ctx.cities[s["city_code"]]).code
        verified = s["status"] == VerificationStatus.VERIFIED
        new.append(
            Organisation(
                kind=OrgKind.EMPLOYER,
                name_zh=s["name"][0],
                name_en=s["name"][1],
                city=ctx.cities[s["city_code"]],
                address=s["address"][0],
                phone=s["phone"],
                email=f"hr{s['index']}@example.com",
                description_zh=desc[0],
                description_en=desc[1],
                credit_code=s["credit_code"],
                industry=industry,
                verification_status=s["status"],
                verified_at=(ctx.now - dt.timedelta(days=s["verified_days_ago"]))
                if verified
                else None,
                verified_by=city_admins.get(bureau_city) if verified else None,
                rejection_reason=(
                    "营业执照扫描件不清晰，请重新上传。"
                    if s["status"] == VerificationStatus.REJECTED
                    else ""
                ),
            )
        )
    for chunk in ctx.chunks(new):
        Organisation.objects.bulk_create(chunk)
    orgs = {}
    for chunk in ctx.chunks([s["credit_code"] for s in specs]):
        orgs.update({o.credit_code: o for o in Organisation.objects.filter(credit_code__in=chunk)})
    # Contacts: one or two people per employer (the demo employer's is the demo login).
    rows = []
    for s in specs[:-1]:
        for k in range(s["contacts"]):
            rows.append(
                (
                    person(ctx, "e", 3_000_000 + s["index"] * 3 + k),
                    orgs[s["credit_code"]],
                    Role.EMPLOYER_CONTACT,
                    "人力资源经理",
                )
            )
    users, _created = ensure_people(ctx, [r[0] for r in rows])
    ensure_memberships(ctx, [(users[p.email], o, r, t) for p, o, r, t in rows])
    ctx.shared["demo_employer"] = orgs[demo["credit_code"]]
    return [orgs[s["credit_code"]] for s in specs]


# Recommending institutions and alliance partners -------------------------------------------


def _recommenders(ctx: DemoContext) -> list[Organisation]:
    found: list[Organisation] = []
    for n, city in enumerate(_prefectures(ctx)):
        place = places.PLACES[city.code]
        rng = ctx.rng_for("recommenders", city.code)
        for j, (zh, en) in enumerate(texts.RECOMMENDER_PATTERNS[: ctx.scale.recommenders_per_city]):
            category = "12" if "教育局" in zh else "51"
            found.append(
                _org(
                    OrgKind.RECOMMENDER,
                    (zh.format(city=city.name_zh), en.format(City=city.name_en)),
                    city=city,
                    address=places.random_address(rng, place),
                    credit_code=codes.credit_code(
                        division=city.code, serial=500_000 + n * 10 + j, category=category
                    ),
                )
            )
    nanjing = ctx.cities["320100"]
    count = min(len(texts.OVERSEAS_RECOMMENDERS), 2 * ctx.scale.recommenders_per_city)
    for country, zh, en in texts.OVERSEAS_RECOMMENDERS[:count]:
        found.append(
            _org(
                OrgKind.RECOMMENDER,
                (zh, en),
                city=nanjing,
                description_zh=f"海外留学人员社团（{ctx.countries[country].name_zh}）",
                description_en=f"Association of overseas students ({ctx.countries[country].name_en})",
            )
        )
    for j, (zh, en) in enumerate(texts.UNIVERSITY_ALUMNI[: 2 * ctx.scale.recommenders_per_city]):
        found.append(
            _org(
                OrgKind.RECOMMENDER,
                (f"{zh}海外校友会", f"{en} Overseas Alumni Association"),
                city=nanjing,
                credit_code=codes.credit_code(division="320100", serial=550_000 + j, category="51"),
            )
        )
    rows = [
        (person(ctx, "r", 4_000_000 + k), org, Role.RECOMMENDER, "秘书长")
        for k, org in enumerate(found)
    ]
    users, _created = ensure_people(ctx, [r[0] for r in rows])
    ensure_memberships(ctx, [(users[p.email], o, r, t) for p, o, r, t in rows])
    return found


def _partners(ctx: DemoContext) -> list[Organisation]:
    found: list[Organisation] = []
    patterns = texts.PARTNER_PATTERNS
    for n, city in enumerate(_prefectures(ctx)):
        place = places.PLACES[city.code]
        for j in range(ctx.scale.partners_per_city):
            kind, zh, en = patterns[(n + j) % len(patterns)]
            rng = ctx.rng_for("partner", city.code, j)
            brand = rng.sample(texts.BRAND_CHARS, 2)
            alma = rng.choice(texts.UNIVERSITY_ALUMNI)
            fill = {
                "city": city.name_zh.removesuffix("市"),
                "City": city.name_en,
                "brand": brand[0][0] + brand[1][0],
                "Brand": brand[0][1] + brand[1][1].lower(),
                "alma": alma[0],
                "AlmaEn": alma[1],
            }
            category = {"hospital": "12", "university": "12", "law": "31"}.get(kind, "91")
            desc = PARTNER_DESCRIPTIONS[kind]
            found.append(
                _org(
                    OrgKind.ALLIANCE_PARTNER,
                    (zh.format(**fill), en.format(**fill)),
                    city=city,
                    address=places.random_address(rng, place),
                    description_zh=desc[0],
                    description_en=desc[1],
                    credit_code=codes.credit_code(
                        division=city.code, serial=600_000 + n * 10 + j, category=category
                    ),
                )
            )
    rows = [
        (person(ctx, "p", 4_500_000 + k), org, Role.PARTNER, "客户经理")
        for k, org in enumerate(found)
    ]
    users, _created = ensure_people(ctx, [r[0] for r in rows])
    ensure_memberships(ctx, [(users[p.email], o, r, t) for p, o, r, t in rows])
    return found


def _demo_memberships(
    ctx: DemoContext,
    province: Organisation,
    bureaus: dict[str, Organisation],
    homes: dict[str, Home],
    recommenders: list[Organisation],
    partners: list[Organisation],
) -> None:
    demo = ctx.shared["demo_users"]
    home = homes[places.DEMO_HOME_CODE]
    nanjing_recommender = next(o for o in recommenders if o.city_id == home.city_id)
    nanjing_partner = next(o for o in partners if o.city_id == home.city_id)
    ensure_memberships(
        ctx,
        [
            (demo["staff"], home.carrier, Role.HOME_STAFF, "窗口服务专员"),
            (demo["manager"], home.carrier, Role.HOME_MANAGER, "主任"),
            (
                demo["city"],
                bureaus[home.city.prefecture.code],
                Role.CITY_ADMIN,
                "留学人员服务处处长",
            ),
            (demo["province"], province, Role.PROVINCE_ADMIN, "专业技术人员管理处处长"),
            (demo["expert"], province, Role.EXPERT, "东南大学教授"),
            (demo["employer"], ctx.shared["demo_employer"], Role.EMPLOYER_CONTACT, "人力资源总监"),
            (demo["recommender"], nanjing_recommender, Role.RECOMMENDER, "秘书长"),
            (demo["partner"], nanjing_partner, Role.PARTNER, "客户经理"),
        ],
    )
    ctx.shared["demo_home"] = home
