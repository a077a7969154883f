"""Service records (one per served person-time), ratings (好差评) and follow-ups of poor ratings."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from returnee_home.core.models import BaseModel


class Channel(models.TextChoices):
    ONLINE = "online", pgettext_lazy("service channel", "Online")
    COUNTER = "counter", pgettext_lazy("service channel", "At the counter")
    EVENT = "event", pgettext_lazy("service channel", "Event")


class ServiceRecord(BaseModel):
    """One served person-time: a completed request, an attended appointment, a walk-in or an
    attended event, for one service item at one Home on one day.

    Refuses (at the database) a second record for the same source and item: recording the same
    visit twice is still one person-time, while one visit that handled two items is two."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person served"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="service_records",
    )
    person_name = models.CharField(
        _("name of the person served"),
        max_length=100,
        blank=True,
        help_text=_("For walk-ins without an account."),
    )
    home = models.ForeignKey(
        "orgs.Home",
        verbose_name=pgettext_lazy("records", "Home"),
        on_delete=models.PROTECT,
        related_name="service_records",
    )
    item = models.ForeignKey(
        "services.ServiceItem",
        verbose_name=_("service item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_records",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    served_on = models.DateField(_("served on"))
    source_type = models.CharField(
        _("source type"), max_length=100, help_text=_("What caused the record, e.g. a visit.")
    )
    source_id = models.CharField(_("source id"), max_length=40)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("service record")
        verbose_name_plural = _("service records")
        ordering = ["-served_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id", "item"],
                condition=Q(item__isnull=False),
                name="servicerecord_one_per_source_item",
            ),
            models.UniqueConstraint(
                fields=["source_type", "source_id"],
                condition=Q(item__isnull=True),
                name="servicerecord_one_per_source",
            ),
        ]
        indexes = [
            models.Index(fields=["home", "served_on"], name="servicerecord_home_day"),
            models.Index(fields=["home", "item", "served_on"], name="servicerecord_home_item"),
            models.Index(fields=["home", "channel", "served_on"], name="servicerecord_home_chan"),
            models.Index(fields=["served_on"], name="servicerecord_day"),
            models.Index(fields=["person", "served_on"], name="servicerecord_person"),
        ]

    def __str__(self) -> str:
        return f"{self.home_id}/{self.served_on}/{self.channel}#{self.pk}"

    @property
    def person_label(self) -> str:
        if self.person_id and self.person is not None:
            return str(self.person)
        return self.person_name


class Level(models.IntegerChoices):
    """Five levels of satisfaction; 2 and 1 open a follow-up."""

    VERY_SATISFIED = 5, _("Very satisfied")
    SATISFIED = 4, _("Satisfied")
    NEUTRAL = 3, pgettext_lazy("rating level", "Neither satisfied nor dissatisfied")
    DISSATISFIED = 2, _("Dissatisfied")
    VERY_DISSATISFIED = 1, _("Very dissatisfied")


POOR_LEVELS = frozenset({Level.DISSATISFIED, Level.VERY_DISSATISFIED})


class RatingTag(models.TextChoices):
    EFFICIENCY = "efficiency", pgettext_lazy("rating tag", "Efficiency")
    ATTITUDE = "attitude", pgettext_lazy("rating tag", "Service attitude")
    TOLD_ONCE = "told_once", pgettext_lazy("rating tag", "Materials explained at once")
    ENVIRONMENT = "environment", pgettext_lazy("rating tag", "Environment and facilities")
    WAITING = "waiting", pgettext_lazy("rating tag", "Waiting time")
    EXPERTISE = "expertise", pgettext_lazy("rating tag", "Expertise of staff")


class Rating(BaseModel):
    """A person's rating of one service record. Round 1 is the first rating; round 2 is the
    one further rating allowed after a follow-up was resolved.

    Refuses (at the database) two ratings of one record in the same round and levels outside
    1–5."""

    record = models.ForeignKey(
        ServiceRecord,
        verbose_name=_("service record"),
        on_delete=models.CASCADE,
        related_name="ratings",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rated by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="service_ratings",
    )
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    level = models.PositiveSmallIntegerField(_("satisfaction"), choices=Level.choices)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["record", "round"]
        constraints = [
            models.UniqueConstraint(fields=["record", "round"], name="rating_one_per_round"),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5), name="rating_level_range"
            ),
            models.CheckConstraint(condition=Q(round__in=[1, 2]), name="rating_round_1_or_2"),
        ]
        indexes = [models.Index(fields=["created_at", "level"], name="rating_time_level")]

    def __str__(self) -> str:
        return f"{self.record_id}#{self.round}: {self.level}"

    @property
    def is_poor(self) -> bool:
        return self.level in POOR_LEVELS

    @property
    def tag_labels(self) -> list[str]:
        labels = dict(RatingTag.choices)
        return [str(labels[t]) for t in self.tags if t in labels]


