"""The signed-in page cache: served again only to the same session, and only until a table the
page read is written (core/private_cache.py)."""

from typing import Any

import pytest
from django.conf import settings
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from returnee_home.accounts.tests.conftest import _staff, signed_in
from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.notifications.actions import notify
from returnee_home.notifications.models import Notification
from returnee_home.orgs.models import Membership
from returnee_home.orgs.tests.factories import HomeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _same_minute(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cached page is served again within the same minute only: keep the tests in one, so
    that two requests either side of a minute's end do not make a test fail by chance."""
    from returnee_home.core import private_cache

    monkeypatch.setattr(private_cache, "_minute", lambda: "202611261000")


@pytest.fixture
def home() -> Any:
    return HomeFactory()


@pytest.fixture
def staff(home: Any) -> Any:
    return _staff(home)


def _browser(user: Any) -> Client:
    """A signed-in client that already holds its CSRF cookie, as a browser does after the
    sign-in page (a page is cached per session and CSRF cookie)."""
    client = signed_in(user)
    client.cookies[settings.CSRF_COOKIE_NAME] = _get_new_csrf_string()
    return client


@pytest.fixture
def staff_client(staff: Any) -> Client:
    return _browser(staff)


@pytest.fixture
def talent() -> Any:
    return UserFactory()


def _get(client: Client, path: str = "/workspace/") -> Any:
    response = client.get(path)
    assert response.status_code == 200
    return response


def test_second_view_is_served_from_the_cache_with_the_same_page(staff_client: Client) -> None:
    first = _get(staff_client)
    second = _get(staff_client)
    assert first.get("X-Private-Cache") is None
    assert second["X-Private-Cache"] == "hit"
    assert second.content == first.content


def test_a_new_notification_shows_at_once(staff_client: Client, staff: Any) -> None:
    _get(staff_client)
    assert _get(staff_client)["X-Private-Cache"] == "hit"
    notify(recipient=staff, kind="test", title="新的待办事项", email=False)
    page = _get(staff_client)
    assert page.get("X-Private-Cache") is None
    assert "新的待办事项" in _get(staff_client, "/notifications/").content.decode()


def test_a_bulk_update_outside_the_models_also_counts(staff_client: Client, staff: Any) -> None:
    notify(recipient=staff, kind="test", title="待读消息", email=False)
    _get(staff_client)
    assert _get(staff_client)["X-Private-Cache"] == "hit"
    Notification.objects.filter(recipient=staff).update(read_at="2026-01-01T00:00:00Z")
    assert _get(staff_client).get("X-Private-Cache") is None


def test_losing_the_role_is_effective_on_the_next_request(
    staff_client: Client, staff: Any, home: Any
) -> None:
    workbench = f"/services/workbench/{home.pk}/"
    _get(staff_client, workbench)
    assert _get(staff_client, workbench)["X-Private-Cache"] == "hit"
    Membership.objects.filter(user=staff).delete()
    assert staff_client.get(workbench).status_code in (403, 404)


def test_another_person_never_gets_the_cached_page(staff_client: Client, talent: Any) -> None:
    staff_page = _get(staff_client)
    talent_client = _browser(talent)
    talent_page = talent_client.get("/workspace/")
    assert talent_page.get("X-Private-Cache") is None
    assert talent_page.content != staff_page.content


def test_signing_out_ends_cached_pages(staff_client: Client) -> None:
    _get(staff_client)
    staff_client.logout()
    response = staff_client.get("/workspace/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_pending_message_is_shown_not_a_cached_page(staff_client: Client) -> None:
    _get(staff_client)
    storage = CookieStorage(type("R", (), {"COOKIES": {}})())
    storage.add(constants.SUCCESS, "已保存你的更改")
    response_cookie = storage._encode([*storage._queued_messages])
    staff_client.cookies["messages"] = response_cookie
    page = _get(staff_client)
    assert page.get("X-Private-Cache") is None
    assert "已保存你的更改" in page.content.decode()


def test_each_language_has_its_own_page(staff_client: Client) -> None:
    chinese = _get(staff_client)
    english = _get(staff_client, "/en/workspace/")
    assert english.get("X-Private-Cache") is None
    assert english.content != chinese.content


def test_a_cached_value_is_kept_until_a_table_it_read_is_written(home: Any) -> None:
    from returnee_home.core.models import City
    from returnee_home.core.private_cache import _recording, cached_until_written

    builds = []

    def count_cities() -> int:
        builds.append(1)
        return City.objects.count()

    first = cached_until_written("test:cities", count_cities, 60)
    assert cached_until_written("test:cities", count_cities, 60) == first
    assert len(builds) == 1
    # A page recording its reads learns the tables of a value it got from the cache.
    with _recording() as reads:
        cached_until_written("test:cities", count_cities, 60)
    assert "core_city" in reads and len(builds) == 1
    City.objects.create(code="329999", name_zh="测试市", name_en="Test City")
    assert cached_until_written("test:cities", count_cities, 60) == first + 1
    assert len(builds) == 2


def test_a_value_made_from_another_cached_value_follows_its_tables(home: Any) -> None:
    from returnee_home.core.models import City
    from returnee_home.core.private_cache import cached_until_written

    def count() -> int:
        return cached_until_written("test:count", City.objects.count, 60)

    def page() -> str:
        number = count()
        return cached_until_written(
            "test:page", lambda: f"{number} cities", 60, also=("test:count",)
        )

    first = page()
    City.objects.create(code="329998", name_zh="测试市", name_en="Test City")
    assert page() != first  # the page read no table itself, yet it is not served stale
