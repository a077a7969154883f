"""Exports of service records: the statistics workbook (.xlsx) and a person's own records for
the personal-data export."""

from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook

from returnee_home.records.selectors import StatisticsScope


def statistics_workbook(scope: StatisticsScope, figures: dict[str, Any]) -> bytes:
    """One sheet per table of the statistics page."""
    book = Workbook()
    summary = book.active
    summary.title = pgettext("sheet", "Summary")
    summary.append([_("Scope"), scope.title or _("Jiangsu Province")])
    summary.append([_("Date"), figures["today"].isoformat()])
    summary.append([_("Person-times this month"), figures["totals"]["month"]])
    summary.append([_("Person-times this year"), figures["totals"]["year"]])
    summary.append([_("Ratings this year"), figures["rated"]])
    summary.append([_("Average rating"), figures["average"]])
    summary.append([_("Open follow-ups"), figures["follow_up_counts"]["open"]])
    summary.append([_("Overdue follow-ups"), figures["follow_up_counts"]["overdue"]])
    sheets = [
        (
            pgettext("sheet", "By month"),
            [_("Month"), _("Person-times")],
            [[r["month"].strftime("%Y-%m"), r["count"]] for r in figures["by_month"]],
        ),
        (
            pgettext("sheet", "By item"),
            [_("Service item"), _("Person-times")],
            [[str(r["label"]), r["count"]] for r in figures["by_item"]],
        ),
        (
            pgettext("sheet", "By channel"),
            [_("Channel"), _("Person-times")],
            [[str(r["label"]), r["count"]] for r in figures["by_channel"]],
        ),
        (
            pgettext("sheet", "Ratings"),
            [_("Satisfaction"), _("Ratings")],
            [[str(r["label"]), r["count"]] for r in figures["ratings"]],
        ),
    ]
    if figures["breakdown"]:
        sheets.append(
            (
                pgettext("sheet", "Breakdown"),
                [
                    _("Name"),
                    _("This month"),
                    _("This year"),
                    _("Average rating"),
                    _("Open follow-ups"),
                ],
                [
                    [str(r["label"]), r["month"], r["year"], r["average"], r["open"]]
                    for r in figures["breakdown"]
                ],
            )
        )
    for title, header, rows in sheets:
        sheet = book.create_sheet(title)
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def export_personal_records(user: Any) -> dict[str, Any]:
    """The person's own service records and ratings, for the personal-data export."""
    from returnee_home.records.selectors import records_of

    return {
        "service_records": [
            {
                "served_on": r.served_on.isoformat(),
                "home": r.home.name,
                "item": r.item.title_zh if r.item else "",
                "channel": r.channel,
                "ratings": [
                    {
                        "round": x.round,
                        "level": x.level,
                        "tags": x.tags,
                        "comment": x.comment,
                        "at": x.created_at.isoformat(),
                    }
                    for x in r.ratings.all()
                ],
            }
            for r in records_of(user)
        ]
    }
