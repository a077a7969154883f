"""Writes of circles, partner finding, direct messages and blocking."""

from typing import Any

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from returnee_home.community import selectors
from returnee_home.community.actions.forum import _tag_objects, parse_tags
from returnee_home.community.actions.trust import (
    check_message_rate,
    ensure_in_good_standing,
    screen,
)
from returnee_home.community.models import (
    Block,
    Board,
    Circle,
    CircleMember,
    Conversation,
    ConversationMember,
    Introduction,
    Message,
    PartnerPost,
    PostStatus,
)
from returnee_home.core.audit import audit_record
from returnee_home.core.cache import public_pages_changed
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.core.uploads import DOCUMENT_TYPES, document_mime, is_too_large, upload_limit
from returnee_home.notifications.actions import notify

MAX_MESSAGE = 5000


def _tell(person: Any, *, kind: str, title: Any, body: Any = None, url: str = "") -> None:
    if person is None or not person.is_active:
        return
    with translation.override(person.preferred_language):
        notify(
            recipient=person, kind=kind, title=str(title()),
            body=str(body()) if body else "", url=url,
        )  # fmt: skip


# --- Circles ------------------------------------------------------------------------------


@transaction.atomic
def circle_create(
    *,
    actor: Any,
    name_zh: str,
    name_en: str,
    kind: str,
    joining: str = Circle.Joining.OPEN,
    description_zh: str = "",
    description_en: str = "",
    city: Any = None,
    discipline: Any = None,
    country: Any = None,
    institution: str = "",
    events_url: str = "",
) -> Circle:
    """Start a circle with its own board; the founder is its first organiser. Refuses
    sanctioned members, a circle without a name and an events link outside the portal."""
    ensure_in_good_standing(actor)
    if not (name_zh or name_en).strip():
        text = gettext_lazy("Give the circle a name.")
        raise ApplicationError("empty_name", text, fields={"name_zh": text})
    if events_url and not (events_url.startswith("/") and not events_url.startswith("//")):
        text = gettext_lazy("The events link must be a page of this portal, starting with /.")
        raise ApplicationError("bad_link", text, fields={"events_url": text})
    name_zh, name_en = (name_zh or name_en).strip(), (name_en or name_zh).strip()
    base = slugify(name_en)[:60] or "circle"
    slug, n = base, 1
    while (
        Circle.objects.filter(slug=slug).exists()
        or Board.objects.filter(slug=f"circle-{slug}").exists()
    ):
        n += 1
        slug = f"{base}-{n}"
    board = Board.objects.create(
        slug=f"circle-{slug}", kind=Board.Kind.CIRCLE, name_zh=name_zh, name_en=name_en,
        position=1000,
    )  # fmt: skip
    circle = Circle.objects.create(
        slug=slug, kind=kind, joining=joining, name_zh=name_zh, name_en=name_en,
        description_zh=description_zh, description_en=description_en, city=city,
        discipline=discipline, country=country, institution=institution.strip(),
        events_url=events_url, board=board, created_by=actor, member_count=1,
    )  # fmt: skip
    CircleMember.objects.create(
        circle=circle, user=actor, status=CircleMember.Status.MEMBER, is_organiser=True
    )
    public_pages_changed()
    return circle


@transaction.atomic
def circle_join(*, user: Any, circle: Circle, note: str = "", listed: bool = True) -> CircleMember:
    """Join an open circle, or ask to join one by approval (its organisers are told)."""
    ensure_in_good_standing(user)
    if CircleMember.objects.filter(circle=circle, user=user).exists():
        raise ApplicationError("already", gettext_lazy("You are already in this circle."))
    open_circle = circle.joining == Circle.Joining.OPEN
    member = CircleMember.objects.create(
        circle=circle, user=user, listed=listed, note=note[:300],
        status=CircleMember.Status.MEMBER if open_circle else CircleMember.Status.PENDING,
    )  # fmt: skip
    if open_circle:
        Circle.objects.filter(pk=circle.pk).update(member_count=F("member_count") + 1)
        public_pages_changed()
    else:
        for organiser in circle.members.filter(is_organiser=True).select_related("user"):
            _tell(
                organiser.user, kind="community.circle_request",
                title=lambda: _("Someone asked to join %(circle)s") % {"circle": circle.name},
                url=reverse("community:circle", args=[circle.slug]),
            )  # fmt: skip
    return member


