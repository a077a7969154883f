from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from returnee_home.orgs.selectors import memberships_of


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "orgs/workspace_home.html", {"memberships": memberships_of(request.user)})
