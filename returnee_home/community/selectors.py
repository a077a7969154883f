"""Reads of the community, scoped to the person asking.

Lists are keyset-paginated (a cursor of the sort value and the id) and thread pages are a range
of reply numbers, so any page is a fixed number of indexed queries at any depth."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from returnee_home.community.models import (
    Block,
    Board,
    Circle,
    CircleMember,
    Conversation,
    ConversationMember,
    Follow,
    Introduction,
    Message,
    Moderator,
    PartnerPost,
    PostStatus,
    Reaction,
    Reply,
    ReplySearchEntry,
    Report,
    Sanction,
    SensitiveWord,
    Thread,
    ThreadRead,
    ThreadSearchEntry,
)
from returnee_home.core.errors import NotFoundError
from returnee_home.orgs.models import Role
from returnee_home.orgs.selectors import roles_of

THREADS_PER_PAGE = 25
REPLIES_PER_PAGE = 20
SORTS = ("activity", "new", "top")

# --- Who the person is --------------------------------------------------------------------


def is_moderator(user: Any) -> bool:
    """Province admins and appointed member moderators moderate the whole community."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_community_moderator", None)
    if cached is None:
        cached = (
            Role.PROVINCE_ADMIN in roles_of(user)
            or Moderator.objects.filter(user_id=user.pk).exists()
        )
        user._community_moderator = cached
    return cached


def is_province_admin(user: Any) -> bool:
    return getattr(user, "is_authenticated", False) and Role.PROVINCE_ADMIN in roles_of(user)


def current_sanction(user: Any, now: dt.datetime | None = None) -> Sanction | None:
    """The ban or running suspension that stops the person posting, if any."""
    now = now or timezone.now()
    return (
        Sanction.objects.filter(member_id=user.pk, lifted_at__isnull=True)
        .filter(Q(kind=Sanction.Kind.BAN) | Q(kind=Sanction.Kind.SUSPENSION, ends_at__gt=now))
        .order_by("-created_at")
        .first()
    )


def sanctions_of(user: Any) -> QuerySet[Sanction]:
    return Sanction.objects.filter(member_id=user.pk).order_by("-created_at")


def published_post_count(user: Any) -> int:
    """How many of the person's threads and replies are published: their participation."""
    return (
        Thread.objects.filter(author_id=user.pk, status=PostStatus.PUBLISHED).count()
        + Reply.objects.filter(author_id=user.pk, status=PostStatus.PUBLISHED).count()
    )


def posts_since(user: Any, since: dt.datetime) -> int:
    return (
        Thread.objects.filter(author_id=user.pk, created_at__gte=since).count()
        + Reply.objects.filter(author_id=user.pk, created_at__gte=since).count()
    )


def messages_since(user: Any, since: dt.datetime) -> int:
    return Message.objects.filter(sender_id=user.pk, created_at__gte=since).count()


def sensitive_words() -> list[str]:
    return list(SensitiveWord.objects.values_list("normalised", flat=True))


# --- Boards and threads -------------------------------------------------------------------


def public_boards() -> list[Board]:
    """The boards listed on the community's front page: topics first, then cities."""
    return list(
        Board.objects.filter(is_active=True)
        .exclude(kind=Board.Kind.CIRCLE)
        .select_related("city")
        .order_by("position", "id")
    )


def circle_of_board(board: Board) -> Circle | None:
    try:
        return board.circle
    except Circle.DoesNotExist:
        return None


def can_read_board(user: Any, board: Board) -> bool:
    if not board.is_active:
        return is_moderator(user)
    if board.kind != Board.Kind.CIRCLE:
        return True
    if is_moderator(user):
        return True
    circle = circle_of_board(board)
    return bool(
        circle
        and getattr(user, "is_authenticated", False)
        and CircleMember.objects.filter(
            circle=circle, user_id=user.pk, status=CircleMember.Status.MEMBER
        ).exists()
    )


def board_for(user: Any, slug: str) -> Board:
    board = Board.objects.select_related("city").filter(slug=slug).first()
    if board is None or not can_read_board(user, board):
        raise NotFoundError()
    return board


