"""The segmented full-text helpers of core.fulltext, without the database."""

from pathlib import Path

import pytest
from django.conf import settings

from returnee_home.core import fulltext
from returnee_home.policies.tests.factories import traditional, with_readings

SEED = Path(settings.BASE_DIR).parent / "shared" / "seed"


def test_readings_are_removed_but_other_brackets_stay() -> None:
    source = traditional("发布时间")
    assert fulltext.strip_readings(with_readings(source, {0: "fā", 2: "shí"})) == source
    assert fulltext.strip_readings("展(显)示屏") == "展(显)示屏"
    assert fulltext.strip_readings("留学人员(returnees)") == "留学人员(returnees)"


def test_traditional_is_normalised_to_simplified() -> None:
    text = with_readings(traditional("发布时间"), {0: "fā", 2: "shí"}) + "：２０２０"
    assert fulltext.normalise(text) == "发布时间:2020"


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed files are not beside the repo")
def test_both_seed_scripts_normalise_to_the_same_text() -> None:
    traditional = (SEED / "notice-2020-212.zh.txt").read_text("utf-8")
    simplified = (SEED / "notice-2020-212.zh-hans.txt").read_text("utf-8")
    assert fulltext.normalise(traditional) == fulltext.normalise(simplified)


def test_index_words_segment_chinese_and_lower_case_english() -> None:
    words = fulltext.index_words("江苏省留学人员之家", "Returned Overseas Students").split()
    assert {"留学", "人员", "留学人员", "returned", "students"} <= set(words)


def test_query_in_either_script_gives_the_same_terms() -> None:
    assert (
        fulltext.parse_query(traditional("留学人员")).terms
        == fulltext.parse_query("留学人员").terms
    )


def test_query_syntax_and_no_injection() -> None:
    query = fulltext.parse_query("housing OR subsidies -北京 \"'); DROP TABLE x; --")
    assert query.to_fts5().count('"') % 2 == 0
    assert "DROP" not in query.to_tsquery().upper().replace("'DROP'", "")
    assert [t.word for t in query.excluded] == ["北京"]
    assert [t.word for t in query.groups[0]] == ["housing", "subsid"]


def test_empty_query() -> None:
    assert fulltext.parse_query("  ，。 ").is_empty


def test_highlight_escapes_and_marks() -> None:
    html = fulltext.highlight("<b>Students</b> & 留学人员", ["student", "留学", "人员"])
    assert html == "&lt;b&gt;<mark>Students</mark>&lt;/b&gt; &amp; <mark>留学人员</mark>"


def test_excerpt_centres_on_the_match() -> None:
    text = "甲" * 300 + "人才公寓" + "乙" * 300
    snippet = fulltext.excerpt(text, ["人才公寓"], length=100)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>人才公寓</mark>" in snippet
