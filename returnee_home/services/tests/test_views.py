"""Pages: public catalogue (cache, search), applicant and staff pages, scoping, double POST,
query counts, API."""

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from returnee_home.services import actions
from returnee_home.services.models import RequestState, ServiceRequest
from returnee_home.services.tests.conftest import client_for, fake_pdf, pdf


def test_catalogue_and_item_pages_public(svc: dict[str, Any]) -> None:
    client = Client()
    page = client.get(reverse("services:catalogue"), {"q": "人才公寓"})
    assert page.status_code == 200 and "申请人才公寓补贴" in page.content.decode()
    english = client.get("/en/services/", {"q": "apartment"})
    assert "Talent apartment subsidy" in english.content.decode()
    item = Client().get(f"/services/items/{svc['item'].slug}/")
    body = item.content.decode()
    assert svc["home"].name_zh in body and svc["other_home"].name_zh in body and "身份证" in body
    assert client.get(reverse("services:item", args=["nope"])).status_code == 404
    htmx = client.get(reverse("services:catalogue"), HTTP_HX_REQUEST="true")
    assert "<html" not in htmx.content.decode()


def test_catalogue_query_count_constant(svc: dict[str, Any]) -> None:
    from returnee_home.services.tests.factories import HomeOfferingFactory, ServiceItemFactory

    client = Client()
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("services:catalogue"), {"category": svc["item"].category.code})
    for _ in range(6):
        HomeOfferingFactory(home=svc["home"], item=ServiceItemFactory())
    client.get("/services/?x=1")  # new cache key
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("services:catalogue"), {"category": svc["item"].category.code, "p": 1})
    assert len(many) == len(few)


def test_request_form_submit_and_double_post(svc: dict[str, Any]) -> None:
    talent = svc["people"]["talent"]
    client = client_for(talent)
    url = reverse("services:request_start", args=[svc["item"].slug])
    form = client.get(url)
    assert form.status_code == 200
    token = form.context["form"].initial["token"]
    data = {"token": str(token), "home": svc["home"].pk, "description": "需要补贴"}
    first = client.post(url, {**data, f"material_{svc['required'].pk}": pdf()})
    assert first.status_code == 302
    second = client.post(url, {**data, f"material_{svc['required'].pk}": pdf()})
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert ServiceRequest.objects.count() == 1


def test_request_form_errors_keep_input(svc: dict[str, Any]) -> None:
    client = client_for(svc["people"]["talent"])
    url = reverse("services:request_start", args=[svc["item"].slug])
    token = client.get(url).context["form"].initial["token"]
    data = {"token": str(token), "home": svc["home"].pk, "description": "保留这段文字"}
    page = client.post(url, {**data, f"material_{svc['required'].pk}": fake_pdf()})
    assert page.status_code == 200
    assert "保留这段文字" in page.content.decode()
    assert page.context["form"].errors[f"material_{svc['required'].pk}"]
    missing = client.post(url, data)
    assert missing.context["form"].errors[f"material_{svc['required'].pk}"]
    assert ServiceRequest.objects.count() == 0


def test_applicant_pages_scoped(svc: dict[str, Any], submitted: ServiceRequest) -> None:
    from returnee_home.accounts.tests.factories import UserFactory

    owner = client_for(svc["people"]["talent"])
    assert owner.get(reverse("services:my_request", args=[submitted.pk])).status_code == 200
    assert owner.get(reverse("services:my_requests")).status_code == 200
    stranger = client_for(UserFactory())
    assert stranger.get(reverse("services:my_request", args=[submitted.pk])).status_code == 404
    upload = submitted.uploads.first()
    assert owner.get(reverse("services:upload_file", args=[upload.pk])).status_code == 200
    assert stranger.get(reverse("services:upload_file", args=[upload.pk])).status_code == 404
    other_staff = client_for(svc["other_staff"].user)
    assert other_staff.get(reverse("services:upload_file", args=[upload.pk])).status_code == 404


