import json
import re
from typing import Any

import pytest
from django.core.cache import cache

from returnee_home.core.cache import forget_local_pages
from returnee_home.orgs.models import Home, Role
from returnee_home.orgs.tests.factories import (
    HomeFactory,
    MembershipFactory,
    OrganisationFactory,
    WindowFactory,
    city,
)

pytestmark = pytest.mark.django_db


def add_homes(n: int, code: str = "320100") -> list[Home]:
    homes = []
    for _ in range(n):
        home = HomeFactory(carrier__city=city(code))
        WindowFactory(home=home)
        MembershipFactory(organisation=home.carrier, role=Role.HOME_STAFF)
        homes.append(home)
    return homes


def test_home_page_explains_the_platform_and_counts(client: Any) -> None:
    add_homes(2, "320100")
    add_homes(1, "320583")  # Kunshan, a county of Suzhou
    HomeFactory(status=Home.Status.PREPARING)
    response = client.get("/en/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "online and offline" in html.lower()
    assert "Industry–talent matching" in html and "Networking and exchange" in html
    stats = re.findall(r'class="stat-value">(\d+)<', html)
    assert stats == ["3", "2", "3"]  # named Homes, cities (Kunshan counts for Suzhou), windows
    assert 'aria-label="Nanjing: 2 Homes"' in html
    assert 'href="/en/homes/?city=kunshan"' in html


def test_home_page_in_chinese_by_default(client: Any) -> None:
    html = client.get("/").content.decode()
    assert "江苏省留学人员之家" in html and "<svg" in html


def test_public_pages_query_count_does_not_grow(
    client: Any, django_assert_max_num_queries: Any
) -> None:
    homes = add_homes(2)
    counts = []
    for url in ["/", "/homes/", f"/homes/{homes[0].slug}/"]:
        cache.clear()
        forget_local_pages()
        with django_assert_max_num_queries(8) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx.captured_queries))
    add_homes(15)
    for svc in homes[0].carrier.memberships.all()[:1]:
        MembershipFactory(organisation=svc.organisation, role=Role.HOME_MANAGER)
    WindowFactory(home=homes[0])
    for url, before in zip(["/", "/homes/", f"/homes/{homes[0].slug}/"], counts, strict=True):
        cache.clear()
        forget_local_pages()
        with django_assert_max_num_queries(before):
            assert client.get(url).status_code == 200


def test_second_anonymous_hit_is_served_from_the_page_cache(client: Any) -> None:
    add_homes(1)
    assert client.get("/homes/")["X-Page-Cache"] == "miss"
    assert client.get("/homes/")["X-Page-Cache"] == "hit"


def test_directory_filters_by_city_kind_and_text(client: Any) -> None:
    nanjing = add_homes(1, "320100")[0]
    kunshan = add_homes(1, "320583")[0]
    park = HomeFactory(
        carrier=OrganisationFactory(kind="startup_park", city=city("320500")),
        name_zh="苏州工业园区留学人员创业园之家",
    )
    html = client.get("/en/homes/?city=suzhou").content.decode()
    assert kunshan.name_en in html and park.name_en in html and nanjing.name_en not in html
    html = client.get("/en/homes/?kind=startup_park").content.decode()
    assert park.name_en in html and kunshan.name_en not in html
    html = client.get("/homes/?q=创业园").content.decode()
    assert park.name_zh in html and nanjing.name_zh not in html


def test_directory_paginates(client: Any) -> None:
    add_homes(23)
    html = client.get("/en/homes/").content.decode()
    assert "23 Homes found" in html and 'rel="next"' in html
    assert html.count('class="card home-card"') == 20
    page2 = client.get("/en/homes/?page=2").content.decode()
    assert page2.count('class="card home-card"') == 3


def test_home_page_shows_public_facts_and_json_ld(client: Any) -> None:
    home = add_homes(1)[0]
    home.plaque_number = "苏留之家〔2021〕001号"
    home.batch_label = "2021年第一批"
    home.named_on = "2021-06-30"
    home.phone = "025-83000000"
    home.save()
    from returnee_home.core.models import ServiceCategory

    home.service_categories.set(ServiceCategory.objects.all()[:2])
    MembershipFactory(organisation=home.carrier, role=Role.HOME_MANAGER)
    MembershipFactory(organisation=home.carrier, role=Role.EMPLOYER_CONTACT)  # not staff
    response = client.get(f"/en/homes/{home.slug}/")
    html = response.content.decode()
    assert home.carrier.name_en in html and "025-83000000" in html
    assert "2 people" in html
    assert "苏留之家〔2021〕001号" in html and "2021, batch 1" in html
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    assert data["@type"] == "GovernmentOffice" and data["telephone"] == "025-83000000"
    assert 'class="map-marker map-highlight' in html


def test_json_ld_cannot_break_out_of_its_script(client: Any) -> None:
    home = add_homes(1)[0]
    home.name_en = "</script><script>alert(1)</script>"
    home.save()
    html = client.get(f"/en/homes/{home.slug}/").content.decode()
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize("status", ["preparing", "suspended", "revoked"])
def test_homes_that_are_not_named_answer_404(client: Any, status: str) -> None:
    home = HomeFactory(status=status)
    assert client.get(f"/homes/{home.slug}/").status_code == 404
    assert home.name_zh not in client.get("/homes/").content.decode()


def test_manager_edit_invalidates_the_cached_page(
    client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from returnee_home.accounts.tests.factories import activate_totp
    from returnee_home.orgs.tests.conftest import client_for

    home = add_homes(1)[0]
    url = f"/en/homes/{home.slug}/"
    assert client.get(url)["X-Page-Cache"] == "miss"
    manager = MembershipFactory(organisation=home.carrier, role=Role.HOME_MANAGER).user
    activate_totp(manager)
    data = {
        "name_zh": home.name_zh,
        "name_en": home.name_en,
        "address_zh": home.address_zh,
        "address_en": "99 New Road",
        "opening_hours_zh": "",
        "opening_hours_en": "",
        "phone": "",
        "email": "",
        "introduction_zh": "",
        "introduction_en": "",
        "floor_area": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        edit = client_for(manager).post(f"/workspace/homes/{home.pk}/edit/", data)
    assert edit.status_code == 302
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss" and "99 New Road" in response.content.decode()
