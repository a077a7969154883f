"""Texts of the demo policies, written for the demo (not copied from real documents): the
topics with their bilingual articles, interpretations and benefits, the issuing departments,
and the phrases the synthetic documents of the large scale are made of."""

from dataclasses import dataclass, field
from typing import Any


@dataclass
class BenefitSpec:
    title_zh: str
    title_en: str
    get_zh: str
    get_en: str
    amount: int | None
    period: str
    service: str
    conditions: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


@dataclass
class Topic:
    key: str
    themes: list[str]
    title_zh: str  # "{place}" is the issuing place
    title_en: str
    body_zh: list[str]
    body_en: list[str]
    reading_zh: str
    reading_en: str
    benefit: BenefitSpec | None = None


OVERSEAS_MASTER = ("degree_min", {"degree": "master", "overseas_only": True})
OVERSEAS_DOCTORATE = ("degree_min", {"degree": "doctorate", "overseas_only": True})
OVERSEAS_BACHELOR = ("degree_min", {"degree": "bachelor", "overseas_only": True})

TOPICS = [
    Topic(
        "startup",
        ["innovation-entrepreneurship", "grants-subsidies"],
        "{place}留学人员创业启动资金资助办法",
        "{place_en} start-up funding for returnees",
        [
            "为鼓励留学回国人员来{place}创办企业，推动科技成果转化，制定本办法。",
            "资助对象为在海外取得硕士及以上学位、回国五年内在本地创办企业并担任法定代表人或第一大股东的留学人员。",
            "经评审认定的项目给予一次性创业启动资金资助，资金用于研发投入、设备购置和场地租赁。",
            "申报人须提交项目申报书、营业执照、学历学位认证书和出入境记录，由留学人员之家统一受理。",
        ],
        [
            "To encourage returnees to found companies and bring research results to market.",
            "For founders with an overseas master's degree or higher who started a company "
            "within five years of returning and are its legal representative or main shareholder.",
            "Approved projects receive a one-off start-up grant for R&D, equipment and premises.",
            "Apply with the project form, business licence, degree verification and entry "
            "records at a Home.",
        ],
        "本办法面向回国五年内创业的海外硕士、博士，最高可获五十万元启动资金，申报材料在之家窗口一次提交。",
        "For returnees with an overseas master's or doctorate who started a company within "
        "five years: up to 500,000 yuan of start-up funding, one application at a Home.",
        BenefitSpec(
            "留学人员创业启动资金",
            "Start-up grant for returnee founders",
            "一次性创业启动资金资助，用于研发、设备和场地。",
            "A one-off start-up grant for R&D, equipment and premises.",
            500_000,
            "once",
            "PRJ-004",
            [OVERSEAS_MASTER, ("return_within", {"number": 5}), ("founder", {})],
        ),
    ),
    Topic(
        "settle",
        ["talent-attraction", "housing"],
        "{place}高层次人才安家补贴实施细则",
        "{place_en} settling-in allowance for high-level talent",
        [
            "为吸引海外高层次人才来{place}工作，对新引进的博士给予安家补贴。",
            "补贴对象为在海外取得博士学位、年龄不超过四十五周岁、与本地用人单位签订三年以上劳动合同的人才。",
            "安家补贴分三年发放，首年发放百分之五十。",
            "用人单位应在人才入职后六个月内代为申报。",
        ],
        [
            "A settling-in allowance for newly recruited holders of an overseas doctorate.",
            "For people aged 45 or under with an overseas PhD and a contract of three years or "
            "more with a local employer.",
            "Paid over three years, half in the first year.",
            "The employer applies within six months of the start date.",
        ],
        "海外博士、45岁以下、在本地就业满足条件的，可获安家补贴十万元，由单位代为申报。",
        "Overseas PhDs aged 45 or under employed locally receive a 100,000 yuan settling-in "
        "allowance; the employer applies.",
        BenefitSpec(
            "高层次人才安家补贴",
            "Settling-in allowance",
            "分三年发放的安家补贴。",
            "A settling-in allowance paid over three years.",
            100_000,
            "once",
            "ENT-008",
            [OVERSEAS_DOCTORATE, ("age_max", {"number": 45}), ("employed_in", {"city": True})],
        ),
    ),
    Topic(
        "rent",
        ["housing", "grants-subsidies"],
        "{place}青年留学人员租房补贴办法",
        "{place_en} rent subsidy for young returnees",
        [
            "为帮助青年留学人员安居，对在{place}就业的青年留学回国人员发放租房补贴。",
            "申请人应在海外取得硕士及以上学位，年龄不超过三十五周岁，回国不满三年，在本地无自有住房。",
            "补贴按月发放，最长三十六个月。",
            "申请人可通过留学人员之家网上平台提交申请，材料齐全的十个工作日内办结。",
        ],
        [
            "A monthly rent subsidy for young returnees working in the city.",
            "For people aged 35 or under with an overseas master's degree or higher, back for "
            "less than three years and owning no home locally.",
            "Paid monthly for up to 36 months.",
            "Apply online through the Home; complete applications are decided in ten working days.",
        ],
        "35岁以下、回国三年内的海外硕士在本地就业，每月可领租房补贴，最长三年，网上申请。",
        "Overseas master's graduates aged 35 or under, back within three years and working "
        "locally: a monthly rent subsidy for up to three years, applied for online.",
        BenefitSpec(
            "青年留学人员租房补贴",
            "Rent subsidy for young returnees",
            "每月租房补贴，最长三十六个月。",
            "A monthly rent subsidy for up to 36 months.",
            1_500,
            "monthly",
            "ENT-001",
            [
                OVERSEAS_MASTER,
                ("age_max", {"number": 35}),
                ("return_within", {"number": 3}),
                ("employed_in", {"city": True}),
            ],
        ),
    ),
    Topic(
        "apartment",
        ["housing"],
        "{place}人才公寓管理办法",
        "{place_en} talent apartment rules",
        [
            "人才公寓用于保障来{place}创新创业的各类人才的过渡性居住需求。",
            "留学回国人员持硕士及以上学位并在本地就业的，可申请入住人才公寓，租期一般不超过三年。",
            "租金按同地段市场租金的百分之五十确定。",
        ],
        [
            "Talent apartments give new arrivals a place to live while they settle.",
            "Returnees with a master's degree or higher working locally may rent one, usually "
            "for up to three years.",
            "Rent is half the market rent of the area.",
        ],
        "硕士以上留学人员在本地就业可申请人才公寓，半价租金，最长三年。",
        "Returnees with a master's degree working locally may rent a talent apartment at half "
        "the market rent for up to three years.",
        BenefitSpec(
            "人才公寓入住",
            "A place in a talent apartment",
            "以市场租金半价入住人才公寓，最长三年。",
            "A talent apartment at half the market rent for up to three years.",
            None,
            "once",
            "ENT-002",
            [OVERSEAS_MASTER, ("employed_in", {"city": True})],
        ),
    ),
    Topic(
        "hukou",
        ["household-registration"],
        "{place}留学回国人员落户服务办法",
        "{place_en} household registration for returnees",
        [
            "留学回国人员来{place}工作或创业的，可凭学历学位认证书办理落户，不受社保缴纳年限限制。",
            "配偶和未成年子女可随迁。",
            "材料齐全的，公安机关在五个工作日内办结。",
        ],
        [
            "Returnees who work or start a business here may register their household with "
            "their degree verification, whatever their social insurance record.",
            "Spouses and minor children may move with them.",
            "Complete applications are decided within five working days.",
        ],
        "海外本科以上学历回国人员可直接落户，配偶子女随迁，五个工作日办结。",
        "Returnees with an overseas bachelor's degree or higher may register at once, with "
        "spouse and children; decided in five working days.",
        BenefitSpec(
            "落户绿色通道",
            "Fast-track household registration",
            "凭学历学位认证直接落户，配偶子女可随迁。",
            "Register your household with your degree verification; family may follow.",
            None,
            "once",
            "PER-005",
            [OVERSEAS_BACHELOR, ("returnee_status", {"codes": ["returned"]})],
        ),
    ),
    Topic(
        "school",
        ["children-education"],
        "{place}高层次人才子女入学保障办法",
        "{place_en} school places for high-level talents' children",
        [
            "入选省级以上人才计划的留学回国人员，其子女入读义务教育阶段学校的，由教育部门统筹安排。",
            "子女入读高中阶段的，按有关规定给予照顾。",
        ],
        [
            "Children of returnees selected for provincial or national talent programmes get "
            "places at compulsory-education schools arranged by the education bureau.",
            "Secondary-school admission is eased under the rules.",
        ],
        "入选江苏特聘教授、省双创人才等计划的留学人员，子女入学由教育部门统筹安排。",
        "If you hold a provincial or national talent title (e.g. Jiangsu Distinguished "
        "Professor), the education bureau arranges your children's school places.",
        BenefitSpec(
            "人才子女入学统筹安排",
            "School places for your children",
            "义务教育阶段入学由教育部门统筹安排。",
            "School places in compulsory education arranged for you.",
            None,
            "once",
            "ENT-003",
            [("programme", {"codes": ["江苏特聘教授", "双创人才", "Distinguished Professor"]})],
        ),
    ),
    Topic(
        "titles",
        ["professional-titles"],
        "{place}留学回国人员职称评审绿色通道办法",
        "{place_en} fast track for returnees' professional titles",
        [
            "在海外取得博士学位的留学回国人员，其国外工作经历和业绩可作为职称评审依据。",
            "可直接申报副高级职称，不受任职年限限制。",
        ],
        [
            "Overseas work and results of returnees with an overseas doctorate count in "
            "professional title reviews.",
            "They may apply for an associate senior title directly, whatever their years in post.",
        ],
        "海外博士可直接申报副高级职称，国外业绩同等认可。",
        "Overseas PhDs may apply directly for an associate senior title; results abroad count.",
        BenefitSpec(
            "直接申报副高级职称",
            "Apply directly for an associate senior title",
            "不受任职年限限制，国外业绩同等认可。",
            "No minimum years in post; work abroad counts.",
            None,
            "once",
            "PER-003",
            [OVERSEAS_DOCTORATE],
        ),
    ),
    Topic(
        "postdoc",
        ["postdoctoral", "grants-subsidies"],
        "{place}博士后创新人才支持计划",
        "{place_en} postdoctoral innovation fellowships",
        [
            "支持优秀青年博士进入本地博士后工作站从事研究。",
            "资助对象为年龄不超过三十五周岁、取得博士学位不满三年的青年人才，优先支持海外博士。",
            "每人资助研究经费，分两年拨付。",
        ],
        [
            "Supports young PhDs doing research at local postdoctoral stations.",
            "For people aged 35 or under within three years of their doctorate; overseas PhDs "
            "are preferred.",
            "Research funding per fellow, paid over two years.",
        ],
        "35岁以下青年博士进站从事博士后研究，可获研究经费资助。",
        "PhDs aged 35 or under doing postdoctoral research locally can receive research funding.",
        BenefitSpec(
            "博士后研究经费资助",
            "Postdoctoral research funding",
            "研究经费分两年拨付。",
            "Research funding paid over two years.",
            300_000,
            "once",
            "PRJ-002",
            [
                ("degree_min", {"degree": "doctorate", "overseas_only": False}),
                ("age_max", {"number": 35}),
            ],
        ),
    ),
    Topic(
        "employment",
        ["employment", "grants-subsidies"],
        "{place}留学人员来本地就业补贴办法",
        "{place_en} employment grant for returnees",
        [
            "对回国两年内首次在{place}就业的留学人员发放一次性就业补贴。",
            "申请人应在海外取得硕士及以上学位，与本地单位签订一年以上劳动合同并缴纳社会保险。",
        ],
        [
            "A one-off employment grant for returnees taking their first job here within two "
            "years of returning.",
            "For holders of an overseas master's degree or higher with a contract of a year or "
            "more and social insurance paid locally.",
        ],
        "回国两年内首次在本地就业的海外硕士，可领一次性就业补贴。",
        "Overseas master's graduates taking their first local job within two years of "
        "returning receive a one-off grant.",
        BenefitSpec(
            "留学人员就业补贴",
            "Employment grant",
            "一次性就业补贴。",
            "A one-off employment grant.",
            5_000,
            "once",
            "ENT-007",
            [OVERSEAS_MASTER, ("return_within", {"number": 2}), ("employed_in", {"city": True})],
        ),
    ),
    Topic(
        "research",
        ["innovation-entrepreneurship"],
        "{place}留学人员科技活动项目择优资助办法",
        "{place_en} merit-based funding for returnees' research",
        [
            "择优资助留学回国人员在本地开展的科技活动项目，重点支持人工智能、生物医药、集成电路等领域。",
            "申请人应在海外取得博士学位，回国不满五年。",
        ],
        [
            "Merit-based funding for returnees' research, with priority for artificial "
            "intelligence, biomedicine and integrated circuits.",
            "For holders of an overseas doctorate back for less than five years.",
        ],
        "回国五年内的海外博士开展科研项目，理工农医类优先，最高资助二十万元。",
        "Overseas PhDs back for less than five years may receive up to 200,000 yuan for "
        "research; science, engineering, agriculture and medicine first.",
        BenefitSpec(
            "科技活动项目资助",
            "Research project funding",
            "择优资助科技活动项目。",
            "Merit-based funding for a research project.",
            200_000,
            "once",
            "PRJ-003",
            [
                OVERSEAS_DOCTORATE,
                ("return_within", {"number": 5}),
                ("discipline", {"codes": ["07", "08", "09", "10"]}),
            ],
        ),
    ),
    Topic(
        "healthcare",
        ["healthcare"],
        "{place}高层次人才医疗保健服务办法",
        "{place_en} health care for high-level talent",
        [
            "为入选人才计划的高层次人才提供医疗保健绿色通道、年度健康体检和专家门诊预约服务。",
        ],
        [
            "Fast-track health care, an annual check-up and specialist appointments for holders "
            "of talent-programme titles.",
        ],
        "入选人才计划的，可享受就医绿色通道和年度体检。",
        "Talent-programme title holders get fast-track care and an annual check-up.",
        BenefitSpec(
            "医疗保健绿色通道",
            "Fast-track health care",
            "就医绿色通道和年度健康体检。",
            "Fast-track care and an annual check-up.",
            None,
            "yearly",
            "ENT-006",
            [("programme", {"codes": ["江苏特聘教授", "双创人才", "双创博士"]})],
        ),
    ),
    Topic(
        "insurance",
        ["social-security"],
        "{place}留学回国人员社会保险关系办理指引",
        "{place_en} social insurance for returnees",
        [
            "留学回国人员在本地就业的，用人单位应依法为其办理社会保险登记。",
            "在境外缴纳的社会保险，按双边协定可申请免缴或累计计算。",
        ],
        [
            "Employers register returnees for social insurance as the law requires.",
            "Contributions paid abroad may be exempted or counted under bilateral agreements.",
        ],
        "在境外缴过社保的，可按双边协定申请免缴或累计。",
        "Contributions paid abroad may be exempted or counted under bilateral agreements.",
    ),
    Topic(
        "entry",
        ["entry-exit"],
        "{place}外籍高层次人才出入境便利措施",
        "{place_en} entry and residence for foreign talent",
        [
            "外籍高层次人才及其配偶、子女可申请有效期五至十年的居留许可。",
            "符合条件的可申请在华永久居留。",
        ],
        [
            "Foreign high-level talent and their families may apply for residence permits of "
            "five to ten years.",
            "Those who qualify may apply for permanent residence.",
        ],
        "外籍人才及家属可办理五到十年居留许可。",
        "Foreign talent and their families may get residence permits of five to ten years.",
        BenefitSpec(
            "长期居留许可",
            "Long-term residence permit",
            "五至十年居留许可，配偶子女同等办理。",
            "A five- to ten-year residence permit, also for your family.",
            None,
            "once",
            "PER-006",
            [("returnee_status", {"codes": ["foreign"]})],
        ),
    ),
    Topic(
        "homes",
        ["qualifications-honours"],
        "关于做好{place}留学人员之家服务工作的通知",
        "Notice on the services of the Homes for Returned Overseas Students in {place_en}",
        [
            "各留学人员之家应提供就业指导、项目申报、人事人才、待遇落实等“一站式”公共服务。",
            "不定期举办政策解读会、主题论坛、专题讲座和培训班，免费向留学人员开放。",
            "建立留学人员岗位需求信息库和人才信息库，开展项目路演和产才对接。",
        ],
        [
            "Each Home offers one-stop public services: employment guidance, project "
            "applications, personnel affairs and entitlements.",
            "Policy briefings, forums, lectures and training classes are held, free for returnees.",
            "Databases of job demands and of talents support project roadshows and matching.",
        ],
        "留学人员之家提供一站式服务，活动免费，帮助人才与产业对接。",
        "Homes give one-stop services and free events and connect talent with industry.",
    ),
]

