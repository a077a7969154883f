"""A visitor without an account asks a Home a question from the Home's page link (the Home is
chosen already), confirms their e-mail address by the link sent to it; the Home's staff answer
and publish the question, with the asker's consent, to the item's FAQ; the visitor reads the
answer through the private link. Both languages, axe on every page, phone width checked."""

import os
import re
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
SHOTS = os.environ.get("CONSULTATIONS_SHOTS", "")


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


def _private_link(live_server_url: str, address: str) -> str:
    from django.core import mail

    [message] = [m for m in mail.outbox if address in m.to]
    path = re.search(r"(/(?:en/)?consultations/q/[^/\s]+/)", message.body)
    assert path, message.body
    return f"{live_server_url}{path.group(1)}"


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_ask_confirm_answer_read_and_publish(
    new_context: Any, live_server: Any, province: Province, prefix: str
) -> None:
    from django.core import mail

    from returnee_home.consultations.models import Consultation
    from returnee_home.records.tests.factories import ServiceItemFactory
    from returnee_home.services.models import ServiceFaq

    zh = not prefix
    lang = prefix or "/zh"
    base = f"{live_server.url}{prefix}"
    home = province.nanjing_home
    item = ServiceItemFactory(
        title_zh="人才公寓补贴申请", title_en="Talent apartment subsidy", slug="apartment-subsidy"
    )
    mail.outbox.clear()
    address = f"visitor{lang.strip('/')}@example.org"

    visitor = new_context().new_page()
    visitor.goto(f"{base}/consultations/ask/?home={home.slug}")
    expect(visitor.locator("#id_home")).to_have_value(str(home.pk))
    expect(visitor.locator("main .lead").first).to_contain_text(home.name_zh if zh else "Nanjing")
    _look(visitor, f"{lang} ask prefilled")
    visitor.select_option("#id_category", str(item.category_id))
    visitor.select_option("#id_item", str(item.pk))
    visitor.fill("#id_subject", "人才公寓补贴" if zh else "Talent apartment subsidy")
    visitor.fill(
        "#id_question",
        "博士回国后多久可以申请人才公寓补贴？" if zh else "When can a returning PhD apply?",
    )
    visitor.fill("#id_name", "王同学" if zh else "Alex Wang")
    visitor.fill("#id_email", address)
    visitor.check("#id_consent_to_publish")
    visitor.get_by_role("button", name="提交咨询" if zh else "Send the question").click()
    expect(visitor.locator("h1")).to_be_visible()
    _look(visitor, f"{lang} check your e-mail")
    consultation = Consultation.objects.get(email=address)
    assert consultation.home == home and consultation.status == Consultation.Status.UNCONFIRMED
    assert consultation.consent_to_publish

    # The link in the e-mail confirms the address and shows the question, not yet answered.
    link = _private_link(live_server.url, address)
    visitor.goto(link)
    expect(visitor.locator("main")).to_contain_text("尚未答复" if zh else "Not answered yet")
    _look(visitor, f"{lang} private link before the answer")
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.OPEN

    staff_ctx = new_context()
    sign_in_as(staff_ctx, live_server.url, province.people["staff"])
    staff = staff_ctx.new_page()
    staff.goto(f"{base}/consultations/workbench/")
    _look(staff, f"{lang} consultation workbench")
    staff.get_by_role("link", name=consultation.subject).click()
    _look(staff, f"{lang} consultation to answer")
    answer = (
        "获得博士学位回国后三年内均可申请，请携带身份证和学位证书到窗口办理。"
        if zh
        else "Within three years of returning; bring your ID card and degree certificate."
    )
    staff.fill("#id_answer", answer)
    staff.get_by_role("button", name="提交答复" if zh else "Send the answer").click()
    expect(staff.locator("main")).to_contain_text(answer)
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.ANSWERED

    # Publish, anonymised, to the item's FAQ (the asker agreed).
    _look(staff, f"{lang} answered, publish form")
    staff.fill("#id_question_zh", "博士回国后多久可以申请人才公寓补贴？")
    staff.fill("#id_question_en", "When can a returning PhD apply for the apartment subsidy?")
    staff.fill("#id_answer_zh", "回国后三年内均可申请。")
    staff.fill("#id_answer_en", "Within three years of returning.")
    staff.get_by_role("button", name="公开" if zh else "Publish", exact=True).click()
    expect(staff.locator("main")).to_contain_text(
        "已公开为常见问题" if zh else "Published to the FAQ"
    )
    faq = ServiceFaq.objects.get(item=item)
    assert "王" not in faq.question_zh + faq.answer_zh

    # The visitor reads the answer through the private link (and the e-mail that says so).
    assert any(address in m.to and answer in m.body for m in mail.outbox)
    visitor.goto(link)
    expect(visitor.locator("main")).to_contain_text(answer)
    _look(visitor, f"{lang} private link with the answer")

    visitor.goto(f"{base}/services/items/{item.slug}/")
    expect(visitor.locator("details.faq summary")).to_contain_text(
        "多久可以申请" if zh else "When can a returning PhD"
    )
