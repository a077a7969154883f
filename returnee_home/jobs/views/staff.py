"""Staff pages: search the whole province's pool, imports (upload, progress, error report,
templates), staff introductions and the funnel figures."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from returnee_home.core.errors import ApplicationError, NotFoundError, apply_to_form
from returnee_home.jobs import funnel, imports, permissions, selectors, stats
from returnee_home.jobs.forms import ImportForm, IntroduceForm, SearchForm
from returnee_home.jobs.models import ImportKind, JobPosting
from returnee_home.orgs.views.scoping import workspace_view
from returnee_home.talent.models import TalentProfile

SEARCH_KINDS = ("postings", "demands", "projects")


def _staff_or_403(request: HttpRequest) -> None:
    if not permissions.is_staff(request.user):
        raise PermissionDenied


@workspace_view
def staff_search(request: HttpRequest) -> HttpResponse:
    """Staff of any Home search every published posting, demand and project (projects
    including those without a public page)."""
    _staff_or_403(request)
    kind = request.GET.get("kind", "postings")
    if kind not in SEARCH_KINDS:
        kind = "postings"
    filters = selectors.SearchFilters.from_mapping(request.GET)
    if kind == "postings":
        qs = selectors.search_postings(filters)
    elif kind == "demands":
        qs = selectors.search_demands(filters)
    else:
        qs = selectors.search_projects(filters, public_only=False)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "jobs/staff/search.html",
        {
            "form": SearchForm(request.GET or None),
            "kind": kind,
            "page_obj": page,
            "rows": list(page.object_list),
            "query_string": urlencode({**filters.as_params(), "kind": kind}),
        },
    )


@workspace_view
def import_list(request: HttpRequest) -> HttpResponse:
    _staff_or_403(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = imports.import_start(
                actor=request.user,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except ApplicationError as error:
            if error.status == 403:
                raise
            apply_to_form(form, error)
        else:
            return redirect("jobs:import", job.pk)
    rows = list(selectors.imports_for(request.user)[:50])
    return render(
        request,
        "jobs/staff/imports.html",
        {"form": form, "rows": rows, "kinds": ImportKind.choices},
        status=400 if request.method == "POST" else 200,
    )


@workspace_view
def import_detail(request: HttpRequest, import_id: int) -> HttpResponse:
    job = selectors.import_for(request.user, import_id)
    template = (
        "jobs/staff/_import_progress.html"
        if request.headers.get("HX-Request")
        else "jobs/staff/import.html"
    )
    return render(request, template, {"job": job, "errors": job.errors[:200]})


@workspace_view
@require_GET
def import_errors(request: HttpRequest, import_id: int) -> HttpResponse:
    job = selectors.import_for(request.user, import_id)
    response = HttpResponse(imports.error_report_csv(job), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-errors.csv"'
    return response


@workspace_view
@require_GET
def import_template(request: HttpRequest, kind: str, extension: str) -> HttpResponse:
    _staff_or_403(request)
    if kind not in ImportKind.values or extension not in ("xlsx", "csv"):
        raise NotFoundError()
    if extension == "xlsx":
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        body = imports.template_xlsx(kind)
    else:
        content_type = "text/csv; charset=utf-8"
        body = imports.template_csv(kind)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{kind}-template.{extension}"'
    return response


@workspace_view
def introduce(request: HttpRequest) -> HttpResponse:
    """A Home's staff introduces a talent to a posting (both sides are told)."""
    _staff_or_403(request)
    form = IntroduceForm(request.POST or None, initial=request.GET or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        posting = (
            JobPosting.objects.filter(pk=data["posting_id"]).select_related("employer").first()
        )
        profile = TalentProfile.objects.filter(pk=data["profile_id"]).first()
        if posting is None:
            form.add_error("posting_id", _("There is no posting with this number."))
        if profile is None:
            form.add_error("profile_id", _("There is no talent profile with this number."))
        if posting is not None and profile is not None:
            try:
                application = funnel.application_introduce(
                    actor=request.user, posting=posting, profile=profile, note=data["note"]
                )
            except ApplicationError as error:
                apply_to_form(form, error)
            else:
                messages.success(request, _("The introduction is recorded; both sides are told."))
                return redirect("jobs:candidate", application.pk)
    return render(
        request,
        "jobs/staff/introduce.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@workspace_view
def staff_funnel(request: HttpRequest) -> HttpResponse:
    """Matched → hired and interest → landed, by Home, city, industry or channel."""
    _staff_or_403(request)
    group = request.GET.get("by", "city")
    if group not in stats.GROUPS:
        group = "city"
    applications = selectors.staff_applications(request.user)
    interests = selectors.interests_visible_to(request.user)
    return render(
        request,
        "jobs/staff/funnel.html",
        {
            "group": group,
            "groups": [
                ("home", _("Home")),
                ("city", _("City")),
                ("industry", _("Industry")),
                ("channel", _("Channel")),
            ],
            "people": stats.application_funnel(applications, group),
            "projects": stats.project_funnel(interests, group),
            "recent": list(applications.order_by("-updated_at")[:20]),
        },
    )
