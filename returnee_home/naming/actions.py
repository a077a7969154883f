"""Writes of the naming workflow. Every change of an application's state goes through
`workflow.transition_apply`; these actions record what each step needs first (the form, a
site visit, a summary, scores, an objection's answer) in the same transaction."""

import statistics
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from returnee_home.core.audit import audit_record, diff, snapshot
from returnee_home.core.cache import public_pages_changed
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.naming import conditions as cond
from returnee_home.naming import workflow
from returnee_home.naming.models import (
    CONDITION_KEYS,
    DEFAULT_SCHEME,
    EQUIPMENT_KEYS,
    AnnualAssessment,
    Application,
    ApplicationStaff,
    ApplicationWindow,
    CitySummary,
    Evidence,
    ExpertAssignment,
    NamingBatch,
    Objection,
    PlaqueCounter,
    SiteVisit,
)
from returnee_home.orgs import selectors as org_selectors
from returnee_home.orgs.models import CARRIER_KINDS, Home, Membership, Organisation, OrgKind, Role
from returnee_home.orgs.uploads import check_document

S = Application.State
PLAQUE_FORMAT = "苏留家〔{year}〕第{number:03d}号"
MIN_EXPERTS = 2
APPLICATION_FIELDS = [
    "carrier_name",
    "address",
    "city",
    "opening_hours",
    "contact_name",
    "contact_phone",
    "floor_area",
    "display_area",
    "exchange_area",
    "public_service_area",
    "rules_items",
    "rules_procedures",
    "rules_management",
    "rules_published_where",
    "person_times_declared",
    "demands_collected",
    "matches_made",
    "unmet_explanation",
]


# --- Notifications -------------------------------------------------------------------------


def _notify(
    users: Any,
    *,
    kind: str,
    title: Any,
    url: str = "",
    body: Any = "",
    params: dict[str, Any] | None = None,
) -> None:
    """Tell each person, in their language, what awaits them: the lazily translated title is
    filled with `params` (themselves possibly lazy) inside the recipient's language."""
    from returnee_home.notifications.actions import notify

    seen: set[int] = set()
    for user in users:
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        with translation.override(getattr(user, "preferred_language", None) or "zh-hans"):
            text = str(title)
            if params:
                text = text % {
                    k: v if isinstance(v, int | float) else str(v) for k, v in params.items()
                }
            notify(recipient=user, kind=kind, title=text, body=str(body), url=url)


def _members(role: str, **organisation_filter: Any) -> list[Any]:
    return [
        m.user
        for m in Membership.objects.filter(role=role, **organisation_filter).select_related("user")
    ]


def _city_admins(application: Application) -> list[Any]:
    prefecture = application.city.parent_id or application.city_id
    return _members(
        Role.CITY_ADMIN, organisation__kind=OrgKind.CITY_BUREAU, organisation__city_id=prefecture
    )


def _province_admins() -> list[Any]:
    return _members(Role.PROVINCE_ADMIN, organisation__kind=OrgKind.PROVINCE)


def _carrier_managers(application: Application) -> list[Any]:
    return _members(Role.HOME_MANAGER, organisation_id=application.carrier_id)


def _url(application: Application) -> str:
    from django.urls import reverse

    return reverse("naming:application_detail", kwargs={"pk": application.pk})


# --- Batches -------------------------------------------------------------------------------


def _require_province(actor: Any) -> None:
    if not org_selectors.is_province_admin(actor):
        raise PermissionDeniedError(_("Only a province admin may do this."))


def _check_scheme(scheme: dict[str, Any]) -> dict[str, int]:
    clean: dict[str, int] = {}
    for key in CONDITION_KEYS:
        try:
            value = int(scheme.get(key, 0))
        except (TypeError, ValueError):
            value = -1
        if value < 1 or value > 100:
            message = _("Give each condition between 1 and 100 points.")
            raise ApplicationError("scheme", message, fields={f"max_{key}": message})
        clean[key] = value
    return clean


@transaction.atomic
def batch_open(
    *,
    actor: Any,
    year: int,
    number: int,
    title_zh: str,
    title_en: str = "",
    application_deadline: date,
    notice_working_days: int = 5,
    carrier_kinds: list[str] | None = None,
    scoring_scheme: dict[str, Any] | None = None,
    notice_text_zh: str = "",
    notice_text_en: str = "",
) -> NamingBatch:
    """Open a batch for applications. Refuses anyone but a province admin, a duplicate year
    and number, a carrier kind that cannot carry a Home and a scheme without every condition."""
    _require_province(actor)
    kinds = list(carrier_kinds or [OrgKind.SERVICE_WINDOW, OrgKind.STARTUP_PARK])
    if not kinds or any(k not in CARRIER_KINDS for k in kinds):
        message = _("Choose the carrier kinds the batch admits.")
        raise ApplicationError("carrier_kinds", message, fields={"carrier_kinds": message})
    if NamingBatch.objects.filter(year=year, number=number).exists():
        message = _("A batch with this year and number already exists.")
        raise ApplicationError("batch_duplicate", message, fields={"number": message})
    if notice_working_days < 1:
        message = _("The public notice lasts at least one working day.")
        raise ApplicationError("notice_days", message, fields={"notice_working_days": message})
    batch = NamingBatch.objects.create(
        year=year,
        number=number,
        title_zh=title_zh,
        title_en=title_en,
        application_deadline=application_deadline,
        notice_working_days=notice_working_days,
        carrier_kinds=[str(k) for k in kinds],
        scoring_scheme=_check_scheme(scoring_scheme or DEFAULT_SCHEME),
        notice_text_zh=notice_text_zh,
        notice_text_en=notice_text_en,
        opened_by=actor,
    )
    audit_record(actor=actor, action="naming.batch_open", obj=batch, note=batch.label)
    public_pages_changed()
    return batch


