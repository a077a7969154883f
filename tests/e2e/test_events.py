"""A talent finds an event in the calendar and registers; a second person hits the waiting
list, is offered the place when the first cancels and takes it; the Home's staff check them in
on a phone by typing the code, and add a walk-in. Both languages, axe on every page, phone
width checked (the check-in desk is used on a phone)."""

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    LANGUAGES,
    Province,
    assert_accessible,
    assert_no_horizontal_scroll,
    sign_in_as,
)

pytestmark = pytest.mark.e2e
SHOTS = os.environ.get("EVENTS_SHOTS", "")
PHONE = {"width": 390, "height": 844}


def _look(page: Page, label: str) -> None:
    """Accessibility audit; at phone width no sideways scrolling; screenshots on request."""
    assert_accessible(page, label)
    name = label.replace("/", "_").replace(" ", "_")
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)
    size = page.viewport_size
    page.set_viewport_size(PHONE)
    assert_no_horizontal_scroll(page)
    assert_accessible(page, f"{label} at 390 px")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}-390.png", full_page=True)
    if size:
        page.set_viewport_size(size)


def _event(province: Province) -> Any:
    from django.utils import timezone

    from returnee_home.events.tests.factories import EventFactory

    soon = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(hours=1)
    return EventFactory(
        home=province.nanjing_home,
        kind="policy_briefing",
        title_zh="留学人员落户政策宣讲会",
        title_en="Briefing on residence registration for returnees",
        starts_at=soon,
        ends_at=soon + dt.timedelta(hours=2),
        capacity=1,
        languages=["zh", "en"],
    )


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_register_wait_promoted_and_checked_in(
    new_context: Any, live_server: Any, province: Province, prefix: str
) -> None:
    from returnee_home.accounts.tests.factories import UserFactory
    from returnee_home.events.models import Registration
    from returnee_home.records.models import ServiceRecord

    zh = not prefix
    lang = prefix or "/zh"
    event = _event(province)
    base = f"{live_server.url}{prefix}"
    title = event.title_zh if zh else event.title_en

    # The first talent finds the event in the calendar and registers.
    first_ctx = new_context()
    sign_in_as(first_ctx, live_server.url, province.people["talent"])
    first = first_ctx.new_page()
    first.goto(f"{base}/events/")
    _look(first, f"{lang}/events calendar")
    first.get_by_role("link", name=title).click()
    expect(first.get_by_role("heading", level=1)).to_have_text(title)
    expect(first.get_by_text("免费" if zh else "Free of charge").first).to_be_visible()
    _look(first, f"{lang}/events detail")
    first.get_by_role("button", name="报名" if zh else "Register", exact=True).click()
    expect(first.get_by_text("报名成功" if zh else "You are registered")).to_be_visible()
    first_registration = Registration.objects.get(user=province.people["talent"])
    expect(first.locator(".ticket-code")).to_have_text(first_registration.code)
    expect(first.locator(".ticket-qr svg")).to_be_visible()
    _look(first, f"{lang}/events ticket")

    # A second person finds the event full and joins the waiting list.
    second_person = UserFactory(full_name="周明" if zh else "Zhou Ming")
    second_ctx = new_context()
    sign_in_as(second_ctx, live_server.url, second_person)
    second = second_ctx.new_page()
    second.goto(f"{base}/events/{event.pk}/")
    expect(second.get_by_text("名额已满" if zh else "The event is full").first).to_be_visible()
    second.get_by_role("button", name="加入候补名单" if zh else "Join the waiting list").click()
    expect(
        second.get_by_text("您已进入候补名单" if zh else "you are on the waiting list").first
    ).to_be_visible()
    _look(second, f"{lang}/events waiting")

    # The first cancels; the second is offered the place and takes it.
    first.get_by_role("button", name="取消报名" if zh else "Cancel my registration").click()
    expect(
        first.get_by_text("您的报名已取消" if zh else "Your registration has been cancelled")
    ).to_be_visible()
    second.reload()
    expect(
        second.get_by_role("heading", name="有名额可供您递补" if zh else "A place is free for you")
    ).to_be_visible()
    _look(second, f"{lang}/events offer")
    second.get_by_role("button", name="确认参加" if zh else "Take the place").click()
    expect(second.get_by_text("名额已为您确认" if zh else "The place is yours")).to_be_visible()
    code = Registration.objects.get(user=second_person).code
    expect(second.locator(".ticket-code")).to_have_text(code)

    # The staff check the second person in on a phone, then add a walk-in.
    staff_ctx = new_context(viewport=PHONE)
    sign_in_as(staff_ctx, live_server.url, province.people["staff"])
    desk = staff_ctx.new_page()
    desk.goto(f"{base}/events/manage/{event.pk}/check-in/")
    assert_no_horizontal_scroll(desk)
    assert_accessible(desk, f"{lang}/events check-in desk (phone)")
    desk.get_by_label("签到码" if zh else "Check-in code").fill(code.lower())
    desk.get_by_role("button", name="签到" if zh else "Check in", exact=True).click()
    expect(desk.get_by_text("签到成功" if zh else "Checked in:")).to_be_visible()
    expect(desk.locator(".checkin-recent")).to_contain_text(second_person.full_name)
    desk.locator("details summary").click()
    desk.locator("input[name=name]").fill("王建国")
    desk.get_by_role("button", name="登记并签到" if zh else "Add and check in").click()
    expect(desk.locator(".checkin-recent")).to_contain_text("王建国")
    assert_no_horizontal_scroll(desk)
    assert_accessible(desk, f"{lang}/events check-in after (phone)")
    if SHOTS:
        desk.screenshot(path=f"{SHOTS}/{lang.strip('/')}_checkin-390.png", full_page=True)
    records = ServiceRecord.objects.filter(channel="event", home=province.nanjing_home)
    assert records.count() == 2
    assert set(records.values_list("person_name", flat=True)) >= {"王建国"}

    # The month view shows the event on its day.
    first.goto(f"{base}/events/month/")
    expect(first.locator(".month-grid").get_by_text(title)).to_be_visible()
    _look(first, f"{lang}/events month")


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_staff_create_and_publish_an_event(
    new_context: Any, live_server: Any, province: Province, prefix: str
) -> None:
    from django.utils import timezone

    from returnee_home.events.models import Event, EventStatus

    zh = not prefix
    lang = prefix or "/zh"
    base = f"{live_server.url}{prefix}"
    ctx = new_context()
    sign_in_as(ctx, live_server.url, province.people["staff"])
    page = ctx.new_page()
    page.goto(f"{base}/events/manage/")
    _look(page, f"{lang}/events manage list")
    page.get_by_role("link", name="新建活动" if zh else "New event").click()
    _look(page, f"{lang}/events new")
    start = timezone.localtime(timezone.now() + dt.timedelta(days=14)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )
    page.locator("select[name=kind]").select_option("training")
    page.locator("input[name=title_zh]").fill("海归创业能力培训班")
    page.locator("input[name=title_en]").fill("Start-up skills training for returnees")
    page.locator("textarea[name=description_zh]").fill("为期半天的创业能力培训。")
    page.locator("input[name=starts_at]").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.locator("input[name=ends_at]").fill(
        (start + dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    )
    page.locator("input[name=venue_zh]").fill("南京市鼓楼区中山北路251号三楼")
    page.locator("input[name=capacity]").fill("30")
    page.get_by_label("中文" if zh else "Chinese", exact=True).check()
    page.get_by_role("button", name="保存" if zh else "Save", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "海归创业能力培训班" if zh else "Start-up skills training for returnees"
    )
    _look(page, f"{lang}/events manage")
    event = Event.objects.get(title_zh="海归创业能力培训班")
    assert event.status == EventStatus.DRAFT and timezone.localtime(event.starts_at).hour == 14
    page.get_by_role("button", name="立即发布" if zh else "Publish now").click()
    expect(page.get_by_text("已发布" if zh else "Published").first).to_be_visible()
    assert Event.objects.get(pk=event.pk).status == EventStatus.PUBLISHED
    page.goto(f"{base}/events/?kind=training")
    expect(
        page.get_by_role(
            "link", name="海归创业能力培训班" if zh else "Start-up skills training for returnees"
        )
    ).to_be_visible()
