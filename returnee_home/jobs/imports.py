"""Centralised collection: spreadsheets (.xlsx or .csv) of postings or talents, from the
product's templates, imported in the background.

Every row is checked on its own: a good row is saved (created, or updated when its external id
was imported before by the same organisation), a bad row is reported by row, column and reason
and changes nothing. The import never stops at a bad row."""

import csv
import datetime
import hashlib
import io
import secrets
from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from returnee_home.core.audit import audit_record
from returnee_home.core.errors import ApplicationError, PermissionDeniedError
from returnee_home.jobs import actions, permissions
from returnee_home.jobs.models import (
    Channel,
    CollectedTalent,
    ImportJob,
    ImportKind,
    ImportStatus,
    JobPosting,
    JobType,
    ProfileClaim,
)
from returnee_home.jobs.references import References, UnknownCode, employer_by_code
from returnee_home.talent import actions as talent_actions

MAX_ROWS = 5000
PROGRESS_EVERY = 25
CLAIM_DAYS = 30

POSTING_COLUMNS = [
    "external_id",
    "employer_code",
    "title_zh",
    "title_en",
    "job_type",
    "city_code",
    "district",
    "industry_code",
    "degree_code",
    "degree_required",
    "discipline_codes",
    "min_years_experience",
    "skills",
    "language_codes",
    "salary_min",
    "salary_max",
    "headcount",
    "valid_through",
    "description",
    "responsibilities",
    "requirements",
    "publish",
]
TALENT_COLUMNS = [
    "external_id",
    "full_name",
    "email",
    "gender",
    "birth_year",
    "nationality_code",
    "residence_country_code",
    "current_city_code",
    "returnee_status",
    "headline_zh",
    "headline_en",
    "desired_city_codes",
    "industry_codes",
    "skills",
    "education_country_code",
    "institution",
    "degree_code",
    "discipline_code",
    "study_start",
    "study_end",
]
COLUMNS = {ImportKind.POSTINGS: POSTING_COLUMNS, ImportKind.TALENTS: TALENT_COLUMNS}
EXAMPLES = {
    ImportKind.POSTINGS: [
        "HR-2026-001",
        "91320100MA1XXXXXX0",
        "机器学习算法工程师",
        "Machine Learning Engineer",
        "full_time",
        "320100",
        "江宁区",
        "artificial_intelligence",
        "master",
        "no",
        "0812;0701",
        "3",
        "机器学习, Python, PyTorch",
        "zh;en",
        "25000",
        "40000",
        "2",
        "2026-12-31",
        "负责推荐系统算法研发。",
        "设计、训练和部署模型。",
        "硕士及以上，海外学习经历优先。",
        "yes",
    ],
    ImportKind.TALENTS: [
        "T-0001",
        "王晓明",
        "xiaoming.wang@example.com",
        "male",
        "1990",
        "CN",
        "GB",
        "320500",
        "abroad",
        "材料科学博士",
        "PhD in materials science",
        "320500;320100",
        "advanced_materials",
        "锂电池, materials characterisation",
        "GB",
        "University of Manchester",
        "doctorate",
        "0805",
        "2016-09",
        "2020-07",
    ],
}


class RowError(Exception):
    def __init__(self, column: str, reason: Any) -> None:
        super().__init__(str(reason))
        self.column = column
        self.reason = reason


