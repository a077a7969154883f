"""Factories of appointments: items offered at a Home, weekly hours, slots, bookings."""

import datetime as dt

import factory
from django.utils import timezone

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.appointments.models import Booking, Slot, WeeklySchedule
from returnee_home.orgs.tests.factories import HomeFactory, WindowFactory
from returnee_home.records.tests.factories import ServiceItemFactory
from returnee_home.services.models import HomeOffering

__all__ = ["ServiceItemFactory", "OfferingFactory", "SlotFactory", "BookingFactory"]


class OfferingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HomeOffering

    home = factory.SubFactory(HomeFactory)
    item = factory.SubFactory(ServiceItemFactory)


class WeeklyScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WeeklySchedule

    window = factory.SubFactory(WindowFactory)
    home = factory.SelfAttribute("window.home")
    weekday = 0
    start = dt.time(9, 0)
    end = dt.time(11, 0)
    slot_minutes = 30


def _tomorrow_at(hour: int) -> dt.datetime:
    tz = timezone.get_default_timezone()
    day = timezone.localdate() + dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=tz)


class SlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Slot

    window = factory.SubFactory(WindowFactory)
    home = factory.SelfAttribute("window.home")
    starts_at = factory.Sequence(lambda n: _tomorrow_at(9) + dt.timedelta(minutes=30 * (n % 16)))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(minutes=30))


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    code = factory.Sequence(lambda n: f"T{n:05d}")
    person = factory.SubFactory(UserFactory)
    slot = factory.SubFactory(SlotFactory)
    home = factory.SelfAttribute("slot.home")
    item = factory.SubFactory(ServiceItemFactory)
