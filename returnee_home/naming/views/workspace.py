"""Workspace pages of naming: each role's workbench, batches, the basic information form with
its live condition checks, the reviewers' steps, expert scoring and the forms' exports."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from returnee_home.core.errors import ApplicationError, apply_to_form
from returnee_home.naming import actions, exports, selectors, workflow
from returnee_home.naming import conditions as cond
from returnee_home.naming.forms import (
    ApplicationForm,
    AssessmentForm,
    BatchForm,
    EvidenceForm,
    ExpertsForm,
    ObjectionAnswerForm,
    ReasonForm,
    ScoreForm,
    SiteVisitForm,
    StaffFormSet,
    SummaryForm,
    WindowFormSet,
    staff_initial,
    window_initial,
)
from returnee_home.naming.models import CONDITIONS, Application, Evidence, SiteVisit
from returnee_home.orgs import selectors as org_selectors
from returnee_home.orgs.models import Home, Role
from returnee_home.orgs.views.scoping import workspace_view

S = Application.State


def _require_province(request: HttpRequest) -> None:
    if not org_selectors.is_province_admin(request.user):
        raise PermissionDenied


@workspace_view
def workbench(request: HttpRequest) -> HttpResponse:
    """What awaits the person in the naming workflow, overdue steps highlighted."""
    user = request.user
    context = selectors.workbench(user)
    context.update(
        {
            "open_batches": list(selectors.open_batches()),
            "carriers": selectors.managed_carriers(user),
            "is_province": org_selectors.is_province_admin(user),
            "is_city": org_selectors.is_city_admin(user),
        }
    )
    return render(request, "naming/workbench.html", context)


# --- Batches ---------------------------------------------------------------------------


@workspace_view
def batch_list(request: HttpRequest) -> HttpResponse:
    _require_province(request)
    form = BatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            batch = actions.batch_open(
                actor=request.user,
                year=data["year"],
                number=data["number"],
                title_zh=data["title_zh"],
                title_en=data["title_en"],
                application_deadline=data["application_deadline"],
                notice_working_days=data["notice_working_days"],
                carrier_kinds=data["carrier_kinds"],
                scoring_scheme=form.scheme(),
                notice_text_zh=data["notice_text_zh"],
                notice_text_en=data["notice_text_en"],
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The batch is open for applications."))
            return redirect("naming:batch_detail", pk=batch.pk)
    return render(
        request,
        "naming/batch_list.html",
        {"batches": list(selectors.batches()), "form": form},
        status=400 if request.method == "POST" else 200,
    )


@workspace_view
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A batch's applications as the person may see them, and the batch-level steps."""
    user = request.user
    batch = selectors.batch_by_pk(pk)
    applications = list(selectors.batch_applications(batch, user))
    is_province = org_selectors.is_province_admin(user)
    is_city = org_selectors.is_city_admin(user)
    if not (is_province or is_city or selectors.managed_carriers(user) or applications):
        raise PermissionDenied
    objections_open = is_province and any(
        a.objections.filter(status="open").exists() for a in applications if a.state == S.IN_NOTICE
    )
    context = {
        "batch": batch,
        "applications": applications,
        "is_province": is_province,
        "is_city": is_city,
        "recommended": selectors.recommended_for_summary(user, batch) if is_city else [],
        "summaries": list(selectors.summaries_for(user, batch)) if (is_city or is_province) else [],
        "summary_form": SummaryForm(),
        "startable": [c for c in selectors.managed_carriers(user) if c.kind in batch.carrier_kinds],
        "inspected": sum(1 for a in applications if a.state == S.INSPECTED),
        "in_notice": sum(1 for a in applications if a.state == S.IN_NOTICE),
        "objections_open": objections_open,
    }
    return render(request, "naming/batch_detail.html", context)


def _batch_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    batch = selectors.batch_by_pk(pk)
    try:
        if step == "close":
            actions.batch_close(actor=request.user, batch=batch)
            messages.success(request, _("The batch is closed to applications."))
        elif step == "publish":
            actions.notice_publish(actor=request.user, batch=batch)
            messages.success(request, _("The public notice is published."))
        elif step == "name":
            named = actions.batch_name(actor=request.user, batch=batch)
            messages.success(request, _("%(count)d Homes have been named.") % {"count": len(named)})
    except ApplicationError as error:
        if error.status == 403:
            raise PermissionDenied from error
        messages.error(request, str(error.message))
    return redirect("naming:batch_detail", pk=batch.pk)


