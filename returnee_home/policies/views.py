"""Pages of the policy library: public search and policy pages (cached for visitors), the
benefits checker, and the workspace pages where admins import and edit policies, staff write
interpretations and admins describe benefits."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from returnee_home.core.cache import public_page
from returnee_home.core.errors import (
    ApplicationError,
    NotFoundError,
    PermissionDeniedError,
    apply_to_form,
)
from returnee_home.orgs.views.scoping import workspace_view
from returnee_home.policies import actions, selectors
from returnee_home.policies.entitlements import (
    Names,
    Outcome,
    evaluate_all,
    facts_from_answers,
    facts_from_profile,
)
from returnee_home.policies.forms import (
    AttachmentForm,
    BenefitForm,
    ConditionFormSet,
    EnglishRenderingForm,
    ImportForm,
    InterpretationForm,
    PolicyForm,
    PolicySearchForm,
    QuestionnaireForm,
)
from returnee_home.policies.models import Benefit, Policy

PAGE_SIZE = 20


# --- Public -----------------------------------------------------------------------------


def _filters(form: PolicySearchForm) -> selectors.PolicyFilters:
    if not form.is_bound or not form.is_valid():
        return selectors.PolicyFilters()
    data = form.cleaned_data
    return selectors.PolicyFilters(
        q=data.get("q") or "",
        level=data.get("level") or "",
        department=data.get("department"),
        theme=data.get("theme"),
        city=data.get("city"),
        status=data.get("status") or "",
        published_from=data.get("published_from"),
        published_to=data.get("published_to"),
    )


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, min(int(request.GET.get("page", "1")), 500))
    except ValueError:
        return 1


def _search_page(
    request: HttpRequest, *, published_only: bool, template: str, extra: dict[str, Any]
) -> HttpResponse:
    form = PolicySearchForm(
        request.GET or None,
        departments=selectors.departments() if published_only else None,
    )
    if not published_only:
        from returnee_home.policies.models import Department

        form.fields["department"].queryset = Department.objects.order_by("name_zh")
    filters = _filters(form)
    number = _page_number(request)
    results = selectors.search(
        filters,
        offset=(number - 1) * PAGE_SIZE,
        limit=PAGE_SIZE,
        published_only=published_only,
    )
    paginator = Paginator(range(results.total), PAGE_SIZE)
    page = paginator.get_page(number)
    query_string = request.GET.copy()
    query_string.pop("page", None)
    context = {
        "form": form,
        "results": results,
        "terms": results.query.terms,
        "page_obj": page,
        "query_string": query_string.urlencode(),
        "filtered": not filters.is_empty,
        **extra,
    }
    if request.headers.get("HX-Request") and not request.headers.get("HX-Boosted"):
        return render(request, "policies/includes/results.html", context)
    return render(request, template, context)


@public_page
def policy_list(request: HttpRequest) -> HttpResponse:
    """Search the library in Chinese or English, or browse it by its filters."""
    return _search_page(
        request, published_only=True, template="policies/list.html", extra={"public": True}
    )


@public_page
def policy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        policy = selectors.public_policy(pk)
    except NotFoundError as exc:
        raise Http404 from exc
    names = Names.load() if policy.published_benefits else None
    return render(
        request,
        "policies/detail.html",
        {"policy": policy, "names": names, "can_edit": False},
    )


def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """A policy's attachment, for anyone when the policy is published, else for its admins."""
    try:
        attachment = selectors.attachment_for(request.user, pk)
    except NotFoundError as exc:
        raise Http404 from exc
    extension = attachment.file.name.rsplit(".", 1)[-1]
    return FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=True,
        filename=f"{attachment.title}.{extension}",
    )


