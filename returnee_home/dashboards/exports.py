"""A dashboard as a workbook (.xlsx: the period and filters in a header, numbers as numbers)
and as a Word document (.docx, the monthly reports)."""

import io
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx import Document
from openpyxl import Workbook
from openpyxl.styles import Font

from returnee_home.dashboards.selectors import Dashboard


def header_lines(dashboard: Dashboard, filters_text: str) -> list[tuple[str, str]]:
    return [
        (pgettext("dashboard", "Dashboard"), dashboard.title),
        (pgettext("dashboard", "Period"), dashboard.period.description()),
        (pgettext("dashboard", "Filters"), filters_text or pgettext("dashboard", "None")),
        (pgettext("dashboard", "Generated"), timezone.localtime().strftime("%Y-%m-%d %H:%M")),
    ]


def workbook(dashboard: Dashboard, filters_text: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = pgettext("dashboard", "Summary")[:31]
    bold = Font(bold=True)
    for label, value in header_lines(dashboard, filters_text):
        sheet.append([label, value])
        sheet.cell(row=sheet.max_row, column=1).font = bold
    sheet.append([])
    sheet.append(
        [
            pgettext("dashboard", "Figure"),
            pgettext("dashboard", "Value"),
            pgettext("dashboard", "Unit"),
            pgettext("dashboard", "Note"),
        ]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for figure in dashboard.figures:
        sheet.append([figure.label, figure.value, figure.unit, figure.note])
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 40
    for index, block in enumerate(dashboard.blocks, start=1):
        ws = book.create_sheet(f"{index:02d} {block.title}"[:31].replace("/", "-"))
        ws.append([block.title])
        ws.cell(row=1, column=1).font = Font(bold=True, size=13)
        for label, value in header_lines(dashboard, filters_text)[:3]:
            ws.append([label, value])
        if block.note:
            ws.append([block.note])
        ws.append([])
        ws.append([str(c) for c in block.columns])
        for cell in ws[ws.max_row]:
            cell.font = bold
        for row in block.rows:
            ws.append([_cell(v) for v in row])
        ws.column_dimensions["A"].width = 40
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, int | float):
        return value
    return str(value)


def document(dashboard: Dashboard, filters_text: str) -> bytes:
    doc = Document()
    doc.add_heading(dashboard.title, level=0)
    for label, value in header_lines(dashboard, filters_text):
        doc.add_paragraph(f"{label}: {value}")
    doc.add_heading(_("Headline figures"), level=1)
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = (
        pgettext("dashboard", "Figure"),
        pgettext("dashboard", "Value"),
    )
    for figure in dashboard.figures:
        cells = table.add_row().cells
        cells[0].text = figure.label
        cells[1].text = "—" if figure.value is None else f"{figure.value}{figure.unit}"
    for block in dashboard.blocks:
        doc.add_heading(block.title, level=1)
        if block.summary:
            doc.add_paragraph(block.summary)
        if not block.rows:
            continue
        table = doc.add_table(rows=1, cols=len(block.columns))
        table.style = "Table Grid"
        for cell, heading in zip(table.rows[0].cells, block.columns, strict=False):
            cell.text = str(heading)
        for row in block.rows:
            for cell, value in zip(table.add_row().cells, row, strict=False):
                cell.text = "—" if value is None else str(value)
    stream = io.BytesIO()
    doc.save(stream)
    return stream.getvalue()
