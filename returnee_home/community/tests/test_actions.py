"""The community's writes against the real database: what each allows and refuses."""

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from returnee_home.accounts.tests.factories import PNG_BYTES, UserFactory
from returnee_home.community import actions, selectors
from returnee_home.community.models import (
    Board,
    Introduction,
    Message,
    PostStatus,
    Reply,
    Report,
    Revision,
    Sanction,
    SensitiveWord,
    Thread,
    ThreadRead,
)
from returnee_home.community.tests.factories import (
    BoardFactory,
    CircleFactory,
    ModeratorFactory,
    PartnerPostFactory,
    ThreadFactory,
    member_of,
    published_posts,
)
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.core.models import AuditRecord
from returnee_home.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def member() -> Any:
    user = UserFactory()
    published_posts(user)
    return user


def test_thread_create_publishes_and_counts(member: Any) -> None:
    board = BoardFactory()
    thread = actions.thread_create(
        author=member, board=board, title="南京租房", body="**求推荐** 小区", tags="租房, 南京"
    )
    assert thread.status == PostStatus.PUBLISHED
    assert "<strong>求推荐</strong>" in thread.body_html
    assert sorted(t.name for t in thread.tags.all()) == ["南京", "租房"]
    board.refresh_from_db()
    assert board.thread_count == 1


@pytest.mark.parametrize(
    ("title", "body", "code"),
    [("", "内容", "empty_title"), ("标题", "   ", "empty"), ("标题", "x" * 20_001, "too_long"),
     ("t" * 151, "内容", "title_too_long")],
)  # fmt: skip
def test_bad_posts_are_refused_and_nothing_saved(
    member: Any, title: str, body: str, code: str
) -> None:
    with pytest.raises(ApplicationError) as error:
        actions.thread_create(author=member, board=BoardFactory(), title=title, body=body)
    assert error.value.code == code
    assert not Thread.objects.filter(title=title).exists()


def test_new_member_cannot_post_links_until_first_post_published() -> None:
    newcomer = UserFactory()
    with pytest.raises(ApplicationError) as error:
        actions.thread_create(
            author=newcomer, board=BoardFactory(), title="看这里", body="https://spam.example"
        )
    assert error.value.code == "new_member_links"
    ThreadFactory(author=newcomer)
    thread = actions.thread_create(
        author=newcomer, board=BoardFactory(), title="资料", body="见 [政府网](https://www.gov.cn)"
    )
    assert 'rel="nofollow ugc noopener"' in thread.body_html


def test_new_member_rate_limit() -> None:
    newcomer = UserFactory()
    board = BoardFactory()
    for n in range(3):
        actions.thread_create(author=newcomer, board=board, title=f"第{n}帖", body="你好")
    with pytest.raises(actions.RateLimited) as error:
        actions.thread_create(author=newcomer, board=board, title="第4帖", body="你好")
    assert error.value.status == 429
    assert error.value.retry_after > 0
    assert Thread.objects.filter(author=newcomer).count() == 3


def test_sensitive_word_holds_the_post(member: Any) -> None:
    SensitiveWord.objects.create(word="代开发票", normalised="代开发票")
    board = BoardFactory()
    thread = actions.thread_create(
        author=member, board=board, title="财务", body="可以代 开 \u767c 票，联系我"
    )
    assert thread.status == PostStatus.HELD
    board.refresh_from_db()
    assert board.thread_count == 0
    assert not selectors.thread_page(board)[0]


def test_moderators_only_board(member: Any) -> None:
    board = BoardFactory(posting=Board.Posting.MODERATORS)
    with pytest.raises(PermissionDeniedError):
        actions.thread_create(author=member, board=board, title="公告", body="内容")
    moderator = ModeratorFactory().user
    assert actions.thread_create(author=moderator, board=board, title="公告", body="内容")


def test_replies_are_numbered_and_quotes_stay_in_the_thread(member: Any) -> None:
    thread = ThreadFactory()
    first = actions.reply_create(author=member, thread=thread, body="第一")
    second = actions.reply_create(author=member, thread=thread, body="第二", quote=first)
    assert (first.position, second.position) == (1, 2)
    other = actions.reply_create(author=member, thread=ThreadFactory(), body="别处")
    with pytest.raises(ApplicationError):
        actions.reply_create(author=member, thread=thread, body="引用", quote=other)
    thread.refresh_from_db()
    assert thread.reply_count == 2


def test_a_thread_read_again_is_not_written_again_until_it_changes(member: Any) -> None:
    thread = ThreadFactory()
    reader = UserFactory()
    assert thread.pk in selectors.unread_ids(reader, [thread])
    actions.thread_mark_read(user=reader, thread=thread)
    assert thread.pk not in selectors.unread_ids(reader, [thread])
    first_read = ThreadRead.objects.get(user=reader, thread=thread).read_at
    actions.thread_mark_read(user=reader, thread=thread)
    assert ThreadRead.objects.get(user=reader, thread=thread).read_at == first_read
    actions.reply_create(author=member, thread=thread, body="新的回复")
    thread.refresh_from_db()
    assert thread.pk in selectors.unread_ids(reader, [thread])
    actions.thread_mark_read(user=reader, thread=thread)
    assert thread.pk not in selectors.unread_ids(reader, [thread])


