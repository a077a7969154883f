"""Builds `matching_eval.json`, the labelled evaluation set of the matching engine, from the
hand-written postings and profiles below. Run: `.venv/bin/python bench/eval/build_eval.py`.

Every posting belongs to one occupation family; every profile names the families it fits
(3: its own field; 2: a neighbouring field it could move to; 1: loosely related). A posting's
grade for a profile is that family grade, lowered by one when the posting is outside every city
the person wants, pays less than the least salary they want, or strictly requires a degree they
do not have (never below 0). The texts were written for this set: short, bilingual, with the
abbreviations and synonyms people really use; half the profiles are written in the other
language than most postings of their field, so that only bilingual matching finds them."""

import json
from pathlib import Path

OUT = Path(__file__).with_name("matching_eval.json")

# family, lang, title, skills, disciplines, degree, degree_required, years, city, industry, salary
# (yuan a month, None = negotiable), description
P = [
    ("ml", "zh", "机器学习算法工程师", ["机器学习", "Python", "TensorFlow"], ["0812"], "master", False, 2, "320100", "artificial_intelligence", 35000, "负责推荐与搜索排序模型的训练和上线，熟悉特征工程。"),
    ("ml", "en", "Machine Learning Engineer", ["ML", "PyTorch", "Spark"], ["0812"], "master", False, 3, "320500", "artificial_intelligence", 40000, "Train and deploy ranking models on large datasets; MLOps experience a plus."),
    ("ml", "zh", "大模型算法研究员", ["大模型", "深度学习", "PyTorch", "NLP"], ["0812", "1405"], "doctorate", True, 0, "320100", "artificial_intelligence", 60000, "研究大语言模型预训练与对齐，发表过顶会论文者优先。"),
    ("ml", "en", "Applied Scientist, Recommender Systems", ["recommendation algorithms", "machine learning", "SQL"], ["0812", "0714"], "doctorate", False, 1, "320200", "software", 45000, "Improve personalised recommendation for an e-commerce platform."),
    ("cv", "zh", "计算机视觉算法工程师", ["计算机视觉", "目标检测", "C++", "深度学习"], ["0812"], "master", False, 2, "320500", "artificial_intelligence", 35000, "开发工业质检视觉算法，模型部署到边缘设备。"),
    ("cv", "en", "Computer Vision Researcher (medical imaging)", ["medical image analysis", "deep learning", "PyTorch"], ["0812", "0831"], "doctorate", True, 0, "320100", "biomedicine", 40000, "Segmentation and detection on CT and MRI; work with hospitals."),
    ("cv", "zh", "自动驾驶感知工程师", ["自动驾驶", "多传感器融合", "计算机视觉", "C++"], ["0811", "0812"], "master", False, 3, "320500", "new_energy_vehicles", 45000, "负责激光雷达与摄像头融合感知算法。"),
    ("cv", "en", "Robotics Perception Engineer", ["SLAM", "computer vision", "ROS", "C++"], ["0811"], "master", False, 2, "320200", "high_end_equipment", 30000, "Visual SLAM and 3D perception for warehouse robots."),
    ("nlp", "zh", "自然语言处理工程师", ["自然语言处理", "知识图谱", "Python"], ["0812"], "master", False, 1, "320100", "software", 30000, "构建政务问答与知识图谱系统。"),
    ("nlp", "en", "NLP Engineer, Machine Translation", ["NLP", "machine translation", "PyTorch"], ["0812", "0502"], "master", False, 2, "320100", "artificial_intelligence", 32000, "Neural machine translation between Chinese and European languages."),
    ("data", "zh", "大数据开发工程师", ["Hadoop", "Spark", "Flink", "数据仓库"], ["0812", "0835"], "bachelor", False, 3, "320100", "software", 25000, "负责实时数据管道和数仓建设。"),
    ("data", "en", "Data Engineer", ["ETL", "Spark", "Kafka", "SQL"], ["0812"], "bachelor", False, 2, "320500", "software", 28000, "Build batch and streaming pipelines; cloud data warehouse."),
    ("data", "zh", "数据分析师", ["数据分析", "SQL", "Tableau", "统计分析"], ["0714", "0202"], "master", False, 1, "320200", "modern_finance", 18000, "为业务部门提供数据分析报告和可视化看板。"),
    ("data", "en", "Business Intelligence Analyst", ["Power BI", "data visualization", "SQL"], ["1202", "0714"], "bachelor", False, 2, "320400", "modern_logistics", 15000, "Dashboards and KPI reporting for logistics operations."),
    ("backend", "zh", "Java后端开发工程师", ["Java", "Spring Boot", "微服务", "MySQL", "Redis"], ["0812", "0835"], "bachelor", False, 3, "320100", "software", 25000, "负责高并发交易系统的服务端开发。"),
    ("backend", "en", "Backend Engineer (Go)", ["Golang", "microservices", "Kubernetes", "PostgreSQL"], ["0835"], "bachelor", False, 3, "320500", "software", 30000, "Design APIs and distributed services for a SaaS product."),
    ("backend", "zh", "云原生平台工程师", ["Kubernetes", "Docker", "DevOps", "Linux"], ["0812"], "bachelor", False, 3, "320100", "core_it", 28000, "建设容器云平台与持续交付流水线。"),
    ("frontend", "en", "Front-end Developer", ["React", "TypeScript", "CSS"], ["0835"], "bachelor", False, 2, "320100", "software", 22000, "Build accessible web applications for government services."),
    ("frontend", "zh", "前端开发工程师", ["Vue.js", "JavaScript", "HTML5"], ["0835", "0812"], "bachelor", False, 1, "320500", "digital_creative", 18000, "负责小程序和管理后台的前端开发。"),
    ("ux", "zh", "交互设计师", ["交互设计", "用户研究", "Figma"], ["1357", "1403"], "bachelor", False, 2, "320100", "digital_creative", 18000, "负责政务App的交互与视觉设计。"),
    ("ux", "en", "UX Designer", ["UX", "UI design", "user research"], ["1403"], "master", False, 3, "320500", "software", 25000, "Own the end-to-end design of our B2B platform."),
    ("dic", "zh", "数字IC设计工程师", ["Verilog", "RTL设计", "SoC", "低功耗设计"], ["0809", "1401"], "master", False, 3, "320500", "integrated_circuits", 40000, "负责SoC子系统的RTL设计和综合。"),
    ("dic", "en", "ASIC Design Engineer", ["ASIC design", "SystemVerilog", "EDA tools"], ["1401"], "master", False, 5, "320200", "integrated_circuits", 50000, "Lead RTL design of AI accelerator blocks."),
    ("dic", "zh", "芯片验证工程师", ["UVM", "SystemVerilog", "芯片验证"], ["0809", "1401"], "master", False, 2, "320100", "integrated_circuits", 35000, "搭建UVM验证环境，完成模块级和系统级验证。"),
    ("dic", "en", "FPGA Engineer", ["FPGA", "Verilog", "VHDL", "signal processing"], ["0809", "0810"], "master", False, 2, "320100", "core_it", 30000, "Implement high-speed signal processing on Xilinx FPGAs."),
    ("aic", "zh", "模拟IC设计工程师", ["模拟集成电路设计", "Cadence", "电源管理"], ["0809", "1401"], "master", True, 3, "320500", "integrated_circuits", 45000, "设计高精度ADC和LDO电路。"),
    ("aic", "en", "RFIC Designer", ["RF circuit design", "analog IC design", "5G"], ["0809", "0810"], "doctorate", False, 2, "320100", "integrated_circuits", 50000, "Design RF front-end circuits for 5G transceivers."),
    ("aic", "zh", "集成电路版图工程师", ["版图设计", "Virtuoso", "DRC/LVS"], ["0809"], "bachelor", False, 2, "320200", "integrated_circuits", 20000, "完成模拟和混合信号电路的版图设计与验证。"),
    ("semi", "zh", "半导体工艺整合工程师", ["半导体工艺", "良率提升", "刻蚀"], ["0809", "0805"], "master", False, 3, "320200", "integrated_circuits", 30000, "负责12英寸晶圆制造的工艺整合与良率提升。"),
    ("semi", "en", "Process Engineer, Lithography", ["photolithography", "semiconductor manufacturing", "SPC"], ["0803", "0809"], "master", False, 2, "320500", "integrated_circuits", 28000, "Own the litho process module in a 28 nm fab."),
    ("semi", "zh", "第三代半导体器件工程师", ["碳化硅", "功率器件", "器件物理", "TCAD"], ["0809", "0702"], "doctorate", False, 0, "320400", "integrated_circuits", 40000, "开发SiC MOSFET功率器件。"),
    ("semi", "en", "Advanced Packaging Engineer", ["advanced packaging", "chiplet", "failure analysis"], ["0805", "0809"], "master", False, 3, "320600", "integrated_circuits", 30000, "Develop 2.5D/3D packaging and reliability tests."),
    ("battery", "zh", "锂电池电芯研发工程师", ["锂离子电池", "电化学", "正极材料"], ["0805", "0703"], "master", False, 2, "320400", "new_energy_vehicles", 25000, "开发高镍正极体系的高能量密度电芯。"),
    ("battery", "en", "Solid-State Battery Scientist", ["solid-state batteries", "solid electrolytes", "electrochemistry"], ["0805", "0703"], "doctorate", True, 0, "320500", "new_energy_vehicles", 45000, "Research sulfide solid electrolytes and interfaces."),
    ("battery", "zh", "BMS算法工程师", ["电池管理系统", "SOC估计", "MATLAB", "嵌入式C"], ["0808", "0811"], "master", False, 3, "320400", "new_energy_vehicles", 30000, "开发电池状态估计和均衡控制算法。"),
    ("battery", "en", "Energy Storage System Engineer", ["energy storage", "power electronics", "BMS"], ["0808"], "bachelor", False, 3, "320900", "new_power_equipment", 22000, "Design containerised energy storage systems for the grid."),
    ("pv", "zh", "光伏电池工艺工程师", ["TOPCon", "光伏电池", "PECVD"], ["0805", "0702"], "master", False, 2, "320400", "photovoltaics", 20000, "负责TOPCon电池量产工艺优化。"),
    ("pv", "en", "Perovskite Solar Cell Researcher", ["perovskite", "solar cells", "thin film deposition"], ["0805", "0703"], "doctorate", False, 0, "320100", "photovoltaics", 35000, "Improve stability of perovskite-silicon tandem cells."),
    ("power", "zh", "电力电子工程师", ["电力电子", "逆变器", "DC-DC"], ["0808"], "master", False, 3, "320100", "new_power_equipment", 25000, "设计光伏逆变器和储能变流器的功率电路。"),
    ("power", "en", "Power Systems Engineer", ["power systems", "smart grid", "relay protection"], ["0808"], "master", False, 3, "320100", "new_power_equipment", 22000, "Grid integration studies and protection settings."),
    ("power", "zh", "风电控制工程师", ["风电", "控制系统", "PLC"], ["0808", "0811"], "bachelor", False, 3, "320900", "new_power_equipment", 18000, "负责海上风电机组主控系统调试。"),
    ("embedded", "zh", "嵌入式软件工程师", ["嵌入式", "C语言", "STM32", "FreeRTOS"], ["0809", "0811"], "bachelor", False, 3, "320500", "iot", 20000, "开发智能硬件的底层驱动和固件。"),
    ("embedded", "en", "Firmware Engineer (IoT)", ["embedded C", "RTOS", "microcontrollers", "Bluetooth"], ["0809"], "bachelor", False, 2, "320200", "iot", 22000, "Firmware for low-power connected sensors."),
    ("embedded", "zh", "硬件工程师", ["硬件设计", "PCB设计", "原理图设计"], ["0809"], "bachelor", False, 3, "320500", "core_it", 20000, "负责工控主板的原理图与PCB设计。"),
    ("comm", "en", "Wireless Communication Algorithm Engineer", ["wireless communication", "MIMO", "5G NR", "MATLAB"], ["0810"], "master", False, 2, "320100", "information_communication", 35000, "Physical-layer algorithms for 5G base stations."),
    ("comm", "zh", "光通信器件工程师", ["光模块", "光电子", "光通信"], ["0803", "0810"], "master", False, 2, "320100", "information_communication", 28000, "开发400G光模块与硅光器件。"),
    ("mech", "zh", "机械结构工程师", ["机械设计", "SolidWorks", "有限元分析"], ["0802"], "bachelor", False, 3, "320400", "high_end_equipment", 18000, "负责半导体设备的机械结构设计。"),
    ("mech", "en", "CAE Simulation Engineer", ["finite element analysis", "ANSYS", "CFD"], ["0802", "0801"], "master", False, 2, "320200", "auto_parts", 22000, "Structural and thermal simulation of vehicle components."),
    ("mech", "zh", "工艺工程师（汽车零部件）", ["制造工艺", "精益生产", "质量管理"], ["0802"], "bachelor", False, 3, "321000", "auto_parts", 15000, "负责冲压焊接产线的工艺改进。"),
    ("mech", "en", "Hydraulics Engineer", ["hydraulic systems", "mechanical design", "construction machinery"], ["0802"], "bachelor", False, 5, "320300", "construction_machinery", 20000, "Design hydraulic systems for excavators."),
    ("aero", "zh", "飞行器气动设计工程师", ["空气动力学", "CFD", "飞行器设计"], ["0825"], "master", False, 2, "320100", "aerospace", 25000, "负责无人机气动外形设计与仿真。"),
    ("aero", "en", "Aero-engine Test Engineer", ["gas turbines", "instrumentation", "test and measurement"], ["0825", "0807"], "master", False, 3, "320100", "aerospace", 22000, "Plan and run engine component tests."),
    ("materials", "zh", "高分子材料研发工程师", ["高分子材料", "聚合物合成", "材料表征"], ["0805", "0703"], "master", False, 2, "320200", "advanced_materials", 18000, "开发高性能工程塑料改性配方。"),
    ("materials", "en", "Materials Scientist, Composites", ["carbon fibre", "composite materials", "materials characterization"], ["0805"], "doctorate", False, 0, "320400", "advanced_materials", 30000, "Develop carbon fibre composites for aerospace."),
    ("materials", "zh", "特钢冶金工程师", ["冶金", "热处理", "合金设计"], ["0806", "0805"], "master", False, 3, "320200", "special_steel", 18000, "负责轴承钢冶炼与热处理工艺。"),
    ("chem", "zh", "有机合成研究员", ["有机合成", "HPLC", "核磁共振"], ["0703"], "master", False, 2, "320100", "fine_chemicals", 16000, "负责医药中间体的合成路线开发。"),
    ("chem", "en", "Process Chemist (scale-up)", ["chemical process engineering", "Aspen Plus", "process safety"], ["0817"], "master", False, 3, "321000", "fine_chemicals", 20000, "Scale up catalytic processes from pilot to plant."),
    ("pharma", "zh", "药物化学研究员", ["药物化学", "小分子药物", "有机合成"], ["1007", "0703"], "doctorate", False, 0, "320500", "biomedicine", 30000, "设计和合成小分子抗肿瘤候选药物。"),
    ("pharma", "en", "Formulation Scientist", ["formulation development", "pharmaceutics", "GMP"], ["1007"], "master", False, 2, "320700", "biomedicine", 22000, "Develop oral solid dosage forms for generics and new drugs."),
    ("pharma", "zh", "药理毒理研究员", ["药理学", "药代动力学", "毒理学"], ["1007", "1001"], "doctorate", False, 1, "320500", "biomedicine", 28000, "开展创新药的药效和安全性评价。"),
    ("bio", "en", "Cell Culture Process Scientist", ["cell culture", "bioreactors", "monoclonal antibodies"], ["0836", "0710"], "master", False, 2, "321200", "biomedicine", 25000, "Upstream process development for antibody drugs."),
    ("bio", "zh", "细胞治疗研发科学家", ["CAR-T", "细胞治疗", "免疫学"], ["0710", "1001"], "doctorate", True, 0, "320500", "biomedicine", 40000, "研发实体瘤CAR-T细胞治疗产品。"),
    ("bio", "en", "Bioinformatics Scientist", ["bioinformatics", "NGS", "R", "Python"], ["0710", "0714"], "doctorate", False, 0, "320100", "biomedicine", 30000, "Analyse single-cell and genomic sequencing data."),
    ("bio", "zh", "分子诊断研发工程师", ["体外诊断", "qPCR", "分子生物学"], ["0710", "1010"], "master", False, 2, "320200", "biomedicine", 18000, "开发核酸检测试剂盒。"),
    ("clinical", "zh", "临床监查员CRA", ["临床试验", "GCP", "临床监查"], ["1002", "1007"], "bachelor", False, 1, "320100", "biomedicine", 15000, "负责肿瘤药物临床试验的中心监查。"),
    ("clinical", "en", "Regulatory Affairs Manager", ["regulatory affairs", "NMPA", "FDA submissions"], ["1007"], "master", False, 5, "320500", "biomedicine", 35000, "Lead IND and NDA submissions in China and the US."),
    ("meddev", "zh", "医疗器械研发工程师", ["医疗器械", "生物医学工程", "ISO 13485"], ["0831"], "master", False, 3, "320500", "biomedicine", 25000, "开发有源植入类医疗器械。"),
    ("meddev", "en", "Ultrasound Imaging Engineer", ["medical imaging", "ultrasound", "signal processing"], ["0831", "0810"], "master", False, 2, "320200", "biomedicine", 30000, "Beamforming and image reconstruction for ultrasound scanners."),
    ("quant", "zh", "量化研究员", ["量化投资", "Python", "统计建模", "机器学习"], ["0202", "0701", "0714"], "master", False, 1, "320100", "modern_finance", 40000, "开发A股多因子选股和期货CTA策略。"),
    ("quant", "en", "Quantitative Analyst, Derivatives", ["derivatives pricing", "financial engineering", "C++"], ["0202", "0701"], "doctorate", False, 0, "320500", "modern_finance", 45000, "Price and hedge structured products."),
    ("risk", "zh", "信用风险建模分析师", ["风险管理", "信用风险", "SAS", "逻辑回归"], ["0202", "0714"], "master", False, 2, "320100", "modern_finance", 25000, "开发零售信贷评分卡和风险预警模型。"),
    ("risk", "en", "Compliance Officer (AML)", ["anti-money laundering", "KYC", "compliance"], ["0301", "0202"], "bachelor", False, 3, "320100", "modern_finance", 20000, "Monitor transactions and report suspicious activity."),
    ("invest", "zh", "股权投资经理", ["股权投资", "尽职调查", "财务分析", "估值"], ["0202", "1202"], "master", False, 3, "320100", "modern_finance", 35000, "负责硬科技领域项目的投资与投后管理。"),
    ("invest", "en", "Equity Research Analyst, Semiconductors", ["equity research", "financial modelling", "CFA"], ["0202"], "master", False, 2, "320500", "modern_finance", 30000, "Cover listed semiconductor companies."),
    ("account", "zh", "财务会计", ["会计核算", "税务", "CPA"], ["1202"], "bachelor", False, 3, "320300", "modern_finance", 12000, "负责总账、报表和纳税申报。"),
    ("account", "en", "Senior Auditor", ["audit", "IFRS", "ACCA"], ["1202"], "bachelor", False, 4, "320100", "modern_finance", 20000, "Lead audits of manufacturing clients."),
    ("supply", "zh", "供应链经理", ["供应链管理", "采购", "ERP"], ["1202", "1201"], "bachelor", False, 5, "320500", "modern_logistics", 25000, "统筹电子制造企业的采购与物流。"),
    ("supply", "en", "Logistics Optimisation Analyst", ["operations research", "linear programming", "Python"], ["1201"], "master", False, 1, "320100", "modern_logistics", 20000, "Optimise routes and warehouse slotting."),
    ("env", "zh", "环保工程师", ["环境工程", "污水处理", "环评"], ["0830"], "bachelor", False, 2, "320600", "energy_saving", 12000, "负责工业园区污水处理项目设计。"),
    ("env", "en", "Carbon Management Consultant", ["carbon footprint", "ESG", "energy management"], ["0830", "1202"], "master", False, 2, "320100", "energy_saving", 22000, "Help manufacturers measure and cut emissions."),
    ("teach", "zh", "高校人工智能方向教师", ["教学", "科研", "机器学习"], ["0812", "1405"], "doctorate", True, 0, "320100", "education_research", 20000, "承担人工智能本科课程教学并开展科研。"),
    ("teach", "en", "Lecturer in Finance (Sino-foreign university)", ["teaching", "academic research", "econometrics"], ["0202"], "doctorate", True, 0, "320500", "education_research", 25000, "Teach corporate finance in English and publish research."),
    ("teach", "zh", "国际学校英语教师", ["英语教学", "TESOL", "课程设计"], ["0502", "0401"], "bachelor", False, 2, "320100", "education_research", 15000, "负责国际课程中学部英语教学。"),
    ("lang", "en", "Japanese Translator", ["translation", "Japanese", "localisation"], ["0502"], "bachelor", False, 2, "320500", "digital_creative", 12000, "Translate technical documents between Japanese and Chinese."),
    ("lang", "zh", "德语技术翻译", ["德语", "笔译", "技术文档"], ["0502"], "bachelor", False, 1, "320400", "high_end_equipment", 12000, "翻译德国设备的技术手册与合同。"),
    ("legal", "zh", "知识产权律师", ["专利", "知识产权", "专利代理"], ["0301"], "master", False, 3, "320100", "education_research", 25000, "为科技企业提供专利布局与诉讼服务。"),
    ("legal", "en", "Corporate Lawyer", ["corporate law", "M&A", "contract management"], ["0301"], "master", False, 4, "320500", "modern_finance", 30000, "Advise on cross-border investments and joint ventures."),
    ("game", "zh", "游戏客户端开发工程师", ["Unity", "C#", "游戏开发"], ["0835", "0812"], "bachelor", False, 2, "320100", "digital_creative", 22000, "开发手游客户端与战斗系统。"),
    ("game", "en", "Technical Artist", ["computer graphics", "shaders", "Blender"], ["1357", "0812"], "bachelor", False, 2, "320500", "digital_creative", 20000, "Bridge art and engineering for real-time rendering."),
    ("food", "zh", "食品研发工程师", ["食品科学", "食品安全", "配方开发"], ["0832"], "bachelor", False, 2, "321300", "green_food", 10000, "开发低糖健康零食新品。"),
    ("marketing", "en", "Overseas Marketing Manager", ["marketing", "digital marketing", "cross-border e-commerce"], ["1202"], "bachelor", False, 3, "320500", "modern_logistics", 20000, "Grow brand sales in Europe through online channels."),
    ("marketing", "zh", "海外销售经理（工程机械）", ["海外销售", "国际贸易", "客户开发"], ["1202", "0502"], "bachelor", False, 3, "320300", "construction_machinery", 18000, "开拓东南亚和中东工程机械市场。"),
    ("pm", "zh", "产品经理（政务SaaS）", ["产品管理", "需求分析", "项目管理"], ["1202", "0835"], "bachelor", False, 3, "320100", "software", 22000, "负责政务服务平台的产品规划。"),
]

