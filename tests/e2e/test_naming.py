"""The naming journey: a preparing Home's manager fills the basic information form (the six
conditions checked live) and submits it; the city accepts, visits, recommends and reports it;
the province passes the materials and assigns experts; an expert declares and scores; the
province closes the evaluation, inspects, publishes the public notice; someone objects; the
province answers and names the batch: the Home is named with a plaque number. The main pages
pass the accessibility audit, in both languages."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import LANGUAGES, Province, assert_accessible, sign_in_as

pytestmark = pytest.mark.e2e

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


def click(page: Page, selector: str) -> None:
    """Click a submit button or link and wait for the page it leads to."""
    with page.expect_navigation():
        page.locator(selector).first.click()


def signed_in(new_context: Any, live_server: Any, user: Any) -> Page:
    context: BrowserContext = new_context()
    sign_in_as(context, live_server.url, user)
    return context.new_page()


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_application_from_draft_to_named_through_every_role(
    new_context: Any, live_server: Any, province: Province, prefix: str
) -> None:
    from returnee_home.accounts.tests.factories import UserFactory, activate_totp
    from returnee_home.naming import actions
    from returnee_home.naming.models import Application, NamingBatch
    from returnee_home.naming.tests.factories import BatchFactory
    from returnee_home.orgs.models import Home, Membership, Role
    from returnee_home.orgs.tests.factories import MembershipFactory

    S = Application.State
    base = f"{live_server.url}{prefix}"
    people = province.people
    home = province.preparing_home
    applicant = UserFactory(email="applicant@e2e.example.com", full_name="申报人")
    MembershipFactory(user=applicant, organisation=home.carrier, role=Role.HOME_MANAGER)
    activate_totp(applicant)
    province_org = Membership.objects.get(user=people["province"]).organisation
    expert2 = MembershipFactory(organisation=province_org, role=Role.EXPERT).user
    batch = BatchFactory(year=timezone.localdate().year, number=9)

    # 1. The carrier's manager starts the form; the conditions are checked as it is filled.
    page = signed_in(new_context, live_server, applicant)
    page.goto(f"{base}/naming/workspace/")
    assert_accessible(page, "workbench (carrier)")
    click(page, f"main a[href$='/naming/workspace/batches/{batch.pk}/']")
    click(page, "form[action$='/start/'] button")
    application = Application.objects.get(batch=batch, carrier=home.carrier)
    premises = page.locator("#conditions-live li.naming-condition").nth(1)
    expect(premises).to_have_class("naming-condition naming-not_met")
    assert_accessible(page, "basic information form")
    page.fill("input[name=display_area]", "80")
    page.fill("input[name=exchange_area]", "60")
    page.fill("input[name=public_service_area]", "120")
    page.locator("input[name=public_service_area]").dispatch_event("change")
    expect(premises).to_have_class("naming-condition naming-needs_evidence")
    page.fill("textarea[name=unmet_explanation]", "服务台账和设备照片将在现场核查时提供。")
    click(page, "#basic-form button[type=submit]")
    assert_accessible(page, "basic information form (saved)")
    page.select_option("select[name=condition]", "premises")
    page.fill("input[name=title]", "场地照片")
    page.set_input_files(
        "input[name=file]", {"name": "premises.png", "mimeType": "image/png", "buffer": PNG}
    )
    click(page, "form[action$='/evidence/'] button")
    expect(page.locator("#conditions-live li.naming-condition").nth(1)).to_have_class(
        "naming-condition naming-met"
    )
    click(page, "form[action$='/submit/'] button")
    assert_accessible(page, "application (submitted)")
    application.refresh_from_db()
    assert application.state == S.SUBMITTED

    # 2. The city accepts, records its visit, recommends and reports in its summary form.
    city = signed_in(new_context, live_server, people["city"])
    detail = f"{base}/naming/workspace/applications/{application.pk}/"
    city.goto(f"{base}/naming/workspace/")
    assert_accessible(city, "workbench (city)")
    city.goto(detail)
    assert_accessible(city, "application (city)")
    click(city, "form[action$='/step/city_accept/'] button")
    click(city, "a[href$='/visit/city/']")
    assert_accessible(city, "site visit form")
    city.fill("input[name=visited_on]", (timezone.localdate() - dt.timedelta(days=1)).isoformat())
    city.fill("input[name=visitors]", "王科长、李科员")
    city.fill("textarea[name=findings]", "场地、人员与申报一致。")
    click(city, "main form button[type=submit]")
    click(city, "form[action$='/step/city_recommend/'] button")
    city.goto(f"{base}/naming/workspace/batches/{batch.pk}/")
    click(city, "form[action$='/summary/'] button")
    assert_accessible(city, "summary form")
    application.refresh_from_db()
    assert application.state == S.REPORTED

    # 3. The province passes the materials and assigns two experts.
    prov = signed_in(new_context, live_server, people["province"])
    prov.goto(detail)
    click(prov, "form[action$='/step/material_pass/'] button")
    for expert in (people["expert"], expert2):
        prov.check(f"input[name=experts][value='{expert.pk}']")
    assert_accessible(prov, "application (assign experts)")
    click(prov, "form[action$='/experts/'] button")
    application.refresh_from_db()
    assert application.state == S.EXPERT_REVIEW

    # 4. The expert declares no conflict of interest and scores; a second expert has scored.
    expert = signed_in(new_context, live_server, people["expert"])
    expert.goto(f"{base}/naming/workspace/expert/")
    assert_accessible(expert, "expert queue")
    mine = application.assignments.get(expert=people["expert"])
    click(expert, f"main a[href$='/naming/workspace/expert/{mine.pk}/']")
    click(expert, "button[name=declare]")
    for key, points in batch.scoring_scheme.items():
        expert.fill(f"input[name=score_{key}]", str(points - 2))
    expert.fill("textarea[name=comment_scale]", "服务量充足。")
    assert_accessible(expert, "expert scoring")
    click(expert, "main form.stack button[type=submit]")
    second = application.assignments.get(expert=expert2)
    actions.assignment_declare(actor=expert2, assignment=second)
    actions.assignment_score(
        actor=expert2,
        assignment=second,
        scores={k: v - 3 for k, v in batch.scoring_scheme.items()},
        comments={},
    )

    # 5. The province closes the evaluation, inspects, closes the batch, publishes the notice.
    prov.goto(detail)
    click(prov, "form[action$='/close-evaluation/'] button")
    click(prov, "a[href$='/visit/province/']")
    prov.fill("input[name=visited_on]", timezone.localdate().isoformat())
    prov.fill("input[name=visitors]", "省人社厅专家组")
    for key in batch.scoring_scheme:
        prov.fill(f"textarea[name=finding_{key}]", "符合")
    click(prov, "main form button[type=submit]")
    prov.goto(f"{base}/naming/workspace/batches/{batch.pk}/")
    assert_accessible(prov, "batch (province)")
    click(prov, "form[action$='/close/'] button")
    click(prov, "form[action$='/publish/'] button")
    application.refresh_from_db()
    assert application.state == S.IN_NOTICE

    # 6. Anyone reads the public notice and objects.
    public = new_context().new_page()
    public.goto(f"{base}/naming/batches/{batch.pk}/notice/")
    assert_accessible(public, "public notice")
    expect(public.locator("main")).to_contain_text(application.carrier_name)
    click(public, f"a[href$='/notice/{application.pk}/objection/']")
    assert_accessible(public, "objection form")
    public.fill("input[name=name]", "赵女士")
    public.fill("input[name=contact]", "13912345678")
    public.fill("textarea[name=text]", "该中心周末不开放。")
    click(public, "main form button[type=submit]")
    objection = application.objections.get()
    public.goto(f"{base}/naming/batches/{batch.pk}/notice/")
    expect(public.locator("main")).not_to_contain_text("13912345678")

    # 7. The province answers the objection (not upheld) and, after the notice, names.
    prov.goto(detail)
    expect(prov.locator("main")).to_contain_text("13912345678")
    prov.check(f"input[name='o{objection.pk}-upheld'][value='0']")
    prov.fill(f"textarea[name='o{objection.pk}-answer']", "经核查，周六上午开放，异议不成立。")
    click(prov, "form[action*='/objections/'] button")
    assert_accessible(prov, "application (objection answered)")
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    NamingBatch.objects.filter(pk=batch.pk).update(notice_ends_on=yesterday)  # the notice ran
    prov.goto(f"{base}/naming/workspace/batches/{batch.pk}/")
    click(prov, "form[action$='/name/'] button")
    application.refresh_from_db()
    home.refresh_from_db()
    assert application.state == S.NAMED
    assert home.status == Home.Status.NAMED and home.plaque_number == application.plaque_number
    public.goto(f"{base}/naming/batches/{batch.pk}/decision/")
    assert_accessible(public, "naming decision")
    expect(public.locator("main")).to_contain_text(application.plaque_number)
