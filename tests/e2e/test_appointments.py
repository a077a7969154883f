"""A talent books an appointment; the Home's staff check them in by code, call, serve and close
the visit with the item handled. Both languages, axe on every page, phone width checked."""

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
SHOTS = os.environ.get("APPOINTMENTS_SHOTS", "")


def _look(page: Page, label: str) -> None:
    """Accessibility audit; at phone width no sideways scrolling; screenshots on request."""
    assert_accessible(page, label)
    name = label.replace("/", "_").replace(" ", "_")
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)
    size = page.viewport_size
    page.set_viewport_size({"width": 390, "height": 844})
    assert_no_horizontal_scroll(page)
    assert_accessible(page, f"{label} at 390 px")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}-390.png", full_page=True)
    if size:
        page.set_viewport_size(size)


def _desk(province: Province) -> tuple[Any, Any]:
    """An item offered at the Nanjing Home's window 1, weekly hours, and a free slot soon."""
    from django.utils import timezone

    from returnee_home.appointments.tests.factories import (
        OfferingFactory,
        SlotFactory,
        WeeklyScheduleFactory,
    )
    from returnee_home.records.tests.factories import ServiceItemFactory

    home = province.nanjing_home
    window = home.windows.get(number=1)
    item = ServiceItemFactory(title_zh="就业指导咨询", title_en="Employment guidance")
    OfferingFactory(home=home, item=item).windows.add(window)
    WeeklyScheduleFactory(window=window, weekday=0)
    soon = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(minutes=30)
    slot = SlotFactory(window=window, starts_at=soon, ends_at=soon + dt.timedelta(minutes=30))
    return item, slot


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_book_check_in_serve_close(
    new_context: Any, live_server: Any, province: Province, prefix: str
) -> None:
    from django.utils import timezone

    from returnee_home.appointments.models import Booking, BookingStatus
    from returnee_home.records.models import ServiceRecord

    zh = not prefix
    lang = prefix or "/zh"
    item, slot = _desk(province)
    home = province.nanjing_home
    base = f"{live_server.url}{prefix}"
    day = timezone.localdate(slot.starts_at).isoformat()

    talent_ctx = new_context()
    sign_in_as(talent_ctx, live_server.url, province.people["talent"])
    talent = talent_ctx.new_page()
    talent.goto(f"{base}/appointments/book/")
    _look(talent, f"{lang} book start")
    talent.goto(f"{base}/appointments/book/?home={home.pk}&item={item.pk}&day={day}")
    _look(talent, f"{lang} book free times")
    talent.locator("input[name=slot]").first.check()
    talent.get_by_role("button", name="预约这个时段" if zh else "Book this time").click()
    expect(talent.locator(".messages")).to_contain_text("预约成功" if zh else "is booked")
    booking = Booking.objects.get()
    expect(talent.locator(".appt-code-large")).to_have_text(booking.code)
    _look(talent, f"{lang} booking confirmation")

    staff_ctx = new_context()
    sign_in_as(staff_ctx, live_server.url, province.people["staff"])
    staff = staff_ctx.new_page()
    staff.goto(f"{base}/appointments/counter/{home.pk}/")
    _look(staff, f"{lang} counter empty")
    staff.fill("#id_code", booking.code.lower())
    staff.get_by_role("button", name="签到" if zh else "Check in", exact=True).click()
    expect(staff.locator(".messages")).to_contain_text("1")
    staff.get_by_role("button", name="叫下一位" if zh else "Call next").click()
    expect(staff.locator(".appt-queue-list")).to_contain_text("已叫号" if zh else "Called")
    _look(staff, f"{lang} counter called")
    staff.get_by_role("button", name="办理 1 号" if zh else "Serve number 1").click()
    expect(staff.locator("h1")).to_contain_text("办结 1 号" if zh else "Close number 1")
    _look(staff, f"{lang} close visit")
    expect(staff.locator("input[name=items]").first).to_be_checked()
    staff.get_by_role("button", name="办结" if zh else "Close the visit", exact=True).click()
    expect(staff.locator(".messages")).to_contain_text("已办结" if zh else "is served")
    _look(staff, f"{lang} counter after close")

    assert Booking.objects.get().status == BookingStatus.ATTENDED
    assert ServiceRecord.objects.filter(channel="counter", item=item).count() == 1

    talent.goto(f"{base}/appointments/")
    expect(talent.locator("main")).to_contain_text("已办理" if zh else "Attended")
    _look(talent, f"{lang} my appointments")

    # The queue refreshes itself: a visitor checked in at another desk appears without a reload,
    # and call-next still works on it.
    from returnee_home.appointments import actions

    staff.goto(f"{base}/appointments/counter/{home.pk}/")
    expect(staff.locator("#queue-live")).to_contain_text(
        "当前无人等候" if zh else "Nobody is waiting"
    )
    actions.visit_walk_in(actor=None, home=home, name="Walk-in Zhao")
    expect(staff.locator("#queue-live .appt-queue-list")).to_contain_text(
        "Walk-in Zhao", timeout=15_000
    )
    staff.get_by_role("button", name="叫下一位" if zh else "Call next").click()
    expect(staff.locator(".appt-queue-list")).to_contain_text("已叫号" if zh else "Called")
    _look(staff, f"{lang} counter queue refreshed")