# --- Reading -----------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def read_rows(data: bytes, name: str) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """The header and the rows ({column: text}, numbered as the spreadsheet numbers them).
    Raises ApplicationError for a file that is not a readable .xlsx or .csv."""
    lower = name.lower()
    if lower.endswith(".xlsx"):
        rows = _xlsx_rows(data)
    elif lower.endswith(".csv"):
        rows = _csv_rows(data)
    else:
        raise ApplicationError(
            "file_type",
            _("Upload an .xlsx or .csv file."),
            fields={"file": _("Upload an .xlsx or .csv file.")},
        )
    try:
        header = [_text(h).lower() for h in next(rows)]
    except StopIteration as exc:
        raise ApplicationError(
            "empty", _("The file is empty."), fields={"file": _("The file is empty.")}
        ) from exc

    def numbered() -> Iterator[tuple[int, dict[str, str]]]:
        for number, values in enumerate(rows, start=2):
            texts = [_text(v) for v in values]
            if not any(texts):
                continue
            yield number, dict(zip(header, texts, strict=False))

    return header, numbered()


def _xlsx_rows(data: bytes) -> Iterator[list[Any]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ApplicationError(
            "unreadable",
            _("This is not a readable .xlsx spreadsheet."),
            fields={"file": _("This is not a readable .xlsx spreadsheet.")},
        ) from exc
    sheet = book.worksheets[0]
    return (list(row) for row in sheet.iter_rows(values_only=True))


def _csv_rows(data: bytes) -> Iterator[list[Any]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ApplicationError(
            "unreadable",
            _("The CSV file is neither UTF-8 nor GB18030 text."),
            fields={"file": _("The CSV file is neither UTF-8 nor GB18030 text.")},
        )
    return iter(list(csv.reader(io.StringIO(text))))


# --- Templates ---------------------------------------------------------------------------------


def template_xlsx(kind: str) -> bytes:
    """The template: the columns, one example row, and a sheet listing the codes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "data"
    sheet.append(COLUMNS[ImportKind(kind)])
    sheet.append(EXAMPLES[ImportKind(kind)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    codes = book.create_sheet("codes")
    refs = References()
    codes.append([gettext("list"), gettext("code"), gettext("name (Chinese)"), "name (English)"])
    for label, table in (
        ("city_code", refs.cities),
        ("industry_code", refs.industries),
        ("degree_code", refs.degrees),
        ("discipline_code", refs.disciplines),
        ("language_code", refs.languages),
    ):
        for code, item in table.items():
            codes.append([label, code, item.name_zh, item.name_en])
    for value, choice in JobType.choices:
        codes.append(["job_type", value, str(choice), value])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def template_csv(kind: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS[ImportKind(kind)])
    writer.writerow(EXAMPLES[ImportKind(kind)])
    return ("\ufeff" + out.getvalue()).encode()


def error_report_csv(job: ImportJob) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([gettext("row"), gettext("column"), gettext("reason")])
    for error in job.errors:
        writer.writerow([error["row"], error["column"], error["reason"]])
    return ("\ufeff" + out.getvalue()).encode()


# --- Starting and running ----------------------------------------------------------------------


def import_start(*, actor: Any, kind: str, upload: Any) -> ImportJob:
    """Store the spreadsheet and queue its import. Refuses anyone but staff, other file kinds,
    files over the size limit and files without the template's header."""
    from returnee_home.core.uploads import is_too_large

    organisation = permissions.collecting_organisation(actor)
    if organisation is None or not permissions.is_staff(actor):
        raise PermissionDeniedError()
    if is_too_large(upload):
        raise ApplicationError(
            "too_large", _("The file is too large."), fields={"file": _("The file is too large.")}
        )
    data = upload.read()
    header, _rows = read_rows(data, upload.name)
    missing = [c for c in ("external_id",) if c not in header]
    unknown_layout = not set(header) & set(COLUMNS[ImportKind(kind)][1:])
    if missing or unknown_layout:
        raise ApplicationError(
            "bad_header",
            _("The first row must hold the template's column names (external_id, …)."),
            fields={"file": _("Use the template's column names in the first row.")},
        )
    upload.seek(0)
    with transaction.atomic():
        job = ImportJob(
            kind=kind,
            uploaded_by=actor,
            source_organisation=organisation,
            original_name=upload.name[:200],
        )
        job.file.save(upload.name, upload, save=False)
        job.save()
        audit_record(
            actor=actor, action="jobs.import_start", obj=job, organisation_id=organisation.pk
        )
        language = translation.get_language() or "zh-hans"

        def queue() -> None:
            from returnee_home.jobs.tasks import run_import

            run_import.delay(job.pk, language)

        transaction.on_commit(queue)
    return job


def import_run(job_id: int) -> ImportJob:
    """Process every row of a queued import (the background task calls this)."""
    job = ImportJob.objects.select_related("source_organisation", "uploaded_by").get(pk=job_id)
    if job.status != ImportStatus.QUEUED:
        return job
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)
    try:
        with job.file.open("rb") as handle:
            data = handle.read()
        _header, rows = read_rows(data, job.original_name)
        rows_list = list(rows)[: MAX_ROWS + 1]
    except ApplicationError as error:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED, failure=str(error.message), finished_at=timezone.now()
        )
        job.refresh_from_db()
        return job
    errors: list[dict[str, Any]] = []
    if len(rows_list) > MAX_ROWS:
        rows_list = rows_list[:MAX_ROWS]
        errors.append(
            {
                "row": MAX_ROWS + 2,
                "column": "",
                "reason": gettext("Only the first %(n)d rows are imported.") % {"n": MAX_ROWS},
            }
        )
    ImportJob.objects.filter(pk=job.pk).update(total_rows=len(rows_list))
    refs = References()
    created = updated = failed = 0
    handler = _posting_row if job.kind == ImportKind.POSTINGS else _talent_row
    for index, (number, row) in enumerate(rows_list, start=1):
        try:
            with transaction.atomic():
                was_created = handler(job, row, refs)
            created += was_created
            updated += not was_created
        except RowError as error:
            failed += 1
            errors.append({"row": number, "column": error.column, "reason": str(error.reason)})
        except ApplicationError as error:
            failed += 1
            column = next(iter(error.fields), "")
            errors.append({"row": number, "column": column, "reason": str(error.message)})
        if index % PROGRESS_EVERY == 0:
            ImportJob.objects.filter(pk=job.pk).update(processed_rows=index)
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.DONE,
        processed_rows=len(rows_list),
        created_count=created,
        updated_count=updated,
        error_count=failed,
        errors=errors,
        finished_at=timezone.now(),
    )
    job.refresh_from_db()
    if job.uploaded_by_id:
        _tell_uploader(job)
    return job


