"""The service alliance journeys: a partner applies, the city admin approves, the partner lists
an offering and it shows on the public alliance page and on the Home's offerings include; a
Home refers a request to the partner, who accepts and reports back, and the talent follows it
on the request's timeline and rates the service. Every page passes the accessibility audit, in
both languages."""

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


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_partner_applies_city_approves_offering_goes_public(
    new_context: Any, live_server: Any, province: Province, prefix: str
) -> None:
    english = bool(prefix)
    partner, city_admin = province.people["partner"], province.people["city"]

    # 1. The partner applies for their organisation to join Nanjing's alliance.
    partner_context = new_context()
    sign_in_as(partner_context, live_server.url, partner)
    page: Page = partner_context.new_page()
    page.goto(f"{live_server.url}{prefix}/alliance/apply/")
    assert_accessible(page, "apply page")
    page.select_option("select[name=member_type]", "enterprise")
    page.check("input[name=scope][value=city]")
    page.fill("textarea[name=offer_zh]", "为留学人员提供跨境金融服务")
    page.fill("input[name=contact_name]", "王经理")
    page.fill("input[name=contact_phone]", "025-84420000")
    page.locator("form.card button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"{prefix}/alliance/mine/$"))
    expect(page.locator("main")).to_contain_text("Applied" if english else "已申请")
    assert_accessible(page, "my alliance (applied)")

    # 2. The city admin approves it.
    admin_context = new_context()
    sign_in_as(admin_context, live_server.url, city_admin)
    admin = admin_context.new_page()
    admin.goto(f"{live_server.url}{prefix}/alliance/manage/")
    assert_accessible(admin, "alliance applications")
    admin.locator("main table a").first.click()
    assert_accessible(admin, "application detail")
    admin.get_by_role("button", name="Approve" if english else "批准").click()
    expect(admin.locator("main")).to_contain_text("Approved" if english else "已批准")
    admin_context.close()

    # 3. The partner lists an offering for the Nanjing Home.
    page.goto(f"{live_server.url}{prefix}/alliance/mine/")
    page.get_by_role("link", name="Add an offering" if english else "添加服务资源").click()
    assert_accessible(page, "offering form")
    page.select_option("select[name=kind]", "service")
    page.fill("input[name=title_zh]", "留学人员跨境结汇绿色通道")
    page.fill("input[name=title_en]", "Fast-track currency exchange for returnees")
    page.fill("textarea[name=description_zh]", "凭留学回国人员证明在网点优先办理。")
    page.fill("input[name=contact_method]", "025-84420000")
    home = province.nanjing_home
    page.get_by_label(re.compile(re.escape(home.name_en if english else home.name_zh))).check()
    page.locator("form.offering-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"{prefix}/alliance/mine/$"))
    partner_context.close()

    # 4. A visitor sees it on the public alliance page, filtered by Nanjing, at both widths.
    title = "Fast-track currency exchange for returnees" if english else "留学人员跨境结汇绿色通道"
    for width in (1280, 390):
        visitor = new_context(viewport={"width": width, "height": 900})
        public = visitor.new_page()
        public.goto(f"{live_server.url}{prefix}/alliance/?city=nanjing")
        expect(public.locator("main")).to_contain_text(title)
        assert_accessible(public, f"public alliance page at {width}px")
        assert_no_horizontal_scroll(public)
        visitor.close()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SHOTS = os.environ.get("ALLIANCE_SHOTS", "")


def _look(page: Page, label: str) -> None:
    """Accessibility audit, no sideways scrolling at phone width; screenshots on request."""
    assert_accessible(page, label)
    name = label.replace("/", "_").replace(" ", "_")
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)
    size = page.viewport_size
    page.set_viewport_size({"width": 390, "height": 844})
    assert_no_horizontal_scroll(page)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}-390.png", full_page=True)
    if size:
        page.set_viewport_size(size)


