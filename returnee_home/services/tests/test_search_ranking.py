"""Catalogue search: segmented Chinese (人才公寓 finds 申请人才公寓补贴), Traditional characters,
the query syntax of core.fulltext, and ranking: more words matched first, title hits above
description hits. The same on SQLite and PostgreSQL (run with DATABASE_URL to check the
latter)."""

from typing import Any

import pytest
from django.test import Client

from returnee_home.services import search, selectors
from returnee_home.services.models import ServiceItem
from returnee_home.services.tests.factories import ServiceItemFactory

pytestmark = pytest.mark.django_db


def _titles(rows: Any) -> list[str]:
    return [row.title_zh for row in rows]


@pytest.fixture
def catalogue(db: Any) -> dict[str, ServiceItem]:
    return {
        "subsidy": ServiceItemFactory(
            title_zh="申请人才公寓补贴",
            title_en="Talent apartment subsidy",
            summary_zh="符合条件的留学回国人员可申请租房补贴。",
            summary_en="Rent support for eligible returnees.",
        ),
        "housing": ServiceItemFactory(
            title_zh="人才安居服务",
            title_en="Housing for talent",
            summary_zh="协助入住人才公寓，办理公寓补贴手续。",
            summary_en="Help with moving into a talent apartment.",
        ),
        "settle": ServiceItemFactory(
            title_zh="留学回国人员落户",
            title_en="Residence registration for returnees",
            summary_zh="办理落户手续。",
            summary_en="Household registration.",
        ),
    }


def test_segmented_chinese_still_finds_the_longer_title(catalogue: dict[str, Any]) -> None:
    found = selectors.catalogue_items(q="人才公寓")
    assert catalogue["subsidy"] in found
    assert catalogue["settle"] not in found


def test_title_hits_rank_above_description_hits(catalogue: dict[str, Any]) -> None:
    # Both items mention 人才公寓; only one has it in the title.
    rows = list(search.ranked(selectors.catalogue_items(q="人才公寓"), "人才公寓"))
    assert _titles(rows) == ["申请人才公寓补贴", "人才安居服务"]
    assert [getattr(r, search.IN_TITLE) for r in rows] == [1, 0]
    # Likewise in English.
    rows = list(search.ranked(ServiceItem.objects.all(), "apartment"))
    assert _titles(rows) == ["申请人才公寓补贴", "人才安居服务"]


def test_more_matched_words_rank_first(catalogue: dict[str, Any]) -> None:
    rows = list(search.ranked(ServiceItem.objects.all(), "落户 OR 公寓 OR 补贴"))
    # 落户 item matches one word (in its title); the two housing items match two.
    assert _titles(rows)[-1] == "留学回国人员落户"
    assert [getattr(r, search.MATCHED) for r in rows] == [2, 2, 1]
    assert _titles(rows)[:2] == ["申请人才公寓补贴", "人才安居服务"]


def test_query_syntax_and_traditional_characters(catalogue: dict[str, Any]) -> None:
    assert _titles(search.ranked(ServiceItem.objects.all(), "人才公寓 -安居")) == [
        "申请人才公寓补贴"
    ]
    traditional = "人才公寓\u88dc\u8cbc"  # 补贴 written in Traditional characters
    assert catalogue["subsidy"] in selectors.catalogue_items(q=traditional)
    assert list(selectors.catalogue_items(q="火箭")) == []
    assert search.ranked(ServiceItem.objects.all(), "  ").count() == 3  # no query: unchanged


def test_the_api_lists_the_catalogue_ranked(catalogue: dict[str, Any]) -> None:
    response = Client().get("/api/v1/services/items", {"q": "人才公寓"})
    assert response.status_code == 200
    codes = [row["code"] for row in response.json()["items"]]
    assert codes == [catalogue["subsidy"].code, catalogue["housing"].code]
    schema = Client().get("/api/v1/openapi.json").json()
    params = schema["paths"]["/api/v1/services/items"]["get"]["parameters"]
    assert "ranked" in next(p for p in params if p["name"] == "q")["description"]