@transaction.atomic
def batch_close(*, actor: Any, batch: NamingBatch) -> NamingBatch:
    """Close a batch to new applications and submissions. Refuses a batch already closed."""
    _require_province(actor)
    changed = NamingBatch.objects.filter(pk=batch.pk, status=NamingBatch.Status.OPEN).update(
        status=NamingBatch.Status.CLOSED, closed_at=timezone.now()
    )
    if not changed:
        raise ApplicationError("batch_closed", _("This batch is already closed."), status=409)
    batch.refresh_from_db()
    audit_record(actor=actor, action="naming.batch_close", obj=batch)
    public_pages_changed()
    return batch


# --- The carrier's application -----------------------------------------------------------


def _require_manager(actor: Any, carrier: Organisation) -> None:
    if carrier.pk not in org_selectors.member_organisation_ids(actor, (Role.HOME_MANAGER,)):
        raise PermissionDeniedError(_("Only the carrier's manager may do this."))


def _require_editable(application: Application) -> None:
    if application.state not in workflow.EDITABLE_STATES:
        raise ApplicationError(
            "locked",
            _(
                "The application is locked while it is reviewed; it can be changed only if a "
                "reviewer returns it."
            ),
            status=409,
        )


@transaction.atomic
def application_start(*, actor: Any, batch: NamingBatch, carrier: Organisation) -> Application:
    """Start the carrier's application in an open batch, pre-filled from its Home, windows and
    memberships. Refuses a closed batch or one past its deadline, a kind the batch does not
    admit, a carrier without a Home or already named, and a second application."""
    _require_manager(actor, carrier)
    if batch.status != NamingBatch.Status.OPEN or batch.application_deadline < timezone.localdate():
        raise ApplicationError("batch_closed", _("This batch no longer accepts applications."))
    if carrier.kind not in batch.carrier_kinds:
        raise ApplicationError(
            "carrier_kind", _("This batch does not admit carriers of this kind.")
        )
    home = Home.objects.filter(carrier=carrier).first()
    if home is None:
        raise ApplicationError(
            "no_home",
            _("Your organisation has no Home record yet: ask your city bureau to register it."),
        )
    if home.status == Home.Status.NAMED:
        raise ApplicationError("already_named", _("This Home has already been named."))
    if Application.objects.filter(batch=batch, carrier=carrier).exists():
        raise ApplicationError(
            "duplicate", _("Your organisation already has an application in this batch.")
        )
    figures = cond.platform_figures(home)
    application = Application.objects.create(
        batch=batch,
        carrier=carrier,
        home=home,
        created_by=actor,
        state_changed_at=timezone.now(),
        carrier_name=carrier.name_zh,
        carrier_kind=carrier.kind,
        address=home.address_zh or carrier.address,
        city=home.city,
        opening_hours=home.opening_hours_zh,
        contact_name=getattr(actor, "full_name", "") or "",
        contact_phone=home.phone or carrier.phone,
        floor_area=home.floor_area,
        person_times_platform=figures.person_times,
        person_times_sources=figures.person_times_sources[:300],
        equipment={k: 0 for k in EQUIPMENT_KEYS},
    )
    members = org_selectors.home_colleagues(home)
    ApplicationStaff.objects.bulk_create(
        [
            ApplicationStaff(
                application=application,
                membership=m,
                name=getattr(m.user, "full_name", "") or str(m.user),
                post=m.title or m.get_role_display(),
                is_full_time=m.is_full_time,
            )
            for m in members
        ]
    )
    ApplicationWindow.objects.bulk_create(
        [
            ApplicationWindow(application=application, number=w.number, name=w.name_zh)
            for w in home.windows.filter(is_active=True).order_by("number")
        ]
    )
    _store_conditions(application)
    audit_record(
        actor=actor,
        action="naming.application_start",
        obj=application,
        city_code=application.city.code,
        organisation_id=carrier.pk,
    )
    return application


