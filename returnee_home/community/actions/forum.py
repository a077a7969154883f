"""Writes of boards, threads and replies: post, reply (with a quote), edit (keeping the earlier
version), react, follow, mark an answer, mark read, upload an image, and boards themselves."""

from typing import Any

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from returnee_home.community import markup, selectors
from returnee_home.community.actions.trust import (
    check_body,
    check_post_rate,
    check_title,
    ensure_in_good_standing,
    screen,
)
from returnee_home.community.models import (
    Board,
    Follow,
    PostImage,
    PostStatus,
    Reaction,
    Reply,
    ReplySearchEntry,
    Revision,
    Tag,
    Thread,
    ThreadRead,
    ThreadSearchEntry,
)
from returnee_home.core.audit import audit_record
from returnee_home.core.cache import public_pages_changed
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.core.fulltext import index_words
from returnee_home.core.uploads import document_mime, is_too_large, upload_limit
from returnee_home.notifications.actions import notify

MAX_TAGS = 5
IMAGE_TYPES = {"image/jpeg": "jpg", "image/png": "png"}


def index_post(post: Thread | Reply, *, tags: list[str] | None = None) -> None:
    """Keep the post's segmented search words (core.fulltext) in step with its text."""
    body = index_words(markup.plain_text(post.body, limit=20_000))
    if isinstance(post, Thread):
        names = tags if tags is not None else [t.name for t in post.tags.all()]
        ThreadSearchEntry.objects.update_or_create(
            thread=post,
            defaults={"head_words": index_words(post.title, " ".join(names)), "body_words": body},
        )
    else:
        ReplySearchEntry.objects.update_or_create(reply=post, defaults={"body_words": body})


def parse_tags(raw: str | list[str]) -> list[str]:
    """Tags from a comma- or space-separated text: lower-cased, at most five, 30 characters."""
    items = raw if isinstance(raw, list) else raw.replace("，", ",").replace(",", " ").split()
    tags: list[str] = []
    for item in items:
        name = item.strip().lstrip("#").lower()[:30]
        if name and name not in tags:
            tags.append(name)
    if len(tags) > MAX_TAGS:
        message = gettext_lazy("Use at most %(limit)s tags.") % {"limit": MAX_TAGS}
        raise ApplicationError("too_many_tags", message, fields={"tags": message})
    return tags


def _tag_objects(names: list[str]) -> list[Tag]:
    existing = {t.name: t for t in Tag.objects.filter(name__in=names)}
    for name in names:
        if name not in existing:
            existing[name], _created = Tag.objects.get_or_create(name=name)
    return [existing[n] for n in names]


def _notify_followers(*, followers: Any, kind: str, title: Any, body: str, url: str) -> None:
    for follow in followers.select_related("user"):
        with translation.override(follow.user.preferred_language):
            notify(
                recipient=follow.user, kind=kind, title=str(title()), body=body, url=url,
                email=False,
            )  # fmt: skip


def _check_may_start(user: Any, board: Board) -> None:
    if not selectors.can_read_board(user, board) or not board.is_active:
        raise NotFoundError()
    if board.posting == Board.Posting.MODERATORS and not selectors.is_moderator(user):
        raise PermissionDeniedError(
            gettext_lazy("Only moderators and staff start threads on this board.")
        )


@transaction.atomic
def thread_create(
    *,
    author: Any,
    board: Board,
    title: str,
    body: str,
    kind: str = Thread.Kind.DISCUSSION,
    tags: str | list[str] = "",
    language: str = "zh-hans",
) -> Thread:
    """Start a thread. Refuses signed-out, sanctioned and too-fast members, boards they may
    not post on, an empty or oversized title or body, and new members' links and images;
    holds a post with a sensitive word for review."""
    ensure_in_good_standing(author)
    _check_may_start(author, board)
    title = check_title(title)
    body = check_body(author, body)
    tag_names = parse_tags(tags)
    if kind not in Thread.Kind.values:
        kind = Thread.Kind.DISCUSSION
    check_post_rate(author)
    status = screen(title, body, " ".join(tag_names))
    now = timezone.now()
    thread = Thread.objects.create(
        board=board, author=author, kind=kind, title=title, body=body,
        body_html=markup.render(body), language=language, status=status,
        last_activity_at=now,
    )  # fmt: skip
    thread.tags.set(_tag_objects(tag_names))
    index_post(thread, tags=tag_names)
    _attach_images(author, body, board)
    Follow.objects.get_or_create(user=author, thread=thread)
    ThreadRead.objects.update_or_create(user=author, thread=thread, defaults={"read_at": now})
    if status == PostStatus.PUBLISHED:
        _published_thread(thread)
    return thread


