"""Demo data of the jobs app: bilingual job postings of the verified employers across every city
and industry (100,000 at the large scale), project demands, talent projects, applications and
project interests at every funnel stage, the demo logins' own postings, invitations and
projects, and a project roadshow.

Posting `i` has the external id `demo-i` and its own seeded generator, so a second run adds
nothing and a larger scale adds postings `n..m`. Everything is bulk-inserted in batches; the
search words of each template are segmented once, not once per row."""

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from returnee_home.core.demo.registry import DemoContext
from returnee_home.core.fulltext import index_words
from returnee_home.jobs.models import (
    Application,
    ApplicationStage,
    ApplicationStep,
    Channel,
    CloseReason,
    InterestSource,
    InterestStep,
    JobPosting,
    PostingSearchEntry,
    PostingStatus,
    ProjectDemand,
    ProjectInterest,
    RoadshowPitch,
    TalentProject,
)
from returnee_home.orgs.models import Home, Organisation, OrgKind, VerificationStatus
from returnee_home.services.search import search_words

ORDER = 55  # after talent (30) for profiles, events (45) for the roadshow
POSTINGS = {"tiny": 80, "small": 3_000, "medium": 20_000, "large": 100_000}
DEMANDS = {"tiny": 20, "small": 300, "medium": 2_000, "large": 5_000}
PROJECTS = {"tiny": 20, "small": 300, "medium": 2_000, "large": 5_000}
APPLICATIONS = {"tiny": 60, "small": 1_500, "medium": 8_000, "large": 30_000}

