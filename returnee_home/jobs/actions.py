"""Writes of postings, project demands and talent projects: create, edit, publish, withdraw.

Every function checks who may do it (employer contacts for their own organisation's postings
and demands, owners for their projects, staff for collected records), runs in one transaction,
keeps the record's search words current, and invalidates the cached public pages. The funnel
is in jobs.funnel, imports in jobs.imports, recommendations and claims in jobs.collection."""

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from returnee_home.core.audit import audit_record
from returnee_home.core.cache import public_pages_changed
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.jobs import permissions
from returnee_home.jobs.models import (
    Channel,
    CooperationMode,
    DemandStatus,
    JobPosting,
    PostingStatus,
    ProjectAttachment,
    ProjectDemand,
    ProjectStatus,
    TalentProject,
)
from returnee_home.jobs.tallies import posting_tallies_refresh
from returnee_home.services.search import search_words

POSTING_FIELDS = (
    "title_zh",
    "title_en",
    "description",
    "responsibilities",
    "requirements_text",
    "degree_level",
    "degree_required",
    "skills",
    "min_years_experience",
    "city",
    "district",
    "industry",
    "salary_min",
    "salary_max",
    "headcount",
    "job_type",
    "valid_through",
)
DEMAND_FIELDS = (
    "title_zh",
    "title_en",
    "field",
    "problem_statement",
    "expected_results",
    "keywords",
    "budget_min",
    "budget_max",
    "cooperation_modes",
    "city",
    "deadline",
)
PROJECT_FIELDS = (
    "title_zh",
    "title_en",
    "field",
    "summary",
    "results",
    "keywords",
    "stage",
    "ip_held",
    "team_size",
    "funding_sought",
    "preferred_park",
    "cooperation_modes",
)


def clean_terms(values: Any, limit: int = 40) -> list[str]:
    """A list of distinct, trimmed words from a list or a comma/、/；-separated string."""
    if isinstance(values, str):
        for sep in "，、；;\n":
            values = values.replace(sep, ",")
        values = values.split(",")
    out: list[str] = []
    for value in values or []:
        text = str(value).strip()[:60]
        if text and text.lower() not in {v.lower() for v in out}:
            out.append(text)
    return out[:limit]


def _check_titles(data: dict[str, Any]) -> None:
    if not (data.get("title_zh") or "").strip() and not (data.get("title_en") or "").strip():
        raise ApplicationError(
            "title_required",
            _("Give a title in Chinese or in English."),
            fields={"title_zh": _("Give a title in Chinese or in English.")},
        )


def _check_range(data: dict[str, Any], low: str, high: str, message: Any) -> None:
    lo, hi = data.get(low), data.get(high)
    if lo is not None and hi is not None and lo > hi:
        raise ApplicationError("invalid_range", message, fields={low: message})


def _check_modes(data: dict[str, Any]) -> None:
    modes = data.get("cooperation_modes") or []
    allowed = set(CooperationMode.values)
    unknown = [m for m in modes if m not in allowed]
    if unknown:
        raise ApplicationError(
            "invalid",
            _("Unknown cooperation mode: %(modes)s.") % {"modes": ", ".join(unknown)},
            fields={"cooperation_modes": _("Choose among the listed cooperation modes.")},
        )


def _apply(obj: Any, data: dict[str, Any], fields: tuple[str, ...]) -> None:
    for name in fields:
        if name in data:
            value = data[name]
            if name in {"skills", "keywords"}:
                value = clean_terms(value)
            elif isinstance(value, str):
                value = value.strip()
            setattr(obj, name, value)


def _set_m2m(obj: Any, data: dict[str, Any], names: tuple[str, ...]) -> None:
    for name in names:
        if name in data and data[name] is not None:
            getattr(obj, name).set(data[name])


def _save_checked(obj: Any) -> None:
    """Save, turning a clash on the (source organisation, external id) pair into a refusal."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise ApplicationError(
            "duplicate_external_id",
            _("Another record from this source already has this external id."),
            fields={"external_id": _("Already used by another record from this source.")},
        ) from exc


def posting_search_text(posting: JobPosting) -> str:
    employer = posting.employer
    return search_words(
        posting.title_zh,
        posting.title_en,
        " ".join(posting.skills or []),
        employer.name_zh,
        employer.name_en,
        posting.description,
        posting.responsibilities,
        posting.requirements_text,
        posting.district,
    )


def posting_index(posting: JobPosting) -> None:
    """Write the posting's full-text entry (core.fulltext): title and skills rank higher."""
    from returnee_home.core.fulltext import index_words
    from returnee_home.jobs.models import PostingSearchEntry

    employer = posting.employer
    PostingSearchEntry.objects.update_or_create(
        posting=posting,
        defaults={
            "head_words": index_words(
                posting.title_zh, posting.title_en, " ".join(posting.skills or [])
            ),
            "body_words": index_words(
                posting.description,
                posting.responsibilities,
                posting.requirements_text,
                employer.name_zh,
                employer.name_en,
                posting.district,
            ),
        },
    )