def benefits(request: HttpRequest) -> HttpResponse:
    """Benefits a signed-in talent may qualify for, from their profile; a visitor (or a person
    without a talent profile) answers a short questionnaire instead."""
    profile = None
    if request.user.is_authenticated:
        from returnee_home.talent.models import TalentProfile

        profile = (
            TalentProfile.objects.filter(user=request.user)
            .prefetch_related(
                "educations__degree_level",
                "educations__country",
                "educations__discipline__parent",
                "work_experiences__country",
            )
            .first()
        )
    form = None
    facts = None
    if profile is not None and "questionnaire" not in request.GET:
        facts = facts_from_profile(profile)
    else:
        form = QuestionnaireForm(request.GET if "questionnaire" in request.GET else None)
        if form.is_bound and form.is_valid():
            facts = facts_from_answers(form.cleaned_data)
    results = []
    if facts is not None:
        results = evaluate_all(selectors.published_benefits(), facts, Names.load())
    return render(
        request,
        "policies/benefits.html",
        {
            "profile": profile,
            "form": form,
            "checked": facts is not None,
            "qualify": [r for r in results if r.outcome in (Outcome.MET, Outcome.UNVERIFIED)],
            "maybe": [r for r in results if r.outcome == Outcome.UNKNOWN],
            "not_qualifying": [r for r in results if not r.may_qualify],
        },
    )


# --- Workspace --------------------------------------------------------------------------


def _require_staff(request: HttpRequest) -> None:
    if not (selectors.can_manage_policies(request.user) or selectors.can_interpret(request.user)):
        raise PermissionDeniedError()


def _require_manager(request: HttpRequest) -> None:
    if not selectors.can_manage_policies(request.user):
        raise PermissionDeniedError()