def _store_conditions(application: Application) -> list[cond.ConditionResult]:
    # A selector may have prefetched the evidence, staff or windows that the caller has just
    # changed: evaluate what the database holds now.
    getattr(application, "_prefetched_objects_cache", {}).clear()
    facts, figures = cond.facts_of(application), cond.platform_figures(application.home)
    results = cond.evaluate(facts, figures)
    application.conditions = {r.key: r.as_dict() for r in results}
    # The details in both languages, so that every reader sees the snapshot in their own.
    for language in cond.DETAIL_LANGUAGES:
        with translation.override(language):
            for result in cond.evaluate(facts, figures):
                application.conditions[result.key][cond.detail_key(language)] = result.detail
    Application.objects.filter(pk=application.pk).update(conditions=application.conditions)
    return results


@transaction.atomic
def application_update(
    *,
    actor: Any,
    application: Application,
    values: dict[str, Any],
    equipment: dict[str, int] | None = None,
    staff: list[dict[str, Any]] | None = None,
    windows: list[dict[str, Any]] | None = None,
) -> Application:
    """Save the basic information form. Refuses anyone but the carrier's manager and a locked
    application (submitted and not returned). `staff` rows with `delete` are removed."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    _require_manager(actor, application.carrier)
    _require_editable(application)
    before = snapshot(application, APPLICATION_FIELDS)
    for key, value in values.items():
        if key in APPLICATION_FIELDS:
            setattr(application, key, value)
    if equipment is not None:
        application.equipment = {k: max(0, int(equipment.get(k) or 0)) for k in EQUIPMENT_KEYS}
    application.save()
    if staff is not None:
        _save_staff(application, staff)
    if windows is not None:
        _save_windows(application, windows)
    _store_conditions(application)
    audit_record(
        actor=actor,
        action="naming.application_update",
        obj=application,
        changes=diff(before, snapshot(application, APPLICATION_FIELDS)),
        city_code=application.city.code,
        organisation_id=application.carrier_id,
    )
    return application


def _save_staff(application: Application, rows: list[dict[str, Any]]) -> None:
    existing = {s.pk: s for s in application.staff.all()}
    for row in rows:
        pk = row.get("id")
        person = existing.get(pk) if pk else None
        if row.get("delete"):
            if person is not None:
                person.delete()
            continue
        if not (row.get("name") or "").strip():
            continue
        person = person or ApplicationStaff(application=application)
        for key in ("name", "post", "is_full_time", "education", "english", "window_number"):
            if key in row:
                setattr(person, key, row[key])
        person.save()


def _save_windows(application: Application, rows: list[dict[str, Any]]) -> None:
    existing = {w.pk: w for w in application.windows.all()}
    numbers: set[int] = set()
    for row in rows:
        pk = row.get("id")
        window = existing.get(pk) if pk else None
        if row.get("delete"):
            if window is not None:
                window.delete()
            continue
        if not row.get("number"):
            continue
        if row["number"] in numbers:
            message = _("Two windows have the same number.")
            raise ApplicationError("window_number", message)
        numbers.add(row["number"])
        window = window or ApplicationWindow(application=application)
        window.number = row["number"]
        window.name = row.get("name") or ""
        window.staff_count = row.get("staff_count") or 0
        window.save()


@transaction.atomic
def evidence_add(
    *,
    actor: Any,
    application: Application,
    title: str,
    upload: Any,
    condition: str = "",
    site_visit: SiteVisit | None = None,
) -> Evidence:
    """Attach a photo or document (PDF, JPEG or PNG, checked by content). The carrier adds
    evidence to an editable application; reviewers add site-visit photos."""
    if site_visit is None:
        _require_manager(actor, application.carrier)
        _require_editable(application)
    if condition and condition not in CONDITION_KEYS:
        raise ApplicationError("condition", _("Unknown condition."))
    extension = check_document(upload, field="file")
    upload.name = f"evidence.{extension}"
    content_type = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}[extension]
    evidence = Evidence.objects.create(
        application=application,
        site_visit=site_visit,
        condition=condition,
        title=title.strip()[:200] or gettext("Evidence"),
        file=upload,
        content_type=content_type,
        uploaded_by=actor,
    )
    if site_visit is None:
        _store_conditions(application)
    audit_record(
        actor=actor,
        action="naming.evidence_add",
        obj=evidence,
        city_code=application.city.code,
        organisation_id=application.carrier_id,
    )
    return evidence


@transaction.atomic
def application_submit(*, actor: Any, application: Application) -> Application:
    """Submit (or resubmit) to the city bureau; the form is then locked. Refuses a closed
    batch, and unmet conditions without an explanation."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    workflow.check(actor, application, "submit")
    if application.batch.status != NamingBatch.Status.OPEN:
        raise ApplicationError("batch_closed", _("This batch no longer accepts applications."))
    results = _store_conditions(application)
    unmet = [r for r in results if r.status != cond.MET]
    if unmet and not application.unmet_explanation.strip():
        message = _("%(count)d conditions are not met: explain them before submitting.") % {
            "count": len(unmet)
        }
        raise ApplicationError(
            "explanation_required", message, fields={"unmet_explanation": message}
        )
    workflow.transition_apply(actor=actor, application=application, name="submit")
    _notify(
        _city_admins(application),
        kind="naming.submitted",
        title=_("An application for naming awaits your review: %(name)s"),
        params={"name": application.carrier_name},
        url=_url(application),
    )
    return application


