"""Centralised collection by spreadsheet: good rows kept, bad rows reported by row, column and
reason, a second import of the same file updates instead of duplicating."""

import csv
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from returnee_home.core.errors import ApplicationError, PermissionDeniedError
from returnee_home.jobs import imports
from returnee_home.jobs.models import CollectedTalent, ImportJob, JobPosting, ProfileClaim
from returnee_home.jobs.tests.conftest import client_for
from returnee_home.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _rows(world: dict[str, Any]) -> list[list[str]]:
    code = world["employer"].credit_code
    header = imports.POSTING_COLUMNS
    good = dict.fromkeys(header, "")
    good.update(
        external_id="A-1",
        employer_code=code,
        title_zh="电池工程师",
        title_en="Battery engineer",
        city_code="320500",
        industry_code="new_energy_vehicles",
        degree_code="master",
        discipline_codes="0805",
        skills="锂电池, BMS",
        language_codes="zh;en",
        salary_min="18000",
        salary_max="30000",
        valid_through="2099-12-31",
        publish="yes",
    )
    bad_salary = {**good, "external_id": "A-2", "salary_min": "40000"}
    bad_city = {**good, "external_id": "A-3", "city_code": "999999"}
    no_id = {**good, "external_id": ""}
    second = {**good, "external_id": "A-4", "title_zh": "电池测试工程师"}
    return [header] + [[r[c] for c in header] for r in (good, bad_salary, bad_city, no_id, second)]


def _xlsx(rows: list[list[str]]) -> SimpleUploadedFile:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("postings.xlsx", out.getvalue())


def _run(world: dict[str, Any], upload: Any, kind: str = "postings") -> ImportJob:
    from django.db import transaction

    job = imports.import_start(actor=world["people"]["staff"], kind=kind, upload=upload)
    transaction.get_connection().run_on_commit = []  # the task is run directly below
    return imports.import_run(job.pk)


def test_import_keeps_good_rows_and_reports_bad_ones(world: dict[str, Any]) -> None:
    job = _run(world, _xlsx(_rows(world)))
    assert job.status == "done"
    assert (job.created_count, job.updated_count, job.error_count) == (2, 0, 3)
    by_row = {e["row"]: e for e in job.errors}
    assert by_row[3]["column"] == "salary_min"
    assert by_row[4]["column"] == "city_code" and "999999" in by_row[4]["reason"]
    assert by_row[5]["column"] == "external_id"
    posting = JobPosting.objects.get(external_id="A-1")
    assert posting.channel == "collection" and posting.status == "published"
    assert posting.source_organisation == world["home"].carrier
    assert sorted(posting.languages.values_list("code", flat=True)) == ["en", "zh"]
    assert Notification.objects.filter(kind="jobs.import").exists()


def test_reimport_updates_instead_of_duplicating(world: dict[str, Any]) -> None:
    rows = _rows(world)
    _run(world, _xlsx(rows))
    rows[1][rows[0].index("title_zh")] = "高级电池工程师"
    job = _run(world, _xlsx(rows))
    assert (job.created_count, job.updated_count) == (0, 2)
    assert JobPosting.objects.filter(external_id="A-1").count() == 1
    assert JobPosting.objects.get(external_id="A-1").title_zh == "高级电池工程师"


def test_csv_import_and_error_report(world: dict[str, Any]) -> None:
    out = io.StringIO()
    csv.writer(out).writerows(_rows(world))
    job = _run(world, SimpleUploadedFile("p.csv", out.getvalue().encode("utf-8-sig")))
    assert job.created_count == 2
    report = imports.error_report_csv(job).decode("utf-8-sig").splitlines()
    assert len(report) == 4 and report[1].startswith("3,salary_min,")


def test_talent_import_creates_claimable_profiles(world: dict[str, Any]) -> None:
    header = imports.TALENT_COLUMNS
    good = dict(zip(header, imports.EXAMPLES["talents"], strict=True))
    bad = {**good, "external_id": "T-2", "email": "not-an-email"}
    rows = [header] + [[r[c] for c in header] for r in (good, bad)]
    job = _run(world, _xlsx(rows), "talents")
    assert (job.created_count, job.error_count) == (1, 1)
    assert job.errors[0]["column"] == "email"
    link = CollectedTalent.objects.get(external_id="T-0001")
    profile = link.profile
    assert not profile.user.has_usable_password() and profile.channel == "collected"
    assert profile.educations.get().degree_level.code == "doctorate"
    assert ProfileClaim.objects.filter(profile=profile).exists()
    again = _run(world, _xlsx(rows), "talents")
    assert (again.created_count, again.updated_count) == (0, 1)


def test_wrong_file_and_wrong_header_are_refused(world: dict[str, Any]) -> None:
    with pytest.raises(ApplicationError):
        imports.import_start(
            actor=world["people"]["staff"],
            kind="postings",
            upload=SimpleUploadedFile("p.pdf", b"%PDF-1.4"),
        )
    with pytest.raises(ApplicationError) as info:
        imports.import_start(
            actor=world["people"]["staff"],
            kind="postings",
            upload=SimpleUploadedFile("p.csv", b"name,phone\nA,1\n"),
        )
    assert info.value.code == "bad_header"
    assert not ImportJob.objects.exists()


def test_only_staff_import(world: dict[str, Any]) -> None:
    with pytest.raises(PermissionDeniedError):
        imports.import_start(
            actor=world["people"]["employer"], kind="postings", upload=_xlsx(_rows(world))
        )


def test_upload_page_runs_the_import_and_shows_errors(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(world["people"]["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("jobs:imports"), {"kind": "postings", "file": _xlsx(_rows(world))}
        )
    job = ImportJob.objects.get()
    assert response.status_code == 302
    page = client.get(reverse("jobs:import", args=[job.pk])).content.decode()
    assert "salary_min" in page and "999999" in page
    assert client.get(reverse("jobs:import_errors", args=[job.pk])).status_code == 200
    other = client_for(world["people"]["employer"])
    assert other.get(reverse("jobs:import", args=[job.pk])).status_code == 404


def test_templates_download(world: dict[str, Any]) -> None:
    client = client_for(world["people"]["staff"])
    response = client.get(reverse("jobs:import_template", args=["postings", "xlsx"]))
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book["data"][1]] == imports.POSTING_COLUMNS
    assert book["codes"].max_row > 20