@workspace_view
def manage_list(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    return _search_page(
        request,
        published_only=False,
        template="policies/manage_list.html",
        extra={"public": False, "can_manage": selectors.can_manage_policies(request.user)},
    )


@workspace_view
@require_http_methods(["GET", "POST"])
def manage_import(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    reports = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            files: list[tuple[str, bytes]] = []
            try:
                for upload in form.cleaned_data["files"]:
                    data = upload.read()
                    if upload.name.lower().endswith(".zip"):
                        files.extend(actions.read_zip(data))
                    else:
                        files.append((upload.name, data))
                reports = actions.policy_import_batch(
                    actor=request.user, files=files, publish=form.cleaned_data["publish"]
                )
            except ApplicationError as error:
                apply_to_form(form, error)
                status = error.status
        else:
            status = 400
    return render(
        request,
        "policies/manage_import.html",
        {
            "form": form,
            "reports": reports,
            "imported": sum(1 for r in reports or [] if r.ok),
            "failed": sum(1 for r in reports or [] if not r.ok),
        },
        status=status,
    )


@workspace_view
@require_http_methods(["GET", "POST"])
def manage_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_manager(request)
    policy = selectors.editable_policy(request.user, pk) if pk else None
    form = PolicyForm(request.POST or None, instance=policy)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("themes", "cities")}
        try:
            saved = actions.policy_save(
                actor=request.user,
                policy=policy,
                data=data,
                themes=list(form.cleaned_data["themes"]),
                cities=list(form.cleaned_data["cities"]),
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The policy has been saved."))
            return redirect("policies:manage_detail", saved.pk)
    return render(
        request,
        "policies/manage_edit.html",
        {"form": form, "policy": policy},
        status=400 if request.method == "POST" else 200,
    )


@workspace_view
def manage_detail(request: HttpRequest, pk: int) -> HttpResponse:
    policy = selectors.workspace_policy(request.user, pk)
    can_edit = selectors.can_edit_policy(request.user, policy)
    return render(
        request,
        "policies/manage_detail.html",
        {
            "policy": policy,
            "can_edit": can_edit,
            "can_interpret": selectors.can_interpret(request.user) or can_edit,
            "can_describe_benefits": selectors.can_manage_policies(request.user)
            and (can_edit or selectors.is_province_admin(request.user)),
            "attachment_form": AttachmentForm(),
            "english_form": EnglishRenderingForm(),
            "editable_benefits": {
                b.pk for b in policy.all_benefits if selectors.can_edit_benefit(request.user, b)
            },
        },
    )


@workspace_view
@require_POST
def manage_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    policy = selectors.editable_policy(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.attachment_add(
                actor=request.user,
                policy=policy,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except ApplicationError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The attachment has been added."))
    else:
        messages.error(request, _("Choose a file to attach."))
    return redirect("policies:manage_detail", policy.pk)


@workspace_view
@require_POST
def manage_english(request: HttpRequest, pk: int) -> HttpResponse:
    policy = selectors.editable_policy(request.user, pk)
    form = EnglishRenderingForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file."))
        return redirect("policies:manage_detail", policy.pk)
    upload = form.cleaned_data["file"]
    report = actions.policy_attach_english(
        actor=request.user, policy=policy, file_name=upload.name, data=upload.read()
    )
    if report.ok:
        messages.success(request, report.summary)
    else:
        messages.error(request, "; ".join(str(p) for p in report.problems))
    return redirect("policies:manage_detail", policy.pk)


@workspace_view
@require_http_methods(["GET", "POST"])
def interpretation_edit(
    request: HttpRequest, pk: int | None = None, policy_id: int | None = None
) -> HttpResponse:
    interpretation = selectors.interpretation_for_editing(request.user, pk) if pk else None
    policy = (
        interpretation.policy
        if interpretation
        else selectors.workspace_policy(request.user, policy_id or 0)
    )
    if not (
        selectors.can_interpret(request.user) or selectors.can_edit_policy(request.user, policy)
    ):
        raise PermissionDeniedError()
    form = InterpretationForm(request.POST or None, instance=interpretation)
    if request.method == "POST" and form.is_valid():
        try:
            actions.interpretation_save(
                actor=request.user,
                policy=policy,
                interpretation=interpretation,
                data=form.cleaned_data,
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The interpretation has been saved."))
            return redirect("policies:manage_detail", policy.pk)
    return render(
        request,
        "policies/interpretation_form.html",
        {"form": form, "policy": policy, "interpretation": interpretation},
        status=400 if request.method == "POST" else 200,
    )


def _condition_specs(formset: Any) -> list[actions.ConditionSpec]:
    specs = []
    for row in formset.cleaned_data:
        if not row or not row.get("kind"):
            continue
        specs.append(
            actions.ConditionSpec(
                kind=row["kind"],
                number=row.get("number"),
                degree_level=row.get("degree_level"),
                codes=row.get("codes") or [],
                overseas_only=bool(row.get("overseas_only")),
            )
        )
    return specs


def _condition_initial(benefit: Benefit | None) -> list[dict[str, Any]]:
    if benefit is None:
        return []
    return [
        {
            "kind": c.kind,
            "number": c.number,
            "degree_level": c.degree_level,
            "codes": ", ".join(str(x) for x in c.codes),
            "overseas_only": c.overseas_only,
        }
        for c in benefit.conditions.all()
    ]


@workspace_view
@require_http_methods(["GET", "POST"])
def benefit_edit(
    request: HttpRequest, pk: int | None = None, policy_id: int | None = None
) -> HttpResponse:
    _require_manager(request)
    benefit = selectors.benefit_for_editing(request.user, pk) if pk else None
    policy: Policy = (
        benefit.policy if benefit else selectors.workspace_policy(request.user, policy_id or 0)
    )
    form = BenefitForm(request.POST or None, instance=benefit)
    formset = ConditionFormSet(
        request.POST or None, prefix="conditions", initial=_condition_initial(benefit)
    )
    error_message = ""
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            saved = actions.benefit_save(
                actor=request.user,
                policy=policy,
                benefit=benefit,
                data=form.cleaned_data,
                conditions=_condition_specs(formset),
            )
        except ApplicationError as error:
            apply_to_form(form, error)
            error_message = str(error.message)
        else:
            messages.success(request, _("The benefit has been saved."))
            return redirect("policies:manage_detail", saved.policy_id)
    return render(
        request,
        "policies/benefit_form.html",
        {
            "form": form,
            "formset": formset,
            "policy": policy,
            "benefit": benefit,
            "error_message": error_message,
        },
        status=400 if request.method == "POST" else 200,
    )


@workspace_view
@require_POST
def benefit_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    benefit = selectors.benefit_for_editing(request.user, pk)
    step_action = {"publish": actions.benefit_publish, "withdraw": actions.benefit_withdraw}.get(
        step
    )
    if step_action is None:
        raise Http404
    try:
        step_action(actor=request.user, benefit=benefit)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        if step == "publish":
            messages.success(
                request,
                _("The benefit is published; talents who qualify will be notified."),
            )
        else:
            messages.success(request, _("The benefit has been withdrawn."))
    return redirect("policies:manage_detail", benefit.policy_id)