@transaction.atomic
def circle_decide(*, actor: Any, member: CircleMember, approve: bool) -> CircleMember | None:
    """Approve or turn down a request to join. The circle's organisers and moderators only."""
    circle = member.circle
    if not selectors.is_organiser(actor, circle):
        raise PermissionDeniedError()
    member = CircleMember.objects.select_for_update().get(pk=member.pk)
    if member.status != CircleMember.Status.PENDING:
        raise ApplicationError("decided", gettext_lazy("This request has already been decided."))
    person = member.user
    if approve:
        member.status = CircleMember.Status.MEMBER
        member.save(update_fields=["status", "updated_at"])
        Circle.objects.filter(pk=circle.pk).update(member_count=F("member_count") + 1)
        public_pages_changed()
    else:
        member.delete()
    _tell(
        person, kind="community.circle_decision",
        title=lambda: (_("You are now a member of %(circle)s") if approve
                       else _("Your request to join %(circle)s was not accepted"))
        % {"circle": circle.name},
        url=reverse("community:circle", args=[circle.slug]),
    )  # fmt: skip
    return member if approve else None


@transaction.atomic
def circle_leave(*, user: Any, circle: Circle) -> None:
    """Leave a circle (or withdraw a request). Refuses the last organiser of a circle with
    other members."""
    member = CircleMember.objects.select_for_update().filter(circle=circle, user=user).first()
    if member is None:
        raise NotFoundError()
    if (
        member.is_organiser
        and not circle.members.filter(is_organiser=True).exclude(pk=member.pk).exists()
        and circle.members.exclude(pk=member.pk).exists()
    ):
        raise ApplicationError(
            "last_organiser",
            gettext_lazy("You are the circle's only organiser: appoint another one first."),
        )
    if member.status == CircleMember.Status.MEMBER:
        Circle.objects.filter(pk=circle.pk, member_count__gt=0).update(
            member_count=F("member_count") - 1
        )
        public_pages_changed()
    member.delete()


def circle_listing_set(*, user: Any, circle: Circle, listed: bool) -> CircleMember:
    """Choose whether one appears in the circle's member list."""
    member = CircleMember.objects.filter(circle=circle, user=user).first()
    if member is None:
        raise NotFoundError()
    member.listed = listed
    member.save(update_fields=["listed", "updated_at"])
    return member


# --- Partner finding ----------------------------------------------------------------------


@transaction.atomic
def partner_post_create(
    *,
    author: Any,
    kind: str,
    title: str,
    bring: str,
    seek: str,
    city: Any = None,
    discipline: Any = None,
    tags: str | list[str] = "",
) -> PartnerPost:
    """Publish a "looking for" post. Refuses sanctioned members, missing parts and oversized
    text; a sensitive word keeps it hidden until a moderator has looked."""
    ensure_in_good_standing(author)
    errors = {}
    for name, value, limit in (("title", title, 150), ("bring", bring, 2000), ("seek", seek, 2000)):
        if not (value or "").strip():
            errors[name] = gettext_lazy("This field is required.")
        elif len(value) > limit:
            errors[name] = gettext_lazy("At most %(limit)s characters.") % {"limit": limit}
    if kind not in PartnerPost.Kind.values:
        errors["kind"] = gettext_lazy("Choose what you are looking for.")
    if errors:
        raise ApplicationError(
            "invalid", gettext_lazy("Please correct the marked fields."), fields=errors
        )
    tag_names = parse_tags(tags)
    held = screen(title, bring, seek) == PostStatus.HELD
    post = PartnerPost.objects.create(
        author=author, kind=kind, title=title.strip(), bring=bring.strip(), seek=seek.strip(),
        city=city, discipline=discipline,
        status=PartnerPost.Status.HIDDEN if held else PartnerPost.Status.OPEN,
        moderation_reason=str(gettext_lazy("Awaiting review")) if held else "",
    )  # fmt: skip
    post.tags.set(_tag_objects(tag_names))
    public_pages_changed()
    return post


