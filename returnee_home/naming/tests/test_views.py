"""Pages of naming: scoping (other city, other carrier, wrong role), the live conditions,
the public notice and objection form, and the exported forms opened with python-docx and
openpyxl."""

import io
from typing import Any

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from returnee_home.naming.models import Application, Objection
from returnee_home.naming.tests.conftest import advance, client_for
from returnee_home.naming.tests.factories import png

S = Application.State
pytestmark = pytest.mark.django_db


def url(name: str, *args: Any) -> str:
    return reverse(f"naming:{name}", args=args)


def test_pages_render_for_each_role(naming: dict[str, Any]) -> None:
    app = advance(naming, S.EXPERT_REVIEW)
    p = naming["people"]
    assert client_for(naming["manager"]).get(url("workbench")).status_code == 200
    assert client_for(naming["manager"]).get(url("application_detail", app.pk)).status_code == 200
    assert client_for(p["city"]).get(url("application_detail", app.pk)).status_code == 200
    province = client_for(p["province"])
    for page in (
        url("workbench"),
        url("batch_list"),
        url("batch_detail", naming["batch"].pk),
        url("application_detail", app.pk),
    ):
        assert province.get(page).status_code == 200, page
    assignment = app.assignments.get(expert=p["expert"])
    expert = client_for(p["expert"])
    assert expert.get(url("expert_queue")).status_code == 200
    page = expert.get(url("expert_score", assignment.pk))
    assert page.status_code == 200
    assert "declare" in page.content.decode()


def test_other_city_admin_and_other_carrier_get_404(naming: dict[str, Any]) -> None:
    app = advance(naming, S.SUBMITTED)
    for user in (
        naming["suzhou_admin"],
        naming["other_manager"],
        naming["people"]["expert"],
        naming["people"]["talent"],
    ):
        client = client_for(user)
        assert client.get(url("application_detail", app.pk)).status_code == 404
        assert client.get(url("application_export", app.pk, "docx")).status_code == 404
        evidence = app.evidence.first()
        assert client.get(url("evidence_file", app.pk, evidence.pk)).status_code == 404


def test_city_does_not_see_drafts(naming: dict[str, Any]) -> None:
    app = advance(naming, S.DRAFT)
    assert (
        client_for(naming["people"]["city"]).get(url("application_detail", app.pk)).status_code
        == 404
    )


def test_wrong_role_posting_a_step_gets_403_and_nothing_changes(naming: dict[str, Any]) -> None:
    app = advance(naming, S.SUBMITTED)
    response = client_for(naming["manager"]).post(url("application_step", app.pk, "city_accept"))
    assert response.status_code == 403
    app.refresh_from_db()
    assert app.state == S.SUBMITTED
    assert client_for(naming["people"]["city"]).get(url("batch_list")).status_code == 403
    assert client_for(naming["manager"]).get(url("expert_queue")).status_code == 403


def test_expert_cannot_open_unassigned_scoring(naming: dict[str, Any]) -> None:
    app = advance(naming, S.EXPERT_REVIEW)
    assignment = app.assignments.get(expert=naming["expert2"])
    response = client_for(naming["people"]["expert"]).get(url("expert_score", assignment.pk))
    assert response.status_code == 404


