"""The organiser's list of an event's registrations as .xlsx: one row per registration with the
person's name and contact, status, check-in code and time, and one column per registration
question (the event and the moment of export in a header; dates as dates)."""

import io
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from returnee_home.events.models import Event, Registration


def _local(value: Any) -> Any:
    """An aware time as a naive Asia/Shanghai datetime (what a spreadsheet can hold)."""
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def registrations_workbook(event: Event, registrations: list[Registration]) -> bytes:
    questions = list(event.questions.all())
    book = Workbook()
    sheet = book.active
    sheet.title = pgettext("event", "Registrations")[:31]
    sheet.append([event.title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([_("Starts"), _local(event.starts_at)])
    sheet.append([_("Exported at"), _local(timezone.now())])
    sheet.append([])
    headings = [
        pgettext("walk-in", "Name"),
        _("E-mail"),
        pgettext("registration", "telephone"),
        _("Status"),
        pgettext("check-in", "Check-in code"),
        _("Registered at"),
        _("Checked in at"),
        pgettext("registration", "Walk-in"),
        *(q.label for q in questions),
    ]
    sheet.append(headings)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for r in registrations:
        sheet.append(
            [
                r.person_label,
                r.user.email if r.user_id and r.user.is_active else "",
                r.phone,
                r.get_status_display(),
                r.code,
                _local(r.created_at),
                _local(r.checked_in_at),
                _("Yes") if r.is_walk_in else "",
                *(_answer(q, r.answers.get(str(q.pk))) for q in questions),
            ]
        )
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if hasattr(cell.value, "hour"):
                cell.number_format = "yyyy-mm-dd hh:mm"
    for index, width in enumerate([16, 26, 16, 14, 12, 18, 18, 8], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(row=6, column=2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _answer(question: Any, value: Any) -> str:
    if value is None or value == "":
        return ""
    if question.kind == "yes_no":
        return _("Yes") if value in (True, "yes", "true", "1") else _("No")
    if question.kind == "choice":
        return dict(question.choice_list()).get(value, value)
    return str(value)