def test_followers_are_notified_of_replies(member: Any) -> None:
    thread = ThreadFactory()
    actions.follow_toggle(user=thread.author, thread=thread)
    actions.reply_create(author=member, thread=thread, body="我也想知道")
    assert Notification.objects.filter(recipient=thread.author, kind="community.new_reply").exists()
    assert not Notification.objects.filter(recipient=member).exists()


def test_edit_keeps_the_earlier_version(member: Any) -> None:
    thread = actions.thread_create(author=member, board=BoardFactory(), title="旧标题", body="旧")
    actions.post_edit(actor=member, thread=thread, title="新标题", body="新")
    revision = Revision.objects.get(thread=thread)
    assert (revision.title, revision.body) == ("旧标题", "旧")
    with pytest.raises(PermissionDeniedError):
        actions.post_edit(actor=UserFactory(), thread=thread, title="改", body="改")


def test_reaction_toggles(member: Any) -> None:
    thread = ThreadFactory()
    assert actions.reaction_toggle(user=member, thread=thread, kind="like") == (True, 1)
    assert actions.reaction_toggle(user=member, thread=thread, kind="like") == (False, 0)
    with pytest.raises(ApplicationError):
        actions.reaction_toggle(user=member, thread=thread, kind="angry")


def test_only_the_asker_marks_the_answer(member: Any) -> None:
    thread = ThreadFactory(kind=Thread.Kind.QUESTION, author=member)
    reply = actions.reply_create(author=UserFactory(), thread=thread, body="答案")
    with pytest.raises(PermissionDeniedError):
        actions.thread_mark_answer(actor=UserFactory(), thread=thread, reply=reply)
    assert actions.thread_mark_answer(actor=member, thread=thread, reply=reply).answer == reply


def test_image_upload_checks_content(member: Any) -> None:
    image = actions.image_upload(
        user=member, upload=SimpleUploadedFile("a.png", PNG_BYTES, "image/png")
    )
    assert image.mime == "image/png"
    with pytest.raises(ApplicationError) as error:
        actions.image_upload(
            user=member, upload=SimpleUploadedFile("a.png", b"<script>", "image/png")
        )
    assert error.value.code == "bad_type"


def test_foreign_image_is_refused(member: Any) -> None:
    other = UserFactory()
    image = actions.image_upload(
        user=other, upload=SimpleUploadedFile("a.png", PNG_BYTES, "image/png")
    )
    with pytest.raises(ApplicationError):
        actions.thread_create(
            author=member, board=BoardFactory(), title="图",
            body=f"![x](/community/images/{image.key.hex}/)",
        )  # fmt: skip


# --- Moderation ---------------------------------------------------------------------------


def test_report_hide_and_restore_are_audited_and_told(member: Any) -> None:
    thread = ThreadFactory()
    report = actions.report_create(reporter=member, thread=thread, reason="spam")
    with pytest.raises(ApplicationError):
        actions.report_create(reporter=member, thread=thread, reason="spam")
    moderator = ModeratorFactory().user
    with pytest.raises(PermissionDeniedError):
        actions.content_hide(actor=member, thread=thread, reason="广告")
    with pytest.raises(ApplicationError) as error:
        actions.content_hide(actor=moderator, thread=thread, reason="")
    assert error.value.code == "reason_required"
    actions.content_hide(actor=moderator, thread=thread, reason="广告")
    report.refresh_from_db()
    assert report.status == Report.Status.ACTIONED
    assert Notification.objects.filter(recipient=thread.author, body__contains="广告").exists()
    assert AuditRecord.objects.filter(action="community.content_hidden").exists()
    actions.content_restore(actor=moderator, thread=thread)
    thread.refresh_from_db()
    assert thread.status == PostStatus.PUBLISHED


def test_held_post_published_by_moderator(member: Any) -> None:
    SensitiveWord.objects.create(word="赌博", normalised="赌博")
    thread = actions.thread_create(author=member, board=BoardFactory(), title="赌 博", body="x")
    moderator = ModeratorFactory().user
    actions.content_restore(actor=moderator, thread=thread)
    thread.refresh_from_db()
    assert thread.status == PostStatus.PUBLISHED
    assert AuditRecord.objects.filter(action="community.held_published").exists()


def test_suspension_stops_posting_with_the_reason(member: Any) -> None:
    moderator = ModeratorFactory().user
    with pytest.raises(ApplicationError):
        actions.member_sanction(actor=moderator, member=member, kind="suspension", reason="刷屏")
    actions.member_sanction(
        actor=moderator, member=member, kind="suspension", reason="刷屏", days=7
    )
    with pytest.raises(ApplicationError) as error:
        actions.thread_create(author=member, board=BoardFactory(), title="再来", body="x")
    assert error.value.code == "sanctioned"
    assert "刷屏" in str(error.value.message)
    assert AuditRecord.objects.filter(action="community.member_suspension").exists()
    sanction = Sanction.objects.get(member=member)
    actions.sanction_lift(actor=moderator, sanction=sanction, reason="已改正")
    assert actions.thread_create(author=member, board=BoardFactory(), title="再来", body="x")


