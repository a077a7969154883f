"""A person signs up with an e-mail address, confirms it through the link in the mail, signs
in and sees their account page — in Chinese and in English."""

import re
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from tests.e2e.conftest import LANGUAGES, assert_accessible, path_of

pytestmark = pytest.mark.e2e

CONFIRM_LINK = re.compile(r"https?://[^\s\"'<>]+/accounts/confirm-email/[^\s\"'<>]+")


def submit(page: Page, field: str) -> None:
    """Submit the form holding `field` with its first button (later ones may cancel)."""
    page.locator(f"main form:has([name={field}]) [type=submit]").first.click()


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_sign_up_confirm_sign_in_and_see_the_account(
    page: Page, live_server: Any, prefix: str
) -> None:
    base = live_server.url
    email = f"newcomer{'-en' if prefix else ''}@example.com"
    password = "Lantern-river-2026"
    mail.outbox.clear()

    page.goto(f"{base}{prefix}/accounts/signup/")
    assert_accessible(page, f"{prefix}/accounts/signup/")
    page.fill("input[name=email]", email)
    page.fill("input[name=password1]", password)
    page.fill("input[name=password2]", password)
    consent = page.locator("input[type=checkbox][name=accept_privacy]")
    if consent.count():
        consent.check()
    submit(page, "password1")
    page.wait_for_load_state()
    errors = page.locator(".errorlist, .error, [role=alert]")
    assert "/accounts/signup/" not in path_of(page.url) or not errors.count(), (
        f"sign-up refused: {errors.all_inner_texts()}"
    )
    assert_accessible(page, f"{page.url} (after sign-up)")

    messages = [m for m in mail.outbox if email in m.to]
    assert messages, "no confirmation mail was sent"
    body = messages[-1].body + "".join(
        str(content) for content, _type in getattr(messages[-1], "alternatives", [])
    )
    link = CONFIRM_LINK.search(body)
    assert link, f"no confirmation link in the mail:\n{body}"
    page.goto(link.group(0))
    assert_accessible(page, "confirm-email page")
    confirm = page.locator("main form[action*='/accounts/confirm-email/'] [type=submit]")
    if confirm.count():
        confirm.first.click()
        page.wait_for_load_state()

    # Sign out, then sign in with the new password.
    logout = page.locator("form[action*='/accounts/logout/'] [type=submit]")
    if logout.count():
        logout.first.click()
        page.wait_for_load_state()
    page.goto(f"{base}{prefix}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    submit(page, "password")
    page.wait_for_load_state()
    assert "/accounts/login/" not in path_of(page.url), "sign-in did not leave the login page"

    page.goto(f"{base}{prefix}/account/")
    if "/account/consent/" in path_of(page.url):  # the notice, if sign-up did not record it
        page.locator("main input[type=checkbox]").first.check()
        page.locator("main form:has(input[type=checkbox]) [type=submit]").first.click()
        page.goto(f"{base}{prefix}/account/")
    assert path_of(page.url) == f"{prefix}/account/"
    expect(page.locator("main")).to_contain_text(email)
    assert_accessible(page, f"{prefix}/account/")