def _attach_images(author: Any, body: str, board: Board) -> None:
    keys = markup.image_keys(body)
    if keys:
        PostImage.objects.filter(key__in=keys, uploader=author, board__isnull=True).update(
            board=board
        )


def _published_thread(thread: Thread) -> None:
    Board.objects.filter(pk=thread.board_id).update(
        thread_count=F("thread_count") + 1, last_activity_at=thread.last_activity_at
    )
    if thread.board.is_public:
        public_pages_changed()
    followers = Follow.objects.filter(board_id=thread.board_id).exclude(user_id=thread.author_id)
    url = reverse("community:thread", args=[thread.pk])
    _notify_followers(
        followers=followers,
        kind="community.new_thread",
        title=lambda: (
            _("New thread on %(board)s: %(title)s")
            % {"board": thread.board.name, "title": thread.title}
        ),
        body=markup.plain_text(thread.body),
        url=url,
    )


@transaction.atomic
def reply_create(*, author: Any, thread: Thread, body: str, quote: Reply | None = None) -> Reply:
    """Reply to a thread, optionally quoting a reply of the same thread. Refuses locked or
    unpublished threads and what thread_create refuses; holds sensitive words for review."""
    ensure_in_good_standing(author)
    if not selectors.can_read_board(author, thread.board):
        raise NotFoundError()
    thread = Thread.objects.select_for_update().select_related("board").get(pk=thread.pk)
    if thread.status != PostStatus.PUBLISHED:
        raise ApplicationError("not_open", gettext_lazy("This thread is not open for replies."))
    if thread.is_locked:
        raise ApplicationError("locked", gettext_lazy("This thread is locked: no new replies."))
    if quote is not None and quote.thread_id != thread.pk:
        raise ApplicationError("bad_quote", gettext_lazy("You can only quote this thread."))
    body = check_body(author, body)
    check_post_rate(author)
    status = screen(body)
    position = thread.reply_seq + 1
    reply = Reply.objects.create(
        thread=thread, position=position, author=author, quote=quote, body=body,
        body_html=markup.render(body), status=status,
    )  # fmt: skip
    index_post(reply)
    thread.reply_seq = position
    thread.save(update_fields=["reply_seq"])
    _attach_images(author, body, thread.board)
    Follow.objects.get_or_create(user=author, thread=thread)
    if status == PostStatus.PUBLISHED:
        _published_reply(reply, thread)
    return reply