@transaction.atomic
def partner_post_close(*, actor: Any, post: PartnerPost) -> PartnerPost:
    """The author closes their post: no new introductions."""
    if post.author_id != actor.pk:
        raise PermissionDeniedError()
    post.status = PartnerPost.Status.CLOSED
    post.save(update_fields=["status", "updated_at"])
    public_pages_changed()
    return post


@transaction.atomic
def introduction_request(*, requester: Any, post: PartnerPost, note: str) -> Introduction:
    """Ask to be introduced to a post's author. Both stay anonymous until the author accepts.
    Refuses one's own post, a closed post, a second request, and anyone blocked either way."""
    ensure_in_good_standing(requester)
    if post.status != PartnerPost.Status.OPEN:
        raise ApplicationError("closed", gettext_lazy("This post is no longer open."))
    if post.author_id == requester.pk:
        raise ApplicationError("own_post", gettext_lazy("This is your own post."))
    note = (note or "").strip()
    if not note:
        text = gettext_lazy("Say briefly what you would like to explore together.")
        raise ApplicationError("empty", text, fields={"note": text})
    if len(note) > 1000:
        text = gettext_lazy("At most %(limit)s characters.") % {"limit": 1000}
        raise ApplicationError("too_long", text, fields={"note": text})
    if selectors.is_blocked_between(requester, post.author):
        raise ApplicationError(
            "blocked", gettext_lazy("You cannot contact this member."), status=403
        )
    if Introduction.objects.filter(post=post, requester=requester).exists():
        raise ApplicationError(
            "already", gettext_lazy("You have already asked for an introduction to this post.")
        )
    intro = Introduction.objects.create(post=post, requester=requester, note=note)
    _tell(
        post.author, kind="community.introduction",
        title=lambda: _("A member would like to connect about “%(title)s”") % {"title": post.title},
        body=lambda: note,
        url=reverse("community:partners_mine"),
    )  # fmt: skip
    return intro


@transaction.atomic
def introduction_decide(*, actor: Any, introduction: Introduction, accept: bool) -> Introduction:
    """The post's author accepts (both names become visible, messaging opens) or declines
    (the requester is told, neither learns the other's name); the requester may withdraw."""
    intro = Introduction.objects.select_for_update().select_related("post").get(pk=introduction.pk)
    if intro.status != Introduction.Status.PROPOSED:
        raise ApplicationError("decided", gettext_lazy("This introduction has been decided."))
    if actor.pk == intro.requester_id and not accept:
        intro.status = Introduction.Status.WITHDRAWN
    elif actor.pk == intro.post.author_id:
        if accept and selectors.is_blocked_between(actor, intro.requester):
            raise ApplicationError(
                "blocked", gettext_lazy("You cannot contact this member."), status=403
            )
        intro.status = Introduction.Status.CONNECTED if accept else Introduction.Status.DECLINED
    else:
        raise NotFoundError()
    intro.decided_at = timezone.now()
    intro.save(update_fields=["status", "decided_at", "updated_at"])
    if intro.status == Introduction.Status.CONNECTED:
        _tell(
            intro.requester, kind="community.introduction",
            title=lambda: _("Your introduction was accepted: “%(title)s”")
            % {"title": intro.post.title},
            body=lambda: _("You can now see each other's names and send messages."),
            url=reverse("community:partners_mine"),
        )  # fmt: skip
    elif intro.status == Introduction.Status.DECLINED:
        _tell(
            intro.requester, kind="community.introduction",
            title=lambda: _("The author of “%(title)s” did not take up the introduction")
            % {"title": intro.post.title},
            url=reverse("community:partners_mine"),
        )  # fmt: skip
    return intro


