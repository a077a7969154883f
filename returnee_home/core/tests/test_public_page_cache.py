"""The anonymous page cache keeps an HTMX fragment apart from the whole page at one address."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_an_htmx_fragment_is_never_served_as_the_whole_page() -> None:
    client = Client()
    fragment = client.get("/services/", HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    assert b"<html" not in fragment.content
    page = client.get("/services/")
    assert page.status_code == 200
    assert b"<html" in page.content
    again = client.get("/services/", HTTP_HX_REQUEST="true")
    assert again["X-Page-Cache"] == "hit"
    assert again.content == fragment.content
