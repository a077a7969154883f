"""Online requests: the applicant's pages (start, list, timeline, supplement, withdraw), the
staff workbench and request page, and the permission-checked file downloads."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from returnee_home.core.errors import ApplicationError, NotFoundError, apply_to_form
from returnee_home.core.workdays import working_days_between
from returnee_home.orgs.views.scoping import workspace_view
from returnee_home.services import actions, selectors, workflow
from returnee_home.services.forms import RequestForm, StaffStepForm, SupplementForm
from returnee_home.services.models import RequestState

WORKBENCH_PAGE_SIZE = 25


def _due(request_obj: Any, today: Any) -> int | None:
    """Working days until the due date (negative: overdue), for open requests."""
    if request_obj.due_on is None or not request_obj.is_open:
        return None
    return working_days_between(today, request_obj.due_on)


# --- Applicant ----------------------------------------------------------------------------


@workspace_view
@require_http_methods(["GET", "POST"])
def request_start(request: HttpRequest, slug: str) -> HttpResponse:
    """The item's request form: pick a Home offering it, describe, upload, submit."""
    item = selectors.item_by_slug(slug)
    homes = selectors.homes_offering(item)
    if not item.is_online or not item.public_offerings:
        messages.error(request, _("This service cannot be requested online."))
        return redirect("services:item", slug=slug)
    if request.method == "POST":
        form = RequestForm(request.POST, request.FILES, item=item, homes=homes)
        if form.is_valid():
            try:
                created = actions.request_create(
                    applicant=request.user,
                    item=item,
                    home=form.cleaned_data["home"],
                    description=form.cleaned_data["description"],
                    files=form.material_files(),
                    idempotency_key=form.cleaned_data["token"],
                    submit=True,
                )
            except ApplicationError as error:
                apply_to_form(form, error)
            else:
                messages.success(
                    request,
                    _("Your request has been submitted. Case number: %(case)s")
                    % {"case": created.case_number},
                )
                return redirect("services:my_request", request_id=created.pk)
    else:
        initial = {}
        chosen = request.GET.get("home", "")
        if chosen.isdigit() and homes.filter(pk=int(chosen)).exists():
            initial["home"] = int(chosen)
        elif len(homes) == 1:
            initial["home"] = homes[0].pk
        form = RequestForm(initial=initial, item=item, homes=homes)
    return render(request, "services/request_form.html", {"item": item, "form": form})


