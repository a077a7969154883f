"""Names and descriptions of the demo organisations: employers by industry cluster,
recommending institutions, alliance partners; the Homes' introductions, hours and windows."""

import random

# Brand syllables for company names: (Chinese, pinyin).
BRAND_CHARS: list[tuple[str, str]] = [
    ("恒", "Heng"),
    ("瑞", "Rui"),
    ("华", "Hua"),
    ("芯", "Xin"),
    ("联", "Lian"),
    ("创", "Chuang"),
    ("科", "Ke"),
    ("达", "Da"),
    ("天", "Tian"),
    ("博", "Bo"),
    ("明", "Ming"),
    ("远", "Yuan"),
    ("智", "Zhi"),
    ("源", "Yuan"),
    ("德", "De"),
    ("通", "Tong"),
    ("新", "Xin"),
    ("亿", "Yi"),
    ("隆", "Long"),
    ("盛", "Sheng"),
    ("海", "Hai"),
    ("江", "Jiang"),
    ("中", "Zhong"),
    ("宏", "Hong"),
    ("光", "Guang"),
    ("泰", "Tai"),
    ("鼎", "Ding"),
    ("正", "Zheng"),
    ("安", "An"),
    ("金", "Jin"),
    ("银", "Yin"),
    ("信", "Xin"),
    ("润", "Run"),
    ("优", "You"),
    ("捷", "Jie"),
    ("启", "Qi"),
    ("航", "Hang"),
    ("卓", "Zhuo"),
    ("越", "Yue"),
    ("腾", "Teng"),
    ("微", "Wei"),
    ("纳", "Na"),
    ("谱", "Pu"),
    ("康", "Kang"),
    ("合", "He"),
    ("众", "Zhong"),
    ("朗", "Lang"),
    ("骏", "Jun"),
    ("升", "Sheng"),
    ("凯", "Kai"),
]

# What a company in each cluster calls itself: (Chinese, English) business words.
INDUSTRY_WORDS: dict[str, list[tuple[str, str]]] = {
    "new_power_equipment": [
        ("电力设备", "Power Equipment"),
        ("新能源科技", "New Energy Technology"),
        ("储能技术", "Energy Storage Technology"),
    ],
    "construction_machinery": [
        ("重工机械", "Heavy Machinery"),
        ("工程机械", "Construction Machinery"),
    ],
    "iot": [("物联网科技", "IoT Technology"), ("传感技术", "Sensing Technology")],
    "advanced_textiles": [
        ("纺织科技", "Textile Technology"),
        ("新纤维材料", "New Fibre Materials"),
    ],
    "biomedicine": [
        ("生物医药", "Biopharmaceutical"),
        ("医疗器械", "Medical Devices"),
        ("基因科技", "Gene Technology"),
    ],
    "integrated_circuits": [
        ("微电子", "Microelectronics"),
        ("半导体", "Semiconductor"),
        ("集成电路设计", "IC Design"),
    ],
    "software": [
        ("软件", "Software"),
        ("信息技术", "Information Technology"),
        ("数据科技", "Data Technology"),
    ],
    "new_energy_vehicles": [
        ("新能源汽车", "New Energy Vehicles"),
        ("智能驾驶", "Autonomous Driving"),
    ],
    "auto_parts": [("汽车零部件", "Auto Parts"), ("动力系统", "Powertrain Systems")],
    "high_end_equipment": [
        ("智能装备", "Intelligent Equipment"),
        ("精密机械", "Precision Machinery"),
    ],
    "advanced_materials": [("新材料", "Advanced Materials"), ("石墨烯科技", "Graphene Technology")],
    "marine_equipment": [("船舶科技", "Marine Technology"), ("海洋工程", "Offshore Engineering")],
    "aerospace": [("航空科技", "Aviation Technology"), ("航天材料", "Aerospace Materials")],
    "energy_saving": [
        ("环保科技", "Environmental Technology"),
        ("节能技术", "Energy-saving Technology"),
    ],
    "artificial_intelligence": [
        ("人工智能", "Artificial Intelligence"),
        ("智能科技", "Intelligent Technology"),
        ("机器人", "Robotics"),
    ],
    "core_it": [("信息安全", "Information Security"), ("计算技术", "Computing Technology")],
    "information_communication": [
        ("通信技术", "Communication Technology"),
        ("光电科技", "Optoelectronics"),
    ],
    "new_display": [("显示科技", "Display Technology"), ("光电显示", "Optoelectronic Display")],
    "special_steel": [("特钢", "Special Steel"), ("合金材料", "Alloy Materials")],
    "green_food": [("食品科技", "Food Technology"), ("生态农业", "Eco-agriculture")],
    "photovoltaics": [("光伏科技", "Photovoltaic Technology"), ("太阳能", "Solar Energy")],
    "fine_chemicals": [("化工", "Chemicals"), ("精细化工", "Fine Chemicals")],
    "digital_creative": [("文化传媒", "Media"), ("数字科技", "Digital Technology")],
    "modern_finance": [
        ("投资管理", "Investment Management"),
        ("金融信息服务", "Financial Information Services"),
    ],
    "modern_logistics": [
        ("供应链管理", "Supply Chain Management"),
        ("物流科技", "Logistics Technology"),
    ],
    "education_research": [("研究院", "Research Institute"), ("教育科技", "Education Technology")],
}

