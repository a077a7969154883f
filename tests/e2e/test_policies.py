"""The policy library in the browser: a province admin imports the seed notice (Simplified,
then Traditional with readings, then the English rendering) and it is found by a Chinese and
an English query; a talent sees the benefits they may qualify for, with the reasons. Both
languages, axe on every page, no sideways scrolling at phone width."""

import os
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    LANGUAGES,
    Province,
    assert_accessible,
    assert_no_horizontal_scroll,
    sign_in_as,
)

pytestmark = pytest.mark.e2e

SEED = Path(settings.BASE_DIR).parent / "shared" / "seed"
SHOTS = os.environ.get("POLICIES_SHOTS", "")


def _look(page: Page, label: str) -> None:
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


@pytest.fixture(autouse=True)
def _themes(transactional_db: Any) -> None:
    from returnee_home.policies.reference import ensure_themes

    ensure_themes()


@pytest.mark.skipif(not SEED.exists(), reason="shared seed files not present")
@pytest.mark.parametrize("prefix", LANGUAGES)
def test_import_seed_and_find_it(
    new_context: Any, live_server: Any, province: Province, prefix: str
) -> None:
    zh = not prefix
    base = f"{live_server.url}{prefix}"
    context = new_context()
    sign_in_as(context, live_server.url, province.people["province"])
    page = context.new_page()
    page.goto(f"{base}/policies/manage/import/")
    _look(page, f"{prefix or '/zh'} import")
    page.set_input_files(
        "input[type=file]",
        [
            str(SEED / "notice-2020-212.zh-hans.txt"),
            str(SEED / "notice-2020-212.zh.txt"),
            str(SEED / "notice-2020-212.en.md"),
        ],
    )
    page.get_by_role("button", name="导入" if zh else "Import", exact=True).click()
    report = page.locator(".import-report")
    expect(report).to_contain_text("已作为新政策导入" if zh else "Imported as a new policy")
    expect(report).to_contain_text("另一份原文" if zh else "in another script")
    expect(report).to_contain_text("英文译本已附" if zh else "English rendering attached")
    _look(page, f"{prefix or '/zh'} import report")
    # A bad file gets a report naming the line; nothing else changes.
    bad = SEED / "notice-2020-212.zh-hans.txt"
    broken = bad.read_text("utf-8").replace("省级", "星级")
    page.set_input_files(
        "input[type=file]",
        {"name": "broken.txt", "mimeType": "text/plain", "buffer": broken.encode()},
    )
    page.get_by_role("button", name="导入" if zh else "Import", exact=True).click()
    expect(page.locator(".import-problems")).to_contain_text("第 2 行" if zh else "Line 2")

    visitor = new_context().new_page()
    visitor.goto(f"{base}/policies/")
    visitor.get_by_role("searchbox").fill("留学人员之家")
    visitor.get_by_role("button", name="搜索" if zh else "Search", exact=True).click()
    hit = visitor.locator(".policy-hit").first
    expect(hit).to_contain_text("苏人社函〔2020〕212号")
    expect(hit.locator("mark").first).to_be_visible()
    _look(visitor, f"{prefix or '/zh'} search zh")
    visitor.goto(f"{base}/policies/?q=Home+for+Returned+Overseas+Students")
    expect(visitor.locator(".policy-hit").first).to_contain_text("苏人社函〔2020〕212号")
    visitor.locator(".policy-hit h3 a").first.click()
    expect(visitor.locator("h1")).to_contain_text("江苏省留学人员之家")
    if not zh:
        expect(visitor.locator(".policy-text-en")).to_contain_text("one-stop service platform")
    _look(visitor, f"{prefix or '/zh'} policy page")


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_talent_sees_benefits_with_reasons(
    new_context: Any, live_server: Any, province: Province, prefix: str
) -> None:
    from returnee_home.core.models import DegreeLevel
    from returnee_home.policies.models import ConditionKind
    from returnee_home.policies.tests.factories import BenefitFactory, condition

    zh = not prefix
    benefit = BenefitFactory(
        title_zh="青年留学人员租房补贴", title_en="Rent subsidy for young returnees"
    )
    condition(
        benefit, ConditionKind.DEGREE_MIN, degree_level=DegreeLevel.objects.get(code="master")
    )
    condition(benefit, ConditionKind.AGE_MAX, number=45)
    condition(benefit, ConditionKind.STARTUP_FOUNDER)
    context = new_context()
    sign_in_as(context, live_server.url, province.people["talent"])
    page = context.new_page()
    page.goto(f"{live_server.url}{prefix}/policies/benefits/")
    card = page.locator(".benefit-result").first
    expect(card).to_contain_text(benefit.title_zh if zh else benefit.title_en)
    expect(card.locator(".reasons-met")).to_contain_text(
        "周岁的年龄限制" if zh else "age limit of 45"
    )
    expect(card.locator(".reasons-unknown")).to_contain_text("创办" if zh else "start-up")
    _look(page, f"{prefix or '/zh'} benefits")
    visitor = new_context().new_page()
    visitor.goto(f"{live_server.url}{prefix}/policies/benefits/")
    visitor.get_by_label("出生年份" if zh else "Year of birth").fill("1996")
    visitor.get_by_role("button", name="测算待遇" if zh else "Check benefits").click()
    expect(visitor.locator(".benefit-result").first).to_contain_text(
        benefit.title_zh if zh else benefit.title_en
    )
    _look(visitor, f"{prefix or '/zh'} questionnaire")