def demand_search_text(demand: ProjectDemand) -> str:
    return search_words(
        demand.title_zh,
        demand.title_en,
        " ".join(demand.keywords or []),
        demand.organisation.name_zh,
        demand.organisation.name_en,
        demand.problem_statement,
        demand.expected_results,
    )


def project_search_text(project: TalentProject) -> str:
    return search_words(
        project.title_zh,
        project.title_en,
        " ".join(project.keywords or []),
        project.summary,
        project.results,
        project.ip_held,
        project.preferred_park,
    )


# --- Job postings ------------------------------------------------------------------------------


def _matching_changed(kind: str, object_id: int) -> None:
    """Tell the matching engine after commit that this record changed (it refreshes the
    record's feature row in the background; the 5-minute catch-up covers anything missed)."""

    def refresh() -> None:
        from returnee_home.matching.tasks import refresh_features

        refresh_features.delay(kind, [object_id])

    transaction.on_commit(refresh)


def posting_save(
    *,
    actor: Any,
    employer: Any,
    data: dict[str, Any],
    posting: JobPosting | None = None,
    channel: str = Channel.SELF,
    source_organisation: Any = None,
    external_id: str = "",
    check_permission: bool = True,
) -> JobPosting:
    """Create or edit a posting of `employer`. Refuses a person who is not the employer's
    contact (or staff), a posting without any title, and a salary minimum above the maximum.
    A published posting stays published; the public pages are refreshed."""
    if check_permission and not permissions.may_manage_for(actor, employer):
        raise PermissionDeniedError()
    _check_titles(data)
    _check_range(
        data,
        "salary_min",
        "salary_max",
        _("The lowest salary cannot be higher than the highest salary."),
    )
    if data.get("headcount") is not None and data["headcount"] < 1:
        raise ApplicationError(
            "invalid", _("At least one person."), fields={"headcount": _("At least one person.")}
        )
    creating = posting is None
    with transaction.atomic():
        if posting is None:
            posting = JobPosting(
                employer=employer,
                channel=channel,
                brought_by=actor if getattr(actor, "pk", None) else None,
                source_organisation=source_organisation,
                external_id=external_id,
            )
        elif posting.employer_id != employer.pk:
            raise NotFoundError()
        _apply(posting, data, POSTING_FIELDS)
        posting.search_text = ""
        _save_checked(posting)
        _set_m2m(posting, data, ("disciplines", "languages"))
        posting.search_text = posting_search_text(posting)
        JobPosting.objects.filter(pk=posting.pk).update(search_text=posting.search_text)
        posting_index(posting)
        if data.get("publish"):
            _posting_publish(posting)
        audit_record(
            actor=actor,
            action="jobs.posting_create" if creating else "jobs.posting_update",
            obj=posting,
            organisation_id=employer.pk,
        )
        posting_tallies_refresh([posting.pk])
        if posting.status == PostingStatus.PUBLISHED:
            public_pages_changed()
    _matching_changed("posting", posting.pk)
    return posting


def _posting_publish(posting: JobPosting) -> None:
    if not posting.employer.is_verified:
        raise ApplicationError(
            "employer_unverified",
            _("Your organisation must be verified by a Home before its postings are published."),
            status=409,
        )
    if posting.valid_through < timezone.localdate():
        raise ApplicationError(
            "expired",
            _("The closing date has passed: choose a later date before publishing."),
            fields={"valid_through": _("Choose a date from today on.")},
        )
    posting.status = PostingStatus.PUBLISHED
    if posting.published_at is None:
        posting.published_at = timezone.now()
    posting.save(update_fields=["status", "published_at", "updated_at"])


POSTING_TRANSITIONS: dict[str, tuple[str, ...]] = {
    PostingStatus.PUBLISHED: (PostingStatus.DRAFT, PostingStatus.EXPIRED, PostingStatus.WITHDRAWN),
    PostingStatus.FILLED: (PostingStatus.PUBLISHED,),
    PostingStatus.WITHDRAWN: (PostingStatus.DRAFT, PostingStatus.PUBLISHED),
    PostingStatus.EXPIRED: (PostingStatus.PUBLISHED,),
}


