"""The naming API: public batches and notice lists, applications scoped to the caller (person
or token), 404 outside the scope, and the shared error shape."""

from typing import Any

import pytest
from django.test import Client

from returnee_home.api.actions import api_token_create
from returnee_home.naming import actions
from returnee_home.naming.models import Application
from returnee_home.naming.tests.conftest import advance, client_for

S = Application.State
pytestmark = pytest.mark.django_db
BASE = "/api/v1/naming"


def ids(response: Any) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def test_public_batches_detail_and_notice(naming: dict[str, Any]) -> None:
    app = advance(naming, S.IN_NOTICE)
    actions.objection_file(application=app, name="赵", contact="13912345678", text="有异议")
    batch = naming["batch"]
    anonymous = Client()
    assert batch.pk in ids(anonymous.get(f"{BASE}/batches"))
    detail = anonymous.get(f"{BASE}/batches/{batch.pk}?lang=en").json()
    assert detail["label"] == batch.label
    assert [c["key"] for c in detail["conditions"]][0] == "scale"
    notice = anonymous.get(f"{BASE}/batches/{batch.pk}/notice")
    assert notice.status_code == 200
    assert [row["id"] for row in notice.json()] == [app.pk]
    assert "13912345678" not in notice.content.decode()
    missing = anonymous.get(f"{BASE}/batches/999999")
    assert missing.status_code == 404
    assert set(missing.json()) == {"code", "message", "fields"}


def test_applications_need_a_caller(naming: dict[str, Any]) -> None:
    response = Client().get(f"{BASE}/applications")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_applications_are_scoped_to_the_person(naming: dict[str, Any]) -> None:
    p = naming["people"]
    app = advance(naming, S.EXPERT_REVIEW)
    draft = actions.application_start(
        actor=naming["other_manager"],
        batch=naming["batch"],
        carrier=naming["other_applicant"].carrier,
    )
    assert ids(client_for(naming["manager"]).get(f"{BASE}/applications")) == {app.pk}
    assert ids(client_for(naming["other_manager"]).get(f"{BASE}/applications")) == {draft.pk}
    assert ids(client_for(p["city"]).get(f"{BASE}/applications")) == {app.pk}
    assert ids(client_for(naming["suzhou_admin"]).get(f"{BASE}/applications")) == set()
    assert ids(client_for(p["province"]).get(f"{BASE}/applications")) == {app.pk}
    assert ids(client_for(p["expert"]).get(f"{BASE}/applications")) == {app.pk}
    assert ids(client_for(p["talent"]).get(f"{BASE}/applications")) == set()
    for user in (naming["suzhou_admin"], naming["other_manager"], p["talent"]):
        response = client_for(user).get(f"{BASE}/applications/{app.pk}")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    # The province never sees another carrier's draft.
    assert client_for(p["province"]).get(f"{BASE}/applications/{draft.pk}").status_code == 404
    detail = client_for(p["city"]).get(f"{BASE}/applications/{app.pk}").json()
    assert detail["state"] == S.EXPERT_REVIEW
    assert [e["step"] for e in detail["events"]][:2] == ["submit", "city_accept"]
    assert {c["status"] for c in detail["conditions"]} == {"met"}


def test_applications_by_token_speak_for_the_organisation(naming: dict[str, Any]) -> None:
    p = naming["people"]
    app = advance(naming, S.SUBMITTED)

    def token(user: Any, organisation: Any) -> dict[str, str]:
        _token, text = api_token_create(actor=user, organisation=organisation, name="系统")
        return {"HTTP_AUTHORIZATION": f"Bearer {text}"}

    carrier = token(naming["manager"], naming["applicant"].carrier)
    bureau = token(p["city"], naming["bureau"])
    other_bureau = token(naming["suzhou_admin"], naming["other_bureau"])
    province = token(p["province"], naming["province"])
    client = Client()
    assert ids(client.get(f"{BASE}/applications", **carrier)) == {app.pk}
    assert ids(client.get(f"{BASE}/applications", **bureau)) == {app.pk}
    assert ids(client.get(f"{BASE}/applications", **province)) == {app.pk}
    assert ids(client.get(f"{BASE}/applications", **other_bureau)) == set()
    assert client.get(f"{BASE}/applications/{app.pk}", **other_bureau).status_code == 404


def test_unknown_state_filter_is_a_field_error(naming: dict[str, Any]) -> None:
    response = client_for(naming["people"]["province"]).get(f"{BASE}/applications?state=nope")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"state"}