def _tell_uploader(job: ImportJob) -> None:
    from returnee_home.notifications.actions import notify

    person = job.uploaded_by
    with translation.override(person.preferred_language or "zh-hans"):
        notify(
            recipient=person,
            kind="jobs.import",
            title=gettext("Import finished: %(name)s") % {"name": job.original_name},
            body=gettext("%(created)d created, %(updated)d updated, %(errors)d rows with errors.")
            % {
                "created": job.created_count,
                "updated": job.updated_count,
                "errors": job.error_count,
            },
            url=reverse("jobs:import", args=[job.pk]),
            email=False,
        )


# --- Rows --------------------------------------------------------------------------------------


def _ref(column: str, lookup: Any, value: Any) -> Any:
    try:
        return lookup(value)
    except UnknownCode as exc:
        raise RowError(column, exc) from exc


def _int(row: dict[str, str], column: str, *, required: bool = False, default: Any = None) -> Any:
    raw = (row.get(column) or "").replace(",", "").strip()
    if not raw:
        if required:
            raise RowError(column, _("This column is required."))
        return default
    try:
        value = int(float(raw))
    except ValueError as exc:
        raise RowError(column, _("“%(value)s” is not a whole number.") % {"value": raw}) from exc
    if value < 0:
        raise RowError(column, _("Enter a number of at least 0."))
    return value


