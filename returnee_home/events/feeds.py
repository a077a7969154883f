"""What events look like to other programs: iCalendar (one event, a Home's or a city's feed),
schema.org Event JSON-LD, and the QR code of a registration (generated locally, no service)."""

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from icalendar import Calendar
from icalendar import Event as IcsEvent

from returnee_home.events.models import EventKind, EventStatus

PRODID = "-//Jiangsu Home for Returned Overseas Students//Events//ZH"
UID_DOMAIN = "events.returnee.home"


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _location(event: Any) -> str:
    parts = [event.venue] if event.venue else []
    if event.online_url:
        parts.append(str(translation.gettext("Online")))
    return " · ".join(parts)


def ics_event(event: Any) -> IcsEvent:
    """One VEVENT in UTC; the online link is never in it (only registrants see that)."""
    item = IcsEvent()
    item.add("uid", f"event-{event.pk}@{UID_DOMAIN}")
    item.add("dtstamp", event.updated_at or timezone.now())
    item.add("dtstart", event.starts_at.astimezone(dt.UTC))
    item.add("dtend", event.ends_at.astimezone(dt.UTC))
    item.add("summary", event.title)
    item.add("description", event.description)
    location = _location(event)
    if location:
        item.add("location", location)
    item.add("url", absolute(reverse("events:detail", args=[event.pk])))
    item.add("categories", [str(EventKind(event.kind).label)])
    item.add(
        "organizer",
        f"mailto:{event.home.email or 'noreply@returnee.home'}",
        parameters={"CN": event.home.name},
    )
    item.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    item.add("transp", "OPAQUE")
    return item


def calendar(events: Iterable[Any], *, name: str = "") -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Shanghai")
    cal.add("refresh-interval", dt.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT6H")
    for event in events:
        cal.add_component(ics_event(event))
    return cal.to_ical()


def json_ld(event: Any) -> str:
    """schema.org Event for search engines; safe to place inside a script element."""
    status = {
        EventStatus.CANCELLED: "https://schema.org/EventCancelled",
    }.get(event.status, "https://schema.org/EventScheduled")
    places: list[dict[str, Any]] = []
    if event.venue:
        places.append(
            {
                "@type": "Place",
                "name": event.home.name,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": event.venue,
                    "addressLocality": event.home.city.name,
                    "addressRegion": str(translation.gettext("Jiangsu")),
                    "addressCountry": "CN",
                },
            }
        )
    if event.online_url:
        places.append(
            {"@type": "VirtualLocation", "url": absolute(reverse("events:detail", args=[event.pk]))}
        )
    if event.venue and event.online_url:
        mode = "https://schema.org/MixedEventAttendanceMode"
    elif event.online_url:
        mode = "https://schema.org/OnlineEventAttendanceMode"
    else:
        mode = "https://schema.org/OfflineEventAttendanceMode"
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.description[:5000],
        "startDate": timezone.localtime(event.starts_at).isoformat(),
        "endDate": timezone.localtime(event.ends_at).isoformat(),
        "eventStatus": status,
        "eventAttendanceMode": mode,
        "location": places[0] if len(places) == 1 else places,
        "isAccessibleForFree": True,
        "inLanguage": [lang.code for lang in event.languages.all()],
        "organizer": {
            "@type": "Organization",
            "name": event.home.name,
            "url": absolute(reverse("portal:home_detail", args=[event.home.slug])),
        },
        "offers": {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "CNY",
            "availability": "https://schema.org/InStock",
            "url": absolute(reverse("events:detail", args=[event.pk])),
        },
        "maximumAttendeeCapacity": event.capacity,
        "url": absolute(reverse("events:detail", args=[event.pk])),
    }
    if event.cover:
        data["image"] = absolute(reverse("events:cover", args=[event.pk]))
    text = json.dumps(data, ensure_ascii=False)
    # No "</script>" can close the element early.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def qr_svg(payload: str) -> str:
    """The QR code as an SVG element (paths only: no inline style, allowed by the CSP)."""
    image = qrcode.make(
        payload,
        image_factory=qrcode.image.svg.SvgPathImage,
        box_size=10,
        border=2,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    svg = image.to_string(encoding="unicode")
    label = escape(payload)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" class="qr" ', 1)


def qr_png(payload: str) -> bytes:
    import io

    image = qrcode.make(payload, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