NATIONAL_DEPARTMENTS = [
    ("人力资源社会保障部", "Ministry of Human Resources and Social Security", "人社部发"),
    ("教育部", "Ministry of Education", "教留"),
    ("科学技术部", "Ministry of Science and Technology", "国科发"),
    ("国家移民管理局", "National Immigration Administration", "移民管理发"),
]
PROVINCIAL_DEPARTMENTS = [
    (
        "江苏省人力资源和社会保障厅",
        "Jiangsu Department of Human Resources and Social Security",
        "苏人社发",
    ),
    ("江苏省科学技术厅", "Jiangsu Department of Science and Technology", "苏科人发"),
    (
        "中共江苏省委人才工作领导小组办公室",
        "Talent Office of the Jiangsu Provincial Committee",
        "苏人才办",
    ),
]
DISTRICTS = [
    ("320100", "南京江北新区", "Nanjing Jiangbei New Area", "宁新区管发"),
    ("320500", "苏州工业园区", "Suzhou Industrial Park", "苏园管"),
    ("320200", "无锡市新吴区", "Xinwu District, Wuxi", "新吴政发"),
    ("320400", "常州市武进区", "Wujin District, Changzhou", "武政发"),
    ("320100", "南京市鼓楼区", "Gulou District, Nanjing", "鼓政发"),
    ("320600", "南通市崇川区", "Chongchuan District, Nantong", "崇政发"),
]
# Which topics each level publishes (index into TOPICS by key).
NATIONAL_TOPICS = [
    "hukou",
    "titles",
    "entry",
    "insurance",
    "postdoc",
    "research",
    "startup",
    "employment",
]
PROVINCIAL_TOPICS = [t.key for t in TOPICS]
CITY_TOPICS = ["rent", "settle", "apartment", "startup"]
DISTRICT_TOPICS = ["apartment", "startup", "rent"]


