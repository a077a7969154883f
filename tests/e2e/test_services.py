"""A talent requests a service online with an upload; the Home's staff ask for more, the
talent supplements, the staff complete it. Both languages, axe on every page, phone width."""

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

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SHOTS = os.environ.get("SERVICES_SHOTS", "")


def _look(page: Page, label: str) -> None:
    """Accessibility audit; at phone width no sideways scrolling; screenshots on request."""
    assert_accessible(page, label)
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        name = label.replace("/", "_").replace(" ", "_")
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)
    size = page.viewport_size
    page.set_viewport_size({"width": 390, "height": 844})
    assert_no_horizontal_scroll(page)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}-390.png", full_page=True)
    if size:
        page.set_viewport_size(size)


def _catalogue(province: Province) -> Any:
    from returnee_home.services.models import HomeOffering
    from returnee_home.services.tests.factories import ServiceItemFactory, ServiceMaterialFactory

    item = ServiceItemFactory(
        slug="talent-apartment",
        title_zh="申请人才公寓补贴",
        title_en="Talent apartment subsidy",
        summary_zh="符合条件的留学回国人员可申请人才公寓租房补贴。",
        summary_en="Eligible returnees can claim a rent subsidy for talent apartments.",
        eligibility_zh="在南京就业的留学回国人员。",
        eligibility_en="Returnees employed in Nanjing.",
        time_limit_days=5,
    )
    ServiceMaterialFactory(item=item, name_zh="身份证", name_en="ID card", original_required=True)
    ServiceMaterialFactory(item=item, name_zh="租赁合同", name_en="Lease", is_required=False)
    offering = HomeOffering.objects.create(home=province.nanjing_home, item=item)
    offering.windows.set(province.nanjing_home.windows.all())
    return item


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_request_supplement_complete(
    new_context: Any, live_server: Any, province: Province, prefix: str
) -> None:
    zh = not prefix
    item = _catalogue(province)
    base = f"{live_server.url}{prefix}"

    talent_ctx = new_context()
    sign_in_as(talent_ctx, live_server.url, province.people["talent"])
    talent = talent_ctx.new_page()
    talent.goto(f"{base}/services/?q={'人才公寓' if zh else 'apartment'}")
    expect(talent.locator("main")).to_contain_text(item.title_zh if zh else item.title_en)
    _look(talent, f"{prefix or '/zh'} catalogue")
    talent.get_by_role("link", name=item.title_zh if zh else item.title_en).click()
    expect(talent.locator("h1")).to_have_text(item.title_zh if zh else item.title_en)
    _look(talent, f"{prefix or '/zh'} item")
    talent.get_by_role("link", name="网上申请" if zh else "Apply online").first.click()
    _look(talent, f"{prefix or '/zh'} request form")
    talent.fill("textarea[name=description]", "我在南京工作，申请租房补贴。")
    required_input = talent.locator("input[type=file]").first
    required_input.set_input_files(
        {"name": "id-card.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    talent.get_by_role("button", name="提交申请" if zh else "Submit the request").click()
    expect(talent.locator(".messages")).to_contain_text(province.nanjing_home.code)
    request_url = talent.url
    _look(talent, f"{prefix or '/zh'} my request submitted")

    staff_ctx = new_context()
    sign_in_as(staff_ctx, live_server.url, province.people["staff"])
    staff = staff_ctx.new_page()
    staff.goto(f"{base}/services/workbench/{province.nanjing_home.pk}/")
    _look(staff, f"{prefix or '/zh'} workbench")
    staff.locator("table a").first.click()
    _look(staff, f"{prefix or '/zh'} staff request")
    staff.fill("#id_ask_more_message", "请补充租赁合同。" if zh else "Please add your lease.")
    staff.get_by_role("button", name="要求补正材料" if zh else "Ask for more material").click()
    expect(staff.locator(".messages")).to_be_visible()

    talent.goto(request_url)
    expect(talent.locator("main")).to_contain_text(
        "请补充租赁合同" if zh else "Please add your lease"
    )
    _look(talent, f"{prefix or '/zh'} my request needs more")
    talent.locator("input[type=file]").nth(1).set_input_files(
        {"name": "lease.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    talent.get_by_role("button", name="提交补正材料" if zh else "Send the supplement").click()
    expect(talent.locator(".messages")).to_be_visible()

    staff.reload()
    staff.fill("#id_complete_message", "补贴已核定。" if zh else "Subsidy approved.")
    staff.get_by_role("button", name="办结" if zh else "Complete", exact=True).click()
    expect(staff.locator(".messages")).to_be_visible()
    _look(staff, f"{prefix or '/zh'} staff request completed")

    talent.goto(request_url)
    expect(talent.locator("main")).to_contain_text("已办结" if zh else "Completed")
    _look(talent, f"{prefix or '/zh'} my request completed")
    talent.goto(f"{base}/services/my/")
    _look(talent, f"{prefix or '/zh'} my requests")
