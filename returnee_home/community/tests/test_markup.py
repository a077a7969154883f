"""Post bodies: safe Markdown and the sensitive-word matching."""

import pytest

from returnee_home.community import markup


def test_script_and_raw_html_are_text() -> None:
    html = markup.render('<script>alert("x")</script> <img src=x onerror=alert(1)>')
    assert "<script" not in html
    assert "&lt;script&gt;" in html
    assert "onerror" not in html or "&lt;img" in html


def test_links_are_marked_and_javascript_is_dropped() -> None:
    html = markup.render("[site](https://example.com) [bad](javascript:alert(1))")
    assert 'rel="nofollow ugc noopener"' in html
    assert 'href="https://example.com"' in html
    assert 'href="javascript' not in html


def test_only_community_images_survive() -> None:
    key = "a" * 32
    html = markup.render(f"![ok](/community/images/{key}/) ![no](https://evil.example/x.png)")
    assert f'src="/community/images/{key}/"' in html
    assert "evil.example" not in html


def test_headings_do_not_outrank_the_page() -> None:
    assert "<h3>" in markup.render("# Title")
    assert "<h1>" not in markup.render("# Title")


@pytest.mark.parametrize(
    "text",
    [
        "代开发票",
        "代 开 发 票",
        "代.开.发.票",
        "代\u200b开发票",
        "代\u958b\u767c票",
        "ＦＡＫＥ diploma",
        "f-a-k-e diploma",
    ],
)
def test_sensitive_words_survive_disguises(text: str) -> None:
    words = [markup.normalise("代开发票"), markup.normalise("fake diploma")]
    assert markup.matching_words(f"请联系：{text}，谢谢", words)


def test_plain_text_is_not_matched() -> None:
    assert not markup.matching_words("开发新的发票系统", [markup.normalise("代开发票")])
