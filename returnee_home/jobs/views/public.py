"""Public pages: search of postings, demands and showcased projects; a posting's page with its
JSON-LD; the JobPosting feed; a demand's page; a project's showcase. Anonymous visitors get
cached pages (core.cache), refreshed by every write through the actions."""

from typing import Any

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from returnee_home.core.cache import public_page
from returnee_home.core.errors import NotFoundError
from returnee_home.jobs import permissions, selectors
from returnee_home.jobs.forms import InterestForm, SaveSearchForm, SearchForm
from returnee_home.jobs.jsonld import as_script, posting_jsonld
from returnee_home.jobs.models import (
    Application,
    CooperationMode,
    JobPosting,
    ProjectAttachment,
    SearchKind,
)

PAGE_SIZE = 20
FEED_PAGE_SIZE = 200
COUNT_LIMIT = 1000


class CappedPaginator(Paginator):
    """Counts at most COUNT_LIMIT results (“more than 1,000”), so that a common keyword over
    the whole province's pool stops counting early; pages beyond the cap are not offered."""

    @property
    def count(self) -> int:  # type: ignore[override]
        if not hasattr(self, "_capped_count"):
            self._capped_count = self.object_list[: COUNT_LIMIT + 1].count()
        return min(self._capped_count, COUNT_LIMIT)

    @property
    def capped(self) -> bool:
        return self.count >= COUNT_LIMIT and self._capped_count > COUNT_LIMIT


def _page(request: HttpRequest, qs: Any) -> Any:
    return CappedPaginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def _search_page(request: HttpRequest, kind: str, qs: Any, template: str) -> HttpResponse:
    filters = selectors.SearchFilters.from_mapping(request.GET)
    page = _page(request, qs(filters))
    params = filters.as_params()
    return render(
        request,
        template,
        {
            "form": SearchForm(request.GET or None),
            "page_obj": page,
            "rows": list(page.object_list),
            "query_string": urlencode(params),
            "kind": kind,
            "has_filters": bool(params),
            "save_form": SaveSearchForm() if request.user.is_authenticated else None,
        },
    )


@public_page
def search(request: HttpRequest) -> HttpResponse:
    return _search_page(
        request, SearchKind.POSTINGS, selectors.search_postings, "jobs/search_postings.html"
    )


@public_page
def demands(request: HttpRequest) -> HttpResponse:
    return _search_page(
        request, SearchKind.DEMANDS, selectors.search_demands, "jobs/search_demands.html"
    )


@public_page
def projects(request: HttpRequest) -> HttpResponse:
    return _search_page(
        request, SearchKind.PROJECTS, selectors.search_projects, "jobs/search_projects.html"
    )


def _posting_context(request: HttpRequest, posting: JobPosting) -> dict[str, Any]:
    url = request.build_absolute_uri(reverse("jobs:posting", args=[posting.pk]))
    context: dict[str, Any] = {
        "posting": posting,
        "jsonld": as_script(posting_jsonld(posting, url)),
    }
    user = request.user
    if user.is_authenticated:
        context["application"] = Application.objects.filter(
            posting=posting, profile__user=user
        ).first()
        context["may_manage"] = permissions.may_manage_for(user, posting.employer)
    return context


@public_page
def posting(request: HttpRequest, posting_id: int) -> HttpResponse:
    try:
        found = selectors.posting_public(posting_id)
    except NotFoundError as exc:
        raise Http404 from exc
    return render(request, "jobs/posting.html", _posting_context(request, found))


@public_page
def feed(request: HttpRequest) -> HttpResponse:
    """Open postings as schema.org JobPosting objects, newest first, 200 a page (`?page=`)."""
    qs = selectors.public_postings().order_by("-published_at", "-id")
    page = Paginator(qs, FEED_PAGE_SIZE).get_page(request.GET.get("page"))
    base = request.build_absolute_uri(reverse("jobs:feed"))
    items = [
        posting_jsonld(p, request.build_absolute_uri(reverse("jobs:posting", args=[p.pk])))
        for p in page.object_list
    ]
    for item in items:
        item.pop("@context", None)
    body: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "DataFeed",
        "dateModified": items[0]["datePosted"] if items else None,
        "dataFeedElement": items,
        "page": page.number,
        "pages": page.paginator.num_pages,
    }
    if page.has_next():
        body["next"] = f"{base}?page={page.next_page_number()}"
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@public_page
def demand(request: HttpRequest, demand_id: int) -> HttpResponse:
    try:
        found = selectors.demand_public(demand_id)
    except NotFoundError as exc:
        raise Http404 from exc
    modes = [CooperationMode(m).label for m in found.cooperation_modes if m in CooperationMode]
    return render(request, "jobs/demand.html", {"demand": found, "mode_labels": modes})


def project(request: HttpRequest, project_id: int) -> HttpResponse:
    """A project's showcase page; signed-in organisations see the interest form."""
    user = request.user if request.user.is_authenticated else None
    try:
        found = selectors.project_showcase(project_id, user)
    except NotFoundError as exc:
        raise Http404 from exc
    organisations = permissions.interest_organisations(user) if user else []
    return render(
        request,
        "jobs/project.html",
        {
            "project": found,
            "is_owner": user is not None and found.owner.user_id == user.pk,
            "interest_form": InterestForm(organisations=organisations) if organisations else None,
        },
    )


def attachment(request: HttpRequest, attachment_id: int) -> HttpResponse:
    """A project's result file, for whoever may see the project's page."""
    found = ProjectAttachment.objects.filter(pk=attachment_id).first()
    if found is None:
        raise Http404
    user = request.user if request.user.is_authenticated else None
    try:
        selectors.project_showcase(found.project_id, user)
    except NotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(found.file.open("rb"), content_type=found.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    if not found.is_image:
        response["Content-Disposition"] = f'attachment; filename="project-{found.pk}.pdf"'
    return response
