"""Consultation pages and API: anonymous ask → private link confirms; scoping of the
workbench (other Home → 404, talent → nothing); overdue first; API submit throttled."""

import datetime as dt
import json
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from returnee_home.accounts.tests.factories import activate_totp
from returnee_home.consultations import actions
from returnee_home.consultations.models import Consultation
from returnee_home.core.models import ServiceCategory
from returnee_home.orgs.models import Home
from returnee_home.orgs.tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _ask(world: dict[str, Any], **kwargs: Any) -> Consultation:
    defaults = {
        "asker": world["people"]["talent"],
        "home": world["home"],
        "category": ServiceCategory.objects.first(),
        "subject": "问题",
        "question": "内容",
        "language": "zh-hans",
    }
    defaults.update(kwargs)
    return actions.consultation_ask(**defaults)[0]


def test_anonymous_ask_then_confirm_by_link(
    client: Any, world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    Home.objects.filter(pk=world["home"].pk).update(status=Home.Status.NAMED)
    url = reverse("consultations:ask")
    assert client.get(url).status_code == 200
    data = {
        "home": world["home"].pk,
        "category": ServiceCategory.objects.first().pk,
        "language": "zh-hans",
        "subject": "落户",
        "question": "如何办理?",
    }
    response = client.post(url, data)
    assert response.status_code == 400 and "落户" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**data, "email": "a@example.com"})
    assert response.status_code == 200
    consultation = Consultation.objects.get()
    assert consultation.status == Consultation.Status.UNCONFIRMED
    link = next(w for w in mail.outbox[0].body.split() if "/consultations/q/" in w)
    path = link[link.index("/consultations/") :]
    assert client.get(path).status_code == 200
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.OPEN
    assert client.get("/consultations/q/wrong-token/").status_code == 404


def test_workbench_scoped_and_overdue_first(world: dict[str, Any]) -> None:
    fresh = _ask(world)
    late = _ask(world)
    Consultation.objects.filter(pk=late.pk).update(due_on=dt.date(2020, 1, 2))
    other = _ask(world, home=world["other_home"])
    staff = client_for(world["people"]["staff"])
    rows = staff.get(reverse("consultations:workbench")).context["rows"]
    assert [c.pk for c in rows] == [late.pk, fresh.pk]
    url = reverse("consultations:workbench_detail", args=[other.pk])
    assert staff.get(url).status_code == 404
    other_staff = world["other_staff"].user
    activate_totp(other_staff)
    assert client_for(other_staff).get(url).status_code == 200
    talent = client_for(world["people"]["talent"])
    assert talent.get(reverse("consultations:workbench")).context["rows"] == []
    assert talent.get(url).status_code == 404
    # The asker sees their own, nobody else's.
    assert talent.get(reverse("consultations:mine_detail", args=[other.pk])).status_code == 200
    assert staff.get(reverse("consultations:mine_detail", args=[other.pk])).status_code == 404


def test_staff_answer_and_hand_over_from_workbench(world: dict[str, Any]) -> None:
    consultation = _ask(world)
    staff = client_for(world["people"]["staff"])
    url = reverse("consultations:workbench_detail", args=[consultation.pk])
    assert staff.post(url, {"step": "answer", "answer": ""}).status_code == 400
    response = staff.post(
        url, {"step": "hand_over", "to_home": world["other_home"].pk, "note": "转苏州"}
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.home_id == world["other_home"].pk
    assert staff.get(url).status_code == 404


def test_api_submit_public_and_throttled(client: Any, world: dict[str, Any]) -> None:
    body = {
        "category": ServiceCategory.objects.first().code,
        "subject": "s",
        "question": "q",
        "email": "x@example.com",
    }
    response = client.post(
        "/api/v1/consultations", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 201
    assert response.json()["status"] == "unconfirmed"
    response = client.post(
        "/api/v1/consultations", json.dumps({**body, "email": ""}), content_type="application/json"
    )
    assert response.status_code == 400 and "email" in response.json()["fields"]
    for _ in range(actions.ANONYMOUS_PER_HOUR):
        client.post("/api/v1/consultations", json.dumps(body), content_type="application/json")
    response = client.post(
        "/api/v1/consultations", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 429


def test_the_ask_form_is_prefilled_from_a_homes_link(client: Any, world: dict[str, Any]) -> None:
    from returnee_home.records.tests.factories import ServiceItemFactory

    home = world["home"]
    Home.objects.filter(pk=home.pk).update(status=Home.Status.NAMED)
    url = reverse("consultations:ask")
    for value in (home.slug, str(home.pk)):
        html = client.get(url, {"home": value}).content.decode()
        assert f'<option value="{home.pk}" selected>' in html, value
        assert home.name_zh in html
    # An unknown or not named Home leaves the choice open (the province by default).
    other = world["other_home"]
    Home.objects.filter(pk=other.pk).update(status=Home.Status.SUSPENDED)
    for value in ("no-such-home", other.slug):
        html = client.get(url, {"home": value}).content.decode()
        home_select = html.split('name="home"')[1].split("</select>")[0]
        assert 'selected value=""' in home_select or '<option value="" selected>' in home_select
    item = ServiceItemFactory()
    html = client.get(url, {"home": home.slug, "item": item.code}).content.decode()
    assert f'<option value="{item.pk}" selected>' in html
    assert f'<option value="{item.category_id}" selected>' in html