# --- Direct messages and blocking ---------------------------------------------------------


def _may_contact(user: Any, other: Any) -> None:
    if not other.is_active:
        raise ApplicationError("gone", gettext_lazy("This member is no longer here."))
    if selectors.is_blocked_between(user, other):
        raise ApplicationError(
            "blocked", gettext_lazy("You cannot send messages to this member."), status=403
        )
    if not (selectors.are_connected(user, other) or selectors.share_circle(user, other)):
        raise ApplicationError(
            "not_connected",
            gettext_lazy(
                "You can message members you have connected with through partner finding or "
                "who share a circle with you."
            ),
            status=403,
        )


def _attachment(upload: Any) -> tuple[str, str]:
    if is_too_large(upload):
        text = gettext_lazy("The attachment is too large: at most %(mb)s MB.") % {
            "mb": upload_limit() // (1024 * 1024)
        }
        raise ApplicationError("too_large", text, fields={"attachment": text})
    mime = document_mime(upload)
    if mime is None:
        text = gettext_lazy("Attach a PDF, JPEG or PNG file; other kinds are not accepted.")
        raise ApplicationError("bad_type", text, fields={"attachment": text})
    name = (getattr(upload, "name", "") or "file").rsplit("/", 1)[-1][:200]
    return name, DOCUMENT_TYPES[mime]


def _check_message(body: str, attachment: Any) -> str:
    body = (body or "").strip()
    if not body and attachment is None:
        text = gettext_lazy("Write a message.")
        raise ApplicationError("empty", text, fields={"body": text})
    if len(body) > MAX_MESSAGE:
        text = gettext_lazy("The message is too long: at most %(limit)s characters.") % {
            "limit": MAX_MESSAGE
        }
        raise ApplicationError("too_long", text, fields={"body": text})
    return body


@transaction.atomic
def conversation_start(
    *, user: Any, others: list[Any], body: str, title: str = "", attachment: Any = None
) -> Conversation:
    """Start a one-to-one conversation (or continue the existing one) or a small group, with a
    first message. Everyone must be a contact of the starter and nobody blocked."""
    ensure_in_good_standing(user)
    others = [o for o in {o.pk: o for o in others}.values() if o.pk != user.pk]
    if not others:
        text = gettext_lazy("Choose whom to write to.")
        raise ApplicationError("no_one", text, fields={"people": text})
    if len(others) + 1 > Conversation.MAX_MEMBERS:
        text = gettext_lazy("A group conversation has at most %(n)s people.") % {
            "n": Conversation.MAX_MEMBERS
        }
        raise ApplicationError("too_many", text, fields={"people": text})
    for other in others:
        _may_contact(user, other)
    _check_message(body, attachment)
    if len(others) == 1:
        existing = (
            Conversation.objects.filter(is_group=False, participants__user=user)
            .filter(participants__user=others[0])
            .first()
        )
        if existing is not None:
            message_send(user=user, conversation=existing, body=body, attachment=attachment)
            return existing
    conversation = Conversation.objects.create(
        title=title.strip()[:100], is_group=len(others) > 1, created_by=user
    )
    ConversationMember.objects.bulk_create(
        [ConversationMember(conversation=conversation, user=p) for p in [user, *others]]
    )
    message_send(user=user, conversation=conversation, body=body, attachment=attachment)
    return conversation


