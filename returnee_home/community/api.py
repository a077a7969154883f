"""API of the community under /api/v1/community: boards, threads and replies (read by anyone
on public boards; posted by a signed-in member), the member's conversations and messages, and
reports. Member calls are limited per minute (429 with Retry-After); posting and messaging have
the same per-member limits as the pages."""

import time
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema

from returnee_home.api.auth import Throttled, session_auth
from returnee_home.api.schemas import ErrorOut
from returnee_home.community import actions, selectors
from returnee_home.community.models import Reply, Thread
from returnee_home.core.errors import ApplicationError, NotFoundError

router = Router(tags=["community"])
MEMBER_CALLS_PER_MINUTE = 120
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}


class MemberThrottled(Throttled):
    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.message = _("Too many requests. Wait a minute and try again.")


def _throttle(request: HttpRequest) -> None:
    """Count one call of the signed-in member in this minute; 429 beyond the limit."""
    limit = int(getattr(settings, "COMMUNITY_API_CALLS_PER_MINUTE", MEMBER_CALLS_PER_MINUTE))
    now = time.time()
    who = request.user.pk if request.user.is_authenticated else request.META.get("REMOTE_ADDR")
    key = f"community-api:{who}:{int(now // 60)}"
    cache.add(key, 0, 90)
    try:
        used = cache.incr(key)
    except ValueError:
        cache.set(key, 1, 90)
        used = 1
    if used > limit:
        raise MemberThrottled(retry_after=max(1, 60 - int(now % 60)))


def _name(user: Any) -> str:
    from returnee_home.community.templatetags.community_tags import member_name

    return member_name(user)


class BoardOut(Schema):
    slug: str
    name: str
    kind: str
    description: str
    posting: str
    thread_count: int
    reply_count: int
    last_activity_at: datetime | None


class ThreadOut(Schema):
    id: int
    board: str
    title: str
    kind: str
    author: str
    tags: list[str]
    reply_count: int
    score: int
    status: str
    created_at: datetime
    last_activity_at: datetime
    body_html: str | None = None


class ThreadPage(Schema):
    threads: list[ThreadOut]
    next_cursor: str | None = Field(None, description="Pass as `after` for the next page")


class ReplyOut(Schema):
    id: int
    position: int
    author: str
    quote: int | None
    body_html: str
    status: str
    score: int
    created_at: datetime


class ThreadDetail(Schema):
    thread: ThreadOut
    page: int
    pages: int
    replies: list[ReplyOut]


class ThreadIn(Schema):
    title: str = Field(..., max_length=150)
    body: str = Field(..., max_length=20000, description="Markdown (raw HTML is shown as text)")
    kind: str = Field("discussion", description="discussion or question")
    tags: list[str] = Field(default_factory=list, max_length=5)


class ReplyIn(Schema):
    body: str = Field(..., max_length=20000)
    quote: int | None = Field(None, description="Id of a reply of the same thread to quote")


class ConversationOut(Schema):
    id: int
    title: str
    people: list[str]
    unread: int
    last_message_at: datetime | None


class MessageOut(Schema):
    id: int
    sender: str
    mine: bool
    body: str
    attachment_name: str
    created_at: datetime


class MessageIn(Schema):
    body: str = Field(..., max_length=5000)


class ReportIn(Schema):
    target: str = Field(..., description="thread, reply, message or member")
    id: int
    reason: str = Field(..., description="spam, abuse, illegal, privacy, misinformation, other")
    detail: str = Field("", max_length=2000)


class ReportOut(Schema):
    id: int
    status: str


def _thread_out(thread: Thread, with_body: bool = False) -> dict[str, Any]:
    return {
        "id": thread.pk, "board": thread.board.slug, "title": thread.title, "kind": thread.kind,
        "author": _name(thread.author), "tags": [t.name for t in thread.tags.all()],
        "reply_count": thread.reply_count, "score": thread.score, "status": thread.status,
        "created_at": thread.created_at, "last_activity_at": thread.last_activity_at,
        "body_html": thread.body_html if with_body else None,
    }  # fmt: skip


def _reply_out(reply: Reply) -> dict[str, Any]:
    hidden = reply.status == "hidden"
    return {
        "id": reply.pk, "position": reply.position, "author": _name(reply.author),
        "quote": reply.quote_id, "body_html": "" if hidden else reply.body_html,
        "status": reply.status, "score": reply.score, "created_at": reply.created_at,
    }  # fmt: skip


@router.get("/boards", response={200: list[BoardOut], **ERRORS}, auth=None, summary="Boards")
def boards(request: HttpRequest) -> Any:
    _throttle(request)
    return [
        {
            "slug": b.slug,
            "name": b.name,
            "kind": b.kind,
            "description": b.description,
            "posting": b.posting,
            "thread_count": b.thread_count,
            "reply_count": b.reply_count,
            "last_activity_at": b.last_activity_at,
        }  # fmt: skip
        for b in selectors.public_boards()
    ]


