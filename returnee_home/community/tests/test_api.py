"""The community API: reads, posts, errors with reasons, rate limits, conversations."""

import json
from typing import Any

import pytest
from django.test import Client, override_settings

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.community import actions
from returnee_home.community.tests.factories import (
    BoardFactory,
    CircleFactory,
    ThreadFactory,
    member_of,
    published_posts,
    thread_with_replies,
)
from returnee_home.orgs.tests.conftest import client_for

pytestmark = pytest.mark.django_db
BASE = "/api/v1/community"


def _post(client: Client, url: str, body: dict[str, Any], **extra: Any) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json", **extra)


def test_boards_and_threads_are_public() -> None:
    thread = thread_with_replies(25)
    client = Client()
    boards = client.get(f"{BASE}/boards").json()
    assert thread.board.slug in [b["slug"] for b in boards]
    page = client.get(f"{BASE}/boards/{thread.board.slug}/threads").json()
    assert page["threads"][0]["id"] == thread.pk
    detail = client.get(f"{BASE}/threads/{thread.pk}?page=2").json()
    assert detail["pages"] == 2
    assert [r["position"] for r in detail["replies"]] == [21, 22, 23, 24, 25]


def test_posting_needs_sign_in() -> None:
    board = BoardFactory()
    response = _post(Client(), f"{BASE}/boards/{board.slug}/threads", {"title": "t", "body": "b"})
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_post_thread_and_reply() -> None:
    user = UserFactory()
    published_posts(user)
    board = BoardFactory()
    client = client_for(user)
    response = _post(
        client, f"{BASE}/boards/{board.slug}/threads",
        {"title": "API 帖子", "body": "<script>x</script>**好**", "tags": ["api"]},
    )  # fmt: skip
    assert response.status_code == 201
    body = response.json()
    assert "<script>" not in body["body_html"] and "<strong>好</strong>" in body["body_html"]
    reply = _post(client, f"{BASE}/threads/{body['id']}/replies", {"body": "回复"})
    assert reply.status_code == 201 and reply.json()["position"] == 1


def test_empty_body_is_a_400_with_reason_in_english() -> None:
    user = UserFactory()
    board = BoardFactory()
    response = _post(
        client_for(user), f"{BASE}/boards/{board.slug}/threads?lang=en", {"title": "t", "body": ""}
    )
    assert response.status_code == 400
    assert response.json() == {
        "code": "empty",
        "message": "Write something before posting.",
        "fields": {"body": "Write something before posting."},
    }


def test_posting_too_fast_is_429_with_retry_after() -> None:
    user = UserFactory()
    board = BoardFactory()
    client = client_for(user)
    for n in range(3):
        assert (
            _post(
                client, f"{BASE}/boards/{board.slug}/threads", {"title": f"{n}", "body": "x"}
            ).status_code
            == 201
        )
    response = _post(client, f"{BASE}/boards/{board.slug}/threads", {"title": "4", "body": "x"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["code"] == "too_fast"


@override_settings(COMMUNITY_API_CALLS_PER_MINUTE=2)
def test_api_calls_are_limited_per_minute() -> None:
    client = client_for(UserFactory())
    assert client.get(f"{BASE}/boards").status_code == 200
    assert client.get(f"{BASE}/boards").status_code == 200
    response = client.get(f"{BASE}/boards")
    assert response.status_code == 429
    assert "Retry-After" in response


def test_conversations_and_blocking() -> None:
    a, b = UserFactory(), UserFactory()
    circle = CircleFactory()
    member_of(circle, a)
    member_of(circle, b)
    conversation = actions.conversation_start(user=a, others=[b], body="你好")
    client_b = client_for(b)
    listed = client_b.get(f"{BASE}/conversations").json()
    assert listed[0]["unread"] == 1
    assert (
        client_b.get(f"{BASE}/conversations/{conversation.pk}/messages").json()[0]["body"] == "你好"
    )
    actions.member_block(user=a, other=b)
    response = _post(client_b, f"{BASE}/conversations/{conversation.pk}/messages", {"body": "在吗"})
    assert response.status_code == 403 and response.json()["code"] == "blocked"
    other = client_for(UserFactory())
    assert other.get(f"{BASE}/conversations/{conversation.pk}/messages").status_code == 404


def test_report_via_api() -> None:
    thread = ThreadFactory()
    client = client_for(UserFactory())
    response = _post(
        client, f"{BASE}/reports", {"target": "thread", "id": thread.pk, "reason": "spam"}
    )
    assert response.status_code == 201
    bad = _post(client, f"{BASE}/reports", {"target": "thread", "id": thread.pk, "reason": "nope"})
    assert bad.status_code == 400 and "reason" in bad.json()["fields"]


def test_openapi_documents_the_community() -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert f"{BASE}/boards/{{slug}}/threads" in paths
    assert f"{BASE}/reports" in paths