# --- Synthetic documents (large scale) --------------------------------------------------

SUBJECTS = [
    ("留学人员", "returnees"),
    ("海外高层次人才", "overseas high-level talent"),
    ("青年博士", "young PhDs"),
    ("创业团队", "start-up teams"),
    ("外籍专家", "foreign experts"),
    ("博士后", "postdoctoral fellows"),
    ("技能人才", "skilled workers"),
]
MATTERS = [
    ("人才公寓", "talent apartments"),
    ("安家补贴", "settling-in allowances"),
    ("创业担保贷款", "start-up loan guarantees"),
    ("职称评审", "professional title reviews"),
    ("子女入学", "school places"),
    ("医疗保障", "health care"),
    ("落户", "household registration"),
    ("科研经费", "research funding"),
    ("租房补贴", "rent subsidies"),
    ("项目路演", "project roadshows"),
    ("社保补贴", "social insurance subsidies"),
    ("学历认证", "degree verification"),
]
ACTIONS = [
    ("实施细则", "implementing rules"),
    ("管理办法", "management measures"),
    ("申报指南", "application guide"),
    ("补充通知", "supplementary notice"),
    ("工作方案", "work plan"),
    ("若干措施", "measures"),
]
SENTENCES = [
    ("申请人应当如实提交材料，对材料真实性负责。", "Applicants must submit truthful materials."),
    (
        "符合条件的，经审核后予以公示，公示期为五个工作日。",
        "Approved applicants are published for five working days.",
    ),
    ("资金由同级财政列支，实行专款专用。", "Funds come from the budget and are ring-fenced."),
    (
        "用人单位应当为引进人才提供必要的工作条件。",
        "Employers provide the conditions the work needs.",
    ),
    ("留学人员之家负责政策咨询和材料受理。", "Homes give policy advice and accept applications."),
    ("本措施与其他同类政策不重复享受。", "This cannot be combined with similar benefits."),
    ("对弄虚作假的，取消资格并追回资金。", "Fraud leads to disqualification and repayment."),
    ("各地可结合实际制定具体办法。", "Cities may set detailed rules of their own."),
]
