"""The community: boards, threads and replies; circles; partner finding; direct messages;
moderation (reports, sanctions, the sensitive-word list).

Authors are foreign keys kept when an account is deleted: accounts anonymises the person
rather than deleting the row, so threads stay whole and show "former member"."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from returnee_home.core.fulltext import SearchIndexBase
from returnee_home.core.i18n import pick
from returnee_home.core.models import BaseModel, BilingualNameMixin
from returnee_home.core.storage import private_storage

USER = settings.AUTH_USER_MODEL


class PostStatus(models.TextChoices):
    """Where a thread, reply or message stands with moderation."""

    PUBLISHED = "published", pgettext_lazy("post status", "Published")
    HELD = "held", pgettext_lazy("post status", "Awaiting review")
    HIDDEN = "hidden", pgettext_lazy("post status", "Hidden by a moderator")


class Board(BilingualNameMixin, BaseModel):
    """A discussion board: a topic, a city, or a circle's own board. Admins choose who posts."""

    class Kind(models.TextChoices):
        TOPIC = "topic", pgettext_lazy("board kind", "Topic")
        CITY = "city", pgettext_lazy("board kind", "City")
        CIRCLE = "circle", pgettext_lazy("board kind", "Circle")

    class Posting(models.TextChoices):
        MEMBERS = "members", _("Every signed-in member")
        MODERATORS = "moderators", _("Moderators and staff only")

    slug = models.SlugField(_("address name"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TOPIC)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    city = models.ForeignKey(
        "core.City", verbose_name=_("city"), null=True, blank=True, on_delete=models.PROTECT
    )
    posting = models.CharField(
        _("who may start threads"), max_length=12, choices=Posting.choices, default=Posting.MEMBERS
    )
    position = models.PositiveIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)
    thread_count = models.PositiveIntegerField(_("threads"), default=0)
    reply_count = models.PositiveIntegerField(_("replies"), default=0)
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)

    class Meta:
        verbose_name = _("board")
        verbose_name_plural = _("boards")
        ordering = ["position", "id"]

    @property
    def description(self) -> str:
        return pick(self.description_zh, self.description_en)

    @property
    def is_public(self) -> bool:
        return self.kind != self.Kind.CIRCLE and self.is_active


class Tag(models.Model):
    """A free tag on threads and partner posts, stored lower-cased."""

    name = models.CharField(_("tag"), max_length=30, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Thread(BaseModel):
    """A conversation on a board: a title, a Markdown body kept as source and safe HTML."""

    class Kind(models.TextChoices):
        DISCUSSION = "discussion", pgettext_lazy("thread kind", "Discussion")
        QUESTION = "question", pgettext_lazy("thread kind", "Question")

    board = models.ForeignKey(
        Board, verbose_name=_("board"), on_delete=models.CASCADE, related_name="threads"
    )
    author = models.ForeignKey(
        USER, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.DISCUSSION)
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("body"))
    body_html = models.TextField(_("body (rendered)"))
    language = models.CharField(_("language"), max_length=10, default="zh-hans")
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="threads")
    status = models.CharField(
        _("status"), max_length=10, choices=PostStatus.choices, default=PostStatus.PUBLISHED
    )
    moderation_reason = models.TextField(_("moderation reason"), blank=True)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    reply_seq = models.PositiveIntegerField(_("replies written"), default=0)
    reply_count = models.PositiveIntegerField(_("replies"), default=0)
    score = models.IntegerField(_("reactions"), default=0)
    last_activity_at = models.DateTimeField(_("last activity"), db_index=True)
    answer = models.ForeignKey(
        "Reply",
        verbose_name=_("accepted answer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        indexes = [
            models.Index(fields=["board", "status", "-last_activity_at", "-id"], name="cm_thr_act"),
            models.Index(fields=["board", "status", "-created_at", "-id"], name="cm_thr_new"),
            models.Index(fields=["board", "status", "-score", "-id"], name="cm_thr_top"),
            models.Index(fields=["author", "-created_at"], name="cm_thr_author"),
        ]

    def __str__(self) -> str:
        return self.title


class Reply(BaseModel):
    """A reply in a thread, numbered by `position` (1, 2, …) so any page is one range read."""

    thread = models.ForeignKey(
        Thread, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="replies"
    )
    position = models.PositiveIntegerField(_("number in the thread"))
    author = models.ForeignKey(
        USER, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    quote = models.ForeignKey(
        "self",
        verbose_name=_("quoted reply"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("body"))
    body_html = models.TextField(_("body (rendered)"))
    status = models.CharField(
        _("status"), max_length=10, choices=PostStatus.choices, default=PostStatus.PUBLISHED
    )
    moderation_reason = models.TextField(_("moderation reason"), blank=True)
    score = models.IntegerField(_("reactions"), default=0)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        constraints = [
            models.UniqueConstraint(fields=["thread", "position"], name="cm_reply_position")
        ]
        indexes = [models.Index(fields=["author", "-created_at"], name="cm_rep_author")]

    def __str__(self) -> str:
        return f"{self.thread_id}#{self.position}"


class ThreadSearchEntry(SearchIndexBase):
    """The segmented words of a thread (title and tags as head, body as text)."""

    thread = models.OneToOneField(Thread, on_delete=models.CASCADE, related_name="search_entry")

    class Meta:
        verbose_name = _("thread search entry")
        verbose_name_plural = _("thread search entries")

    def __str__(self) -> str:
        return str(self.thread_id)


class ReplySearchEntry(SearchIndexBase):
    """The segmented words of a reply."""

    reply = models.OneToOneField(Reply, on_delete=models.CASCADE, related_name="search_entry")

    class Meta:
        verbose_name = _("reply search entry")
        verbose_name_plural = _("reply search entries")

    def __str__(self) -> str:
        return str(self.reply_id)


class Revision(models.Model):
    """An earlier version of a thread or reply, kept when it is edited."""

    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions"
    )
    reply = models.ForeignKey(
        Reply, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions"
    )
    title = models.CharField(_("title"), max_length=150, blank=True)
    body = models.TextField(_("body"))
    edited_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("replaced at"), auto_now_add=True)

    class Meta:
        verbose_name = _("earlier version")
        verbose_name_plural = _("earlier versions")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(thread__isnull=False) ^ Q(reply__isnull=False), name="cm_rev_one"
            )
        ]

    def __str__(self) -> str:
        return f"{self.thread_id or self.reply_id} @ {self.created_at:%Y-%m-%d %H:%M}"


