"""Pages of events: the calendar with filters (list and month), the event page with JSON-LD,
iCalendar files and feeds (parsed with icalendar), registering through the page, the ticket
with its QR code, the organisers' pages and their role boundaries, the check-in desk."""

import datetime as dt
import json
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.events import actions
from returnee_home.events.models import Event, EventStatus, Registration, RegistrationStatus
from returnee_home.events.tests.factories import EventFactory, QuestionFactory, in_days
from returnee_home.orgs.tests.conftest import client_for
from returnee_home.records.models import ServiceRecord

pytestmark = pytest.mark.django_db
R = RegistrationStatus


def test_calendar_lists_upcoming_public_events_with_filters(world: dict[str, Any]) -> None:
    nanjing = EventFactory(home=world["home"], title_zh="南京宣讲会", kind="lecture")
    suzhou = EventFactory(
        home=world["other_home"], title_zh="苏州论坛", kind="forum", languages=["en"]
    )
    EventFactory(home=world["home"], title_zh="草稿活动", status=EventStatus.DRAFT)
    EventFactory(
        home=world["home"], title_zh="已结束活动", starts_at=in_days(-10), ends_at=in_days(-10, 16)
    )
    client = Client()
    page = client.get("/events/").content.decode()
    assert nanjing.title_zh in page and suzhou.title_zh in page
    assert "草稿活动" not in page and "已结束活动" not in page
    page = client.get("/events/?city=320500").content.decode()
    assert suzhou.title_zh in page and nanjing.title_zh not in page
    page = client.get(f"/events/?home={world['home'].slug}&kind=lecture").content.decode()
    assert nanjing.title_zh in page and suzhou.title_zh not in page
    page = client.get("/en/events/?language=en").content.decode()
    assert suzhou.title_en in page and nanjing.title_en not in page
    past = (timezone.localdate() - dt.timedelta(days=11)).isoformat()
    page = client.get(f"/events/?date_from={past}&date_to={past}").content.decode()
    assert "已结束活动" not in page
    page = client.get(
        f"/events/?date_from={(timezone.localdate() - dt.timedelta(days=10)).isoformat()}"
    ).content.decode()
    assert "已结束活动" in page


def test_calendar_query_count_stays_flat(
    world: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    EventFactory.create_batch(3, home=world["home"])
    client = Client()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/events/?kind=policy_briefing")
    EventFactory.create_batch(12, home=world["other_home"])
    with CaptureQueriesContext(connection) as many:
        client.get("/events/?kind=policy_briefing&page=1")
    assert len(many) == len(few)


def test_month_view_places_events_on_their_days(world: dict[str, Any]) -> None:
    event = EventFactory(home=world["home"], title_zh="月历活动")
    month = timezone.localtime(event.starts_at).strftime("%Y-%m")
    page = Client().get(f"/events/month/?month={month}").content.decode()
    assert "月历活动" in page and f"/events/{event.pk}/" in page
    other = (timezone.localtime(event.starts_at) + dt.timedelta(days=62)).strftime("%Y-%m")
    assert "月历活动" not in Client().get(f"/events/month/?month={other}").content.decode()


def test_event_page_has_schema_org_json_ld_and_hides_the_online_link(world: dict[str, Any]) -> None:
    event = EventFactory(home=world["home"], online_url="https://meeting.example.cn/secret-room")
    page = Client().get(f"/en/events/{event.pk}/").content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    )
    assert data["@type"] == "Event" and data["name"] == event.title_en
    assert data["isAccessibleForFree"] is True
    assert data["eventAttendanceMode"].endswith("MixedEventAttendanceMode")
    assert data["startDate"].endswith("+08:00")
    assert "secret-room" not in page
    person = UserFactory()
    client = client_for(person)
    actions.registration_create(person=person, event=event)
    assert "secret-room" in client.get(f"/en/events/{event.pk}/").content.decode()
    waiting_person = UserFactory()
    Event.objects.filter(pk=event.pk).update(capacity=1)
    actions.registration_create(person=waiting_person, event=event)
    assert (
        "secret-room" not in client_for(waiting_person).get(f"/events/{event.pk}/").content.decode()
    )


def test_draft_event_page_is_not_found(world: dict[str, Any]) -> None:
    event = EventFactory(home=world["home"], status=EventStatus.DRAFT)
    assert Client().get(f"/events/{event.pk}/").status_code == 404
    assert Client().get(f"/events/{event.pk}/event.ics").status_code == 404


