"""Appointments and check-in: each Home's weekly schedule and its exceptions, the slots made from
them, bookings of slots by talents, and visits at the counter (booked or walk-in) with the
service items handled.

One person per window per slot: a partial unique index allows one active booking per slot."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from returnee_home.core.models import BaseModel


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class WeeklySchedule(BaseModel):
    """A recurring opening period of one window on one weekday, cut into slots of equal length.

    Refuses (database) an end before the start and slots shorter than 5 minutes."""

    home = models.ForeignKey(
        "orgs.Home",
        verbose_name=pgettext_lazy("appointments", "Home"),
        on_delete=models.CASCADE,
        related_name="weekly_schedules",
    )
    window = models.ForeignKey(
        "orgs.Window",
        verbose_name=_("service window"),
        on_delete=models.CASCADE,
        related_name="weekly_schedules",
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start = models.TimeField(_("from"))
    end = models.TimeField(_("until"))
    slot_minutes = models.PositiveSmallIntegerField(_("slot length (minutes)"), default=30)

    class Meta:
        verbose_name = _("weekly appointment hours")
        verbose_name_plural = _("weekly appointment hours")
        ordering = ["window__number", "weekday", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="appt_week_order"),
            models.CheckConstraint(condition=Q(slot_minutes__gte=5), name="appt_week_min_slot"),
            models.UniqueConstraint(
                fields=["window", "weekday", "start"], name="appt_week_unique_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.window} {self.get_weekday_display()} {self.start:%H:%M}-{self.end:%H:%M}"


class ScheduleException(BaseModel):
    """A date on which the weekly schedule does not apply: closed, or open at special hours.

    `window` empty means the whole Home. Public holidays are closed without an exception."""

    class Kind(models.TextChoices):
        CLOSED = "closed", _("Closed")
        SPECIAL_HOURS = "special", _("Special hours")

    home = models.ForeignKey(
        "orgs.Home",
        verbose_name=pgettext_lazy("appointments", "Home"),
        on_delete=models.CASCADE,
        related_name="schedule_exceptions",
    )
    window = models.ForeignKey(
        "orgs.Window",
        verbose_name=_("service window"),
        on_delete=models.CASCADE,
        related_name="schedule_exceptions",
        null=True,
        blank=True,
        help_text=_("Leave empty for every window of the Home."),
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    start = models.TimeField(_("from"), null=True, blank=True)
    end = models.TimeField(_("until"), null=True, blank=True)
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"), null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("schedule exception")
        verbose_name_plural = _("schedule exceptions")
        ordering = ["date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="closed") | Q(start__isnull=False, end__gt=models.F("start")),
                name="appt_exception_hours",
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"


class Slot(BaseModel):
    """One appointment time at one window, for one person. Times are stored in UTC.

    `is_open` turns false when a later exception closes a slot that someone had booked."""

    home = models.ForeignKey(
        "orgs.Home",
        verbose_name=pgettext_lazy("appointments", "Home"),
        on_delete=models.CASCADE,
        related_name="slots",
    )
    window = models.ForeignKey(
        "orgs.Window", verbose_name=_("service window"), on_delete=models.CASCADE, related_name="+"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    is_open = models.BooleanField(_("open for booking"), default=True)

    class Meta:
        verbose_name = _("appointment slot")
        verbose_name_plural = _("appointment slots")
        ordering = ["starts_at", "window__number"]
        constraints = [
            models.UniqueConstraint(fields=["window", "starts_at"], name="appt_slot_unique"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="appt_slot_order"
            ),
        ]
        indexes = [models.Index(fields=["home", "starts_at"], name="appt_slot_home_time")]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.window} {local:%Y-%m-%d %H:%M}"


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CHECKED_IN = "checked_in", _("Checked in")
    ATTENDED = "attended", _("Attended")
    CANCELLED = "cancelled", pgettext_lazy("appointment status", "Cancelled")
    NO_SHOW = "no_show", _("Did not come")


# Every status but "cancelled" holds the slot: the slot stays taken once the time has passed.
ACTIVE_BOOKING_STATUSES = (
    BookingStatus.BOOKED,
    BookingStatus.CHECKED_IN,
    BookingStatus.ATTENDED,
    BookingStatus.NO_SHOW,
)


class Booking(BaseModel):
    """A talent's appointment: one slot, one service item, a short code shown at the counter.

    Refuses (database) a second active booking of the same slot and a duplicate code."""

    code = models.CharField(_("booking code"), max_length=8, unique=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="appointment_bookings",
    )
    home = models.ForeignKey(
        "orgs.Home",
        verbose_name=pgettext_lazy("appointments", "Home"),
        on_delete=models.CASCADE,
        related_name="bookings",
    )
    slot = models.ForeignKey(
        Slot, verbose_name=_("slot"), on_delete=models.PROTECT, related_name="bookings"
    )
    item = models.ForeignKey(
        "services.ServiceItem",
        verbose_name=_("service item"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=BookingStatus.choices,
        default=BookingStatus.BOOKED,
        db_index=True,
    )
    note = models.CharField(_("note for the Home"), max_length=300, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by_home = models.BooleanField(
        _("cancelled by the Home"),
        default=False,
        help_text=_("The Home closed the time (a holiday or closure) after it was booked."),
    )
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["-slot__starts_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot"],
                condition=Q(status__in=[s.value for s in ACTIVE_BOOKING_STATUSES]),
                name="appt_one_active_booking_per_slot",
            )
        ]
        indexes = [models.Index(fields=["person", "status"], name="appt_booking_person")]

    def __str__(self) -> str:
        return self.code

    @property
    def status_label(self) -> str:
        """The status as people read it: a cancellation says who cancelled."""
        if self.status == BookingStatus.CANCELLED and self.cancelled_by_home:
            return str(_("Cancelled by the Home"))
        return str(self.get_status_display())


class VisitStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    CALLED = "called", _("Called")
    SERVING = "serving", _("Being served")
    CLOSED = "closed", _("Served")
    LEFT = "left", _("Left without service")


class Visit(BaseModel):
    """One person at the counter on one day, booked or walk-in, with their queue number.

    Refuses (database) two visits with the same number at one Home on one day, and a booking
    checked in twice."""

    home = models.ForeignKey(
        "orgs.Home",
        verbose_name=pgettext_lazy("appointments", "Home"),
        on_delete=models.CASCADE,
        related_name="visits",
    )
    day = models.DateField(_("day"))
    queue_number = models.PositiveIntegerField(_("queue number"))
    booking = models.OneToOneField(
        Booking,
        verbose_name=_("appointment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visit",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="counter_visits",
    )
    visitor_name = models.CharField(_("visitor's name"), max_length=100, blank=True)
    visitor_phone = models.CharField(_("visitor's telephone"), max_length=20, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=VisitStatus.choices, default=VisitStatus.WAITING
    )
    window = models.ForeignKey(
        "orgs.Window",
        verbose_name=_("service window"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("served by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    checked_in_at = models.DateTimeField(_("checked in at"), default=timezone.now)
    called_at = models.DateTimeField(_("called at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("counter visit")
        verbose_name_plural = _("counter visits")
        ordering = ["day", "queue_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["home", "day", "queue_number"], name="appt_visit_queue_unique"
            )
        ]
        indexes = [models.Index(fields=["home", "day", "status"], name="appt_visit_queue")]

    def __str__(self) -> str:
        return f"{self.day} #{self.queue_number}"

    @property
    def is_walk_in(self) -> bool:
        return self.booking_id is None

    @property
    def display_name(self) -> str:
        if self.visitor_name:
            return self.visitor_name
        return self.person.display_name if self.person else ""


class VisitItem(BaseModel):
    """A service item handled during a visit; each one is one service record (person-time)."""

    visit = models.ForeignKey(
        Visit, verbose_name=_("counter visit"), on_delete=models.CASCADE, related_name="items"
    )
    item = models.ForeignKey(
        "services.ServiceItem",
        verbose_name=_("service item"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("service item handled")
        verbose_name_plural = _("service items handled")
        constraints = [
            models.UniqueConstraint(fields=["visit", "item"], name="appt_visit_item_unique")
        ]

    def __str__(self) -> str:
        return f"{self.visit} {self.item_id}"


class QueueCounter(models.Model):
    """The last queue number given at a Home on a day; incremented under a row lock."""

    home = models.ForeignKey(
        "orgs.Home",
        verbose_name=pgettext_lazy("appointments", "Home"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    day = models.DateField(_("day"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("queue counter")
        verbose_name_plural = _("queue counters")
        constraints = [
            models.UniqueConstraint(fields=["home", "day"], name="appt_queue_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.home_id} {self.day} {self.last_number}"
