"""Jobs journeys in both languages, with an accessibility audit of every page and the phone
width checked: a Home's staff import a spreadsheet with errors (the good rows are kept, the
error report is shown); an employer invites an anonymised talent who accepts; a talent applies
and the employer takes the application through interview and offer to "hired"."""

import io
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
SHOTS = os.environ.get("JOBS_SHOTS", "")


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


def _employer(province: Province) -> Any:
    return province.people["employer"].memberships.get().organisation


def _posting(province: Province) -> Any:
    from returnee_home.jobs.tests.factories import JobPostingFactory

    employer = _employer(province)
    employer.credit_code = "91320100MA1E2E0001"
    employer.save()
    return JobPostingFactory(employer=employer, title_zh="机器学习算法工程师")


def _spreadsheet(code: str) -> bytes:
    from openpyxl import Workbook

    from returnee_home.jobs.imports import POSTING_COLUMNS

    book = Workbook()
    book.active.append(POSTING_COLUMNS)
    base = dict.fromkeys(POSTING_COLUMNS, "")
    base.update(
        employer_code=code,
        title_zh="电池工程师",
        title_en="Battery engineer",
        city_code="320500",
        salary_min="18000",
        salary_max="30000",
        valid_through="2099-12-31",
        publish="yes",
    )
    rows = [
        {**base, "external_id": "E2E-1"},
        {**base, "external_id": "E2E-2", "salary_min": "50000"},
        {**base, "external_id": "E2E-3", "city_code": "999999"},
        {**base, "external_id": "E2E-4", "title_zh": "电池测试工程师"},
    ]
    for row in rows:
        book.active.append([row[c] for c in POSTING_COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_import_with_errors_keeps_good_rows(
    new_context: Any, live_server: Any, province: Province, prefix: str, tmp_path: Path
) -> None:
    from returnee_home.jobs.models import JobPosting

    _posting(province)
    lang = prefix or "/zh"
    context = new_context()
    sign_in_as(context, live_server.url, province.people["staff"])
    page = context.new_page()
    page.goto(f"{live_server.url}{prefix}/jobs/staff/imports/")
    _look(page, f"{lang} jobs imports")
    file = tmp_path / "postings.xlsx"
    file.write_bytes(_spreadsheet("91320100MA1E2E0001"))
    page.select_option("#id_kind", "postings")
    page.set_input_files("#id_file", str(file))
    page.locator("form[enctype] button[type=submit]").click()
    expect(page.locator("table.import-errors")).to_be_visible()
    errors = page.locator("table.import-errors tbody tr")
    expect(errors).to_have_count(2)
    expect(errors.nth(0)).to_contain_text("salary_min")
    expect(errors.nth(1)).to_contain_text("999999")
    expect(page.locator("#import-progress")).to_contain_text("2")
    expect(page.locator("a[href$='errors.csv']")).to_be_visible()
    _look(page, f"{lang} jobs import result")
    assert set(
        JobPosting.objects.filter(external_id__startswith="E2E").values_list(
            "external_id", flat=True
        )
    ) == {"E2E-1", "E2E-4"}


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_employer_invites_an_anonymised_talent_who_accepts(
    new_context: Any, live_server: Any, province: Province, prefix: str
) -> None:
    from returnee_home.jobs.models import Application

    posting = _posting(province)
    talent = province.people["talent"]
    profile = talent.talent_profile
    lang = prefix or "/zh"
    base = f"{live_server.url}{prefix}"

    employer_context = new_context()
    sign_in_as(employer_context, live_server.url, province.people["employer"])
    employer = employer_context.new_page()
    employer.goto(f"{base}/jobs/postings/{posting.pk}/invite/{profile.pk}/")
    expect(employer.locator("main")).not_to_contain_text(talent.full_name)
    _look(employer, f"{lang} jobs invite")
    employer.fill("#id_message", "欢迎申请我们的算法岗位。")
    employer.locator("main form button[type=submit]").click()
    application = Application.objects.get(posting=posting, profile=profile)
    expect(employer.locator("h1")).not_to_contain_text(talent.full_name)
    expect(employer.locator("main")).not_to_contain_text(talent.email)
    _look(employer, f"{lang} jobs candidate before acceptance")

    talent_context = new_context()
    sign_in_as(talent_context, live_server.url, talent)
    page = talent_context.new_page()
    page.goto(f"{base}/jobs/mine/applications/")
    page.locator(f"a[href$='/jobs/mine/applications/{application.pk}/']").click()
    expect(page.locator("main")).to_contain_text("欢迎申请我们的算法岗位。")
    _look(page, f"{lang} jobs invitation")
    page.locator("button[value=applied]").click()
    expect(page.locator(".funnel-steps li")).to_have_count(2)

    employer.reload()
    expect(employer.locator("h1")).to_contain_text(talent.full_name)
    expect(employer.locator("main")).to_contain_text(talent.email)
    application.refresh_from_db()
    assert application.stage == "applied" and application.contact_shared


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_application_through_the_funnel_to_hired(
    new_context: Any, live_server: Any, province: Province, prefix: str
) -> None:
    from returnee_home.jobs.models import Application

    posting = _posting(province)
    talent = province.people["talent"]
    lang = prefix or "/zh"
    base = f"{live_server.url}{prefix}"

    talent_context = new_context()
    sign_in_as(talent_context, live_server.url, talent)
    page = talent_context.new_page()
    page.goto(f"{base}/jobs/?q=机器学习")
    page.locator(f"a[href$='/jobs/{posting.pk}/']").first.click()
    _look(page, f"{lang} jobs posting")
    page.locator(f"a[href$='/jobs/{posting.pk}/apply/']").click()
    page.fill("#id_cover_note", "我在英国获得机器学习硕士学位，有三年推荐系统经验。")
    page.locator("main form button[type=submit]").click()
    application = Application.objects.get(posting=posting)
    expect(page).to_have_url(f"{base}/jobs/mine/applications/{application.pk}/")

    employer_context = new_context()
    sign_in_as(employer_context, live_server.url, province.people["employer"])
    employer = employer_context.new_page()
    employer.goto(f"{base}/jobs/employer/postings/{posting.pk}/candidates/")
    _look(employer, f"{lang} jobs candidates")
    employer.locator(f"a[href$='/jobs/employer/candidates/{application.pk}/']").click()
    expect(employer.locator("main")).to_contain_text("推荐系统经验")
    _look(employer, f"{lang} jobs candidate")
    for stage in ("interview", "offer", "hired"):
        employer.locator(f"button[value={stage}]").click()
        expect(employer.locator(".funnel-steps li")).to_have_count(
            {"interview": 2, "offer": 3, "hired": 4}[stage]
        )
    application.refresh_from_db()
    assert application.stage == "hired"

    page.reload()
    expect(page.locator(".funnel-steps li")).to_have_count(4)
    _look(page, f"{lang} jobs hired")
    staff_context = new_context()
    sign_in_as(staff_context, live_server.url, province.people["staff"])
    staff = staff_context.new_page()
    staff.goto(f"{base}/jobs/staff/funnel/?by=city")
    expect(staff.locator("main table").first).to_contain_text("1")
    _look(staff, f"{lang} jobs funnel")
