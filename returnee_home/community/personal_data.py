"""The community's part of "download my data" and of deleting an account.

On deletion, posts and messages stay so that threads and conversations remain whole; the
author is shown as "former member" because accounts anonymises the person. What only served
the person (follows, read markers, memberships, blocks, partner posts, pending introductions)
goes."""

from typing import Any

from django.db.models import Q

from returnee_home.community.models import (
    Block,
    CircleMember,
    ConversationMember,
    Follow,
    Introduction,
    Message,
    PartnerPost,
    Reply,
    Thread,
    ThreadRead,
)


def export(user: Any) -> dict[str, Any]:
    return {
        "threads": list(
            Thread.objects.filter(author=user).values("id", "title", "body", "created_at")
        ),
        "replies": list(
            Reply.objects.filter(author=user).values("id", "thread_id", "body", "created_at")
        ),
        "partner_posts": list(
            PartnerPost.objects.filter(author=user).values("id", "kind", "title", "bring", "seek")
        ),
        "circles": list(
            CircleMember.objects.filter(user=user).values("circle__name_zh", "status", "listed")
        ),
        "messages_sent": list(
            Message.objects.filter(sender=user).values("conversation_id", "body", "created_at")
        ),
    }


def erase(user: Any) -> None:
    Follow.objects.filter(user=user).delete()
    ThreadRead.objects.filter(user=user).delete()
    CircleMember.objects.filter(user=user).delete()
    Block.objects.filter(Q(blocker=user) | Q(blocked=user)).delete()
    Introduction.objects.filter(Q(requester=user) | Q(post__author=user)).delete()
    PartnerPost.objects.filter(author=user).delete()
    ConversationMember.objects.filter(user=user).update(notified_until=None)
    for message in Message.objects.filter(sender=user).exclude(attachment=""):
        message.attachment.delete(save=False)
        message.attachment_name = ""
        message.save(update_fields=["attachment", "attachment_name"])
