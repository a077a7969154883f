"""Matching journey in both languages, with an accessibility audit of every page and the phone
width checked: a talent opens "matches for me", reads the explained parts of the best match
(a posting written in the other language), switches to strict matching, and dismisses a match
with a reason; the dismissed posting is not suggested again."""

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
SHOTS = os.environ.get("MATCHING_SHOTS", "")


def _look(page: Page, label: str) -> None:
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


def _matches(province: Province) -> tuple[Any, Any, Any]:
    from returnee_home.matching import actions
    from returnee_home.matching.taxonomy import load_taxonomy
    from returnee_home.matching.tests.factories import JobPostingFactory, degree, discipline
    from returnee_home.talent.models import TalentProfile

    load_taxonomy()
    profile = TalentProfile.objects.get(user=province.people["talent"])
    profile.skills = ["machine learning", "PyTorch", "computer vision"]
    profile.headline_en = "Machine learning researcher"
    profile.save()
    profile.educations.update(degree_level=degree("doctorate"), discipline=discipline("0812"))
    profile.desired_cities.set([province.nanjing_home.city])
    employer = province.people["employer"].memberships.get().organisation
    best = JobPostingFactory(
        employer=employer,
        title_zh="深度学习算法工程师",
        title_en="",
        skills=["机器学习", "深度学习", "PyTorch"],
        disciplines=[discipline("0812")],
        city=province.nanjing_home.city,
        salary_min=25_000,
        salary_max=40_000,
    )
    elsewhere = JobPostingFactory(
        employer=employer,
        title_zh="计算机视觉工程师（苏州）",
        title_en="Computer vision engineer (Suzhou)",
        skills=["计算机视觉", "C++"],
        city=province.suzhou_home.city,
    )
    actions.features_refresh(kind="posting", object_ids=[best.pk, elsewhere.pk])
    return profile, best, elsewhere


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_a_talent_sees_explained_matches_and_dismisses_one(
    province: Province, live_server: Any, new_context: Any, prefix: str, settings: Any
) -> None:
    from returnee_home.matching import engine
    from returnee_home.matching.models import MatchFeedback

    settings.MATCHING_SYNC_SECONDS = 0
    engine.forget_indexes()
    _profile, best, elsewhere = _matches(province)
    context = new_context()
    sign_in_as(context, live_server.url, province.people["talent"])
    page = context.new_page()
    english = prefix == "/en"

    page.goto(f"{live_server.url}{prefix}/matching/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Matches for me" if english else "为我匹配的岗位"
    )
    first = page.locator(".match-card").first
    expect(first.locator(".match-title")).to_have_text("深度学习算法工程师")
    expect(first.locator(".match-percent")).to_contain_text("%")
    expect(first).to_contain_text("Skills" if english else "技能")
    expect(first).to_contain_text("machine learning" if english else "机器学习")
    expect(first).to_contain_text("Discipline" if english else "学科")
    _look(page, f"matching{prefix or '/zh'}-mine")

    # Strict matching leaves out the posting outside the wanted city.
    page.get_by_label(
        "Strict: only what meets every condition" if english else "严格：只显示满足全部条件的结果"
    ).check()
    page.get_by_role("button", name="Show matches" if english else "查看匹配结果").click()
    expect(page.locator(f"#match-{elsewhere.pk}")).to_have_count(0)
    expect(page.locator(f"#match-{best.pk}")).to_have_count(1)
    page.get_by_label(
        "Broad: show near misses, ranked lower"
        if english
        else "宽泛：显示部分条件不符的结果，排序靠后"
    ).check()
    page.get_by_role("button", name="Show matches" if english else "查看匹配结果").click()
    card = page.locator(f"#match-{elsewhere.pk}")
    expect(card).to_have_count(1)

    # Dismiss it with a reason: the card is replaced by a notice, then gone for good.
    card.locator("summary").click()
    card.get_by_label("Why not?" if english else "原因").select_option("location")
    card.get_by_role("button", name="Dismiss" if english else "忽略").click()
    expect(
        page.get_by_role("status").filter(
            has_text="will not be suggested again" if english else "不会再推荐"
        )
    ).to_be_visible()
    assert MatchFeedback.objects.filter(object_id=elsewhere.pk, reason="location").exists()
    page.goto(f"{live_server.url}{prefix}/matching/")
    expect(page.locator(f"#match-{elsewhere.pk}")).to_have_count(0)
    expect(page.get_by_role("heading", name="Dismissed" if english else "已忽略")).to_be_visible()
    _look(page, f"matching{prefix or '/zh'}-after-dismiss")
