"""Roadshows: the organiser's staff put projects on the programme; an employer registers
interest from the roadshow page and it enters the project funnel with the roadshow as source."""

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from returnee_home.core.errors import ApplicationError, PermissionDeniedError
from returnee_home.jobs import roadshows
from returnee_home.jobs.models import ProjectInterest
from returnee_home.jobs.tests.conftest import client_for
from returnee_home.jobs.tests.factories import TalentProjectFactory

pytestmark = pytest.mark.django_db


def _roadshow(home: Any) -> Any:
    from returnee_home.events.models import Event

    start = timezone.now() + datetime.timedelta(days=7)
    return Event.objects.create(
        home=home,
        kind="roadshow",
        title_zh="项目路演",
        description_zh="路演",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        capacity=50,
        status="published",
    )


def test_programme_and_interest_from_the_roadshow(world: dict[str, Any]) -> None:
    event = _roadshow(world["home"])
    project = TalentProjectFactory(owner=world["talent"])
    hidden = TalentProjectFactory(owner=world["other_talent"], status="draft")
    with pytest.raises(PermissionDeniedError):
        roadshows.pitch_add(actor=world["people"]["employer"], event=event, project=project)
    roadshows.pitch_add(actor=world["people"]["staff"], event=event, project=project)
    with pytest.raises(ApplicationError):
        roadshows.pitch_add(actor=world["people"]["staff"], event=event, project=hidden)
    page = Client().get(reverse("jobs:roadshow", args=[event.pk])).content.decode()
    assert project.title_zh in page
    employer = client_for(world["people"]["employer"])
    response = employer.post(
        reverse("jobs:project_interest", args=[project.pk]),
        {
            "organisation": world["employer"].pk,
            "interested_as": "investor",
            "message": "路演后希望进一步洽谈",
            "roadshow": event.pk,
        },
    )
    assert response.status_code == 302
    interest = ProjectInterest.objects.get()
    assert interest.source == "roadshow" and interest.roadshow == event


def test_other_events_have_no_roadshow_page(world: dict[str, Any]) -> None:
    event = _roadshow(world["home"])
    event.kind = "lecture"
    event.save()
    assert Client().get(reverse("jobs:roadshow", args=[event.pk])).status_code == 404
