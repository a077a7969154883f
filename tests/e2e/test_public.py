"""A visitor's journey through the public portal, in Chinese and in English, with an axe audit of
every page passed; the same pages at a phone's width."""

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    LANGUAGES,
    Province,
    assert_accessible,
    assert_no_horizontal_scroll,
    path_of,
)

pytestmark = pytest.mark.e2e


def assert_static_files_served(page: Page, base: str) -> None:
    """The live server serves the page's stylesheets and scripts (and the page uses them)."""
    urls = page.eval_on_selector_all(
        "link[rel=stylesheet][href], script[src]", "els => els.map(e => e.href || e.src)"
    )
    assert urls, "the page links no stylesheet or script"
    for url in urls:
        response = page.request.get(url)
        assert response.status == 200, f"{url}: HTTP {response.status}"
    assert page.evaluate("() => document.styleSheets.length") >= 1


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_visitor_finds_a_home_and_switches_language(
    page: Page, live_server: Any, province: Province, prefix: str
) -> None:
    base = live_server.url
    home = province.nanjing_home
    page.goto(f"{base}{prefix}/")
    expect(page.locator("html")).to_have_attribute("lang", "en" if prefix else "zh-Hans")
    expect(page.locator("h1")).to_be_visible()
    assert_static_files_served(page, base)
    assert_accessible(page, f"{prefix}/ (home page)")

    page.locator(f"#site-nav a[href='{prefix}/homes/']").first.click()
    expect(page).to_have_url(re.compile(rf"{prefix}/homes/$"))
    assert_accessible(page, f"{prefix}/homes/ (directory)")
    expect(page.get_by_text(province.suzhou_home.name_zh if not prefix else
                            province.suzhou_home.name_en)).to_be_visible()  # fmt: skip

    page.select_option("select[name=city]", "nanjing")
    page.locator("form.filters [type=submit]").click()
    expect(page).to_have_url(re.compile(r"[?&]city=nanjing"))
    name = home.name_en if prefix else home.name_zh
    expect(page.get_by_role("link", name=name)).to_be_visible()
    suzhou = province.suzhou_home.name_en if prefix else province.suzhou_home.name_zh
    expect(page.get_by_text(suzhou)).to_have_count(0)
    expect(page.get_by_text(province.preparing_home.name_zh)).to_have_count(0)
    assert_accessible(page, f"{prefix}/homes/?city=nanjing")

    page.get_by_role("link", name=name).click()
    expect(page).to_have_url(re.compile(rf"{prefix}/homes/{home.slug}/$"))
    expect(page.locator("h1")).to_contain_text(name)
    expect(page.locator("main")).to_contain_text(home.plaque_number)
    assert_accessible(page, f"{prefix}/homes/{home.slug}/")

    other = "zh-hans" if prefix else "en"
    page.locator(f".language-switch a[hreflang='{other}']").click()
    other_prefix = "" if prefix else "/en"
    expect(page).to_have_url(re.compile(rf"{other_prefix}/homes/{home.slug}/$"))
    assert path_of(page.url) == f"{other_prefix}/homes/{home.slug}/"
    expect(page.locator("html")).to_have_attribute("lang", "en" if other_prefix else "zh-Hans")
    expect(page.locator("h1")).to_contain_text(home.name_en if other_prefix else home.name_zh)


PUBLIC_PAGES = [
    "/",
    "/homes/",
    "/homes/nanjing-talent-centre/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/account/privacy/",
    "/no-such-page/",
]


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_public_pages_are_accessible(
    page: Page, live_server: Any, province: Province, prefix: str
) -> None:
    failures = []
    for path in PUBLIC_PAGES:
        response = page.goto(f"{live_server.url}{prefix}{path}")
        assert response is not None
        expected = 404 if path.startswith("/no-such") else 200
        if response.status != expected:
            failures.append(f"{prefix}{path}: HTTP {response.status}")
            continue
        try:
            assert_accessible(page, f"{prefix}{path}")
        except AssertionError as exc:
            failures.append(str(exc))
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_phone_width_has_no_horizontal_scroll(
    new_context: Any, live_server: Any, province: Province, prefix: str
) -> None:
    phone = new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
        has_touch=True,
    )  # fmt: skip
    page = phone.new_page()
    for path in ("/", "/homes/", f"/homes/{province.nanjing_home.slug}/"):
        page.goto(f"{live_server.url}{prefix}{path}")
        assert_no_horizontal_scroll(page)
    # The menu opens from its toggle on a phone and reaches the directory.
    page.goto(f"{live_server.url}{prefix}/")
    toggle = page.locator(".nav-toggle")
    if toggle.is_visible():
        toggle.click()
    page.locator(f"#site-nav a[href='{prefix}/homes/']").first.click()
    expect(page).to_have_url(re.compile(rf"{prefix}/homes/$"))
    assert_no_horizontal_scroll(page)