# --- Generic steps -----------------------------------------------------------------------

NOTIFY_ON: dict[str, tuple[str, Any]] = {
    "city_return": ("carrier", _("Your application was returned: %(name)s")),
    "city_not_recommend": ("carrier", _("The city did not recommend your application: %(name)s")),
    "material_pass": ("carrier", _("Your application passed the material review: %(name)s")),
    "material_return": ("city", _("The province returned an application to you: %(name)s")),
    "reject": ("carrier", _("Your application was rejected: %(name)s")),
    "remove": ("carrier", _("Your application was removed after an objection: %(name)s")),
}


def _notify_step(application: Application, name: str) -> None:
    target = NOTIFY_ON.get(name)
    if target is None:
        return
    who, title = target
    users = _carrier_managers(application) if who == "carrier" else _city_admins(application)
    _notify(
        users,
        kind=f"naming.{name}",
        title=title,
        params={"name": application.carrier_name},
        url=_url(application),
    )


@transaction.atomic
def application_step(
    *, actor: Any, application: Application, name: str, reason: str = ""
) -> Application:
    """Take a step that records only a reason: city accept / return / not recommend, material
    pass / return / reject, remove. Other steps have their own actions (they record more)."""
    if name not in {
        "city_accept",
        "city_return",
        "city_not_recommend",
        "material_pass",
        "material_return",
        "reject",
    }:
        raise ApplicationError("step", _("This step has its own form."))
    application = Application.objects.select_for_update().get(pk=application.pk)
    workflow.transition_apply(actor=actor, application=application, name=name, reason=reason)
    if name == "city_not_recommend":
        Application.objects.filter(pk=application.pk).update(city_recommended=False)
    _notify_step(application, name)
    return application


# --- The city's steps --------------------------------------------------------------------


@transaction.atomic
def site_visit_record(
    *,
    actor: Any,
    application: Application,
    stage: str,
    visited_on: date,
    visitors: str,
    findings: str = "",
    condition_findings: dict[str, str] | None = None,
    photos: list[Any] | None = None,
) -> SiteVisit:
    """Record the city's site visit (while it reviews) or the province's inspection (after the
    evaluation; this takes the 'inspect' step). Refuses other roles and other states."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if stage == SiteVisit.Stage.CITY:
        if not workflow.actor_kind_allowed(actor, application, workflow.CITY):
            raise PermissionDeniedError(_("Only the city bureau's admin may record its visit."))
        if application.state not in (S.CITY_ACCEPTED, S.RETURNED_TO_CITY):
            raise ApplicationError(
                "wrong_state",
                _("Accept the application for review before recording the site visit."),
                status=409,
            )
    else:
        workflow.check(actor, application, "inspect")
        missing = [k for k in CONDITION_KEYS if not (condition_findings or {}).get(k, "").strip()]
        if missing:
            message = _("Record the findings for every condition.")
            raise ApplicationError(
                "findings_required", message, fields={f"finding_{k}": message for k in missing}
            )
    if visited_on > timezone.localdate():
        message = _("The visit cannot be in the future.")
        raise ApplicationError("visit_date", message, fields={"visited_on": message})
    if not visitors.strip():
        message = _("Name the visitors.")
        raise ApplicationError("visitors", message, fields={"visitors": message})
    visit = SiteVisit.objects.create(
        application=application,
        stage=stage,
        visited_on=visited_on,
        visitors=visitors.strip(),
        findings=findings.strip(),
        condition_findings={k: v.strip() for k, v in (condition_findings or {}).items()},
        recorded_by=actor,
    )
    for photo in photos or []:
        evidence_add(
            actor=actor,
            application=application,
            title=gettext("Site visit photo"),
            upload=photo,
            site_visit=visit,
        )
    audit_record(
        actor=actor,
        action=f"naming.site_visit_{stage}",
        obj=visit,
        city_code=application.city.code,
        organisation_id=application.carrier_id,
    )
    if stage == SiteVisit.Stage.PROVINCE:
        workflow.transition_apply(actor=actor, application=application, name="inspect")
    return visit


@transaction.atomic
def application_recommend(*, actor: Any, application: Application, reason: str = "") -> Application:
    """The city recommends the application to the province. Refuses it without a site visit."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    workflow.check(actor, application, "city_recommend")
    if not application.site_visits.filter(stage=SiteVisit.Stage.CITY).exists():
        raise ApplicationError(
            "site_visit_required", _("Record the site visit before recommending."), status=409
        )
    workflow.transition_apply(
        actor=actor, application=application, name="city_recommend", reason=reason
    )
    Application.objects.filter(pk=application.pk).update(city_recommended=True)
    return application