@workspace_view
def my_requests(request: HttpRequest) -> HttpResponse:
    rows = selectors.requests_of(request.user)
    page = Paginator(rows, WORKBENCH_PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for row in page.object_list:
        row.due_in = _due(row, today)
        row.overdue_by = -row.due_in if row.due_in else 0
    return render(
        request, "services/my_requests.html", {"page_obj": page, "requests": page.object_list}
    )


@workspace_view
@require_http_methods(["GET", "POST"])
def my_request(request: HttpRequest, request_id: int) -> HttpResponse:
    """The applicant's request: facts, materials, timeline; supplement when asked."""
    case = selectors.request_of_applicant(request.user, request_id)
    form = SupplementForm(item=case.item)
    if request.method == "POST":
        form = SupplementForm(request.POST, request.FILES, item=case.item)
        if form.is_valid():
            extra = [form.cleaned_data["extra"]] if form.cleaned_data.get("extra") else []
            try:
                actions.request_resubmit(
                    actor=request.user,
                    request=case,
                    message=form.cleaned_data["message"],
                    files=form.material_files(),
                    extra_files=extra,
                )
            except ApplicationError as error:
                apply_to_form(form, error)
            else:
                messages.success(request, _("Your supplement has been sent to the Home."))
                return redirect("services:my_request", request_id=case.pk)
    context = {
        "case": case,
        "form": form,
        "can_supplement": case.state == RequestState.NEEDS_MORE,
        "can_withdraw": "withdraw" in workflow.allowed_steps(case.state, workflow.APPLICANT),
        "can_submit": case.state == RequestState.DRAFT,
        "due_in": _due(case, timezone.localdate()),
    }
    context["overdue_by"] = -context["due_in"] if context["due_in"] else 0
    return render(request, "services/my_request.html", context)


@workspace_view
@require_POST
def my_request_step(request: HttpRequest, request_id: int, step: str) -> HttpResponse:
    """Withdraw or submit (a draft) from the applicant's request page."""
    case = selectors.request_of_applicant(request.user, request_id)
    try:
        if step == "withdraw":
            actions.request_withdraw(
                actor=request.user, request=case, message=request.POST.get("message", "")
            )
            messages.success(request, _("Your request has been withdrawn."))
        elif step == "submit":
            actions.request_submit(actor=request.user, request=case)
            messages.success(request, _("Your request has been submitted."))
        else:
            raise Http404
    except ApplicationError as error:
        messages.error(request, str(error.message))
    return redirect("services:my_request", request_id=case.pk)


# --- Staff --------------------------------------------------------------------------------


@workspace_view
def workbench_index(request: HttpRequest) -> HttpResponse:
    homes = selectors.staff_homes(request.user)
    if not homes:
        raise NotFoundError()
    return redirect("services:workbench", home_id=homes[0].pk)


@workspace_view
def workbench(request: HttpRequest, home_id: int) -> HttpResponse:
    """The Home's open requests, overdue first, then by due date; filter by state and item."""
    homes = selectors.staff_homes(request.user)
    home = next((h for h in homes if h.pk == home_id), None)
    if home is None:
        raise NotFoundError()
    state = request.GET.get("state", "")
    state = state if state in RequestState.values else ""
    item_id = request.GET.get("item", "")
    item_id_int = int(item_id) if item_id.isdigit() else None
    rows = selectors.workbench_requests(request.user, home=home, state=state, item_id=item_id_int)
    page = Paginator(rows, WORKBENCH_PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for row in page.object_list:
        row.due_in = _due(row, today)
        row.overdue_by = -row.due_in if row.due_in else 0
    offered = selectors.offerings_for_home(home)
    params = {k: v for k, v in (("state", state), ("item", item_id_int)) if v}
    context = {
        "home": home,
        "homes": homes,
        "page_obj": page,
        "requests": page.object_list,
        "states": [s for s in RequestState if s != RequestState.DRAFT],
        "state": state,
        "items": [o.item for o in offered],
        "item_id": item_id_int,
        "query_string": urlencode(params),
    }
    return render(request, "services/workbench.html", context)


def _step_forms(case: Any, data: Any = None, files: Any = None, bound: str = "") -> dict[str, Any]:
    targets = selectors.transfer_targets(case)
    forms = {}
    for step in workflow.allowed_steps(case.state, workflow.STAFF):
        if step == "transfer" and not targets.exists():
            continue
        forms[step] = StaffStepForm(
            data if step == bound else None,
            files if step == bound else None,
            step=step,
            targets=targets,
            prefix=step,
        )
    return forms


@workspace_view
@require_http_methods(["GET", "POST"])
def staff_request(request: HttpRequest, request_id: int) -> HttpResponse:
    """A request at the person's Home: facts, materials, timeline, and the allowed steps."""
    case = selectors.request_for_staff(request.user, request_id)
    bound = ""
    if request.method == "POST":
        bound = request.POST.get("step", "")
        if bound not in workflow.STAFF_STEPS:
            raise Http404
        forms = _step_forms(case, request.POST, request.FILES, bound)
        form = forms.get(bound)
        if form is None:
            messages.error(
                request,
                _("This step is not possible while the request is “%(state)s”.")
                % {"state": case.get_state_display()},
            )
            return redirect("services:staff_request", request_id=case.pk)
        if form.is_valid():
            kwargs: dict[str, Any] = {"actor": request.user, "request": case}
            kwargs["message"] = form.cleaned_data.get("message", "")
            if bound == "transfer":
                kwargs["to_home"] = form.cleaned_data["to_home"]
            if bound == "complete":
                kwargs["result_document"] = form.cleaned_data.get("result_document")
            try:
                actions.STAFF_ACTIONS[bound](**kwargs)
            except ApplicationError as error:
                apply_to_form(form, error)
            else:
                messages.success(
                    request, _("Done: %(step)s.") % {"step": workflow.step_label(bound)}
                )
                if bound == "transfer" or not selectors.is_staff_of(request.user, case.home_id):
                    return redirect("services:workbench_index")
                return redirect("services:staff_request", request_id=case.pk)
    else:
        forms = _step_forms(case)
    context = {
        "case": case,
        "forms": forms,
        "bound": bound,
        "due_in": _due(case, timezone.localdate()),
    }
    context["overdue_by"] = -context["due_in"] if context["due_in"] else 0
    return render(request, "services/staff_request.html", context)


# --- Files --------------------------------------------------------------------------------


@workspace_view
def upload_file(request: HttpRequest, upload_id: int) -> FileResponse:
    upload = selectors.upload_for(request.user, upload_id)
    return FileResponse(
        upload.file.open("rb"), as_attachment=True, filename=upload.original_name or "document"
    )


@workspace_view
def result_file(request: HttpRequest, request_id: int) -> FileResponse:
    case = selectors.request_with_result(request.user, request_id)
    return FileResponse(
        case.result_document.open("rb"),
        as_attachment=True,
        filename=f"{case.case_number}-result",
    )


def workbench_url(home_id: int) -> str:
    return reverse("services:workbench", kwargs={"home_id": home_id})