def test_ics_file_and_feeds_parse(world: dict[str, Any]) -> None:
    event = EventFactory(home=world["home"], online_url="https://meeting.example.cn/secret")
    other = EventFactory(home=world["other_home"])
    cancelled = EventFactory(home=world["home"], status=EventStatus.CANCELLED)
    response = Client().get(f"/events/{event.pk}/event.ics")
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    [vevent] = cal.walk("VEVENT")
    assert str(vevent["uid"]) == f"event-{event.pk}@events.returnee.home"
    assert vevent.decoded("dtstart") == event.starts_at
    assert "secret" not in response.content.decode()
    feed = Calendar.from_ical(Client().get(f"/events/feeds/home/{world['home'].slug}.ics").content)
    uids = {str(v["uid"]) for v in feed.walk("VEVENT")}
    assert uids == {
        f"event-{event.pk}@events.returnee.home",
        f"event-{cancelled.pk}@events.returnee.home",
    }
    statuses = {str(v["uid"]): str(v["status"]) for v in feed.walk("VEVENT")}
    assert statuses[f"event-{cancelled.pk}@events.returnee.home"] == "CANCELLED"
    city = Calendar.from_ical(Client().get("/events/feeds/city/320500.ics").content)
    assert [str(v["uid"]) for v in city.walk("VEVENT")] == [
        f"event-{other.pk}@events.returnee.home"
    ]
    assert Client().get("/events/feeds/city/999999.ics").status_code == 404


def test_register_through_the_page_with_answers(world: dict[str, Any]) -> None:
    event = EventFactory(home=world["home"], capacity=1)
    question = QuestionFactory(event=event, is_required=True)
    person = UserFactory()
    client = client_for(person)
    response = client.post(f"/events/{event.pk}/register/", {})
    assert response.status_code == 400
    assert not Registration.objects.exists()
    response = client.post(f"/events/{event.pk}/register/", {f"q{question.pk}": "南京大学"})
    registration = Registration.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/events/mine/{registration.pk}/"
    )
    ticket = client.get(response["Location"]).content.decode()
    assert registration.code in ticket and "<svg" in ticket and "南京大学" in ticket
    assert client.get(f"/events/mine/{registration.pk}/qr.png")["Content-Type"] == "image/png"
    again = client.post(f"/en/events/{event.pk}/register/", {f"q{question.pk}": "x"})
    assert again.status_code == 400 and "already registered" in again.content.decode()
    # Someone else's ticket is not found.
    assert client_for(UserFactory()).get(f"/events/mine/{registration.pk}/").status_code == 404


