import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.notifications.models import Notification, NotificationPreference
from returnee_home.notifications.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    return UserFactory()


@pytest.fixture
def client_of(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def test_inbox_requires_sign_in(client):
    response = client.get("/notifications/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_inbox_lists_own_notifications_with_unread_highlighted(client_of, person):
    NotificationFactory(recipient=person, title="已读的消息", read_at="2026-01-01T00:00:00Z")
    NotificationFactory(recipient=person, title="未读的消息")
    NotificationFactory(title="别人的消息")
    response = client_of.get("/notifications/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "未读的消息" in html and "已读的消息" in html
    assert "别人的消息" not in html
    assert html.count("inbox-item-unread") == 1
    assert "您有 1 条未读通知。" in html
    # The header badge shows the unread count.
    assert 'class="badge"' in html


def test_inbox_in_english(client_of, person):
    NotificationFactory.create_batch(2, recipient=person)
    html = client_of.get("/en/notifications/").content.decode()
    assert "You have 2 unread notifications." in html
    assert "Mark all as read" in html


def test_inbox_paginates(client_of, person):
    NotificationFactory.create_batch(25, recipient=person)
    first = client_of.get("/notifications/").content.decode()
    second = client_of.get("/notifications/?page=2").content.decode()
    assert first.count('<li class="inbox-item') == 20
    assert second.count('<li class="inbox-item') == 5


def test_inbox_query_count_does_not_grow_with_rows(client_of, person):
    NotificationFactory.create_batch(2, recipient=person)
    client_of.get("/notifications/")
    with CaptureQueriesContext(connection) as few:
        client_of.get("/notifications/")
    NotificationFactory.create_batch(15, recipient=person)
    with CaptureQueriesContext(connection) as many:
        client_of.get("/notifications/")
    assert len(many) == len(few)


def test_open_marks_read_and_follows_a_local_link(client_of, person):
    notification = NotificationFactory(recipient=person, url="/account/")
    response = client_of.get(f"/notifications/{notification.pk}/")
    assert response.status_code == 302
    assert response["Location"] == "/account/"
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.parametrize(
    "url", ["https://evil.example/phish", "//evil.example/x", "/\\evil.example", "javascript:x"]
)
def test_open_never_redirects_off_site(client_of, person, url):
    notification = NotificationFactory(recipient=person, url=url, title="外部链接")
    response = client_of.get(f"/notifications/{notification.pk}/")
    assert response.status_code == 200
    assert "外部链接" in response.content.decode()
    assert "evil.example" not in response.content.decode()


def test_another_persons_notification_is_404_for_every_view(client_of):
    theirs = NotificationFactory()
    assert client_of.get(f"/notifications/{theirs.pk}/").status_code == 404
    assert client_of.post(f"/notifications/{theirs.pk}/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_read_without_javascript_redirects_back(client_of, person):
    notification = NotificationFactory(recipient=person)
    response = client_of.post(f"/notifications/{notification.pk}/read/", {"page": "1"})
    assert response.status_code == 302
    assert response["Location"] == "/notifications/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_mark_read_with_htmx_returns_the_updated_panel(client_of, person):
    first, second = NotificationFactory.create_batch(2, recipient=person)
    response = client_of.post(
        f"/en/notifications/{first.pk}/read/", {"page": "1"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="inbox-panel"')
    assert "<html" not in html
    assert "You have 1 unread notification." in html
    assert "Marked as read." in html


def test_mark_all_read(client_of, person):
    NotificationFactory.create_batch(3, recipient=person)
    other = NotificationFactory()
    response = client_of.post("/notifications/read-all/", HTTP_HX_REQUEST="true")
    assert "您没有未读通知。" in response.content.decode()
    assert Notification.objects.filter(recipient=person, read_at__isnull=True).count() == 0
    other.refresh_from_db()
    assert other.read_at is None


def test_mark_read_needs_post(client_of, person):
    notification = NotificationFactory(recipient=person)
    assert client_of.get(f"/notifications/{notification.pk}/read/").status_code == 405


def test_mark_read_is_csrf_protected(person):
    notification = NotificationFactory(recipient=person)
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    assert client.post(f"/notifications/{notification.pk}/read/").status_code == 403


def test_settings_page_turns_email_copies_off_and_on(client_of, person):
    page = client_of.get("/en/notifications/settings/").content.decode()
    assert "E-mail me a copy of each notification" in page
    assert "checked" in page
    response = client_of.post("/notifications/settings/", {})
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=person).email_copies is False
    page = client_of.get("/notifications/settings/").content.decode()
    assert "checked" not in page
    client_of.post("/notifications/settings/", {"email_copies": "on"})
    assert NotificationPreference.objects.get(user=person).email_copies is True


def test_workspace_menu_has_the_messages_section(client_of):
    from django.test import RequestFactory

    from returnee_home.core.navigation import workspace_menu

    request = RequestFactory().get("/workspace/")
    request.user = UserFactory()
    sections = {str(s["title"]): s for s in workspace_menu(request)}
    assert "消息" in sections
    assert [link["url"] for link in sections["消息"]["links"]] == [
        "/notifications/",
        "/notifications/settings/",
    ]
