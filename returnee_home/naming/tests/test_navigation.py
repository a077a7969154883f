"""The workspace menu offers the naming pages only to the roles that may open them."""

from typing import Any

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from returnee_home.core.navigation import workspace_menu
from returnee_home.naming.navigation import workspace_links
from returnee_home.naming.tests.conftest import client_for

pytestmark = pytest.mark.django_db


def naming_urls(user: Any) -> set[str]:
    request = RequestFactory().get("/")
    request.user = user
    return {link.url for link in workspace_links(request)}


def test_each_role_sees_only_the_naming_links_it_may_follow(naming: dict[str, Any]) -> None:
    p = naming["people"]
    workbench, batches, queue, assessments = (
        reverse("naming:workbench"),
        reverse("naming:batch_list"),
        reverse("naming:expert_queue"),
        reverse("naming:assessments"),
    )
    assert naming_urls(naming["manager"]) == {workbench}
    assert naming_urls(p["city"]) == {workbench}
    assert naming_urls(p["province"]) == {workbench, batches, assessments}
    assert naming_urls(p["expert"]) == {workbench, queue}
    for name in ("talent", "employer", "recommender", "staff", "partner"):
        assert naming_urls(p[name]) == set(), name
    for user in (naming["manager"], p["city"], p["province"], p["expert"]):
        client = client_for(user)
        for link in naming_urls(user):
            assert client.get(link).status_code == 200, (user, link)


def test_the_menu_includes_the_naming_section(naming: dict[str, Any]) -> None:
    with translation.override("en"):
        request = RequestFactory().get(reverse("naming:batch_list"))
        request.user = naming["people"]["province"]
        sections = {str(s["title"]): s for s in workspace_menu(request)}
    links = sections["Naming of Homes"]["links"]
    assert [link["current"] for link in links] == [False, True, False]