@require_POST
@workspace_view
def batch_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _batch_step(request, pk, "close")


@require_POST
@workspace_view
def notice_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _batch_step(request, pk, "publish")


@require_POST
@workspace_view
def batch_name(request: HttpRequest, pk: int) -> HttpResponse:
    return _batch_step(request, pk, "name")


@require_POST
@workspace_view
def application_start(request: HttpRequest, pk: int) -> HttpResponse:
    batch = selectors.batch_by_pk(pk)
    carriers = {str(c.pk): c for c in selectors.managed_carriers(request.user)}
    carrier = carriers.get(request.POST.get("carrier", ""))
    if carrier is None:
        raise PermissionDenied
    try:
        application = actions.application_start(actor=request.user, batch=batch, carrier=carrier)
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect("naming:batch_detail", pk=batch.pk)
    return redirect("naming:application_edit", pk=application.pk)


@require_POST
@workspace_view
def summary_submit(request: HttpRequest, pk: int) -> HttpResponse:
    batch = selectors.batch_by_pk(pk)
    memberships = org_selectors.memberships_of(request.user)
    bureau = next((m.organisation for m in memberships if m.role == Role.CITY_ADMIN), None)
    if bureau is None:
        raise PermissionDenied
    form = SummaryForm(request.POST)
    form.is_valid()
    try:
        summary = actions.summary_submit(
            actor=request.user, batch=batch, city=bureau.city, **form.cleaned_data
        )
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect("naming:batch_detail", pk=batch.pk)
    messages.success(request, _("The summary form has been submitted to the province."))
    return redirect("naming:summary_detail", pk=summary.pk)


@workspace_view
def summary_detail(request: HttpRequest, pk: int) -> HttpResponse:
    summary = selectors.summary_for(request.user, pk)
    return render(request, "naming/summary_detail.html", {"summary": summary})


@workspace_view
def summary_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    summary = selectors.summary_for(request.user, pk)
    name = f"summary-{summary.batch.year}-{summary.batch.number}-{summary.city.code}-{summary.sequence}"
    if fmt == "docx":
        return _download(exports.summary_docx(summary), f"{name}.docx", exports.DOCX_TYPE)
    return _download(exports.summary_xlsx(summary), f"{name}.xlsx", exports.XLSX_TYPE)


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- One application -------------------------------------------------------------------


def _detail_context(request: HttpRequest, application: Application) -> dict[str, Any]:
    user = request.user
    is_province = org_selectors.is_province_admin(user)
    steps = workflow.available(user, application)
    reason_steps = [
        t
        for t in steps
        if t.name
        in (
            "city_accept",
            "city_return",
            "city_not_recommend",
            "material_pass",
            "material_return",
            "reject",
            "city_recommend",
        )
    ]
    context: dict[str, Any] = {
        "application": application,
        "conditions": _condition_rows(application.conditions),
        "events": _event_rows(application),
        "steps": reason_steps,
        "reason_form": ReasonForm(),
        "can_edit": application.is_editable
        and workflow.actor_kind_allowed(user, application, workflow.CARRIER),
        "can_submit": any(t.name == "submit" for t in steps),
        "can_visit": application.state in (S.CITY_ACCEPTED, S.RETURNED_TO_CITY)
        and workflow.actor_kind_allowed(user, application, workflow.CITY),
        "can_inspect": any(t.name == "inspect" for t in steps),
        "can_assign": any(t.name == "experts_assign" for t in steps),
        "can_close_evaluation": any(t.name == "evaluation_close" for t in steps),
        "is_province": is_province,
        "is_expert_only": not (
            is_province
            or workflow.actor_kind_allowed(user, application, workflow.CITY)
            or application.carrier_id in org_selectors.member_organisation_ids(user)
        ),
        "visits": [
            {"visit": v, "findings": _findings_rows(v.condition_findings)}
            for v in application.site_visits.all()
        ],
        "overdue": workflow.is_overdue(application),
    }
    if is_province:
        context["assignments"] = list(selectors.assignments_of(application))
        context["objections"] = [
            {"objection": o, "form": ObjectionAnswerForm(prefix=f"o{o.pk}")}
            for o in selectors.objections_of(application)
        ]
        if context["can_assign"]:
            context["experts_form"] = ExpertsForm(experts=selectors.experts_available(application))
    return context