def test_staff_pages_scoped(svc: dict[str, Any], submitted: ServiceRequest) -> None:
    staff = client_for(svc["people"]["staff"])
    assert staff.get(reverse("services:workbench", args=[svc["home"].pk])).status_code == 200
    assert staff.get(reverse("services:staff_request", args=[submitted.pk])).status_code == 200
    assert staff.get(reverse("services:workbench", args=[svc["other_home"].pk])).status_code == 404
    other = client_for(svc["other_staff"].user)
    assert other.get(reverse("services:staff_request", args=[submitted.pk])).status_code == 404
    talent = client_for(svc["people"]["talent"])
    assert talent.get(reverse("services:staff_request", args=[submitted.pk])).status_code == 404
    assert talent.get(reverse("services:workbench", args=[svc["home"].pk])).status_code == 404
    city = client_for(svc["people"]["city"])
    assert city.get(reverse("services:admin_items")).status_code == 403
    province = client_for(svc["people"]["province"])
    assert province.get(reverse("services:admin_items")).status_code == 200


def test_staff_step_via_page_and_illegal_repeat(
    svc: dict[str, Any], submitted: ServiceRequest
) -> None:
    staff = client_for(svc["people"]["staff"])
    url = reverse("services:staff_request", args=[submitted.pk])
    assert staff.post(url, {"step": "accept"}).status_code == 302
    again = staff.post(url, {"step": "accept"}, follow=True)
    assert again.status_code == 200
    refuse = staff.post(url, {"step": "refuse", "refuse-message": ""})
    assert refuse.status_code == 200 and refuse.context["forms"]["refuse"].errors
    submitted.refresh_from_db()
    assert submitted.state == RequestState.ACCEPTED
    assert submitted.events.filter(action="accept").count() == 1


def test_supplement_via_page(svc: dict[str, Any], submitted: ServiceRequest) -> None:
    actions.request_ask_more(actor=svc["people"]["staff"], request=submitted, message="补租赁合同")
    client = client_for(svc["people"]["talent"])
    url = reverse("services:my_request", args=[submitted.pk])
    response = client.post(url, {"message": "已补", f"material_{svc['optional'].pk}": pdf()})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.state == RequestState.RESUBMITTED


def test_workbench_query_count_constant_and_overdue_first(svc: dict[str, Any]) -> None:
    import datetime as dt

    talent = svc["people"]["talent"]

    def make() -> ServiceRequest:
        return actions.request_create(
            applicant=talent, item=svc["item"], home=svc["home"], files={svc["required"].pk: pdf()}
        )

    make()
    staff = client_for(svc["people"]["staff"])
    url = reverse("services:workbench", args=[svc["home"].pk])
    staff.get(url)
    with CaptureQueriesContext(connection) as few:
        staff.get(url)
    late = make()
    ServiceRequest.objects.filter(pk=late.pk).update(due_on=dt.date(2025, 1, 2))
    for _ in range(4):
        make()
    with CaptureQueriesContext(connection) as many:
        page = staff.get(url)
    assert len(many) == len(few)
    rows = list(page.context["requests"])
    assert rows[0].pk == late.pk and rows[0].due_in < 0
    assert "overdue" in page.content.decode() or "逾期" in page.content.decode()