COMPANY_FORMS = [
    ("有限公司", "Co., Ltd."),
    ("股份有限公司", "Co., Ltd."),
    ("科技有限公司", "Technology Co., Ltd."),
]


def company_name(
    rng: random.Random, *, industry_code: str, prefix: tuple[str, str]
) -> tuple[str, str]:
    """e.g. ("江苏恒瑞新材料有限公司", "Jiangsu Hengrui Advanced Materials Co., Ltd.")."""
    a, b = rng.sample(BRAND_CHARS, 2)
    word = rng.choice(INDUSTRY_WORDS.get(industry_code) or INDUSTRY_WORDS["software"])
    form = rng.choice(COMPANY_FORMS)
    if word[0].endswith(("科技", "技术")) and form[0].startswith("科技"):
        form = COMPANY_FORMS[0]
    if word[0].endswith("研究院"):
        return f"{prefix[0]}{a[0]}{b[0]}{word[0]}", f"{prefix[1]} {a[1]}{b[1].lower()} {word[1]}"
    return (
        f"{prefix[0]}{a[0]}{b[0]}{word[0]}{form[0]}",
        f"{prefix[1]} {a[1]}{b[1].lower()} {word[1]} {form[1]}",
    )


def employer_description(
    name_zh: str, industry_zh: str, industry_en: str, founded: int
) -> tuple[str, str]:
    return (
        f"{name_zh}成立于{founded}年，专注于{industry_zh}领域的研发与产业化，"
        "欢迎海外留学人才加入。",
        f"Founded in {founded}, working on research, development and production in "
        f"{industry_en.lower()}. Returnees and overseas talents are welcome.",
    )


