"""seed_demo makes events of every kind across the Homes, past and coming, with registrations,
waiting lists and attendance (service records of channel "event"), and the demo talent's own;
a second run adds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from returnee_home.accounts.models import User
from returnee_home.events.models import Event, EventKind, EventStatus, Registration
from returnee_home.orgs.models import Home
from returnee_home.records.models import ServiceRecord

pytestmark = pytest.mark.django_db


def test_seed_demo_makes_events_of_every_kind_once() -> None:
    call_command("seed_demo", scale="tiny", seed=11, stdout=StringIO())
    counts = (Event.objects.count(), Registration.objects.count(), ServiceRecord.objects.count())
    assert set(Event.objects.values_list("kind", flat=True)) == set(EventKind.values)
    named = Home.objects.filter(status=Home.Status.NAMED).count()
    assert Event.objects.values("home").distinct().count() == named
    now = timezone.now()
    assert Event.objects.filter(ends_at__lt=now, status=EventStatus.HELD).exists()
    assert Event.objects.filter(starts_at__gt=now, status=EventStatus.PUBLISHED).exists()
    assert Registration.objects.filter(status="waitlisted").exists()
    attended = Registration.objects.filter(checked_in_at__isnull=False)
    assert attended.exists()
    records = ServiceRecord.objects.filter(channel="event", source_type="events.registration")
    assert records.count() == attended.count()
    talent = User.objects.get(email="talent@demo.returnee.home")
    mine = Registration.objects.filter(user=talent)
    assert set(mine.values_list("status", flat=True)) == {"confirmed", "waitlisted"}
    assert mine.filter(checked_in_at__isnull=False, feedback__isnull=False).exists()
    today = mine.get(event__title_zh__startswith="今日")
    assert timezone.localdate(today.event.starts_at) == timezone.localdate()

    call_command("seed_demo", scale="tiny", seed=11, stdout=StringIO())
    assert (
        Event.objects.count(),
        Registration.objects.count(),
        ServiceRecord.objects.count(),
    ) == counts
