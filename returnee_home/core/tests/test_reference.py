"""The shipped reference data loads (the root conftest loads it) and carries the right codes."""

import pytest

from returnee_home.core.management.commands.load_reference import load_reference_data
from returnee_home.core.models import (
    City,
    Country,
    DegreeLevel,
    Discipline,
    IndustryCluster,
    Language,
    ServiceCategory,
)

pytestmark = pytest.mark.django_db


def test_every_file_loads_and_a_second_load_changes_no_count() -> None:
    before = {
        model: model.objects.count()
        for model in (Country, Discipline, DegreeLevel, IndustryCluster, Language)
    }
    counts = load_reference_data()
    assert counts["countries.json"] == Country.objects.count() == before[Country]
    assert counts["disciplines.json"] == Discipline.objects.count() == before[Discipline]
    assert counts["degree_levels.json"] == 5
    assert counts["languages.json"] >= 30
    assert counts["industry_clusters.json"] >= 15


def test_degree_levels_in_order() -> None:
    assert list(DegreeLevel.objects.values_list("code", flat=True)) == [
        "associate",
        "bachelor",
        "master",
        "doctorate",
        "postdoctoral",
    ]
    assert DegreeLevel.objects.get(code="doctorate").name_zh == "博士"


def test_discipline_catalogue_2022() -> None:
    categories = Discipline.objects.filter(parent__isnull=True)
    assert categories.count() == 14
    assert categories.get(code="01").name_zh == "哲学"
    assert categories.get(code="14").name_zh == "交叉学科"
    cs = Discipline.objects.get(code="0812")
    assert (cs.name_zh, cs.name_en) == ("计算机科学与技术", "Computer Science and Technology")
    assert cs.parent is not None and cs.parent.code == "08"
    assert Discipline.objects.get(code="1401").name_zh == "集成电路科学与工程"
    assert Discipline.objects.get(code="0839").name_zh == "网络空间安全"
    # Every first-level code starts with its category's code.
    for child in Discipline.objects.filter(parent__isnull=False).select_related("parent"):
        assert child.parent is not None
        assert len(child.code) == 4 and child.code.startswith(child.parent.code), child.code


def test_countries_are_un_members_plus_three_regions() -> None:
    assert Country.objects.count() == 196
    assert Country.objects.get(code="GB").name_zh == "英国"
    assert Country.objects.get(code="US").name_en == "United States"
    assert Country.objects.get(code="DE").name_zh == "德国"
    assert Country.objects.get(code="HK").name_zh == "中国香港"
    assert Country.objects.get(code="MO").name_zh == "中国澳门"
    assert Country.objects.get(code="TW").name_zh == "中国台湾"
    assert all(
        len(code) == 2 and code.isupper() for code in Country.objects.values_list("code", flat=True)
    )


def test_languages_and_industries() -> None:
    assert Language.objects.get(code="ja").name_zh == "日语"
    assert Language.objects.get(code="en").name_en == "English"
    assert IndustryCluster.objects.get(code="integrated_circuits").name_zh == "集成电路"
    assert IndustryCluster.objects.get(code="construction_machinery").name_en == (
        "Construction machinery"
    )
    assert ServiceCategory.objects.count() == 4


def test_cities_include_the_thirteen_prefectures() -> None:
    assert City.objects.filter(kind=City.Kind.PREFECTURE).count() == 13
