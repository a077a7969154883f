"""Every dashboard figure against a direct count over the raw records of a small data set,
with the edge cases: a service on 31 December at 23:59 Asia/Shanghai, a person served twice in
a day, a cancelled appointment and a transferred request."""

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone

from returnee_home.appointments.models import BookingStatus
from returnee_home.appointments.tests.factories import BookingFactory, SlotFactory
from returnee_home.dashboards import figures, selectors
from returnee_home.dashboards.figures import Filters
from returnee_home.dashboards.periods import Period, period_from
from returnee_home.orgs.tests.factories import WindowFactory
from returnee_home.records.actions import (
    rating_day_counts_rebuild,
    service_day_counts_rebuild,
    service_record_create,
)
from returnee_home.records.models import Channel, Rating, ServiceDayCount, ServiceRecord
from returnee_home.records.tests.factories import ServiceItemFactory
from returnee_home.services.models import RequestState, ServiceRequest

TODAY = dt.date(2026, 1, 20)
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


class Source:
    """Each call is a distinct visit (the record's source)."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> Any:
        from returnee_home.services.models import ServiceItem

        self.n += 1
        return ServiceItem(pk=10_000 + self.n)


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    cache.clear()


@pytest.fixture
def data(world: dict[str, Any]) -> dict[str, Any]:
    home, other = world["home"], world["other_home"]
    talent = world["people"]["talent"]
    item = ServiceItemFactory()
    source = Source()
    made = []

    def serve(h: Any, day: dt.date, channel: str = Channel.COUNTER, person: Any = talent) -> Any:
        record = service_record_create(
            person=person, home=h, item=item, channel=channel, served_on=day, source=source()
        )
        made.append(record)
        return record

    # 31 December at 23:59 in Shanghai is still last year (15:59 UTC).
    late = serve(home, dt.date(2025, 12, 31))
    Rating.objects.create(record=late, person=talent, level=5)
    Rating.objects.filter(record=late).update(
        created_at=dt.datetime(2025, 12, 31, 23, 59, tzinfo=SHANGHAI)
    )
    # The same person served twice on one day: two person-times.
    serve(home, dt.date(2026, 1, 5))
    twice = serve(home, dt.date(2026, 1, 5), channel=Channel.ONLINE)
    Rating.objects.create(record=twice, person=talent, level=1)
    Rating.objects.filter(record=twice).update(
        created_at=dt.datetime(2026, 1, 5, 0, 0, tzinfo=SHANGHAI)
    )
    serve(home, dt.date(2025, 12, 20))
    serve(home, dt.date(2025, 1, 10))  # a year before
    serve(other, dt.date(2026, 1, 8))
    # Appointments: one attended, one no-show, one cancelled (left out of the no-show rate).
    window = WindowFactory(home=home, number=7)
    at = dt.datetime(2026, 1, 12, 10, 0, tzinfo=SHANGHAI)
    for i, status in enumerate(
        (BookingStatus.ATTENDED, BookingStatus.NO_SHOW, BookingStatus.CANCELLED)
    ):
        slot = SlotFactory(
            window=window,
            starts_at=at + dt.timedelta(hours=i),
            ends_at=at + dt.timedelta(hours=i, minutes=30),
        )
        BookingFactory(slot=slot, status=status)
    # A request transferred from the other Home to this one counts here.
    ServiceRequest.objects.create(
        applicant=talent,
        item=item,
        home=home,
        state=RequestState.ACCEPTED,
        submitted_at=dt.datetime(2026, 1, 3, 9, 0, tzinfo=SHANGHAI),
        due_on=dt.date(2026, 1, 10),
    )
    # The ratings above were written (and dated) directly: recount their daily summary, as
    # the demo seed does after a bulk load (`rating_create` keeps it otherwise).
    rating_day_counts_rebuild()
    return {"home": home, "other": other, "records": made, "world": world}


def raw_person_times(home_ids: list[int] | None, start: dt.date, end: dt.date) -> int:
    qs = ServiceRecord.objects.filter(served_on__gte=start, served_on__lte=end)
    if home_ids is not None:
        qs = qs.filter(home_id__in=home_ids)
    return qs.count()


@pytest.mark.django_db
def test_summary_matches_records_and_rebuild(data: dict[str, Any]) -> None:
    by_incremental = sorted(
        ServiceDayCount.objects.values_list("home_id", "day", "channel", "category_id", "count")
    )
    service_day_counts_rebuild()
    by_rebuild = sorted(
        ServiceDayCount.objects.values_list("home_id", "day", "channel", "category_id", "count")
    )
    assert by_incremental == by_rebuild
    assert sum(r[-1] for r in by_rebuild) == ServiceRecord.objects.count()


@pytest.mark.django_db
def test_person_times_against_raw_counts(data: dict[str, Any]) -> None:
    home = data["home"]
    for kind in ("this_month", "last_month", "this_year"):
        period = period_from({"period": kind}, today=TODAY)
        row = figures.home_rows([home], period, Filters())[home.pk]
        assert row["period"] == raw_person_times([home.pk], period.start, period.end), kind
        assert row["year"] == raw_person_times([home.pk], dt.date(2026, 1, 1), TODAY)
    last_month = period_from({"period": "last_month"}, today=TODAY)
    # December includes the service on the 31st.
    assert raw_person_times([home.pk], last_month.start, last_month.end) == 2
    this_month = period_from({"period": "this_month"}, today=TODAY)
    row = figures.home_rows([home], this_month, Filters())[home.pk]
    assert row["period"] == 2  # the person served twice on 5 January counts twice
    assert row["month_before"] == raw_person_times(
        [home.pk], dt.date(2025, 12, 1), TODAY.replace(month=12, year=2025)
    )
    assert row["year_before"] == raw_person_times(
        [home.pk], dt.date(2025, 1, 1), dt.date(2025, 1, 20)
    )
    online = figures.home_rows([home], this_month, Filters(channel=Channel.ONLINE))[home.pk]
    assert (
        online["period"]
        == ServiceRecord.objects.filter(
            home=home, channel=Channel.ONLINE, served_on__gte=this_month.start
        ).count()
    )


@pytest.mark.django_db
def test_ratings_on_31_december_at_23_59_count_in_december(data: dict[str, Any]) -> None:
    home = data["home"]
    december = period_from({"period": "last_month"}, today=TODAY)
    january = period_from({"period": "this_month"}, today=TODAY)
    dec = figures.home_rows([home], december, Filters())[home.pk]
    jan = figures.home_rows([home], january, Filters())[home.pk]
    assert (dec["rated"], dec["satisfied"], dec["poor"]) == (1, 1, 0)
    assert (jan["rated"], jan["satisfied"], jan["poor"]) == (1, 0, 1)
    raw_dec = Rating.objects.filter(
        created_at__gte=dt.datetime(2025, 12, 1, tzinfo=SHANGHAI),
        created_at__lt=dt.datetime(2026, 1, 1, tzinfo=SHANGHAI),
    ).count()
    assert raw_dec == dec["rated"]


@pytest.mark.django_db
def test_appointments_and_transferred_request(data: dict[str, Any]) -> None:
    home, other = data["home"], data["other"]
    period = period_from({"period": "this_month"}, today=TODAY)
    rows = figures.home_rows([home, other], period, Filters())
    assert (rows[home.pk]["attended"], rows[home.pk]["no_show"], rows[home.pk]["cancelled"]) == (
        1,
        1,
        1,
    )
    headline = {f.key: f.value for f in figures.headline(rows[home.pk], period)}
    assert headline["no_show_rate"] == 50.0  # the cancelled booking is not in the rate
    assert rows[home.pk]["open"] == 1 and rows[home.pk]["overdue"] == 1
    assert rows[other.pk]["open"] == 0


@pytest.mark.django_db
def test_city_and_province_dashboards_add_up(data: dict[str, Any]) -> None:
    period = period_from({"period": "this_year"}, today=TODAY)
    world = data["world"]
    city = selectors.build_city_dashboard(world["nanjing"], period, Filters())
    homes_block = next(b for b in city.blocks if b.key == "homes")
    total_row = homes_block.rows[-1]
    assert total_row[1] == raw_person_times([data["home"].pk], period.start, period.end)
    province = selectors.build_province_dashboard(period, Filters(), "period")
    by_city = {r[0]: r[1] for r in next(b for b in province.blocks if b.key == "cities").rows}
    assert by_city[world["nanjing"].name] == raw_person_times(
        [data["home"].pk], period.start, period.end
    )
    assert by_city[world["suzhou"].name] == raw_person_times(
        [data["other"].pk], period.start, period.end
    )
    month_block = next(b for b in province.blocks if b.key == "by_month")
    assert dict(month_block.rows)["2025-12"] == raw_person_times(
        None, dt.date(2025, 12, 1), dt.date(2025, 12, 31)
    )


def test_periods() -> None:
    today = dt.date(2026, 3, 31)
    last = period_from({"period": "last_month"}, today=today)
    assert (last.start, last.end) == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert period_from({"period": "this_year"}, today=today).start == dt.date(2026, 1, 1)
    custom = period_from(
        {"period": "custom", "start": "2026-05-01", "end": "2026-01-01"}, today=today
    )
    assert (custom.start, custom.end) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert period_from({"period": "bogus"}, today=today).kind == "this_month"
    month = Period("this_month", dt.date(2026, 3, 1), today, today)
    assert month.month_before().end == dt.date(2026, 2, 28)
    assert month.year_before().start == dt.date(2025, 3, 1)
    assert timezone.is_aware(timezone.now())


@pytest.mark.django_db
def test_ratings_summary_follows_rating_create_and_equals_a_recount(data: dict[str, Any]) -> None:
    from returnee_home.records.actions import rating_create
    from returnee_home.records.models import RatingDayCount

    talent = data["world"]["people"]["talent"]
    fresh = service_record_create(
        person=talent,
        home=data["home"],
        item=ServiceItemFactory(),
        channel=Channel.COUNTER,
        served_on=timezone.localdate(),
        source=Source()(),
    )
    rating_create(person=talent, record=fresh, level=2)
    today = timezone.localdate()
    row = figures.records.ratings_by_home([data["home"].pk], today, today)[data["home"].pk]
    raw = Rating.objects.filter(record__home=data["home"], created_at__date=today)
    assert row["rated"] == raw.count() == 1 and row["poor"] == 1
    summary = sorted(RatingDayCount.objects.values_list("home_id", "day", "level", "count"))
    rating_day_counts_rebuild()
    assert sorted(RatingDayCount.objects.values_list("home_id", "day", "level", "count")) == (
        summary
    )


@pytest.mark.django_db
def test_person_times_of_whole_months_and_edges_against_raw_counts(data: dict[str, Any]) -> None:
    from returnee_home.records.actions import service_month_counts_rebuild
    from returnee_home.records.models import ServiceMonthCount
    from returnee_home.records.stats import person_times_grouped, person_times_in_ranges

    ranges = {
        "december": (dt.date(2025, 12, 1), dt.date(2025, 12, 31)),
        "long": (dt.date(2025, 1, 5), dt.date(2026, 1, 20)),
        "edges": (dt.date(2025, 12, 20), dt.date(2026, 1, 5)),
    }
    got = person_times_in_ranges(None, ranges)
    for name, (start, end) in ranges.items():
        for home in (data["home"], data["other"]):
            expected = raw_person_times([home.pk], start, end)
            assert got.get(home.pk, {}).get(name, 0) == expected, (name, home)
    months = person_times_grouped(
        [data["home"].pk], dt.date(2025, 1, 1), dt.date(2026, 1, 20), "month"
    )
    assert months == {dt.date(2025, 1, 1): 1, dt.date(2025, 12, 1): 2, dt.date(2026, 1, 1): 2}
    kept = sorted(ServiceMonthCount.objects.values_list("home_id", "month", "channel", "count"))
    service_month_counts_rebuild()
    assert sorted(
        ServiceMonthCount.objects.values_list("home_id", "month", "channel", "count")
    ) == (kept)