def test_anonymous_register_goes_to_sign_in(world: dict[str, Any]) -> None:
    event = EventFactory(home=world["home"])
    response = Client().post(f"/events/{event.pk}/register/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_cached_calendar_changes_after_a_registration(world: dict[str, Any]) -> None:
    event = EventFactory(home=world["home"], capacity=1)
    client = Client()
    first = client.get(f"/en/events/{event.pk}/")
    assert "1 left" in first.content.decode()
    assert client.get(f"/en/events/{event.pk}/")["X-Page-Cache"] == "hit"
    from django.db import transaction

    with transaction.atomic():
        actions.registration_create(person=UserFactory(), event=event)
    # The test transaction never commits: bump as a commit would.
    from django.core.cache import cache

    from returnee_home.core.cache import VERSION_KEY, forget_local_pages

    cache.set(VERSION_KEY, (cache.get(VERSION_KEY) or 1) + 1, None)
    forget_local_pages()
    assert "0 left" in client.get(f"/en/events/{event.pk}/").content.decode()


@pytest.mark.parametrize("role,status", [("talent", 403), ("employer", 403), ("expert", 403)])
def test_manage_pages_are_for_organisers_only(
    world: dict[str, Any], role: str, status: int
) -> None:
    client = client_for(world["people"][role])
    assert client.get("/events/manage/").status_code == status
    assert client.get("/events/manage/new/").status_code == status


def test_other_homes_staff_and_city_cannot_see_the_event(world: dict[str, Any]) -> None:
    event = EventFactory(home=world["home"])
    assert (
        client_for(world["other_staff"].user).get(f"/events/manage/{event.pk}/").status_code == 404
    )
    assert (
        client_for(world["other_staff"].user)
        .get(f"/events/manage/{event.pk}/check-in/")
        .status_code
        == 404
    )
    for role in ("staff", "manager", "city", "province"):
        assert (
            client_for(world["people"][role]).get(f"/events/manage/{event.pk}/").status_code == 200
        )


def test_staff_create_publish_and_the_event_appears(world: dict[str, Any]) -> None:
    client = client_for(world["people"]["staff"])
    start = in_days(10)
    data = {
        "home": world["home"].pk,
        "kind": "training",
        "title_zh": "创业培训班",
        "title_en": "Start-up training",
        "description_zh": "三天的创业培训。",
        "starts_at": timezone.localtime(start).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": timezone.localtime(start + dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "venue_zh": "之家二楼",
        "capacity": 20,
        "has_waiting_list": "on",
        "languages": [1],
    }
    from returnee_home.core.models import Language

    data["languages"] = [Language.objects.get(code="zh").pk]
    bad = client.post("/events/manage/new/", {**data, "ends_at": data["starts_at"]})
    assert bad.status_code == 400 and not Event.objects.exists()
    other = client.post("/events/manage/new/", {**data, "home": world["other_home"].pk})
    assert other.status_code == 400 and not Event.objects.exists()
    response = client.post("/events/manage/new/", data)
    event = Event.objects.get()
    assert response.status_code == 302 and event.status == EventStatus.DRAFT
    assert timezone.localtime(event.starts_at).hour == timezone.localtime(start).hour
    assert Client().get(f"/events/{event.pk}/").status_code == 404
    client.post(
        f"/events/manage/{event.pk}/", {"step": "question", "label_zh": "单位", "kind": "text"}
    )
    assert event.questions.count() == 1
    client.post(f"/events/manage/{event.pk}/", {"step": "publish"})
    assert Event.objects.get(pk=event.pk).status == EventStatus.PUBLISHED
    assert "创业培训班" in Client().get("/events/").content.decode()
    illegal = client.post(f"/events/manage/{event.pk}/", {"step": "archive"}, follow=True)
    assert Event.objects.get(pk=event.pk).status == EventStatus.PUBLISHED
    assert illegal.status_code == 200


def test_check_in_desk_by_code_and_walk_in(world: dict[str, Any]) -> None:
    soon = timezone.now() + dt.timedelta(minutes=30)
    event = EventFactory(home=world["home"], starts_at=soon, ends_at=soon + dt.timedelta(hours=2))
    registration = actions.registration_create(person=UserFactory(full_name="李华"), event=event)
    client = client_for(world["people"]["staff"])
    page = client.get(f"/events/manage/{event.pk}/check-in/")
    assert page.status_code == 200 and 'name="code"' in page.content.decode()
    wrong = client.post(f"/events/manage/{event.pk}/check-in/", {"step": "code", "code": "NOPE99"})
    assert wrong.status_code == 400
    done = client.post(
        f"/events/manage/{event.pk}/check-in/",
        {"step": "code", "code": registration.code},
        follow=True,
    )
    assert "李华" in done.content.decode()
    client.post(f"/events/manage/{event.pk}/check-in/", {"step": "walk_in", "name": "张三"})
    assert ServiceRecord.objects.filter(channel="event").count() == 2
    assert (
        client_for(world["people"]["talent"])
        .get(f"/events/manage/{event.pk}/check-in/")
        .status_code
        == 404
    )


def test_materials_reach_attendees_only(world: dict[str, Any]) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from returnee_home.accounts.tests.factories import PNG_BYTES

    start = timezone.now() - dt.timedelta(hours=1)
    event = EventFactory(home=world["home"], starts_at=start, ends_at=start + dt.timedelta(hours=2))
    attendee = Registration.objects.create(
        event=event, user=UserFactory(), status=R.CONFIRMED, code="ATTEND"
    )
    actions.registration_check_in(actor=world["people"]["staff"], event=event, code="ATTEND")
    material = actions.material_add(
        actor=world["people"]["staff"],
        event=event,
        title_zh="讲义",
        file=SimpleUploadedFile("handout.png", PNG_BYTES),
    )
    assert client_for(attendee.user).get(f"/events/materials/{material.pk}/").status_code == 200
    assert client_for(UserFactory()).get(f"/events/materials/{material.pk}/").status_code == 404
    ticket = client_for(attendee.user).get(f"/events/mine/{attendee.pk}/").content.decode()
    assert "讲义" in ticket and 'name="rating"' in ticket
    client_for(attendee.user).post(
        f"/events/mine/{attendee.pk}/feedback/", {"rating": 5, "comment": "好"}
    )
    assert Registration.objects.get(pk=attendee.pk).feedback.rating == 5


def test_cover_image_is_content_checked_and_served(world: dict[str, Any]) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from returnee_home.accounts.tests.factories import PNG_BYTES

    event = EventFactory(home=world["home"], status=EventStatus.DRAFT)
    client = client_for(world["people"]["staff"])
    data = {
        "home": world["home"].pk,
        "kind": event.kind,
        "title_zh": event.title_zh,
        "description_zh": event.description_zh,
        "starts_at": timezone.localtime(event.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": timezone.localtime(event.ends_at).strftime("%Y-%m-%dT%H:%M"),
        "venue_zh": event.venue_zh,
        "capacity": 40,
        "languages": list(event.languages.values_list("pk", flat=True)),
    }
    fake = SimpleUploadedFile("cover.png", b"<html>not an image</html>", content_type="image/png")
    response = client.post(f"/en/events/manage/{event.pk}/edit/", {**data, "cover": fake})
    assert response.status_code == 400 and "JPEG or PNG" in response.content.decode()
    assert not Event.objects.get(pk=event.pk).cover
    real = SimpleUploadedFile("cover.png", PNG_BYTES, content_type="image/png")
    response = client.post(f"/events/manage/{event.pk}/edit/", {**data, "cover": real})
    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).capacity == 40
    # A draft's cover: the organiser sees it, the public does not.
    assert client.get(f"/events/{event.pk}/cover/")["Content-Type"] == "image/png"
    assert Client().get(f"/events/{event.pk}/cover/").status_code == 404
    client.post(f"/events/manage/{event.pk}/", {"step": "publish"})
    assert Client().get(f"/events/{event.pk}/cover/").status_code == 200


def test_raising_the_capacity_offers_places_to_the_waiting_list(world: dict[str, Any]) -> None:
    event = EventFactory(home=world["home"], capacity=1)
    actions.registration_create(person=UserFactory(), event=event)
    waiting = actions.registration_create(person=UserFactory(), event=event)
    actions.event_update(actor=world["people"]["manager"], event=event, fields={"capacity": 2})
    assert Registration.objects.get(pk=waiting.pk).status == R.OFFERED
    from returnee_home.core.errors import ApplicationError

    with pytest.raises(ApplicationError) as caught:
        actions.event_update(actor=world["people"]["manager"], event=event, fields={"capacity": 1})
    assert caught.value.code == "capacity_below_taken"


def test_an_htmx_request_cannot_put_a_fragment_in_the_page_cache(world: dict[str, Any]) -> None:
    EventFactory(home=world["home"])
    Client().get("/events/?kind=policy_briefing", HTTP_HX_REQUEST="true")
    page = Client().get("/events/?kind=policy_briefing").content.decode()
    assert page.startswith("<!DOCTYPE html>")


def test_organisers_download_the_registrations_as_a_spreadsheet(world: dict[str, Any]) -> None:
    import io

    from openpyxl import load_workbook

    from returnee_home.core.models import AuditRecord

    event = EventFactory(home=world["home"])
    member = QuestionFactory(event=event, kind="yes_no", label_zh="是否会员", label_en="Member?")
    employer = QuestionFactory(event=event)
    actions.registration_create(
        person=UserFactory(full_name="李华"),
        event=event,
        answers={str(member.pk): "yes", str(employer.pk): "南京大学"},
    )
    actions.registration_create(person=UserFactory(full_name="王芳"), event=event)
    url = f"/events/manage/{event.pk}/registrations.xlsx"
    response = client_for(world["people"]["staff"]).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == event.title
    header = rows[4]
    assert header[-2:] == ["是否会员", "您的工作单位"]
    people = {r[0]: r for r in rows[5:]}
    assert set(people) == {"李华", "王芳"}
    assert people["李华"][-2:] == ["是", "南京大学"]
    assert hasattr(people["李华"][5], "year")  # registered at: a date-time, not text
    assert AuditRecord.objects.filter(action="events.registrations_export").count() == 1
    # Only the organisers: another Home's staff and a talent get nothing.
    assert client_for(world["other_staff"].user).get(url).status_code == 404
    assert client_for(world["people"]["talent"]).get(url).status_code in (403, 404)