def test_moderators_cannot_sanction_each_other() -> None:
    a, b = ModeratorFactory().user, ModeratorFactory().user
    with pytest.raises(ApplicationError):
        actions.member_sanction(actor=a, member=b, kind="ban", reason="x")


def test_sensitive_word_list_is_for_province_admins(world: dict[str, Any]) -> None:
    with pytest.raises(PermissionDeniedError):
        actions.sensitive_word_add(actor=world["people"]["city"], word="赌博")
    entry = actions.sensitive_word_add(actor=world["people"]["province"], word="Fake  Diploma")
    assert entry.normalised == "fakediploma"
    with pytest.raises(ApplicationError):
        actions.sensitive_word_add(actor=world["people"]["province"], word="fake-diploma")


# --- Partner finding and messages ---------------------------------------------------------


def test_mutual_opt_in_then_messaging() -> None:
    author, seeker = UserFactory(), UserFactory()
    post = PartnerPostFactory(author=author)
    with pytest.raises(ApplicationError) as error:
        actions.conversation_start(user=seeker, others=[author], body="你好")
    assert error.value.code == "not_connected"
    intro = actions.introduction_request(requester=seeker, post=post, note="想合作")
    assert not selectors.are_connected(author, seeker)
    with pytest.raises(NotFoundError):
        actions.introduction_decide(actor=UserFactory(), introduction=intro, accept=True)
    actions.introduction_decide(actor=author, introduction=intro, accept=True)
    assert selectors.are_connected(author, seeker)
    conversation = actions.conversation_start(user=seeker, others=[author], body="你好")
    actions.message_send(user=author, conversation=conversation, body="你好！")
    assert selectors.unread_message_total(seeker) == 1
    # A second start continues the same one-to-one conversation.
    assert actions.conversation_start(user=author, others=[seeker], body="在吗") == conversation


def test_block_works_both_ways() -> None:
    a, b = UserFactory(), UserFactory()
    circle = CircleFactory()
    member_of(circle, a)
    member_of(circle, b)
    conversation = actions.conversation_start(user=a, others=[b], body="你好")
    actions.member_block(user=b, other=a)
    for sender in (a, b):
        with pytest.raises(ApplicationError) as error:
            actions.message_send(user=sender, conversation=conversation, body="还在吗")
        assert error.value.code == "blocked"
    assert Message.objects.filter(conversation=conversation).count() == 1


def test_forbidden_attachment_saves_nothing() -> None:
    a, b = UserFactory(), UserFactory()
    circle = CircleFactory()
    member_of(circle, a)
    member_of(circle, b)
    upload = SimpleUploadedFile("x.exe", b"MZ\x90\x00" * 100, "application/octet-stream")
    with pytest.raises(ApplicationError) as error:
        actions.conversation_start(user=a, others=[b], body="文件", attachment=upload)
    assert error.value.code == "bad_type"
    assert not Message.objects.exists()


def test_message_digest_is_one_notification_per_person() -> None:
    a, b = UserFactory(), UserFactory()
    circle = CircleFactory()
    member_of(circle, a)
    member_of(circle, b)
    conversation = actions.conversation_start(user=a, others=[b], body="一")
    actions.message_send(user=a, conversation=conversation, body="二")
    actions.message_send(user=a, conversation=conversation, body="三")
    later = timezone.now() + dt.timedelta(minutes=10)
    assert actions.send_message_digests(now=later) == 1
    assert Notification.objects.filter(recipient=b, kind="community.messages").count() == 1
    assert actions.send_message_digests(now=later) == 0


def test_circle_by_approval() -> None:
    organiser, applicant = UserFactory(), UserFactory()
    circle = actions.circle_create(
        actor=organiser, name_zh="留英校友", name_en="UK alumni", kind="alumni", joining="approval"
    )
    member = actions.circle_join(user=applicant, circle=circle)
    assert member.status == "pending"
    assert not selectors.can_read_board(applicant, circle.board)
    with pytest.raises(PermissionDeniedError):
        actions.circle_decide(actor=applicant, member=member, approve=True)
    actions.circle_decide(actor=organiser, member=member, approve=True)
    assert selectors.can_read_board(applicant, circle.board)


def test_deleted_account_shows_former_member() -> None:
    from returnee_home.accounts.actions import account_purge
    from returnee_home.community.templatetags.community_tags import member_name

    author = UserFactory()
    thread = ThreadFactory(author=author)
    reply = Reply.objects.create(thread=thread, position=1, author=author, body="x", body_html="x")
    author.deletion_requested_at = timezone.now() - dt.timedelta(days=60)
    author.save()
    account_purge(user=author, now=timezone.now() + dt.timedelta(days=60))
    reply.refresh_from_db()
    assert reply.author_id == author.pk
    assert member_name(reply.author) in {"Former member", "已注销成员"}
    assert not Introduction.objects.filter(requester=author).exists()
