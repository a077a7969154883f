"""Reads of consultations, scoped: the asker's own, and the workbench of the staff who answer."""

from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from returnee_home.consultations.models import Consultation
from returnee_home.core.errors import NotFoundError
from returnee_home.orgs.models import Home, Role
from returnee_home.orgs.selectors import is_province_admin, member_organisation_ids
from returnee_home.services.models import ServiceItem

_RELATED = ("home", "category", "item", "asker")


def home_to_ask(value: str) -> Home | None:
    """The named Home a link asks about (`?home=` with its address name or id), else None."""
    value = (value or "").strip()[:60]
    if not value:
        return None
    homes = Home.objects.filter(status=Home.Status.NAMED)
    if value.isdigit():
        return homes.filter(pk=int(value)).first()
    return homes.filter(slug=value).first()


def item_to_ask(value: str) -> ServiceItem | None:
    """The active service item a link asks about (`?item=` with its code, slug or id)."""
    value = (value or "").strip()[:60]
    if not value:
        return None
    items = ServiceItem.objects.filter(is_active=True).select_related("category")
    if value.isdigit():
        return items.filter(pk=int(value)).first()
    return items.filter(Q(code=value) | Q(slug=value)).first()


def mine(user: Any) -> QuerySet[Consultation]:
    return Consultation.objects.filter(asker=user).select_related(*_RELATED).order_by("-pk")


def mine_one(user: Any, consultation_id: int) -> Consultation:
    found = mine(user).prefetch_related("handovers").filter(pk=consultation_id).first()
    if found is None:
        raise NotFoundError()
    return found


def answers_questions(user: Any) -> bool:
    """Home staff and managers answer their Home's questions; province admins the province's."""
    return bool(
        member_organisation_ids(user, (Role.HOME_MANAGER, Role.HOME_STAFF))
    ) or is_province_admin(user)


def workbench(user: Any, *, status: str = "open") -> QuerySet[Consultation]:
    """Questions the person answers: their Home's (staff, manager) and, for province admins,
    the province's. Unanswered questions past their time first, then by due date."""
    condition = Q(
        home__carrier_id__in=member_organisation_ids(user, (Role.HOME_MANAGER, Role.HOME_STAFF))
    )
    if is_province_admin(user):
        condition |= Q(home__isnull=True)
    today = timezone.localdate()
    qs = Consultation.objects.filter(condition).exclude(status=Consultation.Status.UNCONFIRMED)
    if status in Consultation.Status.values:
        qs = qs.filter(status=status)
    return (
        qs.select_related(*_RELATED)
        .annotate(
            late=Case(
                When(status=Consultation.Status.OPEN, due_on__lt=today, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("late", "due_on", "pk")
    )


def workbench_one(user: Any, consultation_id: int) -> Consultation:
    found = (
        workbench(user, status="").prefetch_related("handovers").filter(pk=consultation_id).first()
    )
    if found is None:
        raise NotFoundError()
    return found
