"""Writes of service records, ratings and follow-ups. Each is one transaction; privileged
changes (a manager's contact and resolution) are audited; notifications follow the change."""

from datetime import date
from typing import Any

from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from returnee_home.core.audit import audit_record
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.core.tallies import add_counts, increment, replace_totals
from returnee_home.notifications.actions import notify
from returnee_home.records.models import (
    POOR_LEVELS,
    Channel,
    FollowUp,
    Level,
    Rating,
    RatingDayCount,
    RatingTag,
    ServiceDayCount,
    ServiceMonthCount,
    ServiceRecord,
)

CONTACT_WITHIN_WORKING_DAYS = 1
RESOLVE_WITHIN_WORKING_DAYS = 15


def _language_of(person: Any) -> str:
    return getattr(person, "preferred_language", "") or "zh-hans"


def service_record_create(
    *,
    person: Any,
    home: Any,
    item: Any,
    channel: str,
    served_on: date,
    source: models.Model,
    actor: Any = None,
    person_name: str = "",
) -> ServiceRecord:
    """Record one served person-time and, when the person has an account, invite them to rate.

    Idempotent: the same source (and item) recorded again returns the existing record and
    changes nothing. Refuses an unknown channel, a source without a primary key, and a record
    with neither a person nor a name."""
    if channel not in Channel.values:
        raise ApplicationError("invalid_channel", gettext_lazy("Unknown service channel."))
    if source is None or getattr(source, "pk", None) is None:
        raise ApplicationError("invalid_source", gettext_lazy("The service has no source."))
    if person is None and not person_name.strip():
        raise ApplicationError(
            "person_required",
            gettext_lazy("Name the person served."),
            fields={"person_name": gettext_lazy("Name the person served.")},
        )
    source_type = source._meta.label_lower
    source_id = str(source.pk)
    existing = ServiceRecord.objects.filter(
        source_type=source_type, source_id=source_id, item=item
    ).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            record = ServiceRecord.objects.create(
                person=person,
                person_name=person_name.strip()[:100],
                home=home,
                item=item,
                channel=channel,
                served_on=served_on,
                source_type=source_type,
                source_id=source_id,
                recorded_by=actor if getattr(actor, "pk", None) else None,
            )
            _count_person_time(record, item)
            if person is not None:
                _invite_to_rate(record)
    except IntegrityError:
        # A concurrent call recorded the same source first: that record is the one.
        return ServiceRecord.objects.get(source_type=source_type, source_id=source_id, item=item)
    return record


def _count_person_time(record: ServiceRecord, item: Any) -> None:
    """Add the record to its day's and its month's summary rows (same transaction as the
    record)."""
    key = {
        "home_id": record.home_id,
        "channel": record.channel,
        "category_id": getattr(item, "category_id", None),
    }
    increment(ServiceDayCount, day=record.served_on, **key)
    increment(ServiceMonthCount, month=record.served_on.replace(day=1), **key)


REBUILD_SQL = """
INSERT INTO records_servicedaycount (home_id, day, channel, category_id, count)
SELECT r.home_id, r.served_on, r.channel, i.category_id, COUNT(*)
FROM records_servicerecord r LEFT JOIN services_serviceitem i ON i.id = r.item_id
GROUP BY r.home_id, r.served_on, r.channel, i.category_id
"""


@transaction.atomic
def service_month_counts_rebuild() -> int:
    """Sum the daily person-times summary per month. Returns the number of monthly rows."""
    sums: dict[tuple[Any, ...], dict[str, int]] = {}
    for home_id, day, channel, category_id, n in ServiceDayCount.objects.values_list(
        "home_id", "day", "channel", "category_id", "count"
    ).iterator(chunk_size=5000):
        add_counts(sums, (home_id, day.replace(day=1), channel, category_id), {"count": n})
    return replace_totals(ServiceMonthCount, ("home_id", "month", "channel", "category_id"), sums)


@transaction.atomic
def rating_day_counts_rebuild() -> int:
    """Recount the daily ratings summary from the ratings (after a bulk load or a migration).
    Returns the number of summary rows."""
    sums: dict[tuple[Any, ...], dict[str, int]] = {}
    for home_id, created_at, level in Rating.objects.values_list(
        "record__home_id", "created_at", "level"
    ).iterator(chunk_size=5000):
        add_counts(sums, (home_id, timezone.localdate(created_at), level), {"count": 1})
    return replace_totals(RatingDayCount, ("home_id", "day", "level"), sums)