@dataclass
class Cursor:
    value: int
    pk: int

    def encode(self) -> str:
        return f"{self.value}_{self.pk}"

    @classmethod
    def decode(cls, raw: str | None) -> "Cursor | None":
        try:
            value, pk = (raw or "").split("_", 1)
            return cls(int(value), int(pk))
        except ValueError:
            return None


def _stamp(moment: dt.datetime) -> int:
    return int(moment.timestamp() * 1_000_000)


def _from_stamp(value: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(value / 1_000_000, tz=dt.UTC)


SORT_FIELDS = {"activity": "last_activity_at", "new": "created_at", "top": "score"}


def _sort_value(thread: Thread, sort: str) -> int:
    value = getattr(thread, SORT_FIELDS[sort])
    return value if sort == "top" else _stamp(value)


def thread_page(
    board: Board, *, sort: str = "activity", after: str | None = None, size: int = THREADS_PER_PAGE
) -> tuple[list[Thread], str | None]:
    """One page of a board's published threads (pinned ones apart) and the next page's cursor."""
    sort = sort if sort in SORTS else "activity"
    field = SORT_FIELDS[sort]
    rows = Thread.objects.filter(board=board, status=PostStatus.PUBLISHED, is_pinned=False)
    cursor = Cursor.decode(after)
    if cursor is not None:
        value: Any = cursor.value if sort == "top" else _from_stamp(cursor.value)
        rows = rows.filter(Q(**{f"{field}__lt": value}) | Q(**{field: value, "id__lt": cursor.pk}))
    page = list(
        rows.select_related("author")
        .prefetch_related("tags")
        .order_by(f"-{field}", "-id")[: size + 1]
    )
    more = len(page) > size
    page = page[:size]
    next_cursor = Cursor(_sort_value(page[-1], sort), page[-1].pk).encode() if more else None
    return page, next_cursor


def pinned_threads(board: Board) -> list[Thread]:
    return list(
        Thread.objects.filter(board=board, status=PostStatus.PUBLISHED, is_pinned=True)
        .select_related("author")
        .prefetch_related("tags")
        .order_by("-last_activity_at")[:5]
    )


def unread_ids(user: Any, threads: list[Thread]) -> set[int]:
    """The threads of the list with activity the person has not seen (one query)."""
    if not getattr(user, "is_authenticated", False) or not threads:
        return set()
    read = dict(
        ThreadRead.objects.filter(user_id=user.pk, thread__in=threads).values_list(
            "thread_id", "read_at"
        )
    )
    return {t.pk for t in threads if t.pk not in read or read[t.pk] < t.last_activity_at}


def thread_for(user: Any, thread_id: int) -> Thread:
    """A thread the person may read: published on a board they can read; their own held or
    hidden thread (with its reason); anything for a moderator."""
    thread = (
        Thread.objects.select_related("board", "author", "answer", "answer__author")
        .prefetch_related("tags")
        .filter(pk=thread_id)
        .first()
    )
    if thread is None or not can_read_board(user, thread.board):
        raise NotFoundError()
    if thread.status != PostStatus.PUBLISHED:
        own = getattr(user, "is_authenticated", False) and thread.author_id == user.pk
        if not own and not is_moderator(user):
            raise NotFoundError()
    return thread


def reply_page_count(thread: Thread, size: int = REPLIES_PER_PAGE) -> int:
    return max(1, -(-thread.reply_seq // size))


def reply_page(user: Any, thread: Thread, page: int, size: int = REPLIES_PER_PAGE) -> list[Reply]:
    """Replies numbered ((page-1)·size, page·size]: held ones only for their author and the
    moderators; hidden ones stay as a marked gap."""
    low = (page - 1) * size
    rows = Reply.objects.filter(thread=thread, position__gt=low, position__lte=low + size)
    if not is_moderator(user):
        mine = Q(author_id=user.pk) if getattr(user, "is_authenticated", False) else Q(pk=None)
        rows = rows.filter(~Q(status=PostStatus.HELD) | mine)
    return list(rows.select_related("author", "quote", "quote__author").order_by("position"))


def my_reactions(user: Any, thread: Thread, replies: list[Reply]) -> dict[str, set[str]]:
    """{"t": kinds on the thread, "<reply id>": kinds on that reply} for the person."""
    if not getattr(user, "is_authenticated", False):
        return {}
    mine: dict[str, set[str]] = {}
    rows = Reaction.objects.filter(user_id=user.pk).filter(Q(thread=thread) | Q(reply__in=replies))
    for thread_id, reply_id, kind in rows.values_list("thread_id", "reply_id", "kind"):
        key = "t" if thread_id else str(reply_id)
        mine.setdefault(key, set()).add(kind)
    return mine


def reaction_counts(thread: Thread, replies: list[Reply]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    rows = (
        Reaction.objects.filter(Q(thread=thread) | Q(reply__in=replies))
        .values("thread_id", "reply_id", "kind")
        .annotate(n=Count("id"))
    )
    for row in rows:
        key = "t" if row["thread_id"] else str(row["reply_id"])
        counts.setdefault(key, {})[row["kind"]] = row["n"]
    return counts


def is_following(user: Any, *, thread: Thread | None = None, board: Board | None = None) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if thread is not None:
        return Follow.objects.filter(user_id=user.pk, thread=thread).exists()
    return Follow.objects.filter(user_id=user.pk, board=board).exists()


def reply_for(user: Any, reply_id: int) -> Reply:
    reply = (
        Reply.objects.select_related("thread", "thread__board", "author")
        .filter(pk=reply_id)
        .first()
    )
    if reply is None:
        raise NotFoundError()
    thread_for(user, reply.thread_id)
    if reply.status != PostStatus.PUBLISHED and not (
        is_moderator(user) or (user.is_authenticated and reply.author_id == user.pk)
    ):
        raise NotFoundError()
    return reply


def readable_boards_q(user: Any, prefix: str = "") -> Q:
    """Rows (threads, or replies with prefix "thread__") on boards the person may read:
    public boards and the boards of their circles; everything for a moderator."""
    if is_moderator(user):
        return Q()
    condition = Q(**{f"{prefix}board__is_active": True}) & ~Q(
        **{f"{prefix}board__kind": Board.Kind.CIRCLE}
    )
    if getattr(user, "is_authenticated", False):
        circles = CircleMember.objects.filter(
            user_id=user.pk, status=CircleMember.Status.MEMBER
        ).values("circle__board_id")
        condition |= Q(**{f"{prefix}board_id__in": circles})
    return condition


def search(user: Any, query: str, limit: int = 40) -> tuple[list[Thread], list[Reply], Any]:
    """Published threads and replies matching the query (core.fulltext: Chinese segmented,
    traditional characters folded, `A OR B`, `-word`), best first; and the parsed query, for
    highlighting."""
    from returnee_home.core.fulltext import parse_query, ranked

    parsed = parse_query(query)
    if parsed.is_empty:
        return [], [], parsed
    thread_entries = ranked(
        ThreadSearchEntry.objects.filter(
            readable_boards_q(user, "thread__"), thread__status=PostStatus.PUBLISHED
        ),
        parsed,
    ).select_related("thread", "thread__board", "thread__author")[:limit]
    reply_entries = ranked(
        ReplySearchEntry.objects.filter(
            readable_boards_q(user, "reply__thread__"),
            reply__status=PostStatus.PUBLISHED,
            reply__thread__status=PostStatus.PUBLISHED,
        ),
        parsed,
    ).select_related("reply", "reply__thread", "reply__thread__board", "reply__author")[:limit]
    return [e.thread for e in thread_entries], [e.reply for e in reply_entries], parsed


def history_of(*, thread: Thread | None = None, reply: Reply | None = None) -> list[Any]:
    if thread is not None:
        return list(thread.revisions.select_related("edited_by"))
    return list(reply.revisions.select_related("edited_by"))


# --- Circles ------------------------------------------------------------------------------


def circles(kind: str = "") -> QuerySet[Circle]:
    rows = Circle.objects.filter(is_active=True).select_related("city", "discipline", "country")
    if kind:
        rows = rows.filter(kind=kind)
    return rows.order_by("-member_count", "id")


def circle_for(slug: str) -> Circle:
    circle = (
        Circle.objects.select_related("board", "city", "discipline", "country")
        .filter(slug=slug, is_active=True)
        .first()
    )
    if circle is None:
        raise NotFoundError()
    return circle


def membership_in(user: Any, circle: Circle) -> CircleMember | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return CircleMember.objects.filter(circle=circle, user_id=user.pk).first()


def my_circle_ids(user: Any) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        CircleMember.objects.filter(user_id=user.pk, status=CircleMember.Status.MEMBER).values_list(
            "circle_id", flat=True
        )
    )


def listed_members(circle: Circle, limit: int = 200) -> list[CircleMember]:
    """The members who chose to appear in the list, organisers first."""
    return list(
        circle.members.filter(status=CircleMember.Status.MEMBER, listed=True)
        .select_related("user")
        .order_by("-is_organiser", "created_at")[:limit]
    )


def pending_members(circle: Circle) -> list[CircleMember]:
    return list(circle.members.filter(status=CircleMember.Status.PENDING).select_related("user"))


def is_organiser(user: Any, circle: Circle) -> bool:
    if is_moderator(user):
        return True
    member = membership_in(user, circle)
    return bool(member and member.is_organiser and member.status == CircleMember.Status.MEMBER)


def suggested_circles(user: Any, limit: int = 6) -> list[Circle]:
    """Circles matching the person's talent profile (city, countries, institutions and fields
    of study), that they have not joined, largest first."""
    from returnee_home.talent.models import TalentProfile

    profile = (
        TalentProfile.objects.filter(user_id=getattr(user, "pk", None))
        .prefetch_related("educations")
        .first()
    )
    if profile is None:
        return []
    condition = Q(pk=None)
    if profile.current_city_id:
        condition |= Q(kind=Circle.Kind.CITY, city_id=profile.current_city_id)
    for education in profile.educations.all():
        if education.country_id:
            condition |= Q(kind=Circle.Kind.ALUMNI, country_id=education.country_id, institution="")
        for name in (education.institution_zh, education.institution_en):
            if name:
                condition |= Q(kind=Circle.Kind.ALUMNI, institution__iexact=name)
        if education.discipline_id:
            discipline = education.discipline
            ids = {discipline.pk, discipline.parent_id} - {None}
            condition |= Q(kind=Circle.Kind.FIELD, discipline_id__in=ids)
    return list(
        circles()
        .filter(condition)
        .exclude(members__user_id=user.pk)
        .distinct()
        .order_by("-member_count", "id")[:limit]
    )


# --- Partner finding ----------------------------------------------------------------------


def partner_posts(*, kind: str = "", city_id: int | None = None) -> QuerySet[PartnerPost]:
    rows = PartnerPost.objects.filter(status=PartnerPost.Status.OPEN).select_related(
        "city", "discipline"
    )
    if kind:
        rows = rows.filter(kind=kind)
    if city_id:
        rows = rows.filter(city_id=city_id)
    return rows.prefetch_related("tags").order_by("-created_at", "-id")


def partner_post_for(user: Any, post_id: int) -> PartnerPost:
    post = (
        PartnerPost.objects.select_related("city", "discipline", "author")
        .prefetch_related("tags")
        .filter(pk=post_id)
        .first()
    )
    if post is None:
        raise NotFoundError()
    if post.status == PartnerPost.Status.HIDDEN and not (
        post.author_id == getattr(user, "pk", None) or is_moderator(user)
    ):
        raise NotFoundError()
    return post


def my_partner_posts(user: Any) -> list[PartnerPost]:
    return list(
        PartnerPost.objects.filter(author_id=user.pk)
        .select_related("city", "discipline")
        .prefetch_related("tags")
        .order_by("-created_at")
    )


def suggested_partners(post: PartnerPost, limit: int = 5) -> list[PartnerPost]:
    """Open posts of other people that fit this one: same field (or its parent), same city,
    shared tags; scored by how many of those agree, then newest."""
    tag_ids = [t.pk for t in post.tags.all()]
    fields = {post.discipline_id, getattr(post.discipline, "parent_id", None)} - {None}
    condition = Q(pk=None)
    if fields:
        condition |= Q(discipline_id__in=fields) | Q(discipline__parent_id__in=fields)
    if post.city_id:
        condition |= Q(city_id=post.city_id)
    if tag_ids:
        condition |= Q(tags__in=tag_ids)
    candidates = list(
        partner_posts().filter(condition).exclude(author_id=post.author_id).distinct()[:200]
    )

    def score(other: PartnerPost) -> tuple[int, dt.datetime]:
        points = 0
        if fields and (
            other.discipline_id in fields
            or (other.discipline and other.discipline.parent_id in fields)
        ):
            points += 3
        if post.city_id and other.city_id == post.city_id:
            points += 2
        points += len({t.pk for t in other.tags.all()} & set(tag_ids))
        return points, other.created_at

    return sorted(candidates, key=score, reverse=True)[:limit]


def introductions_to_me(user: Any) -> list[Introduction]:
    return list(
        Introduction.objects.filter(post__author_id=user.pk)
        .select_related("post", "requester")
        .order_by("-created_at")[:100]
    )


def introductions_from_me(user: Any) -> list[Introduction]:
    return list(
        Introduction.objects.filter(requester_id=user.pk)
        .select_related("post", "post__author")
        .order_by("-created_at")[:100]
    )


def introduction_for(user: Any, introduction_id: int) -> Introduction:
    intro = (
        Introduction.objects.select_related("post", "post__author", "requester")
        .filter(pk=introduction_id)
        .filter(Q(requester_id=user.pk) | Q(post__author_id=user.pk))
        .first()
    )
    if intro is None:
        raise NotFoundError()
    return intro


def my_introduction(user: Any, post: PartnerPost) -> Introduction | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Introduction.objects.filter(post=post, requester_id=user.pk).first()


# --- Contacts and messages ----------------------------------------------------------------


def are_connected(a: Any, b: Any) -> bool:
    """Connected by an accepted introduction, either way round."""
    return Introduction.objects.filter(
        Q(requester_id=a.pk, post__author_id=b.pk) | Q(requester_id=b.pk, post__author_id=a.pk),
        status=Introduction.Status.CONNECTED,
    ).exists()


def share_circle(a: Any, b: Any) -> bool:
    mine = CircleMember.objects.filter(user_id=a.pk, status=CircleMember.Status.MEMBER).values(
        "circle_id"
    )
    return CircleMember.objects.filter(
        user_id=b.pk, status=CircleMember.Status.MEMBER, circle_id__in=mine
    ).exists()


def is_blocked_between(a: Any, b: Any) -> bool:
    return Block.objects.filter(
        Q(blocker_id=a.pk, blocked_id=b.pk) | Q(blocker_id=b.pk, blocked_id=a.pk)
    ).exists()


def has_blocked(user: Any, other: Any) -> bool:
    return Block.objects.filter(blocker_id=user.pk, blocked_id=other.pk).exists()


def contacts(user: Any) -> list[Any]:
    """The people the person may start a conversation with: connected by introduction or
    sharing a circle, minus blocks either way."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    circles_q = CircleMember.objects.filter(
        user_id=user.pk, status=CircleMember.Status.MEMBER
    ).values("circle_id")
    co_members = CircleMember.objects.filter(
        circle_id__in=circles_q, status=CircleMember.Status.MEMBER
    ).values("user_id")
    connected_a = Introduction.objects.filter(
        requester_id=user.pk, status=Introduction.Status.CONNECTED
    ).values("post__author_id")
    connected_b = Introduction.objects.filter(
        post__author_id=user.pk, status=Introduction.Status.CONNECTED
    ).values("requester_id")
    blocked = Block.objects.filter(Q(blocker_id=user.pk) | Q(blocked_id=user.pk)).values_list(
        "blocker_id", "blocked_id"
    )
    excluded = {user.pk} | {x for pair in blocked for x in pair}
    return list(
        user_model.objects.filter(
            Q(pk__in=co_members) | Q(pk__in=connected_a) | Q(pk__in=connected_b),
            is_active=True,
        )
        .exclude(pk__in=excluded)
        .order_by("full_name", "pk")[:300]
    )


def conversations_of(user: Any) -> list[Conversation]:
    """The person's conversations, latest first, each with `unread` (messages since they last
    read) and `people` (the other participants)."""
    membership = ConversationMember.objects.filter(conversation=OuterRef("pk"), user_id=user.pk)
    rows = list(
        Conversation.objects.filter(Exists(membership))
        .annotate(
            my_last_read=Max("participants__last_read_at", filter=Q(participants__user_id=user.pk))
        )
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=ConversationMember.objects.select_related("user"),
            )
        )
        .order_by("-last_message_at", "-id")[:100]
    )
    unread = unread_by_conversation(user, [c.pk for c in rows])
    for conversation in rows:
        conversation.unread = unread.get(conversation.pk, 0)
        conversation.people = [
            p.user for p in conversation.participants.all() if p.user_id != user.pk
        ]
    return rows


def unread_by_conversation(user: Any, ids: list[int] | None = None) -> dict[int, int]:
    memberships = ConversationMember.objects.filter(user_id=user.pk)
    if ids is not None:
        memberships = memberships.filter(conversation_id__in=ids)
    condition = Q()
    for member in memberships:
        since = Q(created_at__gt=member.last_read_at) if member.last_read_at else Q()
        condition |= Q(conversation_id=member.conversation_id) & since
    if not condition:
        return {}
    rows = (
        Message.objects.filter(condition)
        .exclude(sender_id=user.pk)
        .exclude(status=PostStatus.HIDDEN)
        .values("conversation_id")
        .annotate(n=Count("id"))
    )
    return {r["conversation_id"]: r["n"] for r in rows}


def unread_message_total(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return sum(unread_by_conversation(user).values())


def conversation_for(user: Any, conversation_id: int) -> Conversation:
    conversation = (
        Conversation.objects.filter(pk=conversation_id, participants__user_id=user.pk)
        .prefetch_related(
            Prefetch("participants", queryset=ConversationMember.objects.select_related("user"))
        )
        .first()
    )
    if conversation is None:
        raise NotFoundError()
    conversation.people = [p.user for p in conversation.participants.all() if p.user_id != user.pk]
    return conversation


def messages_of(conversation: Conversation, limit: int = 100) -> list[Message]:
    rows = list(
        conversation.messages.select_related("sender").order_by("-created_at", "-id")[:limit]
    )
    rows.reverse()
    return rows


def message_for(user: Any, message_id: int) -> Message:
    message = (
        Message.objects.select_related("conversation", "sender")
        .filter(pk=message_id, conversation__participants__user_id=user.pk)
        .first()
    )
    if message is None:
        raise NotFoundError()
    return message


# --- Moderation ---------------------------------------------------------------------------


def open_reports() -> list[Report]:
    return list(
        Report.objects.filter(status=Report.Status.OPEN)
        .select_related(
            "reporter",
            "thread",
            "thread__author",
            "reply",
            "reply__author",
            "reply__thread",
            "message",
            "message__sender",
            "member",
        )  # fmt: skip
        .order_by("created_at", "id")[:200]
    )


def held_threads() -> list[Thread]:
    return list(
        Thread.objects.filter(status=PostStatus.HELD)
        .select_related("board", "author")
        .order_by("created_at")[:200]
    )


def held_replies() -> list[Reply]:
    return list(
        Reply.objects.filter(status=PostStatus.HELD)
        .select_related("thread", "author")
        .order_by("created_at")[:200]
    )


def report_for(user: Any, report_id: int) -> Report:
    report = Report.objects.filter(pk=report_id).first()
    if report is None or not is_moderator(user):
        raise NotFoundError()
    return report


def recent_sanctions(limit: int = 50) -> list[Sanction]:
    return list(
        Sanction.objects.select_related("member", "moderator").order_by("-created_at")[:limit]
    )


def moderators() -> list[Moderator]:
    return list(Moderator.objects.select_related("user").order_by("created_at"))
