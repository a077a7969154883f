"""Reads of the audit log, scoped to the person asking: province admins see every record, city
admins the records of their city (and of the province-administered counties under it)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone

from returnee_home.core.models import AuditRecord, City
from returnee_home.orgs.models import Role
from returnee_home.orgs.selectors import memberships_of


def audit_city_codes(user: Any) -> set[str] | None:
    """The city codes whose records the person may read: None means every record (province
    admin); an empty set means none."""
    memberships = memberships_of(user)
    if any(m.role == Role.PROVINCE_ADMIN for m in memberships):
        return None
    codes = {
        m.organisation.city.code
        for m in memberships
        if m.role == Role.CITY_ADMIN and m.organisation.city_id
    }
    if codes:
        codes |= set(City.objects.filter(parent__code__in=codes).values_list("code", flat=True))
    return codes


def can_view_audit_log(user: Any) -> bool:
    return audit_city_codes(user) != set()


def audit_records_visible_to(user: Any) -> QuerySet[AuditRecord]:
    """The records the person may read, newest first. Refuses everyone but province and city
    admins (PermissionDenied, a 403)."""
    codes = audit_city_codes(user)
    if codes == set():
        raise PermissionDenied
    records = AuditRecord.objects.select_related("actor").order_by("-created_at", "-id")
    if codes is not None:
        records = records.filter(city_code__in=codes)
    return records


def audit_cities_visible_to(user: Any) -> QuerySet[City]:
    """The cities a person may filter the log by."""
    codes = audit_city_codes(user)
    cities = City.objects.select_related("parent").order_by("sort_order", "code")
    return cities if codes is None else cities.filter(code__in=codes)


@dataclass(frozen=True)
class AuditFilter:
    actor: str = ""
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    city_code: str = ""
    date_from: date | None = None
    date_to: date | None = None


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def filter_audit_records(
    records: QuerySet[AuditRecord], criteria: AuditFilter
) -> QuerySet[AuditRecord]:
    """Narrow an already scoped queryset. Dates are whole days in the portal's time zone."""
    if criteria.actor:
        records = records.filter(
            Q(actor_label__icontains=criteria.actor)
            | Q(actor__email__icontains=criteria.actor)
            | Q(actor__full_name__icontains=criteria.actor)
            | Q(actor__name_en__icontains=criteria.actor)
        )
    if criteria.action:
        records = records.filter(action__startswith=criteria.action)
    if criteria.object_type:
        records = records.filter(object_type=criteria.object_type)
    if criteria.object_id:
        records = records.filter(object_id=criteria.object_id)
    if criteria.city_code:
        records = records.filter(city_code=criteria.city_code)
    if criteria.date_from:
        records = records.filter(created_at__gte=_start_of(criteria.date_from))
    if criteria.date_to:
        records = records.filter(created_at__lt=_start_of(criteria.date_to + timedelta(days=1)))
    return records


def change_rows(changes: Any) -> list[tuple[str, Any, Any]]:
    """(field, before, after) rows of a record's `changes`; a value that is not a
    [before, after] pair is shown as an "after" value only."""
    if not isinstance(changes, dict):
        return [("", None, changes)] if changes else []
    rows = []
    for field, value in changes.items():
        if isinstance(value, list | tuple) and len(value) == 2:
            rows.append((str(field), value[0], value[1]))
        else:
            rows.append((str(field), None, value))
    return rows
