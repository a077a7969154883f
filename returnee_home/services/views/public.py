"""Public catalogue pages: the list with filters and search, and one item's "tell once" page."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from returnee_home.core.cache import public_page
from returnee_home.core.errors import NotFoundError
from returnee_home.services import selectors
from returnee_home.services.forms import CatalogueFilterForm

PAGE_SIZE = 20


@public_page
def catalogue(request: HttpRequest) -> HttpResponse:
    """Active items by category, city (offered there) and text; HTMX swaps only the results."""
    form = CatalogueFilterForm(request.GET or None)
    category = city = None
    q = ""
    if form.is_bound and form.is_valid():
        category = form.cleaned_data["category"]
        city = form.cleaned_data["city"]
        q = form.cleaned_data["q"].strip()
    items = selectors.catalogue_items(category=category, city=city, q=q)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    params = {
        k: v
        for k, v in (
            ("q", q),
            ("category", category and category.code),
            ("city", city and city.code),
        )
        if v
    }
    context = {
        "form": form,
        "page_obj": page,
        "items": page.object_list,
        "query_string": urlencode(params),
        "filtered": bool(params),
        "categories": selectors.categories(),
    }
    if request.headers.get("HX-Request") == "true":
        return render(request, "services/includes/catalogue_results.html", context)
    return render(request, "services/catalogue.html", context)


@public_page
def item_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Everything about one item ("tell once") and every Home that offers it."""
    try:
        item = selectors.item_by_slug(slug)
    except NotFoundError as exc:
        raise Http404 from exc
    return render(request, "services/item_detail.html", {"item": item})
