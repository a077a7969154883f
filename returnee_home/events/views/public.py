"""Public pages of events: the calendar (list and month), one event's page, its iCalendar file,
the feeds per Home and per city, and the cover image."""

import calendar as month_calendar
import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from returnee_home.core.cache import public_page
from returnee_home.core.errors import NotFoundError
from returnee_home.core.models import City
from returnee_home.events import feeds, selectors, workflow
from returnee_home.events.forms import CalendarFilterForm, RegistrationForm
from returnee_home.events.models import EventStatus, RegistrationStatus

PAGE_SIZE = 20
FEED_PAST_DAYS = 90
ICS_TYPE = "text/calendar; charset=utf-8"


def _month(value: str) -> dt.date:
    today = timezone.localdate()
    try:
        year, month = (int(x) for x in value.split("-", 1))
        return dt.date(year, month, 1)
    except (ValueError, TypeError):
        return today.replace(day=1)


def _filters(request: HttpRequest) -> tuple[CalendarFilterForm, dict[str, Any], dict[str, str]]:
    form = CalendarFilterForm(request.GET or None)
    values: dict[str, Any] = {}
    params: dict[str, str] = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        values = {
            "city": data["city"],
            "home": data["home"],
            "kind": data["kind"],
            "language": data["language"],
            "date_from": data["date_from"],
            "date_to": data["date_to"],
        }
        for key, value in (
            ("city", data["city"] and data["city"].code),
            ("home", data["home"] and data["home"].slug),
            ("kind", data["kind"]),
            ("language", data["language"] and data["language"].code),
            ("date_from", data["date_from"] and data["date_from"].isoformat()),
            ("date_to", data["date_to"] and data["date_to"].isoformat()),
        ):
            if value:
                params[key] = value
    return form, {k: v for k, v in values.items() if v}, params


@public_page
def calendar_list(request: HttpRequest) -> HttpResponse:
    """Upcoming events (or, with dates, those in the range), filtered."""
    form, values, params = _filters(request)
    if "date_from" not in values and "date_to" not in values:
        values["date_from"] = timezone.localdate()
    events = selectors.public_events(**values)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page,
        "events": page.object_list,
        "query_string": urlencode(params),
        "filtered": bool(params),
        "view": "list",
        "month_query": urlencode(
            {k: v for k, v in params.items() if k not in ("date_from", "date_to")}
        ),
    }
    # Always the whole page: the anonymous page cache keys on the address only, so a partial
    # answer for HTMX under the same address could be served to the next visitor.
    return render(request, "events/calendar_list.html", context)


@public_page
def calendar_month(request: HttpRequest) -> HttpResponse:
    """One month as a grid of weeks (Monday first), each day with its events."""
    form, values, params = _filters(request)
    first = _month(request.GET.get("month", ""))
    last_day = month_calendar.monthrange(first.year, first.month)[1]
    last = first.replace(day=last_day)
    values.pop("date_from", None)
    values.pop("date_to", None)
    events = list(selectors.public_events(**values, date_from=first, date_to=last))
    by_day: dict[dt.date, list[Any]] = {}
    for event in events:
        day = timezone.localtime(event.starts_at).date()
        end = timezone.localtime(event.ends_at).date()
        while day <= end and day <= last:
            if day >= first:
                by_day.setdefault(day, []).append(event)
            day += dt.timedelta(days=1)
    weeks = []
    for week in month_calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        weeks.append(
            [
                {"date": d, "in_month": d.month == first.month, "events": by_day.get(d, [])}
                for d in week
            ]
        )
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = last + dt.timedelta(days=1)
    params.pop("date_from", None)
    params.pop("date_to", None)
    return render(
        request,
        "events/calendar_month.html",
        {
            "form": form,
            "weeks": weeks,
            "month": first,
            "previous": previous.strftime("%Y-%m"),
            "following": following.strftime("%Y-%m"),
            "query_string": urlencode(params),
            "count": len(events),
            "events": events,
            "today": timezone.localdate(),
            "view": "month",
        },
    )


def _detail_context(request: HttpRequest, event: Any) -> dict[str, Any]:
    now = timezone.now()
    registration = selectors.registration_for_event(request.user, event)
    taken = selectors.places_taken(event)
    status = workflow.shown_status(event, now)
    opens = event.registration_opens_at
    open_now = (
        status == EventStatus.PUBLISHED
        and (opens is None or opens <= now)
        and now < event.registration_deadline
    )
    questions = list(event.questions.all())
    confirmed = registration is not None and registration.status == RegistrationStatus.CONFIRMED
    return {
        "event": event,
        "status": status,
        "registration": registration,
        "places_left": max(event.capacity - taken, 0),
        "waiting": selectors.waiting_count(event),
        "open_now": open_now,
        "not_yet_open": status == EventStatus.PUBLISHED and opens is not None and now < opens,
        "questions": questions,
        "form": RegistrationForm(questions=questions) if questions else None,
        "show_online_link": confirmed and bool(event.online_url),
        "json_ld": feeds.json_ld(event),
        "is_past": event.ends_at < now,
    }


@public_page
def detail(request: HttpRequest, event_id: int) -> HttpResponse:
    try:
        event = selectors.public_event(event_id)
    except NotFoundError as exc:
        raise Http404 from exc
    return render(request, "events/detail.html", _detail_context(request, event))


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=ICS_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=900"
    return response


def event_ics(request: HttpRequest, event_id: int) -> HttpResponse:
    try:
        event = selectors.public_event(event_id)
    except NotFoundError as exc:
        raise Http404 from exc
    return _ics_response(feeds.calendar([event], name=event.title), f"event-{event.pk}.ics")


def _feed_events(**filters: Any) -> list[Any]:
    since = timezone.localdate() - dt.timedelta(days=FEED_PAST_DAYS)
    return list(selectors.public_events(date_from=since, **filters)[:1000])


def home_feed(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        home = selectors.home_by_slug(slug)
    except NotFoundError as exc:
        raise Http404 from exc
    name = _("Events · %(home)s") % {"home": home.name}
    return _ics_response(feeds.calendar(_feed_events(home=home), name=name), f"{home.slug}.ics")


def city_feed(request: HttpRequest, code: str) -> HttpResponse:
    city = City.objects.filter(code=code).first()
    if city is None:
        raise Http404
    name = _("Events · %(city)s") % {"city": city.name}
    return _ics_response(
        feeds.calendar(_feed_events(city=city), name=name), f"city-{city.code}.ics"
    )


def cover(request: HttpRequest, event_id: int) -> HttpResponse:
    """The cover image of a public event, or of one the person organises."""
    try:
        event = selectors.public_event(event_id)
    except NotFoundError:
        try:
            event = selectors.managed_event(request.user, event_id)
        except NotFoundError as exc:
            raise Http404 from exc
    if not event.cover:
        raise Http404
    content_type = "image/png" if event.cover.name.endswith(".png") else "image/jpeg"
    response = FileResponse(event.cover.open("rb"), content_type=content_type)
    response["Cache-Control"] = "public, max-age=3600" if event.is_public else "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