@transaction.atomic
def summary_submit(
    *,
    actor: Any,
    batch: NamingBatch,
    city: Any,
    contact_name: str = "",
    contact_phone: str = "",
) -> CitySummary:
    """Submit the city's summary form: every recommended application of the city (and its
    counties) in the batch is reported, and the list is frozen. Refuses an empty list."""
    prefecture_id = city.parent_id or city.pk
    if prefecture_id not in org_selectors.admin_city_ids(actor):
        raise PermissionDeniedError(_("Only the city bureau's admin may submit its summary."))
    applications = list(
        Application.objects.select_for_update()
        .select_related("city")
        .filter(batch=batch, state=S.CITY_RECOMMENDED)
        .filter(city_id__in=org_selectors.admin_city_ids(actor) & _places_of(prefecture_id))
        .order_by("pk")
    )
    if not applications:
        raise ApplicationError(
            "summary_empty", _("There is no recommended application to report."), status=409
        )
    sequence = (
        CitySummary.objects.filter(batch=batch, city_id=prefecture_id).aggregate(m=Max("sequence"))[
            "m"
        ]
        or 0
    ) + 1
    summary = CitySummary.objects.create(
        batch=batch,
        city_id=prefecture_id,
        sequence=sequence,
        submitted_by=actor,
        submitted_at=timezone.now(),
        contact_name=contact_name,
        contact_phone=contact_phone,
    )
    summary.applications.set(applications)
    for application in applications:
        workflow.transition_apply(actor=actor, application=application, name="report")
    audit_record(
        actor=actor,
        action="naming.summary_submit",
        obj=summary,
        note=", ".join(str(a.pk) for a in applications),
        city_code=summary.city.code,
    )
    _notify(
        _province_admins(),
        kind="naming.reported",
        title=_("A city reported %(count)d applications for naming"),
        params={"count": len(applications)},
    )
    return summary


def _places_of(prefecture_id: int) -> set[int]:
    from returnee_home.core.models import City

    return set(City.objects.filter(pk=prefecture_id).values_list("pk", flat=True)) | set(
        City.objects.filter(parent_id=prefecture_id).values_list("pk", flat=True)
    )


# --- Experts -------------------------------------------------------------------------------


