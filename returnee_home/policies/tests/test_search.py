"""Ranked search over policies and interpretations, on SQLite (FTS5) and PostgreSQL."""

from typing import Any

import pytest

from returnee_home.policies.models import Level, Policy
from returnee_home.policies.selectors import PolicyFilters, search
from returnee_home.policies.tests.factories import (
    InterpretationFactory,
    PolicyFactory,
    theme,
    traditional,
)


@pytest.fixture
def library(db: Any) -> dict[str, Any]:
    housing = PolicyFactory(
        title_zh="关于留学回国人员人才公寓租赁的实施办法",
        title_en="Measures on talent apartments for returnees",
        body_zh="符合条件的留学回国人员可申请人才公寓，租金减免。",
        body_en="Qualifying returnees may rent a talent apartment at a reduced rent.",
        level=Level.MUNICIPAL,
    )
    startup = PolicyFactory(
        title_zh="留学人员创业启动资金资助办法",
        title_en="Start-up funding for returnees",
        body_zh="对留学人员在苏创办企业给予创业启动资金资助，另可申请人才公寓。",
        body_en="Returnees who found a company receive start-up funding.",
        themes=[theme("innovation-entrepreneurship")],
    )
    draft = PolicyFactory(
        title_zh="人才公寓管理办法（征求意见稿）", is_published=False, body_zh="人才公寓草案"
    )
    interpretation = InterpretationFactory(
        policy=startup,
        title_zh="创业资助政策解读",
        title_en="Start-up funding explained",
        body_zh="创业资助最高五十万元。",
        body_en="Start-up grants of up to 500,000 yuan.",
    )
    return {
        "housing": housing,
        "startup": startup,
        "draft": draft,
        "interpretation": interpretation,
    }


def _ids(results: Any) -> list[tuple[int, int | None]]:
    return [(h.policy.pk, h.interpretation.pk if h.interpretation else None) for h in results.hits]


def test_chinese_query_ranks_title_matches_first(library: dict[str, Any]) -> None:
    results = search(PolicyFilters(q="人才公寓"))
    ids = _ids(results)
    assert ids[0] == (library["housing"].pk, None)
    assert (library["startup"].pk, None) in ids
    assert library["draft"].pk not in [pid for pid, _ in ids]  # not published


def test_traditional_query_finds_simplified_text(library: dict[str, Any]) -> None:
    assert _ids(search(PolicyFilters(q="人才公寓 " + traditional("租赁"))))[0] == (
        library["housing"].pk,
        None,
    )


def test_english_query_with_plural_and_prefix(library: dict[str, Any]) -> None:
    ids = _ids(search(PolicyFilters(q="apartments returnee")))
    assert ids == [(library["housing"].pk, None)]


def test_interpretations_are_found_as_their_own_results(library: dict[str, Any]) -> None:
    ids = _ids(search(PolicyFilters(q="五十万元")))
    assert ids == [(library["startup"].pk, library["interpretation"].pk)]


def test_filters_and_exclusion(library: dict[str, Any]) -> None:
    assert _ids(search(PolicyFilters(q="人才公寓", level=Level.MUNICIPAL))) == [
        (library["housing"].pk, None)
    ]
    themed = search(PolicyFilters(q="人才公寓", theme=theme("innovation-entrepreneurship")))
    assert {pid for pid, _ in _ids(themed)} == {library["startup"].pk}
    assert _ids(search(PolicyFilters(q="人才公寓 -创业"))) == [(library["housing"].pk, None)]


def test_no_query_lists_by_filters(library: dict[str, Any]) -> None:
    results = search(PolicyFilters(status=Policy.Status.IN_FORCE))
    assert results.total == 2


def test_staff_search_includes_drafts(library: dict[str, Any]) -> None:
    results = search(PolicyFilters(q="草案"), published_only=False)
    assert _ids(results) == [(library["draft"].pk, None)]


def test_index_follows_edits(library: dict[str, Any]) -> None:
    from returnee_home.policies.actions import policy_index

    housing = library["housing"]
    housing.title_zh = "关于博士后工作站建设的通知"
    housing.body_zh = "博士后"
    housing.body_en = ""
    housing.title_en = ""
    housing.save()
    policy_index(housing)
    assert _ids(search(PolicyFilters(q="博士后"))) == [(housing.pk, None)]
    assert housing.pk not in [pid for pid, _ in _ids(search(PolicyFilters(q="租金减免")))]


@pytest.mark.postgres
def test_postgres_uses_the_tsvector_index(library: dict[str, Any]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM policies_policysearchentry WHERE vector IS NOT NULL")
        assert cursor.fetchone()[0] == 4
    assert _ids(search(PolicyFilters(q="人才公寓")))[0] == (library["housing"].pk, None)