# (title_zh, title_en, industry, disciplines, skills, degree, years, description_zh, description_en)
JOBS: list[tuple[str, str, str, list[str], list[str], str, int, str, str]] = [
    (
        "机器学习算法工程师",
        "Machine Learning Engineer",
        "artificial_intelligence",
        ["0812", "0701"],
        ["机器学习", "Python", "PyTorch", "推荐系统"],
        "master",
        3,
        "负责推荐、搜索与自然语言处理算法的研发和上线。",
        "Build and ship recommendation, search and NLP models.",
    ),
    (
        "计算机视觉研究员",
        "Computer Vision Researcher",
        "artificial_intelligence",
        ["0812"],
        ["计算机视觉", "深度学习", "C++", "目标检测"],
        "doctorate",
        2,
        "研究视觉感知算法，应用于工业质检与自动驾驶。",
        "Research visual perception for industrial inspection and autonomous driving.",
    ),
    (
        "数字集成电路设计工程师",
        "Digital IC Design Engineer",
        "integrated_circuits",
        ["0809"],
        ["Verilog", "数字电路", "SoC", "EDA"],
        "master",
        3,
        "负责SoC模块的前端设计与验证。",
        "Front-end design and verification of SoC blocks.",
    ),
    (
        "模拟芯片设计工程师",
        "Analog IC Designer",
        "integrated_circuits",
        ["0809"],
        ["模拟电路", "Cadence", "电源管理芯片"],
        "master",
        5,
        "设计电源管理与高速接口模拟电路。",
        "Design power-management and high-speed analog circuits.",
    ),
    (
        "动力电池研发工程师",
        "Battery R&D Engineer",
        "new_energy_vehicles",
        ["0805", "0817"],
        ["锂电池", "电化学", "BMS"],
        "master",
        2,
        "开展高能量密度电芯材料与工艺开发。",
        "Develop high-energy-density cell materials and processes.",
    ),
    (
        "自动驾驶系统工程师",
        "Autonomous Driving Engineer",
        "new_energy_vehicles",
        ["0811", "0812"],
        ["自动驾驶", "ROS", "传感器融合", "C++"],
        "master",
        3,
        "负责感知与规划控制模块开发。",
        "Develop perception, planning and control modules.",
    ),
    (
        "生物医药研究员",
        "Biopharmaceutical Scientist",
        "biomedicine",
        ["1007", "0710"],
        ["抗体药物", "细胞培养", "GMP"],
        "doctorate",
        2,
        "从事创新抗体药物的工艺开发。",
        "Process development of innovative antibody drugs.",
    ),
    (
        "医疗器械注册专员",
        "Medical Device Regulatory Specialist",
        "biomedicine",
        ["1007", "0831"],
        ["医疗器械注册", "ISO 13485", "FDA"],
        "bachelor",
        3,
        "负责国内外医疗器械注册申报。",
        "Handle device registrations in China and abroad.",
    ),
    (
        "光伏组件工艺工程师",
        "PV Module Process Engineer",
        "photovoltaics",
        ["0805", "0808"],
        ["光伏", "钙钛矿", "工艺优化"],
        "master",
        2,
        "优化高效组件的量产工艺。",
        "Optimise mass-production processes of high-efficiency modules.",
    ),
    (
        "新材料研发工程师",
        "Advanced Materials Engineer",
        "advanced_materials",
        ["0805", "0703"],
        ["复合材料", "材料表征", "SEM"],
        "doctorate",
        0,
        "开发碳纤维复合材料及其应用。",
        "Develop carbon-fibre composites and their applications.",
    ),
    (
        "Java后端开发工程师",
        "Java Backend Developer",
        "software",
        ["0812", "0835"],
        ["Java", "Spring", "微服务", "MySQL"],
        "bachelor",
        3,
        "负责政务与金融系统后端开发。",
        "Build backends for government and finance systems.",
    ),
    (
        "前端开发工程师",
        "Front-end Developer",
        "software",
        ["0835"],
        ["JavaScript", "TypeScript", "React", "无障碍"],
        "bachelor",
        2,
        "开发高可用、易访问的网页应用。",
        "Build reliable, accessible web applications.",
    ),
    (
        "数据分析师",
        "Data Analyst",
        "software",
        ["0714", "1201"],
        ["数据分析", "SQL", "Python", "Tableau"],
        "master",
        1,
        "为业务决策提供数据分析与可视化。",
        "Analyse data and build dashboards for decisions.",
    ),
    (
        "物联网嵌入式工程师",
        "IoT Embedded Engineer",
        "iot",
        ["0809", "0810"],
        ["嵌入式", "C语言", "RTOS", "LoRa"],
        "bachelor",
        3,
        "开发物联网终端的固件。",
        "Develop firmware for IoT devices.",
    ),
    (
        "5G通信算法工程师",
        "5G Communication Algorithm Engineer",
        "information_communication",
        ["0810"],
        ["5G", "信号处理", "MATLAB"],
        "master",
        3,
        "研究基站物理层算法。",
        "Research physical-layer algorithms for base stations.",
    ),
    (
        "工业机器人应用工程师",
        "Industrial Robotics Engineer",
        "high_end_equipment",
        ["0802", "0811"],
        ["工业机器人", "PLC", "运动控制"],
        "bachelor",
        2,
        "负责机器人工作站的集成与调试。",
        "Integrate and commission robotic work cells.",
    ),
    (
        "海洋工程结构工程师",
        "Offshore Structural Engineer",
        "marine_equipment",
        ["0824", "0814"],
        ["海洋工程", "有限元分析", "ANSYS"],
        "master",
        5,
        "负责海工平台结构设计与分析。",
        "Structural design and analysis of offshore platforms.",
    ),
    (
        "航空发动机设计工程师",
        "Aero-engine Design Engineer",
        "aerospace",
        ["0825", "0802"],
        ["航空发动机", "CFD", "热力学"],
        "doctorate",
        3,
        "参与航空发动机部件设计。",
        "Design aero-engine components.",
    ),
    (
        "环保工艺工程师",
        "Environmental Process Engineer",
        "energy_saving",
        ["0830"],
        ["污水处理", "碳减排", "环评"],
        "master",
        2,
        "开发工业废水处理工艺。",
        "Develop industrial wastewater treatment processes.",
    ),
    (
        "量化研究员",
        "Quantitative Researcher",
        "modern_finance",
        ["0202", "0701"],
        ["量化投资", "Python", "统计建模"],
        "master",
        2,
        "研究多因子选股与风险模型。",
        "Research multi-factor and risk models.",
    ),
    (
        "供应链经理",
        "Supply Chain Manager",
        "modern_logistics",
        ["1201", "1202"],
        ["供应链管理", "SAP", "英语"],
        "master",
        5,
        "统筹跨国采购与物流。",
        "Run international sourcing and logistics.",
    ),
    (
        "博士后研究员（材料方向）",
        "Postdoctoral Researcher in Materials",
        "education_research",
        ["0805"],
        ["科研", "论文写作", "材料表征"],
        "doctorate",
        0,
        "在省重点实验室从事新能源材料研究。",
        "Research new-energy materials in a provincial key laboratory.",
    ),
    (
        "高校讲师（人工智能）",
        "Lecturer in Artificial Intelligence",
        "education_research",
        ["0812"],
        ["教学", "机器学习", "科研"],
        "doctorate",
        0,
        "承担人工智能专业课程教学与科研。",
        "Teach and research in artificial intelligence.",
    ),
    (
        "数字内容策划",
        "Digital Content Producer",
        "digital_creative",
        ["1305", "0503"],
        ["内容策划", "短视频", "英语"],
        "bachelor",
        2,
        "负责海外社交媒体内容策划。",
        "Plan content for overseas social media.",
    ),
    (
        "纺织新材料工程师",
        "Technical Textiles Engineer",
        "advanced_textiles",
        ["0821"],
        ["功能纤维", "纺织工艺"],
        "master",
        3,
        "开发功能性纺织新材料。",
        "Develop functional technical textiles.",
    ),
    (
        "显示面板工艺工程师",
        "Display Panel Process Engineer",
        "new_display",
        ["0804", "0805"],
        ["OLED", "薄膜工艺", "良率提升"],
        "master",
        3,
        "提升OLED面板产线良率。",
        "Raise yield on OLED panel lines.",
    ),
]
REQUIREMENTS = [
    ("有海外留学或工作经历者优先。", "Overseas study or work experience preferred."),
    ("具备良好的英文读写能力。", "Good written English."),
    ("能适应跨部门协作。", "Comfortable working across teams."),
]
RESPONSIBILITIES = [
    ("参与核心产品研发，与海外团队协作推进项目。", "Work on the core product with teams abroad."),
    ("撰写技术方案并指导初级工程师。", "Write technical designs and mentor junior engineers."),
    ("对接客户需求，推动成果转化落地。", "Turn customer needs into delivered results."),
]
DISTRICTS = ["高新区", "经开区", "新区", "工业园区", "科学城", ""]

