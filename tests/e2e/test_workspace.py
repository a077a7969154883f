"""Home staff sign in with their password and a TOTP code and reach the workspace; every role's
workspace home page passes the accessibility audit in both languages."""

import re
import time
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    LANGUAGES,
    PASSWORD,
    Province,
    assert_accessible,
    path_of,
    sign_in_as,
)

pytestmark = pytest.mark.e2e

DEMO_SECRET = "JBSWY3DPEHPK3PXP"  # activate_totp's default: the demo secret
ROLES = ["talent", "employer", "recommender", "staff", "manager", "city", "province", "expert",
         "partner"]  # fmt: skip


def totp_code() -> str:
    return format_hotp_value(hotp_value(DEMO_SECRET, int(time.time()) // 30))


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_staff_sign_in_with_totp_reaches_the_workspace(
    page: Page, live_server: Any, province: Province, prefix: str
) -> None:
    staff = province.people["staff"]
    # Signing in applies the person's own language: this one chose the page's.
    staff.preferred_language = "en" if prefix else "zh-hans"
    staff.save(update_fields=["preferred_language"])
    page.goto(f"{live_server.url}{prefix}/workspace/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    assert_accessible(page, "login page")
    page.fill("input[name=login]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form:has(input[name=password]) [type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    assert_accessible(page, "two-factor page")
    page.fill("input[name=code]", totp_code())
    # The first button signs in; the second ("Cancel") signs out.
    page.locator("form:has(input[name=code]) [type=submit]").first.click()
    expect(page).to_have_url(re.compile(rf"{prefix}/workspace/$"))
    expect(page.locator("main")).to_contain_text(
        province.nanjing_home.name_en if prefix else province.nanjing_home.name_zh
    )
    assert_accessible(page, f"{prefix}/workspace/ (staff)")


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_every_workspace_home_page_is_accessible(
    new_context: Any, live_server: Any, province: Province, prefix: str
) -> None:
    failures = []
    for role in ROLES:
        context = new_context()
        sign_in_as(context, live_server.url, province.people[role])
        page = context.new_page()
        response = page.goto(f"{live_server.url}{prefix}/workspace/")
        assert response is not None
        if response.status != 200 or path_of(page.url) != f"{prefix}/workspace/":
            failures.append(f"{role}: {prefix}/workspace/ → HTTP {response.status} {page.url}")
            continue
        try:
            assert_accessible(page, f"{prefix}/workspace/ as {role}")
        except AssertionError as exc:
            failures.append(str(exc))
        context.close()
    assert not failures, "\n\n".join(failures)
