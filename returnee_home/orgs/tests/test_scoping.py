"""The role-boundary matrix: for each role, another Home's, city's or organisation's private
pages answer 403 or 404, and the right role gets 200."""

from typing import Any

import pytest
from django.core.files.base import ContentFile

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.orgs.models import Role
from returnee_home.orgs.tests.conftest import client_for
from returnee_home.orgs.tests.factories import MembershipFactory
from returnee_home.orgs.tests.test_actions import PDF

ROLES = [
    "talent",
    "employer",
    "recommender",
    "staff",
    "manager",
    "city",
    "province",
    "expert",
    "partner",
]

# target → (url template, roles answered 200, roles answered 403; every other role gets 404)
MATRIX: dict[str, tuple[str, set[str], set[str]]] = {
    "own_home": (
        "/workspace/homes/{home}/",
        {"staff", "manager", "city", "province"},
        set(),
    ),
    "own_home_edit": (
        "/workspace/homes/{home}/edit/",
        {"manager", "city", "province"},
        {"staff"},
    ),
    "other_home": ("/workspace/homes/{other_home}/", {"province"}, set()),
    "other_home_edit": ("/workspace/homes/{other_home}/edit/", {"province"}, set()),
    "other_city_bureau": ("/workspace/organisations/{other_bureau}/", {"province"}, set()),
    "other_city_carrier": (
        "/workspace/organisations/{other_carrier}/",
        {"province"},
        set(),
    ),
    "other_employer": ("/workspace/organisations/{other_employer}/", {"province"}, set()),
    "other_employer_licence": (
        "/workspace/organisations/{other_employer}/licence/",
        {"province"},
        set(),
    ),
    "other_employer_invite": (
        "/workspace/organisations/{other_employer}/invite/",
        {"province"},
        set(),
    ),
    "other_employer_reject": ("/workspace/employers/{other_employer}/reject/", {"province"}, set()),
    "other_carrier_new_home": (
        "/workspace/organisations/{other_carrier}/home/new/",
        {"province"},
        set(),
    ),
    "employer_page": (
        "/workspace/organisations/{employer}/",
        {"employer", "staff", "manager", "city", "province"},
        set(),
    ),
    "employer_licence": (
        "/workspace/organisations/{employer}/licence/",
        {"employer", "staff", "manager", "city", "province"},
        set(),
    ),
    "employer_invite": (
        "/workspace/organisations/{employer}/invite/",
        {"employer", "city", "province"},
        {"staff", "manager"},
    ),
    "employer_reject": (
        "/workspace/employers/{employer}/reject/",
        {"staff", "manager", "city", "province"},
        {"employer"},
    ),
    "recommender_members": (
        "/workspace/organisations/{recommender_org}/",
        {"recommender", "city", "province"},
        set(),
    ),
    "partner_members": (
        "/workspace/organisations/{partner_org}/",
        {"partner", "city", "province"},
        set(),
    ),
    "province_org": ("/workspace/organisations/{province}/", {"province", "expert"}, set()),
    "province_invite": (
        "/workspace/organisations/{province}/invite/",
        {"province"},
        {"expert"},
    ),
    "organisation_admin": (
        "/workspace/organisations/",
        {"city", "province"},
        {"talent", "employer", "recommender", "staff", "manager", "expert", "partner"},
    ),
    "organisation_create": (
        "/workspace/organisations/new/",
        {"city", "province"},
        {"talent", "employer", "recommender", "staff", "manager", "expert", "partner"},
    ),
    "verification_queue": (
        "/workspace/employers/verification/",
        {"staff", "manager", "city", "province"},
        {"talent", "employer", "recommender", "expert", "partner"},
    ),
}

CASES = [(role, target) for role in ROLES for target in MATRIX]


@pytest.fixture
def scoped(world: dict) -> dict[str, Any]:
    for key in ("employer", "other_employer"):
        world[key].business_licence.save("licence.pdf", ContentFile(PDF), save=True)
    ids = {
        "home": world["home"].pk,
        "other_home": world["other_home"].pk,
        "other_bureau": world["other_bureau"].pk,
        "other_carrier": world["other_home"].carrier_id,
        "other_employer": world["other_employer"].pk,
        "employer": world["employer"].pk,
        "recommender_org": world["recommender_org"].pk,
        "partner_org": world["partner_org"].pk,
        "province": world["province"].pk,
    }
    return {"world": world, "ids": ids}


@pytest.mark.parametrize(("role", "target"), CASES)
def test_role_boundary(scoped: dict, role: str, target: str) -> None:
    template, allowed, forbidden = MATRIX[target]
    url = template.format(**scoped["ids"])
    if target == "other_carrier_new_home":
        # the other Home's carrier already has a Home; a fresh carrier in Suzhou has none
        from returnee_home.orgs.tests.factories import OrganisationFactory

        carrier = OrganisationFactory(city=scoped["world"]["suzhou"])
        url = f"/workspace/organisations/{carrier.pk}/home/new/"
    response = client_for(scoped["world"]["people"][role]).get(url)
    if role in allowed:
        expected = 200
    elif role in forbidden:
        expected = 403
    else:
        expected = 404
    assert response.status_code == expected, (role, target, url)


def test_anonymous_is_sent_to_sign_in(scoped: dict, client: Any) -> None:
    response = client.get(f"/workspace/homes/{scoped['ids']['home']}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_staff_without_totp_see_no_private_page(scoped: dict) -> None:
    home = scoped["world"]["home"]
    staff = MembershipFactory(organisation=home.carrier, role=Role.HOME_STAFF).user
    response = client_for(staff).get(f"/workspace/homes/{home.pk}/")
    assert response.status_code == 302 and "totp" in response["Location"]


def test_posts_outside_scope_change_nothing(scoped: dict) -> None:
    world = scoped["world"]
    city_admin = client_for(world["people"]["city"])
    other_staff = world["other_staff"]
    url = f"/workspace/organisations/{other_staff.organisation_id}/members/{other_staff.pk}/remove/"
    assert city_admin.post(url).status_code == 404
    assert other_staff.__class__.objects.filter(pk=other_staff.pk).exists()
    verify = f"/workspace/employers/{world['other_employer'].pk}/verify/"
    assert client_for(world["people"]["staff"]).post(verify).status_code == 404
    world["other_employer"].refresh_from_db()
    assert world["other_employer"].verification_status == "pending"
    # a manager may not change another Home's windows
    window_url = f"/workspace/homes/{world['other_home'].pk}/windows/add/"
    data = {"new-number": 5, "new-name_zh": "x"}
    assert client_for(world["people"]["manager"]).post(window_url, data).status_code == 404


def test_employer_contact_cannot_remove_members_of_their_employer_as_other_roles(
    scoped: dict,
) -> None:
    world = scoped["world"]
    colleague = MembershipFactory(
        organisation=world["employer"], role=Role.EMPLOYER_CONTACT, user=UserFactory()
    )
    client = client_for(world["people"]["employer"])
    url = f"/workspace/organisations/{world['employer'].pk}/members/{colleague.pk}/remove/"
    assert client.post(url).status_code == 302
    assert not colleague.__class__.objects.filter(pk=colleague.pk).exists()
    home_staff = world["people"]["staff"]
    staff_membership = home_staff.memberships.get()
    url = (
        f"/workspace/organisations/{staff_membership.organisation_id}/members/"
        f"{staff_membership.pk}/remove/"
    )
    assert client.post(url).status_code == 404