def _event_rows(application: Application) -> list[dict[str, Any]]:
    """The history with each step and state named in the reader's language."""
    states = dict(Application.State.choices)
    return [
        {
            "event": e,
            "step": workflow.TRANSITIONS[e.transition].label
            if e.transition in workflow.TRANSITIONS
            else e.transition,
            "from_state": states.get(e.from_state, e.from_state),
            "to_state": states.get(e.to_state, e.to_state),
        }
        for e in selectors.application_events(application)
    ]


def _findings_rows(findings: dict[str, str]) -> list[tuple[Any, str]]:
    return [(label, findings[key]) for key, label in CONDITIONS if findings.get(key)]


def _condition_rows(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The six conditions as stored, each detail in the reader's language where stored."""
    key_of_language = cond.detail_key(get_language() or "")
    rows = []
    for key, label in CONDITIONS:
        result = results.get(key, {"status": "not_met", "detail": ""})
        rows.append(
            {
                **result,
                "key": key,
                "label": label,
                "detail": result.get(key_of_language) or result.get("detail", ""),
            }
        )
    return rows


@workspace_view
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(request.user, pk)
    context = _detail_context(request, application)
    if context["is_expert_only"]:
        # Experts read the form through their scoring page.
        return redirect("naming:expert_queue")
    return render(request, "naming/application_detail.html", context)


def _forms(request: HttpRequest, application: Application) -> tuple[Any, Any, Any]:
    data = request.POST if request.method == "POST" else None
    form = ApplicationForm(data, instance=application)
    staff = StaffFormSet(data, initial=None if data else staff_initial(application), prefix="staff")
    windows = WindowFormSet(
        data, initial=None if data else window_initial(application), prefix="win"
    )
    return form, staff, windows


@workspace_view
def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The basic information form (Attachment 1) with live condition checks."""
    application = selectors.application_for(request.user, pk)
    if not workflow.actor_kind_allowed(request.user, application, workflow.CARRIER):
        raise PermissionDenied
    if not application.is_editable:
        messages.error(request, _("The application is locked while it is reviewed."))
        return redirect("naming:application_detail", pk=application.pk)
    form, staff, windows = _forms(request, application)
    if request.method == "POST" and form.is_valid() and staff.is_valid() and windows.is_valid():
        try:
            actions.application_update(
                actor=request.user,
                application=application,
                values=form.values(),
                equipment=form.equipment(),
                staff=[f.cleaned_data for f in staff.forms if f.cleaned_data],
                windows=[f.cleaned_data for f in windows.forms if f.cleaned_data],
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The basic information form has been saved."))
            return redirect("naming:application_edit", pk=application.pk)
    application.refresh_from_db()
    context = {
        "application": application,
        "form": form,
        "staff": staff,
        "windows": windows,
        "conditions": _condition_rows(application.conditions),
        "evidence_form": EvidenceForm(),
        "evidence": list(application.evidence.filter(site_visit__isnull=True)),
        "figures": cond.platform_figures(application.home),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "naming/application_edit.html", context, status=status)


@require_POST
@workspace_view
def application_conditions(request: HttpRequest, pk: int) -> HttpResponse:
    """HTMX: the six conditions evaluated on the form as it is now (nothing is saved)."""
    application = selectors.application_for(request.user, pk)
    if not workflow.actor_kind_allowed(request.user, application, workflow.CARRIER):
        raise PermissionDenied
    form, staff, windows = _forms(request, application)
    form.is_valid(), staff.is_valid(), windows.is_valid()
    data = form.cleaned_data

    def number(name: str) -> int | None:
        return data.get(name) if isinstance(data.get(name), int) else None

    facts = cond.FormFacts(
        person_times_declared=number("person_times_declared"),
        display_area=number("display_area"),
        exchange_area=number("exchange_area"),
        public_service_area=number("public_service_area"),
        staff=[
            f.cleaned_data
            for f in staff.forms
            if getattr(f, "cleaned_data", None)
            and f.cleaned_data.get("name")
            and not f.cleaned_data.get("delete")
        ],
        windows=[
            f.cleaned_data
            for f in windows.forms
            if getattr(f, "cleaned_data", None)
            and f.cleaned_data.get("number")
            and not f.cleaned_data.get("delete")
        ],
        equipment={k: v for k, v in form.equipment().items() if isinstance(v, int)},
        rules_items=data.get("rules_items", ""),
        rules_procedures=data.get("rules_procedures", ""),
        rules_management=data.get("rules_management", ""),
        rules_published_where=data.get("rules_published_where", ""),
        demands_collected=number("demands_collected") or 0,
        matches_made=number("matches_made") or 0,
        evidence_conditions={e.condition for e in application.evidence.all() if e.condition},
    )
    results = cond.evaluate(facts, cond.platform_figures(application.home))
    rows = _condition_rows({r.key: r.as_dict() for r in results})
    return render(request, "naming/includes/conditions.html", {"conditions": rows, "live": True})


@require_POST
@workspace_view
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(request.user, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.evidence_add(
                actor=request.user,
                application=application,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                condition=form.cleaned_data["condition"],
            )
        except ApplicationError as error:
            if error.status == 403:
                raise PermissionDenied from error
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The evidence has been added."))
    else:
        messages.error(request, _("Describe the evidence and choose a file."))
    return redirect("naming:application_edit", pk=application.pk)


@workspace_view
def evidence_file(request: HttpRequest, pk: int, evidence_id: int) -> HttpResponse:
    """Serve an evidence file to those who may see the application (private storage)."""
    application = selectors.application_for(request.user, pk)
    evidence = Evidence.objects.filter(pk=evidence_id, application=application).first()
    if evidence is None:
        raise PermissionDenied
    response = FileResponse(evidence.file.open("rb"), content_type=evidence.content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@workspace_view
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(request.user, pk)
    try:
        actions.application_submit(actor=request.user, application=application)
    except ApplicationError as error:
        if error.status == 403:
            raise PermissionDenied from error
        messages.error(request, str(error.message))
        return redirect("naming:application_edit", pk=application.pk)
    messages.success(request, _("The application has been submitted to the city bureau."))
    return redirect("naming:application_detail", pk=application.pk)


@require_POST
@workspace_view
def application_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """The reviewers' steps that record a reason."""
    application = selectors.application_for(request.user, pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    reason = form.cleaned_data.get("reason", "")
    try:
        if step == "city_recommend":
            actions.application_recommend(
                actor=request.user, application=application, reason=reason
            )
        else:
            actions.application_step(
                actor=request.user, application=application, name=step, reason=reason
            )
    except ApplicationError as error:
        if error.status == 403:
            raise PermissionDenied from error
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The step has been recorded."))
    return redirect("naming:application_detail", pk=application.pk)


@workspace_view
def site_visit(request: HttpRequest, pk: int, stage: str) -> HttpResponse:
    """The city's site visit, or the province's inspection with findings per condition."""
    application = selectors.application_for(request.user, pk)
    if stage not in SiteVisit.Stage.values:
        raise PermissionDenied
    actor = workflow.CITY if stage == SiteVisit.Stage.CITY else workflow.PROVINCE
    if not workflow.actor_kind_allowed(request.user, application, actor):
        raise PermissionDenied
    form = SiteVisitForm(request.POST or None, request.FILES or None, stage=stage)
    if request.method == "POST" and form.is_valid():
        photo = form.cleaned_data.get("photo")
        try:
            actions.site_visit_record(
                actor=request.user,
                application=application,
                stage=stage,
                visited_on=form.cleaned_data["visited_on"],
                visitors=form.cleaned_data["visitors"],
                findings=form.cleaned_data["findings"],
                condition_findings=form.condition_findings(),
                photos=[photo] if photo else [],
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The visit has been recorded."))
            return redirect("naming:application_detail", pk=application.pk)
    return render(
        request,
        "naming/site_visit.html",
        {"application": application, "form": form, "stage": stage},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@workspace_view
def experts_assign(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(request.user, pk)
    _require_province(request)
    form = ExpertsForm(request.POST, experts=selectors.experts_available(application))
    if not form.is_valid():
        messages.error(request, _("Choose at least two experts."))
        return redirect("naming:application_detail", pk=application.pk)
    try:
        actions.experts_assign(actor=request.user, application=application, experts=form.chosen())
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The experts have been assigned and notified."))
    return redirect("naming:application_detail", pk=application.pk)


@require_POST
@workspace_view
def evaluation_close(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(request.user, pk)
    try:
        actions.evaluation_close(actor=request.user, application=application)
    except ApplicationError as error:
        if error.status == 403:
            raise PermissionDenied from error
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The evaluation is closed and the batch ranked."))
    return redirect("naming:application_detail", pk=application.pk)


@require_POST
@workspace_view
def objection_answer(request: HttpRequest, pk: int, objection_id: int) -> HttpResponse:
    application = selectors.application_for(request.user, pk)
    _require_province(request)
    objection = selectors.objections_of(application).filter(pk=objection_id).first()
    if objection is None:
        raise PermissionDenied
    form = ObjectionAnswerForm(request.POST, prefix=f"o{objection.pk}")
    if form.is_valid():
        try:
            actions.objection_answer(
                actor=request.user,
                objection=objection,
                upheld=form.cleaned_data["upheld"],
                answer=form.cleaned_data["answer"],
            )
        except ApplicationError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The objection has been answered."))
    else:
        messages.error(request, _("Choose the outcome and write the answer."))
    return redirect("naming:application_detail", pk=application.pk)


@workspace_view
def application_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    application = selectors.application_for(request.user, pk)
    name = f"basic-information-{application.batch.year}-{application.pk}"
    if fmt == "docx":
        return _download(exports.basic_form_docx(application), f"{name}.docx", exports.DOCX_TYPE)
    return _download(exports.basic_form_xlsx(application), f"{name}.xlsx", exports.XLSX_TYPE)


# --- Experts ------------------------------------------------------------------------------


@workspace_view
def expert_queue(request: HttpRequest) -> HttpResponse:
    if Role.EXPERT not in org_selectors.roles_of(request.user):
        raise PermissionDenied
    return render(
        request,
        "naming/expert_queue.html",
        {"assignments": list(selectors.expert_assignments(request.user))},
    )


@workspace_view
def expert_score(request: HttpRequest, pk: int) -> HttpResponse:
    """Declare no conflict of interest, then score each condition with comments."""
    assignment = selectors.expert_assignment_for(request.user, pk)
    application = selectors.application_for(request.user, assignment.application_id)
    initial = {f"score_{k}": v for k, v in assignment.scores.items()}
    initial.update({f"comment_{k}": v for k, v in assignment.comments.items()})
    form = ScoreForm(request.POST or None, scheme=application.batch.scoring_scheme, initial=initial)
    if request.method == "POST":
        try:
            if "declare" in request.POST:
                actions.assignment_declare(actor=request.user, assignment=assignment)
                messages.success(request, _("Your declaration has been recorded."))
                return redirect("naming:expert_score", pk=assignment.pk)
            if form.is_valid():
                actions.assignment_score(
                    actor=request.user,
                    assignment=assignment,
                    scores=form.scores(),
                    comments=form.comments(),
                )
                messages.success(request, _("Your scores have been submitted."))
                return redirect("naming:expert_queue")
        except ApplicationError as error:
            apply_to_form(form, error)
    return render(
        request,
        "naming/expert_score.html",
        {
            "assignment": assignment,
            "application": application,
            "conditions": _condition_rows(application.conditions),
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


# --- Annual assessment -----------------------------------------------------------------


def _year(request: HttpRequest) -> int:
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or this_year)
    except ValueError:
        year = this_year
    return min(max(year, 2000), this_year)


@workspace_view
def assessments(request: HttpRequest) -> HttpResponse:
    """The province's annual assessment of the named Homes, one year at a time."""
    _require_province(request)
    year = _year(request)
    return render(
        request,
        "naming/assessments.html",
        {
            "year": year,
            "years": list(range(timezone.localdate().year, 2020, -1)),
            "rows": selectors.assessment_rows(year),
            "form": AssessmentForm(),
        },
    )


@require_POST
@workspace_view
def assessment_record(request: HttpRequest, home_id: int) -> HttpResponse:
    _require_province(request)
    home = get_object_or_404(Home, pk=home_id)
    year = _year(request)
    form = AssessmentForm(request.POST)
    if form.is_valid():
        try:
            actions.assessment_record(
                actor=request.user,
                home=home,
                year=year,
                outcome=form.cleaned_data["outcome"],
                notes=form.cleaned_data["notes"],
            )
        except ApplicationError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The assessment has been recorded."))
    else:
        messages.error(request, _("Choose the outcome of the assessment."))
    return redirect(f"{reverse('naming:assessments')}?year={year}")