DEMAND_TEMPLATES = [
    (
        "动力电池低温性能提升",
        "Better low-temperature battery performance",
        "new_energy_vehicles",
        ["锂电池", "低温", "电解液"],
        "需要将磷酸铁锂电池在零下20度的容量保持率提升到85%以上。",
        ["joint_rd", "licensing"],
    ),
    (
        "工业视觉缺陷检测",
        "Visual defect inspection",
        "artificial_intelligence",
        ["机器视觉", "缺陷检测", "深度学习"],
        "需要对金属表面微小划痕进行在线检测，漏检率低于0.1%。",
        ["joint_rd"],
    ),
    (
        "芯片封装散热方案",
        "Heat dissipation for chip packaging",
        "integrated_circuits",
        ["先进封装", "散热", "热仿真"],
        "高功率芯片封装温升过高，寻求新型散热材料与结构。",
        ["licensing", "joint_rd"],
    ),
    (
        "抗体药物连续生产工艺",
        "Continuous manufacturing of antibodies",
        "biomedicine",
        ["连续生产", "抗体", "纯化"],
        "希望引入连续流生产工艺以降低成本。",
        ["licensing", "investment"],
    ),
    (
        "光伏组件回收技术",
        "Recycling of PV modules",
        "photovoltaics",
        ["光伏回收", "硅材料", "环保"],
        "寻求退役光伏组件高值化回收技术。",
        ["joint_rd", "park_founding"],
    ),
    (
        "纺织印染废水零排放",
        "Zero discharge of dyeing wastewater",
        "energy_saving",
        ["印染废水", "膜处理", "零排放"],
        "印染园区需要废水近零排放整体方案。",
        ["joint_rd", "investment"],
    ),
]
PROJECT_TEMPLATES = [
    (
        "固态锂电池电解质",
        "Solid-state battery electrolyte",
        "new_energy_vehicles",
        "pilot",
        ["固态电池", "电解质"],
        "硫化物固态电解质，室温电导率达到10 mS/cm。",
    ),
    (
        "AI辅助病理诊断",
        "AI-assisted pathology",
        "biomedicine",
        "early_revenue",
        ["病理", "人工智能", "医学影像"],
        "基于深度学习的病理切片辅助诊断系统，已在三家医院试用。",
    ),
    (
        "RISC-V 处理器 IP",
        "RISC-V processor IP",
        "integrated_circuits",
        "prototype",
        ["RISC-V", "处理器", "IP核"],
        "面向物联网的低功耗RISC-V处理器核。",
    ),
    (
        "柔性钙钛矿组件",
        "Flexible perovskite modules",
        "photovoltaics",
        "pilot",
        ["钙钛矿", "柔性光伏"],
        "转换效率24%的柔性组件，适用于建筑光伏一体化。",
    ),
    (
        "工业机器人视觉引导",
        "Vision guidance for robots",
        "high_end_equipment",
        "revenue",
        ["机器人", "3D视觉"],
        "3D视觉引导无序抓取系统，已在汽车零部件工厂应用。",
    ),
    (
        "海水淡化新型膜材料",
        "New membranes for desalination",
        "advanced_materials",
        "idea",
        ["膜材料", "海水淡化"],
        "石墨烯复合反渗透膜，能耗降低30%。",
    ),
]


