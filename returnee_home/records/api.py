"""API of service records: the caller's own records and ratings (rate by POST), and the
statistics of a Home, city or the province for the staff who see them. Browser session only:
a partner system's token speaks for an organisation, not for a person."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema

from returnee_home.api.auth import personal_token_auth, session_auth, token_auth
from returnee_home.api.schemas import ErrorOut
from returnee_home.core.errors import PermissionDeniedError
from returnee_home.core.i18n import pick
from returnee_home.records import actions, selectors

router = Router(tags=["service records"], auth=[token_auth, personal_token_auth, session_auth])
ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,
}


class RatingOut(Schema):
    round: int
    level: int
    tags: list[str]
    comment: str
    created_at: dt.datetime


class RecordOut(Schema):
    id: int
    served_on: dt.date
    home: str
    item: str
    channel: str
    ratings: list[RatingOut]
    can_rate: bool


class RatingIn(Schema):
    level: int = Field(..., ge=1, le=5, description="5 very satisfied … 1 very dissatisfied")
    tags: list[str] = Field(default_factory=list, description="efficiency, attitude, told_once…")
    comment: str = Field("", max_length=2000)


class StatisticsFilters(Schema):
    home: int | None = Field(None, description="A Home's id (default: your own scope)")
    city: int | None = Field(None, description="A city's id (city and province admins)")


class CountOut(Schema):
    label: str
    count: int


class MonthOut(Schema):
    month: str
    count: int


class StatisticsOut(Schema):
    scope: str
    title: str
    month: int
    year: int
    by_item: list[CountOut]
    by_channel: list[CountOut]
    by_month: list[MonthOut]
    ratings: list[CountOut]
    average_rating: float | None
    open_follow_ups: int
    overdue_follow_ups: int


def _person(request: HttpRequest) -> Any:
    caller = request.auth  # type: ignore[attr-defined]
    if caller.user is None:
        raise PermissionDeniedError(_("Sign in as a person to use this endpoint."))
    return caller.user


def _record_out(record: Any) -> dict[str, Any]:
    ratings = list(record.ratings.all())
    return {
        "id": record.pk,
        "served_on": record.served_on,
        "home": record.home.name,
        "item": pick(record.item.title_zh, record.item.title_en) if record.item else "",
        "channel": record.channel,
        "ratings": ratings,
        "can_rate": actions.next_rating_round(record, ratings) is not None,
    }


@router.get("/mine", response={200: list[RecordOut], **ERRORS}, summary="Your service records")
def my_records(request: HttpRequest) -> Any:
    """Your own service records (newest 200), each with its ratings and whether you may rate."""
    return [_record_out(r) for r in selectors.records_of(_person(request))[:200]]


@router.post(
    "/mine/{int:record_id}/rating",
    response={201: RecordOut, **ERRORS},
    summary="Rate one of your services",
)
def rate(request: HttpRequest, record_id: int, body: RatingIn) -> Any:
    """One rating per service; once more after a follow-up of a poor rating was resolved
    (409 otherwise). Another person's record answers 404."""
    person = _person(request)
    record = selectors.record_of(person, record_id)
    actions.rating_create(
        record=record, person=person, level=body.level, tags=body.tags, comment=body.comment
    )
    return 201, _record_out(selectors.record_of(person, record_id))


@router.get("/statistics", response={200: StatisticsOut, **ERRORS}, summary="Service statistics")
def statistics(request: HttpRequest, filters: Query[StatisticsFilters]) -> Any:
    """Person-times this month and year, by item, channel and month, ratings and follow-ups
    for your Home (staff, manager), your city (city admin) or the province."""
    scope = selectors.statistics_scope(_person(request), home_id=filters.home, city_id=filters.city)
    figures = selectors.statistics(scope)
    return {
        "scope": scope.level,
        "title": scope.title,
        "month": figures["totals"]["month"],
        "year": figures["totals"]["year"],
        "by_item": [{"label": str(r["label"]), "count": r["count"]} for r in figures["by_item"]],
        "by_channel": [
            {"label": str(r["label"]), "count": r["count"]} for r in figures["by_channel"]
        ],
        "by_month": [
            {"month": r["month"].strftime("%Y-%m"), "count": r["count"]}
            for r in figures["by_month"]
        ],
        "ratings": [{"label": str(r["label"]), "count": r["count"]} for r in figures["ratings"]],
        "average_rating": figures["average"],
        "open_follow_ups": figures["follow_up_counts"]["open"],
        "overdue_follow_ups": figures["follow_up_counts"]["overdue"],
    }
