"""The online platform suggestion form (Attachment 3) as .docx, laid out as the official form
(Chinese, A4), and all suggestions as .xlsx."""

import datetime as dt
import io
from collections.abc import Iterable

from django.utils import timezone, translation
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from returnee_home.alliance.models import Suggestion
from returnee_home.core.models import City

FORM_TITLE = "江苏省留学人员之家线上平台建设意见建议表"
DOCX_COLUMNS = [
    ("序号", 1.2),
    ("类型", 1.8),
    ("类别", 1.8),
    ("意见建议或个性化需求", 8.0),
    ("优先级", 1.5),
    ("联系人及电话", 3.0),
    ("办理情况及答复", 6.0),
]
XLSX_COLUMNS = [
    ("序号", 6),
    ("城市", 10),
    ("类型", 10),
    ("类别", 10),
    ("标题", 30),
    ("意见建议或个性化需求", 60),
    ("优先级", 8),
    ("联系人", 10),
    ("联系电话", 16),
    ("提交日期", 12),
    ("办理状态", 10),
    ("答复", 50),
    ("答复日期", 12),
]


def _font(run, size: float, bold: bool = False, family: str = "宋体") -> None:  # noqa: ANN001
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = family
    run._element.rPr.rFonts.set(qn("w:eastAsia"), family)


def _paragraph(
    document,
    text: str,
    *,
    size: float,
    bold: bool = False,
    align=None,  # noqa: ANN001
    family: str = "宋体",
) -> None:
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    _font(paragraph.add_run(text), size, bold, family)


def _local_date(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{local.year}年{local.month}月{local.day}日"


def suggestion_form_docx(city: City, suggestions: Iterable[Suggestion]) -> bytes:
    """Attachment 3 for one city: heading, the reporting unit and date, one table row per
    suggestion with the province's answer, and the contact line."""
    with translation.override("zh-hans"):
        rows = list(suggestions)
        document = Document()
        section = document.sections[0]
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
        section.orientation = WD_ORIENT.LANDSCAPE
        for side in ("left_margin", "right_margin"):
            setattr(section, side, Cm(2.0))
        section.top_margin = section.bottom_margin = Cm(2.0)
        _paragraph(document, "附件3", size=14, family="黑体")
        _paragraph(
            document,
            FORM_TITLE,
            size=18,
            bold=True,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            family="方正小标宋简体",
        )
        _paragraph(
            document,
            f"填报单位（盖章）：{city.name_zh}人力资源和社会保障局"
            f"        填报日期：{_local_date(timezone.now())}",
            size=12,
        )
        table = document.add_table(rows=1, cols=len(DOCX_COLUMNS))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, (label, width) in zip(table.rows[0].cells, DOCX_COLUMNS, strict=True):
            cell.width = Cm(width)
            cell.text = ""
            _font(cell.paragraphs[0].add_run(label), 11, bold=True, family="黑体")
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for number, s in enumerate(rows, start=1):
            answer = s.get_status_display()
            if s.reply:
                answer = f"{answer}：{s.reply}"
            values = [
                str(number),
                s.get_kind_display(),
                s.get_category_display(),
                f"{s.title}\n{s.description}",
                s.get_priority_display(),
                f"{s.contact_name}\n{s.contact_phone}",
                answer,
            ]
            cells = table.add_row().cells
            for cell, value, (_label, width) in zip(cells, values, DOCX_COLUMNS, strict=True):
                cell.width = Cm(width)
                _font(cell.paragraphs[0].add_run(value), 10.5)
        if not rows:
            cells = table.add_row().cells
            merged = cells[0].merge(cells[-1])
            _font(merged.paragraphs[0].add_run("（本市暂无意见建议）"), 10.5)
        contact = rows[0] if rows else None
        _paragraph(
            document,
            f"联系人：{contact.contact_name if contact else ''}"
            f"        联系电话：{contact.contact_phone if contact else ''}",
            size=12,
        )
        _paragraph(
            document,
            "说明：类别分为功能、内容、易用性、数据共享、其他；优先级分为高、中、低。",
            size=10.5,
        )
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()


def suggestions_xlsx(suggestions: Iterable[Suggestion]) -> bytes:
    """Every suggestion the person may read, one row each, with headings in Chinese."""
    with translation.override("zh-hans"):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "意见建议"
        sheet.append([label for label, _width in XLSX_COLUMNS])
        for index, (_label, width) in enumerate(XLSX_COLUMNS, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
            sheet.cell(row=1, column=index).font = Font(bold=True)
        for number, s in enumerate(suggestions, start=1):
            sheet.append(
                [
                    number,
                    s.city.name_zh,
                    s.get_kind_display(),
                    s.get_category_display(),
                    s.title,
                    s.description,
                    s.get_priority_display(),
                    s.contact_name,
                    s.contact_phone,
                    timezone.localtime(s.created_at).date(),
                    s.get_status_display(),
                    s.reply,
                    timezone.localtime(s.replied_at).date() if s.replied_at else None,
                ]
            )
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