class _Pool:
    """Reference rows and the organisations postings and projects belong to."""

    def __init__(self, ctx: DemoContext) -> None:
        self.employers = list(
            Organisation.objects.filter(
                kind=OrgKind.EMPLOYER, verification_status=VerificationStatus.VERIFIED
            ).order_by("pk")
        )
        self.collectors = list(Home.objects.select_related("carrier").order_by("code"))
        self.cities = [c for c in ctx.cities.values()]
        self.words: dict[Any, str] = {}

    def template_words(self, index: int) -> str:
        """Segmented words of a template, computed once (jieba is the slow part)."""
        if index not in self.words:
            job = JOBS[index]
            self.words[index] = search_words(job[0], job[1], " ".join(job[4]), job[7], job[8])
        return self.words[index]

    def entry(self, posting: JobPosting) -> PostingSearchEntry:
        """The full-text entry of a generated posting; the segmentation of each distinct text
        is done once and reused (jieba is the slow part)."""
        head_key = ("head", posting.title_zh, tuple(posting.skills))
        if head_key not in self.words:
            self.words[head_key] = index_words(
                posting.title_zh, posting.title_en, " ".join(posting.skills)
            )
        body_key = (
            "body",
            posting.description,
            posting.responsibilities,
            posting.requirements_text,
        )
        if body_key not in self.words:
            self.words[body_key] = index_words(
                posting.description, posting.responsibilities, posting.requirements_text
            )
        employer_key = ("employer-index", posting.employer_id)
        if employer_key not in self.words:
            self.words[employer_key] = index_words(
                posting.employer.name_zh, posting.employer.name_en
            )
        return PostingSearchEntry(
            posting_id=posting.pk,
            head_words=self.words[head_key],
            body_words=f"{self.words[body_key]} {self.words[employer_key]} {posting.district}",
        )

    def employer_words(self, employer: Organisation) -> str:
        key = ("employer", employer.pk)
        if key not in self.words:
            self.words[key] = search_words(employer.name_zh, employer.name_en)
        return self.words[key]


def seed(ctx: DemoContext) -> None:
    pool = _Pool(ctx)
    if not pool.employers:
        ctx.log("jobs: no verified employers; nothing to add")
        return
    added = _postings(ctx, pool)
    demands = _demands(ctx, pool)
    projects = _projects(ctx)
    applications = _applications(ctx)
    _demo_logins(ctx, pool)
    pitches = _roadshow(ctx)
    ctx.log(
        f"jobs: {added} new postings ({POSTINGS[ctx.scale.name]} at this scale), {demands} "
        f"demands, {projects} projects, {applications} applications, {pitches} roadshow pitches"
    )