class Reaction(models.Model):
    """One member's reaction to a thread or a reply."""

    class Kind(models.TextChoices):
        LIKE = "like", pgettext_lazy("reaction", "Like")
        THANKS = "thanks", pgettext_lazy("reaction", "Thanks")
        INSIGHTFUL = "insightful", pgettext_lazy("reaction", "Insightful")

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.CASCADE)
    reply = models.ForeignKey(Reply, null=True, blank=True, on_delete=models.CASCADE)
    kind = models.CharField(_("reaction"), max_length=12, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        constraints = [
            models.CheckConstraint(
                condition=Q(thread__isnull=False) ^ Q(reply__isnull=False), name="cm_react_one"
            ),
            models.UniqueConstraint(
                fields=["user", "thread", "kind"], name="cm_react_thread", condition=Q(reply=None)
            ),
            models.UniqueConstraint(
                fields=["user", "reply", "kind"], name="cm_react_reply", condition=Q(thread=None)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.thread_id or self.reply_id}"


class Follow(models.Model):
    """A member follows a thread or a board: new posts there notify them."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.CASCADE)
    board = models.ForeignKey(Board, null=True, blank=True, on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.CheckConstraint(
                condition=Q(thread__isnull=False) ^ Q(board__isnull=False), name="cm_follow_one"
            ),
            models.UniqueConstraint(
                fields=["user", "thread"], name="cm_follow_thread", condition=Q(board=None)
            ),
            models.UniqueConstraint(
                fields=["user", "board"], name="cm_follow_board", condition=Q(thread=None)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.thread_id or self.board_id}"


class ThreadRead(models.Model):
    """How far a member has read a thread: its unread marker."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="cm_read_one")]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.thread_id}"


def image_path(instance: "PostImage", filename: str) -> str:
    return f"community/images/{instance.key.hex[:2]}/{instance.key.hex}.{instance.extension}"


class PostImage(models.Model):
    """An image uploaded for a post. Markdown may only show images uploaded here."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    uploader = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    # The board of the post that shows it: who may read the board may see the image.
    board = models.ForeignKey(
        Board, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(_("image"), upload_to=image_path, storage=private_storage)
    mime = models.CharField(max_length=40)
    extension = models.CharField(max_length=5)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("post image")
        verbose_name_plural = _("post images")

    def __str__(self) -> str:
        return self.key.hex


# --- Circles ------------------------------------------------------------------------------


class Circle(BilingualNameMixin, BaseModel):
    """A group of members: by city, field, country or institution of study, or interest."""

    class Kind(models.TextChoices):
        CITY = "city", pgettext_lazy("circle kind", "City")
        FIELD = "field", pgettext_lazy("circle kind", "Field")
        ALUMNI = "alumni", pgettext_lazy("circle kind", "Country or institution of study")
        INTEREST = "interest", pgettext_lazy("circle kind", "Interest")

    class Joining(models.TextChoices):
        OPEN = "open", _("Open: anyone may join")
        APPROVAL = "approval", _("By approval of the circle's organisers")

    slug = models.SlugField(_("address name"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    joining = models.CharField(
        _("joining"), max_length=10, choices=Joining.choices, default=Joining.OPEN
    )
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    city = models.ForeignKey(
        "core.City", verbose_name=_("city"), null=True, blank=True, on_delete=models.PROTECT
    )
    discipline = models.ForeignKey(
        "core.Discipline",
        verbose_name=_("field"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    country = models.ForeignKey(
        "core.Country",
        verbose_name=_("country of study"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    institution = models.CharField(_("institution of study"), max_length=200, blank=True)
    events_url = models.CharField(
        _("events link"),
        max_length=300,
        blank=True,
        help_text=_("A page of this portal listing the circle's events, e.g. /events/?q=..."),
    )
    board = models.OneToOneField(
        Board, verbose_name=_("board"), on_delete=models.PROTECT, related_name="circle"
    )
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    member_count = models.PositiveIntegerField(_("members"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("circle")
        verbose_name_plural = _("circles")
        ordering = ["-member_count", "id"]

    @property
    def description(self) -> str:
        return pick(self.description_zh, self.description_en)


class CircleMember(BaseModel):
    """A person's place in a circle: asked to join, member or organiser."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("circle member", "Asked to join")
        MEMBER = "member", pgettext_lazy("circle member", "Member")

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="community_circles")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    is_organiser = models.BooleanField(_("organiser"), default=False)
    listed = models.BooleanField(
        _("show me in the member list"),
        default=True,
        help_text=_("Other members of the circle see your name in its member list."),
    )
    note = models.CharField(_("note to the organisers"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("circle member")
        verbose_name_plural = _("circle members")
        constraints = [models.UniqueConstraint(fields=["circle", "user"], name="cm_circle_one")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.circle_id}"


# --- Partner finding ----------------------------------------------------------------------


class PartnerPost(BaseModel):
    """A "looking for" post. Its author stays anonymous until an introduction is accepted."""

    class Kind(models.TextChoices):
        CO_FOUNDER = "co_founder", _("Co-founder")
        TECHNICAL = "technical", _("Technical partner")
        RESEARCH = "research", _("Research collaborator")
        INVESTOR = "investor", _("Investor")
        MENTOR = "mentor", _("Mentor")
        FLATMATE = "flatmate", _("Flatmate")
        COMPANION = "companion", _("Activity companion")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("partner post", "Open")
        CLOSED = "closed", pgettext_lazy("partner post", "Closed")
        HIDDEN = "hidden", pgettext_lazy("partner post", "Hidden by a moderator")

    author = models.ForeignKey(
        USER, null=True, on_delete=models.SET_NULL, related_name="community_partner_posts"
    )
    kind = models.CharField(_("looking for"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=150)
    bring = models.TextField(_("what I bring"), max_length=2000)
    seek = models.TextField(_("what I seek"), max_length=2000)
    city = models.ForeignKey(
        "core.City", verbose_name=_("city"), null=True, blank=True, on_delete=models.PROTECT
    )
    discipline = models.ForeignKey(
        "core.Discipline",
        verbose_name=_("field"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="+")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    moderation_reason = models.TextField(_("moderation reason"), blank=True)

    class Meta:
        verbose_name = _("partner post")
        verbose_name_plural = _("partner posts")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Introduction(BaseModel):
    """A mutual opt-in between a member and a partner post's author: both anonymous until
    the author accepts; then each sees the other's name and they may message."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", pgettext_lazy("introduction", "Waiting for the other side")
        CONNECTED = "connected", pgettext_lazy("introduction", "Connected")
        DECLINED = "declined", pgettext_lazy("introduction", "Declined")
        WITHDRAWN = "withdrawn", pgettext_lazy("introduction", "Withdrawn")

    post = models.ForeignKey(PartnerPost, on_delete=models.CASCADE, related_name="introductions")
    requester = models.ForeignKey(
        USER, null=True, on_delete=models.SET_NULL, related_name="community_introductions"
    )
    note = models.TextField(_("what you would like to explore together"), max_length=1000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["post", "requester"], name="cm_intro_one")]

    def __str__(self) -> str:
        return f"{self.requester_id} → {self.post_id}"


# --- Direct messages ----------------------------------------------------------------------


class Conversation(BaseModel):
    """A one-to-one or small-group conversation."""

    MAX_MEMBERS = 8

    title = models.CharField(_("title"), max_length=100, blank=True)
    is_group = models.BooleanField(_("group"), default=False)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    last_message_at = models.DateTimeField(_("last message"), null=True, blank=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"


class ConversationMember(models.Model):
    """A participant: what they have read and what they have been notified of."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="community_chats")
    last_read_at = models.DateTimeField(null=True, blank=True)
    notified_until = models.DateTimeField(null=True, blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="cm_chat_member")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.conversation_id}"


def attachment_path(instance: "Message", filename: str) -> str:
    return f"community/attachments/{uuid.uuid4().hex}.{instance.attachment_ext or 'bin'}"


class Message(models.Model):
    """One message in a conversation, optionally with a checked attachment."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("message"), max_length=5000)
    attachment = models.FileField(
        _("attachment"), upload_to=attachment_path, storage=private_storage, blank=True
    )
    attachment_name = models.CharField(max_length=200, blank=True)
    attachment_ext = models.CharField(max_length=5, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PostStatus.choices, default=PostStatus.PUBLISHED
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [models.Index(fields=["conversation", "-created_at"], name="cm_msg_conv")]
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.conversation_id}: {self.body[:40]}"


class Block(models.Model):
    """`blocker` blocked `blocked`: neither can contact the other."""

    blocker = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    blocked = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="cm_block_one"),
            models.CheckConstraint(condition=~Q(blocker=models.F("blocked")), name="cm_block_self"),
        ]

    def __str__(self) -> str:
        return f"{self.blocker_id} ⊘ {self.blocked_id}"


# --- Moderation and trust -----------------------------------------------------------------


class Report(BaseModel):
    """A member's report of a thread, reply, message or member, for the moderators."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSE = "abuse", _("Harassment or abuse")
        ILLEGAL = "illegal", _("Illegal or harmful content")
        PRIVACY = "privacy", _("Someone's personal data")
        MISINFORMATION = "misinformation", _("False or misleading information")
        OTHER = "other", pgettext_lazy("report reason", "Something else")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("report", "Open")
        ACTIONED = "actioned", pgettext_lazy("report", "Acted on")
        DISMISSED = "dismissed", pgettext_lazy("report", "Dismissed")

    reporter = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.CASCADE)
    reply = models.ForeignKey(Reply, null=True, blank=True, on_delete=models.CASCADE)
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.CASCADE)
    member = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    detail = models.TextField(_("details"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    handled_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    handled_at = models.DateTimeField(null=True, blank=True)
    resolution = models.TextField(pgettext_lazy("report", "resolution"), blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "created_at"], name="cm_report_queue")]

    def __str__(self) -> str:
        return f"{self.reason} #{self.pk}"


class Sanction(BaseModel):
    """A warning, a suspension for a period, or a ban, with the reason the member sees."""

    class Kind(models.TextChoices):
        WARNING = "warning", pgettext_lazy("sanction", "Warning")
        SUSPENSION = "suspension", pgettext_lazy("sanction", "Suspension")
        BAN = "ban", pgettext_lazy("sanction", "Ban")

    member = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="community_sanctions")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    reason = models.TextField(_("reason shown to the member"), max_length=2000)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    moderator = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.member_id}"


class Moderator(BaseModel):
    """A member appointed by the province to moderate the community."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="+")
    appointed_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("member moderator")
        verbose_name_plural = _("member moderators")

    def __str__(self) -> str:
        return str(self.user_id)


class SensitiveWord(BaseModel):
    """A word or phrase that holds a post for review. Matched ignoring spaces, punctuation,
    full-width forms, case and traditional characters."""

    word = models.CharField(_("word or phrase"), max_length=100)
    normalised = models.CharField(max_length=100, unique=True, editable=False)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("sensitive word")
        verbose_name_plural = _("sensitive words")
        ordering = ["normalised"]

    def __str__(self) -> str:
        return self.word