def _published_reply(reply: Reply, thread: Thread) -> None:
    now = timezone.now()
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=F("reply_count") + 1, last_activity_at=now
    )
    Board.objects.filter(pk=thread.board_id).update(
        reply_count=F("reply_count") + 1, last_activity_at=now
    )
    ThreadRead.objects.update_or_create(
        user_id=reply.author_id, thread=thread, defaults={"read_at": now}
    )
    if thread.board.is_public:
        public_pages_changed()
    page = -(-reply.position // selectors.REPLIES_PER_PAGE)
    url = f"{reverse('community:thread', args=[thread.pk])}?page={page}#r{reply.position}"
    _notify_followers(
        followers=Follow.objects.filter(thread=thread).exclude(user_id=reply.author_id),
        kind="community.new_reply",
        title=lambda: _("New reply in “%(title)s”") % {"title": thread.title},
        body=markup.plain_text(reply.body),
        url=url,
    )


@transaction.atomic
def post_edit(
    *,
    actor: Any,
    thread: Thread | None = None,
    reply: Reply | None = None,
    title: str = "",
    body: str,
) -> Thread | Reply:
    """Edit one's own thread or reply; the earlier version is kept. Refuses other people's
    posts and what posting refuses; a sensitive word holds the post for review again."""
    ensure_in_good_standing(actor)
    post: Any = thread if thread is not None else reply
    post = type(post).objects.select_for_update().get(pk=post.pk)
    if post.author_id != actor.pk:
        raise PermissionDeniedError(gettext_lazy("You can only edit your own posts."))
    if post.status == PostStatus.HIDDEN:
        raise ApplicationError(
            "hidden", gettext_lazy("A moderator hid this post; it cannot be edited.")
        )
    body = check_body(actor, body)
    texts = [body]
    if isinstance(post, Thread):
        title = check_title(title)
        texts.append(title)
        Revision.objects.create(thread=post, title=post.title, body=post.body, edited_by=actor)
        post.title = title
    else:
        Revision.objects.create(reply=post, body=post.body, edited_by=actor)
    was = post.status
    post.body = body
    post.body_html = markup.render(body)
    post.edited_at = timezone.now()
    post.status = screen(*texts)
    post.save()
    index_post(post)
    if was == PostStatus.PUBLISHED and post.status == PostStatus.HELD:
        _unpublished(post)
    elif was == PostStatus.HELD and post.status == PostStatus.PUBLISHED:
        _republished(post)
    public_pages_changed()
    return post


def _unpublished(post: Thread | Reply) -> None:
    """Counters when a published post stops showing (held again or hidden)."""
    if isinstance(post, Thread):
        Board.objects.filter(pk=post.board_id, thread_count__gt=0).update(
            thread_count=F("thread_count") - 1
        )
    else:
        Thread.objects.filter(pk=post.thread_id, reply_count__gt=0).update(
            reply_count=F("reply_count") - 1
        )
        Board.objects.filter(pk=post.thread.board_id, reply_count__gt=0).update(
            reply_count=F("reply_count") - 1
        )


def _republished(post: Thread | Reply) -> None:
    if isinstance(post, Thread):
        Board.objects.filter(pk=post.board_id).update(thread_count=F("thread_count") + 1)
    else:
        Thread.objects.filter(pk=post.thread_id).update(reply_count=F("reply_count") + 1)
        Board.objects.filter(pk=post.thread.board_id).update(reply_count=F("reply_count") + 1)


@transaction.atomic
def reaction_toggle(
    *, user: Any, kind: str, thread: Thread | None = None, reply: Reply | None = None
) -> tuple[bool, int]:
    """Add the person's reaction, or take it back. Returns (now on, count of that kind)."""
    ensure_in_good_standing(user)
    if kind not in Reaction.Kind.values:
        raise ApplicationError("bad_reaction", gettext_lazy("Unknown reaction."))
    target: Any = thread if thread is not None else reply
    if target.status != PostStatus.PUBLISHED:
        raise NotFoundError()
    model = type(target)
    key = {"thread": target} if isinstance(target, Thread) else {"reply": target}
    deleted, _rows = Reaction.objects.filter(user=user, kind=kind, **key).delete()
    if deleted:
        model.objects.filter(pk=target.pk).update(score=F("score") - 1)
        on = False
    else:
        Reaction.objects.create(user=user, kind=kind, **key)
        model.objects.filter(pk=target.pk).update(score=F("score") + 1)
        on = True
    public_pages_changed()
    return on, Reaction.objects.filter(kind=kind, **key).count()


@transaction.atomic
def follow_toggle(*, user: Any, thread: Thread | None = None, board: Board | None = None) -> bool:
    """Follow a thread or a board (notifications of new posts), or stop. Returns now on."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDeniedError(gettext_lazy("Sign in to follow."))
    key = {"thread": thread} if thread is not None else {"board": board}
    deleted, _rows = Follow.objects.filter(user=user, **key).delete()
    if deleted:
        return False
    Follow.objects.create(user=user, **key)
    return True


@transaction.atomic
def thread_mark_answer(*, actor: Any, reply: Reply | None, thread: Thread) -> Thread:
    """Mark (or with None, unmark) the accepted answer of a question thread. Only the thread's
    author or a moderator; only a published reply of that thread."""
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if thread.author_id != actor.pk and not selectors.is_moderator(actor):
        raise PermissionDeniedError(
            gettext_lazy("Only the person who asked can choose the answer.")
        )
    if thread.kind != Thread.Kind.QUESTION:
        raise ApplicationError("not_question", gettext_lazy("Only questions have an answer."))
    if reply is not None and (reply.thread_id != thread.pk or reply.status != PostStatus.PUBLISHED):
        raise NotFoundError()
    thread.answer = reply
    thread.save(update_fields=["answer", "updated_at"])
    public_pages_changed()
    if reply is not None and reply.author_id and reply.author_id != actor.pk:
        author = reply.author
        with translation.override(author.preferred_language):
            notify(
                recipient=author, kind="community.answer_chosen",
                title=_("Your reply was chosen as the answer to “%(title)s”")
                % {"title": thread.title},
                url=reverse("community:thread", args=[thread.pk]), email=False,
            )  # fmt: skip
    return thread


def thread_mark_read(*, user: Any, thread: Thread) -> None:
    """Remember that the person has seen the thread as it is now (its unread marker goes).

    Writes only when something happened since the last visit: reading a thread again changes
    nothing, so the page stays cacheable and readers do not queue for the database's lock."""
    if not getattr(user, "is_authenticated", False):
        return
    seen = (
        ThreadRead.objects.filter(user=user, thread=thread)
        .values_list("read_at", flat=True)
        .first()
    )
    if seen is not None and seen >= thread.last_activity_at:
        return
    ThreadRead.objects.update_or_create(
        user=user, thread=thread, defaults={"read_at": timezone.now()}
    )


@transaction.atomic
def image_upload(*, user: Any, upload: Any) -> PostImage:
    """Keep an image for a post. Refuses signed-out or sanctioned members, files over the size
    limit and anything whose content is not a JPEG or PNG image."""
    ensure_in_good_standing(user)
    if is_too_large(upload):
        message = gettext_lazy("The image is too large: at most %(mb)s MB.") % {
            "mb": upload_limit() // (1024 * 1024)
        }
        raise ApplicationError("too_large", message, fields={"image": message})
    mime = document_mime(upload)
    if mime not in IMAGE_TYPES:
        message = gettext_lazy("Only JPEG and PNG images can be added to posts.")
        raise ApplicationError("bad_type", message, fields={"image": message})
    image = PostImage(uploader=user, mime=mime, extension=IMAGE_TYPES[mime], size=upload.size)
    image.file.save(f"image.{image.extension}", upload, save=False)
    image.save()
    return image


# --- Boards (province admins) -------------------------------------------------------------


@transaction.atomic
def board_save(
    *,
    actor: Any,
    board: Board | None = None,
    slug: str,
    name_zh: str,
    name_en: str,
    description_zh: str = "",
    description_en: str = "",
    posting: str = Board.Posting.MEMBERS,
    city: Any = None,
    position: int = 100,
    is_active: bool = True,
) -> Board:
    """Add a board or change one: names, description, who may start threads. Province admins
    only; refuses an address name already used."""
    if not selectors.is_province_admin(actor):
        raise PermissionDeniedError()
    if Board.objects.filter(slug=slug).exclude(pk=getattr(board, "pk", None)).exists():
        message = gettext_lazy("Another board already uses this address name.")
        raise ApplicationError("slug_taken", message, fields={"slug": message})
    creating = board is None
    board = board or Board(kind=Board.Kind.CITY if city else Board.Kind.TOPIC)
    fields = ["slug", "name_zh", "name_en", "posting", "is_active", "position"]
    from returnee_home.core.audit import snapshot

    before = snapshot(board, fields) if not creating else {}
    board.slug, board.name_zh, board.name_en = slug, name_zh, name_en
    board.description_zh, board.description_en = description_zh, description_en
    board.posting, board.city, board.position, board.is_active = posting, city, position, is_active
    board.save()
    after = snapshot(board, fields)
    audit_record(
        actor=actor,
        action="community.board_created" if creating else "community.board_changed",
        obj=board,
        changes={k: [before.get(k), v] for k, v in after.items() if before.get(k) != v},
    )
    public_pages_changed()
    return board