class FollowUp(BaseModel):
    """The Home manager's follow-up of a poor rating: contact the person within 1 working day,
    resolve within 15. States: open → contacted → resolved.

    Refuses (at the database) a second follow-up for the same rating."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("follow-up status", "Awaiting contact")
        CONTACTED = "contacted", pgettext_lazy("follow-up status", "Contacted")
        RESOLVED = "resolved", pgettext_lazy("follow-up status", "Resolved")

    rating = models.OneToOneField(
        Rating, verbose_name=_("rating"), on_delete=models.CASCADE, related_name="follow_up"
    )
    home = models.ForeignKey(
        "orgs.Home",
        verbose_name=pgettext_lazy("records", "Home"),
        on_delete=models.PROTECT,
        related_name="rating_follow_ups",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    contact_due = models.DateField(_("contact by"))
    resolve_due = models.DateField(_("resolve by"))
    contacted_at = models.DateTimeField(_("contacted at"), null=True, blank=True)
    contact_note = models.TextField(_("contact note"), blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolution_note = models.TextField(_("resolution"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["resolve_due", "pk"]
        indexes = [
            models.Index(fields=["home", "status", "resolve_due"], name="followup_home_open"),
        ]

    def __str__(self) -> str:
        return f"follow-up {self.pk} ({self.status})"

    def is_overdue(self, today) -> bool:  # type: ignore[no-untyped-def]
        if self.status == self.Status.RESOLVED:
            return False
        if self.status == self.Status.OPEN and self.contact_due < today:
            return True
        return self.resolve_due < today


class PersonTimeCounts(models.Model):
    """Served person-times of one Home through one channel for one service category (the
    columns both person-time summaries share)."""

    home = models.ForeignKey(
        "orgs.Home",
        verbose_name=pgettext_lazy("records", "Home"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    category = models.ForeignKey(
        "core.ServiceCategory",
        verbose_name=_("service category"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    count = models.PositiveIntegerField(_("person-times"), default=0)

    class Meta:
        abstract = True


class ServiceDayCount(PersonTimeCounts):
    """Served person-times of one Home on one day through one channel for one service category:
    the summary the dashboards read instead of millions of records. Kept up to date by
    `records.actions.service_record_create` in the same transaction as the record itself.

    Refuses (at the database) two rows for the same Home, day, channel and category."""

    day = models.DateField(_("day"))

    class Meta:
        verbose_name = _("person-times of a day")
        verbose_name_plural = _("person-times of each day")
        constraints = [
            models.UniqueConstraint(
                fields=["home", "day", "channel", "category"],
                condition=Q(category__isnull=False),
                name="servicedaycount_one_per_key",
            ),
            models.UniqueConstraint(
                fields=["home", "day", "channel"],
                condition=Q(category__isnull=True),
                name="servicedaycount_one_uncategorised",
            ),
        ]
        indexes = [
            models.Index(fields=["day", "home"], name="servicedaycount_day_home"),
            models.Index(fields=["home", "day"], name="servicedaycount_home_day"),
        ]

    def __str__(self) -> str:
        return f"{self.home_id}/{self.day}/{self.channel}/{self.category_id}: {self.count}"


class RatingDayCount(models.Model):
    """Ratings given on one day (Asia/Shanghai) for one Home's services at one level: the
    summary the dashboards read instead of every rating. Kept up to date by
    `records.actions.rating_create` in the same transaction as the rating itself.

    Refuses (at the database) two rows for the same Home, day and level."""

    home = models.ForeignKey(
        "orgs.Home",
        verbose_name=pgettext_lazy("records", "Home"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    day = models.DateField(_("day"))
    level = models.PositiveSmallIntegerField(_("satisfaction"), choices=Level.choices)
    count = models.PositiveIntegerField(_("ratings"), default=0)

    class Meta:
        verbose_name = _("ratings of a day")
        verbose_name_plural = _("ratings of each day")
        constraints = [
            models.UniqueConstraint(
                fields=["home", "day", "level"], name="ratingdaycount_one_per_key"
            )
        ]
        indexes = [models.Index(fields=["day", "home"], name="ratingdaycount_day_home")]

    def __str__(self) -> str:
        return f"{self.home_id} {self.day} {self.level}: {self.count}"


class ServiceMonthCount(PersonTimeCounts):
    """Served person-times of one Home in one month through one channel for one service
    category: the daily summary summed per month, so that a year's figures read a dozen rows a
    Home instead of hundreds. Kept by `service_record_create` beside the daily row."""

    month = models.DateField(_("month"))

    class Meta:
        verbose_name = _("person-times of a month")
        verbose_name_plural = _("person-times of each month")
        constraints = [
            models.UniqueConstraint(
                fields=["home", "month", "channel", "category"],
                condition=Q(category__isnull=False),
                name="servicemonthcount_one_per_key",
            ),
            models.UniqueConstraint(
                fields=["home", "month", "channel"],
                condition=Q(category__isnull=True),
                name="servicemonthcount_one_uncategorised",
            ),
        ]
        indexes = [models.Index(fields=["month", "home"], name="servicemonthcount_month_home")]

    def __str__(self) -> str:
        return f"{self.home_id} {self.month:%Y-%m} {self.channel}: {self.count}"
