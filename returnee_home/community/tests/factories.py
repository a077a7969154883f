"""Factories of the community: boards, threads with replies, circles, partner posts."""

import datetime as dt

import factory
from django.utils import timezone

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.community import markup
from returnee_home.community.models import (
    Board,
    Circle,
    CircleMember,
    Moderator,
    PartnerPost,
    Reply,
    Thread,
)


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board

    slug = factory.Sequence(lambda n: f"board-{n}")
    name_zh = factory.Sequence(lambda n: f"版块{n}")
    name_en = factory.Sequence(lambda n: f"Board {n}")


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thread

    board = factory.SubFactory(BoardFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"回国后的第{n}个问题")
    body = "大家好，想请教一下落户的流程。"
    body_html = factory.LazyAttribute(lambda o: markup.render(o.body))
    last_activity_at = factory.LazyFunction(timezone.now)


class ReplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reply

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(UserFactory)
    position = factory.Sequence(lambda n: n + 1)
    body = "谢谢分享！"
    body_html = factory.LazyAttribute(lambda o: markup.render(o.body))


def thread_with_replies(n: int, **kwargs: object) -> Thread:
    """A published thread with `n` published replies numbered 1..n."""
    thread = ThreadFactory(reply_seq=n, reply_count=n, **kwargs)
    author = UserFactory()
    Reply.objects.bulk_create(
        [
            Reply(
                thread=thread,
                position=i,
                author=author,
                body=f"回复 {i}",
                body_html=markup.render(f"回复 {i}"),
            )  # fmt: skip
            for i in range(1, n + 1)
        ]
    )
    return thread


def published_posts(user: object, count: int = 5) -> None:
    """Give a member a history of published posts (lifts new-member limits) dated an hour ago
    so they do not count against the rate limit."""
    board = BoardFactory()
    for _ in range(count):
        thread = ThreadFactory(author=user, board=board)
        Thread.objects.filter(pk=thread.pk).update(
            created_at=timezone.now() - dt.timedelta(hours=1)
        )


class CircleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Circle

    slug = factory.Sequence(lambda n: f"circle-{n}")
    name_zh = factory.Sequence(lambda n: f"圈子{n}")
    name_en = factory.Sequence(lambda n: f"Circle {n}")
    kind = Circle.Kind.INTEREST
    board = factory.LazyAttribute(
        lambda o: BoardFactory(slug=f"c-{o.slug}", kind=Board.Kind.CIRCLE)
    )


def member_of(circle: Circle, user: object, **kwargs: object) -> CircleMember:
    member = CircleMember.objects.create(
        circle=circle, user=user, status=CircleMember.Status.MEMBER, **kwargs
    )
    Circle.objects.filter(pk=circle.pk).update(member_count=circle.members.count())
    return member


class PartnerPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerPost

    author = factory.SubFactory(UserFactory)
    kind = PartnerPost.Kind.CO_FOUNDER
    title = "寻找联合创始人"
    bring = "已有产品原型和种子客户。"
    seek = "懂市场的合伙人。"


class ModeratorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Moderator

    user = factory.SubFactory(UserFactory)
