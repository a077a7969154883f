"""The notice's attachments as files: the basic information form (Attachment 1) and the city's
summary form (Attachment 2), as .docx laid out like the official forms (Chinese, A4) and as
.xlsx (the summary one row per application)."""

import io
from typing import Any

from django.utils import translation
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from returnee_home.naming.models import CONDITIONS, EQUIPMENT, Application, CitySummary

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORM1_TITLE = "“江苏省留学人员之家”基本信息表"
FORM2_TITLE = "“江苏省留学人员之家”申报汇总表"
STATUS_ZH = {"met": "符合", "not_met": "不符合", "needs_evidence": "待补充佐证"}
KIND_ZH = {"service_window": "海外人才公共服务窗口", "startup_park": "省级留学人员创业园"}
EDUCATION_ZH = {
    "below": "大专以下",
    "junior_college": "大专",
    "bachelor": "本科",
    "master": "硕士研究生",
    "doctorate": "博士研究生",
}
ENGLISH_ZH = {"none": "无", "basic": "基础", "working": "一般沟通", "fluent": "熟练"}


def _document(landscape: bool = False) -> Any:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Mm(20))
    style = document.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(10.5)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    return document


def _title(document: Any, attachment: str, title: str) -> None:
    document.add_paragraph(attachment)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title)
    run.bold = True
    run.font.size = Pt(16)
    run.font.name = "SimHei"
    run.element.rPr.rFonts.set(qn("w:eastAsia"), "黑体")


def _zh(value: Any) -> str:
    """Display values (choices, cities) in Chinese whatever the requester's language."""
    with translation.override("zh-hans"):
        return "" if value is None else str(value)


def _rows(application: Application) -> list[tuple[str, str]]:
    equipment = application.equipment or {}
    with translation.override("zh-hans"):
        equipment_text = "；".join(
            f"{label}{equipment.get(k, 0)}台（套）" for k, label in EQUIPMENT
        )
    platform = application.person_times_platform
    return [
        ("载体名称", application.carrier_name),
        ("载体类型", KIND_ZH.get(application.carrier_kind, application.carrier_kind)),
        ("所在市、县（市、区）", _zh(application.city.name_zh)),
        ("地址", application.address),
        ("开放时间", application.opening_hours),
        ("联系人及电话", f"{application.contact_name} {application.contact_phone}".strip()),
        ("场地总面积（平方米）", _zh(application.floor_area or "")),
        (
            "功能区域（平方米）",
            f"展示区{application.display_area or 0}；交流区{application.exchange_area or 0}；"
            f"公共服务区{application.public_service_area or 0}",
        ),
        (
            "近12个月服务人次",
            f"申报{application.person_times_declared or 0}人次"
            + (f"；平台统计{platform}人次" if platform is not None else "")
            + f"（{application.person_times_sources}）",
        ),
        ("服务设备", equipment_text),
        ("服务项目", application.rules_items),
        ("服务流程", application.rules_procedures),
        ("管理制度", application.rules_management),
        ("公示方式及地点", application.rules_published_where),
        (
            "产才对接能力",
            f"本年度收集用人单位需求{application.demands_collected}条，"
            f"完成对接{application.matches_made}次",
        ),
    ]


