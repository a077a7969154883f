"""The demo volume generator: numbered replies, search entries, ids that new posts continue
after, and a second run that adds nothing (COPY on PostgreSQL, bulk_create on SQLite)."""

import pytest

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.community import actions, demo, selectors
from returnee_home.community.models import Board, Reply, ReplySearchEntry, Thread
from returnee_home.core.demo.registry import SCALES, DemoContext

pytestmark = pytest.mark.django_db


def test_volume_is_complete_searchable_and_idempotent() -> None:
    people = [UserFactory() for _ in range(3)]
    ctx = DemoContext(seed=1, scale=SCALES["tiny"], password_hash="x", log=lambda _m: None)
    boards = demo._boards(ctx)
    demo._volume(ctx, boards, people)
    assert Thread.objects.count() == demo.THREADS["tiny"]
    longest = Thread.objects.order_by("-reply_seq").first()
    assert longest.reply_seq == demo.LONG_THREAD["tiny"]
    positions = list(
        Reply.objects.filter(thread=longest).order_by("position").values_list("position", flat=True)
    )
    assert positions == list(range(1, longest.reply_seq + 1))
    assert ReplySearchEntry.objects.count() == Reply.objects.count()
    assert sum(b.thread_count for b in Board.objects.all()) == demo.THREADS["tiny"]
    last_page = selectors.reply_page(people[0], longest, selectors.reply_page_count(longest))
    assert last_page[-1].position == longest.reply_seq
    demo._volume(ctx, boards, people)
    assert Thread.objects.count() == demo.THREADS["tiny"]
    people[0].__class__.objects.filter(pk=people[0].pk).update(full_name="写作者")
    thread = actions.thread_create(
        author=people[0], board=boards["academic"], title="新帖", body="内容"
    )
    reply = actions.reply_create(author=people[0], thread=longest, body="新回复")
    assert thread.pk > longest.pk
    assert reply.position == demo.LONG_THREAD["tiny"] + 1
