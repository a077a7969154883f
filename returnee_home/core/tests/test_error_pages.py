import logging

import pytest
from django.test import Client
from django.utils import translation


def _in(language: str, msgid: str) -> str:
    with translation.override(language):
        text = translation.gettext(msgid)
    if language != "en":
        assert text != msgid, f"{msgid!r} has no {language} translation"
    return text


pytestmark = pytest.mark.django_db


def test_unknown_url_gives_the_designed_404_page_in_chinese(client):
    response = client.get("/nope/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="zh-Hans">' in html
    assert f"<h1>{_in('zh-hans', 'Page not found')}</h1>" in html
    assert 'href="/"' in html  # a way back


def test_unknown_url_gives_the_designed_404_page_in_english(client):
    response = client.get("/en/nope/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="en">' in html
    assert "<h1>Page not found</h1>" in html
    assert 'href="/en/"' in html


@pytest.mark.urls("returnee_home.core.tests.urls_error")
def test_a_failing_view_gives_the_500_page_and_a_log_entry(caplog):
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR):
        response = client.get("/_test/broken/")
    html = response.content.decode()
    assert response.status_code == 500
    assert f"<h1>{_in('zh-hans', 'Something went wrong')}</h1>" in html
    assert "deliberate failure" not in html  # no internals shown to the visitor
    messages = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("/_test/broken/" in m for m in messages)


@pytest.mark.urls("returnee_home.core.tests.urls_error")
def test_the_500_page_follows_the_language(caplog):
    client = Client(raise_request_exception=False)
    response = client.get("/en/_test/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Something went wrong</h1>" in html
