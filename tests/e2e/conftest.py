"""Browser-test harness: Debian's Chromium driven by Playwright against pytest-django's live
server, axe-core from the `axe-playwright-python` package, and a small province built with the
factories.

Playwright's sync API runs an event loop in the test thread; the test code's own database calls
are synchronous and safe, which DJANGO_ALLOW_ASYNC_UNSAFE tells Django (only while the browser
runs, so that the rest of the suite keeps Django's check)."""

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import axe_playwright_python
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")
BLOCKING_IMPACTS = ("serious", "critical")
PASSWORD = "correct-horse-battery"  # UserFactory's password
LANGUAGES = [pytest.param("", id="zh"), pytest.param("/en", id="en")]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (make system-packages).")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_context(browser: Browser) -> Iterator[Any]:
    """Contexts bypass CSP only so that the test can inject axe; the product's own policy is
    unchanged (no inline script of ours runs)."""
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        options.setdefault("bypass_csp", True)
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context: Any) -> Page:
    return new_context().new_page()


@pytest.fixture(autouse=True)
def _reference_data(transactional_db: Any) -> None:
    """live_server tests run in flushed transactions: reload the shipped reference data."""
    from returnee_home.core.management.commands.load_reference import load_reference_data
    from returnee_home.core.models import City

    if not City.objects.exists():
        load_reference_data()


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """The serious and critical axe-core violations of the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_SOURCE)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v.get("impact") in BLOCKING_IMPACTS]


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = [", ".join(node["target"]) for node in v["nodes"][:5]]
        lines.append(f"{v['impact']} {v['id']}: {v['help']} → {'; '.join(targets)}")
    return "\n".join(lines)


def assert_accessible(page: Page, label: str = "") -> None:
    violations = axe_violations(page)
    assert not violations, f"axe on {label or page.url}:\n{describe(violations)}"


def assert_no_horizontal_scroll(page: Page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    viewport = page.evaluate("() => window.innerWidth")
    assert width <= viewport, f"{page.url} is {width}px wide in a {viewport}px viewport"


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url).split("?")[0]


@dataclass
class Province:
    """What the journeys need: two Homes in Nanjing (one preparing), one in Suzhou, and one
    person for every role."""

    nanjing_home: Any
    suzhou_home: Any
    preparing_home: Any
    people: dict[str, Any]


@pytest.fixture
def province(db: Any) -> Province:
    from returnee_home.accounts.tests.factories import UserFactory, activate_totp
    from returnee_home.core.models import City, ServiceCategory
    from returnee_home.orgs.models import Home, OrgKind, Role
    from returnee_home.orgs.tests.factories import (
        HomeFactory,
        MembershipFactory,
        OrganisationFactory,
        WindowFactory,
    )
    from returnee_home.talent.tests.factories import EducationFactory, TalentProfileFactory

    nanjing, suzhou = City.objects.get(code="320100"), City.objects.get(code="320500")
    nanjing_home = HomeFactory(
        carrier=OrganisationFactory(
            kind=OrgKind.SERVICE_WINDOW, name_zh="南京市人才服务中心",
            name_en="Nanjing Talent Service Centre", city=nanjing,
        ),
        slug="nanjing-talent-centre", name_zh="江苏省留学人员之家（南京市人才服务中心）",
        name_en="Jiangsu Home for Returned Overseas Students (Nanjing Talent Service Centre)",
        address_zh="南京市鼓楼区中山北路251号", address_en="251 Zhongshan North Road, Gulou District, Nanjing",
        plaque_number="苏留家〔2021〕第001号", batch_label="2021年第一批",
    )  # fmt: skip
    nanjing_home.service_categories.set(ServiceCategory.objects.all())
    WindowFactory(home=nanjing_home, number=1)
    suzhou_home = HomeFactory(
        carrier=OrganisationFactory(
            kind=OrgKind.STARTUP_PARK, name_zh="苏州工业园区留学人员创业园",
            name_en="Suzhou Industrial Park Overseas Students Pioneer Park", city=suzhou,
        ),
        slug="suzhou-sip-park", name_zh="江苏省留学人员之家（苏州工业园区留学人员创业园）",
        name_en="Jiangsu Home for Returned Overseas Students (Suzhou Industrial Park)",
        address_zh="苏州市苏州工业园区星湖街328号", address_en="328 Xinghu Street, Suzhou Industrial Park",
    )  # fmt: skip
    preparing = HomeFactory(city=nanjing, status=Home.Status.PREPARING, slug="nanjing-preparing")

    province_org = OrganisationFactory(kind=OrgKind.PROVINCE, city=None, name_zh="江苏省人社厅")
    bureau = OrganisationFactory(kind=OrgKind.CITY_BUREAU, city=nanjing, name_zh="南京市人社局")
    employer = OrganisationFactory(
        kind=OrgKind.EMPLOYER, city=nanjing, name_zh="南京测试科技有限公司"
    )
    recommender = OrganisationFactory(
        kind=OrgKind.RECOMMENDER, city=nanjing, name_zh="南京市欧美同学会"
    )
    partner = OrganisationFactory(
        kind=OrgKind.ALLIANCE_PARTNER, city=nanjing, name_zh="中国银行南京分行"
    )
    memberships = {
        "staff": (nanjing_home.carrier, Role.HOME_STAFF),
        "manager": (nanjing_home.carrier, Role.HOME_MANAGER),
        "city": (bureau, Role.CITY_ADMIN),
        "province": (province_org, Role.PROVINCE_ADMIN),
        "expert": (province_org, Role.EXPERT),
        "employer": (employer, Role.EMPLOYER_CONTACT),
        "recommender": (recommender, Role.RECOMMENDER),
        "partner": (partner, Role.PARTNER),
    }  # fmt: skip
    people: dict[str, Any] = {}
    for role, (org, membership_role) in memberships.items():
        user = UserFactory(email=f"{role}@e2e.example.com", full_name=f"{role}测试")
        MembershipFactory(user=user, organisation=org, role=membership_role)
        if role in {"staff", "manager", "city", "province", "expert"}:
            activate_totp(user)
        people[role] = user
    talent = UserFactory(email="talent@e2e.example.com", full_name="林晓雨", name_en="Lin Xiaoyu")
    EducationFactory(profile=TalentProfileFactory(user=talent))
    people["talent"] = talent
    return Province(nanjing_home, suzhou_home, preparing, people)


def sign_in_as(context: BrowserContext, live_server_url: str, user: Any) -> None:
    """Give the browser a session of `user` without the sign-in form (the sign-in journeys
    test the form itself)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server_url,
            }
        ]
    )