@transaction.atomic
def experts_assign(*, actor: Any, application: Application, experts: list[Any]) -> Application:
    """Assign at least two experts. Refuses someone who is not an expert and an expert who is a
    member of the carrier (their own organisation)."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    workflow.check(actor, application, "experts_assign")
    experts = list({e.pk: e for e in experts}.values())
    if len(experts) < MIN_EXPERTS:
        message = _("Assign at least two experts.")
        raise ApplicationError("experts_too_few", message, fields={"experts": message})
    expert_ids = set(
        Membership.objects.filter(
            role=Role.EXPERT, user_id__in=[e.pk for e in experts]
        ).values_list("user_id", flat=True)
    )
    for expert in experts:
        if expert.pk not in expert_ids:
            message = _("%(name)s is not an expert.") % {"name": expert}
            raise ApplicationError("not_expert", message, fields={"experts": message})
        if Membership.objects.filter(user=expert, organisation_id=application.carrier_id).exists():
            message = _("%(name)s belongs to the applying organisation and cannot evaluate it.") % {
                "name": expert
            }
            raise ApplicationError("expert_conflict", message, fields={"experts": message})
    ExpertAssignment.objects.bulk_create(
        [ExpertAssignment(application=application, expert=e, assigned_by=actor) for e in experts]
    )
    workflow.transition_apply(
        actor=actor,
        application=application,
        name="experts_assign",
        note=", ".join(str(e) for e in experts),
    )
    from django.urls import reverse

    for expert in experts:
        _notify(
            [expert],
            kind="naming.expert_assigned",
            title=_("An application awaits your evaluation: %(name)s"),
            params={"name": application.carrier_name},
            url=reverse("naming:expert_queue"),
        )
    return application


def _own_assignment(actor: Any, assignment_id: int) -> ExpertAssignment:
    assignment = (
        ExpertAssignment.objects.select_for_update()
        .select_related("application", "application__batch", "application__city")
        .filter(pk=assignment_id, expert=actor)
        .first()
    )
    if assignment is None:
        raise NotFoundError()
    if assignment.application.state != S.EXPERT_REVIEW:
        raise ApplicationError(
            "evaluation_closed", _("The evaluation of this application is closed."), status=409
        )
    return assignment


@transaction.atomic
def assignment_declare(*, actor: Any, assignment: ExpertAssignment) -> ExpertAssignment:
    """The expert declares no conflict of interest with the applicant (once)."""
    assignment = _own_assignment(actor, assignment.pk)
    if assignment.declared_at is None:
        assignment.declared_at = timezone.now()
        assignment.save(update_fields=["declared_at", "updated_at"])
        audit_record(actor=actor, action="naming.expert_declare", obj=assignment)
    return assignment


@transaction.atomic
def assignment_score(
    *,
    actor: Any,
    assignment: ExpertAssignment,
    scores: dict[str, Any],
    comments: dict[str, str] | None = None,
) -> ExpertAssignment:
    """Score each condition within the batch's scheme, with comments. Refuses an expert not
    assigned to the application (404), before the declaration, and scores outside the scheme."""
    assignment = _own_assignment(actor, assignment.pk)
    if assignment.declared_at is None:
        raise ApplicationError(
            "declaration_required",
            _("Declare that you have no conflict of interest before scoring."),
            status=409,
        )
    scheme = assignment.application.batch.scoring_scheme
    clean: dict[str, int] = {}
    errors: dict[str, Any] = {}
    for key in CONDITION_KEYS:
        maximum = int(scheme.get(key, 0))
        try:
            value = int(scores.get(key))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            value = -1
        if value < 0 or value > maximum:
            errors[f"score_{key}"] = _("Between 0 and %(max)d.") % {"max": maximum}
        clean[key] = value
    if errors:
        raise ApplicationError(
            "score_range", _("Each score must be within the batch's scheme."), fields=errors
        )
    before = {"total": assignment.total}
    assignment.scores = clean
    assignment.comments = {k: (comments or {}).get(k, "").strip() for k in CONDITION_KEYS}
    assignment.total = sum(clean.values())
    assignment.submitted_at = timezone.now()
    assignment.save()
    audit_record(
        actor=actor,
        action="naming.expert_score",
        obj=assignment,
        changes={"total": [before["total"], assignment.total]},
    )
    application = assignment.application
    if before["total"] is None and not application.assignments.filter(total__isnull=True).exists():
        _notify(
            _province_admins(),
            kind="naming.scored",
            title=_("Every expert has scored %(name)s: close the evaluation"),
            params={"name": application.carrier_name},
            url=_url(application),
        )
    return assignment


def outliers(totals: list[int], maximum: int) -> list[bool]:
    """Flag a score far from the others: beyond 1.5 × IQR (with four or more scores) or more
    than 30% of the maximum from the mean."""
    if len(totals) < 2:
        return [False] * len(totals)
    mean = statistics.fmean(totals)
    flags = [abs(t - mean) > 0.3 * maximum for t in totals]
    if len(totals) >= 4:
        q1, _q2, q3 = statistics.quantiles(totals, n=4, method="inclusive")
        iqr = q3 - q1
        flags = [
            f or t < q1 - 1.5 * iqr or t > q3 + 1.5 * iqr
            for f, t in zip(flags, totals, strict=True)
        ]
    return flags


@transaction.atomic
def evaluation_close(*, actor: Any, application: Application) -> Application:
    """Close the evaluation: mean, spread (highest − lowest), outliers flagged, and the batch's
    ranking updated. Refuses while an assigned expert has not scored."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    workflow.check(actor, application, "evaluation_close")
    assignments = list(application.assignments.select_for_update().order_by("pk"))
    if len(assignments) < MIN_EXPERTS or any(a.total is None for a in assignments):
        raise ApplicationError(
            "scores_missing", _("Every assigned expert must score first."), status=409
        )
    totals = [int(a.total or 0) for a in assignments]
    for assignment, flag in zip(
        assignments, outliers(totals, application.batch.max_total), strict=True
    ):
        if assignment.is_outlier != flag:
            assignment.is_outlier = flag
            assignment.save(update_fields=["is_outlier", "updated_at"])
    mean = Decimal(str(round(statistics.fmean(totals), 2)))
    spread = Decimal(max(totals) - min(totals))
    Application.objects.filter(pk=application.pk).update(mean_score=mean, score_spread=spread)
    application.mean_score, application.score_spread = mean, spread
    workflow.transition_apply(actor=actor, application=application, name="evaluation_close")
    _rank(application.batch)
    return application


def _rank(batch: NamingBatch) -> None:
    ranked = (
        Application.objects.filter(batch=batch, mean_score__isnull=False)
        .exclude(state__in=[S.REJECTED, S.REMOVED])
        .order_by("-mean_score", "pk")
    )
    for position, application in enumerate(ranked, start=1):
        if application.rank != position:
            Application.objects.filter(pk=application.pk).update(rank=position)


# --- Public notice and objections ----------------------------------------------------------


def add_working_days(start: date, days: int) -> date:
    """`core.workdays.add_working_days` when it exists (holidays and make-up days), otherwise
    Monday to Friday."""
    try:
        from returnee_home.core.workdays import add_working_days as core_add
    except ImportError:
        core_add = None
    if core_add is not None:
        return core_add(start, days)
    current, left = start, days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current


@transaction.atomic
def notice_publish(*, actor: Any, batch: NamingBatch) -> NamingBatch:
    """Publish the public notice of every inspected application of the batch, for the batch's
    number of working days. Refuses a batch with none inspected or still open."""
    _require_province(actor)
    batch = NamingBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status == NamingBatch.Status.OPEN:
        raise ApplicationError(
            "batch_open", _("Close the batch to applications before the public notice."), status=409
        )
    applications = list(
        Application.objects.select_for_update()
        .select_related("city")
        .filter(batch=batch, state=S.INSPECTED)
    )
    if not applications:
        raise ApplicationError(
            "notice_empty", _("No application has been inspected yet."), status=409
        )
    today = timezone.localdate()
    batch.notice_published_on = today
    batch.notice_ends_on = add_working_days(today, batch.notice_working_days)
    batch.save(update_fields=["notice_published_on", "notice_ends_on", "updated_at"])
    for application in applications:
        workflow.transition_apply(
            actor=actor,
            application=application,
            name="notice_publish",
            note=str(batch.notice_ends_on),
        )
        _notify(
            _carrier_managers(application),
            kind="naming.notice",
            title=_("Your application is in the public notice until %(date)s"),
            params={"date": batch.notice_ends_on},
            url=_url(application),
        )
    audit_record(
        actor=actor, action="naming.notice_publish", obj=batch, note=str(batch.notice_ends_on)
    )
    public_pages_changed()
    return batch