def test_edit_form_saves_and_live_conditions_answer(naming: dict[str, Any]) -> None:
    app = advance(naming, S.DRAFT)
    client = client_for(naming["manager"])
    page = client.get(url("application_edit", app.pk))
    assert page.status_code == 200
    assert "hx-post" in page.content.decode()
    data = {
        "carrier_name": "测试园区",
        "address": "南京市",
        "city": naming["nanjing"].pk,
        "display_area": "10",
        "exchange_area": "10",
        "public_service_area": "10",
        "demands_collected": "3",
        "matches_made": "1",
        "staff-TOTAL_FORMS": "0",
        "staff-INITIAL_FORMS": "0",
        "win-TOTAL_FORMS": "0",
        "win-INITIAL_FORMS": "0",
        **{
            f"eq_{k}": "1"
            for k in (
                "printer",
                "copier",
                "public_computer",
                "self_service",
                "kiosk",
                "display_screen",
                "networking",
            )
        },
    }
    live = client.post(url("application_conditions", app.pk), data)
    assert live.status_code == 200
    body = live.content.decode()
    assert body.count("naming-condition ") == 6
    assert "naming-condition naming-met" in body  # equipment
    saved = client.post(url("application_edit", app.pk), data)
    assert saved.status_code == 302
    app.refresh_from_db()
    assert app.display_area == 10 and app.conditions["equipment"]["status"] == "met"
    assert app.conditions["premises"]["status"] == "needs_evidence"
    # Uploading a photo of the premises meets the condition at once (not after the next save).
    uploaded = client.post(
        url("evidence_add", app.pk), {"condition": "premises", "title": "场地", "file": png()}
    )
    assert uploaded.status_code == 302
    app.refresh_from_db()
    assert app.conditions["premises"]["status"] == "met"


def test_locked_form_redirects(naming: dict[str, Any]) -> None:
    app = advance(naming, S.SUBMITTED)
    response = client_for(naming["manager"]).get(url("application_edit", app.pk))
    assert response.status_code == 302


def test_public_pages_and_objection_contact_stays_private(
    naming: dict[str, Any], client: Any
) -> None:
    app = advance(naming, S.IN_NOTICE)
    batch = naming["batch"]
    assert client.get(url("public_index")).status_code == 200
    assert client.get(url("public_batch", batch.pk)).status_code == 200
    notice = client.get(url("public_notice", batch.pk))
    assert app.carrier_name in notice.content.decode()
    response = client.post(
        url("objection_file", app.pk), {"name": "赵", "contact": "13912345678", "text": "有异议"}
    )
    assert response.status_code == 302
    assert Objection.objects.get().contact == "13912345678"
    assert "13912345678" not in client.get(url("public_notice", batch.pk)).content.decode()
    province_page = client_for(naming["people"]["province"]).get(url("application_detail", app.pk))
    assert "13912345678" in province_page.content.decode()
    assert client.get(url("public_decision", batch.pk)).status_code == 404


def test_basic_form_exports(naming: dict[str, Any]) -> None:
    app = advance(naming, S.SUBMITTED)
    client = client_for(naming["people"]["city"])
    response = client.get(url("application_export", app.pk, "docx"))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "“江苏省留学人员之家”基本信息表" in text
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert app.carrier_name in cells and "工作人员0" in cells and "本科" in cells
    section = document.sections[0]
    assert abs(section.page_width.mm - 210) < 1 and abs(section.page_height.mm - 297) < 1
    response = client.get(url("application_export", app.pk, "xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert app.carrier_name in values and "展示区80；交流区60；公共服务区120" in values


def test_summary_exports_one_row_per_application(naming: dict[str, Any]) -> None:
    app = advance(naming, S.REPORTED)
    summary = app.summaries.get()
    client = client_for(naming["people"]["city"])
    assert client.get(url("summary_detail", summary.pk)).status_code == 200
    assert (
        client_for(naming["suzhou_admin"]).get(url("summary_detail", summary.pk)).status_code == 404
    )
    sheet = load_workbook(
        io.BytesIO(client.get(url("summary_export", summary.pk, "xlsx")).content)
    ).active
    assert sheet["A1"].value == "“江苏省留学人员之家”申报汇总表"
    assert [c.value for c in sheet[3]][:2] == ["序号", "载体名称"]
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert len(rows) == 1 and rows[0][1] == app.carrier_name and rows[0][5] == 820
    document = Document(io.BytesIO(client.get(url("summary_export", summary.pk, "docx")).content))
    table = document.tables[0]
    assert len(table.rows) == 2 and table.rows[1].cells[1].text == app.carrier_name
