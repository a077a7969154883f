"""The alliance's part of the open API."""

import pytest

from returnee_home.alliance.models import AllianceMembership, Offering
from returnee_home.alliance.tests.factories import AllianceMembershipFactory, OfferingFactory

pytestmark = pytest.mark.django_db


def test_members_and_offerings(client, world):
    member = AllianceMembershipFactory(organisation=world["partner_org"])
    OfferingFactory(member=member, title_zh="公开服务", kind=Offering.Kind.SERVICE)
    pending = AllianceMembershipFactory(status=AllianceMembership.Status.APPLIED)
    OfferingFactory(member=pending, title_zh="待审服务")
    data = client.get("/api/v1/alliance/members").json()
    assert data["count"] == 1
    item = data["items"][0]
    assert item["organisation_id"] == world["partner_org"].pk
    assert item["alliance_city"] == "320100"
    assert item["current_offerings"] == 1
    data = client.get("/api/v1/alliance/offerings").json()
    assert [o["title_zh"] for o in data["items"]] == ["公开服务"]
    assert client.get("/api/v1/alliance/offerings?kind=policy").json()["count"] == 0
    assert client.get("/api/v1/alliance/offerings?city=320500").json()["count"] == 0
    assert client.get("/api/v1/alliance/offerings?city=320100").json()["count"] == 1
    assert client.get("/api/v1/alliance/offerings?kind=bogus").status_code == 422


def test_documented_in_schema(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/alliance/members" in paths
    assert "/api/v1/alliance/offerings" in paths
