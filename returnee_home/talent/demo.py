"""Demo data, talent part: generated returnees with a profile, overseas education (real
countries and universities, disciplines of the national catalogue, degrees and years),
languages and work experience; and the full profile of the demo talent login.

Talent `i` is the same at every scale (its own seeded generator), so a larger scale only adds
talents `n..m`. Everything is bulk-inserted in batches: no per-row save()."""

import datetime as dt
import random
from collections import defaultdict
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Subquery

from returnee_home.accounts.demo import (
    IdentitySpec,
    PersonSpec,
    ensure_identity_documents,
    ensure_people,
    resident_id_number,
)
from returnee_home.accounts.models import IdentityDocument
from returnee_home.core.demo import codes, names
from returnee_home.core.demo.registry import DemoContext
from returnee_home.orgs.models import Home, Membership, Role
from returnee_home.talent.models import (
    Channel,
    Education,
    Gender,
    LanguageLevel,
    LanguageSkill,
    ReturneeStatus,
    TalentProfile,
    WorkExperience,
)

ORDER = 30

STUDY_COUNTRY_WEIGHTS = {
    "US": 24,
    "GB": 20,
    "AU": 11,
    "JP": 8,
    "HK": 6,
    "CA": 6,
    "DE": 5,
    "SG": 4,
    "FR": 3,
    "KR": 3,
    "NL": 2,
    "RU": 2,
    "CH": 1,
    "SE": 1,
    "DK": 1,
    "FI": 1,
    "BE": 1,
    "IT": 1,
    "ES": 1,
    "IE": 1,
    "NZ": 1,
    "MY": 1,
    "AT": 1,
    "NO": 1,
    "IL": 1,
    "TH": 1,
    "MO": 1,
}
# Weight of each discipline category (门类) among returnees, then favoured first-level ones.
CATEGORY_WEIGHTS = {
    "08": 35,
    "07": 15,
    "12": 15,
    "02": 10,
    "10": 8,
    "14": 5,
    "05": 4,
    "03": 3,
    "04": 2,
    "13": 2,
    "09": 1,
}
FAVOURED_DISCIPLINES = {
    "0812": 6,
    "0835": 3,
    "0809": 3,
    "0810": 3,
    "0802": 2,
    "0805": 2,
    "1202": 3,
    "0202": 3,
    "1405": 2,
    "1401": 2,
    "0710": 2,
    "1002": 2,
}
FIELDS_OF_STUDY = {
    "0812": ["machine learning", "computer vision", "distributed systems", "databases"],
    "0835": ["software engineering", "cloud computing"],
    "0809": ["semiconductor devices", "microelectronics"],
    "0810": ["wireless communication", "signal processing"],
    "0805": ["battery materials", "polymer science"],
    "1202": ["finance", "marketing", "operations management"],
    "0202": ["financial economics", "international trade"],
    "0710": ["molecular biology", "immunology"],
    "1007": ["pharmaceutics", "medicinal chemistry"],
}
# Skills people list, by first-level discipline (a mix of Chinese and English, as typed).
SKILLS_BY_DISCIPLINE = {
    "0812": [
        "机器学习",
        "Python",
        "deep learning",
        "PyTorch",
        "computer vision",
        "NLP",
        "C++",
        "分布式系统",
        "SQL",
        "Kubernetes",
        "推荐系统",
        "Java",
    ],
    "0835": ["Java", "Spring Boot", "微服务", "React", "DevOps", "Python", "软件测试", "Go"],
    "1405": ["机器学习", "强化学习", "大模型", "PyTorch", "knowledge graph", "Python"],
    "0809": ["Verilog", "数字IC设计", "analog IC design", "版图设计", "EDA", "FPGA", "半导体器件"],
    "1401": ["数字IC设计", "UVM", "SoC design", "芯片验证", "Cadence", "封装测试"],
    "0810": ["无线通信", "signal processing", "5G", "MATLAB", "DSP", "光通信"],
    "0808": ["电力电子", "power systems", "逆变器", "PLC", "MATLAB", "储能"],
    "0811": ["控制系统", "robotics", "PLC", "运动规划", "ROS", "传感器融合"],
    "0802": ["机械设计", "SolidWorks", "有限元分析", "manufacturing process", "液压系统"],
    "0805": ["电池材料", "materials characterization", "高分子材料", "纳米材料", "XRD", "锂电池"],
    "0817": ["化工工艺", "催化", "Aspen Plus", "organic synthesis", "电化学"],
    "0703": ["有机合成", "analytical chemistry", "HPLC", "催化", "电化学"],
    "0710": ["分子生物学", "cell culture", "免疫学", "CRISPR", "bioinformatics", "qPCR"],
    "0836": ["synthetic biology", "发酵工程", "蛋白纯化", "细胞培养", "生物药"],
    "1007": ["药物研发", "medicinal chemistry", "制剂研发", "药理学", "GMP", "注册申报"],
    "1002": ["临床医学", "clinical trials", "医学影像", "公共卫生"],
    "0831": ["医疗器械研发", "biomedical engineering", "医学影像设备", "体外诊断"],
    "0202": ["金融分析", "quantitative finance", "风险管理", "CFA", "Python", "估值"],
    "0201": ["计量经济学", "economic research", "Stata", "数据分析"],
    "1202": ["市场营销", "project management", "供应链管理", "财务分析", "人力资源管理"],
    "1201": ["运筹优化", "数据分析", "supply chain management", "Python"],
    "0714": ["统计学", "R语言", "data analysis", "机器学习", "SAS"],
    "0701": ["数学建模", "numerical analysis", "机器学习", "MATLAB"],
    "0702": ["凝聚态物理", "optics", "量子计算", "MATLAB"],
    "0803": ["光学设计", "激光器", "optoelectronics", "Zemax"],
    "0825": ["飞行器设计", "CFD", "有限元分析", "无人机"],
    "0830": ["环境工程", "污水处理", "EIA", "碳中和"],
    "0401": ["教学", "课程设计", "educational technology", "TESOL"],
    "0502": ["翻译", "interpreting", "英语教学", "cross-cultural communication"],
}
GENERAL_SKILLS = ["英语", "project management", "数据分析", "团队管理", "communication skills"]