@transaction.atomic
def objection_file(*, application: Application, name: str, contact: str, text: str) -> Objection:
    """Anyone files an objection to an application in public notice, within the period.
    The contact details are kept private."""
    application = Application.objects.select_related("batch").get(pk=application.pk)
    batch = application.batch
    if application.state != S.IN_NOTICE or (
        batch.notice_ends_on and timezone.localdate() > batch.notice_ends_on
    ):
        raise ApplicationError(
            "notice_closed", _("Objections can be filed only during the public notice.")
        )
    errors = {}
    for field_name, value in (("name", name), ("contact", contact), ("text", text)):
        if not value.strip():
            errors[field_name] = _("This field is required.")
    if errors:
        raise ApplicationError("objection_incomplete", next(iter(errors.values())), fields=errors)
    objection = Objection.objects.create(
        application=application, name=name.strip(), contact=contact.strip(), text=text.strip()
    )
    audit_record(actor=None, action="naming.objection_file", obj=objection)
    _notify(
        _province_admins(),
        kind="naming.objection",
        title=_("An objection was filed against %(name)s"),
        params={"name": application.carrier_name},
        url=_url(application),
    )
    return objection


@transaction.atomic
def objection_answer(*, actor: Any, objection: Objection, upheld: bool, answer: str) -> Objection:
    """Answer an objection after investigating it. An upheld objection removes the application
    from the batch. Refuses an objection already answered and an empty answer."""
    _require_province(actor)
    objection = (
        Objection.objects.select_for_update().select_related("application").get(pk=objection.pk)
    )
    if objection.status != Objection.Status.OPEN:
        raise ApplicationError(
            "objection_answered", _("This objection has already been answered."), status=409
        )
    if not answer.strip():
        message = _("Write the answer to the objection.")
        raise ApplicationError("answer_required", message, fields={"answer": message})
    objection.status = Objection.Status.UPHELD if upheld else Objection.Status.DISMISSED
    objection.answer = answer.strip()
    objection.answered_by = actor
    objection.answered_at = timezone.now()
    objection.save()
    audit_record(
        actor=actor,
        action="naming.objection_answer",
        obj=objection,
        changes={"status": [Objection.Status.OPEN, objection.status]},
    )
    if upheld:
        application = Application.objects.select_for_update().get(pk=objection.application_id)
        workflow.transition_apply(
            actor=actor, application=application, name="remove", reason=answer
        )
        _notify_step(application, "remove")
        public_pages_changed()
    return objection


# --- Naming ----------------------------------------------------------------------------


def plaque_next(year: int) -> str:
    """The next plaque number of the year (苏留家〔2026〕第007号). Call inside a transaction:
    the year's counter row is locked until commit, so two namings never share a number. The
    first number of a year follows any plaque already issued that year."""
    counter = PlaqueCounter.objects.select_for_update().filter(year=year).first()
    if counter is None:
        prefix = f"苏留家〔{year}〕第"
        issued = [
            int(p[len(prefix) : -1])
            for p in Home.objects.filter(plaque_number__startswith=prefix).values_list(
                "plaque_number", flat=True
            )
            if p[len(prefix) : -1].isdigit()
        ]
        try:
            with transaction.atomic():
                PlaqueCounter.objects.create(year=year, last_number=max(issued, default=0))
        except IntegrityError:
            pass
        counter = PlaqueCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number", "updated_at"])
    return PLAQUE_FORMAT.format(year=year, number=counter.last_number)


@transaction.atomic
def batch_name(
    *, actor: Any, batch: NamingBatch, named_on: date | None = None
) -> list[Application]:
    """Name every application of the batch still in public notice: plaque number, Home named
    with its batch and date (public in the directory and on the map). Refuses before the notice
    period has ended and while an objection is unanswered."""
    _require_province(actor)
    batch = NamingBatch.objects.select_for_update().get(pk=batch.pk)
    today = named_on or timezone.localdate()
    if batch.notice_ends_on is None or today <= batch.notice_ends_on:
        raise ApplicationError(
            "notice_running",
            _("The public notice runs until %(date)s: name the batch after it ends.")
            % {"date": batch.notice_ends_on or "—"},
            status=409,
        )
    if Objection.objects.filter(application__batch=batch, status=Objection.Status.OPEN).exists():
        raise ApplicationError(
            "objections_open", _("Answer every objection before naming."), status=409
        )
    applications = list(
        Application.objects.select_for_update()
        .select_related("city", "home")
        .filter(batch=batch, state=S.IN_NOTICE)
        .order_by("rank", "pk")
    )
    if not applications:
        raise ApplicationError(
            "nothing_to_name", _("No application is in public notice."), status=409
        )
    for application in applications:
        _name_home(actor, batch, application, today)
    batch.status = NamingBatch.Status.NAMED
    batch.named_on = today
    batch.save(update_fields=["status", "named_on", "updated_at"])
    audit_record(actor=actor, action="naming.batch_name", obj=batch, note=str(len(applications)))
    public_pages_changed()
    return applications


