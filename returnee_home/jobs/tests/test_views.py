"""Pages: public search and posting pages (JSON-LD, cache invalidation), the employer's and
the talent's workspace, staff pages, and every role boundary."""

import json
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from returnee_home.jobs.models import Application, JobPosting, PostingStatus
from returnee_home.jobs.tests.conftest import client_for
from returnee_home.jobs.tests.factories import (
    JobPostingFactory,
    ProjectDemandFactory,
    TalentProjectFactory,
)

pytestmark = pytest.mark.django_db


def _jsonld(html: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_posting_page_has_jobposting_jsonld(world: dict[str, Any]) -> None:
    posting = world["posting"]
    response = Client().get(reverse("jobs:posting", args=[posting.pk]))
    assert response.status_code == 200
    data = _jsonld(response.content.decode())
    assert data["@type"] == "JobPosting"
    for key in ("title", "description", "datePosted", "hiringOrganization", "jobLocation"):
        assert data[key]
    assert data["validThrough"].startswith(posting.valid_through.isoformat())
    assert data["baseSalary"]["value"]["minValue"] == 20000
    assert data["employmentType"] == "FULL_TIME"


def test_jsonld_cannot_be_broken_out_of(world: dict[str, Any]) -> None:
    posting = JobPostingFactory(description="</script><script>alert(1)</script>")
    html = Client().get(reverse("jobs:posting", args=[posting.pk])).content.decode()
    assert "<script>alert(1)" not in html


def test_draft_posting_is_not_public(world: dict[str, Any]) -> None:
    draft = JobPostingFactory(status=PostingStatus.DRAFT, published_at=None)
    assert Client().get(reverse("jobs:posting", args=[draft.pk])).status_code == 404


def test_public_page_cache_is_refreshed_by_a_write(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    posting, client = world["posting"], Client()
    url = reverse("jobs:posting", args=[posting.pk])
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    employer = client_for(world["people"]["employer"])
    with django_capture_on_commit_callbacks(execute=True):
        employer.post(reverse("jobs:posting_status", args=[posting.pk]), {"status": "withdrawn"})
    assert client.get(url).status_code == 404


def test_search_finds_chinese_and_english_words(world: dict[str, Any]) -> None:
    JobPostingFactory(
        title_zh="财务经理",
        title_en="Finance manager",
        skills=["财务分析"],
        description="负责集团财务报表。",
        responsibilities="",
        requirements_text="",
    )
    client = Client()
    page = client.get(reverse("jobs:search"), {"q": "机器学习"}).content.decode()
    assert "机器学习算法工程师" in page and "财务经理" not in page
    page = client.get("/en" + reverse("jobs:search"), {"q": "finance"}).content.decode()
    assert "Finance manager" in page and "Machine Learning Engineer" not in page


def test_search_filters_by_city(world: dict[str, Any]) -> None:
    from returnee_home.core.models import City

    JobPostingFactory(title_zh="苏州岗位", city=City.objects.get(code="320500"))
    page = Client().get(reverse("jobs:search"), {"city": "320500"}).content.decode()
    assert "苏州岗位" in page and "机器学习算法工程师" not in page


def test_search_query_count_does_not_grow(world: dict[str, Any]) -> None:
    client = Client()
    url = reverse("jobs:search") + "?page=1"
    with CaptureQueriesContext(connection) as few:
        client.get(url + "&a=1")
    JobPostingFactory.create_batch(8)
    with CaptureQueriesContext(connection) as many:
        client.get(url + "&a=2")
    assert len(many.captured_queries) == len(few.captured_queries)


def test_feed_lists_open_postings(world: dict[str, Any]) -> None:
    JobPostingFactory(status=PostingStatus.DRAFT, published_at=None, title_zh="草稿岗位")
    body = Client().get(reverse("jobs:feed")).json()
    titles = [item["title"] for item in body["dataFeedElement"]]
    assert "机器学习算法工程师" in titles and "草稿岗位" not in titles
    assert all(item["@type"] == "JobPosting" for item in body["dataFeedElement"])


def test_employer_creates_posting_and_sees_clear_salary_error(world: dict[str, Any]) -> None:
    client = client_for(world["people"]["employer"])
    data = {
        "title_zh": "嵌入式工程师",
        "job_type": "full_time",
        "city": world["posting"].city.pk,
        "headcount": 1,
        "salary_min": 30000,
        "salary_max": 20000,
        "valid_through": "2099-01-01",
        "min_years_experience": 0,
        "publish": "1",
    }
    response = client.post(reverse("jobs:posting_new"), data)
    assert response.status_code == 400
    assert "最低工资不能高于最高工资" in response.content.decode() or "lowest salary" in (
        response.content.decode()
    )
    assert not JobPosting.objects.filter(title_zh="嵌入式工程师").exists()
    data["salary_min"] = 15000
    response = client.post(reverse("jobs:posting_new"), data)
    assert response.status_code == 302
    assert JobPosting.objects.get(title_zh="嵌入式工程师").status == PostingStatus.PUBLISHED


@pytest.mark.parametrize("who", ["talent", "other_employer", "visitor"])
def test_others_cannot_edit_a_posting(world: dict[str, Any], who: str) -> None:
    client = client_for(world["people"][who])
    url = reverse("jobs:posting_edit", args=[world["posting"].pk])
    assert client.get(url).status_code in (403, 404)
    status = client.post(
        reverse("jobs:posting_status", args=[world["posting"].pk]), {"status": "withdrawn"}
    )
    assert status.status_code in (403, 404)
    world["posting"].refresh_from_db()
    assert world["posting"].status == PostingStatus.PUBLISHED


def test_invite_accept_and_contact_hidden_before(world: dict[str, Any]) -> None:
    employer = client_for(world["people"]["employer"])
    url = reverse(
        "jobs:posting_invite",
        kwargs={"posting_id": world["posting"].pk, "profile_id": world["talent"].pk},
    )
    response = employer.post(url, {"message": "期待您的申请"})
    assert response.status_code == 302
    application = Application.objects.get()
    page = employer.get(reverse("jobs:candidate", args=[application.pk])).content.decode()
    assert "王小明" not in page and world["people"]["talent"].email not in page
    talent = client_for(world["people"]["talent"])
    talent.post(reverse("jobs:application", args=[application.pk]), {"to_stage": "applied"})
    page = employer.get(reverse("jobs:candidate", args=[application.pk])).content.decode()
    assert "王小明" in page and world["people"]["talent"].email in page


@pytest.mark.parametrize("who", ["talent", "other_employer"])
def test_only_the_employer_or_staff_may_invite(world: dict[str, Any], who: str) -> None:
    client = client_for(world["people"][who])
    url = reverse(
        "jobs:posting_invite",
        kwargs={"posting_id": world["posting"].pk, "profile_id": world["other_talent"].pk},
    )
    assert client.post(url).status_code == 404
    assert not Application.objects.exists()


def test_staff_may_invite_for_any_posting(world: dict[str, Any]) -> None:
    client = client_for(world["people"]["staff"])
    url = reverse(
        "jobs:posting_invite",
        kwargs={"posting_id": world["posting"].pk, "profile_id": world["other_talent"].pk},
    )
    assert client.post(url).status_code == 302
    assert Application.objects.get().stage == "invited"


def test_other_talent_cannot_see_an_application(world: dict[str, Any]) -> None:
    from returnee_home.jobs.tests.factories import ApplicationFactory

    application = ApplicationFactory(posting=world["posting"], profile=world["talent"])
    other = client_for(world["people"]["other_talent"])
    assert other.get(reverse("jobs:application", args=[application.pk])).status_code == 404
    other_employer = client_for(world["people"]["other_employer"])
    assert other_employer.get(reverse("jobs:candidate", args=[application.pk])).status_code == 404


def test_talent_applies_with_cover_note(world: dict[str, Any]) -> None:
    client = client_for(world["people"]["talent"])
    url = reverse("jobs:apply", args=[world["posting"].pk])
    assert client.post(url, {"cover_note": ""}).status_code == 400
    assert client.post(url, {"cover_note": "我对这个岗位很感兴趣"}).status_code == 302
    assert Application.objects.get().cover_note == "我对这个岗位很感兴趣"


@pytest.mark.parametrize("url_name", ["staff_search", "staff_funnel", "imports", "introduce"])
def test_staff_pages_refuse_others(world: dict[str, Any], url_name: str) -> None:
    for who in ("talent", "employer"):
        assert client_for(world["people"][who]).get(reverse(f"jobs:{url_name}")).status_code == 403
    assert client_for(world["people"]["staff"]).get(reverse(f"jobs:{url_name}")).status_code == 200


def test_staff_funnel_counts_hired(world: dict[str, Any]) -> None:
    from returnee_home.jobs.tests.factories import ApplicationFactory

    ApplicationFactory(posting=world["posting"], stage="hired")
    page = client_for(world["people"]["staff"]).get(reverse("jobs:staff_funnel")).content.decode()
    assert world["posting"].city.name_zh in page


def test_project_showcase_public_only_when_owner_wants(world: dict[str, Any]) -> None:
    public = TalentProjectFactory(owner=world["talent"])
    private = TalentProjectFactory(
        owner=world["talent"], showcase_public=False, title_zh="私有项目"
    )
    assert Client().get(reverse("jobs:project", args=[public.pk])).status_code == 200
    assert Client().get(reverse("jobs:project", args=[private.pk])).status_code == 404
    assert (
        client_for(world["people"]["employer"])
        .get(reverse("jobs:project", args=[private.pk]))
        .status_code
        == 200
    )
    page = Client().get(reverse("jobs:projects")).content.decode()
    assert "私有项目" not in page


def test_unconfirmed_recommended_project_is_hidden(world: dict[str, Any]) -> None:
    project = TalentProjectFactory(owner=world["talent"], channel="institution")
    assert Client().get(reverse("jobs:project", args=[project.pk])).status_code == 404


def test_demand_pages(world: dict[str, Any]) -> None:
    demand = ProjectDemandFactory(organisation=world["employer"], cooperation_modes=["joint_rd"])
    page = Client().get(reverse("jobs:demand", args=[demand.pk])).content.decode()
    assert "动力电池热管理技术攻关" in page
    assert "动力电池" in Client().get(reverse("jobs:demands"), {"q": "电池"}).content.decode()


def test_saved_search_and_daily_alert(world: dict[str, Any]) -> None:
    from returnee_home.jobs.saved import saved_search_alerts
    from returnee_home.notifications.models import Notification

    client = client_for(world["people"]["talent"])
    client.post(
        reverse("jobs:saved_searches"),
        {"kind": "postings", "name": "算法岗", "alert": "on", "q": "机器学习"},
    )
    assert saved_search_alerts() == 0  # nothing new yet
    JobPostingFactory(title_zh="机器学习研究员")
    assert saved_search_alerts() == 1
    JobPostingFactory(title_zh="机器学习平台工程师")
    assert saved_search_alerts() == 0  # at most daily
    assert Notification.objects.filter(kind="jobs.saved_search").count() == 1
