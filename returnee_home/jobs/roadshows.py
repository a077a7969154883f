"""Project roadshows: an events.Event of kind "roadshow" lists the projects pitching there;
interest registered from its page enters the project funnel with the roadshow as source."""

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.utils.translation import gettext_lazy as _

from returnee_home.core.audit import audit_record
from returnee_home.core.cache import public_pages_changed
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.jobs import permissions
from returnee_home.jobs.models import RoadshowPitch, TalentProject
from returnee_home.orgs.models import Role
from returnee_home.orgs.selectors import memberships_of

ROADSHOW = "roadshow"


def roadshow(event_id: int) -> Any:
    """A roadshow that the public may see (published, or held and archived)."""
    from returnee_home.events.models import PUBLIC_STATUSES, Event

    event = (
        Event.objects.select_related("home")
        .filter(pk=event_id, kind=ROADSHOW, status__in=PUBLIC_STATUSES)
        .first()
    )
    if event is None:
        raise NotFoundError()
    return event


def may_organise(user: Any, event: Any) -> bool:
    """Staff of the organiser Home, and the province's admins, manage the programme."""
    for m in memberships_of(user):
        if m.role == Role.PROVINCE_ADMIN:
            return True
        if m.role in permissions.HOME_ROLES and m.organisation_id == event.home.carrier_id:
            return True
    return False


def pitches(event: Any, user: Any = None) -> QuerySet[RoadshowPitch]:
    """The programme. Anonymous visitors see the projects with a public showcase page;
    organisations that may register interest, and staff, see every visible project."""
    from django.db.models import Q

    from returnee_home.jobs.models import Channel, ProjectStatus

    qs = RoadshowPitch.objects.filter(event=event, project__status=ProjectStatus.PUBLISHED).filter(
        Q(project__channel=Channel.SELF) | Q(project__owner_confirmed_at__isnull=False)
    )
    insider = user is not None and (
        permissions.is_staff(user) or permissions.interest_organisations(user)
    )
    if not insider:
        qs = qs.filter(project__showcase_public=True)
    return qs.select_related("project__field", "project__owner").order_by("order", "id")


def pitch_add(*, actor: Any, event: Any, project: TalentProject) -> RoadshowPitch:
    """Put a visible project on a roadshow's programme (last). Refuses anyone but the
    organiser Home's staff and province admins, other kinds of event, invisible projects and
    a project already on the programme."""
    if event.kind != ROADSHOW:
        raise ApplicationError("not_roadshow", _("This event is not a project roadshow."))
    if not may_organise(actor, event):
        raise PermissionDeniedError()
    if not project.is_visible:
        raise ApplicationError(
            "project_hidden",
            _("Only a published project can pitch at a roadshow."),
            fields={"project_id": _("Only a published project can pitch at a roadshow.")},
        )
    try:
        with transaction.atomic():
            last = RoadshowPitch.objects.filter(event=event).aggregate(m=Max("order"))["m"] or 0
            pitch = RoadshowPitch.objects.create(
                event=event, project=project, order=last + 1, added_by=actor
            )
            audit_record(actor=actor, action="jobs.pitch_add", obj=pitch)
            public_pages_changed()
    except IntegrityError as exc:
        raise ApplicationError(
            "already_pitching",
            _("This project is already on the programme."),
            fields={"project_id": _("This project is already on the programme.")},
        ) from exc
    return pitch


def pitch_remove(*, actor: Any, pitch: RoadshowPitch) -> None:
    if not may_organise(actor, pitch.event):
        raise PermissionDeniedError()
    with transaction.atomic():
        audit_record(actor=actor, action="jobs.pitch_remove", obj=pitch)
        pitch.delete()
        public_pages_changed()