def _posting(ctx: DemoContext, pool: _Pool, i: int) -> tuple[JobPosting, list[str], list[str]]:
    rng = ctx.rng_for("posting", i)
    index = rng.randrange(len(JOBS))
    title_zh, title_en, industry, disciplines, skills, degree, years, d_zh, d_en = JOBS[index]
    employer = pool.employers[i % len(pool.employers)]
    city = employer.city if rng.random() < 0.7 and employer.city_id else rng.choice(pool.cities)
    negotiable = rng.random() < 0.15
    base = rng.choice([8, 10, 12, 15, 18, 20, 25, 30, 40]) * 1000
    status = PostingStatus.PUBLISHED
    roll = rng.random()
    if roll < 0.04:
        status = PostingStatus.FILLED
    elif roll < 0.07:
        status = PostingStatus.DRAFT
    published = ctx.now - dt.timedelta(days=rng.randrange(0, 120), minutes=rng.randrange(1440))
    channel_roll = rng.random()
    channel, source, external = Channel.SELF, None, f"demo-{i}"
    if channel_roll < 0.15 and pool.collectors:
        channel, source = Channel.COLLECTION, rng.choice(pool.collectors).carrier
    elif channel_roll < 0.22:
        channel = Channel.API
    requirement = rng.choice(REQUIREMENTS)
    english = rng.random() < 0.35
    posting = JobPosting(
        employer=employer,
        title_zh=title_zh,
        title_en=title_en,
        description=(d_en if english else d_zh),
        responsibilities=RESPONSIBILITIES[rng.randrange(len(RESPONSIBILITIES))][int(english)],
        requirements_text=requirement[1] if english else requirement[0],
        degree_level=ctx.degree_levels.get(degree),
        degree_required=rng.random() < 0.3,
        skills=skills[: rng.randint(2, len(skills))],
        min_years_experience=max(0, years + rng.randint(-1, 2)),
        city=city,
        district=rng.choice(DISTRICTS),
        industry=ctx.industries.get(industry),
        salary_min=None if negotiable else base,
        salary_max=None if negotiable else base + rng.choice([5, 8, 10, 15]) * 1000,
        headcount=rng.choice([1, 1, 1, 2, 3, 5]),
        job_type=rng.choices(
            ["full_time", "part_time", "postdoc", "visiting"], weights=[85, 5, 7, 3]
        )[0],
        valid_through=(published + dt.timedelta(days=rng.choice([90, 120, 180, 365]))).date(),
        status=status,
        published_at=None if status == PostingStatus.DRAFT else published,
        channel=channel,
        source_organisation=source,
        external_id=external,
        search_text=pool.template_words(index) + " " + pool.employer_words(employer),
    )
    languages = ["zh"] + (["en"] if english or rng.random() < 0.4 else [])
    return posting, disciplines, languages


def _postings(ctx: DemoContext, pool: _Pool) -> int:
    target = POSTINGS[ctx.scale.name]
    existing = JobPosting.objects.filter(external_id__startswith="demo-").count()
    if existing >= target:
        return 0
    discipline_through = JobPosting.disciplines.through
    language_through = JobPosting.languages.through
    added = 0
    for start in range(existing, target, ctx.batch_size):
        rows = [_posting(ctx, pool, i) for i in range(start, min(target, start + ctx.batch_size))]
        with transaction.atomic():
            created = JobPosting.objects.bulk_create([r[0] for r in rows])
            JobPosting.objects.filter(
                pk__in=[p.pk for p in created if p.pk], published_at__isnull=False
            ).update(created_at=F("published_at"))  # written when published, not all "now"
            if not all(p.pk for p in created):
                created = list(
                    JobPosting.objects.filter(
                        external_id__in=[r[0].external_id for r in rows]
                    ).order_by("pk")
                )
            links, langs = [], []
            for posting, (_p, disciplines, languages) in zip(created, rows, strict=True):
                links += [
                    discipline_through(
                        jobposting_id=posting.pk, discipline_id=ctx.disciplines[c].pk
                    )
                    for c in disciplines
                    if c in ctx.disciplines
                ]
                langs += [
                    language_through(jobposting_id=posting.pk, language_id=ctx.languages[c].pk)
                    for c in languages
                    if c in ctx.languages
                ]
            discipline_through.objects.bulk_create(links, batch_size=ctx.batch_size)
            language_through.objects.bulk_create(langs, batch_size=ctx.batch_size)
            PostingSearchEntry.objects.bulk_create(
                [pool.entry(p) for p in created], batch_size=ctx.batch_size
            )
        added += len(rows)
        if target >= 10_000:
            ctx.log(f"jobs: {start + len(rows)} / {target} postings")
    return added