# Recommending institutions: (Chinese pattern, English pattern); {city}/{City} fill in.
RECOMMENDER_PATTERNS: list[tuple[str, str]] = [
    ("{city}欧美同学会", "{City} Western Returned Scholars Association"),
    ("{city}留学人员联谊会", "{City} Returned Overseas Students Association"),
    ("{city}海外联谊会", "{City} Overseas Friendship Association"),
    ("{city}市教育局留学服务中心", "{City} Education Bureau Study Abroad Service Centre"),
]
OVERSEAS_RECOMMENDERS: list[tuple[str, str, str]] = [
    # (country code, Chinese, English) — associations abroad, registered via their home city.
    ("GB", "全英中国学生学者联合会", "Chinese Students and Scholars Association UK"),
    ("US", "旧金山湾区江苏同乡会", "Jiangsu Association of the San Francisco Bay Area"),
    ("DE", "全德中国学生学者联合会", "Chinese Students and Scholars Association in Germany"),
    (
        "JP",
        "全日本中国留学人员友好联谊会",
        "All-Japan Chinese Students and Scholars Friendship Association",
    ),
    ("AU", "澳大利亚江苏总会", "Jiangsu Association of Australia"),
    ("SG", "新加坡江苏会", "Jiangsu Association of Singapore"),
    ("FR", "全法中国学生学者联合会", "Chinese Students and Scholars Association in France"),
    ("CA", "多伦多中国学生学者联合会", "Chinese Students and Scholars Association at Toronto"),
]
UNIVERSITY_ALUMNI = [
    ("南京大学", "Nanjing University"),
    ("东南大学", "Southeast University"),
    ("苏州大学", "Soochow University"),
    ("江南大学", "Jiangnan University"),
    ("南京航空航天大学", "Nanjing University of Aeronautics and Astronautics"),
    ("河海大学", "Hohai University"),
    ("中国矿业大学", "China University of Mining and Technology"),
    ("南京理工大学", "Nanjing University of Science and Technology"),
]

# Alliance partners: (kind, Chinese pattern, English pattern).
PARTNER_PATTERNS: list[tuple[str, str, str]] = [
    ("bank", "中国银行{city}分行", "Bank of China {City} Branch"),
    ("bank", "江苏银行{city}分行", "Bank of Jiangsu {City} Branch"),
    ("bank", "招商银行{city}分行", "China Merchants Bank {City} Branch"),
    ("law", "江苏{brand}律师事务所", "Jiangsu {Brand} Law Firm"),
    (
        "hospital",
        "{city}市第一人民医院国际医疗部",
        "{City} First People's Hospital International Medical Department",
    ),
    (
        "talent_service",
        "{city}{brand}人力资源服务有限公司",
        "{City} {Brand} Human Resources Co., Ltd.",
    ),
    ("university", "{alma}海外人才服务中心", "{AlmaEn} Overseas Talent Service Centre"),
    (
        "ip",
        "{city}{brand}知识产权代理有限公司",
        "{City} {Brand} Intellectual Property Agency Co., Ltd.",
    ),
]

HOME_HOURS = [
    ("周一至周五 9:00-12:00，13:30-17:30", "Mon-Fri 9:00-12:00, 13:30-17:30"),
    ("周一至周五 8:30-17:00（法定节假日除外）", "Mon-Fri 8:30-17:00 (closed on public holidays)"),
    ("周一至周五 9:00-17:30，周六 9:00-12:00", "Mon-Fri 9:00-17:30, Sat 9:00-12:00"),
]

WINDOWS = [
    ("综合咨询窗口", "General enquiries"),
    ("就业创业服务窗口", "Employment and start-ups"),
    ("项目申报窗口", "Project applications"),
    ("人事人才服务窗口", "Personnel and talent affairs"),
    ("待遇落实窗口", "Entitlements and benefits"),
]

STAFF_TITLES = [
    ("窗口服务专员", "Service officer"),
    ("综合服务专员", "General services officer"),
    ("项目服务专员", "Project services officer"),
]


def home_introduction(
    carrier_zh: str, carrier_en: str, city_zh: str, city_en: str
) -> tuple[str, str]:
    return (
        f"依托{carrier_zh}建设，为在{city_zh}创新创业的留学回国人员和海外人才提供政策咨询、"
        "就业创业指导、项目申报、人事人才服务和待遇落实等“一站式”服务。",
        f"Run by the {carrier_en}, the Home offers returnees and overseas talents working in "
        f"{city_en} one-stop services: policy advice, employment and start-up guidance, project "
        "applications, personnel and talent affairs, and entitlements.",
    )