def test_api_catalogue_and_requests(svc: dict[str, Any], submitted: ServiceRequest) -> None:
    public = Client()
    listing = public.get("/api/v1/services/items", {"q": "人才公寓"}).json()
    assert listing["count"] == 1 and listing["items"][0]["code"] == svc["item"].code
    assert public.get(f"/api/v1/services/items/{svc['item'].slug}").status_code == 200
    assert public.get("/api/v1/services/items/nope").json()["code"]
    assert public.get("/api/v1/services/requests").status_code == 401
    talent = client_for(svc["people"]["talent"])
    mine = talent.get("/api/v1/services/requests").json()
    assert mine["items"][0]["case_number"] == submitted.case_number
    assert talent.get("/api/v1/services/workbench").status_code == 403
    staff = client_for(svc["people"]["staff"])
    bench = staff.get("/api/v1/services/workbench").json()
    assert bench["items"][0]["id"] == submitted.pk
    other = client_for(svc["other_staff"].user)
    assert other.get(f"/api/v1/services/workbench/{submitted.pk}").status_code == 404
    step = staff.post(
        f"/api/v1/services/workbench/{submitted.pk}/accept", {"message": ""}, "application/json"
    )
    assert step.status_code == 200 and step.json()["state"] == "accepted"
    illegal = staff.post(
        f"/api/v1/services/workbench/{submitted.pk}/accept", {"message": ""}, "application/json"
    )
    assert illegal.status_code == 409 and set(illegal.json()) == {"code", "message", "fields"}
    refuse = staff.post(
        f"/api/v1/services/workbench/{submitted.pk}/refuse", {"message": ""}, "application/json"
    )
    assert refuse.status_code == 400 and "message" in refuse.json()["fields"]


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_pages_render_in_both_languages(
    svc: dict[str, Any], submitted: ServiceRequest, lang: str
) -> None:
    prefix = "" if lang == "zh-hans" else "/en"
    staff = client_for(svc["people"]["staff"])
    assert staff.get(f"{prefix}/services/workbench/requests/{submitted.pk}/").status_code == 200
    talent = client_for(svc["people"]["talent"])
    assert talent.get(f"{prefix}/services/my/{submitted.pk}/").status_code == 200
    manager = client_for(svc["people"]["manager"])
    assert manager.get(f"{prefix}/services/offerings/{svc['home'].pk}/").status_code == 200
    province = client_for(svc["people"]["province"])
    assert province.get(f"{prefix}/services/catalogue/{svc['item'].pk}/").status_code == 200


def test_my_requests_query_count_constant(svc: dict[str, Any]) -> None:
    talent = svc["people"]["talent"]
    client = client_for(talent)

    def make() -> None:
        actions.request_create(
            applicant=talent, item=svc["item"], home=svc["home"], files={svc["required"].pk: pdf()}
        )

    make()
    client.get(reverse("services:my_requests"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("services:my_requests"))
    for _ in range(5):
        make()
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("services:my_requests"))
    assert len(many) == len(few)


def test_offerings_pages_only_for_the_homes_manager(svc: dict[str, Any]) -> None:
    from returnee_home.services.models import HomeOffering
    from returnee_home.services.tests.factories import ServiceItemFactory

    item = ServiceItemFactory()
    url = reverse("services:offering_edit", args=[svc["home"].pk, item.pk])
    assert client_for(svc["people"]["staff"]).get(url).status_code == 404
    other = reverse("services:offering_edit", args=[svc["other_home"].pk, item.pk])
    manager = client_for(svc["people"]["manager"])
    assert manager.get(other).status_code == 404
    window = svc["home"].windows.first()
    response = manager.post(url, {"offered": "on", "windows": [window.pk], "hours_zh": "周三"})
    assert response.status_code == 302
    offering = HomeOffering.objects.get(home=svc["home"], item=item)
    assert offering.hours_zh == "周三" and list(offering.windows.all()) == [window]


def test_province_admin_creates_item_with_materials(svc: dict[str, Any]) -> None:
    from returnee_home.services.models import ServiceItem

    client = client_for(svc["people"]["province"])
    data = {
        "category": svc["item"].category.pk,
        "code": "PER-900",
        "slug": "per-900",
        "title_zh": "留学回国人员证明开具",
        "title_en": "Certificate of return",
        "time_limit_days": 5,
        "is_free": "on",
        "mode": "both",
        "sort_order": 0,
        "materials-TOTAL_FORMS": 2,
        "materials-INITIAL_FORMS": 0,
        "materials-0-name_zh": "护照",
        "materials-0-is_required": "on",
        "materials-0-original_required": "on",
        "faqs-TOTAL_FORMS": 1,
        "faqs-INITIAL_FORMS": 0,
    }
    response = client.post(reverse("services:admin_item_create"), data)
    assert response.status_code == 302
    item = ServiceItem.objects.get(code="PER-900")
    assert [m.name_zh for m in item.materials.all()] == ["护照"]
    duplicate = client.post(reverse("services:admin_item_create"), {**data, "slug": "per-901"})
    assert duplicate.status_code == 200 and duplicate.context["form"].errors["code"]
    assert ServiceItem.objects.filter(code="PER-900").count() == 1