def _date(row: dict[str, str], column: str, *, required: bool = False) -> Any:
    raw = (row.get(column) or "").strip()[:10]
    if not raw:
        if required:
            raise RowError(column, _("This column is required."))
        return None
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y-%m", "%Y/%m", "%Y.%m"):
        try:
            return datetime.datetime.strptime(raw, fmt).date()  # noqa: DTZ007
        except ValueError:
            continue
    raise RowError(column, _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": raw})


def _yes(row: dict[str, str], column: str) -> bool:
    return (row.get(column) or "").strip().lower() in {"yes", "y", "1", "true", "是", "x"}


def _external_id(row: dict[str, str]) -> str:
    value = (row.get("external_id") or "").strip()
    if not value:
        raise RowError("external_id", _("Every row needs an external id."))
    if len(value) > 100:
        raise RowError("external_id", _("Enter at most %(limit)s characters.") % {"limit": 100})
    return value


def _posting_row(job: ImportJob, row: dict[str, str], refs: References) -> bool:
    external_id = _external_id(row)
    employer = _ref("employer_code", employer_by_code, row.get("employer_code"))
    job_type = (row.get("job_type") or JobType.FULL_TIME).strip()
    if job_type not in JobType.values:
        raise RowError("job_type", _("Use one of: full_time, part_time, postdoc, visiting."))
    city = _ref("city_code", refs.city, row.get("city_code"))
    if city is None:
        raise RowError("city_code", _("This column is required."))
    data = {
        "title_zh": row.get("title_zh", "")[:200],
        "title_en": row.get("title_en", "")[:200],
        "job_type": job_type,
        "city": city,
        "district": row.get("district", "")[:100],
        "industry": _ref("industry_code", refs.industry, row.get("industry_code")),
        "degree_level": _ref("degree_code", refs.degree, row.get("degree_code")),
        "degree_required": _yes(row, "degree_required"),
        "disciplines": _ref("discipline_codes", refs.disciplines_of, row.get("discipline_codes")),
        "min_years_experience": min(_int(row, "min_years_experience", default=0), 60),
        "skills": row.get("skills", ""),
        "languages": _ref("language_codes", refs.languages_of, row.get("language_codes")),
        "salary_min": _int(row, "salary_min"),
        "salary_max": _int(row, "salary_max"),
        "headcount": max(1, min(_int(row, "headcount", default=1), 1000)),
        "valid_through": _date(row, "valid_through", required=True),
        "description": row.get("description", ""),
        "responsibilities": row.get("responsibilities", ""),
        "requirements_text": row.get("requirements", ""),
        "publish": _yes(row, "publish"),
    }
    existing = JobPosting.objects.filter(
        source_organisation=job.source_organisation, external_id=external_id
    ).first()
    if existing is not None and existing.employer_id != employer.pk:
        raise RowError(
            "employer_code", _("This external id belongs to another employer's posting.")
        )
    if existing is not None and existing.status == "published":
        data["publish"] = False  # stays published; the closing date is checked on publish only
    actions.posting_save(
        actor=job.uploaded_by,
        employer=employer,
        posting=existing,
        data=data,
        channel=Channel.COLLECTION,
        source_organisation=job.source_organisation,
        external_id=external_id,
        check_permission=False,
    )
    return existing is None


def _talent_row(job: ImportJob, row: dict[str, str], refs: References) -> bool:
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from returnee_home.accounts.models import User
    from returnee_home.talent.models import Channel as TalentChannel
    from returnee_home.talent.models import Education, Gender, ReturneeStatus, TalentProfile

    external_id = _external_id(row)
    full_name = (row.get("full_name") or "").strip()[:100]
    if not full_name:
        raise RowError("full_name", _("This column is required."))
    email = (row.get("email") or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise RowError("email", _("Enter a valid e-mail address.")) from exc
    gender = (row.get("gender") or "").strip().lower()
    if gender and gender not in Gender.values:
        raise RowError("gender", _("Use female or male, or leave it empty."))
    status = (row.get("returnee_status") or ReturneeStatus.RETURNED).strip().lower()
    if status not in ReturneeStatus.values:
        raise RowError("returnee_status", _("Use returned, abroad or foreign."))
    birth_year = _int(row, "birth_year")
    if birth_year is not None and not 1930 <= birth_year <= timezone.localdate().year - 15:
        raise RowError("birth_year", _("Enter a plausible year of birth."))
    values = {
        "gender": gender,
        "birth_year": birth_year,
        "nationality": _ref("nationality_code", refs.country, row.get("nationality_code")),
        "residence_country": _ref(
            "residence_country_code", refs.country, row.get("residence_country_code")
        ),
        "current_city": _ref("current_city_code", refs.city, row.get("current_city_code")),
        "returnee_status": status,
        "headline_zh": (row.get("headline_zh") or "")[:200],
        "headline_en": (row.get("headline_en") or "")[:200],
    }
    desired = _ref("desired_city_codes", refs.cities_of, row.get("desired_city_codes"))
    industries = _ref("industry_codes", refs.industries_of, row.get("industry_codes"))
    education = None
    if (row.get("institution") or "").strip():
        education = {
            "country": _ref(
                "education_country_code", refs.country, row.get("education_country_code")
            ),
            "degree_level": _ref("degree_code", refs.degree, row.get("degree_code")),
            "discipline": _ref("discipline_code", refs.discipline, row.get("discipline_code")),
            "start_date": _date(row, "study_start", required=True),
            "end_date": _date(row, "study_end"),
        }
        if education["country"] is None:
            raise RowError("education_country_code", _("This column is required."))
        if education["degree_level"] is None:
            raise RowError("degree_code", _("This column is required."))
        if education["end_date"] and education["end_date"] < education["start_date"]:
            raise RowError("study_end", _("The end cannot be before the start."))
    link = (
        CollectedTalent.objects.filter(
            source_organisation=job.source_organisation, external_id=external_id
        )
        .select_related("profile__user")
        .first()
    )
    created = link is None
    if link is not None:
        profile = link.profile
        if profile.user.email != email and User.objects.filter(email=email).exists():
            raise RowError("email", _("Another account already uses this e-mail address."))
    else:
        if User.objects.filter(email=email).exists():
            raise RowError(
                "email",
                _("This person already has an account; their own profile is kept as it is."),
            )
        user = User(email=email, full_name=full_name)
        user.set_unusable_password()
        user.save()
        profile = TalentProfile.objects.create(
            user=user, channel=TalentChannel.COLLECTED, returnee_status=status
        )
        CollectedTalent.objects.create(
            source_organisation=job.source_organisation, external_id=external_id, profile=profile
        )
    user = profile.user
    if user.has_usable_password() is False:
        # Only a profile nobody has claimed yet is rewritten by the spreadsheet.
        user.email, user.full_name = email, full_name
        user.save(update_fields=["email", "full_name"])
        for name, value in values.items():
            setattr(profile, name, value)
        if hasattr(profile, "skills"):
            profile.skills = actions.clean_terms(row.get("skills", ""))
        profile.save()
        profile.desired_cities.set(desired)
        profile.industries.set(industries)
        if education is not None:
            institution = (row.get("institution") or "").strip()[:200]
            Education.objects.update_or_create(
                profile=profile,
                institution_en=institution,
                defaults={**education, "institution_zh": ""},
            )
    talent_actions.inflow_refresh([profile.pk])
    if created:
        claim_invite(profile=profile)
    return created


def claim_invite(*, profile: Any) -> str:
    """Create the claim link for a profile made on the person's behalf and e-mail it (the
    notification reaches their address). Returns the token (shown nowhere else)."""
    from returnee_home.notifications.actions import notify

    token = secrets.token_urlsafe(32)
    ProfileClaim.objects.create(
        profile=profile,
        token_hash=hashlib.sha256(token.encode()).hexdigest(),
        expires_at=timezone.now() + datetime.timedelta(days=CLAIM_DAYS),
    )
    person = profile.user
    with translation.override(person.preferred_language or "zh-hans"):
        notify(
            recipient=person,
            kind="jobs.claim",
            title=gettext("Your talent profile on the Returnee Home platform"),
            body=gettext(
                "A Home for Returned Overseas Students has put your details on the platform. "
                "Open the link to see them, set your password and choose what is shown. "
                "The link works for %(days)d days."
            )
            % {"days": CLAIM_DAYS},
            url=reverse("jobs:claim", args=[token]),
        )
    return token
