"""A person rates a completed service "dissatisfied"; the Home's manager sees the follow-up,
records the contact and resolves it; the person rates the service again. Both languages, axe
on every page, no sideways scrolling at phone width (screenshots with RECORDS_SHOTS=dir)."""

import datetime as dt
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

SHOTS = os.environ.get("RECORDS_SHOTS", "")
WORDS = {
    "": {
        "dissatisfied": "不满意",
        "satisfied": "满意",
        "rate": "评价本次服务",
        "send": "提交评价",
        "thanks": "感谢您对我们服务的评价。",
        "save_contact": "保存联系情况",
        "resolve": "确认办结",
        "rate_again": "再次评价",
        "resolved": "已办结",
    },
    "/en": {
        "dissatisfied": "Dissatisfied",
        "satisfied": "Satisfied",
        "rate": "Rate this service",
        "send": "Send rating",
        "thanks": "Thank you for rating our service.",
        "save_contact": "Save contact",
        "resolve": "Mark as resolved",
        "rate_again": "Rate again",
        "resolved": "Resolved",
    },
}


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


def _served(province: Province) -> Any:
    from returnee_home.records.models import Channel, ServiceRecord
    from returnee_home.records.tests.factories import ServiceItemFactory

    item = ServiceItemFactory(title_zh="申请人才公寓补贴", title_en="Talent apartment subsidy")
    return ServiceRecord.objects.create(
        person=province.people["talent"],
        home=province.nanjing_home,
        item=item,
        channel=Channel.COUNTER,
        served_on=timezone.localdate() - dt.timedelta(days=1),
        source_type="tests.visit",
        source_id="1",
    )


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_poor_rating_followed_up_then_rated_again(
    new_context: Any, province: Province, live_server: Any, prefix: str
) -> None:
    from returnee_home.records.models import FollowUp, Rating

    words = WORDS[prefix]
    record = _served(province)
    base = live_server.url + prefix

    talent = new_context().new_page()
    sign_in_as(talent.context, live_server.url, province.people["talent"])
    talent.goto(f"{base}/records/mine/")
    _look(talent, f"{prefix}/records/mine")
    talent.get_by_role("link", name=words["rate"]).click()
    talent.get_by_label(words["dissatisfied"], exact=True).check()
    talent.locator("textarea[name=comment]").fill("排队时间太长。")
    _look(talent, f"{prefix}/records/rate")
    talent.get_by_role("button", name=words["send"]).click()
    expect(talent.get_by_text(words["thanks"])).to_be_visible()
    follow_up = FollowUp.objects.get(rating__record=record)

    manager = new_context().new_page()
    sign_in_as(manager.context, live_server.url, province.people["manager"])
    manager.goto(f"{base}/records/follow-ups/")
    _look(manager, f"{prefix}/records/follow-ups")
    manager.locator(f"a[href$='/records/follow-ups/{follow_up.pk}/']").first.click()
    _look(manager, f"{prefix}/records/follow-up")
    manager.locator("textarea[name=note]").fill("已电话联系本人。")
    manager.get_by_role("button", name=words["save_contact"]).click()
    manager.locator("textarea[name=note]").fill("已增开高峰窗口。")
    manager.get_by_role("button", name=words["resolve"]).click()
    expect(manager.get_by_text(words["resolved"]).first).to_be_visible()
    _look(manager, f"{prefix}/records/follow-up-resolved")
    manager.goto(f"{base}/records/statistics/")
    _look(manager, f"{prefix}/records/statistics")

    talent.goto(f"{base}/records/mine/")
    talent.get_by_role("link", name=words["rate_again"]).click()
    talent.get_by_label(words["satisfied"], exact=True).check()
    talent.get_by_role("button", name=words["send"]).click()
    expect(talent.get_by_text(words["thanks"])).to_be_visible()
    _look(talent, f"{prefix}/records/rated-again")
    assert list(Rating.objects.filter(record=record).values_list("round", "level")) == [
        (1, 2),
        (2, 4),
    ]