# Families neighbouring each other (grade 1 unless a profile says otherwise).
# id, language, headline, skills, discipline, degree, years, desired cities, least salary,
# introduction, {family: grade}
T = [
    ("t01", "en", "PhD in machine learning, Imperial College", ["machine learning", "deep learning", "PyTorch", "Python"], "0812", "doctorate", 2, ["320100", "320500"], 30000, "Research on representation learning; two years at a London start-up building recommendation models.", {"ml": 3, "cv": 2, "nlp": 2, "data": 1, "teach": 1, "quant": 1}),
    ("t02", "zh", "计算机视觉算法工程师", ["计算机视觉", "目标检测", "OpenCV", "C++"], "0812", "master", 3, ["320500"], 30000, "在德国博世从事三年视觉检测算法开发。", {"cv": 3, "ml": 2, "embedded": 1}),
    ("t03", "en", "Medical image analysis researcher", ["medical image analysis", "MRI segmentation", "deep learning"], "0831", "doctorate", 3, ["320100"], 35000, "Deep learning for MRI segmentation at UCL; clinical collaborations.", {"cv": 3, "meddev": 2, "ml": 2, "bio": 1}),
    ("t04", "zh", "自然语言处理硕士", ["NLP", "大模型", "知识图谱", "Python"], "0812", "master", 1, ["320100"], 25000, "在爱丁堡大学学习自然语言处理，熟悉大模型微调。", {"nlp": 3, "ml": 2, "data": 1}),
    ("t05", "en", "Data engineer, AWS", ["Spark", "Kafka", "Airflow", "SQL", "AWS"], "0835", "master", 4, ["320500", "320100"], 25000, "Built streaming data platforms for a Sydney bank.", {"data": 3, "backend": 2, "ml": 1}),
    ("t06", "zh", "数据分析与商业智能", ["数据分析", "Power BI", "SQL", "Excel"], "0714", "master", 2, ["320200", "320400"], 15000, "在英国零售企业从事销售数据分析。", {"data": 3, "risk": 1, "supply": 1, "marketing": 1}),
    ("t07", "en", "Senior backend engineer (Java)", ["Java", "Spring", "microservices", "Redis", "MySQL"], "0835", "master", 6, ["320100"], 30000, "Six years building payment systems in Singapore.", {"backend": 3, "data": 1, "frontend": 1}),
    ("t08", "zh", "云计算与DevOps", ["K8s", "Docker", "CI/CD", "Linux运维"], "0812", "bachelor", 4, ["320100", "320500"], 20000, "在加拿大负责云平台运维与自动化部署。", {"backend": 3, "data": 1}),
    ("t09", "en", "Front-end engineer", ["React", "TypeScript", "accessibility", "CSS"], "0835", "bachelor", 3, ["320100"], 20000, "Front-end work for public-sector websites in the Netherlands.", {"frontend": 3, "ux": 2, "backend": 1}),
    ("t10", "zh", "交互设计硕士", ["交互设计", "UI设计", "Figma", "用户研究"], "1403", "master", 2, ["320500", "320100"], 18000, "毕业于皇家艺术学院，做过医疗App设计。", {"ux": 3, "frontend": 1, "game": 1}),
    ("t11", "en", "Digital IC designer", ["RTL design", "Verilog", "SoC design", "synthesis"], "0809", "master", 4, ["320500", "320200"], 35000, "Four years at Arm designing interconnect IP.", {"dic": 3, "aic": 1, "semi": 1}),
    ("t12", "zh", "芯片验证工程师", ["芯片验证", "UVM", "SystemVerilog"], "1401", "master", 3, ["320100", "320500"], 30000, "在新加坡负责网络芯片的验证。", {"dic": 3, "aic": 1}),
    ("t13", "en", "Analog and mixed-signal IC designer", ["analog IC design", "ADC", "Cadence Virtuoso"], "0809", "doctorate", 2, ["320500"], 40000, "PhD on low-power SAR ADCs; tape-outs in 28 nm.", {"aic": 3, "dic": 1, "semi": 1}),
    ("t14", "zh", "半导体工艺工程师", ["半导体制造", "刻蚀", "良率"], "0805", "master", 5, ["320200", "320500"], 25000, "在台积电从事刻蚀工艺五年。", {"semi": 3, "materials": 1, "pv": 1}),
    ("t15", "en", "Power device physicist", ["GaN", "SiC", "device physics", "TCAD"], "0702", "doctorate", 1, ["320400", "320100"], 35000, "Wide-bandgap power devices at Cambridge.", {"semi": 3, "power": 1, "aic": 1}),
    ("t16", "zh", "锂电池材料博士", ["电池材料", "固态电解质", "电化学"], "0805", "doctorate", 1, ["320500", "320400"], 30000, "在东京大学研究硫化物固态电解质。", {"battery": 3, "materials": 2, "pv": 1, "chem": 1}),
    ("t17", "en", "BMS and battery algorithms", ["BMS", "state of charge estimation", "MATLAB", "embedded C"], "0808", "master", 4, ["320400"], 25000, "Battery management algorithms at a German automotive supplier.", {"battery": 3, "power": 2, "embedded": 1}),
    ("t18", "zh", "光伏电池研究", ["钙钛矿", "太阳能电池", "薄膜沉积"], "0805", "doctorate", 0, ["320100", "320400"], 25000, "在澳大利亚新南威尔士大学研究钙钛矿叠层电池。", {"pv": 3, "materials": 2, "semi": 1, "battery": 1}),
    ("t19", "en", "Power electronics engineer", ["inverters", "power electronics", "DC-DC converters"], "0808", "master", 3, ["320100", "320900"], 20000, "Designed solar inverters in Germany.", {"power": 3, "battery": 2, "embedded": 1}),
    ("t20", "zh", "嵌入式固件开发", ["单片机", "FreeRTOS", "C语言", "蓝牙"], "0809", "bachelor", 3, ["320500", "320200"], 18000, "在日本开发可穿戴设备固件。", {"embedded": 3, "comm": 1}),
    ("t21", "en", "5G physical layer engineer", ["5G", "OFDM", "MIMO", "MATLAB"], "0810", "doctorate", 2, ["320100"], 35000, "Physical-layer research at Ericsson.", {"comm": 3, "embedded": 1, "dic": 1}),
    ("t22", "zh", "机械设计与仿真", ["机械设计", "SolidWorks", "ANSYS", "有限元"], "0802", "master", 3, ["320400", "320200"], 15000, "在德国从事机床结构设计与仿真。", {"mech": 3, "aero": 1}),
    ("t23", "en", "Aerodynamics engineer", ["aerodynamics", "CFD", "UAV"], "0825", "doctorate", 2, ["320100"], 25000, "Drone aerodynamics at TU Delft.", {"aero": 3, "mech": 2}),
    ("t24", "zh", "复合材料研究员", ["碳纤维", "复合材料", "材料表征"], "0805", "doctorate", 1, ["320400", "320200"], 25000, "在英国研究航空复合材料。", {"materials": 3, "aero": 1, "battery": 1}),
    ("t25", "en", "Synthetic chemist", ["organic synthesis", "medicinal chemistry", "NMR"], "0703", "doctorate", 2, ["320500", "320100"], 25000, "Total synthesis and lead optimisation at a US biotech.", {"pharma": 3, "chem": 3, "bio": 1}),
    ("t26", "zh", "制剂研发", ["药物制剂", "GMP", "口服固体制剂"], "1007", "master", 3, ["320700", "320500"], 18000, "在印度药企从事仿制药制剂开发。", {"pharma": 3, "clinical": 1}),
    ("t27", "en", "Antibody process scientist", ["cell culture", "monoclonal antibodies", "bioreactors"], "0836", "master", 3, ["321200", "320500"], 22000, "Upstream bioprocess at a Boston CDMO.", {"bio": 3, "pharma": 1}),
    ("t28", "zh", "免疫治疗博士", ["CAR-T", "肿瘤免疫", "细胞治疗"], "0710", "doctorate", 1, ["320500"], 35000, "在宾夕法尼亚大学从事CAR-T研究。", {"bio": 3, "pharma": 1, "clinical": 1}),
    ("t29", "en", "Bioinformatician", ["bioinformatics", "single-cell sequencing", "R", "Python"], "0710", "doctorate", 1, ["320100"], 25000, "Single-cell genomics at the Wellcome Sanger Institute.", {"bio": 3, "data": 1, "ml": 1}),
    ("t30", "zh", "临床研究与注册", ["临床试验", "药品注册", "GCP"], "1007", "master", 5, ["320100", "320500"], 25000, "在美国CRO负责肿瘤临床项目和FDA申报。", {"clinical": 3, "pharma": 1}),
    ("t31", "en", "Medical device engineer", ["medical devices", "ISO 13485", "biomedical engineering"], "0831", "master", 4, ["320500"], 25000, "Designed cardiac monitoring devices in Ireland.", {"meddev": 3, "embedded": 1}),
    ("t32", "zh", "量化投资研究", ["量化交易", "Python", "机器学习", "统计建模"], "0701", "doctorate", 1, ["320100"], 35000, "在纽约对冲基金做过量化策略研究。", {"quant": 3, "risk": 2, "ml": 1, "data": 1}),
    ("t33", "en", "Credit risk modeller", ["credit risk", "scorecards", "SAS", "Python"], "0714", "master", 3, ["320100"], 20000, "Retail credit risk models at HSBC.", {"risk": 3, "quant": 1, "data": 2}),
    ("t34", "zh", "风险投资与行研", ["风险投资", "尽职调查", "估值", "CFA"], "0202", "master", 4, ["320100", "320500"], 30000, "在香港投行做过半导体行业研究。", {"invest": 3, "quant": 1, "account": 1}),
    ("t35", "en", "Auditor, ACCA", ["audit", "ACCA", "IFRS", "tax"], "1202", "bachelor", 4, ["320100", "320300"], 15000, "Big Four audit experience in London.", {"account": 3, "risk": 1, "invest": 1}),
    ("t36", "zh", "供应链与运筹优化", ["运筹学", "供应链", "线性规划", "Python"], "1201", "master", 2, ["320100", "320500"], 18000, "在荷兰物流企业做路径优化。", {"supply": 3, "data": 1}),
    ("t37", "en", "Environmental engineer", ["wastewater treatment", "environmental engineering", "EIA"], "0830", "master", 3, ["320600", "320100"], 12000, "Water treatment projects in Australia.", {"env": 3}),
    ("t38", "zh", "人工智能方向博士后", ["机器学习", "科研", "深度学习"], "1405", "doctorate", 2, ["320100"], 20000, "在新加坡国立大学做博士后，希望到高校任教。", {"teach": 3, "ml": 2, "nlp": 1, "cv": 1}),
    ("t39", "en", "English teacher, CELTA", ["English teaching", "TESOL", "curriculum design"], "0401", "master", 3, ["320100"], 12000, "Taught secondary English in the UK.", {"teach": 3, "lang": 1}),
    ("t40", "zh", "日语翻译", ["日语", "翻译", "本地化"], "0502", "bachelor", 2, ["320500"], 10000, "在大阪从事游戏本地化翻译。", {"lang": 3, "game": 1, "teach": 1}),
    ("t41", "en", "IP lawyer", ["patents", "intellectual property", "patent attorney"], "0301", "master", 4, ["320100"], 25000, "Patent prosecution for electronics clients in Munich.", {"legal": 3}),
    ("t42", "zh", "游戏开发", ["Unity", "C#", "计算机图形学"], "0835", "bachelor", 2, ["320100", "320500"], 20000, "在加拿大游戏工作室做客户端开发。", {"game": 3, "frontend": 1}),
    ("t43", "en", "Food scientist", ["food science", "food safety", "product development"], "0832", "master", 2, ["321300", "320100"], 10000, "New product development at a Dutch dairy company.", {"food": 3}),
    ("t44", "zh", "海外市场营销", ["市场营销", "跨境电商", "数字营销"], "1202", "master", 3, ["320500", "320300"], 15000, "在英国负责品牌的电商运营。", {"marketing": 3, "supply": 1, "pm": 1}),
    ("t45", "en", "Product manager, govtech", ["product management", "requirements analysis", "agile"], "1202", "master", 4, ["320100"], 20000, "Product lead for digital public services in Estonia.", {"pm": 3, "ux": 1, "frontend": 1}),
    ("t46", "zh", "刚毕业的金融硕士", [], "0202", "master", 0, [], None, "", {"quant": 1, "risk": 1, "invest": 1, "account": 1}),
]

