"""The service alliance journey: a partner applies, the city admin approves, the partner lists
an offering and it shows on the public alliance page and on the Home's offerings include;
every page passes the accessibility audit, in both languages."""

import re
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