@router.get(
    "/boards/{slug}/threads",
    response={200: ThreadPage, **ERRORS},
    auth=None,
    summary="Threads of a board, newest activity first (keyset pages)",
)
def board_threads(
    request: HttpRequest, slug: str, sort: str = "activity", after: str | None = None
) -> Any:
    _throttle(request)
    board = selectors.board_for(request.user, slug)
    rows, cursor = selectors.thread_page(board, sort=sort, after=after)
    for row in rows:
        row.board = board
    return {"threads": [_thread_out(t) for t in rows], "next_cursor": cursor}


@router.post(
    "/boards/{slug}/threads",
    response={201: ThreadOut, **ERRORS},
    auth=[session_auth],
    summary="Start a thread",
)
def thread_create(request: HttpRequest, slug: str, body: ThreadIn) -> Any:
    _throttle(request)
    board = selectors.board_for(request.user, slug)
    thread = actions.thread_create(
        author=request.user, board=board, title=body.title, body=body.body, kind=body.kind,
        tags=body.tags, language=getattr(request, "LANGUAGE_CODE", "zh-hans"),
    )  # fmt: skip
    return 201, _thread_out(thread, with_body=True)


@router.get(
    "/threads/{thread_id}",
    response={200: ThreadDetail, **ERRORS},
    auth=None,
    summary="A thread and one page of its replies",
)
def thread_detail(request: HttpRequest, thread_id: int, page: int = 1) -> Any:
    _throttle(request)
    thread = selectors.thread_for(request.user, thread_id)
    pages = selectors.reply_page_count(thread)
    page = min(max(1, page), pages)
    replies = selectors.reply_page(request.user, thread, page)
    return {
        "thread": _thread_out(thread, with_body=True),
        "page": page,
        "pages": pages,
        "replies": [_reply_out(r) for r in replies],
    }


@router.post(
    "/threads/{thread_id}/replies",
    response={201: ReplyOut, **ERRORS},
    auth=[session_auth],
    summary="Reply to a thread",
)
def reply_create(request: HttpRequest, thread_id: int, body: ReplyIn) -> Any:
    _throttle(request)
    thread = selectors.thread_for(request.user, thread_id)
    quote = None
    if body.quote:
        quote = Reply.objects.filter(pk=body.quote, thread=thread, status="published").first()
        if quote is None:
            raise NotFoundError()
    reply = actions.reply_create(author=request.user, thread=thread, body=body.body, quote=quote)
    return 201, _reply_out(reply)


@router.get(
    "/conversations",
    response={200: list[ConversationOut], **ERRORS},
    auth=[session_auth],
    summary="My conversations, with unread counts",
)
def conversations(request: HttpRequest) -> Any:
    _throttle(request)
    return [
        {
            "id": c.pk,
            "title": c.title,
            "people": [_name(p) for p in c.people],
            "unread": c.unread,
            "last_message_at": c.last_message_at,
        }  # fmt: skip
        for c in selectors.conversations_of(request.user)
    ]


@router.get(
    "/conversations/{conversation_id}/messages",
    response={200: list[MessageOut], **ERRORS},
    auth=[session_auth],
    summary="The latest messages of one of my conversations (marks them read)",
)
def messages(request: HttpRequest, conversation_id: int) -> Any:
    _throttle(request)
    conversation = selectors.conversation_for(request.user, conversation_id)
    rows = selectors.messages_of(conversation)
    actions.conversation_mark_read(user=request.user, conversation=conversation)
    return [
        {
            "id": m.pk,
            "sender": _name(m.sender),
            "mine": m.sender_id == request.user.pk,
            "body": "" if m.status == "hidden" else m.body,
            "attachment_name": m.attachment_name,
            "created_at": m.created_at,
        }  # fmt: skip
        for m in rows
    ]


@router.post(
    "/conversations/{conversation_id}/messages",
    response={201: MessageOut, **ERRORS},
    auth=[session_auth],
    summary="Send a message in one of my conversations",
)
def message_send(request: HttpRequest, conversation_id: int, body: MessageIn) -> Any:
    _throttle(request)
    conversation = selectors.conversation_for(request.user, conversation_id)
    message = actions.message_send(user=request.user, conversation=conversation, body=body.body)
    return 201, {
        "id": message.pk, "sender": _name(request.user), "mine": True, "body": message.body,
        "attachment_name": "", "created_at": message.created_at,
    }  # fmt: skip


@router.post(
    "/reports",
    response={201: ReportOut, **ERRORS},
    auth=[session_auth],
    summary="Report a thread, reply, message or member to the moderators",
)
def report(request: HttpRequest, body: ReportIn) -> Any:
    _throttle(request)
    if body.target not in {"thread", "reply", "message", "member"}:
        message = _("Choose thread, reply, message or member.")
        raise ApplicationError("bad_target", message, fields={"target": message})
    target = actions.report_target_or_404(body.target, body.id, request.user)
    created = actions.report_create(
        reporter=request.user, reason=body.reason, detail=body.detail, **target
    )
    return 201, {"id": created.pk, "status": created.status}