def _demands(ctx: DemoContext, pool: _Pool) -> int:
    target = DEMANDS[ctx.scale.name]
    existing = ProjectDemand.objects.filter(external_id__startswith="demo-").count()
    rows = []
    for i in range(existing, target):
        rng = ctx.rng_for("demand", i)
        t_zh, t_en, field, keywords, problem, modes = rng.choice(DEMAND_TEMPLATES)
        organisation = pool.employers[(i * 7) % len(pool.employers)]
        low = rng.choice([20, 50, 100, 200, 500]) * 10_000
        rows.append(
            ProjectDemand(
                organisation=organisation,
                title_zh=t_zh,
                title_en=t_en,
                field=ctx.industries.get(field),
                problem_statement=problem,
                expected_results="形成可量产的技术方案，并完成中试验证。",
                keywords=keywords,
                budget_min=low,
                budget_max=low * 2,
                cooperation_modes=modes,
                city=organisation.city,
                deadline=(ctx.now + dt.timedelta(days=rng.randrange(30, 300))).date(),
                status="published",
                published_at=ctx.now - dt.timedelta(days=rng.randrange(60)),
                external_id=f"demo-{i}",
                search_text=search_words(t_zh, t_en, " ".join(keywords), problem)
                if i < len(DEMAND_TEMPLATES) * 3
                else "",
            )
        )
    # Segmenting once per template: copy the words to the rows of the same template.
    words = {r.title_zh: r.search_text for r in rows if r.search_text}
    for row in rows:
        row.search_text = row.search_text or words.get(row.title_zh, "")
    for chunk in ctx.chunks(rows):
        ProjectDemand.objects.bulk_create(chunk)
    return len(rows)


def _profiles(limit: int) -> list[int]:
    from returnee_home.talent.models import TalentProfile

    return list(TalentProfile.objects.order_by("pk").values_list("pk", flat=True)[:limit])


def _projects(ctx: DemoContext) -> int:
    target = PROJECTS[ctx.scale.name]
    existing = TalentProject.objects.filter(external_id__startswith="demo-").count()
    owners = _profiles(max(target, 1))
    if not owners:
        return 0
    rows, words = [], {}
    for i in range(existing, target):
        rng = ctx.rng_for("project", i)
        t_zh, t_en, field, stage, keywords, summary = rng.choice(PROJECT_TEMPLATES)
        if t_zh not in words:
            words[t_zh] = search_words(t_zh, t_en, " ".join(keywords), summary)
        rows.append(
            TalentProject(
                owner_id=owners[i % len(owners)],
                title_zh=t_zh,
                title_en=t_en,
                field=ctx.industries.get(field),
                summary=summary,
                results="已申请发明专利两项，样品通过第三方检测。",
                keywords=keywords,
                stage=stage,
                ip_held="发明专利2项（已受理）",
                team_size=rng.randint(2, 12),
                funding_sought=rng.choice([None, 2_000_000, 5_000_000, 10_000_000]),
                preferred_park=rng.choice(["", "南京江北新区产业技术研创园", "苏州工业园区"]),
                cooperation_modes=rng.sample(["investment", "park_founding", "joint_rd"], 2),
                status="published",
                showcase_public=rng.random() < 0.7,
                published_at=ctx.now - dt.timedelta(days=rng.randrange(90)),
                external_id=f"demo-{i}",
                search_text=words[t_zh],
            )
        )
    for chunk in ctx.chunks(rows):
        TalentProject.objects.bulk_create(chunk)
    return len(rows)


FLOW = [
    ApplicationStage.APPLIED,
    ApplicationStage.INTERVIEW,
    ApplicationStage.OFFER,
    ApplicationStage.HIRED,
]


