"""The public portal: home page with the province map, the Homes directory, a Home's page.

Every view is cached for anonymous visitors (`@public_page`) and issues a fixed number of
queries on a miss."""

import json

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from returnee_home.alliance.selectors import offerings_for_home as alliance_offerings_for_home
from returnee_home.core.cache import public_page
from returnee_home.core.errors import NotFoundError
from returnee_home.orgs import province_map, selectors
from returnee_home.orgs.forms import DirectoryFilterForm
from returnee_home.orgs.models import Home
from returnee_home.services.selectors import offerings_for_home as service_offerings_for_home

DIRECTORY_PAGE_SIZE = 20

# json_script's escaping: nothing in the data can close the <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@public_page
def home(request: HttpRequest) -> HttpResponse:
    """What the platform is, its figures, the Homes and the province map."""
    cities = selectors.public_cities()
    counts = selectors.named_homes_per_city()
    featured = list(selectors.public_homes().order_by("-named_on", "city__sort_order", "code")[:6])
    directory = reverse("portal:homes")
    context = {
        "figures": selectors.public_figures(),
        "featured": featured,
        "map": province_map.map_context(cities, counts),
        "city_links": _city_links(cities, counts, directory),
        "directory_url": directory,
    }
    return render(request, "orgs/portal_home.html", context)


def _city_links(cities: list, counts: dict[int, int], directory: str) -> list[dict]:
    """The prefectures with their Homes (counties included), for the list beside the map."""
    totals: dict[int, int] = {}
    for city in cities:
        key = city.parent_id or city.pk
        totals[key] = totals.get(key, 0) + counts.get(city.pk, 0)
    return [
        {"city": c, "count": totals.get(c.pk, 0), "url": f"{directory}?city={c.slug}"}
        for c in cities
        if not c.parent_id
    ]


@public_page
def homes(request: HttpRequest) -> HttpResponse:
    """The directory of named Homes, filtered by city, carrier kind and text."""
    cities = selectors.public_cities()
    form = DirectoryFilterForm(request.GET or None, cities=cities)
    city = kind = q = None
    if form.is_bound and form.is_valid():
        city = form.selected_city()
        kind = form.cleaned_data["kind"]
        q = form.cleaned_data["q"].strip()
    queryset = selectors.directory_homes(city=city, kind=kind or "", q=q or "")
    page = Paginator(queryset, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    params = {k: v for k, v in (("city", city and city.slug), ("kind", kind), ("q", q)) if v}
    counts = selectors.named_homes_per_city()
    context = {
        # The map lists each city's Homes here: a marker filters the directory by its city.
        "map": province_map.map_context(cities, counts, city.pk if city else None),
        "directory_url": reverse("portal:homes"),
        "form": form,
        "page_obj": page,
        "homes": page.object_list,
        "selected_city": city,
        "query_string": urlencode(params),
        "filtered": bool(params),
    }
    return render(request, "orgs/homes.html", context)


def _json_ld(home: Home, request: HttpRequest) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOffice",
        "name": home.name,
        "alternateName": home.name_en if home.name == home.name_zh else home.name_zh,
        "url": request.build_absolute_uri(),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": home.address,
            "addressLocality": home.city.name,
            "addressRegion": "Jiangsu",
            "addressCountry": "CN",
        },
        "parentOrganization": {"@type": "Organization", "name": home.carrier.name},
    }
    if home.phone:
        data["telephone"] = home.phone
    if home.email:
        data["email"] = home.email
    if home.opening_hours:
        data["openingHours"] = home.opening_hours
    place = home if home.latitude is not None else home.city
    if place.latitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(place.latitude),
            "longitude": float(place.longitude),
        }
    return json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)


@public_page
def home_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A named Home's public page; other Homes answer 404."""
    try:
        home = selectors.public_home(slug)
    except NotFoundError as exc:
        raise Http404 from exc
    cities = selectors.public_cities()
    context = {
        "home": home,
        "service_offerings": service_offerings_for_home(home),
        "alliance_offerings": alliance_offerings_for_home(home),
        "windows": list(home.windows.all()),
        "services": list(home.service_categories.all()),
        "map": province_map.map_context(cities, {home.city_id: 1}, home.city_id),
        "json_ld": mark_safe(_json_ld(home, request)),  # noqa: S308 - escaped above
        "city_url": f"{reverse('portal:homes')}?{urlencode({'city': home.city.slug})}",
        "directory_url": reverse("portal:homes"),
    }
    return render(request, "orgs/home_detail.html", context)