@transaction.atomic
def message_send(
    *, user: Any, conversation: Conversation, body: str, attachment: Any = None
) -> Message:
    """Send a message in a conversation the person is in. Refuses sanctioned members, sending
    too fast, an empty or oversized message, a forbidden attachment, and a one-to-one
    conversation with someone blocked either way. Recipients are told in a batched digest."""
    ensure_in_good_standing(user)
    member = ConversationMember.objects.filter(conversation=conversation, user=user).first()
    if member is None:
        raise NotFoundError()
    body = _check_message(body, attachment)
    others = [p.user for p in conversation.participants.select_related("user").exclude(user=user)]
    for other in others:
        if selectors.is_blocked_between(user, other):
            raise ApplicationError(
                "blocked", gettext_lazy("You cannot send messages to this member."), status=403
            )
    name = ext = ""
    if attachment is not None:
        name, ext = _attachment(attachment)
    check_message_rate(user)
    message = Message(
        conversation=conversation, sender=user, body=body, attachment_name=name,
        attachment_ext=ext,
    )  # fmt: skip
    if attachment is not None:
        message.attachment.save(name, attachment, save=False)
    message.save()
    now = message.created_at
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now, updated_at=now)
    ConversationMember.objects.filter(pk=member.pk).update(last_read_at=now)
    return message


def conversation_mark_read(*, user: Any, conversation: Conversation) -> None:
    ConversationMember.objects.filter(conversation=conversation, user=user).update(
        last_read_at=timezone.now()
    )


@transaction.atomic
def member_block(*, user: Any, other: Any) -> Block:
    """Block a member: neither can message or ask for an introduction to the other; their
    pending introductions are withdrawn."""
    if other.pk == user.pk:
        raise ApplicationError("self", gettext_lazy("You cannot block yourself."))
    block, _created = Block.objects.get_or_create(blocker=user, blocked=other)
    from django.db.models import Q

    Introduction.objects.filter(
        Q(requester=user, post__author=other) | Q(requester=other, post__author=user),
        status=Introduction.Status.PROPOSED,
    ).update(status=Introduction.Status.WITHDRAWN, decided_at=timezone.now())
    audit_record(
        actor=user, action="community.member_blocked", obj=other, object_repr=f"#{other.pk}"
    )
    return block


def member_unblock(*, user: Any, other: Any) -> None:
    Block.objects.filter(blocker=user, blocked=other).delete()


def send_message_digests(*, now: Any = None, quiet_minutes: int = 5) -> int:
    """One notification per person with unread messages they have not been told about, sent
    once the conversation has been quiet for a few minutes: a digest, not one e-mail per
    message. Returns how many people were told."""
    import datetime as dt

    from django.db.models import OuterRef, Q, Subquery

    now = now or timezone.now()
    cutoff = now - dt.timedelta(minutes=quiet_minutes)
    newest_other = (
        Message.objects.filter(conversation=OuterRef("conversation"))
        .exclude(sender=OuterRef("user"))
        .exclude(status=PostStatus.HIDDEN)
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    pending = (
        ConversationMember.objects.filter(user__is_active=True)
        .annotate(newest=Subquery(newest_other))
        .filter(newest__isnull=False, newest__lte=cutoff)
        .filter(Q(last_read_at__isnull=True) | Q(last_read_at__lt=F("newest")))
        .filter(Q(notified_until__isnull=True) | Q(notified_until__lt=F("newest")))
        .select_related("user")
    )
    by_user: dict[int, list[ConversationMember]] = {}
    for member in pending:
        by_user.setdefault(member.user_id, []).append(member)
    for rows in by_user.values():
        person = rows[0].user
        with transaction.atomic():
            unread = selectors.unread_by_conversation(person, [r.conversation_id for r in rows])
            total = sum(unread.values())
            if total:
                _tell(
                    person, kind="community.messages",
                    title=lambda total=total: _("You have %(count)s unread messages") % {"count": total},
                    body=lambda unread=unread: _("In %(n)s conversations. Open your messages to read them.")
                    % {"n": len(unread)},
                    url=reverse("community:messages"),
                )  # fmt: skip
            ConversationMember.objects.filter(pk__in=[r.pk for r in rows]).update(
                notified_until=max(r.newest for r in rows)
            )
    return len(by_user)
