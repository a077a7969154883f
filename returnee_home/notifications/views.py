from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from returnee_home.notifications.models import Notification


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    items = Notification.objects.filter(recipient=request.user)[:50]
    return render(request, "notifications/inbox.html", {"items": items})
