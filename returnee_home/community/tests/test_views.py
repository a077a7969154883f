"""Community pages: who may read and write what, what a person sees, and fixed query counts."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from returnee_home.accounts.tests.factories import PNG_BYTES, UserFactory
from returnee_home.community import actions
from returnee_home.community.models import Board, PostImage, Report, Thread
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
XSS = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


def test_anonymous_reads_public_board_and_thread_from_cache(
    django_capture_on_commit_callbacks: Any,
) -> None:
    thread = ThreadFactory(title="落户问题")
    client = Client()
    board_url = reverse("community:board", args=[thread.board.slug])
    assert "落户问题" in client.get(board_url).content.decode()
    assert client.get(board_url)["X-Page-Cache"] == "hit"
    writer = UserFactory()
    published_posts(writer)
    with django_capture_on_commit_callbacks(execute=True):
        actions.thread_create(author=writer, board=thread.board, title="新帖子", body="内容")
    response = client.get(board_url)
    assert response["X-Page-Cache"] == "miss"
    assert "新帖子" in response.content.decode()


def test_anonymous_posting_goes_to_sign_in() -> None:
    board = BoardFactory()
    response = Client().get(reverse("community:thread_new", args=[board.slug]))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_xss_in_a_post_is_shown_as_text() -> None:
    author = UserFactory()
    published_posts(author)
    board = BoardFactory()
    client = client_for(author)
    response = client.post(
        reverse("community:thread_new", args=[board.slug]),
        {"title": "测试 <b>标题</b>", "kind": "discussion", "body": XSS, "tags": ""},
    )
    assert response.status_code == 302
    page = Client().get(response["Location"]).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page
    assert "<b>标题</b>" not in page


def test_empty_thread_shows_the_reason_in_english() -> None:
    author = UserFactory()
    board = BoardFactory()
    response = client_for(author).post(
        f"/en{reverse('community:thread_new', args=[board.slug])}",
        {"title": "Hello", "kind": "discussion", "body": "  "},
    )
    assert response.status_code == 400
    assert "Write something before posting." in response.content.decode()
    assert not Thread.objects.exists()


def test_posting_too_fast_is_explained() -> None:
    author = UserFactory()
    board = BoardFactory()
    client = client_for(author)
    url = reverse("community:thread_new", args=[board.slug])
    for n in range(3):
        client.post(url, {"title": f"帖{n}", "kind": "discussion", "body": "内容"})
    response = client.post(url, {"title": "帖4", "kind": "discussion", "body": "内容"})
    assert response.status_code == 400
    assert "发帖太快" in response.content.decode() or "too fast" in response.content.decode()
    assert Thread.objects.count() == 3


def test_circle_board_is_for_members_only() -> None:
    circle = CircleFactory()
    outsider, insider = UserFactory(), UserFactory()
    member_of(circle, insider)
    thread = ThreadFactory(board=circle.board)
    url = reverse("community:thread", args=[thread.pk])
    assert Client().get(url).status_code == 404
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(insider).get(url).status_code == 200


@pytest.mark.parametrize("role", ["talent", "staff", "manager", "city", "employer"])
def test_moderation_queue_is_refused_to_other_roles(world: dict[str, Any], role: str) -> None:
    response = client_for(world["people"][role]).get(reverse("community:moderation"))
    assert response.status_code == 403


def test_province_admin_moderates_a_report(world: dict[str, Any]) -> None:
    thread = ThreadFactory(title="广告帖")
    reporter = UserFactory()
    response = client_for(reporter).post(
        reverse("community:report", args=["thread", thread.pk]),
        {"reason": "spam", "detail": "广告"},
    )
    assert response.status_code == 302
    admin = client_for(world["people"]["province"])
    assert "广告帖" in admin.get(reverse("community:moderation")).content.decode()
    admin.post(
        reverse("community:moderation_decide", args=["hide", "thread", thread.pk]),
        {"reason": "商业广告"},
    )
    thread.refresh_from_db()
    assert thread.status == "hidden"
    assert Report.objects.get().status == "actioned"
    assert Client().get(reverse("community:thread", args=[thread.pk])).status_code == 404


def test_board_admin_is_province_only(world: dict[str, Any]) -> None:
    data = {"slug": "overseas", "name_zh": "海外", "name_en": "Overseas", "posting": "members",
            "position": 5, "is_active": "on"}  # fmt: skip
    url = reverse("community:moderation_boards")
    assert client_for(world["people"]["city"]).post(url, data).status_code == 403
    assert client_for(world["people"]["province"]).post(url, data).status_code == 302
    assert Board.objects.filter(slug="overseas").exists()


def test_board_page_queries_do_not_grow() -> None:
    board = BoardFactory()
    reader = UserFactory()
    client = client_for(reader)
    url = reverse("community:board", args=[board.slug])
    for _ in range(3):
        ThreadFactory(board=board)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(20):
        ThreadFactory(board=board)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_late_thread_page_queries_do_not_grow() -> None:
    reader = UserFactory()
    client = client_for(reader)
    short = thread_with_replies(5)
    long = thread_with_replies(120)
    client.get(reverse("community:thread", args=[short.pk]))
    client.get(reverse("community:thread", args=[long.pk]))
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("community:thread", args=[short.pk]))
    with CaptureQueriesContext(connection) as late:
        response = client.get(reverse("community:thread", args=[long.pk]) + "?page=6")
    assert "回复 120" in response.content.decode()
    assert len(late) == len(first)


def test_image_is_served_to_readers_of_its_board_only() -> None:
    author = UserFactory()
    published_posts(author)
    circle = CircleFactory()
    member_of(circle, author)
    client = client_for(author)
    response = client.post(
        reverse("community:thread_new", args=[circle.board.slug]),
        {"title": "照片", "kind": "discussion", "body": "看图",
         "image": SimpleUploadedFile("a.png", PNG_BYTES, "image/png")},
    )  # fmt: skip
    assert response.status_code == 302
    image = PostImage.objects.get()
    url = reverse("community:image", args=[image.key.hex])
    assert client.get(url).status_code == 200
    assert Client().get(url).status_code == 404


def test_forbidden_upload_saves_no_thread() -> None:
    author = UserFactory()
    published_posts(author)
    board = BoardFactory()
    response = client_for(author).post(
        reverse("community:thread_new", args=[board.slug]),
        {"title": "文件", "kind": "discussion", "body": "看",
         "image": SimpleUploadedFile("a.png", b"%PDF-1.4 not an image", "image/png")},
    )  # fmt: skip
    assert response.status_code == 400
    assert not Thread.objects.filter(title="文件").exists()


def test_partner_author_stays_anonymous_until_accepted() -> None:
    from returnee_home.community.tests.factories import PartnerPostFactory

    author = UserFactory(full_name="王晓明")
    seeker = UserFactory(full_name="李华")
    post = PartnerPostFactory(author=author)
    url = reverse("community:partner", args=[post.pk])
    seeker_client = client_for(seeker)
    assert "王晓明" not in seeker_client.get(url).content.decode()
    seeker_client.post(url, {"note": "想合作"})
    author_client = client_for(author)
    mine = author_client.get(reverse("community:partners_mine")).content.decode()
    assert "李华" not in mine
    intro = post.introductions.get()
    author_client.post(reverse("community:introduction_decide", args=[intro.pk]), {"accept": "1"})
    assert "李华" in author_client.get(reverse("community:partners_mine")).content.decode()
    assert "王晓明" in seeker_client.get(url).content.decode()
    response = seeker_client.post(
        reverse("community:conversation_new"), {"people": [author.pk], "body": "你好"}
    )
    assert response.status_code == 302


def test_conversation_of_others_is_404() -> None:
    a, b, c = UserFactory(), UserFactory(), UserFactory()
    circle = CircleFactory()
    member_of(circle, a)
    member_of(circle, b)
    conversation = actions.conversation_start(user=a, others=[b], body="私聊")
    assert (
        client_for(c).get(reverse("community:conversation", args=[conversation.pk])).status_code
        == 404
    )
    assert (
        client_for(b).get(reverse("community:conversation", args=[conversation.pk])).status_code
        == 200
    )


def test_pages_render_in_both_languages(world: dict[str, Any]) -> None:
    thread = thread_with_replies(3, kind=Thread.Kind.QUESTION)
    user = world["people"]["province"]
    client = client_for(user)
    for prefix in ("", "/en"):
        for name, args in [("index", []), ("circles", []), ("partners", []),
                           ("messages", []), ("standing", []), ("moderation", []),
                           ("moderation_words", []), ("moderation_boards", []),
                           ("moderation_moderators", []), ("thread", [thread.pk]),
                           ("board", [thread.board.slug]), ("circle_new", []),
                           ("partner_new", []), ("partners_mine", []), ("conversation_new", [])]:  # fmt: skip
            with translation.override("zh-hans"):
                url = reverse(f"community:{name}", args=args)
            response = client.get(prefix + url)
            assert response.status_code == 200, name


def test_search_finds_chinese_and_english_posts_it_may_show() -> None:
    writer = UserFactory()
    published_posts(writer)
    board = BoardFactory()
    thread = actions.thread_create(
        author=writer, board=board, title="人才公寓申请经验", body="我们在苏州申请了人才公寓。"
    )
    actions.reply_create(
        author=writer, thread=thread, body="The talent apartment took three weeks."
    )
    circle = CircleFactory()
    member_of(circle, writer)
    actions.thread_create(
        author=writer, board=circle.board, title="圈内交流：人才公寓的讨论", body="内部"
    )
    page = Client().get(reverse("community:search"), {"q": "人才公寓"}).content.decode()
    assert "<mark>人才公寓</mark>申请经验" in page
    assert "圈内" not in page
    english = Client().get(reverse("community:search"), {"q": "apartment weeks"}).content.decode()
    assert "three" in english and "#1" in english
    assert (
        "圈内"
        in client_for(writer).get(reverse("community:search"), {"q": "人才公寓"}).content.decode()
    )


def test_new_partner_post_shows_on_the_cached_list(django_capture_on_commit_callbacks: Any) -> None:
    client = Client()
    url = reverse("community:partners")
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        actions.partner_post_create(
            author=UserFactory(), kind="mentor", title="寻找创业导师", bring="原型", seek="经验"
        )
    assert "寻找创业导师" in client.get(url).content.decode()
