from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from returnee_home.core.cache import public_page
from returnee_home.orgs.selectors import public_homes


@public_page
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "orgs/portal_home.html", {"homes": public_homes()[:12]})


@public_page
def homes(request: HttpRequest) -> HttpResponse:
    return render(request, "orgs/homes.html", {"homes": public_homes()})


@public_page
def home_detail(request: HttpRequest, slug: str) -> HttpResponse:
    home = get_object_or_404(public_homes(), slug=slug)
    return render(request, "orgs/home_detail.html", {"home": home})