# Languages of the study countries other than English.
COUNTRY_LANGUAGE = {
    "JP": "ja",
    "DE": "de",
    "FR": "fr",
    "KR": "ko",
    "NL": "nl",
    "RU": "ru",
    "SE": "sv",
    "DK": "da",
    "FI": "fi",
    "IT": "it",
    "ES": "es",
    "AT": "de",
    "NO": "no",
    "IL": "he",
    "TH": "th",
    "MY": "ms",
    "CH": "de",
    "BE": "fr",
}
FOREIGN_NATIONALITIES = ["US", "CA", "AU", "GB", "SG", "DE", "JP", "NZ", "FR"]
OVERSEAS_JOBS = [
    ("Research Assistant", "research"),
    ("Postdoctoral Researcher", "research"),
    ("Software Engineer", "industry"),
    ("Data Scientist", "industry"),
    ("Process Engineer", "industry"),
    ("Analyst", "industry"),
    ("Product Manager", "industry"),
]
COMPANIES_BY_COUNTRY = {
    "US": ["Intel Corporation", "Pfizer Inc.", "Microsoft Corporation", "Applied Materials"],
    "GB": ["AstraZeneca", "Arm Ltd", "HSBC", "Rolls-Royce"],
    "DE": ["Siemens AG", "Robert Bosch GmbH", "BASF SE", "Infineon Technologies"],
    "JP": ["Sony Group", "Panasonic", "Toyota Motor Corporation", "Hitachi"],
    "AU": ["BHP", "CSL Limited", "Commonwealth Bank of Australia"],
    "CA": ["Shopify", "Bombardier", "Royal Bank of Canada"],
    "SG": ["DBS Bank", "Singapore Telecommunications", "ST Engineering"],
    "FR": ["Schneider Electric", "Airbus", "Sanofi"],
    "KR": ["Samsung Electronics", "LG Chem", "SK hynix"],
    "NL": ["ASML", "Philips", "NXP Semiconductors"],
}
# Generated dates stop here, so that the same seed gives the same province on any day.
LATEST_END = dt.date(2026, 6, 1)
DEMO_HOME_CODE = "NJ01"
PASSPORT_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
DOMAINS = ["example.com", "example.org", "example.net"]
LIVING_CITY_WEIGHTS = {
    "320500": 20,
    "320100": 22,
    "320200": 11,
    "320400": 7,
    "320600": 6,
    "320583": 5,
    "320300": 5,
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


def seed(ctx: DemoContext) -> None:
    recommenders = ctx.shared.get("recommenders") or []
    choices = _Choices(ctx)
    specs = [_talent(ctx, i, choices, recommenders) for i in range(ctx.scale.talents)]
    reviewers = _Reviewers(ctx)
    created_total = documents = 0
    for chunk in ctx.chunks(specs):
        users, created = ensure_people(ctx, [s["person"] for s in chunk])
        new = [s for s in chunk if s["person"].email in created]
        _create_profiles(ctx, new, users)
        documents += ensure_identity_documents(
            ctx, [_identity(ctx, s, users, reviewers) for s in new if s["identity"]]
        )
        created_total += len(new)
    _demo_talent(ctx, choices, reviewers)
    ctx.log(
        f"talent: {created_total} new talents ({ctx.scale.talents} at this scale), "
        f"{documents} identity documents"
    )


class _Reviewers:
    """The named Homes of each city and the first staff member of each, who reviews the
    identity documents submitted there; the demo Home takes what has nowhere else to go."""

    def __init__(self, ctx: DemoContext) -> None:
        homes = list(Home.objects.filter(status=Home.Status.NAMED).select_related("city"))
        self.by_city: dict[str, list[Home]] = defaultdict(list)
        for home in sorted(homes, key=lambda h: h.code):
            self.by_city[home.city.code].append(home)
        self.demo_home = next(h for h in homes if h.code == DEMO_HOME_CODE)
        staff = (
            Membership.objects.filter(
                role=Role.HOME_STAFF, organisation_id__in=[h.carrier_id for h in homes]
            )
            .select_related("user")
            .order_by("organisation_id", "id")
        )
        self.staff: dict[int, Any] = {}
        for membership in staff:
            self.staff.setdefault(membership.organisation_id, membership.user)

    def home_for(self, city_code: str | None, rng: random.Random) -> Home:
        options = self.by_city.get(city_code or "") or [self.demo_home]
        return rng.choice(options)


class _Choices:
    """Weighted choices over the reference data, prepared once."""

    def __init__(self, ctx: DemoContext) -> None:
        self.countries = [c for c in STUDY_COUNTRY_WEIGHTS if c in ctx.countries]
        self.country_weights = [STUDY_COUNTRY_WEIGHTS[c] for c in self.countries]
        self.universities: dict[str, list[dict[str, str]]] = defaultdict(list)
        for u in ctx.universities:
            self.universities[u["country"]].append(u)
        by_category: dict[str, list[Any]] = defaultdict(list)
        for d in ctx.disciplines.values():
            by_category[d.code[:2]].append(d)
        self.disciplines: list[Any] = []
        self.discipline_weights: list[float] = []
        for category, weight in CATEGORY_WEIGHTS.items():
            members = sorted(by_category.get(category, []), key=lambda d: d.code)
            total = sum(FAVOURED_DISCIPLINES.get(d.code, 1) for d in members)
            for d in members:
                self.disciplines.append(d)
                self.discipline_weights.append(weight * FAVOURED_DISCIPLINES.get(d.code, 1) / total)
        self.living = list(LIVING_CITY_WEIGHTS)
        self.living_weights = list(LIVING_CITY_WEIGHTS.values())
        self.industries = sorted(ctx.industries)


def _month(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1)


def _talent(ctx: DemoContext, i: int, c: _Choices, recommenders: list[Any]) -> dict[str, Any]:
    """Everything about talent `i`, decided before anything is written."""
    rng = ctx.rng_for("talent", i)
    full_name, name_en = names.person_name(rng)
    foreign = rng.random() < 0.08
    study_country = rng.choices(c.countries, weights=c.country_weights)[0]
    degree = rng.choices(["master", "doctorate", "bachelor"], weights=[55, 30, 15])[0]
    discipline = rng.choices(c.disciplines, weights=c.discipline_weights)[0]
    graduated = rng.randint(2008, 2025)
    status = (
        ReturneeStatus.FOREIGN
        if foreign
        else ReturneeStatus.ABROAD
        if rng.random() < 0.22
        else ReturneeStatus.RETURNED
    )
    educations = _educations(rng, c, study_country, degree, discipline, graduated, foreign)
    living = rng.choices(c.living, weights=c.living_weights)[0]
    work = _work(rng, study_country, graduated)
    returned_on = None
    if status != ReturneeStatus.ABROAD:
        last_end = max(e["end"] for e in educations)
        if work and work["end"]:
            last_end = max(last_end, work["end"])
        returned_on = last_end + dt.timedelta(days=rng.randint(20, 200))
        returned_on = min(returned_on, LATEST_END)
    roll = rng.random()
    channel = (
        Channel.SELF
        if roll < 0.7 or not recommenders
        else Channel.RECOMMENDED
        if roll < 0.9
        else Channel.COLLECTED
    )
    handle = names.ascii_handle(name_en)
    roll = rng.random()
    identity = (
        IdentityDocument.Status.PENDING if i < 200 and i % 10 == 5  # the demo Home's queue
        else IdentityDocument.Status.VERIFIED if roll < 0.25
        else IdentityDocument.Status.PENDING if roll < 0.28
        else None
    )  # fmt: skip
    return {
        "index": i,
        "identity": identity,
        "identity_seed": rng.randint(0, 10**9),
        "person": PersonSpec(
            email=f"{handle}.t{i}@{DOMAINS[i % len(DOMAINS)]}",
            full_name=full_name if not foreign else name_en,
            name_en=name_en,
            phone=codes.mobile_number(i) if rng.random() < 0.7 else None,
            preferred_language="en" if foreign or rng.random() < 0.1 else "zh-hans",
            date_joined=ctx.now - dt.timedelta(days=rng.randint(1, 1400)),
        ),
        "gender": rng.choice([Gender.FEMALE, Gender.MALE]),
        "birth_year": graduated
        - {"bachelor": 22, "master": 25, "doctorate": 29}[degree]
        + rng.randint(-1, 2),
        "nationality": rng.choice(FOREIGN_NATIONALITIES) if foreign else "CN",
        "residence": study_country if status == ReturneeStatus.ABROAD else "CN",
        "city": None if status == ReturneeStatus.ABROAD else living,
        "status": status,
        "returned_on": returned_on,
        "headline": _headline(educations[-1], discipline),
        "desired": rng.sample(c.living, rng.randint(1, 3)),
        "industries": rng.sample(c.industries, rng.randint(1, 3)),
        "showcase": rng.random() < 0.3,
        "channel": channel,
        "recommended_by": rng.choice(recommenders) if channel == Channel.RECOMMENDED else None,
        "educations": educations,
        "work": work,
        "languages": _languages(rng, study_country, foreign),
        **_wishes(ctx, i, discipline.code),
    }


def _wishes(ctx: DemoContext, i: int, discipline_code: str) -> dict[str, Any]:
    """Skills and wishes of talent `i`, from a generator of their own (so that adding them
    left every earlier field of the same talent unchanged)."""
    rng = ctx.rng_for("talent-skills", i)
    pool = SKILLS_BY_DISCIPLINE.get(discipline_code, GENERAL_SKILLS)
    skills = rng.sample(pool, min(len(pool), rng.randint(3, 6)))
    if rng.random() < 0.5:
        skills.append(rng.choice(GENERAL_SKILLS))
    salary = rng.choice([None, 12_000, 15_000, 20_000, 25_000, 30_000, 40_000, 50_000])
    job_types = rng.choice(
        [["full_time"], ["full_time"], ["full_time", "part_time"], ["postdoc"], []]
    )
    return {
        "skills": list(dict.fromkeys(skills)),
        "salary": salary,
        "job_types": job_types,
    }


def _educations(
    rng: random.Random,
    c: _Choices,
    country: str,
    degree: str,
    discipline: Any,
    graduated: int,
    foreign: bool,
) -> list[dict[str, Any]]:
    years = {"bachelor": 4, "master": rng.choice([1, 2]), "doctorate": rng.randint(3, 5)}[degree]
    university = rng.choice(c.universities[country])
    field = rng.choice(FIELDS_OF_STUDY.get(discipline.code, [discipline.name_en.lower()]))
    main = {
        "country": country,
        "university": university,
        "degree": degree,
        "discipline": discipline,
        "field": field,
        "start": _month(graduated - years, 9),
        "end": _month(graduated, rng.choice([6, 7])),
    }
    rows = []
    if degree != "bachelor" and not foreign and rng.random() < 0.6:
        domestic = rng.choice(c.universities["CN"])
        start = graduated - years - 4
        rows.append(
            {
                "country": "CN",
                "university": domestic,
                "degree": "bachelor",
                "discipline": discipline,
                "field": field,
                "start": _month(start, 9),
                "end": _month(graduated - years, 6),
            }
        )
    rows.append(main)
    if degree == "doctorate" and rng.random() < 0.12:
        rows.append(
            {
                "country": country,
                "university": university,
                "degree": "postdoctoral",
                "discipline": discipline,
                "field": field,
                "start": _month(graduated, 9),
                "end": _month(graduated + 2, 8),
            }
        )
    return rows


def _work(rng: random.Random, country: str, graduated: int) -> dict[str, Any] | None:
    if rng.random() < 0.5:
        return None
    title, kind = rng.choice(OVERSEAS_JOBS)
    companies = COMPANIES_BY_COUNTRY.get(country)
    if kind == "research" or not companies:
        organisation, title = "University research group", "Research Assistant"
    else:
        organisation = rng.choice(companies)
    start = _month(graduated, 9)
    years = rng.randint(1, 5)
    end = _month(graduated + years, rng.randint(1, 12)) if rng.random() < 0.8 else None
    return {
        "organisation": organisation,
        "title": title,
        "country": country,
        "start": start,
        "end": end if end is None or end <= LATEST_END else None,
    }


def _languages(rng: random.Random, country: str, foreign: bool) -> list[tuple[str, str]]:
    langs = [
        ("zh", LanguageLevel.WORKING if foreign else LanguageLevel.NATIVE),
        (
            "en",
            LanguageLevel.NATIVE
            if foreign
            else rng.choice([LanguageLevel.FLUENT, LanguageLevel.WORKING]),
        ),
    ]
    local = COUNTRY_LANGUAGE.get(country)
    if local:
        langs.append(
            (local, rng.choice([LanguageLevel.BASIC, LanguageLevel.WORKING, LanguageLevel.FLUENT]))
        )
    return langs


DEGREE_WORDS = {
    "bachelor": ("学士", "BSc"),
    "master": ("硕士", "MSc"),
    "doctorate": ("博士", "PhD"),
    "postdoctoral": ("博士后", "Postdoc"),
}


def _headline(education: dict[str, Any], discipline: Any) -> tuple[str, str]:
    zh_degree, en_degree = DEGREE_WORDS[education["degree"]]
    u = education["university"]
    return (
        f"{u['name_zh']}{discipline.name_zh}{zh_degree}",
        f"{en_degree} in {discipline.name_en}, {u['name_en']}",
    )


def _identity(
    ctx: DemoContext, s: dict[str, Any], users: dict[str, Any], reviewers: _Reviewers
) -> IdentitySpec:
    """Talent `s`'s identity document: a resident ID card or a passport, at a Home of their
    city (the demo Home for the queue of the demo staff), verified by that Home's staff."""
    rng = random.Random(s["identity_seed"])
    i = s["index"]
    queue = i < 200 and i % 10 == 5
    home = reviewers.demo_home if queue else reviewers.home_for(s["city"], rng)
    if s["nationality"] != "CN":
        kind = IdentityDocument.Kind.PASSPORT
        number = f"{PASSPORT_LETTERS[i % 23]}{(i * 7_919 + 3) % 10**8:08d}"
    elif rng.random() < 0.5:
        kind = IdentityDocument.Kind.PASSPORT
        number = f"E{(i * 7_919 + 10_000_019) % 10**8:08d}"
    else:
        kind = IdentityDocument.Kind.RESIDENT_ID
        city = s["city"] or "320100"
        born = dt.date(s["birth_year"], rng.randint(1, 12), rng.randint(1, 28))
        # The sequence digits come from the index, so that numbers seldom coincide.
        region = f"{city[:4]}{rng.choice(['02', '04', '05', '06', '11', '13'])}"
        number = resident_id_number(region=region, born=born, sequence=i)
    verified = s["identity"] == IdentityDocument.Status.VERIFIED
    return IdentitySpec(
        user=users[s["person"].email],
        kind=kind,
        nationality=ctx.countries[s["nationality"]],
        number=number,
        home=home,
        status=s["identity"],
        reviewer=reviewers.staff.get(home.carrier_id) if verified else None,
        reviewed_at=ctx.now - dt.timedelta(days=rng.randint(1, 600)) if verified else None,
    )


def _create_profiles(ctx: DemoContext, specs: list[dict[str, Any]], users: dict[str, Any]) -> None:
    if not specs:
        return
    profiles = TalentProfile.objects.bulk_create(
        [
            TalentProfile(
                user=users[s["person"].email],
                gender=s["gender"],
                birth_year=s["birth_year"],
                nationality=ctx.countries[s["nationality"]],
                residence_country=ctx.countries[s["residence"]],
                current_city=ctx.cities[s["city"]] if s["city"] else None,
                returnee_status=s["status"],
                return_date=s["returned_on"],
                headline_zh=s["headline"][0],
                headline_en=s["headline"][1],
                showcase_consent=s["showcase"],
                showcase_consent_at=ctx.now if s["showcase"] else None,
                channel=s["channel"],
                recommended_by=s["recommended_by"],
                skills=s["skills"],
                desired_salary_min=s["salary"],
                desired_job_types=s["job_types"],
            )
            for s in specs
        ]
    )
    # A profile was made when its person joined (bulk_create stamped them all "now"): the
    # dashboards' new-talent figures then spread over the years like a real province's.
    TalentProfile.objects.filter(user__in=[users[s["person"].email] for s in specs]).update(
        created_at=Subquery(
            get_user_model().objects.filter(pk=OuterRef("user_id")).values("date_joined")[:1]
        )
    )
    if any(p.pk is None for p in profiles):
        by_user = {
            p.user_id: p
            for p in TalentProfile.objects.filter(
                user__in=[users[s["person"].email] for s in specs]
            )
        }
        profiles = [by_user[users[s["person"].email].pk] for s in specs]
    cities_through = TalentProfile.desired_cities.through
    industries_through = TalentProfile.industries.through
    cities_through.objects.bulk_create(
        [
            cities_through(talentprofile_id=p.pk, city_id=ctx.cities[code].pk)
            for p, s in zip(profiles, specs, strict=True)
            for code in s["desired"]
        ]
    )
    industries_through.objects.bulk_create(
        [
            industries_through(talentprofile_id=p.pk, industrycluster_id=ctx.industries[code].pk)
            for p, s in zip(profiles, specs, strict=True)
            for code in s["industries"]
        ]
    )
    Education.objects.bulk_create(
        [
            Education(
                profile=p,
                country=ctx.countries[e["country"]],
                institution_zh=e["university"]["name_zh"],
                institution_en=e["university"]["name_en"],
                degree_level=ctx.degree_levels[e["degree"]],
                discipline=e["discipline"],
                field_of_study=e["field"],
                start_date=e["start"],
                end_date=e["end"],
            )
            for p, s in zip(profiles, specs, strict=True)
            for e in s["educations"]
        ]
    )
    LanguageSkill.objects.bulk_create(
        [
            LanguageSkill(profile=p, language=ctx.languages[code], level=level)
            for p, s in zip(profiles, specs, strict=True)
            for code, level in s["languages"]
        ]
    )
    WorkExperience.objects.bulk_create(
        [
            WorkExperience(
                profile=p,
                organisation_name=s["work"]["organisation"],
                country=ctx.countries[s["work"]["country"]],
                title=s["work"]["title"],
                start_date=s["work"]["start"],
                end_date=s["work"]["end"],
            )
            for p, s in zip(profiles, specs, strict=True)
            if s["work"]
        ]
    )


def _demo_talent(ctx: DemoContext, c: _Choices, reviewers: _Reviewers) -> None:
    """The demo talent login's profile: every completeness item filled in, and a passport
    verified by the demo staff at the demo Home."""
    user = ctx.shared["demo_users"]["talent"]
    ensure_identity_documents(
        ctx,
        [
            IdentitySpec(
                user=user,
                kind=IdentityDocument.Kind.PASSPORT,
                nationality=ctx.countries["CN"],
                number="EA1234567",
                home=reviewers.demo_home,
                status=IdentityDocument.Status.VERIFIED,
                reviewer=ctx.shared["demo_users"]["staff"],
                reviewed_at=ctx.now - dt.timedelta(days=30),
            )
        ],
    )
    if TalentProfile.objects.filter(user=user).exists():
        return
    profile = TalentProfile.objects.create(
        user=user,
        gender=Gender.FEMALE,
        birth_year=1992,
        nationality=ctx.countries["CN"],
        residence_country=ctx.countries["CN"],
        current_city=ctx.cities["320100"],
        returnee_status=ReturneeStatus.RETURNED,
        return_date=dt.date(2023, 3, 1),
        headline_zh="人工智能博士，专注医学影像分析",
        headline_en="PhD in artificial intelligence, working on medical image analysis",
        introduction_zh="在帝国理工学院获得博士学位后从事医学影像算法研究三年，"
        "希望在南京或苏州的生物医药、人工智能企业从事研发工作。",
        introduction_en="After a PhD at Imperial College London I spent three years on "
        "medical imaging algorithms; I am looking for R&D work with biomedicine or AI "
        "companies in Nanjing or Suzhou.",
        showcase_consent=True,
        showcase_consent_at=ctx.now,
        channel=Channel.SELF,
        skills=["机器学习", "深度学习", "PyTorch", "医学影像分析", "Python", "computer vision"],
        honours=["江苏省“双创人才”（2024）"],
        desired_salary_min=30_000,
        desired_job_types=["full_time"],
        available_from=dt.date(2026, 3, 1),
    )
    profile.desired_cities.set([ctx.cities["320100"], ctx.cities["320500"]])
    profile.industries.set(
        [ctx.industries["artificial_intelligence"], ctx.industries["biomedicine"]]
    )
    cs = ctx.disciplines["0812"]
    Education.objects.bulk_create(
        [
            Education(
                profile=profile,
                country=ctx.countries["CN"],
                institution_zh="东南大学",
                institution_en="Southeast University",
                degree_level=ctx.degree_levels["bachelor"],
                discipline=cs,
                field_of_study="computer science",
                start_date=_month(2010, 9),
                end_date=_month(2014, 6),
            ),
            Education(
                profile=profile,
                country=ctx.countries["GB"],
                institution_zh="帝国理工学院",
                institution_en="Imperial College London",
                degree_level=ctx.degree_levels["master"],
                discipline=cs,
                field_of_study="machine learning",
                start_date=_month(2014, 10),
                end_date=_month(2015, 9),
            ),
            Education(
                profile=profile,
                country=ctx.countries["GB"],
                institution_zh="帝国理工学院",
                institution_en="Imperial College London",
                degree_level=ctx.degree_levels["doctorate"],
                discipline=cs,
                field_of_study="medical image analysis",
                start_date=_month(2015, 10),
                end_date=_month(2019, 12),
            ),
        ]
    )
    WorkExperience.objects.create(
        profile=profile,
        organisation_name="Imperial College London",
        country=ctx.countries["GB"],
        city="London",
        title="Research Associate",
        start_date=_month(2020, 1),
        end_date=_month(2023, 1),
        description="Deep learning for MRI segmentation.",
    )
    LanguageSkill.objects.bulk_create(
        [
            LanguageSkill(
                profile=profile, language=ctx.languages["zh"], level=LanguageLevel.NATIVE
            ),
            LanguageSkill(
                profile=profile, language=ctx.languages["en"], level=LanguageLevel.FLUENT
            ),
            LanguageSkill(profile=profile, language=ctx.languages["fr"], level=LanguageLevel.BASIC),
        ]
    )