def _accepted_request(province: Province) -> Any:
    """An approved partner with an offering for the Nanjing Home, and a talent's request there
    that the Home has accepted (the request journey itself is the services test)."""
    from returnee_home.alliance.tests.factories import AllianceMembershipFactory, OfferingFactory
    from returnee_home.orgs.models import Organisation
    from returnee_home.services import actions as service_actions
    from returnee_home.services.tests.factories import HomeOfferingFactory, ServiceItemFactory

    home = province.nanjing_home
    partner_org = Organisation.objects.get(name_zh="中国银行南京分行")
    member = AllianceMembershipFactory(organisation=partner_org)
    offering = OfferingFactory(
        member=member, title_zh="留学人员创业贷款咨询", title_en="Start-up loan advice"
    )
    offering.homes.set([home])
    item = ServiceItemFactory(title_zh="创业担保贷款申请", title_en="Start-up guaranteed loan")
    HomeOfferingFactory(home=home, item=item)
    request = service_actions.request_create(
        applicant=province.people["talent"],
        item=item,
        home=home,
        description="计划在南京创业，需要了解创业担保贷款。",
    )
    case = service_actions.request_accept(actor=province.people["staff"], request=request)
    return case, member, offering


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_home_refers_request_partner_reports_talent_rates(
    new_context: Any, live_server: Any, province: Province, prefix: str
) -> None:
    english = bool(prefix)
    base = f"{live_server.url}{prefix}"
    case, member, offering = _accepted_request(province)
    tag = prefix or "/zh"

    # 1. The Home's staff refer the request from its page to the bank (an alliance member).
    staff_context = new_context()
    sign_in_as(staff_context, live_server.url, province.people["staff"])
    staff = staff_context.new_page()
    staff.goto(f"{base}/services/workbench/requests/{case.pk}/")
    referrals_card = staff.locator("section.referral-card")
    expect(referrals_card).to_be_visible()
    referrals_card.locator("a.button").click()
    _look(staff, f"{tag} referral form")
    staff.select_option("select[name=member]", str(member.pk))
    staff.select_option("select[name=offering]", str(offering.pk))
    staff.fill("textarea[name=note]", "申请人计划创业，请提供创业贷款咨询并电话联系。")
    staff.locator("main form button[type=submit]").click()
    expect(staff.locator("section.referral-card")).to_contain_text(
        "Awaiting the partner" if english else "待成员答复"
    )
    _look(staff, f"{tag} staff request referred")

    # 2. The bank's contact sees it, accepts, then reports the service provided with a document.
    partner_context = new_context()
    sign_in_as(partner_context, live_server.url, province.people["partner"])
    partner = partner_context.new_page()
    partner.goto(f"{base}/alliance/referrals/")
    expect(partner.locator("main table")).to_contain_text(case.case_number)
    _look(partner, f"{tag} partner referrals")
    partner.get_by_role("link", name=case.case_number).click()
    _look(partner, f"{tag} partner referral sent")
    partner.fill("#id_accept-note", "明天上午联系申请人。")
    partner.locator("form:has(input[value=accept]) button[type=submit]").click()
    expect(partner.locator(".messages")).to_be_visible()
    partner.fill("#id_report_done-note", "已电话咨询并出具贷款方案。")
    partner.set_input_files(
        "#id_report_done-document",
        {"name": "loan-plan.pdf", "mimeType": "application/pdf", "buffer": PDF},
    )
    partner.locator("form:has(input[value=report_done]) button[type=submit]").click()
    expect(partner.locator("main")).to_contain_text("loan-plan.pdf")
    expect(partner.locator("main")).to_contain_text("Service provided" if english else "已提供服务")
    _look(partner, f"{tag} partner referral done")
    partner_context.close()

    # 3. The talent follows it on the request's timeline and rates the partner's service.
    talent_context = new_context()
    sign_in_as(talent_context, live_server.url, province.people["talent"])
    talent = talent_context.new_page()
    talent.goto(f"{base}/services/my/{case.pk}/")
    expect(talent.locator("main")).to_contain_text("中国银行南京分行")
    expect(talent.locator("main")).to_contain_text("已电话咨询并出具贷款方案")
    _look(talent, f"{tag} talent request timeline")
    from returnee_home.records.models import ServiceRecord

    record = ServiceRecord.objects.get(person=province.people["talent"])
    talent.goto(f"{base}/records/rate/{record.pk}/")
    talent.check("input[name=level][value='5']")
    talent.fill("textarea[name=comment]", "银行的咨询很专业。")
    talent.locator("main form button[type=submit]").click()
    expect(talent.locator(".messages")).to_be_visible()
    assert record.ratings.get().level == 5
    talent_context.close()

    # 4. Back at the Home: the request shows the referral done; completing the request counts
    #    the same person-time once.
    staff.reload()
    expect(staff.locator("section.referral-card")).to_contain_text(
        "Service provided" if english else "已提供服务"
    )
    staff_context.close()