def posting_set_status(*, actor: Any, posting: JobPosting, status: str) -> JobPosting:
    """Publish, withdraw or mark filled. Refuses a step the state machine does not allow (e.g.
    publishing a filled posting) and anyone who may not manage the employer's postings."""
    if not permissions.may_manage_for(actor, posting.employer):
        raise PermissionDeniedError()
    with transaction.atomic():
        posting = JobPosting.objects.select_for_update().get(pk=posting.pk)
        if posting.status not in POSTING_TRANSITIONS.get(status, ()):
            raise ApplicationError(
                "invalid_transition",
                _("A posting that is “%(current)s” cannot become “%(target)s”.")
                % {
                    "current": posting.get_status_display(),
                    "target": PostingStatus(status).label,
                },
                status=409,
            )
        before = posting.status
        if status == PostingStatus.PUBLISHED:
            _posting_publish(posting)
        else:
            posting.status = status
            posting.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action=f"jobs.posting_{status}",
            obj=posting,
            changes={"status": [before, status]},
            organisation_id=posting.employer_id,
        )
        posting_tallies_refresh([posting.pk])
        public_pages_changed()
    _matching_changed("posting", posting.pk)
    return posting


def postings_expire(*, today: datetime.date | None = None) -> int:
    """Mark published postings whose closing date has passed as expired (daily task)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        due = JobPosting.objects.select_for_update().filter(
            status=PostingStatus.PUBLISHED, valid_through__lt=today
        )
        ids = list(due.values_list("pk", flat=True))
        count = JobPosting.objects.filter(pk__in=ids).update(
            status=PostingStatus.EXPIRED, updated_at=timezone.now()
        )
        if count:
            posting_tallies_refresh(ids)
            public_pages_changed()
    return count


# --- Project demands ---------------------------------------------------------------------------


def demand_save(
    *,
    actor: Any,
    organisation: Any,
    data: dict[str, Any],
    demand: ProjectDemand | None = None,
    channel: str = Channel.SELF,
    source_organisation: Any = None,
    external_id: str = "",
    check_permission: bool = True,
) -> ProjectDemand:
    """Create or edit a project demand. Refuses outsiders, no title, a budget minimum above
    the maximum and unknown cooperation modes."""
    if check_permission and not permissions.may_manage_for(actor, organisation):
        raise PermissionDeniedError()
    _check_titles(data)
    _check_range(
        data,
        "budget_min",
        "budget_max",
        _("The lowest budget cannot be higher than the highest budget."),
    )
    _check_modes(data)
    with transaction.atomic():
        creating = demand is None
        if demand is None:
            demand = ProjectDemand(
                organisation=organisation,
                channel=channel,
                brought_by=actor if getattr(actor, "pk", None) else None,
                source_organisation=source_organisation,
                external_id=external_id,
            )
        elif demand.organisation_id != organisation.pk:
            raise NotFoundError()
        _apply(demand, data, DEMAND_FIELDS)
        _save_checked(demand)
        _set_m2m(demand, data, ("disciplines",))
        demand.search_text = demand_search_text(demand)
        ProjectDemand.objects.filter(pk=demand.pk).update(search_text=demand.search_text)
        if data.get("publish") and demand.status != DemandStatus.PUBLISHED:
            demand.status = DemandStatus.PUBLISHED
            demand.published_at = demand.published_at or timezone.now()
            demand.save(update_fields=["status", "published_at", "updated_at"])
        audit_record(
            actor=actor,
            action="jobs.demand_create" if creating else "jobs.demand_update",
            obj=demand,
            organisation_id=organisation.pk,
        )
        public_pages_changed()
    _matching_changed("demand", demand.pk)
    return demand


DEMAND_TRANSITIONS: dict[str, tuple[str, ...]] = {
    DemandStatus.PUBLISHED: (DemandStatus.DRAFT, DemandStatus.WITHDRAWN),
    DemandStatus.CLOSED: (DemandStatus.PUBLISHED,),
    DemandStatus.WITHDRAWN: (DemandStatus.DRAFT, DemandStatus.PUBLISHED),
}


def demand_set_status(*, actor: Any, demand: ProjectDemand, status: str) -> ProjectDemand:
    """Publish, close or withdraw a demand; refuses steps outside DEMAND_TRANSITIONS."""
    if not permissions.may_manage_for(actor, demand.organisation):
        raise PermissionDeniedError()
    with transaction.atomic():
        demand = ProjectDemand.objects.select_for_update().get(pk=demand.pk)
        if demand.status not in DEMAND_TRANSITIONS.get(status, ()):
            raise ApplicationError(
                "invalid_transition",
                _("A demand that is “%(current)s” cannot become “%(target)s”.")
                % {"current": demand.get_status_display(), "target": DemandStatus(status).label},
                status=409,
            )
        before = demand.status
        demand.status = status
        if status == DemandStatus.PUBLISHED and demand.published_at is None:
            demand.published_at = timezone.now()
        demand.save(update_fields=["status", "published_at", "updated_at"])
        audit_record(
            actor=actor,
            action=f"jobs.demand_{status}",
            obj=demand,
            changes={"status": [before, status]},
            organisation_id=demand.organisation_id,
        )
        public_pages_changed()
    _matching_changed("demand", demand.pk)
    return demand


# --- Talent projects ---------------------------------------------------------------------------


def project_save(
    *,
    actor: Any,
    owner: Any,
    data: dict[str, Any],
    project: TalentProject | None = None,
    channel: str = Channel.SELF,
    source_organisation: Any = None,
    external_id: str = "",
    check_permission: bool = True,
) -> TalentProject:
    """Create or edit a talent project. Only the owner edits their project (an institution's
    recommendation creates it through jobs.collection). Refuses no title and unknown modes."""
    if check_permission and owner.user_id != getattr(actor, "pk", None):
        raise PermissionDeniedError()
    _check_titles(data)
    _check_modes(data)
    with transaction.atomic():
        creating = project is None
        if project is None:
            project = TalentProject(
                owner=owner,
                channel=channel,
                brought_by=actor if getattr(actor, "pk", None) else None,
                source_organisation=source_organisation,
                external_id=external_id,
            )
        elif project.owner_id != owner.pk:
            raise NotFoundError()
        _apply(project, data, PROJECT_FIELDS)
        if "showcase_public" in data:
            project.showcase_public = bool(data["showcase_public"])
        _save_checked(project)
        _set_m2m(project, data, ("disciplines", "preferred_cities"))
        project.search_text = project_search_text(project)
        TalentProject.objects.filter(pk=project.pk).update(search_text=project.search_text)
        if data.get("publish") and project.status != ProjectStatus.PUBLISHED:
            project.status = ProjectStatus.PUBLISHED
            project.published_at = project.published_at or timezone.now()
            project.save(update_fields=["status", "published_at", "updated_at"])
        audit_record(
            actor=actor,
            action="jobs.project_create" if creating else "jobs.project_update",
            obj=project,
        )
        public_pages_changed()
    _matching_changed("project", project.pk)
    return project


def project_set_status(*, actor: Any, project: TalentProject, status: str) -> TalentProject:
    """The owner publishes or withdraws their project (withdrawn can be published again)."""
    if project.owner.user_id != getattr(actor, "pk", None):
        raise PermissionDeniedError()
    allowed = {
        ProjectStatus.PUBLISHED: (ProjectStatus.DRAFT, ProjectStatus.WITHDRAWN),
        ProjectStatus.WITHDRAWN: (ProjectStatus.DRAFT, ProjectStatus.PUBLISHED),
    }
    with transaction.atomic():
        project = TalentProject.objects.select_for_update().get(pk=project.pk)
        if project.status not in allowed.get(status, ()):
            raise ApplicationError(
                "invalid_transition",
                _("This project cannot be moved to that status."),
                status=409,
            )
        project.status = status
        if status == ProjectStatus.PUBLISHED:
            project.published_at = project.published_at or timezone.now()
            if project.owner_confirmed_at is None:
                # Publishing it oneself is the owner's confirmation.
                project.owner_confirmed_at = timezone.now()
        project.save(update_fields=["status", "published_at", "owner_confirmed_at", "updated_at"])
        audit_record(actor=actor, action=f"jobs.project_{status}", obj=project)
        public_pages_changed()
    _matching_changed("project", project.pk)
    return project


def attachment_add(
    *, actor: Any, project: TalentProject, upload: Any, caption: str = ""
) -> ProjectAttachment:
    """Attach an image or PDF of the project's results. Refuses other kinds of file (read from
    the content, not the name), files over the size limit, and anyone but the owner."""
    from returnee_home.core.uploads import document_mime, is_too_large

    if project.owner.user_id != getattr(actor, "pk", None):
        raise PermissionDeniedError()
    if is_too_large(upload):
        raise ApplicationError(
            "too_large",
            _("The file is too large."),
            fields={"file": _("The file is too large.")},
        )
    mime = document_mime(upload)
    if mime is None:
        raise ApplicationError(
            "file_type",
            _("Upload a PDF, JPEG or PNG file."),
            fields={"file": _("Upload a PDF, JPEG or PNG file.")},
        )
    if project.attachments.count() >= 12:
        raise ApplicationError("too_many", _("A project shows at most 12 files."))
    with transaction.atomic():
        attachment = ProjectAttachment(project=project, caption=caption.strip()[:200])
        attachment.content_type = mime
        attachment.file.save(upload.name, upload, save=False)
        attachment.save()
        audit_record(actor=actor, action="jobs.attachment_add", obj=attachment)
        public_pages_changed()
    return attachment


def attachment_remove(*, actor: Any, attachment: ProjectAttachment) -> None:
    if attachment.project.owner.user_id != getattr(actor, "pk", None):
        raise PermissionDeniedError()
    with transaction.atomic():
        audit_record(actor=actor, action="jobs.attachment_remove", obj=attachment)
        stored = attachment.file
        attachment.delete()
        transaction.on_commit(lambda: stored.delete(save=False))
        public_pages_changed()
