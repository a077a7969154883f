from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from returnee_home.core.cache import public_page


@public_page
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/privacy.html")