def _name_home(actor: Any, batch: NamingBatch, application: Application, today: date) -> None:
    plaque = plaque_next(batch.year)
    home = Home.objects.select_for_update().get(pk=application.home_id)
    fields = ["status", "plaque_number", "batch_label", "named_on"]
    before = snapshot(home, fields)
    home.status = Home.Status.NAMED
    home.plaque_number = plaque
    home.batch_label = batch.label
    home.named_on = today
    home.save(update_fields=[*fields, "updated_at"])
    audit_record(
        actor=actor,
        action="home.named",
        obj=home,
        changes=diff(before, snapshot(home, fields)),
        city_code=home.city.code,
        organisation_id=home.carrier_id,
    )
    Application.objects.filter(pk=application.pk).update(plaque_number=plaque)
    application.plaque_number = plaque
    workflow.transition_apply(actor=actor, application=application, name="name", note=plaque)
    _notify(
        _carrier_managers(application) + _members(Role.HOME_STAFF, organisation_id=home.carrier_id),
        kind="naming.named",
        title=_("%(name)s has been named, plaque %(plaque)s"),
        params={"name": home.name_zh, "plaque": plaque},
        url=_url(application),
    )


# --- Annual assessment -----------------------------------------------------------------

ASSESSMENT_HOME_STATUS = {
    AnnualAssessment.Outcome.GOOD: Home.Status.NAMED,
    AnnualAssessment.Outcome.IMPROVE: Home.Status.NAMED,
    AnnualAssessment.Outcome.SUSPENDED: Home.Status.SUSPENDED,
    AnnualAssessment.Outcome.REVOKED: Home.Status.REVOKED,
}


@transaction.atomic
def assessment_record(
    *, actor: Any, home: Home, year: int, outcome: str, notes: str = ""
) -> AnnualAssessment:
    """Record a Home's annual assessment against the six conditions, with the person-times the
    platform counted in that year; a suspended or revoked Home leaves the public directory.
    Refuses anyone but a province admin, a Home never named, a year not yet begun, an unknown
    outcome, a suspension or revocation without notes, and a second assessment of the year."""
    _require_province(actor)
    home = Home.objects.select_for_update().select_related("city").get(pk=home.pk)
    if home.status == Home.Status.PREPARING:
        raise ApplicationError("not_named", _("Only a named Home is assessed."))
    if outcome not in AnnualAssessment.Outcome.values:
        message = _("Choose the outcome of the assessment.")
        raise ApplicationError("outcome", message, fields={"outcome": message})
    if year > timezone.localdate().year or (home.named_on and year < home.named_on.year):
        message = _("Choose a year from the naming of the Home to this year.")
        raise ApplicationError("year", message, fields={"year": message})
    severe = outcome in (AnnualAssessment.Outcome.SUSPENDED, AnnualAssessment.Outcome.REVOKED)
    if severe and not notes.strip():
        message = _("Give the reasons for a suspension or revocation.")
        raise ApplicationError("notes_required", message, fields={"notes": message})
    if AnnualAssessment.objects.filter(home=home, year=year).exists():
        raise ApplicationError(
            "assessed", _("This Home has already been assessed for this year."), status=409
        )
    assessment = AnnualAssessment.objects.create(
        home=home,
        year=year,
        outcome=outcome,
        person_times=_person_times_in(home, year),
        notes=notes.strip(),
        assessed_by=actor,
    )
    status = ASSESSMENT_HOME_STATUS[outcome]
    if home.status != status:
        before = home.status
        Home.objects.filter(pk=home.pk).update(status=status, updated_at=timezone.now())
        audit_record(
            actor=actor,
            action="home.status",
            obj=home,
            changes={"status": [before, status]},
            city_code=home.city.code,
            organisation_id=home.carrier_id,
        )
        public_pages_changed()
    audit_record(
        actor=actor,
        action="naming.assessment_record",
        obj=assessment,
        note=f"{year}: {outcome}",
        city_code=home.city.code,
        organisation_id=home.carrier_id,
    )
    _notify(
        _members(Role.HOME_MANAGER, organisation_id=home.carrier_id),
        kind="naming.assessment",
        title=_("The annual assessment of %(name)s for %(year)s: %(outcome)s"),
        params={"name": home.name_zh, "year": year, "outcome": assessment.get_outcome_display()},
    )
    return assessment


def _person_times_in(home: Home, year: int) -> int | None:
    try:
        from returnee_home.records.selectors import person_times
    except ImportError:
        return None
    end = min(date(year, 12, 31), timezone.localdate())
    return int(person_times(home=home, start=date(year, 1, 1), end=end) or 0)
