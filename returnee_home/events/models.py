"""Events of the Homes (policy briefings, forums, lectures, training classes, roadshows, meet-ups):
the event, its registration questions, the registrations (with waiting list and check-in),
materials for attendees and their feedback."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from returnee_home.core.i18n import pick
from returnee_home.core.models import BaseModel
from returnee_home.core.storage import private_storage


class EventKind(models.TextChoices):
    POLICY_BRIEFING = "policy_briefing", pgettext_lazy("event kind", "Policy briefing")
    FORUM = "forum", pgettext_lazy("event kind", "Themed forum")
    LECTURE = "lecture", pgettext_lazy("event kind", "Lecture")
    TRAINING = "training", pgettext_lazy("event kind", "Training class")
    ROADSHOW = "roadshow", pgettext_lazy("event kind", "Project roadshow")
    MEETUP = "meetup", pgettext_lazy("event kind", "Networking meet-up")


class EventStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("event status", "Draft")
    SCHEDULED = "scheduled", pgettext_lazy("event status", "Scheduled for publication")
    PUBLISHED = "published", pgettext_lazy("event status", "Published")
    REGISTRATION_CLOSED = (
        "registration_closed",
        pgettext_lazy("event status", "Registration closed"),
    )
    HELD = "held", pgettext_lazy("event status", "Held")
    ARCHIVED = "archived", pgettext_lazy("event status", "Archived")
    CANCELLED = "cancelled", pgettext_lazy("event status", "Cancelled")


# Statuses in which the public sees the event.
PUBLIC_STATUSES = (
    EventStatus.PUBLISHED,
    EventStatus.REGISTRATION_CLOSED,
    EventStatus.HELD,
    EventStatus.ARCHIVED,
    EventStatus.CANCELLED,
)


def cover_path(instance: "Event", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"events/covers/{timezone.now():%Y/%m}/{instance.home_id}-{timezone.now():%H%M%S%f}.{extension}"


def material_path(instance: "EventMaterial", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"events/materials/{instance.event_id}/{timezone.now():%Y%m%d%H%M%S%f}.{extension}"


class Event(BaseModel):
    """An event organised by a Home: free, with a capacity, a registration window and a status
    that moves draft → (scheduled →) published → registration closed → held → archived, or to
    cancelled. The allowed moves live in `events.workflow`.

    Refuses (at the database) an end before the start, a capacity of zero, and a registration
    window that closes before it opens."""

    home = models.ForeignKey(
        "orgs.Home",
        verbose_name=pgettext_lazy("event", "organiser Home"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    kind = models.CharField(
        pgettext_lazy("event", "kind"), max_length=20, choices=EventKind.choices, db_index=True
    )
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_zh = models.TextField(_("description (Chinese)"), max_length=10000)
    description_en = models.TextField(_("description (English)"), max_length=10000, blank=True)
    audience_zh = models.TextField(
        pgettext_lazy("event", "who it is for (Chinese)"), max_length=2000, blank=True
    )
    audience_en = models.TextField(
        pgettext_lazy("event", "who it is for (English)"), max_length=2000, blank=True
    )
    starts_at = models.DateTimeField(pgettext_lazy("event", "starts at"), db_index=True)
    ends_at = models.DateTimeField(pgettext_lazy("event", "ends at"))
    venue_zh = models.CharField(
        pgettext_lazy("event", "venue (Chinese)"), max_length=300, blank=True
    )
    venue_en = models.CharField(
        pgettext_lazy("event", "venue (English)"), max_length=300, blank=True
    )
    online_url = models.URLField(
        pgettext_lazy("event", "online link"),
        max_length=500,
        blank=True,
        help_text=_("Shown only to people whose registration is confirmed."),
    )
    capacity = models.PositiveIntegerField(pgettext_lazy("event", "places"))
    has_waiting_list = models.BooleanField(pgettext_lazy("event", "waiting list"), default=True)
    requires_approval = models.BooleanField(
        pgettext_lazy("event", "staff approve each registration"), default=False
    )
    registration_opens_at = models.DateTimeField(
        pgettext_lazy("event", "registration opens"), null=True, blank=True
    )
    registration_closes_at = models.DateTimeField(
        pgettext_lazy("event", "registration closes"), null=True, blank=True
    )
    languages = models.ManyToManyField(
        "core.Language",
        verbose_name=pgettext_lazy("event", "languages of the event"),
        related_name="events",
        blank=True,
    )
    service_item = models.ForeignKey(
        "services.ServiceItem",
        verbose_name=pgettext_lazy("event", "service item recorded for attendees"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    cover = models.FileField(
        pgettext_lazy("event", "cover image"),
        upload_to=cover_path,
        storage=private_storage,
        blank=True,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EventStatus.choices,
        default=EventStatus.DRAFT,
        db_index=True,
    )
    publish_at = models.DateTimeField(pgettext_lazy("event", "publish at"), null=True, blank=True)
    published_at = models.DateTimeField(
        pgettext_lazy("event", "published at"), null=True, blank=True
    )
    cancelled_at = models.DateTimeField(
        pgettext_lazy("event", "cancelled at"), null=True, blank=True
    )
    cancel_reason = models.TextField(
        pgettext_lazy("event", "reason for cancelling"), max_length=2000, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = pgettext_lazy("event", "event")
        verbose_name_plural = pgettext_lazy("event", "events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="event_capacity_positive"),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True)
                | Q(registration_closes_at__gt=models.F("registration_opens_at")),
                name="event_registration_window_order",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "starts_at"], name="event_status_start"),
            models.Index(fields=["home", "starts_at"], name="event_home_start"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick(self.title_zh, self.title_en)

    @property
    def description(self) -> str:
        return pick(self.description_zh, self.description_en)

    @property
    def audience(self) -> str:
        return pick(self.audience_zh, self.audience_en)

    @property
    def venue(self) -> str:
        return pick(self.venue_zh, self.venue_en)

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def registration_deadline(self):  # type: ignore[no-untyped-def]
        """When registration closes: the set time, or the start of the event."""
        return self.registration_closes_at or self.starts_at


class RegistrationQuestion(BaseModel):
    """A question the organiser asks at registration (optional custom field)."""

    class Kind(models.TextChoices):
        TEXT = "text", pgettext_lazy("question kind", "Short text")
        LONG_TEXT = "long_text", pgettext_lazy("question kind", "Paragraph")
        CHOICE = "choice", pgettext_lazy("question kind", "One of a list")
        YES_NO = "yes_no", pgettext_lazy("question kind", "Yes or no")

    event = models.ForeignKey(
        Event,
        verbose_name=pgettext_lazy("event", "event"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    label_zh = models.CharField(_("question (Chinese)"), max_length=200)
    label_en = models.CharField(_("question (English)"), max_length=200, blank=True)
    kind = models.CharField(
        pgettext_lazy("question", "answer type"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.TEXT,
    )
    choices_zh = models.TextField(
        pgettext_lazy("question", "choices (Chinese)"),
        blank=True,
        help_text=_("One choice a line, for questions answered from a list."),
    )
    choices_en = models.TextField(
        pgettext_lazy("question", "choices (English)"),
        blank=True,
        help_text=_("Same choices in the same order, in English."),
    )
    is_required = models.BooleanField(pgettext_lazy("question", "answer required"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = pgettext_lazy("event", "registration question")
        verbose_name_plural = pgettext_lazy("event", "registration questions")
        ordering = ["event", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return pick(self.label_zh, self.label_en)

    def choice_list(self) -> list[tuple[str, str]]:
        """[(stored value, label in the active language)]: the Chinese text is the value."""
        zh = [c.strip() for c in self.choices_zh.splitlines() if c.strip()]
        en = [c.strip() for c in self.choices_en.splitlines() if c.strip()]
        return [(value, pick(value, en[i] if i < len(en) else "")) for i, value in enumerate(zh)]


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("registration status", "Awaiting approval")
    CONFIRMED = "confirmed", pgettext_lazy("registration status", "Confirmed")
    WAITLISTED = "waitlisted", pgettext_lazy("registration status", "On the waiting list")
    OFFERED = "offered", pgettext_lazy("registration status", "Place offered")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")
    DECLINED = "declined", pgettext_lazy("registration status", "Not approved")


# Registrations that hold (or are offered) one of the places.
HOLDS_PLACE = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)
# Registrations still active in some way.
ACTIVE_STATUSES = (
    RegistrationStatus.PENDING,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.OFFERED,
)


class Registration(BaseModel):
    """One person's registration for an event, or a walk-in added at the door.

    Waiting-list order is arrival order (the primary key). A place offered from the waiting list
    must be confirmed before `offer_expires_at`. Checked in once.

    Refuses (at the database) a second registration of the same person for the same event, a
    short code used twice in one event, and a walk-in without a name."""

    event = models.ForeignKey(
        Event,
        verbose_name=pgettext_lazy("event", "event"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    name = models.CharField(
        pgettext_lazy("registration", "name"),
        max_length=100,
        blank=True,
        help_text=_("For walk-ins without an account."),
    )
    phone = models.CharField(pgettext_lazy("registration", "telephone"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=RegistrationStatus.choices, db_index=True
    )
    answers = models.JSONField(pgettext_lazy("registration", "answers"), default=dict, blank=True)
    code = models.CharField(pgettext_lazy("registration", "check-in code"), max_length=8)
    offer_expires_at = models.DateTimeField(
        pgettext_lazy("registration", "offer open until"), null=True, blank=True
    )
    confirmed_at = models.DateTimeField(
        pgettext_lazy("registration", "confirmed at"), null=True, blank=True
    )
    cancelled_at = models.DateTimeField(
        pgettext_lazy("registration", "cancelled at"), null=True, blank=True
    )
    is_walk_in = models.BooleanField(pgettext_lazy("registration", "walk-in"), default=False)
    checked_in_at = models.DateTimeField(
        pgettext_lazy("registration", "checked in at"), null=True, blank=True
    )
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("registration", "checked in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reminded_at = models.DateTimeField(
        pgettext_lazy("registration", "reminded at"), null=True, blank=True
    )

    class Meta:
        verbose_name = pgettext_lazy("event", "registration")
        verbose_name_plural = pgettext_lazy("event", "registrations")
        ordering = ["event", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(user__isnull=False),
                name="registration_one_per_person",
            ),
            models.UniqueConstraint(fields=["event", "code"], name="registration_code_unique"),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(name=""), name="registration_has_person"
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status"], name="registration_event_status"),
            models.Index(fields=["user", "status"], name="registration_user_status"),
        ]

    def __str__(self) -> str:
        return f"{self.event_id}/{self.code}"

    @property
    def person_label(self) -> str:
        if self.user_id and self.user is not None:
            return self.name or str(self.user)
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def qr_payload(self) -> str:
        """What the QR code says: the event and the short code, nothing personal."""
        return f"RHEV:{self.event_id}:{self.code}"


class EventMaterial(BaseModel):
    """Slides, a recording link or a handout, shown to the event's attendees (and confirmed
    registrants) once the organiser adds it. A file, a link, or both."""

    event = models.ForeignKey(
        Event,
        verbose_name=pgettext_lazy("event", "event"),
        on_delete=models.CASCADE,
        related_name="materials",
    )
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    url = models.URLField(pgettext_lazy("material", "link"), max_length=500, blank=True)
    file = models.FileField(
        pgettext_lazy("material", "file"),
        upload_to=material_path,
        storage=private_storage,
        blank=True,
    )
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("material", "added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = pgettext_lazy("event", "material")
        verbose_name_plural = pgettext_lazy("event", "materials")
        ordering = ["event", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(file=""), name="eventmaterial_link_or_file"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick(self.title_zh, self.title_en)


class Feedback(BaseModel):
    """An attendee's rating (1–5) and comment on an event; one per registration."""

    registration = models.OneToOneField(
        Registration,
        verbose_name=pgettext_lazy("event", "registration"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    rating = models.PositiveSmallIntegerField(pgettext_lazy("feedback", "rating"))
    comment = models.TextField(pgettext_lazy("feedback", "comment"), max_length=2000, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("event", "feedback")
        verbose_name_plural = pgettext_lazy("event", "feedback")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="feedback_rating_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration_id}: {self.rating}"