@transaction.atomic
def service_day_counts_rebuild() -> int:
    """Recount the daily summary from the records themselves (after a bulk load that bypassed
    `service_record_create`, such as the demo seed). Returns the number of summary rows."""
    from django.db import connection

    ServiceDayCount.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(REBUILD_SQL)
    service_month_counts_rebuild()
    return ServiceDayCount.objects.count()


def _invite_to_rate(record: ServiceRecord) -> None:
    person = record.person
    with translation.override(_language_of(person)):
        notify(
            recipient=person,
            kind="records.rate_invitation",
            title=_("How was our service? Please rate it"),
            body=_("You were served at %(home)s on %(day)s. Tell us how it went.")
            % {"home": record.home.name, "day": record.served_on.isoformat()},
            url=reverse("records:rate", args=[record.pk]),
        )


def _clean_tags(tags: list[str] | None) -> list[str]:
    tags = list(dict.fromkeys(tags or []))
    unknown = [t for t in tags if t not in RatingTag.values]
    if unknown:
        raise ApplicationError(
            "invalid_tag",
            gettext_lazy("Unknown tag."),
            fields={"tags": gettext_lazy("Choose tags from the list.")},
        )
    return tags


def next_rating_round(record: ServiceRecord, ratings: list[Rating]) -> int | None:
    """1 when not yet rated; 2 when the first rating's follow-up is resolved and no second
    rating exists; None when the person may not rate (again)."""
    rounds = {r.round: r for r in ratings}
    if 1 not in rounds:
        return 1
    if 2 in rounds:
        return None
    follow_up = getattr(rounds[1], "follow_up", None) if rounds[1].is_poor else None
    if follow_up is not None and follow_up.status == FollowUp.Status.RESOLVED:
        return 2
    return None


@transaction.atomic
def rating_create(
    *,
    record: ServiceRecord,
    person: Any,
    level: int,
    tags: list[str] | None = None,
    comment: str = "",
) -> Rating:
    """The person rates a service they received. A poor rating (dissatisfied or worse) opens
    a follow-up for the Home's managers.

    Refuses a record that is not the person's, a level outside 1–5, unknown tags, a second
    rating, and a third (a second is allowed once, after the follow-up was resolved)."""
    if person is None or record.person_id != getattr(person, "pk", None):
        raise NotFoundError()
    try:
        level = int(level)
    except (TypeError, ValueError):
        level = 0
    if level not in Level.values:
        raise ApplicationError(
            "invalid_level",
            gettext_lazy("Choose a level of satisfaction."),
            fields={"level": gettext_lazy("Choose a level of satisfaction.")},
        )
    clean_tags = _clean_tags(tags)
    # Lock the record so that a double click cannot rate the same round twice.
    ServiceRecord.objects.select_for_update().filter(pk=record.pk).first()
    ratings = list(Rating.objects.filter(record=record).select_related("follow_up"))
    round_ = next_rating_round(record, ratings)
    if round_ is None:
        raise ApplicationError(
            "already_rated",
            gettext_lazy("You have already rated this service."),
            status=409,
        )
    rating = Rating.objects.create(
        record=record,
        person=person,
        round=round_,
        level=level,
        tags=clean_tags,
        comment=(comment or "").strip()[:2000],
    )
    increment(
        RatingDayCount,
        home_id=record.home_id,
        day=timezone.localdate(rating.created_at),
        level=level,
    )
    if level in POOR_LEVELS and round_ == 1:
        _follow_up_open(rating)
    return rating


