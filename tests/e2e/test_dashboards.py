"""Each role opens its dashboard, shows a chart's data table and downloads the .xlsx export, in
both languages; axe on each dashboard; no sideways scrolling at phone width (screenshots with
DASHBOARDS_SHOTS=dir)."""

import datetime as dt
import io
import os
import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    LANGUAGES,
    Province,
    assert_accessible,
    assert_no_horizontal_scroll,
    sign_in_as,
)

pytestmark = pytest.mark.e2e

SHOTS = os.environ.get("DASHBOARDS_SHOTS", "")
WORDS = {
    "": {
        "show_table": "显示数据表",
        "export": "下载Excel表格（.xlsx）",
        "by_month": "各月服务人次",
    },
    "/en": {
        "show_table": "Show the data table",
        "export": "Download as Excel (.xlsx)",
        "by_month": "Person-times by month",
    },
}
DASHBOARDS = (
    ("manager", "/dashboards/home/"),
    ("city", "/dashboards/city/"),
    ("province", "/dashboards/province/"),
)


def _look(page: Page, label: str) -> None:
    assert_accessible(page, label)
    name = re.sub(r"[^A-Za-z0-9_-]+", "_", label)
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)
    size = page.viewport_size
    page.set_viewport_size({"width": 390, "height": 844})
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}-390.png", full_page=True)
    assert_no_horizontal_scroll(page)
    if size:
        page.set_viewport_size(size)


def _serve(province: Province) -> None:
    from returnee_home.records.actions import service_record_create
    from returnee_home.records.models import Channel
    from returnee_home.records.tests.factories import ServiceItemFactory, source

    item = ServiceItemFactory(title_zh="就业创业指导", title_en="Employment guidance")
    today = timezone.localdate()
    for i, (home, days, channel) in enumerate(
        [
            (province.nanjing_home, 0, Channel.COUNTER),
            (province.nanjing_home, 1, Channel.ONLINE),
            (province.nanjing_home, 40, Channel.EVENT),
            (province.suzhou_home, 2, Channel.COUNTER),
        ]
    ):
        service_record_create(
            person=province.people["talent"],
            home=home,
            item=item,
            channel=channel,
            served_on=today - dt.timedelta(days=days),
            source=source(i + 1),
        )


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_each_role_sees_dashboard_table_and_export(
    new_context: Any, province: Province, live_server: Any, prefix: str
) -> None:
    from openpyxl import load_workbook

    _serve(province)
    words = WORDS[prefix]
    base = live_server.url + prefix
    for role, path in DASHBOARDS:
        page = new_context().new_page()
        sign_in_as(page.context, live_server.url, province.people[role])
        page.goto(f"{base}/dashboards/")
        assert page.url.split("?")[0].endswith(path), role
        page.goto(f"{base}{path}?period=this_year")
        section = page.locator("section", has=page.get_by_role("heading", name=words["by_month"]))
        expect(section.locator(".dash-chart svg").first).to_be_visible()
        table = section.locator("table")
        expect(table).to_be_hidden()
        section.get_by_text(words["show_table"]).click()
        expect(table).to_be_visible()
        _look(page, f"{prefix}/dashboards/{role}")
        with page.expect_download() as info:
            page.get_by_role("link", name=words["export"]).click()
        download = info.value
        book = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
        assert len(book.worksheets) > 3
        page.context.close()