def basic_form_docx(application: Application) -> bytes:
    """Attachment 1 for one application."""
    document = _document()
    _title(document, "附件1", FORM1_TITLE)
    document.add_paragraph(f"申报批次：{application.batch.title_zh}")
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in _rows(application):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value or ""
    document.add_paragraph()
    document.add_paragraph("管理服务人员")
    staff = document.add_table(rows=1, cols=6)
    staff.style = "Table Grid"
    for cell, text in zip(
        staff.rows[0].cells,
        ("姓名", "岗位", "专职/兼职", "学历", "英语能力", "服务窗口"),
        strict=True,
    ):
        cell.text = text
    for person in application.staff.all():
        cells = staff.add_row().cells
        values = (
            person.name,
            person.post,
            "专职" if person.is_full_time else "兼职",
            EDUCATION_ZH.get(person.education, person.education),
            ENGLISH_ZH.get(person.english, person.english),
            f"{person.window_number}号窗口" if person.window_number else "",
        )
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    document.add_paragraph()
    document.add_paragraph("服务窗口")
    windows = document.add_table(rows=1, cols=3)
    windows.style = "Table Grid"
    for cell, text in zip(windows.rows[0].cells, ("窗口号", "窗口名称", "配备人员"), strict=True):
        cell.text = text
    for window in application.windows.all():
        cells = windows.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = (
            str(window.number),
            window.name,
            f"{window.staff_count}人",
        )
    document.add_paragraph()
    document.add_paragraph("申报条件自评")
    conditions = document.add_table(rows=1, cols=3)
    conditions.style = "Table Grid"
    for cell, text in zip(conditions.rows[0].cells, ("条件", "情况", "结论"), strict=True):
        cell.text = text
    with translation.override("zh-hans"):
        for key, label in CONDITIONS:
            result = application.conditions.get(key, {})
            cells = conditions.add_row().cells
            cells[0].text = str(label)
            cells[1].text = result.get("detail_zh") or result.get("detail", "")
            cells[2].text = STATUS_ZH.get(result.get("status", ""), "")
    if application.unmet_explanation:
        document.add_paragraph(f"未满足条件的说明：{application.unmet_explanation}")
    document.add_paragraph()
    document.add_paragraph("载体（盖章）：                      填表日期：    年  月  日")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def basic_form_xlsx(application: Application) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "基本信息表"
    sheet.append([FORM1_TITLE])
    sheet["A1"].font = Font(bold=True, size=14)
    for label, value in _rows(application):
        sheet.append([label, value])
    sheet.append([])
    sheet.append(["姓名", "岗位", "专职/兼职", "学历", "英语能力", "服务窗口"])
    for person in application.staff.all():
        sheet.append(
            [
                person.name,
                person.post,
                "专职" if person.is_full_time else "兼职",
                EDUCATION_ZH.get(person.education, person.education),
                ENGLISH_ZH.get(person.english, person.english),
                person.window_number or "",
            ]
        )
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 60
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


SUMMARY_HEADERS = (
    "序号",
    "载体名称",
    "载体类型",
    "所在地",
    "地址",
    "近12个月服务人次",
    "管理服务人员数",
    "窗口数",
    "场地面积（平方米）",
    "未满足条件",
    "市人社部门推荐意见",
)


def _summary_rows(summary: CitySummary) -> list[list[Any]]:
    rows = []
    labels = {k: str(label) for k, label in CONDITIONS}
    with translation.override("zh-hans"):
        labels = {k: str(label) for k, label in CONDITIONS}
        for n, application in enumerate(summary.applications.all(), start=1):
            count = application.person_times_platform or application.person_times_declared or 0
            unmet = "；".join(labels[k] for k in application.unmet_conditions) or "无"
            rows.append(
                [
                    n,
                    application.carrier_name,
                    KIND_ZH.get(application.carrier_kind, application.carrier_kind),
                    application.city.name_zh,
                    application.address,
                    count,
                    application.staff.count(),
                    application.windows.count(),
                    application.floor_area or "",
                    unmet,
                    "推荐",
                ]
            )
    return rows


def summary_docx(summary: CitySummary) -> bytes:
    """Attachment 2: the city's summary form, one row per application."""
    document = _document(landscape=True)
    _title(document, "附件2", FORM2_TITLE)
    document.add_paragraph(
        f"填报单位（盖章）：{summary.city.name_zh}人力资源和社会保障局    "
        f"申报批次：{summary.batch.title_zh}    第{summary.sequence}次报送"
    )
    table = document.add_table(rows=1, cols=len(SUMMARY_HEADERS))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, SUMMARY_HEADERS, strict=True):
        cell.text = text
    for row in _summary_rows(summary):
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = str(value)
    document.add_paragraph(
        f"联系人：{summary.contact_name}    联系电话：{summary.contact_phone}    "
        f"报送日期：{summary.submitted_at:%Y年%m月%d日}"
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def summary_xlsx(summary: CitySummary) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "申报汇总表"
    sheet.append([FORM2_TITLE])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(
        [f"填报单位：{summary.city.name_zh}人力资源和社会保障局", "", summary.batch.title_zh]
    )
    sheet.append(list(SUMMARY_HEADERS))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True)
    for row in _summary_rows(summary):
        sheet.append(row)
    for column, width in zip(
        "ABCDEFGHIJK", (6, 36, 20, 12, 36, 12, 12, 8, 12, 30, 14), strict=True
    ):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