def _follow_up_open(rating: Rating) -> FollowUp:
    from returnee_home.core.workdays import add_working_days
    from returnee_home.orgs.models import Membership, Role

    today = timezone.localdate()
    record = rating.record
    follow_up = FollowUp.objects.create(
        rating=rating,
        home_id=record.home_id,
        contact_due=add_working_days(today, CONTACT_WITHIN_WORKING_DAYS),
        resolve_due=add_working_days(today, RESOLVE_WITHIN_WORKING_DAYS),
    )
    managers = (
        Membership.objects.filter(
            organisation_id=record.home.carrier_id,
            role=Role.HOME_MANAGER,
            organisation__is_active=True,
        )
        .select_related("user")
        .order_by("pk")
    )
    url = reverse("records:follow_up", args=[follow_up.pk])
    for membership in managers:
        with translation.override(_language_of(membership.user)):
            notify(
                recipient=membership.user,
                kind="records.follow_up",
                title=_("A service was rated poorly: please follow up"),
                body=_("Contact the person by %(contact)s and resolve by %(resolve)s.")
                % {
                    "contact": follow_up.contact_due.isoformat(),
                    "resolve": follow_up.resolve_due.isoformat(),
                },
                url=url,
            )
    return follow_up


def _check_manager(actor: Any, follow_up: FollowUp) -> None:
    from returnee_home.orgs.models import Role
    from returnee_home.orgs.selectors import member_organisation_ids

    if follow_up.home.carrier_id not in member_organisation_ids(actor, (Role.HOME_MANAGER,)):
        raise PermissionDeniedError(
            gettext_lazy("Only the Home's manager handles follow-ups of ratings.")
        )


@transaction.atomic
def follow_up_record_contact(*, follow_up: FollowUp, actor: Any, note: str) -> FollowUp:
    """The Home's manager records that they contacted the person.

    Refuses anyone but a manager of the Home, an empty note, and a follow-up that is not
    awaiting contact."""
    _check_manager(actor, follow_up)
    note = (note or "").strip()
    if not note:
        raise ApplicationError(
            "note_required",
            gettext_lazy("Say how and when you contacted the person."),
            fields={"note": gettext_lazy("Say how and when you contacted the person.")},
        )
    changed = FollowUp.objects.filter(pk=follow_up.pk, status=FollowUp.Status.OPEN).update(
        status=FollowUp.Status.CONTACTED,
        contacted_at=timezone.now(),
        contact_note=note[:4000],
        handled_by=actor,
        updated_at=timezone.now(),
    )
    if not changed:
        raise ApplicationError(
            "illegal_transition",
            gettext_lazy("This follow-up is not awaiting contact."),
            status=409,
        )
    follow_up.refresh_from_db()
    audit_record(
        actor=actor,
        action="records.follow_up_contact",
        obj=follow_up,
        changes={"status": [FollowUp.Status.OPEN, FollowUp.Status.CONTACTED]},
        organisation_id=follow_up.home.carrier_id,
        city_code=follow_up.home.city.code,
    )
    return follow_up


@transaction.atomic
def follow_up_resolve(*, follow_up: FollowUp, actor: Any, note: str) -> FollowUp:
    """The Home's manager records how the complaint was resolved; the person is invited to
    rate the service once more.

    Refuses anyone but a manager of the Home, an empty note, and a follow-up whose contact has
    not been recorded or that is already resolved."""
    _check_manager(actor, follow_up)
    note = (note or "").strip()
    if not note:
        raise ApplicationError(
            "note_required",
            gettext_lazy("Describe the resolution."),
            fields={"note": gettext_lazy("Describe the resolution.")},
        )
    changed = FollowUp.objects.filter(pk=follow_up.pk, status=FollowUp.Status.CONTACTED).update(
        status=FollowUp.Status.RESOLVED,
        resolved_at=timezone.now(),
        resolution_note=note[:4000],
        handled_by=actor,
        updated_at=timezone.now(),
    )
    if not changed:
        raise ApplicationError(
            "illegal_transition",
            gettext_lazy("Record the contact with the person before resolving."),
            status=409,
        )
    follow_up.refresh_from_db()
    audit_record(
        actor=actor,
        action="records.follow_up_resolve",
        obj=follow_up,
        changes={"status": [FollowUp.Status.CONTACTED, FollowUp.Status.RESOLVED]},
        organisation_id=follow_up.home.carrier_id,
        city_code=follow_up.home.city.code,
    )
    record = follow_up.rating.record
    person = record.person
    if person is not None:
        with translation.override(_language_of(person)):
            notify(
                recipient=person,
                kind="records.rate_again",
                title=_("Your feedback was followed up: rate the service again"),
                body=note,
                url=reverse("records:rate", args=[record.pk]),
            )
    return follow_up