def _applications(ctx: DemoContext) -> int:
    target = APPLICATIONS[ctx.scale.name]
    if Application.objects.filter(cover_note__startswith="[demo]").count() >= target:
        return 0
    postings = list(
        JobPosting.objects.filter(status=PostingStatus.PUBLISHED, external_id__startswith="demo-")
        .order_by("pk")
        .values_list("pk", flat=True)[: max(10, target // 3)]
    )
    profiles = _profiles(max(10, target))
    homes = list(Home.objects.order_by("pk").values_list("pk", flat=True))
    if not postings or not profiles:
        return 0
    existing = set(Application.objects.values_list("posting_id", "profile_id"))
    rows, plans = [], []
    for i in range(target):
        rng = ctx.rng_for("application", i)
        pair = (postings[i % len(postings)], profiles[rng.randrange(len(profiles))])
        if pair in existing:
            continue
        existing.add(pair)
        origin = rng.choices(["apply", "invite", "introduction"], weights=[70, 20, 10])[0]
        depth = rng.choices([0, 1, 2, 3], weights=[55, 25, 10, 10])[0]
        closed = depth < 3 and rng.random() < 0.25
        start = {"invite": ["invited", "applied"], "introduction": ["introduced"]}
        path = start.get(origin, ["applied"]) + list(FLOW[1 : depth + 1])
        if closed:
            path.append(ApplicationStage.CLOSED)
        stage = path[-1]
        created = ctx.now - dt.timedelta(days=rng.randrange(5, 90))
        rows.append(
            Application(
                posting_id=pair[0],
                profile_id=pair[1],
                origin=origin,
                stage=stage,
                cover_note="[demo] 我对该岗位很感兴趣，具有相关海外研究经历。",
                contact_shared=True,
                close_reason=rng.choice(CloseReason.values) if closed else "",
                home_id=rng.choice(homes) if origin == "introduction" and homes else None,
                hired_at=created + dt.timedelta(days=20) if stage == "hired" else None,
            )
        )
        plans.append((path, created))
    with transaction.atomic():
        for chunk in ctx.chunks(list(zip(rows, plans, strict=True))):
            made = Application.objects.bulk_create([c[0] for c in chunk])
            for application, (_path, created) in zip(made, [c[1] for c in chunk], strict=True):
                application.created_at = created  # bulk_create stamped them "now"
            Application.objects.bulk_update(made, ["created_at"], batch_size=ctx.batch_size)
            steps = []
            for application, (path, created) in zip(made, [c[1] for c in chunk], strict=True):
                previous = ""
                for n, stage in enumerate(path):
                    steps.append(
                        ApplicationStep(
                            application_id=application.pk,
                            from_stage=previous,
                            to_stage=stage,
                            created_at=created + dt.timedelta(days=3 * n),
                        )
                    )
                    previous = stage
            ApplicationStep.objects.bulk_create(steps, batch_size=ctx.batch_size)
    _interests(ctx)
    return len(rows)


def _interests(ctx: DemoContext) -> None:
    projects = list(TalentProject.objects.filter(status="published").values_list("pk", flat=True))
    orgs = list(
        Organisation.objects.filter(kind__in=[OrgKind.EMPLOYER, OrgKind.STARTUP_PARK]).values_list(
            "pk", "kind"
        )[:200]
    )
    cities = list(ctx.cities.values())
    existing = set(ProjectInterest.objects.values_list("project_id", "organisation_id"))
    rows, plans = [], []
    for i in range(min(len(projects) * 2, 2_000)):
        rng = ctx.rng_for("interest", i)
        org_pk, kind = rng.choice(orgs) if orgs else (None, None)
        pair = (projects[i % len(projects)], org_pk)
        if org_pk is None or pair in existing:
            continue
        existing.add(pair)
        depth = rng.choices([0, 1, 2, 3], weights=[50, 25, 15, 10])[0]
        path = ["interest", "meeting", "agreement", "landed"][: depth + 1]
        city = rng.choice(cities) if depth == 3 else None
        rows.append(
            ProjectInterest(
                project_id=pair[0],
                organisation_id=org_pk,
                interested_as="park"
                if kind == OrgKind.STARTUP_PARK
                else rng.choice(["employer", "investor"]),
                source=rng.choice([InterestSource.DIRECT, InterestSource.DEMAND]),
                stage=path[-1],
                message="希望进一步了解项目进展与合作方式。",
                landed_city=city,
                landed_park="产业园" if city else "",
                landed_at=ctx.now if city else None,
            )
        )
        plans.append(path)
    with transaction.atomic():
        made = ProjectInterest.objects.bulk_create(rows)
        steps = []
        for interest, path in zip(made, plans, strict=True):
            previous = ""
            for stage in path:
                steps.append(
                    InterestStep(interest_id=interest.pk, from_stage=previous, to_stage=stage)
                )
                previous = stage
        InterestStep.objects.bulk_create(steps, batch_size=ctx.batch_size)


def _demo_logins(ctx: DemoContext, pool: _Pool) -> None:
    """The demo employer's postings (one a draft), an invitation and an application of the demo
    talent, and the demo talent's projects."""
    from returnee_home.talent.models import TalentProfile

    demo = ctx.shared.get("demo_users") or {}
    employer = ctx.shared.get("demo_employer")
    talent_user = demo.get("talent")
    if employer is None or talent_user is None:
        return
    profile = TalentProfile.objects.filter(user=talent_user).first()
    if profile is None or JobPosting.objects.filter(external_id="demo-login-0").exists():
        return
    rng = random.Random(ctx.seed)
    postings = []
    for n, index in enumerate([0, 2, 4, 10]):
        posting, _disciplines, _languages = _posting(ctx, pool, 10_000_000 + n)
        job = JOBS[index]
        posting.employer = employer
        posting.title_zh, posting.title_en = job[0], job[1]
        posting.industry = ctx.industries.get(job[2])
        posting.skills = job[4]
        posting.description = job[7]
        posting.responsibilities = RESPONSIBILITIES[n % len(RESPONSIBILITIES)][0]
        posting.requirements_text = REQUIREMENTS[0][0]
        posting.degree_level = ctx.degree_levels.get(job[5])
        posting.external_id = f"demo-login-{n}"
        posting.channel, posting.source_organisation = Channel.SELF, None
        posting.status = PostingStatus.DRAFT if n == 3 else PostingStatus.PUBLISHED
        posting.published_at = None if n == 3 else ctx.now - dt.timedelta(days=n + 1)
        posting.valid_through = (ctx.now + dt.timedelta(days=90)).date()
        posting.search_text = pool.template_words(index) + " " + pool.employer_words(employer)
        postings.append(posting)
    JobPosting.objects.bulk_create(postings)
    postings = list(
        JobPosting.objects.filter(external_id__startswith="demo-login-")
        .select_related("employer")
        .order_by("pk")
    )
    PostingSearchEntry.objects.bulk_create([pool.entry(p) for p in postings])
    now = timezone.now()
    invited = Application.objects.create(
        posting=postings[0],
        profile=profile,
        origin="invite",
        stage="invited",
        invitation_message="您的海外研究经历与我们的算法团队非常契合，欢迎申请。",
        created_by=demo.get("employer"),
    )
    ApplicationStep.objects.create(
        application=invited, to_stage="invited", actor=demo.get("employer")
    )
    applied = Application.objects.create(
        posting=postings[1],
        profile=profile,
        origin="apply",
        stage="interview",
        cover_note="我在英国完成硕士学位，有三年芯片验证经验。",
        contact_shared=True,
        interview_at=now + dt.timedelta(days=3),
        created_by=talent_user,
    )
    ApplicationStep.objects.bulk_create(
        [
            ApplicationStep(application=applied, to_stage="applied", actor=talent_user),
            ApplicationStep(
                application=applied,
                from_stage="applied",
                to_stage="interview",
                actor=demo.get("employer"),
            ),
        ]
    )
    template = PROJECT_TEMPLATES[rng.randrange(len(PROJECT_TEMPLATES))]
    TalentProject.objects.create(
        owner=profile,
        title_zh=template[0],
        title_en=template[1],
        field=ctx.industries.get(template[2]),
        stage=template[3],
        keywords=template[4],
        summary=template[5],
        results="样品已通过第三方检测。",
        status="published",
        showcase_public=True,
        published_at=now,
        external_id="demo-login-project",
        search_text=search_words(template[0], template[1], " ".join(template[4]), template[5]),
    )


def _roadshow(ctx: DemoContext) -> int:
    """A project roadshow at the demo Home with six projects pitching (created if the events
    demo has none)."""
    from returnee_home.events.models import Event, EventStatus

    home = ctx.shared.get("demo_home") or Home.objects.order_by("pk").first()
    if home is None:
        return 0
    event = Event.objects.filter(kind="roadshow").order_by("-starts_at").first()
    if event is None:
        start = (ctx.now + dt.timedelta(days=14)).replace(hour=6, minute=0, second=0, microsecond=0)
        event = Event.objects.create(
            home=home,
            kind="roadshow",
            title_zh="留学人员创新创业项目路演（第一期）",
            title_en="Returnee start-up project roadshow (1st session)",
            description_zh="六个留学人员项目现场路演，投资机构、园区与企业现场对接。",
            description_en="Six returnee projects pitch to investors, parks and employers.",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=3),
            capacity=120,
            status=EventStatus.PUBLISHED,
        )
    if RoadshowPitch.objects.filter(event=event).exists():
        return 0
    projects = list(
        TalentProject.objects.filter(status="published", showcase_public=True).order_by("pk")[:6]
    )
    RoadshowPitch.objects.bulk_create(
        [RoadshowPitch(event=event, project=p, order=n + 1) for n, p in enumerate(projects)]
    )
    return len(projects)