DEGREE = {"bachelor": 2, "master": 3, "doctorate": 4}


def grade(talent: tuple, posting: tuple) -> int:
    family_grade = talent[10].get(posting[0], 0)
    if family_grade == 0:
        return 0
    penalty = 0
    cities, least = talent[7], talent[8]
    if cities and posting[8] not in cities:
        penalty += 1
    if least and posting[10] is not None and posting[10] < least:
        penalty += 1
    if posting[6] and DEGREE[talent[5]] < DEGREE[posting[5]]:
        penalty += 1
    return max(0, family_grade - min(penalty, 2))


def main() -> None:
    postings = [
        {
            "id": i + 1,
            "family": p[0],
            "language": p[1],
            "title": p[2],
            "skills": p[3],
            "disciplines": p[4],
            "degree": p[5],
            "degree_required": p[6],
            "years": p[7],
            "city": p[8],
            "industry": p[9],
            "salary_max": p[10],
            "description": p[11],
        }
        for i, p in enumerate(P)
    ]
    talents = []
    qrels = {}
    for t in T:
        talents.append(
            {
                "id": t[0],
                "language": t[1],
                "headline": t[2],
                "skills": t[3],
                "discipline": t[4],
                "degree": t[5],
                "years": t[6],
                "cities": t[7],
                "salary_min": t[8],
                "introduction": t[9],
            }
        )
        qrels[t[0]] = {
            str(i + 1): g for i, p in enumerate(P) if (g := grade(t, p)) > 0
        }
    OUT.write_text(
        json.dumps(
            {"postings": postings, "talents": talents, "qrels": qrels},
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    print(f"{len(postings)} postings, {len(talents)} queries -> {OUT}")


if __name__ == "__main__":
    main()
